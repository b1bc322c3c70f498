/**
 * The DuckDB engine against the streaming one: on generated ledgers (malformed fields,
 * refunds with and without their sales, foreign currencies with direct and inverse rates,
 * entries outside the period, duplicate ids, rates that disagree with the data, unknown
 * categories) the SQL that returnSql() generates, run in DuckDB and finished by
 * summaryFromSql(), gives the summary summarizeReturn() gives, field for field —
 * each rejection's index, id, reason and message included. SQL_RUNS sets the cases.
 */
import { fc, test } from "@fast-check/vitest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DuckDbLedger } from "../src/cli/duckdb-engine.js";
import { returnSql, summarizeReturn, summaryFromSql, type LedgerEntry, type ReturnExchangeRate, type ReturnOptions } from "../src/index.js";
import { amountArb, fromDays, toDays } from "./support/arbitraries.js";

const RUNS = Number(process.env.SQL_RUNS ?? 40);

interface Config {
  jurisdiction: string;
  period: string;
  from: string;
  to: string;
  currency: string;
  destinations: string[];
  rates: string[];
}

// Both FX rules (EU period-end, the others entry-date), both rounding modes (NZ half-down), whole-krone NO returns.
const CONFIGS: Config[] = [
  { jurisdiction: "EU", period: "2026-10", from: "2026-10-01", to: "2026-11-01", currency: "EUR", destinations: ["FR", "MC", "DE", "fr", "XI"], rates: ["0.2", "0.20", "0.055", "0.19", "0.07", "0"] },
  { jurisdiction: "NZ", period: "2026-Q3", from: "2026-07-01", to: "2026-10-01", currency: "NZD", destinations: ["NZ"], rates: ["0.15", "0"] },
  { jurisdiction: "GB", period: "2026-Q4", from: "2026-10-01", to: "2027-01-01", currency: "GBP", destinations: ["GB", "XI", "IM", "UK"], rates: ["0.2", "0.05", "0"] },
  { jurisdiction: "NO", period: "2026-Q3", from: "2026-07-01", to: "2026-10-01", currency: "NOK", destinations: ["NO", "SJ"], rates: ["0.25", "0.15", "0"] },
];
const FOREIGN = ["USD", "JPY", "KWD"]; // 2, 0 and 3 decimals
const DP: Record<string, number> = { EUR: 2, NZD: 2, GBP: 2, NOK: 2, USD: 2, JPY: 0, KWD: 3 };

const ratesArb = (c: Config): fc.Arbitrary<ReturnExchangeRate[]> =>
  fc
    .uniqueArray(fc.tuple(fc.constantFrom(...FOREIGN), fc.integer({ min: toDays(c.from) - 5, max: toDays(c.to) + 5 })), { selector: ([cur, d]) => `${cur}${d}`, maxLength: 30 })
    .chain((days) =>
      fc.tuple(
        ...days.map(([cur, d]) =>
          fc.tuple(fc.integer({ min: 1, max: 3_000_000 }), fc.boolean()).map(([n, inverse]) => {
            const rate = (n / 10_000).toFixed(4).replace(/\.?0+$/, "");
            const date = fromDays(d);
            return inverse ? { date, from: c.currency, to: cur, rate } : { date, from: cur, to: c.currency, rate };
          }),
        ),
      ),
    );

const some = <T,>(common: fc.Arbitrary<T>, odd: fc.Arbitrary<T>) => fc.oneof({ arbitrary: common, weight: 10 }, { arbitrary: odd, weight: 1 });
const dateArb = (c: Config) =>
  fc.oneof(
    { arbitrary: fc.integer({ min: toDays(c.from), max: toDays(c.to) - 1 }).map(fromDays), weight: 8 },
    { arbitrary: fc.integer({ min: toDays(c.from) - 40, max: toDays(c.to) + 40 }).map(fromDays), weight: 2 },
    { arbitrary: fc.constantFrom("2026-02-30", "2024-02-29", "0000-02-29", "2026/10/05", "", "2026-1-05"), weight: 1 },
  );
const moneyArb = (currency: string) => some(amountArb(DP[currency] ?? 2).map(String), fc.constantFrom("-1.00", "1e3", "12.3456", " 5", "1,00", "01.5", "5.", "1234567890123.5"));
const maybe = <T,>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 4 });

/** A ledger entry as a CSV row gives it: every field text or missing. */
const entryArb = (c: Config, id: string, type: string, originalId?: string) =>
  fc
    .record({
      date: dateArb(c),
      destination: some(fc.constantFrom(...c.destinations), fc.constantFrom("ZZ", "IC", "SG", "AU", "")),
      currency: some(fc.constantFrom(c.currency, c.currency, ...FOREIGN), fc.constantFrom("CHF", "eur", "EURO")),
      rate: some(fc.constantFrom(...c.rates), fc.constantFrom("20", "0.2.0", "1.5", "1", "0.")),
      type: some(fc.constant(type), fc.constantFrom("credit", "Sale")),
      category: maybe(some(fc.constantFrom("standard", "books", "food", "childrens-clothing"), fc.constantFrom("Books", "gadgets", ""))),
    })
    .chain((e) => fc.record({ net: moneyArb(e.currency), tax: moneyArb(e.currency) }).map((m) => ({ id, ...e, ...m, ...(originalId !== undefined ? { originalId } : {}) })))
    .map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)) as Record<string, string>);

const familyArb = (c: Config, n: number): fc.Arbitrary<Record<string, string>[]> =>
  fc.oneof(
    {
      weight: 10,
      arbitrary: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 0, max: 2 })).chain(([parts, refunds]) => {
        const ids = parts === 1 ? [`S${n}`] : [`S${n}#0.2`, `S${n}#0.055`];
        return fc
          .tuple(
            fc.tuple(...ids.map((id) => entryArb(c, id, "sale"))),
            fc.tuple(...Array.from({ length: refunds }, (_, j) => fc.constantFrom(`S${n}`, ids[0]!, "").chain((orig) => entryArb(c, `R${n}.${j}`, "refund", orig)))),
          )
          .map(([s, r]) => [...s, ...r]);
      }),
    },
    { weight: 2, arbitrary: entryArb(c, `R${n}`, "refund", `OLD${n}`).map((e) => [e]) },
    { weight: 1, arbitrary: entryArb(c, `R${n}`, "refund").map((e) => [e]) },
    { weight: 1, arbitrary: fc.constantFrom<Record<string, string>>({ id: "" }, { id: "x".repeat(201), date: "2026-10-01" }, {}).map((e) => [e]) },
  );

const ledgerArb = (c: Config) =>
  fc
    .integer({ min: 0, max: 25 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => familyArb(c, i))))
    .chain((families) => {
      const all = families.flat();
      return fc.shuffledSubarray(all, { maxLength: Math.min(4, all.length) }).chain((dups) => fc.shuffledSubarray([...all, ...dups], { minLength: all.length + dups.length }));
    });

const caseArb = fc.constantFrom(...CONFIGS).chain((c) =>
  fc.record({
    ledger: ledgerArb(c),
    options: fc.tuple(ratesArb(c), fc.boolean(), fc.boolean()).map(([exchangeRates, strictRefunds, checkIds]): ReturnOptions => ({
      jurisdiction: c.jurisdiction,
      period: c.period,
      exchangeRates,
      strictRefunds: strictRefunds && checkIds,
      checkIds,
    })),
  }),
);

let db: DuckDbLedger;
beforeAll(async () => {
  db = await DuckDbLedger.open();
});
afterAll(() => db?.close());

const viaDuckDb = async (ledger: Record<string, string>[], options: ReturnOptions) => {
  await db.loadEntries(ledger);
  return db.summarize(options);
};

/** The shortest text of a plain decimal's value ("01.50" is "1.5", "-0.00" is "0"): what a DECIMAL column holds of it. */
const shortestText = (s: string): string => {
  const [, sign, whole, frac = ""] = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s)!;
  const w = whole!.replace(/^0+(?=\d)/, "");
  const f = frac.replace(/0+$/, "");
  return `${sign && /[1-9]/.test(w + f) ? "-" : ""}${w}${f ? `.${f}` : ""}`;
};
const isCalendar = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && s >= "0001" && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
/** Column types as a warehouse holds them, and each typed value as text: what such a column can hold of a CSV field (or nothing). */
const TYPED = {
  date: { type: "DATE", value: (s: string) => (isCalendar(s) ? s : undefined) },
  net: { type: "DECIMAL(18, 3)", value: (s: string) => (/^-?\d{1,15}(\.\d{1,3})?$/.test(s) ? shortestText(s) : undefined) },
  tax: { type: "DECIMAL(18, 3)", value: (s: string) => (/^-?\d{1,15}(\.\d{1,3})?$/.test(s) ? shortestText(s) : undefined) },
  rate: { type: "DECIMAL(15, 12)", value: (s: string) => (/^-?\d{1,3}(\.\d{1,12})?$/.test(s) ? shortestText(s) : undefined) },
} as const;
const typedLedger = (ledger: Record<string, string>[]) =>
  ledger.map((e) => {
    const out = { ...e };
    for (const [c, t] of Object.entries(TYPED)) {
      const v = e[c] === undefined ? undefined : t.value(e[c]!);
      if (v === undefined) delete out[c];
      else out[c] = v;
    }
    return out;
  });

describe("the DuckDB engine", () => {
  test.prop([caseArb], { numRuns: RUNS })(
    "gives summarizeReturn()'s summary field for field on random ledgers",
    async ({ ledger, options }) => {
      const expected = summarizeReturn(ledger as unknown as LedgerEntry[], options);
      expect(await viaDuckDb(ledger, options)).toEqual(expected);
    },
    60_000 + RUNS * 500,
  );

  test.prop([caseArb], { numRuns: Math.max(10, Math.round(RUNS / 2)) })(
    "reads typed columns (DATE, DECIMAL amounts and rate) by value, as summarizeReturn() reads their shortest text",
    async ({ ledger, options }) => {
      const typed = typedLedger(ledger);
      const expected = summarizeReturn(typed as unknown as LedgerEntry[], options);
      await db.loadEntries(typed, Object.fromEntries(Object.entries(TYPED).map(([c, t]) => [c, t.type])));
      expect(await db.summarize(options)).toEqual(expected);
    },
    60_000 + RUNS * 500,
  );

  it("finds what the streaming engine finds in the example ledger: rate check, strict refunds, duplicates (worked example, docs/finance.md)", async () => {
    const ledger = [
      { id: "S-1", date: "2026-10-05", destination: "FR", currency: "EUR", net: "20.00", tax: "4.00", rate: "0.2", category: "books", type: "sale" },
      { id: "R-1", date: "2026-10-06", destination: "FR", currency: "EUR", net: "5.00", tax: "1.00", rate: "0.2", type: "refund", originalId: "S-2#0.2" },
      { id: "S-2#0.2", date: "2026-10-07", destination: "FR", currency: "EUR", net: "50.00", tax: "10.00", rate: "0.2", type: "sale" },
      { id: "R-2", date: "2026-10-08", destination: "FR", currency: "EUR", net: "5.00", tax: "1.00", rate: "0.2", type: "refund", originalId: "S-9" },
      { id: "S-1", date: "2026-10-09", destination: "FR", currency: "EUR", net: "20.00", tax: "1.10", rate: "0.055", category: "books", type: "sale" },
    ];
    const options = { jurisdiction: "EU", period: "2026-10", strictRefunds: true };
    const s = await viaDuckDb(ledger, options);
    expect(s).toEqual(summarizeReturn(ledger as LedgerEntry[], options));
    // S-1 books at 20 %: the data's 5.5 % implies EUR 1.10; R-2's sale is nowhere; the second S-1 is a duplicate.
    expect(s.discrepancies.map((d) => [d.id, d.recomputed, d.expectedTax])).toEqual([["S-1", "0.055", "1.10"]]);
    expect(s.rejected.map((r) => [r.index, r.id, r.reason])).toEqual([[4, "S-1", "DUPLICATE_ID"], [3, "R-2", "UNKNOWN_ORIGINAL"]]);
    expect(s.rows).toEqual([{ destination: "FR", rate: "0.2", taxableAmount: "65.00", tax: "13.00", count: 3 }]);
  });

  it("keeps the core query to portable SQL: no DuckDB-only functions or casts", () => {
    const sql = returnSql({ jurisdiction: "EU", period: "2026-10", exchangeRates: [{ date: "2026-10-30", from: "EUR", to: "USD", rate: "1.16" }] });
    const all = sql.sql;
    for (const duckOnly of ["::", "read_csv", "read_parquet", "regexp_", "list_", "struct_", "strftime", "TRY_CAST", "QUALIFY", "//", "HUGEINT"]) expect(all).not.toContain(duckOnly);
    expect(all).toMatch(/^WITH\n/);
  });

  it("is finished by summaryFromSql() from the rows any engine returns", () => {
    const s = summaryFromSql({ jurisdiction: "EU", period: "2026-10" }, [
      { kind: "bucket", destination: "FR", rate: "0.2", type: "sale", currency: "EUR", fx_date: null, fx_from: null, fx_to: null, fx_rate: null, entries: 2n, net: "30.005", tax: "6.000" },
      { kind: "rejected", idx: 2, raw_id: "X", raw_date: "2026-13-01", reason: "INVALID_DATE", field: "date", entries: 1 },
      { kind: "outside", entries: 4 },
    ]);
    expect(s.rows).toEqual([{ destination: "FR", rate: "0.2", taxableAmount: "30.00", tax: "6.00", count: 2 }]);
    expect(s.rejected).toEqual([{ id: "X", index: 2, reason: "INVALID_DATE", field: "date", message: 'date must be a calendar date written YYYY-MM-DD, got "2026-13-01"' }]);
    expect(s.counts).toEqual({ input: 7, included: 2, rejected: 1, outsidePeriod: 4 });
  });
});
