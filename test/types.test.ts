/**
 * QuoteInput codes as types (issue 16): a literal destination or category that is not in the
 * data fails to compile; a wide string still compiles and is checked at run time with the
 * same errors. The compile-time half is checked by tsc (`npm test` runs it) on the
 * `@ts-expect-error` lines below: each must be an error, or tsc fails.
 */
import { describe, expect, it } from "vitest";
import { quote, safeQuote, type Destination, type QuoteInput } from "../src/index.js";

const base = { date: "2026-11-02", currency: "EUR", lines: [{ unitPrice: "10.00", quantity: 1 }] };

describe("destination and category as string-literal unions from the data", () => {
  it("accepts known literals, and catches typos at compile time", () => {
    expect(quote({ ...base, destination: "FR", lines: [{ unitPrice: "10.00", quantity: 1, category: "books" }] }).lines[0]!.rate).toBe("0.055");
    expect(quote({ ...base, destination: "UK", currency: "GBP" }).jurisdiction).toBe("GB"); // aliases are codes too
    // @ts-expect-error "FX" is not a destination
    expect(safeQuote({ ...base, destination: "FX" }).ok).toBe(false);
    // @ts-expect-error "bookz" is not a category
    expect(safeQuote({ ...base, destination: "FR", lines: [{ unitPrice: "1", quantity: 1, category: "bookz" }] }).ok).toBe(false);
    const d: Destination = "MC";
    expect(quote({ ...base, destination: d }).taxedAs).toBe("FR");
  });

  it("still takes any string at run time, with the same errors", () => {
    const fromAForm: string = "fx";
    const r = safeQuote({ ...base, destination: fromAForm });
    expect(r.ok || [r.error.code, r.error.path]).toEqual(["UNKNOWN_DESTINATION", ["destination"]]);
    const category: string = "bookz";
    const c = safeQuote({ ...base, destination: "FR", lines: [{ unitPrice: "1", quantity: 1, category }] });
    expect(c.ok || [c.error.code, c.error.path]).toEqual(["UNKNOWN_CATEGORY", ["lines", 0, "category"]]);
    const input: QuoteInput = JSON.parse(`{"date":"2026-11-02","destination":"fr","currency":"EUR","lines":[{"unitPrice":"1","quantity":1}]}`);
    expect(quote(input).destination).toBe("FR");
  });
});
