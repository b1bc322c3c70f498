/**
 * Returns by example: every expected figure is worked out by hand in the comment next
 * to it (converted amount = amount ÷ or × the rate picked by the jurisdiction's FX
 * rule; each row rounded once from its exact sum; totals = Σ rounded rows).
 */
import { describe, expect, it } from "vitest";
import {
  VatError,
  mergeReturnSummaries,
  quote,
  summarizeReturn,
  toLedgerEntries,
  toLedgerEntry,
  type LedgerEntry,
  type RejectedEntry,
  type ReturnExchangeRate,
  type ReturnSummary,
} from "../src/index.js";

const sale = (id: string, date: string, destination: string, currency: string, net: string, tax: string, rate: string, extra: Partial<LedgerEntry> = {}): LedgerEntry => ({
  id, date, destination, currency, net, tax, rate, type: "sale", ...extra,
});
const refund = (id: string, date: string, destination: string, currency: string, net: string, tax: string, rate: string, originalId?: string): LedgerEntry => ({
  id, date, destination, currency, net, tax, rate, type: "refund", ...(originalId ? { originalId } : {}),
});

/** The figures of a summary, without the provenance fields. */
const rows = (s: ReturnSummary) => s.rows.map((r) => [r.destination, r.rate, r.taxableAmount, r.tax, r.count]);
const reasons = (s: ReturnSummary) => s.rejected.map((r) => [r.id, r.reason]);

function vatError(f: () => unknown): VatError {
  try {
    f();
  } catch (e) {
    if (e instanceof VatError) return e;
    throw e;
  }
  throw new Error("expected a VatError");
}

/** ECB-style rates (1 EUR = rate X); 2026-10-31 is a Saturday, so Monday 2 November is the next publication day. */
const ECB: ReturnExchangeRate[] = [
  { date: "2026-10-30", from: "EUR", to: "USD", rate: "1.2" },
  { date: "2026-10-30", from: "EUR", to: "GBP", rate: "0.9" },
  { date: "2026-11-02", from: "EUR", to: "USD", rate: "1.25" },
  { date: "2026-11-02", from: "EUR", to: "GBP", rate: "0.8" },
];

/** The entries of examples/ledgers/eu-2026-10.csv (test/returns-cli.test.ts runs the file itself). */
const OCTOBER: LedgerEntry[] = [
  sale("S-0950", "2026-09-28", "DE", "USD", "25.00", "4.75", "0.19"),
  sale("S-1001", "2026-10-02", "FR", "EUR", "100.00", "20.00", "0.2"),
  sale("S-1002", "2026-10-03", "FR", "EUR", "20.00", "1.10", "0.055"),
  sale("S-1003", "2026-10-05", "MC", "EUR", "50.00", "10.00", "0.2"),
  sale("S-1004", "2026-10-08", "DE", "USD", "62.50", "11.88", "0.19"),
  sale("S-1005", "2026-10-09", "DE", "USD", "37.51", "7.13", "0.19"),
  sale("S-1006", "2026-10-12", "DE", "GBP", "40.00", "2.80", "0.07"),
  sale("S-1007", "2026-10-15", "IT", "EUR", "80.00", "17.60", "0.22"),
  sale("S-1009", "2026-10-16", "FR", "EUR", "12.345", "2.47", "0.2"),
  sale("S-1010", "2026-10-17", "GB", "GBP", "30.00", "6.00", "0.2"),
  sale("S-1011", "2026-10-18", "FR", "CHF", "10.00", "2.00", "0.2"),
  sale("S-1003", "2026-10-19", "MC", "EUR", "50.00", "10.00", "0.2"),
  refund("R-2001", "2026-10-20", "FR", "EUR", "100.00", "20.00", "0.2", "S-1001"),
  sale("S-1012", "2026-10-21", "IC", "EUR", "30.00", "0.00", "0"),
  refund("R-2002", "2026-10-22", "DE", "USD", "12.50", "2.38", "0.19", "S-0950"),
  refund("R-2003", "2026-10-25", "FR", "EUR", "10.00", "0.55", "0.055", "S-0800"),
  sale("S-1013", "2026-10-40", "FR", "EUR", "10.00", "2.00", "0.2"),
  sale("S-1008", "2026-11-01", "FR", "EUR", "40.00", "8.00", "0.2"),
];

describe("summarizeReturn: EU IOSS, monthly, ECB rate of the period's last day", () => {
  const s = summarizeReturn(OCTOBER, { jurisdiction: "EU", period: "2026-10", exchangeRates: ECB });

  it("gives the hand-computed return of the example ledger, per member state and rate", () => {
    expect(s.jurisdiction).toBe("EU");
    expect(s.period).toEqual({ name: "2026-10", from: "2026-10-01", to: "2026-11-01", lastDay: "2026-10-31" });
    expect(s.currency).toBe("EUR");
    expect(s.fx.source).toBe("ECB-LAST-DAY-OF-PERIOD");
    expect(rows(s)).toEqual([
      // DE 19 %: USD 62.50 + 37.51 = 100.01 sold, 12.50 refunded (R-2002), at 1.25 (2026-11-02):
      // net 100.01/1.25 − 12.50/1.25 = 80.008 − 10.00 = 70.008 → 70.01;
      // tax (11.88 + 7.13)/1.25 − 2.38/1.25 = 15.208 − 1.904 = 13.304 → 13.30. Three entries.
      ["DE", "0.19", "70.01", "13.30", 3],
      // DE 7 %: GBP 40.00 / 0.8 = 50.00, GBP 2.80 / 0.8 = 3.50.
      ["DE", "0.07", "50.00", "3.50", 1],
      // FR 20 %: FR 100.00 + MC 50.00 (Monaco is taxed as France) − refund 100.00 = 50.00; tax 20 + 10 − 20 = 10.00.
      ["FR", "0.2", "50.00", "10.00", 3],
      // FR 5.5 %: 20.00 − refund 10.00 = 10.00; tax 1.10 − 0.55 = 0.55.
      ["FR", "0.055", "10.00", "0.55", 2],
      ["IT", "0.22", "80.00", "17.60", 1],
    ]);
    // 70.01 + 50.00 + 50.00 + 10.00 + 80.00 = 260.01; 13.30 + 3.50 + 10.00 + 0.55 + 17.60 = 44.95
    expect(s.totals).toEqual({ taxableAmount: "260.01", tax: "44.95" });
  });

  it("shows refunds apart, positive, in the period of the refund", () => {
    expect(s.refunds.map((r) => [r.destination, r.rate, r.taxableAmount, r.tax, r.count])).toEqual([
      ["DE", "0.19", "10.00", "1.90"], // USD 12.50/1.25 = 10.00; 2.38/1.25 = 1.904 → 1.90
      ["FR", "0.2", "100.00", "20.00"],
      ["FR", "0.055", "10.00", "0.55"],
    ].map((r) => [...r, 1]));
  });

  it("accounts for every entry: 18 = 10 included + 6 rejected + 2 outside the period", () => {
    expect(s.counts).toEqual({ input: 18, included: 10, rejected: 6, outsidePeriod: 2 });
    expect(reasons(s)).toEqual([
      ["S-1009", "INVALID_AMOUNT"],
      ["S-1010", "OTHER_JURISDICTION"],
      ["S-1011", "MISSING_EXCHANGE_RATE"],
      ["S-1003", "DUPLICATE_ID"],
      ["S-1012", "OUTSIDE_VAT_AREA"],
      ["S-1013", "INVALID_DATE"],
    ]);
    expect(s.rejected.map((r) => r.index)).toEqual([8, 9, 10, 11, 13, 16]);
    expect(s.rejected[0]).toMatchObject({ field: "net", message: "net has 3 decimals but EUR has 2" });
  });

  it("warns about refunds whose sale is not in the entries (R-2003 of S-0800), and matches those whose sale is outside the period (R-2002 of S-0950)", () => {
    expect(s.warnings).toEqual([expect.objectContaining({ code: "REFUND_ORIGINAL_NOT_IN_LEDGER", count: 1 })]);
  });

  it("keeps the exact sums behind each row, with the rate used", () => {
    const usd = s.conversions.filter((c) => c.currency === "USD");
    expect(usd).toEqual([
      { destination: "DE", rate: "0.19", type: "sale", currency: "USD", net: "100.01", tax: "19.01", count: 2, exchangeRate: { date: "2026-11-02", from: "EUR", to: "USD", rate: "1.25" } },
      { destination: "DE", rate: "0.19", type: "refund", currency: "USD", net: "12.50", tax: "2.38", count: 1, exchangeRate: { date: "2026-11-02", from: "EUR", to: "USD", rate: "1.25" } },
    ]);
  });

  it("converts entry by entry without rounding and rounds each row once", () => {
    // Rounded entry by entry, DE 19 % tax would be 11.88/1.25 = 9.504 → 9.50 plus 7.13/1.25 = 5.704 → 5.70: 15.20.
    // Exactly, 9.504 + 5.704 = 15.208 → 15.21.
    const two = summarizeReturn(OCTOBER.slice(4, 6), { jurisdiction: "EU", period: "2026-10", exchangeRates: ECB });
    expect(rows(two)).toEqual([["DE", "0.19", "80.01", "15.21", 2]]);
  });

  it("takes the last day's own rate when it was published (September 2026 ends on a Wednesday)", () => {
    const rates = [...ECB, { date: "2026-09-30", from: "EUR", to: "USD", rate: "1.1" }, { date: "2026-10-01", from: "EUR", to: "USD", rate: "1.3" }];
    const sep = summarizeReturn([sale("S", "2026-09-10", "DE", "USD", "110.00", "20.90", "0.19")], { jurisdiction: "EU", period: "2026-09", exchangeRates: rates });
    expect(rows(sep)).toEqual([["DE", "0.19", "100.00", "19.00", 1]]); // 110/1.1, 20.90/1.1
  });

  it("accepts the direct pair too (USD → EUR: multiply)", () => {
    const s2 = summarizeReturn([sale("S", "2026-10-10", "FR", "USD", "100.00", "20.00", "0.2")], {
      jurisdiction: "EU",
      period: "2026-10",
      exchangeRates: [{ date: "2026-11-02", from: "USD", to: "EUR", rate: "0.8" }],
    });
    expect(rows(s2)).toEqual([["FR", "0.2", "80.00", "16.00", 1]]);
  });

  // Windsor Framework: a seller using the IOSS declares its Northern Ireland sales on its IOSS
  // return (gov.uk "check if you can register for the VAT Import One Stop Shop scheme"); XI's
  // data accepts an IOSS registration, so XI entries belong on an EU return (and on GB's).
  it("puts Northern Ireland sales on the IOSS return, converted like any other currency", () => {
    const s2 = summarizeReturn([sale("NI", "2026-10-10", "XI", "GBP", "100.00", "20.00", "0.2")], {
      jurisdiction: "EU",
      period: "2026-10",
      exchangeRates: [{ date: "2026-11-02", from: "GBP", to: "EUR", rate: "1.15" }],
    });
    expect(rows(s2)).toEqual([["XI", "0.2", "115.00", "23.00", 1]]);
  });

  it("rejects an entry when no rate was published within 7 days after the last day", () => {
    const s2 = summarizeReturn([sale("S", "2026-10-10", "FR", "USD", "100.00", "20.00", "0.2")], {
      jurisdiction: "EU",
      period: "2026-10",
      exchangeRates: [{ date: "2026-11-08", from: "EUR", to: "USD", rate: "1.25" }, { date: "2026-10-30", from: "EUR", to: "USD", rate: "1.2" }],
    });
    expect(reasons(s2)).toEqual([["S", "MISSING_EXCHANGE_RATE"]]);
    expect(s2.rejected[0]!.message).toBe("no USD → EUR exchange rate for 2026-10-31 (the period's last day) or the next 7 days in exchangeRates");
  });

  it("groups rates written differently (0.20 and 0.2) and accepts whole-number amounts", () => {
    const s2 = summarizeReturn([sale("A", "2026-10-01", "FR", "EUR", "10.00", "2.00", "0.20"), sale("B", "2026-10-02", "fr", "EUR", 5 as unknown as string, 1 as unknown as string, "0.2")], {
      jurisdiction: "EU",
      period: "2026-10",
    });
    expect(rows(s2)).toEqual([["FR", "0.2", "15.00", "3.00", 2]]);
  });

  it("gives a negative row when the period's refunds exceed its sales", () => {
    const s2 = summarizeReturn([sale("A", "2026-10-01", "FR", "EUR", "10.00", "2.00", "0.2"), refund("R", "2026-10-03", "FR", "EUR", "30.00", "6.00", "0.2", "X")], { jurisdiction: "EU", period: "2026-10" });
    expect(rows(s2)).toEqual([["FR", "0.2", "-20.00", "-4.00", 2]]);
    expect(s2.totals).toEqual({ taxableAmount: "-20.00", tax: "-4.00" });
  });

  it("gives a nil return for no entries, or none in the period", () => {
    for (const entries of [[], [sale("A", "2026-09-30", "FR", "EUR", "10.00", "2.00", "0.2")]]) {
      const nil = summarizeReturn(entries, { jurisdiction: "EU", period: "2026-10" });
      expect(nil.rows).toEqual([]);
      expect(nil.refunds).toEqual([]);
      expect(nil.totals).toEqual({ taxableAmount: "0.00", tax: "0.00" });
      expect(nil.counts.included).toBe(0);
    }
  });
});

describe("summarizeReturn: rejected entries", () => {
  const ok = sale("OK", "2026-10-05", "FR", "EUR", "10.00", "2.00", "0.2");
  const cases: [string, Record<string, unknown>, RejectedEntry["reason"], string | undefined][] = [
    ["no id", { ...ok, id: undefined }, "INVALID_ID", "id"],
    ["empty id", { ...ok, id: "" }, "INVALID_ID", "id"],
    ["a date that does not exist", { ...ok, date: "2026-02-30" }, "INVALID_DATE", "date"],
    ["a date in another format", { ...ok, date: "05/10/2026" }, "INVALID_DATE", "date"],
    ["an unknown type", { ...ok, type: "credit" }, "INVALID_TYPE", "type"],
    ["a currency not in the table", { ...ok, currency: "XYZ" }, "UNSUPPORTED_CURRENCY", "currency"],
    ["a lower-case currency", { ...ok, currency: "eur" }, "UNSUPPORTED_CURRENCY", "currency"],
    ["a negative net", { ...ok, net: "-10.00" }, "INVALID_AMOUNT", "net"],
    ["a net with a comma", { ...ok, net: "1,000.00" }, "INVALID_AMOUNT", "net"],
    ["a fractional number", { ...ok, net: 10.5 }, "INVALID_AMOUNT", "net"],
    ["too many decimals for JPY", { ...ok, currency: "JPY", net: "100.5" }, "INVALID_AMOUNT", "net"],
    ["a missing tax", { ...ok, tax: undefined }, "INVALID_AMOUNT", "tax"],
    ["an amount of 10^12", { ...ok, net: "1000000000000" }, "INVALID_AMOUNT", "net"],
    ["a rate in percent", { ...ok, rate: "20" }, "INVALID_RATE", "rate"],
    ["a rate as a float number", { ...ok, rate: 0.2 }, "INVALID_RATE", "rate"],
    ["a refund naming a number as its original", { ...ok, type: "refund", originalId: 7 }, "INVALID_ORIGINAL_ID", "originalId"],
    ["an unknown destination", { ...ok, destination: "ZZ" }, "UNKNOWN_DESTINATION", "destination"],
    ["a destination of another jurisdiction", { ...ok, destination: "AU" }, "OTHER_JURISDICTION", "destination"],
    ["Great Britain (not an IOSS destination)", { ...ok, destination: "GB" }, "OTHER_JURISDICTION", "destination"],
    ["the Canary Islands (outside the EU VAT area)", { ...ok, destination: "IC" }, "OUTSIDE_VAT_AREA", "destination"],
  ];
  it.each(cases)("rejects %s", (_, entry, reason, field) => {
    const s = summarizeReturn([entry as unknown as LedgerEntry, ok], { jurisdiction: "EU", period: "2026-10" });
    expect(s.rejected).toHaveLength(1);
    expect(s.rejected[0]).toMatchObject({ reason, index: 0, ...(field ? { field } : {}) });
    expect(s.rejected[0]!.message.length).toBeGreaterThan(10);
    expect(s.counts).toEqual({ input: 2, included: 1, rejected: 1, outsidePeriod: 0 });
    expect(s.totals).toEqual({ taxableAmount: "10.00", tax: "2.00" });
  });

  it("never throws on hostile entries: each one is rejected and counted", () => {
    const throwing = Object.defineProperty({}, "id", {
      get() {
        throw new Error("boom");
      },
    });
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    const entries = [null, undefined, 42, "S-1", [], throwing, revoked.proxy, { id: "x" }] as unknown as LedgerEntry[];
    const s = summarizeReturn(entries, { jurisdiction: "EU", period: "2026-10" });
    expect(s.counts).toEqual({ input: 8, included: 0, rejected: 8, outsidePeriod: 0 });
    expect(s.rejected.map((r) => r.reason)).toEqual(["INVALID_ENTRY", "INVALID_ENTRY", "INVALID_ENTRY", "INVALID_ENTRY", "INVALID_ID", "INVALID_ENTRY", "INVALID_ENTRY", "INVALID_DATE"]);
  });

  it("counts an entry dated outside the period before checking the rest of it", () => {
    const s = summarizeReturn([{ id: "A", date: "2026-11-03", type: "nonsense" } as unknown as LedgerEntry], { jurisdiction: "EU", period: "2026-10" });
    expect(s.counts).toEqual({ input: 1, included: 0, rejected: 0, outsidePeriod: 1 });
  });

  it("keeps the first entry of an id: a later one is a duplicate, even when the first was outside the period", () => {
    const s = summarizeReturn(
      [
        sale("A", "2026-09-30", "FR", "EUR", "1.00", "0.20", "0.2"),
        sale("A", "2026-10-01", "FR", "EUR", "2.00", "0.40", "0.2"),
        sale("B", "2026-10-01", "FR", "EUR", "3.00", "0.60", "0.2"),
        refund("B", "2026-10-02", "FR", "EUR", "3.00", "0.60", "0.2", "B"),
      ],
      { jurisdiction: "EU", period: "2026-10" },
    );
    expect(reasons(s)).toEqual([["A", "DUPLICATE_ID"], ["B", "DUPLICATE_ID"]]);
    expect(rows(s)).toEqual([["FR", "0.2", "3.00", "0.60", 1]]);
  });

  it("does not let a rejected entry take its id: a corrected entry later in the ledger counts", () => {
    const s = summarizeReturn([sale("A", "2026-10-01", "FR", "EUR", "1.001", "0.20", "0.2"), sale("A", "2026-10-02", "FR", "EUR", "1.00", "0.20", "0.2")], { jurisdiction: "EU", period: "2026-10" });
    expect(reasons(s)).toEqual([["A", "INVALID_AMOUNT"]]);
    expect(s.counts.included).toBe(1);
  });

  it("with checkIds: false keeps no ids: duplicates pass, and refunds are not matched", () => {
    const s = summarizeReturn([sale("A", "2026-10-01", "FR", "EUR", "1.00", "0.20", "0.2"), sale("A", "2026-10-01", "FR", "EUR", "1.00", "0.20", "0.2"), refund("R", "2026-10-02", "FR", "EUR", "1.00", "0.20", "0.2", "Z")], {
      jurisdiction: "EU",
      period: "2026-10",
      checkIds: false,
    });
    expect(s.counts).toEqual({ input: 3, included: 3, rejected: 0, outsidePeriod: 0 });
    expect(s.warnings).toEqual([]);
    expect(vatError(() => summarizeReturn([], { jurisdiction: "EU", period: "2026-10", checkIds: false, strictRefunds: true })).path).toEqual(["checkIds"]);
  });

  it("hands rejected entries to onRejected instead of keeping them", () => {
    const got: RejectedEntry[] = [];
    const s = summarizeReturn(OCTOBER, { jurisdiction: "EU", period: "2026-10", exchangeRates: ECB, onRejected: (r) => got.push(r) });
    expect(s.rejected).toEqual([]);
    expect(s.counts.rejected).toBe(6);
    expect(got.map((r) => r.id)).toEqual(["S-1009", "S-1010", "S-1011", "S-1003", "S-1012", "S-1013"]);
  });
});

describe("summarizeReturn: refunds and their sales", () => {
  const opts = { jurisdiction: "EU", period: "2026-10", strictRefunds: true } as const;

  it("strictRefunds rejects a refund whose sale is nowhere in the entries, and one that names none", () => {
    const s = summarizeReturn([refund("R1", "2026-10-05", "FR", "EUR", "10.00", "2.00", "0.2", "S-404"), refund("R2", "2026-10-05", "FR", "EUR", "10.00", "2.00", "0.2")], opts);
    expect(s.rejected.map((r) => [r.id, r.reason, r.field])).toEqual([
      ["R1", "UNKNOWN_ORIGINAL", "originalId"],
      ["R2", "UNKNOWN_ORIGINAL", "originalId"],
    ]);
    expect(s.counts).toEqual({ input: 2, included: 0, rejected: 2, outsidePeriod: 0 });
    expect(s.rows).toEqual([]);
  });

  it("without strictRefunds accepts refunds of unknown sales (or naming none) and counts them in a warning", () => {
    const s = summarizeReturn([refund("R1", "2026-10-05", "FR", "EUR", "10.00", "2.00", "0.2", "S-404"), refund("R2", "2026-10-05", "FR", "EUR", "1.00", "0.20", "0.2"), refund("R3", "2026-10-06", "FR", "EUR", "1.00", "0.20", "0.2", "S-1"), sale("S-1", "2026-10-07", "FR", "EUR", "5.00", "1.00", "0.2")], { jurisdiction: "EU", period: "2026-10" });
    expect(s.counts.included).toBe(4);
    expect(s.warnings).toEqual([{ code: "REFUND_ORIGINAL_NOT_IN_LEDGER", count: 2, message: "2 refunds name no sale in these entries; taken to refund sales of earlier ledgers (strictRefunds rejects them)" }]);
  });

  it("strictRefunds accepts a refund whose sale comes later in the ledger, or in another period", () => {
    const s = summarizeReturn(
      [
        refund("R1", "2026-10-05", "FR", "EUR", "10.00", "2.00", "0.2", "S-1"),
        sale("S-1", "2026-10-01", "FR", "EUR", "10.00", "2.00", "0.2"),
        refund("R2", "2026-10-06", "FR", "EUR", "5.00", "1.00", "0.2", "S-0"),
        sale("S-0", "2026-09-20", "FR", "EUR", "5.00", "1.00", "0.2"),
      ],
      opts,
    );
    expect(s.counts).toEqual({ input: 4, included: 3, rejected: 0, outsidePeriod: 1 });
    expect(rows(s)).toEqual([["FR", "0.2", "-5.00", "-1.00", 3]]); // 10 − 10 − 5
  });

  it("matches a refund of `id` with the parts `id#rate` of a sale at several rates", () => {
    const q = quote({ date: "2026-10-05", destination: "FR", currency: "EUR", lines: [{ unitPrice: "40.00", quantity: 1 }, { unitPrice: "20.00", quantity: 1, category: "books" }] });
    const sales = toLedgerEntries(q, { id: "A-1" });
    const refunds = toLedgerEntries(q, { id: "R-1", type: "refund", originalId: "A-1", date: "2026-10-20" });
    expect(sales.map((e) => e.id)).toEqual(["A-1#0.2", "A-1#0.055"]);
    expect(refunds.map((e) => [e.id, e.originalId, e.date])).toEqual([
      ["R-1#0.2", "A-1", "2026-10-20"],
      ["R-1#0.055", "A-1", "2026-10-20"],
    ]);
    const s = summarizeReturn([...refunds, ...sales], opts);
    expect(s.counts).toEqual({ input: 4, included: 4, rejected: 0, outsidePeriod: 0 });
    expect(rows(s)).toEqual([
      ["FR", "0.2", "0.00", "0.00", 2],
      ["FR", "0.055", "0.00", "0.00", 2],
    ]);
  });
});

describe("summarizeReturn: quarterly returns, rate of each entry's date", () => {
  it("AU: the example ledger (examples/ledgers/au-2026-q3.jsonl), hand-computed", () => {
    const rates: ReturnExchangeRate[] = [
      { date: "2026-08-14", from: "USD", to: "AUD", rate: "1.5" },
      { date: "2026-09-01", from: "AUD", to: "USD", rate: "0.65" },
    ];
    const s = summarizeReturn(
      [
        sale("AU-0", "2026-06-30", "AU", "AUD", "80.00", "8.00", "0.1"),
        sale("AU-1", "2026-07-03", "AU", "AUD", "200.00", "20.00", "0.1"),
        sale("AU-4", "2026-07-20", "AU", "AUD", "40.00", "0.00", "0", { category: "food" }),
        sale("AU-5", "2026-07-21", "AU", "AUD", "100.00", "10.00", "0.1"),
        sale("AU-6", "2026-07-22", "AU", "AUD", "100.00", "9.00", "0.1"),
        // Saturday 15 August: Friday's rate, USD 100 × 1.5 = AUD 150.00, tax 15.00.
        sale("AU-2", "2026-08-15", "AU", "USD", "100.00", "10.00", "0.1"),
        // 1 September: AUD → USD 0.65, so USD 33.33 / 0.65 = 51.276923…, tax 3.33 / 0.65 = 5.123076…
        sale("AU-3", "2026-09-01", "AU", "USD", "33.33", "3.33", "0.1"),
        refund("AU-R1", "2026-09-10", "AU", "AUD", "50.00", "5.00", "0.1", "AU-1"),
      ],
      { jurisdiction: "AU", period: "2026-Q3", exchangeRates: rates },
    );
    expect(s.period).toEqual({ name: "2026-Q3", from: "2026-07-01", to: "2026-10-01", lastDay: "2026-09-30" });
    expect(s.fx.source).toBe("DATE-OF-SUPPLY");
    expect(rows(s)).toEqual([
      // net 200 + 100 + 100 + 150 + 51.276923… − 50 = 551.276923… → 551.28
      // tax 20 + 10 + 9 + 15 + 5.123076… − 5 = 54.123076… → 54.12
      ["AU", "0.1", "551.28", "54.12", 6],
      ["AU", "0", "40.00", "0.00", 1],
    ]);
    expect(s.totals).toEqual({ taxableAmount: "591.28", tax: "54.12" });
    expect(s.counts).toEqual({ input: 8, included: 7, rejected: 0, outsidePeriod: 1 });
  });

  it("looks back at most 7 days for a rate", () => {
    const s = summarizeReturn([sale("A", "2026-08-22", "AU", "USD", "10.00", "1.00", "0.1")], {
      jurisdiction: "AU",
      period: "2026-Q3",
      exchangeRates: [{ date: "2026-08-14", from: "USD", to: "AUD", rate: "1.5" }],
    });
    expect(s.rejected[0]).toMatchObject({ reason: "MISSING_EXCHANGE_RATE", message: "no USD → AUD exchange rate for 2026-08-22 or the 7 days before in exchangeRates" });
  });

  it("NZ rounds half down (GST Act s19O): an exact half cent goes down", () => {
    // USD 10.01 × 1.5 = NZD 15.015 → 15.01 (half-up would give 15.02); tax 1.50 × 1.5 = 2.25.
    const s = summarizeReturn([sale("N", "2026-08-03", "NZ", "USD", "10.01", "1.50", "0.15")], {
      jurisdiction: "NZ",
      period: "2026-Q3",
      exchangeRates: [{ date: "2026-08-03", from: "USD", to: "NZD", rate: "1.5" }],
    });
    expect(s.rounding.mode).toBe("half-down");
    expect(rows(s)).toEqual([["NZ", "0.15", "15.01", "2.25", 1]]);
  });

  it("rounds an exact tie made of non-terminating conversions as a tie", () => {
    // USD 0.01 at AUD → USD 3 is AUD 0.00333…, USD 0.01 at 6 is 0.00166…: together exactly 0.005.
    const tie = (jurisdiction: "AU" | "NZ", to: string, rate: string) =>
      summarizeReturn([sale("A", "2026-07-06", jurisdiction, "USD", "0.01", "0.00", rate), sale("B", "2026-07-07", jurisdiction, "USD", "0.01", "0.00", rate)], {
        jurisdiction,
        period: "2026-Q3",
        exchangeRates: [{ date: "2026-07-06", from: to, to: "USD", rate: "3" }, { date: "2026-07-07", from: to, to: "USD", rate: "6" }],
      }).totals.taxableAmount;
    expect(tie("AU", "AUD", "0.1")).toBe("0.01"); // half-up
    expect(tie("NZ", "NZD", "0.15")).toBe("0.00"); // half-down
  });

  it("GB: Great Britain (with the Isle of Man) and Northern Ireland are separate rows", () => {
    const s = summarizeReturn(
      [sale("G1", "2026-07-01", "GB", "GBP", "100.00", "20.00", "0.2"), sale("G2", "2026-07-02", "IM", "GBP", "50.00", "10.00", "0.2"), sale("G3", "2026-07-03", "XI", "GBP", "10.00", "2.00", "0.2"), sale("G4", "2026-07-04", "UK", "GBP", "1.00", "0.20", "0.2")],
      { jurisdiction: "GB", period: "2026-Q3" },
    );
    expect(rows(s)).toEqual([
      ["GB", "0.2", "151.00", "30.20", 3],
      ["XI", "0.2", "10.00", "2.00", 1],
    ]);
  });

  it("NO (VOEC): converted at the latest weekly rate within 7 days", () => {
    // EUR 100 × 11.5 (Monday's weekly rate, used on Thursday) = NOK 1,150, tax 25.00 × 11.5 = 287.50,
    // stated in whole kroner (Skatteetaten: the VOEC return is rounded to whole kroner) → 288 half-up.
    const s = summarizeReturn([sale("V", "2026-08-06", "NO", "EUR", "100.00", "25.00", "0.25")], {
      jurisdiction: "NO",
      period: "2026-Q3",
      exchangeRates: [{ date: "2026-08-03", from: "EUR", to: "NOK", rate: "11.5" }],
    });
    expect(s.fx.source).toBe("NO-CUSTOMS-WEEKLY-RATE");
    expect(s.rounding.decimals).toBe(0);
    expect(rows(s)).toEqual([["NO", "0.25", "1150", "288", 1]]);
  });

  it("NO (VOEC): each row is summed exactly in øre and rounded once to whole kroner", () => {
    // 3 × NOK 0.40 tax = 1.20 → 1 (rounding each to whole kroner first would give 0); nets 3 × 1.60 = 4.80 → 5.
    const entries = ["A", "B", "C"].map((id) => sale(id, "2026-08-06", "NO", "NOK", "1.60", "0.40", "0.25"));
    const s = summarizeReturn(entries, { jurisdiction: "NO", period: "2026-Q3" });
    expect(rows(s)).toEqual([["NO", "0.25", "5", "1", 3]]);
    expect(s.totals).toEqual({ taxableAmount: "5", tax: "1" });
  });

  it("SG: quarterly in SGD", () => {
    const s = summarizeReturn([sale("G", "2026-11-03", "SG", "SGD", "100.00", "9.00", "0.09")], { jurisdiction: "SG", period: "2026-Q4" });
    expect(rows(s)).toEqual([["SG", "0.09", "100.00", "9.00", 1]]);
  });
});

describe("summarizeReturn: caller mistakes are VatErrors", () => {
  it.each([
    [{ jurisdiction: "EU", period: "2026-13" }, ["period"], "INVALID_INPUT"],
    [{ jurisdiction: "EU", period: "2026-Q5" }, ["period"], "INVALID_INPUT"],
    [{ jurisdiction: "EU", period: "October 2026" }, ["period"], "INVALID_INPUT"],
    [{ jurisdiction: "EU", period: "2026-Q4" }, ["period"], "INVALID_INPUT"], // IOSS returns are monthly
    [{ jurisdiction: "AU", period: "2026-10" }, ["period"], "INVALID_INPUT"], // AU returns are quarterly
    [{ jurisdiction: "FR", period: "2026-10" }, ["jurisdiction"], "INVALID_INPUT"],
    [{ jurisdiction: "EU", period: "2021-06" }, ["period"], "DATE_OUT_OF_RANGE"], // IOSS began 2021-07-01
    [{ jurisdiction: "EU", period: "2026-10", exchangeRates: [{ date: "2026-11-02", from: "EUR", to: "USD", rate: "-1" }] }, ["exchangeRates", 0, "rate"], "INVALID_INPUT"],
    [{ jurisdiction: "EU", period: "2026-10", exchangeRates: [{ date: "2026-11-31", from: "EUR", to: "USD", rate: "1" }] }, ["exchangeRates", 0, "date"], "INVALID_INPUT"],
    [{ jurisdiction: "EU", period: "2026-10", exchangeRates: [{ date: "2026-11-02", from: "EUR", to: "USD", rate: "1.1" }, { date: "2026-11-02", from: "EUR", to: "USD", rate: "1.2" }] }, ["exchangeRates", 1, "rate"], "INVALID_INPUT"],
  ])("%j", (options, path, code) => {
    const e = vatError(() => summarizeReturn([], options as Parameters<typeof summarizeReturn>[1]));
    expect(e.code).toBe(code);
    expect(e.path).toEqual(path);
  });

  it("names the jurisdictions it knows, and the return period it expects", () => {
    expect(vatError(() => summarizeReturn([], { jurisdiction: "FR", period: "2026-10" })).message).toBe('jurisdiction must be one of AU, EU, GB, NO, NZ, SG, got "FR"');
    expect(vatError(() => summarizeReturn([], { jurisdiction: "EU", period: "2026-Q4" })).message).toMatch(/^EU returns are monthly .*give a month such as "2026-10"/);
  });

  it("rejects entries that are not iterable", () => {
    expect(vatError(() => summarizeReturn(42 as unknown as LedgerEntry[], { jurisdiction: "EU", period: "2026-10" })).path).toEqual(["entries"]);
  });
});

describe("summarizeReturn over an async iterable", () => {
  it("gives a Promise of the same summary", async () => {
    async function* stream() {
      for (const e of OCTOBER) yield e;
    }
    const pending = summarizeReturn(stream(), { jurisdiction: "EU", period: "2026-10", exchangeRates: ECB });
    expect(pending).toBeInstanceOf(Promise);
    expect(await pending).toEqual(summarizeReturn(OCTOBER, { jurisdiction: "EU", period: "2026-10", exchangeRates: ECB }));
  });
});

describe("toLedgerEntry / toLedgerEntries", () => {
  it("one entry for a quote at one rate, delivery included", () => {
    const q = quote({ date: "2026-10-05", destination: "FR", currency: "EUR", lines: [{ unitPrice: "40.00", quantity: 2 }], shipping: "5.00" });
    // 2 × 40.00 + 5.00 delivery = 85.00 at 20 % = 17.00
    expect(toLedgerEntry(q, { id: "A-1000" })).toEqual({ id: "A-1000", date: "2026-10-05", destination: "FR", currency: "EUR", net: "85.00", tax: "17.00", rate: "0.2", type: "sale", category: "standard" });
  });

  it("one entry per rate, delivery apportioned with its line, adding up to the quote", () => {
    // The README quote: tee 48.00 (20 %, tax 9.60) + its delivery share 7.15 (1.43); book 18.50 (5.5 %, 1.02) + 2.75 (0.15).
    const q = quote({
      date: "2026-11-02", destination: "FR", currency: "USD", exchangeRates: { "USD/EUR": "0.8650" },
      lines: [{ id: "tee", unitPrice: "24.00", quantity: 2 }, { id: "book", unitPrice: "18.50", quantity: 1, category: "books" }],
      shipping: "9.90",
    });
    const entries = toLedgerEntries(q, { id: "A-1" });
    expect(entries.map((e) => [e.id, e.rate, e.net, e.tax, e.category])).toEqual([
      ["A-1#0.2", "0.2", "55.15", "11.03", "standard"],
      ["A-1#0.055", "0.055", "21.25", "1.17", "books"],
    ]);
    expect(q.totals).toMatchObject({ net: "76.40", tax: "12.20" }); // 55.15 + 21.25, 11.03 + 1.17
    expect(() => toLedgerEntry(q, { id: "A-1" })).toThrow(/use toLedgerEntries\(\)/);
  });

  it("GB: the zero-rated book and its delivery share are an entry at rate 0", () => {
    const q = quote({ date: "2026-08-01", destination: "GB", currency: "GBP", lines: [{ unitPrice: "50.00", quantity: 1 }, { unitPrice: "10.00", quantity: 1, category: "books" }], shipping: "6.00" });
    expect(toLedgerEntries(q, { id: "G" }).map((e) => [e.id, e.net, e.tax])).toEqual([
      ["G#0.2", "55.00", "11.00"],
      ["G#0", "11.00", "0.00"],
    ]);
  });

  it("no entry when nothing was collected at checkout", () => {
    const q = quote({ date: "2026-10-02", destination: "FR", currency: "EUR", lines: [{ unitPrice: "200.00", quantity: 1 }] });
    expect(q.regime).toBe("border-collection");
    expect(toLedgerEntries(q, { id: "B" })).toEqual([]);
    expect(vatError(() => toLedgerEntry(q, { id: "B" })).message).toMatch(/collected no tax at checkout/);
  });

  it("checks its meta", () => {
    const q = quote({ date: "2026-10-05", destination: "FR", currency: "EUR", lines: [{ unitPrice: "1.00", quantity: 1 }] });
    expect(vatError(() => toLedgerEntry(q, { id: "" })).path).toEqual(["id"]);
    expect(vatError(() => toLedgerEntry(q, { id: "A", type: "void" as "sale" })).path).toEqual(["type"]);
    expect(vatError(() => toLedgerEntry(q, { id: "A", date: "2026-02-30" })).path).toEqual(["date"]);
  });

  it("round trip: the return of quotes' entries is their tax, converted", () => {
    const inputs = [
      { date: "2026-10-05", destination: "MC", currency: "EUR", lines: [{ unitPrice: "19.99", quantity: 3 }], shipping: "4.90" },
      { date: "2026-10-06", destination: "DE", currency: "EUR", lines: [{ unitPrice: "12.00", quantity: 1, category: "books" as const }, { unitPrice: "30.00", quantity: 1 }] },
    ];
    const entries = inputs.flatMap((input, i) => toLedgerEntries(quote(input), { id: `Q${i}`, input }));
    const s = summarizeReturn(entries, { jurisdiction: "EU", period: "2026-10", reconcile: true });
    const tax = inputs.reduce((a, input) => a + Number(quote(input).totals.tax.replace(".", "")), 0);
    expect(Number(s.totals.tax.replace(".", ""))).toBe(tax);
    expect(s.discrepancies).toEqual([]);
    expect(rows(s).map((r) => r.slice(0, 2))).toEqual([["DE", "0.19"], ["DE", "0.07"], ["FR", "0.2"]]);
  });
});

describe("summarizeReturn with reconcile", () => {
  const input = { date: "2026-10-05", destination: "FR", currency: "EUR", lines: [{ unitPrice: "40.00", quantity: 1 }] }; // 8.00 at 20 %
  const run = (entries: LedgerEntry[]) => summarizeReturn(entries, { jurisdiction: "EU", period: "2026-10", reconcile: true }).discrepancies;

  it("finds nothing when the ledger matches quote(), and allows one minor unit", () => {
    expect(run([sale("A", "2026-10-05", "FR", "EUR", "40.00", "8.00", "0.2", { input }), sale("B", "2026-10-05", "FR", "EUR", "40.00", "8.01", "0.2", { input })])).toEqual([]);
  });

  it("reports a tax more than one minor unit off, and a rate quote() does not charge", () => {
    expect(run([sale("A", "2026-10-05", "FR", "EUR", "40.00", "8.02", "0.2", { input }), sale("B", "2026-10-05", "FR", "EUR", "40.00", "2.20", "0.055", { input })])).toEqual([
      { id: "A", field: "tax", recorded: "8.02", recomputed: "8.00", message: "tax at rate 0.2 recorded as 8.02; quote() on 2026-10-05 gives 8.00" },
      { id: "B", field: "rate", recorded: "0.055", recomputed: "0.2", message: "recorded at rate 0.055; quote() on 2026-10-05 charges 0.2" },
    ]);
  });

  it("reports an input that no longer quotes, or quotes in another currency", () => {
    const d = run([
      sale("A", "2026-10-05", "FR", "EUR", "40.00", "8.00", "0.2", { input: { ...input, destination: "ZZ" } }),
      sale("B", "2026-10-05", "FR", "EUR", "40.00", "8.00", "0.2", { input: { ...input, currency: "USD", exchangeRates: { "USD/EUR": "0.9" } } }),
    ]);
    expect(d.map((x) => [x.id, x.field, x.recorded, x.recomputed])).toEqual([
      ["A", "input", "", "UNKNOWN_DESTINATION"],
      ["B", "input", "EUR", "USD"],
    ]);
  });

  it("does not re-quote without reconcile, nor entries outside the period", () => {
    const e = sale("A", "2026-10-05", "FR", "EUR", "40.00", "9.00", "0.2", { input });
    expect(summarizeReturn([e], { jurisdiction: "EU", period: "2026-10" }).discrepancies).toEqual([]);
    expect(summarizeReturn([e], { jurisdiction: "EU", period: "2026-11", reconcile: true }).discrepancies).toEqual([]);
  });
});

describe("mergeReturnSummaries", () => {
  const opts = { jurisdiction: "EU", period: "2026-10", exchangeRates: ECB } as const;
  /** Rejected entries without their shard-relative index, in a fixed order (a merge lists a's then b's). */
  const strip = (s: ReturnSummary) => ({ ...s, rejected: s.rejected.map(({ index: _, ...r }) => r).sort((x, y) => (x.id + x.reason < y.id + y.reason ? -1 : 1)) });

  /** Sales by id, refunds by the sale they name: an id's duplicates and a sale's refunds stay in one shard. */
  const family = (e: LedgerEntry) => (e.type === "refund" ? e.originalId! : e.id);

  it("merging shards split by sale gives the one-pass summary", () => {
    const whole = summarizeReturn(OCTOBER, opts);
    const inA = (e: LedgerEntry) => ["S-0950", "S-1003", "S-1004", "S-1010", "S-0800", "S-1008"].includes(family(e));
    const merged = mergeReturnSummaries(summarizeReturn(OCTOBER.filter(inA), opts), summarizeReturn(OCTOBER.filter((e) => !inA(e)), opts));
    expect(strip(merged)).toEqual(strip(whole));
  });

  it("cannot see across shards: an id in both, a refund in one and its sale in the other (documented)", () => {
    const whole = summarizeReturn(OCTOBER, opts);
    const merged = mergeReturnSummaries(summarizeReturn(OCTOBER.slice(0, 9), opts), summarizeReturn(OCTOBER.slice(9), opts));
    // The second S-1003 (in the second half) is no longer seen as a duplicate: FR 20 % gains 50.00 / 10.00 …
    expect(merged.rows.find((r) => r.rate === "0.2" && r.destination === "FR")).toMatchObject({ taxableAmount: "100.00", tax: "20.00", count: 4 });
    expect(merged.counts).toEqual({ ...whole.counts, included: whole.counts.included + 1, rejected: whole.counts.rejected - 1 });
    // … and R-2001 and R-2002 no longer find their sales in their own shard.
    expect(merged.warnings[0]!.count).toBe(3);
  });

  it("a nil summary is neutral", () => {
    const s = summarizeReturn(OCTOBER, opts);
    const nil = summarizeReturn([], opts);
    expect(mergeReturnSummaries(nil, s)).toEqual(s);
    expect(mergeReturnSummaries(s, nil)).toEqual(s);
  });

  it("refuses summaries of different periods or jurisdictions", () => {
    const oct = summarizeReturn([], opts);
    expect(vatError(() => mergeReturnSummaries(oct, summarizeReturn([], { ...opts, period: "2026-09" }))).path).toEqual(["period"]);
    expect(vatError(() => mergeReturnSummaries(oct, summarizeReturn([], { jurisdiction: "GB", period: "2026-Q4" }))).path).toEqual(["jurisdiction"]);
  });
});
