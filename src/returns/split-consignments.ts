/**
 * findSplitConsignments(): sales to one consignee dispatched together (within a window of
 * days) whose parts are each within the threshold but whose whole is over it — the split
 * that customs looks for in low-value regimes. What makes one consignment, and what
 * follows, is data (`rules.consignment`); the threshold is the data's.
 */
import { isCalendarDate } from "../dates.js";
import { describeValue, invalid } from "../errors.js";
import { MINOR_UNITS } from "../generated/manifest.js";
import { rulesFor, type DestinationRules, type Jurisdiction } from "../rules.js";
import { ExactSum, convert, parseUnits, unitsText, type Fraction } from "./exact.js";
import { CURRENCY, FxTable } from "./fx.js";
import type { ReturnExchangeRate } from "./types.js";

/** Options of `findSplitConsignments()`. @category Returns */
export interface SplitConsignmentOptions {
  /** `"EU"`, `"GB"` (GB and XI), `"AU"`; `"NZ"`, `"NO"` and `"SG"` test each item alone and have no consignment rule. */
  jurisdiction: Jurisdiction | (string & {});
  /** Days from a group's first sale within which later sales to the same consignee join it: 0 (the default) is the same day. */
  window?: number;
  /** Rates into the threshold currency (`{ date, from, to, rate }`, either direction), for sales in other currencies: the rate of the sale's date or up to 7 days before. */
  exchangeRates?: readonly ReturnExchangeRate[];
}

/** One sale of a group: its id (the base of `id#part` entries), date and intrinsic value in the threshold currency. @category Returns */
export interface SplitPart {
  id: string;
  date: string;
  value: string;
}

/** Sales to one consignee that together make a consignment over the threshold. @category Returns */
export interface SplitConsignment {
  consignee: string;
  destination: string;
  /** First and last date of the group's sales. */
  from: string;
  to: string;
  parts: SplitPart[];
  /** The parts' values added, in `threshold.currency`. */
  value: string;
  threshold: { amount: string; currency: string; inclusive: boolean };
  /** What makes the sales one consignment, what follows, and where the law says so (the data's `consignment`). */
  rule: string;
  consequence: string;
  sources: string[];
}

/** An entry the audit could not use, and why. @category Returns */
export interface SplitSkipped {
  id: string;
  index: number;
  reason: "NOT_A_SALE" | "NO_CONSIGNEE" | "INVALID_ENTRY" | "UNKNOWN_DESTINATION" | "OTHER_JURISDICTION" | "DATE_OUT_OF_RANGE" | "MISSING_EXCHANGE_RATE";
  message: string;
}

/** What `findSplitConsignments()` gives. @category Returns */
export interface SplitConsignmentReport {
  jurisdiction: Jurisdiction;
  window: number;
  groups: SplitConsignment[];
  /** `input = considered + skipped`: every entry accounted for. */
  counts: { input: number; considered: number; skipped: number };
  skipped: SplitSkipped[];
  /** Set where the jurisdiction has no consignment rule (per-item regimes): why no group is reported. */
  note?: string;
}

interface Part {
  id: string;
  consignee: string;
  destination: string;
  date: string;
  sum: ExactSum;
  /** The converted values summed in `sum`, kept to add them exactly into a group's total. */
  values: Fraction[];
  rules: DestinationRules;
}

const JURISDICTIONS = ["AU", "NZ", "NO", "GB", "SG", "EU"];
const DAY_MS = 86_400_000;
const dayNumber = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / DAY_MS;
/** Values are compared as quote() compares them: in the threshold currency, to its 2 decimals, half up. */
const THRESHOLD_DP = 2;

/**
 * Find sales to the same consignee (the ledger's `consignee`: a customer or address key the
 * seller supplies) dispatched within `window` days whose combined intrinsic value is over
 * the consignment threshold while each sale is within it. For the EU and GB that is one
 * consignment over EUR 150 / GBP 135 — VAT at import on the whole, not IOSS or checkout VAT;
 * for AU the consignment test of s84-83 (goods imported together over AUD 1,000). NZ, NO
 * and SG test each item alone: no group is reported, and `note` says why. Only sales count;
 * the value tested is each sale's `net` (which includes delivery where the ledger put it
 * there: a conservative over-estimate of the intrinsic value).
 *
 * @throws VatError `INVALID_INPUT` for a malformed jurisdiction, window or exchange-rate table.
 * @example
 * const report = findSplitConsignments(
 *   [
 *     { id: "A-1", date: "2026-10-05", destination: "FR", currency: "EUR", net: "90.00", tax: "18.00", rate: "0.2", type: "sale", consignee: "c-42" },
 *     { id: "A-2", date: "2026-10-05", destination: "FR", currency: "EUR", net: "80.00", tax: "16.00", rate: "0.2", type: "sale", consignee: "c-42" },
 *   ],
 *   { jurisdiction: "EU" },
 * );
 * report.groups[0].value //=> "170.00" (over EUR 150; each part within)
 * @category Returns
 */
export function findSplitConsignments(entries: Iterable<unknown>, options: SplitConsignmentOptions): SplitConsignmentReport {
  if (typeof options !== "object" || options === null) throw invalid([], "findSplitConsignments needs options { jurisdiction, window? }");
  const jurisdiction = typeof options.jurisdiction === "string" ? options.jurisdiction.toUpperCase() : "";
  if (!JURISDICTIONS.includes(jurisdiction)) throw invalid(["jurisdiction"], `jurisdiction must be one of ${JURISDICTIONS.join(", ")}, got ${describeValue(options.jurisdiction)}`);
  const window = options.window ?? 0;
  if (!Number.isSafeInteger(window) || window < 0 || window > 366) throw invalid(["window"], `window must be a whole number of days from 0 (same day) to 366, got ${describeValue(options.window)}`);
  if (entries == null || typeof (entries as Iterable<unknown>)[Symbol.iterator] !== "function") throw invalid(["entries"], "entries must be an iterable (an array) of ledger entries");
  const fx = new Map<string, FxTable>();
  const table = (currency: string) => {
    let t = fx.get(currency);
    if (!t) fx.set(currency, (t = new FxTable(options.exchangeRates, currency)));
    return t;
  };
  const parts = new Map<string, Part>();
  const skipped: SplitSkipped[] = [];
  let input = 0;
  let note: string | undefined;
  for (const raw of entries) {
    const index = input++;
    const e = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
    const id = typeof e.id === "string" && e.id.length > 0 && e.id.length <= 200 ? e.id : "";
    const skip = (reason: SplitSkipped["reason"], message: string) => void skipped.push({ id, index, reason, message });
    if (!id) {
      skip("INVALID_ENTRY", `id must be a non-empty string of at most 200 characters, got ${describeValue(e.id)}`);
      continue;
    }
    if (e.type !== "sale") {
      skip("NOT_A_SALE", `type ${describeValue(e.type)}: only sales are dispatched`);
      continue;
    }
    const consignee = e.consignee;
    if (typeof consignee !== "string" || consignee.length === 0 || consignee.length > 200) {
      skip("NO_CONSIGNEE", `consignee must name the customer or address the sale is sent to (at most 200 characters), got ${describeValue(consignee)}`);
      continue;
    }
    const date = e.date;
    const currency = e.currency;
    const dp = typeof currency === "string" && CURRENCY.test(currency) ? MINOR_UNITS[currency] : undefined;
    const units = dp !== undefined && typeof e.net === "string" ? parseUnits(e.net, dp) : -1;
    if (typeof date !== "string" || !isCalendarDate(date) || dp === undefined || units < 0) {
      skip("INVALID_ENTRY", `date, currency and net must be a calendar date, an ISO 4217 code and an amount such as "12.50", got ${describeValue(date)}, ${describeValue(currency)}, ${describeValue(e.net)}`);
      continue;
    }
    let rules: DestinationRules;
    try {
      rules = rulesFor(e.destination as string, date);
    } catch (err) {
      const code = (err as { code?: string }).code;
      skip(code === "DATE_OUT_OF_RANGE" ? "DATE_OUT_OF_RANGE" : "UNKNOWN_DESTINATION", (err as Error).message);
      continue;
    }
    if (rules.jurisdiction !== jurisdiction || !rules.inVatArea) {
      skip("OTHER_JURISDICTION", `${rules.destination} is not in the ${jurisdiction} VAT area`);
      continue;
    }
    if (!rules.consignment) note = `${jurisdiction} tests each item on its own and the data has no consignment rule there: splitting a consignment changes no tax at checkout, so no group is reported`;
    const t = rules.threshold;
    let value: Fraction;
    if (currency === t.currency) value = convert(BigInt(units), dp, null, false);
    else {
      const r = table(t.currency).pick(currency as string, date, "entry-date");
      if (!r) {
        skip("MISSING_EXCHANGE_RATE", `no ${currency as string} → ${t.currency} exchange rate for ${date} or the 7 days before in exchangeRates`);
        continue;
      }
      value = convert(BigInt(units), dp, r.exact, r.divide);
    }
    const hash = id.lastIndexOf("#");
    const base = hash > 0 ? id.slice(0, hash) : id;
    const key = `${consignee}\u0000${rules.taxedAs}\u0000${base}`;
    let part = parts.get(key);
    if (!part) parts.set(key, (part = { id: base, consignee, destination: rules.taxedAs, date, sum: new ExactSum(), values: [], rules }));
    part.sum.add(value);
    part.values.push(value);
  }
  const groups = note ? [] : groupsOf([...parts.values()], window);
  const report: SplitConsignmentReport = {
    jurisdiction: jurisdiction as Jurisdiction,
    window,
    groups,
    counts: { input, considered: input - skipped.length, skipped: skipped.length },
    skipped,
  };
  if (note) report.note = note;
  return report;
}

/** Parts of one consignee and destination dispatched within the window of the first, over the threshold together, each within. */
function groupsOf(parts: Part[], window: number): SplitConsignment[] {
  parts.sort((a, b) => cmp(a.consignee, b.consignee) || cmp(a.destination, b.destination) || cmp(a.date, b.date) || cmp(a.id, b.id));
  const out: SplitConsignment[] = [];
  for (let i = 0; i < parts.length; ) {
    const first = parts[i]!;
    let j = i + 1;
    while (j < parts.length && parts[j]!.consignee === first.consignee && parts[j]!.destination === first.destination && dayNumber(parts[j]!.date) - dayNumber(first.date) <= window) j++;
    const group = parts.slice(i, j);
    i = j;
    if (group.length < 2) continue;
    const r = first.rules;
    const limit = BigInt(unitsOf(r.threshold.amount));
    const within = (units: bigint) => (r.threshold.inclusive ? units <= limit : units < limit);
    const values = group.map((p) => p.sum.round(THRESHOLD_DP, "half-up"));
    const total = new ExactSum();
    for (const p of group) for (const v of p.values) total.add(v);
    const combined = total.round(THRESHOLD_DP, "half-up");
    if (within(combined) || !values.every(within)) continue;
    out.push({
      consignee: first.consignee,
      destination: first.destination,
      from: group[0]!.date,
      to: group[group.length - 1]!.date,
      parts: group.map((p, k) => ({ id: p.id, date: p.date, value: unitsText(values[k]!, THRESHOLD_DP) })),
      value: unitsText(combined, THRESHOLD_DP),
      threshold: { amount: r.threshold.amount, currency: r.threshold.currency, inclusive: r.threshold.inclusive },
      rule: r.consignment!.text,
      consequence: r.consignment!.consequence,
      sources: r.consignment!.sources.map((s) => s.url),
    });
  }
  return out;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Minor units (2 decimals) of a threshold amount from the data ("150", "1000.5"). */
function unitsOf(amount: string): number {
  const [w, f = ""] = amount.split(".");
  return Number(w) * 100 + Number((f + "00").slice(0, 2));
}
