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
