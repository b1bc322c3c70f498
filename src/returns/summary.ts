/**
 * From exact sums to a ReturnSummary. Both `summarizeReturn` and `mergeReturnSummaries`
 * end here, so a merged summary is rounded exactly as a one-pass one.
 */
import type { RoundingMode } from "../decimal.js";
import { MINOR_UNITS } from "../generated/manifest.js";
import { ExactSum, compareRates, convert, exactRate, unitsText } from "./exact.js";
import type { ReturnConversion, ReturnRow, ReturnSummary } from "./types.js";

/** Exact sums of one destination, rate, kind, currency and exchange rate, in minor units of `currency`. */
export interface ExactBucket {
  destination: string;
  rate: string;
  type: "sale" | "refund";
  currency: string;
  net: bigint;
  tax: bigint;
  count: number;
  exchangeRate: ReturnConversion["exchangeRate"];
}

/** Identity of a bucket (everything but its sums). */
export function bucketKey(b: Pick<ExactBucket, "destination" | "rate" | "type" | "currency" | "exchangeRate">): string {
  const fx = b.exchangeRate;
  return `${b.destination}|${b.rate}|${b.type}|${b.currency}|${fx ? `${fx.date}|${fx.from}|${fx.to}|${fx.rate}` : ""}`;
}

function compareBuckets(a: ExactBucket, b: ExactBucket): number {
  const fa = a.exchangeRate;
  const fb = b.exchangeRate;
  return (
    cmp(a.destination, b.destination) ||
    compareRates(b.rate, a.rate) ||
    cmp(b.type, a.type) || // sales before refunds
    cmp(a.currency, b.currency) ||
    cmp(fa ? `${fa.date}|${fa.from}|${fa.to}|${fa.rate}` : "", fb ? `${fb.date}|${fb.from}|${fb.to}|${fb.rate}` : "")
  );
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface RowSums {
  destination: string;
  rate: string;
  salesNet: ExactSum;
  salesTax: ExactSum;
  refundNet: ExactSum;
  refundTax: ExactSum;
  sales: number;
  refunds: number;
}

type SummaryHead = Pick<ReturnSummary, "jurisdiction" | "period" | "currency" | "dataVersion" | "fx" | "rounding">;
type SummaryTail = Pick<ReturnSummary, "discrepancies" | "counts" | "rejected" | "warnings">;

/** The summary of `buckets` (in any order): conversions, rows, refunds and totals, each figure rounded once. */
export function buildSummary(head: SummaryHead, buckets: ExactBucket[], tail: SummaryTail): ReturnSummary {
  const dp = head.rounding.decimals;
  const mode: RoundingMode = head.rounding.mode;
  const sorted = [...buckets].sort(compareBuckets);
  const rows = new Map<string, RowSums>();
  for (const b of sorted) {
    const key = `${b.destination}|${b.rate}`;
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { destination: b.destination, rate: b.rate, salesNet: new ExactSum(), salesTax: new ExactSum(), refundNet: new ExactSum(), refundTax: new ExactSum(), sales: 0, refunds: 0 }));
    const fx = b.exchangeRate;
    const rate = fx ? exactRate(fx.rate) : null;
    const divide = fx !== null && fx.from === head.currency;
    const cdp = MINOR_UNITS[b.currency]!;
    const net = convert(b.net, cdp, rate, divide);
    const tax = convert(b.tax, cdp, rate, divide);
    if (b.type === "sale") {
      r.salesNet.add(net);
      r.salesTax.add(tax);
      r.sales += b.count;
    } else {
      r.refundNet.add(net);
      r.refundTax.add(tax);
      r.refunds += b.count;
    }
  }
  const out: ReturnRow[] = [];
  const refunds: ReturnRow[] = [];
  let totalNet = 0n;
  let totalTax = 0n;
  for (const r of rows.values()) {
    const net = r.salesNet.minus(r.refundNet).round(dp, mode);
    const tax = r.salesTax.minus(r.refundTax).round(dp, mode);
    totalNet += net;
    totalTax += tax;
    out.push({ destination: r.destination, rate: r.rate, taxableAmount: unitsText(net, dp), tax: unitsText(tax, dp), count: r.sales + r.refunds });
    if (r.refunds > 0) {
      refunds.push({
        destination: r.destination,
        rate: r.rate,
        taxableAmount: unitsText(r.refundNet.round(dp, mode), dp),
        tax: unitsText(r.refundTax.round(dp, mode), dp),
        count: r.refunds,
      });
    }
  }
  return {
    ...head,
    rows: out,
    refunds,
    totals: { taxableAmount: unitsText(totalNet, dp), tax: unitsText(totalTax, dp) },
    conversions: sorted.map((b) => ({
      destination: b.destination,
      rate: b.rate,
      type: b.type,
      currency: b.currency,
      net: unitsText(b.net, MINOR_UNITS[b.currency]!),
      tax: unitsText(b.tax, MINOR_UNITS[b.currency]!),
      count: b.count,
      exchangeRate: b.exchangeRate ? { ...b.exchangeRate } : null,
    })),
    discrepancies: tail.discrepancies,
    counts: tail.counts,
    rejected: tail.rejected,
    warnings: [...tail.warnings].sort((x, y) => cmp(x.code, y.code)),
  };
}
