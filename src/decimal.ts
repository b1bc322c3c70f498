/**
 * The SDK's private Decimal: a clone, so no caller's Decimal.set() can change our
 * arithmetic and we never touch global configuration. 40 significant digits keep
 * tax-out-of-gross divisions exact to far below a minor unit.
 */
import DecimalJs from "decimal.js";

export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);

/** Rounding modes the data can name. */
export const ROUNDING = { "half-up": DecimalJs.ROUND_HALF_UP, "half-down": DecimalJs.ROUND_HALF_DOWN } as const;
export type RoundingMode = keyof typeof ROUNDING;

/** Round to `dp` places with the named mode. */
export function roundTo(d: Decimal, dp: number, mode: RoundingMode = "half-up"): Decimal {
  return d.toDecimalPlaces(dp, ROUNDING[mode]);
}

/** Fixed-point text with exactly `dp` places: the only way money leaves the SDK. */
export function money(d: Decimal, dp: number): string {
  // Decimal#toFixed is exact decimal formatting, not Number#toFixed.
  const s = d.toFixed(dp);
  return s.startsWith("-") && /^-[0.]+$/.test(s) ? s.slice(1) : s;
}

/**
 * Split `total` (already at `dp` places) over `weights` so the parts add up exactly:
 * each part is its pro-rata share rounded down, and the units left over go to the
 * largest remainders (earlier parts first on ties).
 */
export function allocate(total: Decimal, weights: readonly Decimal[], dp: number): Decimal[] {
  const n = weights.length;
  if (n === 0) return [];
  const sum = weights.reduce((a, w) => a.plus(w), ZERO);
  const exact = sum.isZero() ? weights.map(() => total.div(n)) : weights.map((w) => total.times(w).div(sum));
  return distribute(total, exact, dp);
}

/** Round `exact` parts down to `dp` places and hand the rest of `total` out by largest remainder. */
export function distribute(total: Decimal, exact: readonly Decimal[], dp: number): Decimal[] {
  const unit = new Decimal(1).div(new Decimal(10).pow(dp));
  const parts = exact.map((e) => e.toDecimalPlaces(dp, DecimalJs.ROUND_FLOOR));
  let left = total.minus(parts.reduce((a, p) => a.plus(p), ZERO));
  const order = exact
    .map((e, i) => ({ i, rem: e.minus(parts[i]!) }))
    .sort((a, b) => b.rem.comparedTo(a.rem) || a.i - b.i);
  for (let k = 0; left.gt(0) && order.length; k = (k + 1) % order.length) {
    const i = order[k]!.i;
    parts[i] = parts[i]!.plus(unit);
    left = left.minus(unit);
  }
  return parts;
}
