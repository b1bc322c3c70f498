/**
 * Properties of summarizeReturn / mergeReturnSummaries over generated ledgers: valid,
 * malformed and hostile entries, several jurisdictions (monthly and quarterly, both FX
 * rules, both rounding modes), refunds with and without their sales, duplicate ids,
 * foreign currencies with direct and inverse rates. PROP_RUNS sets the number of cases.
 */
import { fc, test } from "@fast-check/vitest";
import DecimalJs from "decimal.js";
import { describe, expect, it } from "vitest";
import { mergeReturnSummaries, summarizeReturn, type LedgerEntry, type ReturnExchangeRate, type ReturnOptions, type ReturnSummary } from "../src/index.js";
import { amountArb, fromDays, toDays } from "./support/arbitraries.js";

const RUNS = Number(process.env.PROP_RUNS ?? 200);
const opts = { numRuns: RUNS };
const TIMEOUT = 30_000 + RUNS * 50;

/** A return to summarise, with the codes, rates and currencies its ledgers draw from. */
interface Config {
  jurisdiction: string;
  period: string;
  from: string;
  to: string;
  currency: string;
  destinations: string[];
  rates: string[];
}

const CONFIGS: Config[] = [
  { jurisdiction: "EU", period: "2026-10", from: "2026-10-01", to: "2026-11-01", currency: "EUR", destinations: ["FR", "MC", "DE", "IE", "fr"], rates: ["0.2", "0.20", "0.055", "0.19", "0.07", "0"] },
  { jurisdiction: "AU", period: "2026-Q3", from: "2026-07-01", to: "2026-10-01", currency: "AUD", destinations: ["AU"], rates: ["0.1", "0"] },
  { jurisdiction: "NZ", period: "2026-Q3", from: "2026-07-01", to: "2026-10-01", currency: "NZD", destinations: ["NZ"], rates: ["0.15"] },
  { jurisdiction: "GB", period: "2026-Q4", from: "2026-10-01", to: "2027-01-01", currency: "GBP", destinations: ["GB", "XI", "IM", "UK"], rates: ["0.2", "0.05", "0"] },
];
const FOREIGN = ["USD", "JPY", "KWD"]; // 2, 0 and 3 decimals

const configArb = fc.constantFrom(...CONFIGS);

/** A dated rate table into the config's currency: each foreign currency on a few random days, direct or inverse. */
const ratesArb = (c: Config): fc.Arbitrary<ReturnExchangeRate[]> =>
  fc
    .uniqueArray(fc.tuple(fc.constantFrom(...FOREIGN), fc.integer({ min: toDays(c.from) - 5, max: toDays(c.to) + 5 })), { selector: ([cur, d]) => `${cur}${d}`, maxLength: 40 })
    .chain((days) =>
      fc.tuple(...days.map(([cur, d]) => fc.tuple(fc.integer({ min: 1, max: 3_000_000 }), fc.boolean()).map(([n, inverse]) => {
        const rate = new DecimalJs(n).div(10_000).toString();
        const date = fromDays(d);
        return inverse ? { date, from: c.currency, to: cur, rate } : { date, from: cur, to: c.currency, rate };
      }))),
    );

const dateArb = (c: Config) =>
  fc.oneof(
    { arbitrary: fc.integer({ min: toDays(c.from), max: toDays(c.to) - 1 }).map(fromDays), weight: 8 },
    { arbitrary: fc.integer({ min: toDays(c.from) - 40, max: toDays(c.to) + 40 }).map(fromDays), weight: 2 },
    { arbitrary: fc.constantFrom("2026-02-30", "2026/10/05", "", "yesterday"), weight: 1 },
  );

const currencyArb = (c: Config) => fc.oneof({ arbitrary: fc.constant(c.currency), weight: 4 }, { arbitrary: fc.constantFrom(...FOREIGN), weight: 2 }, { arbitrary: fc.constantFrom("CHF", "eur", "EURO"), weight: 1 });
const DP: Record<string, number> = { EUR: 2, AUD: 2, NZD: 2, GBP: 2, USD: 2, JPY: 0, KWD: 3, CHF: 2 };
const moneyArb = (currency: string) =>
  fc.oneof({ arbitrary: amountArb(DP[currency] ?? 2), weight: 12 }, { arbitrary: fc.constantFrom<unknown>("-1.00", "1e3", "12.3456", " 5", null, 1.5, "1,00"), weight: 1 });

/** One family: a sale (or its parts at several rates) and refunds naming it; the family is what shards are keyed by. */
interface Family {
  key: string;
  entries: unknown[];
}

const entryArb = (c: Config, id: string, type: "sale" | "refund", originalId?: string) =>
  fc
    .record({
      date: dateArb(c),
      destination: fc.oneof({ arbitrary: fc.constantFrom(...c.destinations), weight: 10 }, { arbitrary: fc.constantFrom("ZZ", "IC", "SG", 7), weight: 1 }),
      currency: currencyArb(c),
      rate: fc.oneof({ arbitrary: fc.constantFrom(...c.rates), weight: 10 }, { arbitrary: fc.constantFrom<unknown>("20", "0.2.0", 0.2, "1.5"), weight: 1 }),
      type: fc.oneof({ arbitrary: fc.constant<unknown>(type), weight: 20 }, { arbitrary: fc.constantFrom<unknown>("credit", undefined), weight: 1 }),
      category: fc.option(fc.constantFrom("standard", "books"), { nil: undefined }),
    })
    .chain((e) => fc.record({ net: moneyArb(e.currency), tax: moneyArb(e.currency) }).map((m) => ({ id, ...e, ...m, ...(originalId !== undefined ? { originalId } : {}) })))
    .map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)));

const familyArb = (c: Config, n: number): fc.Arbitrary<Family> =>
  fc.oneof(
    // A sale, maybe in parts, with 0–2 refunds of it (naming the sale or one part).
    { arbitrary: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 0, max: 2 })).chain(([parts, refunds]) => {
      const ids = parts === 1 ? [`S${n}`] : [`S${n}#0.2`, `S${n}#0.055`];
      return fc.tuple(
        fc.tuple(...ids.map((id) => entryArb(c, id, "sale"))),
        fc.tuple(...Array.from({ length: refunds }, (_, j) => fc.constantFrom(`S${n}`, ids[0]!).chain((orig) => entryArb(c, `R${n}.${j}`, "refund", orig)))),
      ).map(([s, r]) => ({ key: `S${n}`, entries: [...s, ...r] }));
    }), weight: 10 },
    // A refund of a sale that is not in the ledger.
    { arbitrary: entryArb(c, `R${n}`, "refund", `OLD${n}`).map((e) => ({ key: `OLD${n}`, entries: [e] })), weight: 2 },
    // Garbage.
    { arbitrary: fc.constantFrom<unknown>(null, 42, "S-1", [], { id: "" }, { id: 5 }).map((e) => ({ key: `G${n}`, entries: [e] })), weight: 1 },
  );

/** A ledger: families interleaved in a random order, some entries repeated (duplicate ids), each entry tagged with its family. */
const ledgerArb = (c: Config) =>
  fc
    .integer({ min: 0, max: 30 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => familyArb(c, i))))
    .chain((families) => {
      const tagged = families.flatMap((f) => f.entries.map((entry) => ({ key: f.key, entry })));
      return fc.shuffledSubarray(tagged, { maxLength: Math.min(4, tagged.length) }).chain((dups) => fc.shuffledSubarray([...tagged, ...dups], { minLength: tagged.length + dups.length }));
    });

const optionsArb = (c: Config) =>
  fc.tuple(ratesArb(c), fc.boolean(), fc.boolean()).map(([exchangeRates, strictRefunds, checkIds]): ReturnOptions => ({
    jurisdiction: c.jurisdiction,
    period: c.period,
    exchangeRates,
    strictRefunds: strictRefunds && checkIds,
    checkIds,
  }));

const caseArb = configArb.chain((c) => fc.record({ ledger: ledgerArb(c), options: optionsArb(c) }));

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const units = (s: string) => BigInt(s.replace(".", ""));

/** A summary with its lists in a fixed order and without shard-relative indexes: what merging must preserve. */
function canonical(s: ReturnSummary) {
  const order = <T>(xs: T[]) => [...xs].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  return { ...s, rejected: order(s.rejected.map(({ index: _, ...r }) => r)), discrepancies: order(s.discrepancies) };
}

/** What the generated ledgers exercised, checked at the end so that no property passes vacuously. */
const seen = { cases: 0, inverseRate: 0, directRate: 0, refunds: 0, reasons: new Set<string>() };

describe("summarizeReturn over generated ledgers", () => {
  test.prop([caseArb], opts)(
    "accounts for every entry: input = included + rejected + outsidePeriod, every included entry in exactly one row",
    ({ ledger, options }) => {
      const entries = ledger.map((t) => t.entry) as LedgerEntry[];
      const s = summarizeReturn(entries, options);
      const n = s.counts;
      expect(n.input).toBe(entries.length);
      expect(n.input).toBe(n.included + n.rejected + n.outsidePeriod);
      expect(s.rejected).toHaveLength(n.rejected);
      expect(new Set(s.rejected.map((r) => r.index)).size).toBe(n.rejected);
      expect(sum(s.rows.map((r) => r.count))).toBe(n.included);
      expect(sum(s.conversions.map((c) => c.count))).toBe(n.included);
      expect(sum(s.refunds.map((r) => r.count))).toBe(sum(s.conversions.filter((c) => c.type === "refund").map((c) => c.count)));
      expect(units(s.totals.taxableAmount)).toBe(s.rows.reduce((a, r) => a + units(r.taxableAmount), 0n));
      expect(units(s.totals.tax)).toBe(s.rows.reduce((a, r) => a + units(r.tax), 0n));
      for (const r of [...s.rows, ...s.refunds]) expect(r.taxableAmount).toMatch(/^-?\d+\.\d{2}$/);
      seen.cases++;
      if (s.conversions.some((c) => c.exchangeRate?.from === s.currency)) seen.inverseRate++;
      if (s.conversions.some((c) => c.exchangeRate && c.exchangeRate.to === s.currency)) seen.directRate++;
      if (s.refunds.length) seen.refunds++;
      for (const r of s.rejected) seen.reasons.add(r.reason);
    },
    TIMEOUT,
  );

  test.prop([caseArb, fc.integer({ min: 2, max: 4 }), fc.func(fc.nat())], opts)(
    "merging the summaries of shards (each sale with its refunds and duplicates) gives the one-pass summary",
    ({ ledger, options }, k, pick) => {
      const whole = summarizeReturn(ledger.map((t) => t.entry) as LedgerEntry[], options);
      const shards = Array.from({ length: k }, (_, i) => ledger.filter((t) => pick(t.key) % k === i).map((t) => t.entry) as LedgerEntry[]);
      const merged = shards.map((shard) => summarizeReturn(shard, options)).reduce((a, b) => mergeReturnSummaries(a, b));
      expect(canonical(merged)).toEqual(canonical(whole));
    },
    TIMEOUT,
  );

  test.prop([caseArb.filter(({ ledger }) => ledger.length > 0), fc.nat()], opts)(
    "a contiguous split merges back too, whatever the families (up to duplicates and refunds across the cut)",
    ({ ledger, options }, at) => {
      const entries = ledger.map((t) => t.entry) as LedgerEntry[];
      const cut = at % (entries.length + 1);
      const noIds = { ...options, checkIds: false, strictRefunds: false };
      const merged = mergeReturnSummaries(summarizeReturn(entries.slice(0, cut), noIds), summarizeReturn(entries.slice(cut), noIds));
      expect(canonical(merged)).toEqual(canonical(summarizeReturn(entries, noIds)));
    },
    TIMEOUT,
  );

  test.prop([caseArb], opts)(
    "without repeated ids the order of the entries does not matter (strict refunds included)",
    ({ ledger, options }) => {
      const seen = new Set<string>();
      const unique = ledger.filter((t) => {
        const id = (t.entry as { id?: unknown } | null)?.id;
        if (typeof id !== "string") return true;
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      }).map((t) => t.entry) as LedgerEntry[];
      const reversed = [...unique].reverse();
      expect(canonical(summarizeReturn(reversed, options))).toEqual(canonical(summarizeReturn(unique, options)));
    },
    TIMEOUT,
  );

  test.prop([caseArb], opts)(
    "each row is the exact converted sum of its entries, rounded once (checked with decimal.js at 100 digits)",
    ({ ledger, options }) => {
      const s = summarizeReturn(ledger.map((t) => t.entry) as LedgerEntry[], options);
      const Big = DecimalJs.clone({ precision: 100 });
      const mode = s.rounding.mode === "half-up" ? DecimalJs.ROUND_HALF_UP : DecimalJs.ROUND_HALF_DOWN;
      const exact = new Map<string, { net: DecimalJs; tax: DecimalJs }>();
      for (const c of s.conversions) {
        const key = `${c.destination} ${c.rate}`;
        const fx = c.exchangeRate;
        const conv = (v: string) => {
          const x = new Big(v);
          if (!fx) return x;
          return fx.from === s.currency ? x.div(fx.rate) : x.times(fx.rate);
        };
        const sign = c.type === "refund" ? -1 : 1;
        const r = exact.get(key) ?? { net: new Big(0), tax: new Big(0) };
        exact.set(key, { net: r.net.plus(conv(c.net).times(sign)), tax: r.tax.plus(conv(c.tax).times(sign)) });
      }
      expect(s.rows.map((r) => [r.destination, r.rate, r.taxableAmount, r.tax])).toEqual(
        s.rows.map((r) => {
          const e = exact.get(`${r.destination} ${r.rate}`)!;
          const fixed = (x: DecimalJs) => x.toFixed(2, mode).replace(/^-(0\.00)$/, "$1"); // no negative zero in a return
          return [r.destination, r.rate, fixed(e.net), fixed(e.tax)];
        }),
      );
    },
    TIMEOUT,
  );

  it("exercised converted entries both ways, refunds, and most rejection reasons", () => {
    const enough = Math.max(1, Math.floor(seen.cases / 20));
    expect(seen.inverseRate).toBeGreaterThanOrEqual(enough);
    expect(seen.directRate).toBeGreaterThanOrEqual(enough);
    expect(seen.refunds).toBeGreaterThanOrEqual(enough);
    for (const r of ["INVALID_ENTRY", "INVALID_ID", "INVALID_DATE", "INVALID_TYPE", "UNSUPPORTED_CURRENCY", "INVALID_AMOUNT", "INVALID_RATE", "UNKNOWN_DESTINATION", "OTHER_JURISDICTION", "MISSING_EXCHANGE_RATE", "DUPLICATE_ID", "UNKNOWN_ORIGINAL"]) {
      expect(seen.reasons).toContain(r);
    }
  });
});
