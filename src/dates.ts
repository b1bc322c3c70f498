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
  const month = Number(m[2]);
  const day = Number(m[3]);
  // Day 1 of the month in UTC-free arithmetic: date-fns only needs year and month here.
  return month >= 1 && month <= 12 && day >= 1 && day <= getDaysInMonth(new Date(Number(m[1]), month - 1, 1));
}
