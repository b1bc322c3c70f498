/**
 * Return periods and their due dates, from the data's due-date rules. Calendar dates stay
 * `YYYY-MM-DD` strings at the edges; inside, date-fns works on local-noon Dates built from the
 * string's own year, month and day and read back the same way, so no time zone moves a date.
 */
import { addDays } from "date-fns/addDays";
import { addMonths } from "date-fns/addMonths";
import { formatISO } from "date-fns/formatISO";
import { lastDayOfMonth } from "date-fns/lastDayOfMonth";
import type { DueRule } from "../data/schema.js";

/** One return period: `name` is what summarizeReturn() takes ("2026-12", "2026-Q4"). */
export interface ReturnPeriodSpan {
  name: string;
  /** First day. */
  from: string;
  /** Last day (inclusive). */
  lastDay: string;
}

const toDate = (iso: string) => new Date(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)), 12);
const toIso = (d: Date) => formatISO(d, { representation: "date" });
const pad = (n: number) => String(n).padStart(2, "0");

/**
 * The period containing `date` and the `count - 1` periods after it (calendar months or quarters).
 * @example
 * returnPeriods("2026-12-03", "quarterly", 2).map((p) => p.name) //=> ["2026-Q4", "2027-Q1"]
 */
export function returnPeriods(date: string, kind: "monthly" | "quarterly", count: number): ReturnPeriodSpan[] {
  const months = kind === "monthly" ? 1 : 3;
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const firstMonth = month - ((month - 1) % months);
  const out: ReturnPeriodSpan[] = [];
  for (let i = 0; i < count; i++) {
    const start = addMonths(new Date(year, firstMonth - 1, 1, 12), i * months);
    const last = lastDayOfMonth(addMonths(start, months - 1));
    const y = start.getFullYear();
    const m = start.getMonth() + 1;
    out.push({ name: kind === "monthly" ? `${y}-${pad(m)}` : `${y}-Q${(m + 2) / 3}`, from: toIso(start), lastDay: toIso(last) });
  }
  return out;
}

/**
 * The due date of a return whose period ends on `lastDay`, by the data's rule.
 * @example
 * dueDate("2028-01-31", { kind: "end-of-month-after-period", months: 1 }) //=> "2028-02-29"
 * dueDate("2026-06-30", { kind: "months-and-days-after-period", months: 1, days: 7 }) //=> "2026-08-07"
 */
export function dueDate(lastDay: string, rule: DueRule): string {
  const end = toDate(lastDay);
  const firstOfMonth = new Date(end.getFullYear(), end.getMonth(), 1, 12);
  switch (rule.kind) {
    case "end-of-month-after-period":
      return toIso(lastDayOfMonth(addMonths(firstOfMonth, rule.months)));
    case "day-of-month-after-period": {
      const exception = rule.exceptions.find((e) => e.periodEndMonth === end.getMonth() + 1);
      const target = addMonths(firstOfMonth, exception ? exception.monthsAfter : 1);
      target.setDate(exception ? exception.day : rule.day);
      return toIso(target);
    }
    case "months-and-days-after-period": {
      // "One calendar month after 30 June" is 31 July: a month end stays a month end (HMRC VDSOG400).
      const monthEnd = lastDayOfMonth(end).getDate() === end.getDate();
      const moved = monthEnd ? lastDayOfMonth(addMonths(firstOfMonth, rule.months)) : addMonths(end, rule.months);
      return toIso(addDays(moved, rule.days));
    }
  }
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const nth = (n: number) => (n === 1 ? "the month" : `the ${n === 2 ? "second" : n === 3 ? "third" : `${n}th`} month`);

/**
 * A due-date rule as a sentence.
 * @example
 * describeDueRule({ kind: "end-of-month-after-period", months: 1 }) //=> "the last day of the month after the period"
 */
export function describeDueRule(rule: DueRule | "with-return"): string {
  if (rule === "with-return") return "with the return";
  if (rule.kind === "end-of-month-after-period") return `the last day of ${nth(rule.months)} after the period`;
  if (rule.kind === "months-and-days-after-period") return `${rule.months} calendar month${rule.months === 1 ? "" : "s"} and ${rule.days} days after the period's last day`;
  const ex = rule.exceptions.map((e) => `a period ending in ${MONTHS[e.periodEndMonth - 1]}: day ${e.day} of ${nth(e.monthsAfter)} after`).join("; ");
  return `day ${rule.day} of the month after the period${ex ? ` (${ex})` : ""}`;
}
