/** summaryFromSql(): the ReturnSummary from the rows of the `returnSql()` queries. */
import { invalid } from "../errors.js";
import { MINOR_UNITS } from "../generated/manifest.js";
import { destinationStatus } from "./destination.js";
import { amountProblem, unitsText } from "./exact.js";
import { fxStrategy } from "./fx.js";
import { rejectionMessage as msg, warning } from "./messages.js";
import { returnContext, summaryHead, type ReturnContext } from "./period.js";
import { buildSummary, bucketKey, type ExactBucket } from "./summary.js";
import type { Discrepancy, RejectedEntry, RejectionReason, ReturnSummary, ReturnWarning } from "./types.js";
import type { ReturnSqlOptions } from "./sql.js";

/** A result row as an engine's client gives it: column name → value (text, number, bigint, or null). */
export type SqlRow = Record<string, unknown>;

const text = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));
const int = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** Minor units of a plain decimal (`"12.500"`, a DECIMAL's text) in a currency with `dp` decimals. */
function decimalUnits(v: unknown, dp: number): bigint {
  const s = text(v) ?? "0";
  const negative = s.startsWith("-");
  const [whole, frac = ""] = (negative ? s.slice(1) : s).split(".");
  const units = BigInt(whole || "0") * 10n ** BigInt(dp) + BigInt(frac.padEnd(dp, "0").slice(0, dp) || "0");
  return negative ? -units : units;
}

/** The message of a rejection, made from the entry's own fields as the streaming engine makes it. */
function rejectionText(reason: RejectionReason, row: SqlRow, field: string, ctx: ReturnContext): string {
  const v = (c: string) => text(row[`raw_${c}`]);
  switch (reason) {
    case "INVALID_ID":
      return msg.id(v("id"));
    case "INVALID_DATE":
      return msg.date(v("date"));
    case "INVALID_TYPE":
      return msg.type(v("type"));
    case "UNSUPPORTED_CURRENCY":
      return msg.currency(v("currency"));
    case "INVALID_AMOUNT":
      return msg.amount(field, amountProblem(v(field), MINOR_UNITS[v("currency")!]!, v("currency")!));
    case "INVALID_RATE":
      return msg.rate(v("rate"));
    case "INVALID_ORIGINAL_ID":
      return msg.originalId(v("original_id"));
    case "UNKNOWN_CATEGORY":
      return msg.category(v("category"));
    case "UNKNOWN_DESTINATION":
    case "OTHER_JURISDICTION":
    case "OUTSIDE_VAT_AREA":
      return destinationStatus(v("destination"), ctx).message!;
    case "DATE_OUT_OF_RANGE": {
      const d = destinationStatus(v("destination"), ctx);
      return msg.dateOutOfRange(d.taxedAs, d.from, v("date")!);
    }
    case "MISSING_EXCHANGE_RATE": {
      const { strategy } = fxStrategy(ctx.rules.returns.fx.source);
      return msg.missingRate(v("currency")!, ctx.currency, strategy === "period-end" ? ctx.period.lastDay : v("date")!, strategy);
    }
    case "DUPLICATE_ID":
      return msg.duplicate(v("id")!);
    case "UNKNOWN_ORIGINAL":
      return msg.unknownOriginal(v("original_id"));
    default:
      return msg.unreadable();
  }
}

/**
 * The `ReturnSummary` of the rows the `returnSql()` query gave, in any order: the exact sums
 * converted and rounded once per row by the SDK (as `summarizeReturn()` and
 * `mergeReturnSummaries()` round), rejections and discrepancies with their messages in the
 * streaming engine's order, counts and warnings.
 *
 * @throws VatError `INVALID_INPUT` for malformed options or rows.
 * @example
 * const { sql } = returnSql({ ...options, ledger: "sales" });
 * const rows = await warehouse.query(sql); // an array of { column: value } objects
 * const summary = summaryFromSql(options, rows);
 * @category Returns
 */
export function summaryFromSql(options: ReturnSqlOptions, rows: readonly SqlRow[]): ReturnSummary {
  if (typeof options !== "object" || options === null) throw invalid([], "summaryFromSql needs the options returnSql was given");
  if (!Array.isArray(rows) || rows.some((r) => typeof r !== "object" || r === null)) throw invalid(["rows"], "rows must be the array of row objects the returnSql() query gave");
  const ctx = returnContext(options.jurisdiction, options.period);
  const buckets = new Map<string, ExactBucket>();
  const rejected: { late: number; entry: RejectedEntry }[] = [];
  const checks: { late: number; index: number; d: Discrepancy }[] = [];
  const counts = { input: 0, included: 0, rejected: 0, outsidePeriod: 0 };
  let unmatched = 0;
  for (const r of rows) {
    const n = int(r.entries);
    counts.input += n;
    unmatched += int(r.unmatched_refunds);
    if (r.kind === "outside") counts.outsidePeriod += n;
    else if (r.kind === "rejected") {
      counts.rejected += n;
      const reason = String(r.reason) as RejectionReason;
      const field = text(r.field) ?? "";
      const id = reason === "INVALID_ID" ? (text(r.raw_id) ?? "").slice(0, 200) : String(r.raw_id);
      const message = rejectionText(reason, r, field, ctx);
      rejected.push({ late: int(r.late), entry: field ? { id, index: int(r.idx), reason, field, message } : { id, index: int(r.idx), reason, message } });
    } else {
      counts.included += n;
      const b = bucketOf(r);
      const key = bucketKey(b);
      const prior = buckets.get(key);
      if (prior) {
        prior.net += b.net;
        prior.tax += b.tax;
        prior.count += b.count;
      } else buckets.set(key, b);
      if (r.kind === "discrepancy") checks.push({ late: int(r.late), index: int(r.idx), d: discrepancyOf(r) });
    }
  }
  const byPosition = (a: { late: number; index: number }, b: { late: number; index: number }) => a.late - b.late || a.index - b.index;
  const warnings: ReturnWarning[] = [];
  if (unmatched > 0) warnings.push(warning("REFUND_ORIGINAL_NOT_IN_LEDGER", unmatched));
  if (!fxStrategy(ctx.rules.returns.fx.source).modelled) warnings.push(warning("FX_RULE_NOT_MODELLED", 0, ctx.rules.returns.fx.source));
  return buildSummary(summaryHead(ctx), [...buckets.values()], {
    discrepancies: checks.sort(byPosition).map((c) => c.d),
    counts,
    rejected: rejected.map((r) => ({ late: r.late, index: r.entry.index, entry: r.entry })).sort(byPosition).map((r) => r.entry),
    warnings,
  });
}

function bucketOf(b: SqlRow): ExactBucket {
  const currency = String(b.currency);
  const dp = MINOR_UNITS[currency]!;
  const fxDate = text(b.fx_date);
  return {
    destination: String(b.destination),
    rate: String(b.rate),
    type: b.type === "refund" ? "refund" : "sale",
    currency,
    net: decimalUnits(b.net, dp),
    tax: decimalUnits(b.tax, dp),
    count: int(b.entries),
    exchangeRate: fxDate === undefined ? null : { date: fxDate, from: String(b.fx_from), to: String(b.fx_to), rate: String(b.fx_rate) },
  };
}

function discrepancyOf(d: SqlRow): Discrepancy {
  const currency = String(d.currency);
  const expectedTax = unitsText(decimalUnits(d.expected_tax_units, 0), MINOR_UNITS[currency]!);
  const [rate, expected, category] = [String(d.rate), String(d.expected_rate), String(d.raw_category)];
  return { id: String(d.raw_id), field: "rate", recorded: rate, recomputed: expected, category, expectedTax, message: msg.rateMismatch(rate, expected, category, String(d.code), String(d.raw_date), expectedTax, currency) };
}
