/** The return period and the jurisdiction's return rules (caller mistakes here are VatErrors). */
import { getDaysInMonth } from "date-fns/getDaysInMonth";
import { VatError, describeValue, invalid } from "../errors.js";
import { MINOR_UNITS } from "../generated/manifest.js";
import { ALL_RULES, compiledRulesFor, listDestinations, ruleChangeDates, rulesFor, type DestinationRules, type Jurisdiction } from "../rules.js";
import type { ReturnSummary } from "./types.js";

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;

interface ReturnPeriod {
  kind: "monthly" | "quarterly";
  name: string;
  from: string;
  to: string;
  lastDay: string;
}

const pad = (n: number) => String(n).padStart(2, "0");


/** `"2026-10"` or `"2026-Q3"` as a half-open span of calendar dates. */
function parsePeriod(period: unknown): ReturnPeriod {
  const text = typeof period === "string" ? period : "";
  const m = MONTH.exec(text);
  const q = m ? null : QUARTER.exec(text);
  if (!m && !q) throw invalid(["period"], `period must be a month such as "2026-10" or a quarter such as "2026-Q3", got ${describeValue(period)}`);
  const year = Number((m ?? q)![1]);
  const first = m ? Number(m[2]) : (Number(q![2]) - 1) * 3 + 1;
  const last = m ? first : first + 2;
  const next = last === 12 ? `${year + 1}-01-01` : `${year}-${pad(last + 1)}-01`;
  return {
    kind: m ? "monthly" : "quarterly",
    name: text,
    from: `${year}-${pad(first)}-01`,
    to: next,
    // Only the year and month of this Date are read, so no time zone moves it (as in dates.ts).
    lastDay: `${year}-${pad(last)}-${pad(getDaysInMonth(new Date(year, last - 1, 1)))}`,
  };
}

let representatives: Map<string, string> | undefined;

/** One destination per jurisdiction whose rules speak for it: the jurisdiction's own code, else its first member in the VAT area. */
function representativesByJurisdiction(): Map<string, string> {
  if (!representatives) {
    const map = new Map<string, string>();
    for (const d of listDestinations()) {
      const r = rulesFor(d, ruleChangeDates(d)[0]!);
      if (!r.inVatArea || r.taxedAs !== d) continue;
      const current = map.get(r.jurisdiction);
      if (current === undefined || (d === r.jurisdiction && current !== d)) map.set(r.jurisdiction, d);
    }
    representatives = map;
  }
  return representatives;
}

export interface ReturnContext {
  jurisdiction: Jurisdiction;
  period: ReturnPeriod;
  currency: string;
  /** Minor units of the return currency. */
  dp: number;
  rules: DestinationRules;
}

/** Check jurisdiction and period against the data; the rules in force on the period's first day apply. */
export function returnContext(jurisdiction: unknown, period: unknown): ReturnContext {
  const reps = representativesByJurisdiction();
  const code = typeof jurisdiction === "string" ? reps.get(jurisdiction.toUpperCase()) : undefined;
  if (!code) throw invalid(["jurisdiction"], `jurisdiction must be one of ${[...reps.keys()].sort().join(", ")}, got ${describeValue(jurisdiction)}`);
  const p = parsePeriod(period);
  const rules = compiledRulesFor(code, p.from, { destination: ["jurisdiction"], date: ["period"] }, ALL_RULES).rules;
  if (rules.returnPeriod !== p.kind) {
    const example = rules.returnPeriod === "monthly" ? `"${p.from.slice(0, 7)}"` : `"${p.from.slice(0, 4)}-Q${Math.ceil(Number(p.from.slice(5, 7)) / 3)}"`;
    throw invalid(["period"], `${rules.jurisdiction} returns are ${rules.returnPeriod} (${rules.returns.text}); give a ${rules.returnPeriod === "monthly" ? "month" : "quarter"} such as ${example}, got ${describeValue(period)}`);
  }
  const currency = rules.returns.currency;
  const dp = rules.returns.decimals ?? MINOR_UNITS[currency];
  if (dp === undefined) throw new VatError("UNSUPPORTED_CURRENCY", ["jurisdiction"], `the ${rules.jurisdiction} return currency ${currency} is not in the currency table`);
  return { jurisdiction: rules.jurisdiction, period: p, currency, dp, rules };
}

/** The fields of a summary that name what it is a return for (two summaries merge only when these agree). */
export function summaryHead(ctx: ReturnContext): Pick<ReturnSummary, "jurisdiction" | "period" | "currency" | "dataVersion" | "fx" | "rounding"> {
  const r = ctx.rules;
  return {
    jurisdiction: ctx.jurisdiction,
    period: { name: ctx.period.name, from: ctx.period.from, to: ctx.period.to, lastDay: ctx.period.lastDay },
    currency: ctx.currency,
    dataVersion: r.dataVersion,
    fx: { source: r.returns.fx.source, text: r.returns.fx.text },
    rounding: {
      mode: r.rounding.mode,
      decimals: ctx.dp,
      text: `Each row's taxable amount and tax are converted entry by entry without rounding, summed exactly, and rounded once to ${ctx.dp} decimals (${r.rounding.mode}); the totals add the rounded rows.`,
    },
  };
}
