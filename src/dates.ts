/**
 * Calendar dates are `YYYY-MM-DD` strings end to end: they compare correctly as
 * strings and no machine time zone can move a boundary.
 */
// The function's own entry point: importing "date-fns" itself loads all of date-fns (~130 ms at start-up).
import { getDaysInMonth } from "date-fns/getDaysInMonth";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** true for a real calendar date written `YYYY-MM-DD` (2026-02-30 is not). */
export function isCalendarDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  // Day 1 of the month in UTC-free arithmetic: date-fns only needs year and month here.
  // setFullYear, because new Date(y, …) reads years 0–99 as 1900–1999 (0000-02-29 is a leap day in ISO 8601's calendar, 1900-02-29 is not).
  const first = new Date(2000, 0, 1);
  first.setFullYear(year, month - 1, 1);
  return month >= 1 && month <= 12 && day >= 1 && day <= getDaysInMonth(first);
}

/**
 * `date` plus `months` calendar months, clamped to the month's last day (2026-08-31 + 6 → 2027-02-28);
 * negative `months` go back. Used for review ages: "more than 6 months after 2026-11-22" is after 2027-05-22.
 */
export function addMonths(date: string, months: number): string {
  const m = ISO_DATE.exec(date)!;
  const total = Number(m[1]) * 12 + Number(m[2]) - 1 + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const day = Math.min(Number(m[3]), getDaysInMonth(new Date(year, month - 1, 1)));
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The day after `date` (`YYYY-MM-DD`). */
export function nextDay(date: string): string {
  const m = ISO_DATE.exec(date)!;
  const d = Number(m[3]);
  const dim = getDaysInMonth(new Date(Number(m[1]), Number(m[2]) - 1, 1));
  return d < dim ? `${m[1]}-${m[2]}-${String(d + 1).padStart(2, "0")}` : addMonths(`${m[1]}-${m[2]}-01`, 1);
}
