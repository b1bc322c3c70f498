/**
 * returnSql(): the return as SQL, generated from the data tables, for ledgers that live in
 * an analytical engine. The streaming accumulator is the reference; the differential test
 * (test/returns-sql.test.ts) holds this translation to it, row for row.
 *
 * What is data here is baked in as VALUES tables from the SDK's own lookups, so no rule is
 * written twice: the destinations (`destinationStatus`), the exchange rate each day of the
 * period uses (`FxTable.pick` under the data's FX rule), the category rates per destination
 * and date (`rulesFor`), the currencies' minor units. What is left to SQL is the per-entry
 * checks, in the accumulator's order, the duplicate-id and refund matching, and the exact sums.
 */
import { CATEGORIES } from "../data/categories.js";
import { invalid } from "../errors.js";
import { ALL_JURISDICTIONS } from "../generated/index.js";
import { MINOR_UNITS } from "../generated/manifest.js";
import { listDestinations, ruleChangeDates, rulesFor } from "../rules.js";
import { destinationStatus } from "./destination.js";
import { FxTable, fxStrategy } from "./fx.js";
import { returnContext, type ReturnContext } from "./period.js";
import type { ReturnOptions } from "./types.js";

/** Options of `returnSql()`: those of `summarizeReturn()` that SQL can honour, and the relation names. @category Returns */
export interface ReturnSqlOptions extends Pick<ReturnOptions, "jurisdiction" | "period" | "exchangeRates" | "strictRefunds" | "checkIds"> {
  /** The ledger relation (table, view or subquery in parentheses). Default `ledger`. */
  ledger?: string;
}

/**
 * The query of one return. Its rows, handed to `summaryFromSql()`, make the `ReturnSummary`:
 * `kind` `bucket` (exact sums of included entries per destination, rate, kind, currency and
 * exchange rate), `discrepancy` (an included entry whose rate is not the data's, with its
 * sums), `rejected` (one entry, its `reason`, `field` and raw fields) and `outside` (the
 * count of entries outside the period).
 * @category Returns
 */
export interface ReturnSql {
  sql: string;
}

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const values = (rows: string[][]) => rows.map((r) => `(${r.join(", ")})`).join(",\n    ");
const RAW = ["id", "date", "destination", "currency", "net", "tax", "rate", "category", "type", "original_id"] as const;
/** The columns that name a bucket of exact sums (`summary.conversions`). */
const BUCKET = ["destination", "rate", "type", "currency", "fx_date", "fx_from", "fx_to", "fx_rate"] as const;
const LEDGER_COLUMNS = ["idx", "id", "date", "destination", "currency", "net", "tax", "rate", "category", "type", "original_id"] as const;

/** A boolean that is never NULL: `when` true and then `then`, else false (CASE, so `then` is only evaluated where `when` holds). */
const guarded = (when: string, then: string) => `(CASE WHEN ${when} THEN ${then} ELSE FALSE END)`;

/** `x` is a calendar date `YYYY-MM-DD` (the proleptic Gregorian calendar, as `isCalendarDate`). */
function calendarDate(x: string): string {
  const y = `CAST(SUBSTRING(${x} FROM 1 FOR 4) AS INTEGER)`;
  const m = `CAST(SUBSTRING(${x} FROM 6 FOR 2) AS INTEGER)`;
  const d = `CAST(SUBSTRING(${x} FROM 9 FOR 2) AS INTEGER)`;
  const leap = `(MOD(${y}, 4) = 0 AND (MOD(${y}, 100) <> 0 OR MOD(${y}, 400) = 0))`;
  const days = `CASE WHEN ${m} = 2 THEN CASE WHEN ${leap} THEN 29 ELSE 28 END WHEN ${m} IN (4, 6, 9, 11) THEN 30 ELSE 31 END`;
  return guarded(`${x} SIMILAR TO '[0-9]{4}-[0-9]{2}-[0-9]{2}'`, `${m} BETWEEN 1 AND 12 AND ${d} BETWEEN 1 AND ${days}`);
}

/** `x` is an amount `parseUnits` reads with `dp` decimals: no sign or leading zeros, at most 12 digits before the point. */
function amount(x: string, dp: string, dps: number[]): string {
  const branches = dps.map((n) => `WHEN ${dp} = ${n} THEN ${x} SIMILAR TO '(0|[1-9][0-9]{0,11})${n > 0 ? `(\\.[0-9]{1,${n}})?` : ""}'`).join(" ");
  return guarded(`${x} IS NOT NULL`, `CASE ${branches} ELSE FALSE END`);
}

/** The last `#` of `x` is not its first character: `base#part`, whose base a sale makes refundable too. */
const hashAt = (x: string) => `POSITION('#' IN REVERSE(${x}))`;
const baseOf = (x: string) => `SUBSTRING(${x} FROM 1 FOR LENGTH(${x}) - ${hashAt(x)})`;

interface Tables {
  /** Every date of the period. */
  days: string[];
  currencies: string[][];
  destinations: string[][];
  fx: string[][];
  rates: string[][];
}

/** The data a return needs, as rows of SQL literals. */
function tables(ctx: ReturnContext, fx: FxTable, strategy: "period-end" | "entry-date"): Tables {
  const currencies = Object.entries(MINOR_UNITS).map(([c, dp]) => [q(c), String(dp)]);
  const codes = new Set(listDestinations());
  for (const j of ALL_JURISDICTIONS) for (const a of Object.keys(j.aliases)) codes.add(a);
  const destinations: string[][] = [];
  const rates: string[][] = [];
  const p = ctx.period;
  const periodDays: string[] = [];
  for (let d = new Date(`${p.from}T00:00:00Z`); d.toISOString().slice(0, 10) < p.to; d.setUTCDate(d.getUTCDate() + 1)) periodDays.push(d.toISOString().slice(0, 10));
  for (const code of [...codes].sort()) {
    const s = destinationStatus(code, ctx);
    destinations.push([q(code), q(s.code), q(s.taxedAs), q(s.from), s.reason ? q(s.reason) : "NULL"]);
    if (s.reason || code !== s.code) continue; // aliases share the canonical code's rates
    // Each span of the period in which the code's rules stay the same (ruleChangeDates), from the code's coverage on.
    const starts = ruleChangeDates(code);
    starts.forEach((from, i) => {
      const to = starts[i + 1] ?? "9999-12-31";
      if (from >= p.to || to <= p.from) return;
      const r = rulesFor(code, from);
      for (const c of CATEGORIES) rates.push([q(code), q(c), q(from), q(to), q(r.rates[c]), q(r.rounding.mode)]);
    });
  }
  const days = strategy === "period-end" ? [p.lastDay] : periodDays;
  const fxRows: string[][] = [];
  for (const c of fx.currencies()) {
    for (const day of days) {
      const r = fx.pick(c, day, strategy);
      if (r) fxRows.push([q(c), q(day), q(r.echo.date), q(r.echo.from), q(r.echo.to), q(r.echo.rate)]);
    }
  }
  return { days: periodDays, currencies, destinations, fx: fxRows, rates };
}

/**
 * The return of one jurisdiction and period as SQL over a ledger relation, generated from
 * the data tables: the same checks, reason codes, duplicate-id and refund matching, FX rule
 * and exact sums as `summarizeReturn()`, for ledgers that live in an analytical engine.
 * `summaryFromSql()` makes the `ReturnSummary` from the rows (it converts and rounds the
 * exact sums, a few hundred at most, with the SDK's one rounding step: exact division is
 * not portable SQL).
 *
 * The ledger relation has the columns `idx` (the entry's 0-based position, an integer) and
 * `id`, `date`, `destination`, `currency`, `net`, `tax`, `rate`, `category`, `type`,
 * `original_id` as text (NULL for a missing value), as in the CSV ledger.
 *
 * The SQL keeps to a portable subset: CTEs, VALUES, CASE, GROUP BY, ANY_VALUE (SQL:2023),
 * DECIMAL(38, n) arithmetic, SIMILAR TO with patterns that mean the same in the SQL standard
 * and in regular expressions, and SUBSTRING, POSITION, REVERSE, TRIM, UPPER, LENGTH, MOD.
 * Checked on DuckDB 1.5 (the tests and `--engine duckdb`); not yet run on other engines.
 * Reconcile mode (re-quoting) has no SQL form.
 *
 * @throws VatError (`INVALID_INPUT`, `DATE_OUT_OF_RANGE`) when the jurisdiction, period or exchange-rate table is malformed.
 * @example
 * const sql = returnSql({ jurisdiction: "EU", period: "2026-10", exchangeRates: ecb, ledger: "sales" });
 * // CREATE TEMP TABLE dv_entries AS <sql.entries>; then run sql.buckets, sql.rejected, sql.discrepancies, sql.counts
 * const summary = summaryFromSql({ jurisdiction: "EU", period: "2026-10", exchangeRates: ecb }, { buckets, rejected, discrepancies, counts });
 * @category Returns
 */
export function returnSql(options: ReturnSqlOptions): ReturnSql {
  if (typeof options !== "object" || options === null) throw invalid([], "returnSql needs options { jurisdiction, period }");
  const ctx = returnContext(options.jurisdiction, options.period);
  const fx = new FxTable(options.exchangeRates, ctx.currency);
  const { strategy } = fxStrategy(ctx.rules.returns.fx.source);
  const checkIds = options.checkIds !== false;
  const strict = options.strictRefunds === true;
  if (!checkIds && strict) throw invalid(["checkIds"], "strictRefunds matches refunds with their sales by id: it needs checkIds");
  const ledger = options.ledger ?? "ledger";
  for (const [k, v] of [["ledger", ledger]] as const) {
    if (typeof v !== "string" || !/^(?:[A-Za-z_][A-Za-z0-9_.]*|\(.+\))$/s.test(v)) throw invalid([k], `${k} must be a relation name such as "ledger" or a subquery in parentheses`);
  }
  const t = tables(ctx, fx, strategy);
  const p = ctx.period;
  const dps = [...new Set(Object.values(MINOR_UNITS))].sort();
  const fxDay = strategy === "period-end" ? q(p.lastDay) : `l."date"`;
  const cats = CATEGORIES.map(q).join(", ");
  const col = (c: (typeof LEDGER_COLUMNS)[number]) => `l."${c}"`;
  // Every check in the accumulator's order; 'ok' still has the id checks ahead of it.
  const checks = [
    [`${col("id")} IS NULL OR LENGTH(${col("id")}) = 0 OR LENGTH(${col("id")}) > 200`, "INVALID_ID", "id"],
    // A date of the period (dv_days) is a calendar date in it; only the others are checked digit by digit.
    [`pd.day IS NULL AND NOT ${calendarDate(col("date"))}`, "INVALID_DATE", "date"],
    [`pd.day IS NULL`, "OUTSIDE", ""],
    [`${col("type")} IS NULL OR ${col("type")} NOT IN ('sale', 'refund')`, "INVALID_TYPE", "type"],
    [`c.dp IS NULL`, "UNSUPPORTED_CURRENCY", "currency"],
    [`NOT ${amount(col("net"), "c.dp", dps)}`, "INVALID_AMOUNT", "net"],
    [`NOT ${amount(col("tax"), "c.dp", dps)}`, "INVALID_AMOUNT_TAX", "tax"],
    [`NOT ${guarded(`${col("rate")} IS NOT NULL`, `${col("rate")} SIMILAR TO '0(\\.[0-9]{1,12})?'`)}`, "INVALID_RATE", "rate"],
    [`${col("type")} = 'refund' AND ${col("original_id")} IS NOT NULL AND (LENGTH(${col("original_id")}) = 0 OR LENGTH(${col("original_id")}) > 200)`, "INVALID_ORIGINAL_ID", "originalId"],
    [`${col("category")} IS NOT NULL AND ${col("category")} NOT IN (${cats})`, "UNKNOWN_CATEGORY", "category"],
    [`d.code IS NULL`, "UNKNOWN_DESTINATION", "destination"],
    [`d.status IS NOT NULL`, "d.status", "destination"],
    [`${col("date")} < d.covered_from`, "DATE_OUT_OF_RANGE", "date"],
    [`${col("currency")} <> ${q(ctx.currency)} AND f.fx_rate IS NULL`, "MISSING_EXCHANGE_RATE", "currency"],
  ] as const;
  const status = `CASE ${checks.map(([when, reason]) => `WHEN ${when} THEN ${reason.startsWith("d.") ? reason : q(reason)}`).join("\n      ")}\n      ELSE 'OK' END`;
  // The field at fault follows from the status (one CASE chain per row, not two).
  const fields = new Map<string, string>(checks.map(([, reason, f]) => [reason, f]));
  const fieldOf = (st: string) => `CASE ${[...fields].filter(([r]) => !r.startsWith("d.")).map(([r, f]) => `WHEN ${st} = ${q(r)} THEN ${q(f)}`).join(" ")} ELSE 'destination' END`;
  const reasonOf = (st: string) => `CASE WHEN ${st} = 'INVALID_AMOUNT_TAX' THEN 'INVALID_AMOUNT' ELSE ${st} END`;
  /** The ledger rows of `where` with their check status (the accumulator's checks up to the id checks). */
  const checked = (where: string) => `SELECT ${LEDGER_COLUMNS.map((c) => col(c)).join(", ")}, c.dp, d.code AS code, d.taxed_as, f.fx_date, f.fx_from, f.fx_to, f.fx_rate,
      ${status} AS status
    FROM ${ledger} l
    LEFT JOIN dv_days pd ON pd.day = ${col("date")}
    LEFT JOIN dv_currencies c ON c.currency = ${col("currency")}
    LEFT JOIN dv_destinations d ON d.code_in = UPPER(${col("destination")})
    LEFT JOIN dv_fx f ON f.currency = ${col("currency")} AND f.fx_day = ${fxDay}${where ? `\n    WHERE ${where}` : ""}`;
  const taker = (s: string) => `${s}.status IN ('OK', 'OUTSIDE')`;
  const canonicalRate = `CASE WHEN e."rate" LIKE '%.%' THEN TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM e."rate")) ELSE e."rate" END`;
  const duplicate = checkIds ? `(${taker("e")} AND u.first_idx IS NOT NULL AND e."idx" > u.first_idx)` : "FALSE";
  const unknownOriginal = strict ? `(e."type" = 'refund' AND k.k IS NULL)` : "FALSE";
  const outcome = `CASE WHEN e.status = 'OUTSIDE' THEN 'outside' WHEN e.status <> 'OK' OR ${duplicate} OR ${unknownOriginal} THEN 'rejected' ELSE 'included' END`;
  // Minor units of net × the data's rate, rounded once: half-up adds a half and floors, half-down takes a half and ceils (the amount is never negative).
  const exact = `CAST(CAST(e."net" AS DECIMAL(15, 3)) * ${unitScale("e.dp")} AS DECIMAL(38, 0)) * CAST(r.rate AS DECIMAL(38, 12))`;
  const sql = `WITH
  dv_currencies (currency, dp) AS (VALUES
    ${values(t.currencies)}),
  dv_destinations (code_in, code, taxed_as, covered_from, status) AS (VALUES
    ${values(t.destinations)}),
  dv_fx (currency, fx_day, fx_date, fx_from, fx_to, fx_rate) AS (${t.fx.length ? `VALUES\n    ${values(t.fx)}` : "SELECT 'XXX', '', '', '', '', '' WHERE 1 = 0"}),
  dv_days (day) AS (VALUES
    ${values(t.days.map((d) => [q(d)]))}),
  dv_rates (code, category, valid_from, valid_to, rate, rounding) AS (VALUES
    ${values(t.rates)}),
  -- Ids given more than once; of their entries, the first that takes the id keeps it (entries outside the period take theirs too).
  dv_repeated AS (
    SELECT "id" AS rep_id FROM ${ledger} WHERE "id" IS NOT NULL GROUP BY "id" HAVING COUNT(*) > 1),
  dv_first_taker AS (
    SELECT s."id" AS dup_id, MIN(s."idx") AS first_idx FROM (${checked(`${col("id")} IN (SELECT rep_id FROM dv_repeated)`)}) s
    WHERE ${taker("s")} GROUP BY s."id"),
  -- Ids refunds name, and the sales (or base#part sales) that make them refundable: the first taker of the id, if a sale.
  dv_originals AS (
    SELECT DISTINCT "original_id" AS k FROM ${ledger} WHERE "type" = 'refund' AND "original_id" IS NOT NULL),
  dv_sales AS (
    SELECT s."id", s."idx" FROM (${checked(`${col("type")} = 'sale' AND (${col("id")} IN (SELECT k FROM dv_originals) OR (${hashAt(col("id"))} BETWEEN 1 AND LENGTH(${col("id")}) - 1 AND ${baseOf(col("id"))} IN (SELECT k FROM dv_originals)))`)}) s
    LEFT JOIN dv_first_taker u ON u.dup_id = s."id"
    WHERE ${taker("s")} AND (u.first_idx IS NULL OR s."idx" = u.first_idx)),
  dv_sale_keys AS (
    SELECT k, MIN(first_idx) AS first_idx FROM (
      SELECT "id" AS k, "idx" AS first_idx FROM dv_sales
      UNION ALL
      SELECT ${baseOf(`"id"`)} AS k, "idx" AS first_idx FROM dv_sales WHERE ${hashAt(`"id"`)} BETWEEN 1 AND LENGTH("id") - 1
    ) keys
    WHERE k IN (SELECT k FROM dv_originals)
    GROUP BY k),
  dv_entries AS (
    SELECT e."idx", e."id", e."date", e."category", e.code, e.dp, e.taxed_as, e."type", e."currency", e.fx_date, e.fx_from, e.fx_to, e.fx_rate, e."net", e."tax", e."rate",
      e."destination", e."original_id",
      ${outcome} AS outcome,
      CASE WHEN e.status NOT IN ('OK', 'OUTSIDE') THEN ${reasonOf("e.status")} WHEN ${duplicate} THEN 'DUPLICATE_ID' WHEN ${unknownOriginal} THEN 'UNKNOWN_ORIGINAL' END AS reason,
      CASE WHEN e.status NOT IN ('OK', 'OUTSIDE') THEN ${fieldOf("e.status")} WHEN ${duplicate} THEN 'id' WHEN ${unknownOriginal} THEN 'originalId' END AS field,
      ${checkIds && !strict ? `CASE WHEN e.status = 'OK' AND NOT ${duplicate} AND e."type" = 'refund' AND k.k IS NULL THEN 1 ELSE 0 END` : "0"} AS unmatched,
      -- Held to the end of the ledger (strictRefunds): a refund whose sale comes after it, and the strict rejections, listed last.
      ${strict ? `CASE WHEN e.status = 'OK' AND NOT ${duplicate} AND e."type" = 'refund' AND (k.k IS NULL OR k.first_idx > e."idx") THEN 1 ELSE 0 END` : "0"} AS late,
      ${canonicalRate} AS canonical_rate
    FROM (${checked("")}) e
    ${checkIds ? `LEFT JOIN dv_first_taker u ON u.dup_id = CASE WHEN ${taker("e")} THEN e."id" END` : ""}
    ${checkIds ? `LEFT JOIN dv_sale_keys k ON k.k = CASE WHEN e.status = 'OK' AND e."type" = 'refund' THEN e."original_id" END` : ""}),
  -- The data check: the data's rate for the entry's destination, category and date, where it is not the rate recorded.
  dv_checks AS (
    SELECT e.*, r.rate AS expected_rate,
      CASE WHEN r.rate IS NULL THEN NULL WHEN r.rounding = 'half-up' THEN FLOOR(${exact} + 0.5) ELSE CEILING(${exact} - 0.5) END AS expected_tax_units
    FROM dv_entries e
    LEFT JOIN dv_rates r ON r.code = CASE WHEN e.outcome = 'included' THEN e.code END AND r.category = e."category" AND e."date" >= r.valid_from AND e."date" < r.valid_to AND r.rate <> e.canonical_rate),
  dv_kinds AS (
    SELECT CASE WHEN outcome = 'outside' THEN 'outside' WHEN outcome = 'rejected' THEN 'rejected' WHEN expected_rate IS NOT NULL THEN 'discrepancy' ELSE 'bucket' END AS kind, e.*
    FROM dv_checks e),
  -- Included entries group into buckets; each rejected entry and each discrepancy is a group of its own (g_idx), with its raw fields.
  dv_rows AS (
    SELECT kind, taxed_as AS g_destination, canonical_rate AS g_rate, "type" AS g_type, "currency" AS g_currency, fx_date AS g_fx_date, fx_from AS g_fx_from, fx_to AS g_fx_to, fx_rate AS g_fx_rate,
      CASE WHEN kind IN ('rejected', 'discrepancy') THEN "idx" END AS g_idx,
      CASE WHEN outcome = 'included' THEN CAST("net" AS DECIMAL(18, 3)) END AS net_amount,
      CASE WHEN outcome = 'included' THEN CAST("tax" AS DECIMAL(18, 3)) END AS tax_amount,
      unmatched, late, reason, field, expected_rate, expected_tax_units, code, ${RAW.map((c) => `"${c}"`).join(", ")}
    FROM dv_kinds)
SELECT kind, ${BUCKET.map((c) => `g_${c} AS "${c}"`).join(", ")}, g_idx AS "idx",
  COUNT(*) AS entries, SUM(net_amount) AS net, SUM(tax_amount) AS tax, SUM(unmatched) AS unmatched_refunds, MAX(late) AS late,
  MAX(reason) AS reason, MAX(field) AS field, MAX(expected_rate) AS expected_rate, MAX(expected_tax_units) AS expected_tax_units, MAX(code) AS code,
  ${RAW.map((c) => `SUBSTRING(ANY_VALUE("${c}") FROM 1 FOR 201) AS raw_${c}`).join(", ")}
FROM dv_rows
GROUP BY kind, ${BUCKET.map((c) => `g_${c}`).join(", ")}, g_idx`;
  return { sql };
}

/** 10^dp as an exact DECIMAL, for the minor units of an amount. */
function unitScale(dp: string): string {
  return `(CASE ${dp} WHEN 0 THEN CAST(1 AS DECIMAL(38, 0)) WHEN 1 THEN 10 WHEN 2 THEN 100 WHEN 3 THEN 1000 ELSE 10000 END)`;
}
