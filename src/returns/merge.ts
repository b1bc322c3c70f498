/** mergeReturnSummaries(): the return of two shards of a ledger. */
import { describeValue, invalid } from "../errors.js";
import { MINOR_UNITS } from "../generated/manifest.js";
import { textUnits } from "./exact.js";
import { warning } from "./messages.js";
import { buildSummary, bucketKey, type ExactBucket } from "./summary.js";
import type { ReturnSummary, ReturnWarning } from "./types.js";

/**
 * Combine the summaries of two disjoint parts of a ledger (shards summarised apart, in
 * parallel or as they arrive) for the same jurisdiction and period. The exact sums behind
 * the rows (`conversions`) are added and rounded once more, so the result is the summary
 * one pass over both parts gives: same rows, refunds, totals and counts; `rejected` and
 * `discrepancies` are a's then b's (indexes stay relative to each shard).
 *
 * What a merge cannot see: an id in both shards (one pass would reject the second as a
 * duplicate) and, with `strictRefunds`, a refund whose sale is in the other shard (one
 * pass would accept it). Shard by sale — each refund with its sale — to keep these exact.
 *
 * @throws VatError `INVALID_INPUT` when the summaries are for different jurisdictions, periods or data editions.
 * @example
 * const a = summarizeReturn(october.slice(0, 1000), { jurisdiction: "EU", period: "2026-10" });
 * const b = summarizeReturn(october.slice(1000), { jurisdiction: "EU", period: "2026-10" });
 * mergeReturnSummaries(a, b) // deep-equals summarizeReturn(october, …) up to rejected indexes
 * @category Returns
 */
export function mergeReturnSummaries(a: ReturnSummary, b: ReturnSummary): ReturnSummary {
  for (const [field, x, y] of [
    ["jurisdiction", a.jurisdiction, b.jurisdiction],
    ["period", a.period.name, b.period.name],
    ["currency", a.currency, b.currency],
    ["dataVersion", a.dataVersion, b.dataVersion],
    ["rounding", `${a.rounding.mode} to ${a.rounding.decimals} decimals`, `${b.rounding.mode} to ${b.rounding.decimals} decimals`],
  ] as const) {
    if (x !== y) throw invalid([field], `cannot merge the summary of ${describeValue(x)} with one of ${describeValue(y)}: ${field} differs`);
  }
  const buckets = new Map<string, ExactBucket>();
  for (const c of [...a.conversions, ...b.conversions]) {
    const dp = MINOR_UNITS[c.currency]!;
    const key = bucketKey(c);
    const prior = buckets.get(key);
    const net = textUnits(c.net, dp);
    const tax = textUnits(c.tax, dp);
    if (prior) {
      prior.net += net;
      prior.tax += tax;
      prior.count += c.count;
    } else buckets.set(key, { destination: c.destination, rate: c.rate, type: c.type, currency: c.currency, net, tax, count: c.count, exchangeRate: c.exchangeRate });
  }
  const warnings = new Map<ReturnWarning["code"], number>();
  for (const w of [...a.warnings, ...b.warnings]) warnings.set(w.code, w.code === "FX_RULE_NOT_MODELLED" ? 0 : (warnings.get(w.code) ?? 0) + w.count);
  const counts = {
    input: a.counts.input + b.counts.input,
    included: a.counts.included + b.counts.included,
    rejected: a.counts.rejected + b.counts.rejected,
    outsidePeriod: a.counts.outsidePeriod + b.counts.outsidePeriod,
  };
  const head = { jurisdiction: a.jurisdiction, period: { ...a.period }, currency: a.currency, dataVersion: a.dataVersion, fx: { ...a.fx }, rounding: { ...a.rounding } };
  return buildSummary(head, [...buckets.values()], {
    discrepancies: [...a.discrepancies, ...b.discrepancies],
    counts,
    rejected: [...a.rejected, ...b.rejected],
    warnings: [...warnings].map(([code, count]) => warning(code, count, a.fx.source)),
  });
}
