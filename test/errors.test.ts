/** Bad input: a VatError with a stable code, the path of the bad field and a sentence a person understands. */
import { describe, expect, it } from "vitest";
import { VatError, quote, rulesFor, safeQuote, type QuoteInput } from "../src/index.js";

const ok: QuoteInput = { date: "2026-11-02", destination: "FR", currency: "EUR", lines: [{ unitPrice: "10.00", quantity: 1 }] };

function errorOf(input: unknown): VatError {
  const r = safeQuote(input as QuoteInput);
  if (r.ok) throw new Error("expected an error");
  return r.error;
}

describe("quote input errors", () => {
  it.each([
    [{ ...ok, lines: [{ unitPrice: "10.00", quantity: -1 }] }, "INVALID_INPUT", ["lines", 0, "quantity"], "lines[0].quantity must be a positive whole number, got -1"],
    [{ ...ok, lines: [{ unitPrice: "10.00", quantity: 1.5 }] }, "INVALID_INPUT", ["lines", 0, "quantity"], "got 1.5"],
    [{ ...ok, lines: [{ unitPrice: "1,50", quantity: 1 }] }, "INVALID_INPUT", ["lines", 0, "unitPrice"], 'got "1,50"'],
    [{ ...ok, lines: [{ unitPrice: " 12", quantity: 1 }] }, "INVALID_INPUT", ["lines", 0, "unitPrice"], "decimal string"],
    [{ ...ok, lines: [{ unitPrice: 1.5, quantity: 1 }] }, "INVALID_INPUT", ["lines", 0, "unitPrice"], "got 1.5"],
    [{ ...ok, lines: [{ unitPrice: "10.005", quantity: 1 }] }, "TOO_MANY_DECIMALS", ["lines", 0, "unitPrice"], "EUR has 2"],
    [{ ...ok, lines: [{ unitPrice: "10", quantity: 1, category: "toys" }] }, "UNKNOWN_CATEGORY", ["lines", 0, "category"], '"toys"'],
    [{ ...ok, lines: [] }, "INVALID_INPUT", ["lines"], "at least 1"],
    [{ ...ok, destination: "ZZ" }, "UNKNOWN_DESTINATION", ["destination"], '"ZZ"'],
    [{ ...ok, date: "2026-02-30" }, "INVALID_INPUT", ["date"], "2026-02-30"],
    [{ ...ok, date: "2021-06-30" }, "DATE_OUT_OF_RANGE", ["date"], "2021-07-01"],
    [{ ...ok, currency: "XXX" }, "UNSUPPORTED_CURRENCY", ["currency"], "XXX"],
    [{ ...ok, currency: "USD" }, "MISSING_EXCHANGE_RATE", ["exchangeRates", "USD/EUR"], "USD/EUR"],
    [{ ...ok, currency: "USD", exchangeRates: { "USD/EUR": "0" } }, "INVALID_INPUT", ["exchangeRates", "USD/EUR"], "positive exchange rate"],
    [{ ...ok, pricesIncludesTax: true }, "INVALID_INPUT", ["pricesIncludesTax"], "did you mean \"pricesIncludeTax\""],
    [{ ...ok, lines: [{ unitPrice: "1", quantity: 1, hsCode: "12" }] }, "INVALID_INPUT", ["lines", 0, "hsCode"], "6 to 10 digits"],
    [{ ...ok, lines: [{ unitPrice: {}, quantity: 1 }] }, "INVALID_INPUT", ["lines", 0, "unitPrice"], "got an object"],
    [{ ...ok, customer: { type: "robot" } }, "INVALID_INPUT", ["customer", "type"], '"consumer", "business"'],
  ])("%# rejects with %s", (input, code, path, text) => {
    const e = errorOf(input);
    expect(e).toBeInstanceOf(VatError);
    expect(e.code).toBe(code);
    expect(e.path).toEqual(path);
    expect(e.message).toContain(text);
  });

  it("rejects a non-object input", () => {
    expect(errorOf(null).code).toBe("INVALID_INPUT");
    expect(errorOf("FR").code).toBe("INVALID_INPUT");
  });

  it("throws from quote() and returns from safeQuote()", () => {
    expect(() => quote({ ...ok, destination: "ZZ" as string })).toThrow(VatError);
    expect(safeQuote(ok).ok).toBe(true);
  });
});

describe("rulesFor errors", () => {
  it("names the first covered date", () => {
    expect(() => rulesFor("AU", "2018-06-30")).toThrowError(/covered from 2018-07-01/);
    try {
      rulesFor("AU", "2018-06-30");
    } catch (e) {
      expect((e as VatError).code).toBe("DATE_OUT_OF_RANGE");
    }
  });
  it("rejects unknown codes and malformed dates", () => {
    expect(() => rulesFor("QQ", "2026-01-01")).toThrowError(expect.objectContaining({ code: "UNKNOWN_DESTINATION" }));
    expect(() => rulesFor("FR", "2026-1-1")).toThrowError(expect.objectContaining({ code: "INVALID_INPUT" }));
  });
});

it("documents every warning code the calculator can emit (docs/checkout.md)", async () => {
  const { readFileSync, readdirSync } = await import("node:fs");
  const { join } = await import("node:path");
  const dir = join(import.meta.dirname, "..", "src", "quote");
  const emitted = new Set(readdirSync(dir).flatMap((f) => [...readFileSync(join(dir, f), "utf8").matchAll(/code: "([A-Z_]+)"/g)].map((m) => m[1]!)));
  const doc = readFileSync(join(import.meta.dirname, "..", "docs", "checkout.md"), "utf8");
  expect(emitted.size).toBeGreaterThan(10);
  for (const code of emitted) expect(doc, code).toContain(`\`${code}\``);
});
