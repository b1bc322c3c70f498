/**
 * Split-shipment golden cases. The rules and figures are the data's (`rules.consignment`,
 * `threshold`): EU — goods packed and sent together by one consignor to one consignee are
 * one consignment, IOSS up to EUR 150 inclusive (VAT Directive Art. 369l; Commission
 * Explanatory Notes 4.2.10); GB — GBP 135 per consignment, item values added unless sent
 * individually (HMRC, charging VAT on goods sold direct to customers in the UK); AU — the
 * s84-83 consignment test over AUD 1,000 (GST Act s84-83). NZ, NO and SG test each item.
 */
import { describe, expect, it } from "vitest";
import { VatError, findSplitConsignments, rulesFor, type LedgerEntry } from "../src/index.js";
import { DuckDbLedger } from "../src/cli/duckdb-engine.js";

const sale = (id: string, date: string, destination: string, currency: string, net: string, consignee: string | undefined): LedgerEntry => ({
  id, date, destination, currency, net, tax: "0.00", rate: "0.2", type: "sale", ...(consignee === undefined ? {} : { consignee }),
});

describe("findSplitConsignments", () => {
  it("EU: two sales to one consignee on one day, EUR 90 + 80 = 170 over the EUR 150 consignment limit, each within", () => {
    const r = findSplitConsignments([sale("A-1", "2026-10-05", "FR", "EUR", "90.00", "c-42"), sale("A-2", "2026-10-05", "FR", "EUR", "80.00", "c-42")], { jurisdiction: "EU" });
    expect(r.groups).toHaveLength(1);
    const g = r.groups[0]!;
    expect(g).toMatchObject({ consignee: "c-42", destination: "FR", from: "2026-10-05", to: "2026-10-05", value: "170.00", threshold: { amount: "150", currency: "EUR", inclusive: true } });
    expect(g.parts).toEqual([{ id: "A-1", date: "2026-10-05", value: "90.00" }, { id: "A-2", date: "2026-10-05", value: "80.00" }]);
    const rules = rulesFor("FR", "2026-10-05").consignment!;
    expect(g.rule).toBe(rules.text);
    expect(g.rule).toMatch(/packed together and sent at the same time by the same consignor to the same consignee/);
    expect(g.consequence).toMatch(/cannot be declared under IOSS: VAT is due at import on the whole consignment/);
    expect(g.sources).toContain("https://eur-lex.europa.eu/eli/dir/2006/112/oj");
    expect(r.counts).toEqual({ input: 2, considered: 2, skipped: 0 });
  });

  it("EU: the limit is inclusive (75 + 75 = 150.00 is within; 150.00 + 0.01 is over), and a part over the limit on its own is no split", () => {
    const pair = (a: string, b: string) => findSplitConsignments([sale("A", "2026-10-05", "DE", "EUR", a, "k"), sale("B", "2026-10-05", "DE", "EUR", b, "k")], { jurisdiction: "EU" }).groups.map((g) => g.value);
    expect(pair("75.00", "75.00")).toEqual([]);
    expect(pair("150.00", "0.01")).toEqual(["150.01"]);
    expect(pair("160.00", "10.00")).toEqual([]);
  });

  it("counts a sale's parts at several rates (id#rate) as one sale, Monaco with France, and keeps consignees and destinations apart", () => {
    const r = findSplitConsignments(
      [
        sale("A#0.2", "2026-10-05", "FR", "EUR", "70.00", "k"),
        sale("A#0.055", "2026-10-05", "FR", "EUR", "20.00", "k"),
        sale("B", "2026-10-05", "MC", "EUR", "70.00", "k"),
        sale("C", "2026-10-05", "FR", "EUR", "140.00", "other"),
        sale("D", "2026-10-05", "DE", "EUR", "140.00", "k"),
      ],
      { jurisdiction: "EU" },
    );
    expect(r.groups.map((g) => [g.consignee, g.destination, g.parts.map((p) => `${p.id} ${p.value}`), g.value])).toEqual([["k", "FR", ["A 90.00", "B 70.00"], "160.00"]]);
  });

  it("groups within the window of the group's first sale (default: the same day)", () => {
    const ledger = [sale("A", "2026-10-05", "FR", "EUR", "100.00", "k"), sale("B", "2026-10-07", "FR", "EUR", "100.00", "k")];
    expect(findSplitConsignments(ledger, { jurisdiction: "EU" }).groups).toEqual([]);
    expect(findSplitConsignments(ledger, { jurisdiction: "EU", window: 1 }).groups).toEqual([]);
    expect(findSplitConsignments(ledger, { jurisdiction: "EU", window: 2 }).groups.map((g) => [g.from, g.to, g.value])).toEqual([["2026-10-05", "2026-10-07", "200.00"]]);
  });

  it("GB: GBP 100 + USD 50 at 0.8 = GBP 140 over the GBP 135 consignment limit, with HMRC's rule and the import VAT that follows", () => {
    const r = findSplitConsignments([sale("G-1", "2026-10-05", "GB", "GBP", "100.00", "k"), sale("G-2", "2026-10-05", "UK", "USD", "50.00", "k")], {
      jurisdiction: "GB",
      exchangeRates: [{ date: "2026-10-05", from: "USD", to: "GBP", rate: "0.8" }],
    });
    expect(r.groups.map((g) => [g.destination, g.value, g.threshold.amount, g.threshold.currency])).toEqual([["GB", "140.00", "135", "GBP"]]);
    expect(r.groups[0]!.sources).toEqual(["https://www.gov.uk/guidance/charging-vat-on-goods-sold-direct-to-customers-in-the-uk"]);
    expect(r.groups[0]!.consequence).toMatch(/import VAT \(and any duty\) is due at the border on the whole consignment/);
  });

  it("AU: AUD 600 + 500 shipped together is the s84-83 consignment test over AUD 1,000 (each item within the per-item limit)", () => {
    const r = findSplitConsignments([sale("U-1", "2026-08-03", "AU", "AUD", "600.00", "k"), sale("U-2", "2026-08-03", "AU", "AUD", "500.00", "k")], { jurisdiction: "AU" });
    expect(r.groups.map((g) => [g.value, g.threshold.amount])).toEqual([["1100.00", "1000"]]);
    expect(r.groups[0]!.rule).toMatch(/s84-83/);
    expect(r.groups[0]!.sources[0]).toMatch(/ato\.gov\.au\/law\/view\/document\?DocID=PAC%2F19990055%2F84-83/);
  });

  it("NZ, NO and SG test each item alone: no group, and a note saying why", () => {
    for (const [j, d, c] of [["NZ", "NZ", "NZD"], ["NO", "NO", "NOK"], ["SG", "SG", "SGD"]] as const) {
      const r = findSplitConsignments([sale("A", "2026-08-03", d, c, "900.00", "k"), sale("B", "2026-08-03", d, c, "900.00", "k")], { jurisdiction: j });
      expect(r.groups).toEqual([]);
      expect(r.note).toMatch(/tests each item on its own/);
    }
  });

  it("accounts for every entry: refunds, entries without a consignee or with bad fields are skipped with a reason", () => {
    const r = findSplitConsignments(
      [
        { ...sale("R", "2026-10-05", "FR", "EUR", "10.00", "k"), type: "refund" },
        sale("N", "2026-10-05", "FR", "EUR", "10.00", undefined),
        sale("X", "2026-10-05", "FR", "EUR", "-1", "k"),
        sale("G", "2026-10-05", "GB", "GBP", "10.00", "k"),
        sale("U", "2026-10-05", "FR", "USD", "10.00", "k"),
        sale("OK", "2026-10-05", "FR", "EUR", "10.00", "k"),
        null,
      ],
      { jurisdiction: "EU" },
    );
    expect(r.skipped.map((s) => [s.id, s.reason])).toEqual([
      ["R", "NOT_A_SALE"],
      ["N", "NO_CONSIGNEE"],
      ["X", "INVALID_ENTRY"],
      ["G", "OTHER_JURISDICTION"],
      ["U", "MISSING_EXCHANGE_RATE"],
      ["", "INVALID_ENTRY"],
    ]);
    expect(r.counts).toEqual({ input: 7, considered: 1, skipped: 6 });
  });

  it("rejects bad options with a VatError", () => {
    expect(() => findSplitConsignments([], { jurisdiction: "US" })).toThrow(VatError);
    expect(() => findSplitConsignments([], { jurisdiction: "EU", window: -1 })).toThrow(/window must be a whole number of days/);
  });

  it("gives the same groups through the DuckDB engine", async () => {
    const ledger = [sale("A-1", "2026-10-05", "FR", "EUR", "90.00", "c-42"), sale("A-2", "2026-10-05", "FR", "EUR", "80.00", "c-42"), sale("B-1", "2026-10-05", "FR", "EUR", "90.00", "c-43")];
    const db = await DuckDbLedger.open();
    try {
      await db.loadEntries(ledger);
      const viaDuck = await db.splitConsignments({ jurisdiction: "EU" });
      expect(viaDuck.groups).toEqual(findSplitConsignments(ledger, { jurisdiction: "EU" }).groups);
      expect(viaDuck.counts.input).toBe(3);
    } finally {
      db.close();
    }
  });
});
