/** Reconcile mode: re-quote an entry's input and say where the ledger disagrees. */
import { MINOR_UNITS } from "../generated/manifest.js";
import type { QuoteInput } from "../quote/input.js";
import { safeQuote } from "../quote/quote.js";
import { VatError } from "../errors.js";
import { parseUnits, unitsText } from "./exact.js";
import { toLedgerEntries } from "./ledger-entry.js";
import type { Discrepancy } from "./types.js";

/**
 * Re-quote `input` with the data in force on its date and compare the part charged at
 * `rate` with the entry: a different rate (none charged at `rate`), or a tax more than
 * one minor unit away, is a discrepancy. An entry's input is the quote of the whole
 * sale (or of what a refund gives back); for a refund `input.date` is the sale's date.
 */
export function reconcileEntry(id: string, rate: string, currency: string, taxUnits: number, input: unknown): Discrepancy | undefined {
  let result: ReturnType<typeof safeQuote>;
  try {
    result = safeQuote(input as QuoteInput);
  } catch (e) {
    const error = e instanceof VatError ? e : new VatError("INVALID_INPUT", ["input"], "the input could not be read");
    result = { ok: false, error };
  }
  if (!result.ok) return { id, field: "input", recorded: "", recomputed: result.error.code, message: `the input no longer quotes: ${result.error.message}` };
  const q = result.quote;
  if (q.currency !== currency) return { id, field: "input", recorded: currency, recomputed: q.currency, message: `the input is in ${q.currency} but the entry in ${currency}` };
  const parts = toLedgerEntries(q, { id });
  const part = parts.find((p) => p.rate === rate);
  if (!part) {
    const charged = parts.map((p) => p.rate).join(" + ") || "none";
    return { id, field: "rate", recorded: rate, recomputed: charged, message: `recorded at rate ${rate}; quote() on ${q.date} charges ${charged === "none" ? "nothing at checkout" : charged}` };
  }
  const dp = MINOR_UNITS[currency]!;
  const recomputed = parseUnits(part.tax as string, dp);
  if (Math.abs(recomputed - taxUnits) > 1) {
    const recorded = unitsText(BigInt(taxUnits), dp);
    return { id, field: "tax", recorded, recomputed: part.tax as string, message: `tax at rate ${rate} recorded as ${recorded}; quote() on ${q.date} gives ${part.tax as string}` };
  }
  return undefined;
}
