/**
 * src/decimal.ts, the money core, must give what decimal.js gives (precision 40,
 * ROUND_HALF_UP, toExpNeg -30, toExpPos 40): same text, same sign of zero, same
 * comparisons, for every operation, on values from both of its representations (a
 * JS-number coefficient and a BigInt one) and on the results of chains of operations.
 * Where decimal.js answers NaN or ±Infinity (a division by zero, "NaN" as text), the
 * core refuses with a RangeError instead: it holds finite values only. DECIMAL_RUNS sets the number
 * of cases per property (default 2,000; `DECIMAL_RUNS=200000 npx vitest run test/decimal.test.ts`
 * for a long run).
 */
import { fc, test } from "@fast-check/vitest";
import DecimalJs from "decimal.js";
import { describe, expect, it } from "vitest";
import { Decimal, ROUNDING, allocate, distribute, money, mulDivRound, parseUnits, roundFraction, roundedQuotient, textUnits, unitsText } from "../src/decimal.js";

const Ref = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
type Ref = InstanceType<typeof Ref>;
const RUNS = Number(process.env.DECIMAL_RUNS ?? 2000);
const opts = { numRuns: RUNS };
const TIMEOUT = 20_000 + RUNS;

/** Decimal text with `digits` as coefficient and `scale` decimals, e.g. ("1250", 2) → "12.50". */
function text(negative: boolean, digits: string, scale: number): string {
  let s: string;
  if (scale <= 0) s = digits + "0".repeat(-scale);
  else {
    const padded = digits.padStart(scale + 1, "0");
    s = `${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
  }
  return negative ? `-${s}` : s;
}

const digitsArb = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), minLength: min, maxLength: max });

/** Inputs as the SDK and its callers write them, and the edges of both representations. */
const valueArb: fc.Arbitrary<string | number> = fc.oneof(
  // money and rates
  fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 4 })).map(([n, v, s]) => text(n, String(v), s)),
  fc.tuple(fc.constant(false), digitsArb(1, 6), fc.integer({ min: 1, max: 8 })).map(([n, d, s]) => text(n, d, s)),
  // long coefficients around 2^50 and up to 60 digits, at any scale
  fc.tuple(fc.boolean(), digitsArb(14, 18), fc.integer({ min: -5, max: 25 })).map(([n, d, s]) => text(n, d, s)),
  fc.tuple(fc.boolean(), digitsArb(19, 60), fc.integer({ min: -10, max: 70 })).map(([n, d, s]) => text(n, d, s)),
  // near the exponential-notation limits
  fc.tuple(fc.boolean(), digitsArb(1, 20), fc.integer({ min: 25, max: 60 })).map(([n, d, s]) => text(n, d, s)),
  fc.tuple(fc.boolean(), digitsArb(1, 5), fc.integer({ min: -45, max: -30 })).map(([n, d, s]) => text(n, d, s)),
  fc.tuple(fc.boolean(), digitsArb(1, 20), fc.integer({ min: -400, max: 400 })).map(([n, d, e]) => `${n ? "-" : ""}${d || "0"}e${e}`),
  // zeros, powers of two and ten, JS numbers (integers, -0, fractions), unusual text
  fc.constantFrom("0", "-0", "0.00", "-0.000", "1", "-1", "0.5", "2", "10", "100", "0.01", "1125899906842624", "1125899906842625", "-1125899906842625", "9007199254740993"),
  fc.integer({ min: -(2 ** 53), max: 2 ** 53 }),
  fc.constantFrom(0, -0, 0.1, 1.5, -2.25, 1e-7, 123456.789, 2 ** 60),
  fc.constantFrom(".5", "+1.25", "1E3", "5.", "-.75", "Infinity", "-Infinity", "NaN"),
);

type Op = (a: Decimal | Ref, b: Decimal | Ref) => Decimal | Ref;
const BINARY: Record<string, Op> = {
  plus: (a, b) => (a as Ref).plus(b as Ref),
  minus: (a, b) => (a as Ref).minus(b as Ref),
  times: (a, b) => (a as Ref).times(b as Ref),
  div: (a, b) => (a as Ref).div(b as Ref),
};

function same(mine: Decimal, ref: Ref, what: string) {
  expect(mine.valueOf(), `${what}: valueOf`).toBe(ref.valueOf());
  expect(mine.toString(), `${what}: toString`).toBe(ref.toString());
}

/** `mine()` agrees with decimal.js's `ref()`, or throws a RangeError where decimal.js's result is not finite. */
function agrees(mine: () => Decimal, ref: () => Ref, what: string) {
  const r = ref();
  if (r.isFinite()) same(mine(), r, what);
  else expect(mine, `${what}: decimal.js gives ${r.toString()}`).toThrow(RangeError);
}

/** Values decimal.js holds as finite numbers: the core's domain. */
const finiteArb = valueArb.filter((v) => new Ref(v).isFinite());

describe("Decimal agrees with decimal.js", () => {
  test.prop([valueArb], opts)("parses and prints the same", (v) => {
    agrees(() => new Decimal(v), () => new Ref(v), `new(${String(v)})`);
  }, TIMEOUT);

  it("refuses what is not a finite decimal number", () => {
    for (const v of ["NaN", "Infinity", "-Infinity", NaN, Infinity, "", ".", "1e", "abc", "1,5", " 1", "0x1f", "1e100000"]) expect(() => new Decimal(v), String(v)).toThrow(RangeError);
    expect(() => new Decimal(1).div(0)).toThrow(RangeError);
  });

  test.prop([finiteArb, finiteArb, fc.constantFrom(...Object.keys(BINARY))], opts)("plus, minus, times, div", (a, b, op) => {
    agrees(() => BINARY[op]!(new Decimal(a), new Decimal(b)) as Decimal, () => BINARY[op]!(new Ref(a), new Ref(b)) as Ref, `${String(a)} ${op} ${String(b)}`);
  }, TIMEOUT);

  test.prop([finiteArb, finiteArb], opts)("compares the same", (a, b) => {
    const x = new Decimal(a);
    const y = new Decimal(b);
    const r = new Ref(a);
    const s = new Ref(b);
    const what = `${String(a)} vs ${String(b)}`;
    expect(x.comparedTo(y), what).toBe(r.comparedTo(s));
    expect([x.eq(y), x.gt(y), x.gte(y), x.lt(y), x.lte(y)], what).toEqual([r.eq(s), r.gt(s), r.gte(s), r.lt(s), r.lte(s)]);
    expect([x.isZero(), x.isNeg()], what).toEqual([r.isZero(), r.isNeg()]);
  }, TIMEOUT);

  test.prop([finiteArb, fc.integer({ min: 0, max: 45 }), fc.integer({ min: 0, max: 8 })], opts)("rounds to decimal places in every mode", (a, dp, rm) => {
    const what = `${String(a)} to ${dp} dp, mode ${rm}`;
    same(new Decimal(a).toDecimalPlaces(dp, rm), new Ref(a).toDecimalPlaces(dp, rm as DecimalJs.Rounding), what);
    expect(new Decimal(a).toFixed(dp, rm), what).toBe(new Ref(a).toFixed(dp, rm as DecimalJs.Rounding));
    expect(new Decimal(a).toFixed(dp), what).toBe(new Ref(a).toFixed(dp));
  }, TIMEOUT);

  // Money-shaped operands (amounts, weights, rates, 1 + rate, exchange rates) and the edges of the integer range.
  const mulDivArb = fc.oneof(
    fc.tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 6 })).map(([v, s]) => text(false, String(v), s)),
    fc.tuple(digitsArb(1, 16), fc.integer({ min: -3, max: 20 })).map(([d, s]) => text(false, d, s)),
    fc.constantFrom("0", "1", "1.2", "1.055", "0.8650", "1125899906842624", "1125899906842625", "0.0000001"),
  );
  test.prop([mulDivArb, mulDivArb, mulDivArb.filter((v) => !new Ref(v).isZero()), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 8 })], opts)(
    "mulDivRound is times, div and toDecimalPlaces, or declines",
    (a, b, d, dp, rm) => {
      const fast = mulDivRound(new Decimal(a), new Decimal(b), new Decimal(d), dp, rm);
      const ref = new Ref(a).times(b).div(d).toDecimalPlaces(dp, rm as DecimalJs.Rounding);
      if (fast !== undefined) same(fast, ref, `${a} × ${b} ÷ ${d} to ${dp} dp, mode ${rm}`);
    },
    TIMEOUT,
  );

  it("mulDivRound works in integers on checkout values and declines what is outside them", () => {
    // A share of delivery: 9.90 × 48.00 × 0.2 ÷ 78.50 = 1.2106… → 1.21 (the benchmark's French order).
    expect(mulDivRound(new Decimal("9.90").times("48.00"), new Decimal("0.2"), new Decimal("78.50"), 2, 4)?.toString()).toBe("1.21");
    expect(mulDivRound(new Decimal("-1"), new Decimal("1"), new Decimal("3"), 2, 4)).toBeUndefined();
    expect(mulDivRound(new Decimal("1e20"), new Decimal("1"), new Decimal("3"), 2, 4)).toBeUndefined();
    expect(mulDivRound(new Decimal("1"), new Decimal("1"), new Decimal("3").div(7), 2, 4)).toBeUndefined();
  });

  test.prop([finiteArb], opts)("abs and neg", (a) => {
    same(new Decimal(a).abs(), new Ref(a).abs(), `abs(${String(a)})`);
    same(new Decimal(a).neg(), new Ref(a).neg(), `neg(${String(a)})`);
  }, TIMEOUT);

  // Chains: results (often 40-digit BigInt coefficients) fed back into further operations, as a quote does.
  const stepArb = fc.tuple(fc.constantFrom("plus", "minus", "times", "div", "round"), finiteArb, fc.integer({ min: 0, max: 8 }));
  test.prop([finiteArb, fc.array(stepArb, { minLength: 1, maxLength: 8 })], opts)("chains of operations", (start, steps) => {
    let mine = new Decimal(start);
    let ref = new Ref(start);
    let what = String(start);
    for (const [op, v, n] of steps) {
      if (op === "round") {
        mine = mine.toDecimalPlaces(n, n);
        ref = ref.toDecimalPlaces(n, n as DecimalJs.Rounding);
        what = `round(${what}, ${n}, ${n})`;
      } else {
        ref = BINARY[op]!(ref, new Ref(v)) as Ref;
        what = `(${what} ${op} ${String(v)})`;
        if (!ref.isFinite()) {
          const before = mine;
          expect(() => BINARY[op]!(before, new Decimal(v)), what).toThrow(RangeError);
          return;
        }
        mine = BINARY[op]!(mine, new Decimal(v)) as Decimal;
      }
      same(mine, ref, what);
    }
  }, TIMEOUT);
});

describe("minor units and exact fractions agree with decimal.js", () => {
  /** decimal.js with room for every exact quotient compared here (numerators and denominators up to 60 digits). */
  const Wide = DecimalJs.clone({ precision: 400, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -500, toExpPos: 500 });
  const bigArb = fc.oneof(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.bigInt({ min: -(10n ** 60n), max: 10n ** 60n }), fc.constantFrom(0n, 1n, -1n, 5n, -5n, 15n, 25n, -25n));
  const modeArb = fc.constantFrom(...(Object.keys(ROUNDING) as (keyof typeof ROUNDING)[]));

  test.prop([bigArb, fc.bigInt({ min: 1n, max: 10n ** 30n }), fc.integer({ min: 0, max: 4 }), modeArb], opts)("roundFraction is the exact quotient rounded once", (n, d, dp, mode) => {
    const ref = new Wide(n.toString()).times(new Wide(10).pow(dp)).div(d.toString()).toDecimalPlaces(0, ROUNDING[mode] as DecimalJs.Rounding);
    expect(roundFraction({ n, d }, dp, mode).toString(), `${n}/${d} to ${dp} ${mode}`).toBe(ref.abs().isZero() ? "0" : ref.toFixed(0));
  }, TIMEOUT);

  test.prop([fc.integer({ min: -(2 ** 50), max: 2 ** 50 }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 8 })], opts)("roundedQuotient by a power of ten is decimal.js's rounding to places", (a, k, rm) => {
    const ref = new Ref(a).div(new Ref(10).pow(k)).toDecimalPlaces(0, rm as DecimalJs.Rounding);
    expect(roundedQuotient(a, 10 ** k, rm), `${a} / 10^${k}, mode ${rm}`).toBe(Number(ref.valueOf())); // -0 included
  }, TIMEOUT);

  test.prop([fc.oneof(valueArb.map(String), fc.string({ maxLength: 18 })), fc.integer({ min: 0, max: 3 })], opts)("parseUnits reads plain amounts as decimal.js does, and refuses the rest", (text, dp) => {
    const units = parseUnits(text, dp);
    const plain = /^(0|[1-9]\d{0,11})(\.\d+)?$/.test(text) && (text.split(".")[1] ?? "").length <= dp;
    expect(units === -1, text).toBe(!plain);
    if (plain) expect(String(units), text).toBe(new Ref(text).times(new Ref(10).pow(dp)).toFixed(0));
  }, TIMEOUT);

  test.prop([bigArb, fc.integer({ min: 0, max: 4 })], opts)("unitsText and textUnits are decimal.js's fixed-point text and its inverse", (units, dp) => {
    const text = unitsText(units, dp);
    expect(text).toBe(new Wide(units.toString()).div(new Wide(10).pow(dp)).toFixed(dp));
    expect(textUnits(text, dp)).toBe(units);
  }, TIMEOUT);
});

describe("money and distribute", () => {
  test.prop([finiteArb, fc.integer({ min: 0, max: 4 })], opts)("money() is decimal.js's toFixed, without the sign of a zero", (a, dp) => {
    const ref = new Ref(a).toFixed(dp);
    expect(money(new Decimal(a), dp), `${String(a)} to ${dp}`).toBe(/^-[0.]+$/.test(ref) ? ref.slice(1) : ref);
  }, TIMEOUT);

  /** The decimal.js path, written out. */
  function reference(total: string, exact: string[], dp: number): string[] {
    const parts = exact.map((e) => new Ref(e).toDecimalPlaces(dp, DecimalJs.ROUND_FLOOR));
    let left = new Ref(total).minus(parts.reduce((a, p) => a.plus(p), new Ref(0)));
    const unit = new Ref(1).div(new Ref(10).pow(dp));
    const order = exact.map((e, i) => ({ i, rem: new Ref(e).minus(parts[i]!) })).sort((a, b) => b.rem.comparedTo(a.rem) || a.i - b.i);
    for (let k = 0; left.gt(0) && order.length; k = (k + 1) % order.length) {
      parts[order[k]!.i] = parts[order[k]!.i]!.plus(unit);
      left = left.minus(unit);
    }
    return parts.map((p) => p.valueOf());
  }
  const partArb = fc.oneof(
    fc.tuple(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 0, max: 8 })).map(([u, s]) => text(false, String(u), s)),
    fc.constantFrom("0", "0.005", "0.015", "1.125", "-0.5", "-0", "123456789012345678.9"),
  );
  test.prop([fc.integer({ min: 0, max: 3 }), fc.array(partArb, { maxLength: 10 }), fc.integer({ min: -3, max: 12 })], opts)(
    "distribute() hands out the same units as the decimal.js path",
    (dp, exact, extra) => {
      // A total near the sum of the parts, at dp places, as invoice rounding gives.
      const sum = exact.reduce((a, e) => a.plus(e), new Ref(0));
      const total = Ref.max(0, sum.toDecimalPlaces(dp, DecimalJs.ROUND_HALF_UP).plus(new Ref(extra).div(new Ref(10).pow(dp)))).toFixed(dp);
      const mine = distribute(new Decimal(total), exact.map((e) => new Decimal(e)), dp).map((p) => p.valueOf());
      expect(mine).toEqual(reference(total, exact, dp));
    },
    TIMEOUT,
  );
});

describe("allocate", () => {
  /** The decimal.js path, written out: shares at 40 digits, floored, leftover units by largest remainder. */
  function reference(total: string, weights: string[], dp: number): string[] {
    const t = new Ref(total);
    const w = weights.map((x) => new Ref(x));
    const sum = w.reduce((a, x) => a.plus(x), new Ref(0));
    const exact = sum.isZero() ? w.map(() => t.div(w.length)) : w.map((x) => t.times(x).div(sum));
    const parts = exact.map((e) => e.toDecimalPlaces(dp, DecimalJs.ROUND_FLOOR));
    let left = t.minus(parts.reduce((a, p) => a.plus(p), new Ref(0)));
    const unit = new Ref(1).div(new Ref(10).pow(dp));
    const order = exact.map((e, i) => ({ i, rem: e.minus(parts[i]!) })).sort((a, b) => b.rem.comparedTo(a.rem) || a.i - b.i);
    for (let k = 0; left.gt(0) && order.length; k = (k + 1) % order.length) {
      parts[order[k]!.i] = parts[order[k]!.i]!.plus(unit);
      left = left.minus(unit);
    }
    return parts.map((p) => p.valueOf());
  }

  const amountArb = (dp: number) => fc.integer({ min: 0, max: 10 ** 9 }).map((u) => text(false, String(u), dp));
  test.prop(
    [
      fc.integer({ min: 0, max: 3 }).chain((dp) =>
        fc.tuple(fc.constant(dp), amountArb(dp), fc.array(fc.oneof(amountArb(dp), amountArb(0), fc.constantFrom("0", "1", "3", "7", "1000000")), { minLength: 1, maxLength: 12 })),
      ),
    ],
    opts,
  )("splits a total exactly as the decimal.js path does", ([dp, total, weights]) => {
    const mine = allocate(new Decimal(total), weights.map((w) => new Decimal(w)), dp).map((p) => p.valueOf());
    expect(mine).toEqual(reference(total, weights, dp));
  }, TIMEOUT);

  it("breaks equal remainders of shares of different sizes the way the 40-digit shares do", () => {
    // 0.02 over 13 : 1 : 4 — shares 1.444… and 0.444… units leave the same remainder, but at 40
    // significant digits the smaller share keeps one more 4, so it gets the leftover unit.
    const cases: [string, string[], string[]][] = [
      ["0.02", ["13", "1", "4"], ["0.01", "0.00", "0.01"]],
      ["0.02", ["85", "19", "22"], ["0.01", "0.00", "0.01"]],
      ["0.05", ["1", "1", "1", "1", "1", "1", "1"], ["0.01", "0.01", "0.01", "0.01", "0.01", "0.00", "0.00"]],
    ];
    for (const [total, weights, expected] of cases) {
      const parts = allocate(new Decimal(total), weights.map((w) => new Decimal(w)), 2);
      expect(parts.map((p) => p.toFixed(2))).toEqual(expected);
      expect(parts.map((p) => p.valueOf())).toEqual(reference(total, weights, 2));
    }
  });
});
