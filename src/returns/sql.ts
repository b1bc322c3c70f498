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
  /**
   * `net` and `tax` are exact numbers (DECIMAL or INTEGER columns, as a warehouse holds amounts), not text. They are
   * read by value, as `summarizeReturn()` reads the shortest text of that value: an amount is valid when it is not
   * negative, below 10^12 and a whole number of the currency's minor units. Default false (text, as in a CSV).
   */
  numericAmounts?: boolean;
  /** `rate` is an exact number (a DECIMAL column), read as the shortest text of its value (0.200 is "0.2"). Default false (text). */
  numericRate?: boolean;
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
/** The low-cardinality fields: the checks that depend on them alone run once per combination (dv_combos). */
const COMBO = ["date", "destination", "currency", "rate", "category", "type"] as const;
/** Where each bucket column comes from: the entry's combination (dv_combos k), NULL for the group of entries outside the period. */
const BUCKET_SOURCE: Record<(typeof BUCKET)[number], string> = Object.fromEntries(
  (["destination", "rate", "type", "currency", "fx_date", "fx_from", "fx_to", "fx_rate"] as const).map((c) => [c, `CASE WHEN g.kind <> 'outside' THEN k.${{ destination: "taxed_as", rate: "canonical_rate", type: '"type"', currency: '"currency"' }[c as string] ?? c} END`]),
) as Record<(typeof BUCKET)[number], string>;
/** The field at fault of each status (a status not listed is one of the destination's). */
const FIELDS: Record<string, string> = {
  INVALID_ID: "id", INVALID_DATE: "date", OUTSIDE: "", INVALID_TYPE: "type", UNSUPPORTED_CURRENCY: "currency", INVALID_AMOUNT: "net", INVALID_AMOUNT_TAX: "tax",
  INVALID_RATE: "rate", INVALID_ORIGINAL_ID: "originalId", UNKNOWN_CATEGORY: "category", UNKNOWN_DESTINATION: "destination", DATE_OUT_OF_RANGE: "date", MISSING_EXCHANGE_RATE: "currency",
};

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
 * `original_id` as text (NULL for a missing value), as in the CSV ledger — or typed as a
 * warehouse holds them: `date` a DATE, `net` and `tax` exact numbers (`numericAmounts`),
 * `rate` an exact number (`numericRate`).
 *
 * The checks that depend only on an entry's date, destination, currency, rate, category and
 * type run once per distinct combination of them (a few thousand in millions of entries);
 * each entry is checked once (`dv_checked`, read by the id checks and the sums: an engine that
 * materialises a CTE read more than once, as DuckDB does, reads the ledger twice).
 *
 * The SQL keeps to a portable subset: CTEs, VALUES, CASE, GROUP BY, UNION ALL, IN and NOT IN
 * subqueries, IS NOT DISTINCT FROM, ROW_NUMBER() OVER (ORDER BY …), LIKE, CAST to VARCHAR and
 * DECIMAL, DECIMAL(38, n) arithmetic, SIMILAR TO with patterns that mean the same in the SQL
 * standard and in regular expressions, and SUBSTRING, POSITION, REVERSE, TRIM, UPPER, LENGTH,
 * MOD, FLOOR, CEILING. Checked on DuckDB 1.5 (the tests and `--engine duckdb`); not yet run on
 * other engines. Reconcile mode (re-quoting) has no SQL form.
 *
 * @throws VatError (`INVALID_INPUT`, `DATE_OUT_OF_RANGE`) when the jurisdiction, period or exchange-rate table is malformed.
 * @example
 * const { sql } = returnSql({ jurisdiction: "EU", period: "2026-10", exchangeRates: ecb, ledger: "sales" });
 * const summary = summaryFromSql({ jurisdiction: "EU", period: "2026-10", exchangeRates: ecb }, await warehouse.query(sql));
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
  const cats = CATEGORIES.map(q).join(", ");
  const col = (c: (typeof LEDGER_COLUMNS)[number]) => `l."${c}"`;
  // A combination's fields as the ledger holds them (kr: the join key) and as text (kc: what the checks read; a DATE or a
  // DECIMAL rate column gives the text a CSV would hold, one CAST per combination).
  const kr = (c: (typeof COMBO)[number]) => `k."${c}"`;
  const kc = (c: (typeof COMBO)[number]) => `k."t_${c}"`;
  const fxDay = strategy === "period-end" ? q(p.lastDay) : kc("date");
  // The checks that depend only on an entry's low-cardinality fields (COMBO), in the accumulator's order: those before
  // the amount checks, the rate check, and those after the original-id check. Each runs once per combination, not per entry.
  // Each status is a small integer (an entry's status is compared often; integers compare cheaply): OK 0, OUTSIDE 1, then the
  // rejection reasons in the accumulator's order, the destinations' own among them. Text only for the entries rejected.
  const destinationReasons = [...new Set(t.destinations.map((r) => r[4]!).filter((r) => r !== "NULL"))].sort();
  const STATUSES = ["'OK'", "'OUTSIDE'", ...["INVALID_ID", "INVALID_DATE", "INVALID_TYPE", "UNSUPPORTED_CURRENCY", "INVALID_AMOUNT", "INVALID_AMOUNT_TAX", "INVALID_RATE", "INVALID_ORIGINAL_ID", "UNKNOWN_CATEGORY", "UNKNOWN_DESTINATION"].map(q), ...destinationReasons, ...["DATE_OUT_OF_RANGE", "MISSING_EXCHANGE_RATE"].map(q)];
  const code = (reason: string) => STATUSES.indexOf(q(reason));
  const destinations = t.destinations.map((r) => [...r.slice(0, 4), r[4] === "NULL" ? "NULL" : String(STATUSES.indexOf(r[4]!))]);
  const first = (checks: [string, string][]) => `CASE ${checks.map(([when, reason]) => `WHEN ${when} THEN ${reason === "d.status" ? reason : code(reason)}`).join(" ")} END`;
  const before = first([
    // A date of the period (dv_days) is a calendar date in it; only the others are checked digit by digit.
    [`pd.day IS NULL AND NOT ${calendarDate(kc("date"))}`, "INVALID_DATE"],
    [`pd.day IS NULL`, "OUTSIDE"],
    [`${kc("type")} IS NULL OR ${kc("type")} NOT IN ('sale', 'refund')`, "INVALID_TYPE"],
    [`c.dp IS NULL`, "UNSUPPORTED_CURRENCY"],
  ]);
  const rateCheck = first([[`NOT ${guarded(`${kc("rate")} IS NOT NULL`, `${kc("rate")} SIMILAR TO '0(\\.[0-9]{1,12})?'`)}`, "INVALID_RATE"]]);
  const after = first([
    [`${kc("category")} IS NOT NULL AND ${kc("category")} NOT IN (${cats})`, "UNKNOWN_CATEGORY"],
    [`d.code IS NULL`, "UNKNOWN_DESTINATION"],
    [`d.status IS NOT NULL`, "d.status"],
    [`${kc("date")} < d.covered_from`, "DATE_OUT_OF_RANGE"],
    [`${kc("currency")} <> ${q(ctx.currency)} AND f.fx_rate IS NULL`, "MISSING_EXCHANGE_RATE"],
  ]);
  const numeric = options.numericAmounts === true;
  // A numeric amount is checked by value: whole minor units when a DECIMAL of the currency's decimals holds it unchanged.
  // (A difference with 0, not an equality nor a multiplication: those widen to 128-bit arithmetic per entry in DuckDB.)
  // Text is checked as parseUnits reads it.
  const validAmount = (x: string) =>
    numeric
      ? guarded(`${x} IS NOT NULL AND ${x} >= 0 AND ${x} < 1000000000000`, `CASE ${dps.map((n) => `WHEN m.dp = ${n} THEN ${x} - CAST(${x} AS DECIMAL(18, ${n})) = 0`).join(" ")} ELSE FALSE END`)
      : amount(x, "m.dp", dps);
  /** The amount's text for a rejection's message: the shortest text of a numeric amount's value (12.340 is "12.34"). */
  const amountText = (x: string) => (numeric ? shortest(`CAST(${x} AS VARCHAR)`) : x);
  // Every check in the accumulator's order: the entry's own (id, amounts, original id) between its combination's.
  const status = `CASE WHEN ${col("id")} IS NULL OR LENGTH(${col("id")}) = 0 OR LENGTH(${col("id")}) > 200 THEN ${code("INVALID_ID")}
      WHEN m.before_amounts IS NOT NULL THEN m.before_amounts
      WHEN NOT ${validAmount(col("net"))} THEN ${code("INVALID_AMOUNT")}
      WHEN NOT ${validAmount(col("tax"))} THEN ${code("INVALID_AMOUNT_TAX")}
      WHEN m.rate_check IS NOT NULL THEN m.rate_check
      WHEN m."type" = 'refund' AND ${col("original_id")} IS NOT NULL AND (LENGTH(${col("original_id")}) = 0 OR LENGTH(${col("original_id")}) > 200) THEN ${code("INVALID_ORIGINAL_ID")}
      WHEN m.after_original_id IS NOT NULL THEN m.after_original_id
      ELSE 0 END`;
  // The field at fault follows from the status (one CASE chain per row, not two).
  const [DUPLICATE, UNKNOWN_ORIGINAL] = [STATUSES.length, STATUSES.length + 1];
  const fieldOf = (st: string) => `CASE ${st} ${Object.entries(FIELDS).map(([r, f]) => `WHEN ${code(r)} THEN ${q(f)}`).join(" ")} WHEN ${DUPLICATE} THEN 'id' WHEN ${UNKNOWN_ORIGINAL} THEN 'originalId' ELSE 'destination' END`;
  const reasonOf = (st: string) =>
    `CASE ${st} ${STATUSES.map((r, i) => `WHEN ${i} THEN ${r === "'INVALID_AMOUNT_TAX'" ? "'INVALID_AMOUNT'" : r}`).slice(2).join(" ")} WHEN ${DUPLICATE} THEN 'DUPLICATE_ID' WHEN ${UNKNOWN_ORIGINAL} THEN 'UNKNOWN_ORIGINAL' END`;
  /** The rows of `source` (the ledger, or a subquery of its rows) with their combination (dv_combos) and check status (the accumulator's checks up to the id checks). */
  const checked = (source: string) => `SELECT ${col("idx")}, ${col("id")}, ${col("original_id")}, ${col("net")}, ${col("tax")}, m.cno, m.refund, m.mismatch,
      ${status} AS status
    FROM ${source} l
    LEFT JOIN dv_combos m ON ${COMBO.map((c) => `m."${c}" IS NOT DISTINCT FROM ${col(c)}`).join(" AND ")}`;
  const taker = (s: string) => `${s}.status <= 1`;
  const canonicalRate = `CASE WHEN ${kc("rate")} LIKE '%.%' THEN TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM ${kc("rate")})) ELSE ${kc("rate")} END`;
  const duplicate = checkIds ? `(${taker("e")} AND u.first_idx IS NOT NULL AND e."idx" > u.first_idx)` : "FALSE";
  const unknownOriginal = strict ? `(e.refund = 1 AND s.k IS NULL)` : "FALSE";
  // The entry's outcome as one small integer: its status (0 included, 1 outside the period, more: rejected for that reason),
  // or the id checks' rejections after them.
  const outcome = `CASE WHEN e.status >= 1 THEN e.status WHEN ${duplicate} THEN ${DUPLICATE} WHEN ${unknownOriginal} THEN ${UNKNOWN_ORIGINAL} ELSE 0 END`;
  // Minor units of net × the data's rate, rounded once: half-up adds a half and floors, half-down takes a half and ceils (the amount is never negative).
  // (A discrepancy is a group of one entry: its net is the entry's.)
  const exact = `CAST(CAST(g.net AS DECIMAL(15, 3)) * ${unitScale("k.dp")} AS DECIMAL(38, 0)) * CAST(k.expected_rate AS DECIMAL(38, 12))`;
  const own = (c: string) => `CASE WHEN own = 1 THEN SUBSTRING(${c} FROM 1 FOR 201) END`;
  const idChecks = !checkIds
    ? ""
    : `
  -- Ids given more than once (found in the ledger's id column alone), and of their entries the first that takes the id
  -- (entries outside the period take theirs too).
  dv_repeated_ids AS (
    SELECT "id" AS rep_id FROM dv_checked WHERE "id" IS NOT NULL GROUP BY "id" HAVING COUNT(*) > 1),
  dv_repeated AS (
    SELECT "id" AS dup_id, MIN(CASE WHEN ${taker("e")} THEN "idx" END) AS first_idx FROM dv_checked e WHERE "id" IN (SELECT rep_id FROM dv_repeated_ids) GROUP BY "id"),
  -- Ids refunds name.
  dv_originals AS (
    SELECT DISTINCT "original_id" AS k FROM dv_checked WHERE refund = 1 AND "original_id" IS NOT NULL),
  -- The sales that make refunds refundable: the first taker of their id, named by a refund by id or as base#part (an id with a '#').
  dv_sales AS (
    SELECT s."id", s."idx" FROM dv_checked s
    LEFT JOIN dv_repeated u ON u.dup_id = s."id"
    WHERE s.refund = 0 AND ${taker("s")} AND (u.first_idx IS NULL OR s."idx" = u.first_idx)
      AND (s."id" IN (SELECT k FROM dv_originals) OR s."id" IN (
        -- (the base of an id is only worked out for the ids with a '#')
        SELECT "id" FROM (SELECT "id" FROM dv_checked WHERE refund = 0 AND "id" LIKE '%#%') h
        WHERE ${hashAt(`"id"`)} BETWEEN 1 AND LENGTH("id") - 1 AND ${baseOf(`"id"`)} IN (SELECT k FROM dv_originals)))),
  dv_sale_keys AS (
    SELECT k, MIN(first_idx) AS first_idx FROM (
      SELECT "id" AS k, "idx" AS first_idx FROM dv_sales
      UNION ALL
      SELECT ${baseOf(`"id"`)} AS k, "idx" AS first_idx FROM dv_sales WHERE ${hashAt(`"id"`)} BETWEEN 1 AND LENGTH("id") - 1
    ) keys
    WHERE k IN (SELECT k FROM dv_originals)
    GROUP BY k),`;
  const sql = `WITH
  dv_currencies (currency, dp) AS (VALUES
    ${values(t.currencies)}),
  dv_destinations (code_in, code, taxed_as, covered_from, status) AS (VALUES
    ${values(destinations)}),
  dv_fx (currency, fx_day, fx_date, fx_from, fx_to, fx_rate) AS (${t.fx.length ? `VALUES\n    ${values(t.fx)}` : "SELECT 'XXX', '', '', '', '', '' WHERE 1 = 0"}),
  dv_days (day) AS (VALUES
    ${values(t.days.map((d) => [q(d)]))}),
  dv_rates (code, category, valid_from, valid_to, rate, rounding) AS (VALUES
    ${values(t.rates)}),
  -- Each combination of the low-cardinality fields the ledger holds (a few thousand for millions of entries), numbered
  -- (cno, in a fixed order), with what follows from it alone: its checks, its bucket and the data's rate where it is not the one recorded.
  dv_keys AS (
    SELECT ${COMBO.map(kr).join(", ")}, ${COMBO.map(kc).join(", ")}, ${canonicalRate} AS canonical_rate, c.dp, d.code, d.taxed_as, f.fx_date, f.fx_from, f.fx_to, f.fx_rate,
      ${before} AS before_amounts,
      ${rateCheck} AS rate_check,
      ${after} AS after_original_id,
      -- (the entry's type as a small integer, 1 a refund, 0 a sale: what the id checks read of it)
      CASE ${kr("type")} WHEN 'refund' THEN 1 WHEN 'sale' THEN 0 END AS refund
    FROM (SELECT k.*, ${COMBO.map((c) => `${c === "rate" && options.numericRate === true ? shortest(`CAST(${kr(c)} AS VARCHAR)`) : `CAST(${kr(c)} AS VARCHAR)`} AS "t_${c}"`).join(", ")} FROM (SELECT DISTINCT ${COMBO.map((c) => `"${c}"`).join(", ")} FROM ${ledger}) k) k
    LEFT JOIN dv_days pd ON pd.day = ${kc("date")}
    LEFT JOIN dv_currencies c ON c.currency = ${kc("currency")}
    LEFT JOIN dv_destinations d ON d.code_in = UPPER(${kc("destination")})
    LEFT JOIN dv_fx f ON f.currency = ${kc("currency")} AND f.fx_day = ${fxDay}),
  -- (cno >= 1 always holds: it tells a planner that guesses sizes that this is the small side of the join with the ledger.)
  dv_combos AS (
    SELECT * FROM (
      SELECT CAST(ROW_NUMBER() OVER (ORDER BY ${COMBO.map(kr).join(", ")}) AS INTEGER) AS cno, k.*, r.rate AS expected_rate, r.rounding, CASE WHEN r.rate IS NULL THEN 0 ELSE 1 END AS mismatch
      FROM dv_keys k
      LEFT JOIN dv_rates r ON r.code = k.code AND r.category = ${kc("category")} AND ${kc("date")} >= r.valid_from AND ${kc("date")} < r.valid_to AND r.rate <> k.canonical_rate) n
    WHERE cno >= 1),
  -- Every entry with its checks, once: what follows reads this, not the ledger.
  dv_checked AS (
    ${checked(ledger)}),${idChecks}
  dv_entries AS (
    SELECT e.*, ${outcome} AS outcome,
      ${checkIds && !strict ? `CASE WHEN e.status = 0 AND NOT ${duplicate} AND e.refund = 1 AND s.k IS NULL THEN 1 ELSE 0 END` : "0"} AS unmatched,
      -- Held to the end of the ledger (strictRefunds): a refund whose sale comes after it, and the strict rejections, listed last.
      ${strict ? `CASE WHEN e.status = 0 AND NOT ${duplicate} AND e.refund = 1 AND (s.k IS NULL OR s.first_idx > e."idx") THEN 1 ELSE 0 END` : "0"} AS late
    FROM dv_checked e
    ${checkIds ? `LEFT JOIN dv_repeated u ON u.dup_id = CASE WHEN ${taker("e")} THEN e."id" END` : ""}
    ${checkIds ? `LEFT JOIN dv_sale_keys s ON s.k = CASE WHEN e.status = 0 AND e.refund = 1 THEN e."original_id" END` : ""}),
  -- Included entries whose combination has a rate the data does not are discrepancies, each a group of its own (g_idx), as is
  -- each rejected entry; the others group by combination (cno), those outside the period in one group (no cno). Only the
  -- own-group rows carry text. A group's kind follows from its keys and reason.
  dv_rows AS (
    SELECT CASE WHEN outcome <> 1 THEN cno END AS cno, CASE WHEN own = 1 THEN "idx" END AS g_idx,
      CASE WHEN outcome = 0 THEN ${numeric ? `"net"` : `CAST("net" AS DECIMAL(18, 3))`} END AS net_amount,
      CASE WHEN outcome = 0 THEN ${numeric ? `"tax"` : `CAST("tax" AS DECIMAL(18, 3))`} END AS tax_amount,
      unmatched, late, CASE WHEN outcome > 1 THEN outcome END AS reason_code,
      ${own(`"id"`)} AS raw_id, ${own(amountText(`"net"`))} AS raw_net, ${own(amountText(`"tax"`))} AS raw_tax, ${own(`"original_id"`)} AS raw_original_id
    FROM (SELECT CASE WHEN outcome > 1 OR (outcome = 0 AND mismatch = 1) THEN 1 ELSE 0 END AS own, e.* FROM dv_entries e) e),
  dv_groups AS (
    SELECT CASE WHEN g_idx IS NULL THEN CASE WHEN cno IS NULL THEN 'outside' ELSE 'bucket' END WHEN MAX(reason_code) IS NOT NULL THEN 'rejected' ELSE 'discrepancy' END AS kind,
      cno, g_idx, COUNT(*) AS entries, SUM(net_amount) AS net, SUM(tax_amount) AS tax, SUM(unmatched) AS unmatched_refunds, MAX(late) AS late,
      MAX(reason_code) AS reason_code, ${["id", "net", "tax", "original_id"].map((c) => `MAX(raw_${c}) AS raw_${c}`).join(", ")}
    FROM dv_rows
    GROUP BY cno, g_idx)
-- Combinations that make the same bucket (destination, rate, kind, currency and exchange rate) add up.
SELECT g.kind, ${BUCKET.map((c) => `${BUCKET_SOURCE[c]} AS "${c}"`).join(", ")}, g.g_idx AS "idx",
  SUM(g.entries) AS entries, SUM(g.net) AS net, SUM(g.tax) AS tax, SUM(g.unmatched_refunds) AS unmatched_refunds, MAX(g.late) AS late,
  ${reasonOf("MAX(g.reason_code)")} AS reason, CASE WHEN MAX(g.reason_code) IS NOT NULL THEN ${fieldOf("MAX(g.reason_code)")} END AS field, MAX(CASE WHEN g.kind = 'discrepancy' THEN k.expected_rate END) AS expected_rate,
  MAX(CASE WHEN g.kind = 'discrepancy' THEN CASE WHEN k.rounding = 'half-up' THEN FLOOR(${exact} + 0.5) ELSE CEILING(${exact} - 0.5) END END) AS expected_tax_units,
  MAX(CASE WHEN g.kind = 'discrepancy' THEN k.code END) AS code,
  ${RAW.map((c) => (COMBO as readonly string[]).includes(c) ? `MAX(CASE WHEN g.g_idx IS NOT NULL THEN SUBSTRING(${kc(c as (typeof COMBO)[number])} FROM 1 FOR 201) END) AS raw_${c}` : `MAX(g.raw_${c}) AS raw_${c}`).join(", ")}
FROM dv_groups g
LEFT JOIN dv_combos k ON k.cno = g.cno
GROUP BY g.kind, ${BUCKET.map((c) => BUCKET_SOURCE[c]).join(", ")}, g.g_idx`;
  return { sql };
}

/** The shortest text of a number's text: no trailing zeros after the point, nor a trailing point ("12.340" is "12.34", "5.000" is "5"). */
export function shortest(x: string): string {
  return `CASE WHEN POSITION('.' IN ${x}) > 0 THEN TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM ${x})) ELSE ${x} END`;
}

/** 10^dp as an exact DECIMAL, for the minor units of an amount. */
function unitScale(dp: string): string {
  return `(CASE ${dp} WHEN 0 THEN CAST(1 AS DECIMAL(38, 0)) WHEN 1 THEN 10 WHEN 2 THEN 100 WHEN 3 THEN 1000 ELSE 10000 END)`;
}
