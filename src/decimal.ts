/**
 * The SDK's money core, shared by quote() and the returns: exact decimal values, the
 * rounding rules the data can name, and the one function that rounds.
 *
 * A value is an integer coefficient and a scale (coefficient × 10^-scale): an amount at
 * its currency's scale is a count of minor units. The coefficient is a plain JS number
 * while it stays within 2^50 — sums, products, comparisons and rounding of checkout
 * amounts are then exact integer operations — and a BigInt past that (a non-terminating
 * division, a product of such a quotient, a large total). Each operation behaves as
 * decimal.js does with precision 40, ROUND_HALF_UP, toExpNeg -30 and toExpPos 40, signed
 * zero included: results longer than 40 significant digits are rounded half-up, which
 * keeps tax-out-of-gross divisions exact to far below a minor unit. decimal.js is the
 * reference (test/decimal.test.ts checks every operation against it) but is not loaded:
 * every finite value is handled here, and what decimal.js would answer with NaN or
 * ±Infinity (division by zero, "NaN", "Infinity"), or text that is not a decimal number,
 * is a RangeError — validated input never gets there.
 *
 * Rounding: `roundsUp` is the only place where a rounding rule decides; every rounding of
 * the SDK (a Decimal to decimal places, the 40-digit rounding of an operation, a return's
 * exact fraction in src/returns/exact.ts, the floor of an allocation) goes through
 * `roundedQuotient` or `roundedQuotientBig`, which divide and ask it.
 *
 * This is what makes quote() cheap: decimal.js spends ~0.5 µs on an addition and several
 * on a division, and a quote does a few hundred operations. The one long division most
 * quotes need — inverting the caller's exchange rate — is remembered by operands (values
 * are immutable), with the products and roundings derived from it.
 */

/** Significant digits kept by an operation whose exact result is longer (decimal.js's precision). */
const PRECISION = 40;
/** Coefficients up to 2^50 keep every sum, product and rounding step below 2^53, where JS numbers are exact. */
const LIMIT = 1125899906842624; // 2^50
const LIMIT_N = 1125899906842624n; // 2^50
/** Exponents of the notation decimal.js switches to: toExpNeg and toExpPos. */
const EXP_NEG = -30;
const EXP_POS = 40;
/** Largest scale (either sign) text may give: far beyond money, and keeps the powers of ten cached below small. */
const MAX_SCALE = 1000;
const POW10: readonly number[] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
const POW10N: bigint[] = [1n];
/** Decimal text as decimal.js reads it, sign removed: "12.5", "5.", ".5", "1e-7", "1E3". */
const DECIMAL = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const RAW = /* @__PURE__ */ Symbol("raw");

/** fixedText of whole amounts, ready-made for 0 to 4 decimals: units + ".00", and zero as "0.00". */
const DOT_ZEROS = ["", ".0", ".00", ".000", ".0000"];
const ZERO_TEXT = ["0", "0.0", "0.00", "0.000", "0.0000"];
/** ".00" to ".99": most amounts are in cents, and most money text is whole units plus one of these (built on first use). */
let cents: string[] | undefined;

function pow10(k: number): number {
  return k <= 22 ? POW10[k]! : Infinity;
}

/** 10^k as a BigInt (cached). */
export function pow10n(k: number): bigint {
  while (POW10N.length <= k) POW10N.push(POW10N[POW10N.length - 1]! * 10n);
  return POW10N[k]!;
}

// ------------------------------------------------------------------ rounding

/** Rounding modes by decimal.js's numbers: what `toDecimalPlaces(dp, rm)` takes. */
export const ROUND_UP = 0;
export const ROUND_DOWN = 1;
export const ROUND_CEIL = 2;
export const ROUND_FLOOR = 3;
export const ROUND_HALF_UP = 4;
export const ROUND_HALF_DOWN = 5;
export const ROUND_HALF_EVEN = 6;
export const ROUND_HALF_CEIL = 7;
export const ROUND_HALF_FLOOR = 8;

/**
 * Rounding modes the data can name (`rounding.mode`, `returns.rounding`): ties away from
 * zero (`half-up`) or towards it (`half-down`); anything else goes to the nearest unit.
 */
export const ROUNDING = { "half-up": ROUND_HALF_UP, "half-down": ROUND_HALF_DOWN } as const;
export type RoundingMode = keyof typeof ROUNDING;

/**
 * THE rounding decision. Cutting digits off a magnitude leaves `kept` (its parity in
 * `odd`) and a cut part, `cmpHalf` its comparison with one half unit (-1, 0, 1) and
 * `nonzero` whether it is not zero; `negative` is the value's sign. Whether the kept
 * magnitude goes up by one, in rounding mode `rm` (decimal.js's numbers).
 */
function roundsUp(odd: boolean, cmpHalf: number, nonzero: boolean, rm: number, negative: boolean): boolean {
  if (!nonzero) return false;
  switch (rm) {
    case ROUND_UP: return true;
    case ROUND_DOWN: return false;
    case ROUND_CEIL: return !negative;
    case ROUND_FLOOR: return negative;
  }
  if (cmpHalf !== 0) return cmpHalf > 0;
  switch (rm) {
    case ROUND_HALF_UP: return true;
    case ROUND_HALF_DOWN: return false;
    case ROUND_HALF_EVEN: return odd;
    case ROUND_HALF_CEIL: return !negative;
    default: return negative; // ROUND_HALF_FLOOR
  }
}

/**
 * `a / p` rounded to an integer in mode `rm`, for integers with |a| ≤ 2^50 and p ≥ 1 a
 * power of ten or any integer ≤ 2^50 (Infinity: a power of ten past 10^22). The sign
 * of `a` is kept, negative zero included (−0.4 to 0 places is −0, as decimal.js).
 */
export function roundedQuotient(a: number, p: number, rm: number): number {
  const negative = a < 0 || Object.is(a, -0);
  const m = negative ? -a : a;
  let q = 0;
  let r = m;
  if (p <= 1e16) {
    q = Math.floor(m / p);
    r = m - q * p;
    if (r < 0) (q -= 1), (r += p);
    else if (r >= p) (q += 1), (r -= p);
  }
  const twice = 2 * r; // exact: r ≤ m ≤ 2^50
  if (roundsUp(q % 2 === 1, twice > p ? 1 : twice < p ? -1 : 0, r > 0, rm, negative)) q += 1;
  return negative ? -q : q;
}

/**
 * `a / p` (p > 0) rounded to an integer in mode `rm`, for BigInts; `sticky`: something
 * non-zero was already cut off below `a` (its last digit is not the end of the value).
 * A zero result carries no sign: the caller knows it.
 */
export function roundedQuotientBig(a: bigint, p: bigint, rm: number, sticky = false): bigint {
  const negative = a < 0n;
  const m = negative ? -a : a;
  let q = m / p;
  const r = m - q * p;
  const twice = 2n * r;
  const cmpHalf = twice > p ? 1 : twice < p ? -1 : sticky ? 1 : 0;
  if (roundsUp((q & 1n) === 1n, cmpHalf, r > 0n || sticky, rm, negative)) q += 1n;
  return negative ? -q : q;
}

// ------------------------------------------------------------------ minor units and their text

/**
 * Minor units of a non-negative amount written `"12.50"` (at most `dp` decimals, no
 * sign, exponent, spaces or leading zeros, at most 12 digits before the point), or -1.
 * The one reader of money text in its usual form, for quote input and ledger rows alike;
 * the result is below 10^15, exact in a number.
 */
export function parseUnits(text: string, dp: number): number {
  const len = text.length;
  if (len === 0 || len > 16) return -1;
  let units = 0;
  let i = 0;
  for (; i < len; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    units = units * 10 + c;
  }
  if (i === 0 || i > 12 || (i > 1 && text.charCodeAt(0) === 48)) return -1;
  let decimals = 0;
  if (i < len) {
    if (text.charCodeAt(i) !== 46 || i === len - 1) return -1; // "."
    for (i++; i < len; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9 || ++decimals > dp) return -1;
      units = units * 10 + c;
    }
  }
  for (; decimals < dp; decimals++) units *= 10;
  return units < 1e15 ? units : -1;
}

/** A magnitude's digits with the point put `scale` (≥ 0) places from the right: ("1250", 2) → "12.50", ("5", 3) → "0.005". */
function pointText(digits: string, scale: number): string {
  if (scale === 0) return digits;
  if (digits.length <= scale) digits = "0".repeat(scale - digits.length + 1) + digits;
  const cut = digits.length - scale;
  return `${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

/** `units` minor units with `dp` decimals as text: `-1234n, 2` → `"-12.34"`. */
export function unitsText(units: bigint, dp: number): string {
  const text = pointText(String(units < 0n ? -units : units), dp);
  return units < 0n ? `-${text}` : text;
}

/** Minor units of a decimal string made by `unitsText` (or any plain decimal with at most `dp` decimals). */
export function textUnits(text: string, dp: number): bigint {
  const negative = text.startsWith("-");
  const [whole, frac = ""] = (negative ? text.slice(1) : text).split(".");
  const u = BigInt(whole!) * pow10n(dp) + BigInt(frac.padEnd(dp, "0") || "0");
  return negative ? -u : u;
}

// ------------------------------------------------------------------ exact fractions

/** An exact rational amount `n / d` (d > 0) in major units: a converted amount, a sum of them. */
export interface Fraction {
  n: bigint;
  d: bigint;
}

/** The exact amount `x` to `dp` decimals in rounding mode `mode`, in minor units. */
export function roundFraction(x: Fraction, dp: number, mode: RoundingMode): bigint {
  return roundedQuotientBig(x.n * pow10n(dp), x.d, ROUNDING[mode]);
}

// ------------------------------------------------------------------ Decimal

/** Greatest common divisor of two non-negative integers. */
export function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Number of decimal digits of `a` (≥ 0, ≤ 2^50); 1 for 0. */
function numberDigits(a: number): number {
  let d = 1;
  while (d < 16 && a >= POW10[d]!) d++;
  return d;
}

/** Number of decimal digits of `a` (> 0), starting from a guess that is close (off by a digit or two at most, usually). */
function digitsOfBig(a: bigint, guess: number): number {
  let d = guess < 1 ? 1 : guess;
  while (d > 1 && a < pow10n(d - 1)) d--;
  while (a >= pow10n(d)) d++;
  return d;
}

/** A rough digit count of `a` (> 0) from its hexadecimal length: within two of the truth. */
function roughDigitsOfBig(a: bigint): number {
  return Math.floor(a.toString(16).length * 1.2041199826559248) || 1; // 4·log10(2)
}

/** Non-terminating divisions of small values, by operands: the same exchange rate is inverted for quote after quote. */
const QUOTIENTS = /* @__PURE__ */ new Map<number, Map<number, Decimal>>();
/** Values handed out again and again (remembered quotients and what is derived from them). */
const SHARED = /* @__PURE__ */ new WeakSet<Decimal>();
/**
 * Products of a shared long (BigInt) value with small ones, and its roundings, by the long
 * value (the inverted rate's), under numeric keys so that a hit allocates nothing.
 */
const DERIVED = /* @__PURE__ */ new WeakMap<Decimal, Map<number, Decimal>>();

/** The memo of shared value `long` (a handful of entries: cleared past 32). */
function memoOf(long: Decimal): Map<number, Decimal> {
  let m = DERIVED.get(long);
  if (m === undefined) DERIVED.set(long, (m = new Map()));
  else if (m.size >= 32) m.clear();
  return m;
}

/** Key of the small value m × 10^-s (a product's small operand, a quotient's operands): unique while |m| < 2^45 and 0 ≤ s < 128; NaN otherwise (not remembered). */
const valueKey = (m: number, s: number) => (m > -35184372088832 && m < 35184372088832 && s >= 0 && s < 128 && !Object.is(m, -0) ? m * 128 + s : NaN);
/** Key of a rounding to `dp` places in mode `rm` (0–8): negative, apart from the products'. */
const roundingKey = (dp: number, rm: number) => -1 - (dp * 16 + rm);

function notFinite(what: string): RangeError {
  return new RangeError(`${what}: not a finite decimal the money core can hold`);
}

/**
 * An immutable exact decimal. Its methods behave exactly as decimal.js's (precision 40,
 * ROUND_HALF_UP, toExpNeg -30, toExpPos 40), signed zero included, for finite values.
 */
export class Decimal {
  /** Coefficient while it fits (|m| ≤ 2^50, sign included, -0 for negative zero); NaN otherwise. */
  private m: number;
  /** Coefficient when it does not fit `m` (never zero); undefined otherwise. */
  private b: bigint | undefined;
  /** Scale: the value is coefficient × 10^-s. */
  private s: number;
  /** Number of digits of `b`, once known (0 until then). */
  private n: number;

  /** From decimal text ("12.50", "-0.5", "1e-7", ".5"), a JS number (its shortest text) or another Decimal. @throws RangeError for anything else (NaN, ±Infinity, "abc"). */
  constructor(v: Decimal.Value) {
    this.m = NaN;
    this.b = undefined;
    this.s = 0;
    this.n = 0;
    if (v === (RAW as unknown)) return;
    if (typeof v === "number") {
      if (Number.isInteger(v) && Math.abs(v) <= LIMIT) this.m = v;
      else if (!Number.isFinite(v) || !this.setText(String(v))) throw notFinite(String(v));
    } else if (typeof v === "string") {
      if (!this.setShort(v) && !this.setText(v)) throw notFinite(JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v));
    } else if (v instanceof Decimal) {
      this.m = v.m;
      this.b = v.b;
      this.s = v.s;
      this.n = v.n;
    } else {
      throw notFinite(typeof v);
    }
  }

  /** "12.50", "-0.0865", "1000": at most 15 significant digits, no exponent; false for anything else (left to setText). */
  private setShort(v: string): boolean {
    const len = v.length;
    let i = v.charCodeAt(0) === 45 ? 1 : 0; // "-"
    const start = i;
    let m = 0;
    let significant = 0;
    let dot = -1;
    for (; i < len; i++) {
      const c = v.charCodeAt(i) - 48;
      if (c >= 0 && c <= 9) {
        if (m === 0 && c === 0) continue; // leading zero
        if (++significant > 15) return false;
        m = m * 10 + c;
      } else if (c === -2 && dot < 0) dot = i; // "."
      else return false;
    }
    if (dot === start || dot === len - 1 || len === start) return false; // "", ".5", "5."
    this.m = start ? -m : m;
    this.s = dot < 0 ? 0 : len - dot - 1;
    return true;
  }

  /** Any decimal text decimal.js reads as a finite decimal number (sign, ".5", "5.", exponent); false otherwise. */
  private setText(v: string): boolean {
    const c0 = v.charCodeAt(0);
    const negative = c0 === 45; // "-"
    const p = DECIMAL.exec(negative || c0 === 43 ? v.slice(1) : v);
    if (!p) return false;
    const whole = p[1]!;
    const frac = p[2] ?? "";
    if (whole.length === 0 && frac.length === 0) return false; // ".", "", "e5"
    const s = frac.length - (p[3] ? Number(p[3]) : 0);
    if (s > MAX_SCALE || s < -MAX_SCALE) return false;
    let digits = whole + frac;
    let i = 0;
    while (i < digits.length - 1 && digits.charCodeAt(i) === 48) i++;
    if (i) digits = digits.slice(i);
    if (digits.length <= 15) {
      const m = Number(digits);
      this.m = negative ? -m : m;
      this.s = m === 0 ? 0 : s;
    } else {
      const b = BigInt(digits);
      this.s = s;
      if (b <= LIMIT_N) this.m = negative ? -Number(b) : Number(b);
      else this.b = negative ? -b : b;
    }
    return true;
  }

  private static num(m: number, s: number): Decimal {
    const d = new Decimal(RAW as unknown as number);
    d.m = m;
    d.s = s;
    return d;
  }

  /** From a BigInt coefficient; `negative` gives the sign of a zero; `digits`: its number of digits when known. */
  private static of(c: bigint, s: number, negative: boolean, digits = 0): Decimal {
    if (c === 0n) return Decimal.num(negative ? -0 : 0, 0);
    if (c <= LIMIT_N && c >= -LIMIT_N) return Decimal.num(Number(c), s);
    const d = new Decimal(RAW as unknown as number);
    d.b = c;
    d.s = s;
    d.n = digits;
    return d;
  }

  /**
   * Round coefficient `c` at scale `s` to `sd` significant digits (decimal.js's finalise);
   * `digits` is a guess of its length; `sticky`: something non-zero was already cut off below.
   */
  private static rounded(c: bigint, s: number, sd: number, rm: number, sticky: boolean, digits: number): Decimal {
    const negative = c < 0n;
    if (c === 0n) return Decimal.of(c, s, negative);
    const d = digitsOfBig(negative ? -c : c, digits);
    if (d <= sd) return Decimal.of(c, s, negative, d);
    return Decimal.cut(c, s, d - sd, rm, sticky, d);
  }

  /** Drop the last `drop` (> 0) digits of coefficient `c` (of `digits` digits, when known) with rounding mode `rm`. */
  private static cut(c: bigint, s: number, drop: number, rm: number, sticky: boolean, digits = 0): Decimal {
    const negative = c < 0n;
    const q = roundedQuotientBig(c, pow10n(drop), rm, sticky);
    let dq = digits ? digits - drop : 0;
    if (dq > 0 && (negative ? -q : q) === pow10n(dq)) dq++; // rounded up to the next power of ten
    return Decimal.of(q, s - drop, negative, dq > 0 ? dq : 0);
  }

  /** The coefficient as a BigInt. */
  private coef(): bigint {
    return this.b ?? BigInt(this.m);
  }

  /** Digits of the coefficient (non-zero values). */
  private digits(): number {
    if (this.b === undefined) return numberDigits(Math.abs(this.m));
    if (this.n === 0) {
      const a = this.b < 0n ? -this.b : this.b;
      this.n = digitsOfBig(a, roughDigitsOfBig(a));
    }
    return this.n;
  }

  /** This value's coefficient at scale `s` (≥ this.s) in a number, or NaN when it does not fit. */
  private at(s: number): number {
    if (s === this.s) return this.m;
    const v = this.m * pow10(s - this.s);
    return Math.abs(v) <= LIMIT ? v : NaN;
  }

  private static sum(x: Decimal, y: Decimal, sign: 1 | -1): Decimal {
    if (x.m === x.m && y.m === y.m) {
      const s = x.s > y.s ? x.s : y.s;
      const m = sign === 1 ? x.at(s) + y.at(s) : x.at(s) - y.at(s);
      if (Math.abs(m) <= LIMIT) return Decimal.num(m, s);
    }
    // Zeros at scales too far apart to align in a number: the sign of the result is IEEE's, as decimal.js's.
    if (x.m === 0 && y.m === 0) return Decimal.num(sign === 1 ? x.m + y.m : x.m - y.m, 0);
    // 0 ± y is ±y, and y + 0 is y, rounded to 40 digits — which a long value made here already is.
    if (x.isZero() && y.b !== undefined && y.digits() <= PRECISION) return sign === 1 ? y : y.neg();
    if (y.isZero() && x.b !== undefined && x.digits() <= PRECISION) return x;
    const s = x.s > y.s ? x.s : y.s;
    const a = x.coef() * pow10n(s - x.s);
    const b = y.coef() * pow10n(s - y.s);
    const c = sign === 1 ? a + b : a - b;
    // A zero result of non-zero operands is +0, as in decimal.js (rounding is never to -Infinity here).
    if (c === 0n) return Decimal.num(0, 0);
    // The sum's length is the longer aligned operand's, or one more (less where they cancel): a guess that
    // costs nothing, where measuring the BigInt's text took much of the time of a sum.
    const dx = x.isZero() ? 0 : x.digits() + s - x.s;
    const dy = y.isZero() ? 0 : y.digits() + s - y.s;
    return Decimal.rounded(c, s, PRECISION, ROUND_HALF_UP, false, dx > dy ? dx : dy);
  }

  plus(y: Decimal.Value): Decimal {
    return Decimal.sum(this, y instanceof Decimal ? y : new Decimal(y), 1);
  }

  minus(y: Decimal.Value): Decimal {
    return Decimal.sum(this, y instanceof Decimal ? y : new Decimal(y), -1);
  }

  times(y: Decimal.Value): Decimal {
    const b = y instanceof Decimal ? y : new Decimal(y);
    const m = this.m * b.m;
    if (Math.abs(m) <= LIMIT) return Decimal.num(m, this.s + b.s);
    if (this.isZero() || b.isZero()) return Decimal.num(this.isNeg() !== b.isNeg() ? -0 : 0, 0);
    const long = this.b !== undefined && b.b === undefined ? this : b.b !== undefined && this.b === undefined ? b : undefined;
    if (long !== undefined && SHARED.has(long)) {
      const small = long === this ? b : this;
      const key = valueKey(small.m, small.s);
      if (key === key) {
        const memo = memoOf(long);
        let d = memo.get(key);
        if (d === undefined) {
          memo.set(key, (d = Decimal.product(this, b)));
          SHARED.add(d);
        }
        return d;
      }
    }
    return Decimal.product(this, b);
  }

  private static product(x: Decimal, y: Decimal): Decimal {
    return Decimal.rounded(x.coef() * y.coef(), x.s + y.s, PRECISION, ROUND_HALF_UP, false, x.digits() + y.digits());
  }

  /** @throws RangeError when `y` is zero (decimal.js: ±Infinity or NaN). */
  div(y: Decimal.Value): Decimal {
    const b = y instanceof Decimal ? y : new Decimal(y);
    if (b.isZero()) throw notFinite(`${this.toString()} / 0`);
    if (this.isZero()) return Decimal.num(this.isNeg() !== b.isNeg() ? -0 : 0, 0);
    const x = this.m;
    const d = b.m;
    if (x === x && d === d) {
      // Exact when the divisor, reduced, has no prime factors but 2 and 5: x/d = (x/g)·t / 10^k with t = 10^k/(d/g).
      const g = gcd(Math.abs(x), Math.abs(d));
      let r = Math.abs(d) / g;
      let twos = 0;
      let fives = 0;
      while (r % 2 === 0) (r /= 2), twos++;
      while (r % 5 === 0) (r /= 5), fives++;
      if (r === 1) {
        const k = twos > fives ? twos : fives;
        const m = (x / g) * (pow10(k) / (Math.abs(d) / g)) * (d < 0 ? -1 : 1);
        if (Math.abs(m) <= LIMIT && Number.isInteger(m)) return Decimal.num(m, this.s - b.s + k);
      }
      // Numeric keys (dividend, then divisor): a string key cost more to build and hash than most quotes' arithmetic.
      const outer = valueKey(x, this.s);
      const inner = valueKey(d, b.s);
      if (outer !== outer || inner !== inner) return Decimal.longDivision(this, b);
      let byDivisor = QUOTIENTS.get(outer);
      if (byDivisor === undefined) {
        if (QUOTIENTS.size >= 256) QUOTIENTS.clear();
        QUOTIENTS.set(outer, (byDivisor = new Map()));
      } else if (byDivisor.size >= 32 && !byDivisor.has(inner)) byDivisor.clear();
      let q = byDivisor.get(inner);
      if (q === undefined) {
        byDivisor.set(inner, (q = Decimal.longDivision(this, b)));
        SHARED.add(q);
      }
      return q;
    }
    return Decimal.longDivision(this, b);
  }

  /** x / y (non-zero) to 40 significant digits: at least 41 digits of quotient, then rounded with the remainder as sticky digit. */
  private static longDivision(x: Decimal, y: Decimal): Decimal {
    const A = x.coef();
    const B = y.coef();
    const negative = A < 0n !== B < 0n;
    const a = A < 0n ? -A : A;
    const b = B < 0n ? -B : B;
    const da = x.digits();
    const db = y.digits();
    const k = Math.max(0, PRECISION + 1 - da + db);
    const n = a * pow10n(k);
    const q = n / b;
    const sticky = n - q * b !== 0n;
    return Decimal.rounded(negative ? -q : q, x.s - y.s + k, PRECISION, ROUND_HALF_UP, sticky, da + k - db + 1);
  }

  /** 1, -1 or 0, as decimal.js's comparedTo. */
  comparedTo(y: Decimal.Value): number {
    const b = y instanceof Decimal ? y : new Decimal(y);
    if (this.m === this.m && b.m === b.m) {
      const s = this.s > b.s ? this.s : b.s;
      const u = this.at(s);
      const v = b.at(s);
      if (u === u && v === v) return u > v ? 1 : u < v ? -1 : 0;
      // Scales too far apart to align in a number: signs, then orders of magnitude, usually decide.
      const x = this.m;
      const y = b.m;
      if (x === 0 || y === 0 || x < 0 !== y < 0) return x > y ? 1 : x < y ? -1 : 0;
      const ex = numberDigits(Math.abs(x)) - this.s;
      const ey = numberDigits(Math.abs(y)) - b.s;
      if (ex !== ey) return ex > ey === x > 0 ? 1 : -1;
    }
    const s = this.s > b.s ? this.s : b.s;
    const u = this.coef() * pow10n(s - this.s);
    const v = b.coef() * pow10n(s - b.s);
    return u > v ? 1 : u < v ? -1 : 0;
  }

  eq(y: Decimal.Value): boolean {
    return this.comparedTo(y) === 0;
  }

  gt(y: Decimal.Value): boolean {
    return this.comparedTo(y) > 0;
  }

  gte(y: Decimal.Value): boolean {
    return this.comparedTo(y) >= 0;
  }

  lt(y: Decimal.Value): boolean {
    return this.comparedTo(y) < 0;
  }

  lte(y: Decimal.Value): boolean {
    return this.comparedTo(y) <= 0;
  }

  isZero(): boolean {
    return this.m === 0;
  }

  /** true for negative values and negative zero, as decimal.js. */
  isNeg(): boolean {
    if (this.m === this.m) return this.m < 0 || Object.is(this.m, -0);
    return this.b! < 0n;
  }

  abs(): Decimal {
    if (this.m === this.m) return Decimal.num(Math.abs(this.m), this.s);
    return Decimal.of(this.b! < 0n ? -this.b! : this.b!, this.s, false, this.n);
  }

  neg(): Decimal {
    if (this.m === this.m) return Decimal.num(-this.m, this.s);
    return Decimal.of(-this.b!, this.s, this.b! > 0n, this.n);
  }

  /** Rounded to `dp` decimal places with decimal.js rounding mode `rm` (default half-up). */
  toDecimalPlaces(dp?: number, rm?: number): Decimal {
    if (dp === undefined || this.s <= dp) return this;
    const mode = rm ?? ROUND_HALF_UP;
    if (this.b !== undefined) {
      if (!SHARED.has(this)) return Decimal.cut(this.b, this.s, this.s - dp, mode, false, this.digits());
      const memo = memoOf(this);
      const key = roundingKey(dp, mode);
      let d = memo.get(key);
      if (d === undefined) {
        memo.set(key, (d = Decimal.cut(this.b, this.s, this.s - dp, mode, false, this.digits())));
        SHARED.add(d);
      }
      return d;
    }
    return Decimal.num(roundedQuotient(this.m, pow10(this.s - dp), mode), dp);
  }

  /** Fixed-point text with `dp` decimals (half-up unless `rm`), as decimal.js's toFixed. */
  toFixed(dp: number, rm?: number): string {
    const r = this.toDecimalPlaces(dp, rm);
    const digits = r.m === r.m ? String(Math.abs(r.m)) : String(r.b! < 0n ? -r.b! : r.b!);
    const s = r.m === 0 ? 0 : r.s;
    const out = s < 0 ? digits + "0".repeat(-s) : pointText(digits, s);
    const pad = dp - (s > 0 ? s : 0);
    const text = pad > 0 ? out + (s > 0 ? "" : ".") + "0".repeat(pad) : out;
    return this.isNeg() && !this.isZero() ? `-${text}` : text;
  }

  /** Shortest text, exponential beyond 1e-30 and 1e40, as decimal.js's toString. */
  toString(): string {
    return this.isNeg() && !this.isZero() ? `-${this.plain()}` : this.plain();
  }

  /** As toString, but negative zero keeps its sign (decimal.js's valueOf). */
  valueOf(): string {
    return this.isNeg() ? `-${this.plain()}` : this.plain();
  }

  toJSON(): string {
    return this.valueOf();
  }

  /** |value| in decimal.js's notation. */
  private plain(): string {
    if (this.m === 0) return "0";
    let digits = this.m === this.m ? String(Math.abs(this.m)) : String(this.b! < 0n ? -this.b! : this.b!);
    let s = this.s;
    let end = digits.length;
    while (digits.charCodeAt(end - 1) === 48) end--, s--;
    if (end < digits.length) digits = digits.slice(0, end);
    const len = digits.length;
    const e = len - 1 - s; // exponent of the leading digit
    if (e <= EXP_NEG || e >= EXP_POS) return `${digits[0]}${len > 1 ? `.${digits.slice(1)}` : ""}e${e < 0 ? "" : "+"}${e}`;
    if (e < 0) return `0.${"0".repeat(-e - 1)}${digits}`;
    if (e >= len - 1) return digits + "0".repeat(e + 1 - len);
    return `${digits.slice(0, e + 1)}.${digits.slice(e + 1)}`;
  }

  /**
   * a × b ÷ d (a, b ≥ 0, d > 0) in units of 10^-dp as an exact ratio [numerator, denominator]
   * of integers up to 2^50; undefined when it does not fit. Rounded by `roundedQuotient`, it is
   * what `a.times(b).div(d).toDecimalPlaces(dp, rm)` gives, in one integer division instead of a
   * 40-digit quotient: the tax on a share of delivery (charge × weight × rate ÷ Σ weights), a
   * tax-inclusive price's tax, an amount converted at an inverted rate. The two agree: the
   * quotient in minor units is below 2^50 and its divisor at most 2^50, so a quotient that is
   * not a tie lies at least 2^-51 of a unit from one, while rounding it to 40 digits first moves
   * it by less than 10^-24.
   */
  static ratio(a: Decimal, b: Decimal, d: Decimal, dp: number): [number, number] | undefined {
    const x = a.m * b.m;
    const y = d.m;
    if (!(x >= 0 && x <= LIMIT && y > 0 && y <= LIMIT) || Object.is(x, -0)) return undefined;
    const k = dp - a.s - b.s + d.s; // x × 10^k ÷ y
    const num = k >= 0 ? x * pow10(k) : x;
    const den = k >= 0 ? y : y * pow10(-k);
    return num <= LIMIT && den <= LIMIT ? [num, den] : undefined;
  }

  /** The coefficient at scale `dp` when this value is a non-negative exact multiple of 10^-dp in the number range, else undefined. */
  static units(d: Decimal, dp: number): number | undefined {
    if (d.m !== d.m || d.m < 0 || Object.is(d.m, -0) || d.s > dp) return undefined;
    const v = d.at(dp);
    return v === v ? v : undefined;
  }

  /** A value from an integer coefficient (|m| ≤ 2^50) and a scale: `fromUnits(1250, 2)` is 12.50. */
  static fromUnits(m: number, s: number): Decimal {
    return Decimal.num(m, s);
  }

  /** `d.toFixed(dp)` for a non-negative value with at most `dp` decimals in the number range (the usual money amount), else undefined. */
  static fixedText(d: Decimal, dp: number): string | undefined {
    const m = d.m;
    const s = d.s;
    if (!(m >= 0) || s < 0 || s > dp || Object.is(m, -0)) return undefined;
    if (s === 0 && dp < DOT_ZEROS.length) return m === 0 ? ZERO_TEXT[dp]! : String(m) + DOT_ZEROS[dp]!;
    if (s === 2 && dp === 2) {
      const whole = Math.floor(m / 100); // exact: m ≤ 2^50
      cents ??= Array.from({ length: 100 }, (_, c) => `.${String(c).padStart(2, "0")}`);
      return String(whole) + cents[m - whole * 100]!;
    }
    const text = pointText(String(m), s);
    return s === dp ? text : text + (s === 0 ? "." : "") + "0".repeat(dp - s);
  }
}

export declare namespace Decimal {
  type Value = string | number | Decimal;
}

export const ZERO = /* @__PURE__ */ Decimal.fromUnits(0, 0);
export const ONE = /* @__PURE__ */ Decimal.fromUnits(1, 0);

/** `a × b ÷ d` rounded to `dp` places in mode `rm` (decimal.js's numbers), in integers where Decimal.ratio can: undefined otherwise. */
export function mulDivRound(a: Decimal, b: Decimal, d: Decimal, dp: number, rm: number): Decimal | undefined {
  const r = Decimal.ratio(a, b, d, dp);
  return r && Decimal.fromUnits(roundedQuotient(r[0], r[1], rm), dp);
}

/** Round to `dp` places with the named mode. */
export function roundTo(d: Decimal, dp: number, mode: RoundingMode = "half-up"): Decimal {
  return d.toDecimalPlaces(dp, ROUNDING[mode]);
}

/** Fixed-point text with exactly `dp` places: the only way money leaves the SDK. */
export function money(d: Decimal, dp: number): string {
  const fast = Decimal.fixedText(d, dp);
  if (fast !== undefined) return fast;
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
  const fast = allocateUnits(total, weights, dp);
  if (fast) return fast;
  const sum = weights.reduce((a, w) => a.plus(w), ZERO);
  const exact = sum.isZero() ? weights.map(() => total.div(n)) : weights.map((w) => total.times(w).div(sum));
  return distribute(total, exact, dp);
}

/** Round `exact` parts down to `dp` places and hand the rest of `total` out by largest remainder. */
export function distribute(total: Decimal, exact: readonly Decimal[], dp: number): Decimal[] {
  const fast = distributeUnits(total, exact, dp);
  if (fast) return fast;
  const parts = exact.map((e) => e.toDecimalPlaces(dp, ROUND_FLOOR));
  let left = total.minus(parts.reduce((a, p) => a.plus(p), ZERO));
  if (!left.gt(0)) return parts;
  const unit = Decimal.fromUnits(1, dp);
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

/**
 * `allocate` in integer units of 10^-dp, for a total and weights in the fast range; undefined otherwise.
 *
 * Gives what the decimal path gives. There, each share is total·w/sum rounded to 40
 * significant digits, then floored; here it is the exact quotient q (units) with
 * remainder r (of sum). With every product and the sum below 2^50, a share that is
 * not a whole number of units is at least 1/sum ≥ 2^-50 from one, while rounding to
 * 40 digits moves it by less than 10^-23: the floors agree, and so does the order of
 * two different remainders. Two equal non-zero remainders on shares with integer parts
 * of different lengths are rounded at different digits by the decimal path, which can
 * break their tie either way: that case goes the decimal way.
 */
function allocateUnits(total: Decimal, weights: readonly Decimal[], dp: number): Decimal[] | undefined {
  const T = Decimal.units(total, dp);
  if (T === undefined) return undefined;
  // The smallest scale (≤ 20) at which every weight is a whole number of units.
  let scale = 0;
  for (const w of weights) {
    while (scale <= 20 && Decimal.units(w, scale) === undefined) scale++;
    if (scale > 20) return undefined;
  }
  const n = weights.length;
  const W = new Array<number>(n);
  let S = 0;
  for (let i = 0; i < n; i++) {
    const v = Decimal.units(weights[i]!, scale);
    if (v === undefined) return undefined;
    W[i] = v;
    S += v;
  }
  if (S === 0 || S > 2 ** 50) return undefined;
  const q = new Array<number>(n);
  const r = new Array<number>(n);
  let left = T;
  for (let i = 0; i < n; i++) {
    const P = T * W[i]!;
    if (P > 2 ** 50) return undefined;
    let qi = Math.floor(P / S);
    let ri = P - qi * S;
    if (ri < 0) (qi -= 1), (ri += S);
    else if (ri >= S) (qi += 1), (ri -= S);
    q[i] = qi;
    r[i] = ri;
    left -= qi;
  }
  return largestRemainder(q, r, left, dp, true);
}

/**
 * Floors `q` (units of 10^-dp) with the `left` units still to hand out, one each by largest
 * remainder `r` (all on one scale), earlier first on ties, as Decimals. `quotientTies`: the
 * remainders stand for 40-digit quotients, which break a tie between equal non-zero
 * remainders behind integer parts of different lengths either way (allocateUnits): undefined
 * then, for the decimal path to decide.
 */
export function largestRemainder(q: number[], r: readonly number[], left: number, dp: number, quotientTies: boolean): Decimal[] | undefined {
  const n = q.length;
  if (left > 0 && n > 0) {
    const order = byRemainder(r);
    if (quotientTies) {
      for (let k = 1; k < n; k++) {
        const a = order[k - 1]!;
        const b = order[k]!;
        if (r[a] === r[b] && r[a] !== 0 && digitsOf(q[a]!) !== digitsOf(q[b]!)) return undefined;
      }
    }
    for (let k = 0; left > 0; k = (k + 1) % n) {
      q[order[k]!]! += 1;
      left -= 1;
    }
  }
  return q.map((u) => Decimal.fromUnits(u, dp));
}

/**
 * Indices of `r` by remainder, largest first, earlier first on ties. Orders are usually
 * a handful of lines, where an insertion sort costs far less than Array#sort with a comparator.
 */
function byRemainder(r: readonly number[]): number[] {
  const n = r.length;
  const order = new Array<number>(n);
  if (n > 16) {
    for (let i = 0; i < n; i++) order[i] = i;
    return order.sort((a, b) => r[b]! - r[a]! || a - b);
  }
  for (let i = 0; i < n; i++) {
    let j = i;
    for (; j > 0 && r[order[j - 1]!]! < r[i]!; j--) order[j] = order[j - 1]!;
    order[j] = i;
  }
  return order;
}

/** Where a share's 40 significant digits start: the length of its integer part (0 when it is below one unit). */
function digitsOf(units: number): number {
  return units === 0 ? 0 : String(units).length;
}

/**
 * `distribute` in integers, for a total and parts in the number range and not negative;
 * undefined otherwise. Such values are exact, so floors, remainders and their order are
 * those of the decimal path, without its objects and comparisons.
 */
function distributeUnits(total: Decimal, exact: readonly Decimal[], dp: number): Decimal[] | undefined {
  const T = Decimal.units(total, dp);
  if (T === undefined) return undefined;
  let scale = dp;
  for (const e of exact) {
    while (scale <= dp + 16 && Decimal.units(e, scale) === undefined) scale++;
    if (scale > dp + 16) return undefined;
  }
  const n = exact.length;
  const p = 10 ** (scale - dp);
  const q = new Array<number>(n);
  const r = new Array<number>(n);
  let left = T;
  for (let i = 0; i < n; i++) {
    const E = Decimal.units(exact[i]!, scale);
    if (E === undefined) return undefined;
    let qi = Math.floor(E / p);
    let ri = E - qi * p;
    if (ri < 0) (qi -= 1), (ri += p);
    else if (ri >= p) (qi += 1), (ri -= p);
    q[i] = qi;
    r[i] = ri;
    left -= qi;
  }
  return largestRemainder(q, r, left, dp, false)!;
}

