/**
 * The data check of a ledger entry's rate: the rate the data gives for the entry's
 * destination, category and date (`rulesFor`, the one rules lookup), and the tax that
 * rate implies on the entry's net, rounded as the destination's rules round.
 */
import type { Category } from "../data/types.js";
import { rulesFor } from "../rules.js";
import { ExactSum, convert, exactRate, unitsText } from "./exact.js";

/** The data's rate for `category` at `destination` on `date` (a code the data covers on that date). */
export function expectedRate(destination: string, date: string, category: Category): { rate: string; mode: "half-up" | "half-down" } {
  const r = rulesFor(destination, date);
  return { rate: r.rates[category], mode: r.rounding.mode };
}

/** `netUnits` minor units (of a currency with `dp` decimals) at `rate`, rounded once with `mode`: the tax, as text. */
export function impliedTax(netUnits: number, dp: number, rate: string, mode: "half-up" | "half-down"): string {
  const sum = new ExactSum();
  sum.add(convert(BigInt(netUnits), dp, exactRate(rate), false));
  return unitsText(sum.round(dp, mode), dp);
}
