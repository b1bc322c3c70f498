/**
 * Exchange rates for returns: the caller's dated table, and which of its rates an entry
 * is converted at under the jurisdiction's FX rule (named in the data: `returns.fx.source`).
 */
import { describeValue, invalid } from "../errors.js";
import { isCalendarDate } from "../dates.js";
import { exactRate, type ExactRate } from "./exact.js";
import type { ReturnExchangeRate } from "./types.js";

/**
 * How each FX rule in the data picks a rate.
 * - `period-end`: the rate of the period's last day; when none was published that day,
 *   the next publication day (the first later date in the table, up to 7 days later).
 * - `entry-date`: the rate of the entry's own date; when none was published that day
 *   (weekend, holiday, a weekly rate), the latest earlier one, up to 7 days before.
 */
const RULES: Record<string, "period-end" | "entry-date"> = {
  "ECB-LAST-DAY-OF-PERIOD": "period-end",
  "DATE-OF-SUPPLY": "entry-date",
  "NO-CUSTOMS-WEEKLY-RATE": "entry-date",
};

/** Days a missing publication day may be bridged. */
export const FX_WINDOW_DAYS = 7;

export function fxStrategy(source: string): { strategy: "period-end" | "entry-date"; modelled: boolean } {
  const s = RULES[source];
  return s ? { strategy: s, modelled: true } : { strategy: "entry-date", modelled: false };
}

/** A rate picked for an entry: what to echo in the summary, and how to apply it. */
export interface PickedRate {
  /** Identifies the rate in bucket keys. */
  key: string;
  echo: { date: string; from: string; to: string; rate: string };
  exact: ExactRate;
  /** The table gives the inverse pair (return currency → entry currency): divide by it. */
  divide: boolean;
}

interface Dated {
  day: number;
  rate: PickedRate;
}

const RATE_TEXT = /^\d{1,12}(?:\.\d{1,20})?$/;
/** An ISO 4217 code as written in ledgers and rate tables. */
export const CURRENCY = /^[A-Z]{3}$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a calendar date (UTC arithmetic: no time zone moves it). */
const dayNumber = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;

/** The caller's rates into the return currency, by entry currency, sorted by date. Throws VatError on a malformed table. */
export class FxTable {
  private readonly byCurrency = new Map<string, Dated[]>();
  /** Picks by currency, then date (nested: no key string built per entry). */
  private readonly cache = new Map<string, Map<string, PickedRate | null>>();

  constructor(rates: readonly ReturnExchangeRate[] | undefined, returnCurrency: string) {
    if (rates === undefined) return;
    if (!Array.isArray(rates)) throw invalid(["exchangeRates"], `exchangeRates must be an array of { date, from, to, rate }, got ${describeValue(rates)}`);
    const seen = new Map<string, string>();
    rates.forEach((r: unknown, i) => {
      const at = (f: string) => ["exchangeRates", i, f] as const;
      if (typeof r !== "object" || r === null) throw invalid(["exchangeRates", i], `exchangeRates[${i}] must be an object { date, from, to, rate }, got ${describeValue(r)}`);
      const { date, from, to, rate } = r as Record<string, unknown>;
      if (typeof date !== "string" || !isCalendarDate(date)) throw invalid(at("date"), `exchangeRates[${i}].date must be a calendar date written YYYY-MM-DD, got ${describeValue(date)}`);
      for (const [k, v] of [["from", from], ["to", to]] as const) {
        if (typeof v !== "string" || !CURRENCY.test(v)) throw invalid(at(k), `exchangeRates[${i}].${k} must be an ISO 4217 code in capitals such as "USD", got ${describeValue(v)}`);
      }
      const text = typeof rate === "number" && Number.isSafeInteger(rate) ? String(rate) : rate;
      if (typeof text !== "string" || !RATE_TEXT.test(text) || /^[0.]+$/.test(text)) {
        throw invalid(at("rate"), `exchangeRates[${i}].rate must be a positive decimal string such as "1.0812", got ${describeValue(rate)}`);
      }
      const f = from as string;
      const t = to as string;
      if (f === t) throw invalid(at("to"), `exchangeRates[${i}] converts ${f} into itself`);
      const key = `${date}|${f}|${t}`;
      const before = seen.get(key);
      if (before !== undefined && before !== text) throw invalid(at("rate"), `exchangeRates has two rates for ${f} → ${t} on ${date}: ${before} and ${text}`);
      seen.set(key, text);
      if (before !== undefined) return;
      const divide = f === returnCurrency;
      if (!divide && t !== returnCurrency) return; // not into the return currency: no use here
      const currency = divide ? t : f;
      const picked: PickedRate = { key: `${date}|${f}|${t}|${text}`, echo: { date, from: f, to: t, rate: text }, exact: exactRate(text), divide };
      let list = this.byCurrency.get(currency);
      if (!list) this.byCurrency.set(currency, (list = []));
      list.push({ day: dayNumber(date), rate: picked });
    });
    // By date; on one date the direct pair (multiply) before the inverse.
    for (const list of this.byCurrency.values()) list.sort((a, b) => a.day - b.day || Number(a.rate.divide) - Number(b.rate.divide));
  }

  /** The currencies the table converts into the return currency. */
  currencies(): string[] {
    return [...this.byCurrency.keys()].sort();
  }

  /**
   * The rate for `currency` on `date` by `strategy` (`date` is the entry's date, or the
   * period's last day for `period-end`); null when the table has none in the window.
   */
  pick(currency: string, date: string, strategy: "period-end" | "entry-date"): PickedRate | null {
    let byDate = this.cache.get(currency);
    if (byDate === undefined) {
      if (this.cache.size >= 4096) this.cache.clear();
      this.cache.set(currency, (byDate = new Map()));
    }
    let r = byDate.get(date);
    if (r === undefined) {
      r = this.find(currency, dayNumber(date), strategy);
      if (byDate.size >= 4096) byDate.clear();
      byDate.set(date, r);
    }
    return r;
  }

  private find(currency: string, day: number, strategy: "period-end" | "entry-date"): PickedRate | null {
    const list = this.byCurrency.get(currency);
    if (!list) return null;
    // First index with list[i].day >= day.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.day < day) lo = mid + 1;
      else hi = mid;
    }
    if (lo < list.length && list[lo]!.day === day) return list[lo]!.rate;
    if (strategy === "period-end") {
      const next = list[lo];
      return next && next.day - day <= FX_WINDOW_DAYS ? next.rate : null;
    }
    // Latest earlier date; the direct pair first when both directions share it.
    const prev = list[lo - 1];
    if (!prev || day - prev.day > FX_WINDOW_DAYS) return null;
    let k = lo - 1;
    while (k > 0 && list[k - 1]!.day === prev.day) k--;
    return list[k]!.rate;
  }
}
