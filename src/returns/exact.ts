/**
 * Exact money for returns, on the money core (src/decimal.ts): amounts as integer minor
 * units (read by the core's `parseUnits`, written by its `unitsText`), conversions as
 * exact fractions, and sums of them. Every figure of a return — row, refund row, total,
 * one-pass or merged — is rounded once, by the core's `roundFraction`.
 */
import { pow10n, roundFraction, type Fraction, type RoundingMode } from "../decimal.js";

export { parseUnits, textUnits, unitsText, type Fraction } from "../decimal.js";

/** Why `parseUnits` refused an amount, for the rejection message. */
export function amountProblem(value: unknown, dp: number, currency: string): string {
  if (value === undefined || value === "") return "is missing";
  if (typeof value === "number") return `must be a decimal string such as "12.50" (or a whole number ≥ 0), got ${value}`;
  if (typeof value !== "string") return `must be a decimal string such as "12.50", got a ${value === null ? "null" : typeof value}`;
  const m = /^(?:0|[1-9]\d*)\.(\d+)$/.exec(value);
  if (m && m[1]!.length > dp) return `has ${m[1]!.length} decimals but ${currency} has ${dp}`;
  if (/^(?:0|[1-9]\d*)(?:\.\d+)?$/.test(value)) return "is too large (at most 12 digits before the decimal point)";
  return `must be a decimal string such as "12.50" with no sign, spaces or thousands separators, got ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
}

const RATE = /^(?:0|1)(?:\.\d{1,12})?$/;

/** A rate as a canonical fraction string (`"0.20"` → `"0.2"`, `"0.0"` → `"0"`), or undefined when it is not a rate in [0, 1). */
export function normalizeRate(text: string): string | undefined {
  if (!RATE.test(text)) return undefined;
  let end = text.length;
  if (text.includes(".")) {
    while (text.charCodeAt(end - 1) === 48) end--;
    if (text.charCodeAt(end - 1) === 46) end--;
  }
  const r = text.slice(0, end);
  return r.startsWith("1") ? undefined : r;
}

/** Order of two canonical rates (as numbers). */
export function compareRates(a: string, b: string): number {
  const fa = a.slice(2);
  const fb = b.slice(2);
  const n = Math.max(fa.length, fb.length);
  const x = fa.padEnd(n, "0");
  const y = fb.padEnd(n, "0");
  return x < y ? -1 : x > y ? 1 : 0;
}

const ZERO_FRACTION: Fraction = { n: 0n, d: 1n };

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  while (b) [a, b] = [b, a % b];
  return a;
}

function addFractions(x: Fraction, y: Fraction): Fraction {
  if (x.d === y.d) return { n: x.n + y.n, d: x.d };
  const n = x.n * y.d + y.n * x.d;
  const d = x.d * y.d;
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

function negate(x: Fraction): Fraction {
  return { n: -x.n, d: x.d };
}

/** A rate as an exact fraction `units / 10^scale`, from its decimal text. */
export interface ExactRate {
  units: bigint;
  scale: number;
}

export function exactRate(text: string): ExactRate {
  const [whole, frac = ""] = text.split(".");
  return { units: BigInt(whole! + frac), scale: frac.length };
}

/**
 * `units` minor units (of a currency with `dp` decimals) converted at `rate`: multiplied
 * by it, or divided by it when the rate given is the inverse pair. Exact.
 */
export function convert(units: bigint, dp: number, rate: ExactRate | null, divide: boolean): Fraction {
  const unit = pow10n(dp);
  if (rate === null) return { n: units, d: unit };
  const scale = pow10n(rate.scale);
  return divide ? { n: units * scale, d: rate.units * unit } : { n: units * rate.units, d: unit * scale };
}

/** Digits kept after the point by `ExactSum` before it needs the exact fractions. */
const GUARD_SCALE = 10000000000000000000000000000000000000000n; // 10^40

/**
 * A sum of fractions, rounded exactly but cheaply. Summing fractions with many
 * different denominators (one per inverse exchange rate) grows them to thousands of
 * digits; instead each term is cut to 40 decimals (floor), which puts the exact sum in
 * [whole, whole + inexact] (in 10^-40 units). When both ends round alike, that is the
 * answer; only when a rounding boundary lies within that interval — an exact tie made
 * of non-terminating terms, such as 0.01/3 + 0.01/6 = 0.005 — are the fractions added
 * exactly.
 */
export class ExactSum {
  private whole = 0n;
  private inexact = 0n;
  private readonly terms: Fraction[] = [];

  add(x: Fraction): void {
    const n = x.n * GUARD_SCALE;
    let q = n / x.d;
    if (q * x.d !== n) {
      if (n < 0n) q -= 1n; // floor, not truncation
      this.inexact += 1n;
    }
    this.whole += q;
    this.terms.push(x);
  }

  /** Minus everything in `other` (exactly). */
  minus(other: ExactSum): ExactSum {
    const out = new ExactSum();
    for (const t of this.terms) out.add(t);
    for (const t of other.terms) out.add(negate(t));
    return out;
  }

  round(dp: number, mode: RoundingMode): bigint {
    const low = roundFraction({ n: this.whole, d: GUARD_SCALE }, dp, mode);
    if (this.inexact === 0n) return low;
    if (roundFraction({ n: this.whole + this.inexact, d: GUARD_SCALE }, dp, mode) === low) return low;
    return roundFraction(this.terms.reduce(addFractions, ZERO_FRACTION), dp, mode);
  }
}
