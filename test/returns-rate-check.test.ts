/**
 * The data check of each ledger entry's rate (every mode): the rate the data gives for
 * the entry's destination, category and date. Expected rates are the data's (FR books
 * 5.5 %, TEDB; DE books 7 %; NZ GST 15 % with half-down rounding, data/NZ.json); the
 * implied tax is net × that rate, rounded once to the entry currency's minor units.
 */
import { describe, expect, it } from "vitest";
import { summarizeReturn, type LedgerEntry } from "../src/index.js";

const entry = (over: Partial<LedgerEntry> & Record<string, unknown>): LedgerEntry =>
  ({ id: "S-1", date: "2026-10-05", destination: "FR", currency: "EUR", net: "20.00", tax: "4.00", rate: "0.2", type: "sale", ...over }) as LedgerEntry;
const eu = (entries: unknown[]) => summarizeReturn(entries as LedgerEntry[], { jurisdiction: "EU", period: "2026-10" });

describe("the rate check against the data", () => {
  it("reports books at 20 % to France as a discrepancy with the data's 5.5 % and the tax it implies, and keeps the entry at its recorded rate", () => {
    const s = eu([entry({ category: "books" })]);
    // FR books: 0.055 (data/EU/FR.json, TEDB); 20.00 × 0.055 = 1.10.
    expect(s.discrepancies).toEqual([
      {
        id: "S-1",
        field: "rate",
        recorded: "0.2",
        recomputed: "0.055",
        category: "books",
        expectedTax: "1.10",
        message: "recorded at rate 0.2; the data gives 0.055 for books in FR on 2026-10-05, which makes the tax EUR 1.10",
      },
    ]);
    expect(s.rows).toEqual([{ destination: "FR", rate: "0.2", taxableAmount: "20.00", tax: "4.00", count: 1 }]);
    expect(s.counts).toEqual({ input: 1, included: 1, rejected: 0, outsidePeriod: 0 });
  });

  it("accepts the data's rate however it is written, and checks nothing without a category", () => {
    expect(eu([entry({ category: "books", rate: "0.0550", tax: "1.10" }), entry({ id: "S-2", rate: "0.055", tax: "1.10" })]).discrepancies).toEqual([]);
  });

  it("looks up the destination's own rates: Monaco as France, DE books at 7 %, and the date's rules", () => {
    const s = eu([
      entry({ id: "M", destination: "MC", category: "standard", rate: "0.19", net: "10.00", tax: "1.90" }),
      entry({ id: "D", destination: "de", category: "books", rate: "0.19", net: "10.05", tax: "1.91" }),
    ]);
    expect(s.discrepancies.map((d) => [d.id, d.recorded, d.recomputed, d.expectedTax])).toEqual([
      ["M", "0.19", "0.2", "2.00"], // MC is taxed as FR: 20 %; 10.00 × 0.2
      ["D", "0.19", "0.07", "0.70"], // 10.05 × 0.07 = 0.7035 → 0.70
    ]);
  });

  it("rounds the implied tax as the jurisdiction rounds (NZ half-down: 0.10 × 0.15 = 0.015 → 0.01)", () => {
    const s = summarizeReturn([entry({ destination: "NZ", currency: "NZD", date: "2026-08-01", net: "0.10", tax: "0.00", rate: "0", category: "standard" })], { jurisdiction: "NZ", period: "2026-Q3" });
    expect(s.discrepancies.map((d) => [d.recomputed, d.expectedTax])).toEqual([["0.15", "0.01"]]);
  });

  it("checks a refund too, also when strictRefunds holds it until its sale is seen", () => {
    const refund = entry({ id: "R-1", type: "refund", originalId: "S-9", category: "books", date: "2026-10-06" });
    const s = summarizeReturn([refund, entry({ id: "S-9", category: "books", rate: "0.055", tax: "1.10" })] as LedgerEntry[], { jurisdiction: "EU", period: "2026-10", strictRefunds: true });
    expect(s.discrepancies.map((d) => [d.id, d.recomputed])).toEqual([["R-1", "0.055"]]);
    expect(s.counts.included).toBe(2);
  });

  it("rejects an unknown category with its reason, before it reaches a row", () => {
    const s = eu([entry({ category: "Books" }), entry({ id: "S-2", category: 7 as unknown as string })]);
    expect(s.rejected.map((r) => [r.id, r.reason, r.field])).toEqual([
      ["S-1", "UNKNOWN_CATEGORY", "category"],
      ["S-2", "UNKNOWN_CATEGORY", "category"],
    ]);
    expect(s.rejected[0]!.message).toMatch(/^category must be one of the SDK's categories \(standard, food, books, .*\), got "Books"$/);
    expect(s.rows).toEqual([]);
  });

  it("rejects a 10 MB field without carrying it into the summary", () => {
    const huge = "x".repeat(10 * 1024 * 1024);
    const s = eu([
      entry({ id: huge }),
      entry({ id: "C", category: huge }),
      entry({ id: "O", type: "refund", originalId: huge }),
      entry({ id: "N", net: huge }),
      entry({ id: "T", date: huge }),
    ]);
    expect(s.rejected.map((r) => [r.id.length, r.reason])).toEqual([
      [200, "INVALID_ID"],
      [1, "UNKNOWN_CATEGORY"],
      [1, "INVALID_ORIGINAL_ID"],
      [1, "INVALID_AMOUNT"],
      [1, "INVALID_DATE"],
    ]);
    expect(JSON.stringify(s).length).toBeLessThan(5000);
  });
});
