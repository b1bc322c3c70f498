/** summarizeReturn(): a ledger in, a return-ready summary out. */
import { invalid } from "../errors.js";
import { isLedgerRecord, type LedgerRecord } from "../ledger/records.js";
import { ReturnAccumulator } from "./accumulator.js";
import type { LedgerEntry, ReturnOptions, ReturnSummary } from "./types.js";

/**
 * Summarise ledger entries into the return of one jurisdiction and period: taxable
 * amount and tax per destination (member state for IOSS) and rate, in the return
 * currency, refunds shown separately and netted in, and every entry accounted for
 * (`counts.input = included + rejected + outsidePeriod`).
 *
 * - Entries dated outside the period are counted and skipped (refunds belong to the
 *   period of their own date). A bad entry is never thrown and never dropped: it is
 *   in `rejected` with its reason (malformed field, destination unknown or of another
 *   jurisdiction, missing exchange rate, duplicate id, unknown original in strict mode).
 * - Foreign-currency entries are converted by the jurisdiction's FX rule from the data
 *   (`returns.fx`): EU IOSS at the ECB rate of the period's last day, the others at the
 *   rate of each entry's date, from `exchangeRates`. Conversions are exact; each row is
 *   rounded once, with the jurisdiction's rounding mode, and the totals add the rows.
 * - A synchronous iterable (an array) gives the summary directly; an async iterable
 *   (a stream) gives a Promise of it. Memory stays bounded by the number of
 *   destinations, rates, currencies and exchange rates, plus ~10 bytes per entry id (none with `checkIds: false`).
 * - The records of `readLedgerCsv()` / `readLedgerJsonl()` are taken as they come: a line
 *   that could not be read is a rejected entry, and every rejection carries its `line`.
 *
 * @throws VatError (`INVALID_INPUT`, `DATE_OUT_OF_RANGE`) when the jurisdiction, period or exchange-rate table is malformed.
 * @example
 * const s = summarizeReturn(
 *   [
 *     { id: "A-1", date: "2026-10-05", destination: "FR", currency: "EUR", net: "100.00", tax: "20.00", rate: "0.2", type: "sale" },
 *     { id: "A-2", date: "2026-10-07", destination: "MC", currency: "USD", net: "50.00", tax: "10.00", rate: "0.2", type: "sale" },
 *     { id: "R-1", date: "2026-10-20", destination: "FR", currency: "EUR", net: "30.00", tax: "6.00", rate: "0.2", type: "refund", originalId: "A-1" },
 *   ],
 *   { jurisdiction: "EU", period: "2026-10", exchangeRates: [{ date: "2026-11-02", from: "EUR", to: "USD", rate: "1.25" }] },
 * );
 * s.rows   //=> [{ destination: "FR", rate: "0.2", taxableAmount: "110.00", tax: "22.00", count: 3 }]
 * s.totals //=> { taxableAmount: "110.00", tax: "22.00" }
 * s.counts //=> { input: 3, included: 3, rejected: 0, outsidePeriod: 0 }
 * @category Returns
 */
export function summarizeReturn(entries: Iterable<LedgerEntry | LedgerRecord>, options: ReturnOptions): ReturnSummary;
export function summarizeReturn(entries: AsyncIterable<LedgerEntry | LedgerRecord>, options: ReturnOptions): Promise<ReturnSummary>;
export function summarizeReturn(entries: Iterable<LedgerEntry | LedgerRecord> | AsyncIterable<LedgerEntry | LedgerRecord>, options: ReturnOptions): ReturnSummary | Promise<ReturnSummary>;
export function summarizeReturn(entries: Iterable<LedgerEntry | LedgerRecord> | AsyncIterable<LedgerEntry | LedgerRecord>, options: ReturnOptions): ReturnSummary | Promise<ReturnSummary> {
  const acc = new ReturnAccumulator(options);
  const take = (e: unknown) => (isLedgerRecord(e) ? acc.addRecord(e) : acc.add(e));
  if (entries != null && typeof (entries as Iterable<LedgerEntry>)[Symbol.iterator] === "function") {
    for (const e of entries as Iterable<LedgerEntry>) take(e);
    return acc.finish();
  }
  if (entries != null && typeof (entries as AsyncIterable<LedgerEntry>)[Symbol.asyncIterator] === "function") {
    return (async () => {
      for await (const e of entries as AsyncIterable<LedgerEntry>) take(e);
      return acc.finish();
    })();
  }
  throw invalid(["entries"], "entries must be an iterable (an array) or an async iterable (a stream) of ledger entries");
}
