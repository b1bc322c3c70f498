/**
 * Invoice rounding has two implementations in src/quote/checkout.ts: in integers
 * (invoiceTaxesInUnits, the usual checkout) and in 40-digit decimals (invoiceTaxes, for
 * values outside the integer range). The rule both implement: the exact tax of the invoice
 * (Σ of each charged piece's exact tax) rounded once in the data's mode, handed out over the
 * pieces by their floors and then one unit each by largest remainder, earlier pieces first on
 * ties. The reference below does that in exact fractions (BigInt). Whenever the integer
 * implementation answers it must give the reference's taxes, unit for unit; the decimal one
 * must too except where its 40-digit quotients land on the other side of an exact tie (4 lines
 * of 0.07 at 20 % inclusive with 0.11 delivery: exactly 6.5 cents of tax, which half-down
 * makes 6 and the decimal sum, 6.5 + 10^-39, made 7). Random orders with delivery and
 * insurance shares, several rates (zero included), exclusive and inclusive prices, both
 * rounding modes the data names, and orders of equal lines built to tie remainders.
 */
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { Decimal, ROUNDING, ZERO, type RoundingMode } from "../src/decimal.js";
import { invoiceTaxes, invoiceTaxesInUnits, type Piece } from "../src/quote/checkout.js";
import type { CategoryTable } from "../src/quote/tables.js";

const RUNS = Number(process.env.DECIMAL_RUNS ?? 2000);
const TIMEOUT = 20_000 + RUNS;

const category = (rate: string) => ({ rate: new Decimal(rate), ratePlusOne: new Decimal(rate).plus(1) }) as unknown as CategoryTable;
const CATS = ["0", "0.1", "0.15", "0.2", "0.055", "0.09", "0.25", "0.077", "0.21"].map(category);

const piece = (lineIndex: number, amount: Decimal, cat: CategoryTable, charged: boolean): Piece => ({ lineIndex, regime: charged ? "vendor-collection" : "border-collection", amount, cat, charged, net: ZERO, tax: ZERO, gross: ZERO });

const lineArb = fc.record({
  cents: fc.oneof(fc.integer({ min: 1, max: 500_000 }), fc.constantFrom(1, 99, 1000, 3333, 145_000)),
  cat: fc.integer({ min: 0, max: CATS.length - 1 }),
  charged: fc.oneof(fc.constant(true), fc.boolean()),
});

/** An order: lines, and delivery and insurance shared over them by value (each share's exact weight kept, as share() does). */
const orderArb: fc.Arbitrary<Order> = fc.record({
  lines: fc.oneof(fc.array(lineArb, { minLength: 1, maxLength: 12 }), lineArb.chain((l) => fc.integer({ min: 2, max: 6 }).map((k) => Array.from({ length: k }, () => l)))),
  shipping: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10_000 })),
  insurance: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2_000 })),
  incl: fc.boolean(),
  mode: fc.constantFrom<RoundingMode>("half-up", "half-down"),
});

/** A Decimal as an exact fraction [numerator, denominator]. */
function frac(d: Decimal): [bigint, bigint] {
  const t = d.toFixed(12); // every value here has at most 12 decimals
  const [w, f = ""] = t.split(".");
  return [BigInt(w! + f), 10n ** BigInt(f.length)];
}

/** The rule in exact fractions: the reference. */
function reference(groups: Piece[][], incl: boolean, mode: RoundingMode): string[] {
  const exact: [bigint, bigint][] = [];
  for (const p of groups.flat()) {
    if (!p.charged) continue;
    const [rn, rd] = frac((p.cat as unknown as { rate: Decimal }).rate);
    let [n, d] = p.of ? (([tn, td], [wn, wd], [sn, sd]) => [tn * wn * sd, td * wd * sn] as [bigint, bigint])(frac(p.of.total), frac(p.of.weight), frac(p.of.sum)) : frac(p.amount);
    n *= rn * 100n; // in cents
    d *= rd;
    if (incl) {
      n *= rd;
      d *= rd + rn; // ÷ (1 + rate)
    }
    exact.push([n, d]);
  }
  const floors = exact.map(([n, d]) => n / d);
  let sn = 0n;
  let sd = 1n;
  for (const [n, d] of exact) [sn, sd] = [sn * d + n * sd, sd * d];
  const whole = sn / sd;
  const twice = 2n * (sn - whole * sd);
  const total = whole + (twice > sd || (twice === sd && mode === "half-up") ? 1n : 0n);
  let left = total - floors.reduce((a, b) => a + b, 0n);
  const order = exact.map((_, i) => i).sort((a, b) => {
    const [an, ad] = exact[a]!;
    const [bn, bd] = exact[b]!;
    const ra = (an - floors[a]! * ad) * bd; // remainders over ad·bd
    const rb = (bn - floors[b]! * bd) * ad;
    return ra > rb ? -1 : ra < rb ? 1 : a - b;
  });
  for (let k = 0; left > 0n; k = (k + 1) % order.length, left--) floors[order[k]!]! += 1n;
  return floors.map((u) => Decimal.fromUnits(Number(u), 2).toString());
}

interface Order {
  lines: { cents: number; cat: number; charged: boolean }[];
  shipping: number;
  insurance: number;
  incl: boolean;
  mode: RoundingMode;
}

function build(order: Order): Piece[][] {
  const lines = order.lines.map((l, i) => piece(i, Decimal.fromUnits(l.cents, 2), CATS[l.cat]!, l.charged));
  let sum = ZERO;
  for (const p of lines) sum = sum.plus(p.amount);
  const shares = (cents: number) => {
    if (cents === 0) return [];
    const total = Decimal.fromUnits(cents, 2);
    return lines.map((l) => ({ ...piece(l.lineIndex, total.times(l.amount).div(sum).toDecimalPlaces(2), l.cat, l.charged), of: { total, weight: l.amount, sum } }));
  };
  return [lines, shares(order.shipping), shares(order.insurance)];
}

describe("invoice rounding in integers", () => {
  let answered = 0;
  let runs = 0;
  test.prop([orderArb], { numRuns: RUNS })("gives the rule's taxes, in exact fractions, whenever it answers", (order) => {
    const groups = build(order);
    const charged = groups.flat().filter((p) => p.charged);
    const fast = invoiceTaxesInUnits(charged, order.incl, 2, ROUNDING[order.mode]);
    runs++;
    if (fast === undefined) return;
    answered++;
    expect(fast.map(String)).toEqual(reference(groups, order.incl, order.mode));
  }, TIMEOUT);
  test.prop([orderArb], { numRuns: RUNS })("the decimal path is at most a unit off the rule, on a piece and on the total", (order) => {
    // Its 40-digit quotients can fall on the other side of an exact tie: of the total (below), or of two equal remainders.
    const groups = build(order);
    const want = reference(groups, order.incl, order.mode);
    const got = invoiceTaxes(groups, order.incl, 2, order.mode);
    const sum = (xs: readonly (string | Decimal)[]) => xs.reduce<Decimal>((a, x) => a.plus(x), ZERO);
    expect(sum(got).minus(sum(want)).abs().lte("0.01")).toBe(true);
    got.forEach((g, i) => expect(g.minus(want[i]!).abs().lte("0.01")).toBe(true));
  }, TIMEOUT);
  test("the decimal path misses the exact tie of 6.5 cents, the integer one does not", () => {
    const order = { lines: Array.from({ length: 4 }, () => ({ cents: 7, cat: 3, charged: true })), shipping: 11, insurance: 0, incl: true, mode: "half-down" as const };
    const groups = build(order);
    const charged = groups.flat().filter((p) => p.charged);
    const total = (xs: readonly Decimal[]) => xs.reduce((a, x) => a.plus(x), ZERO).toString();
    expect(reference(groups, true, "half-down").reduce((a, x) => a.plus(x), ZERO).toString()).toBe("0.06");
    expect(total(invoiceTaxesInUnits(charged, true, 2, ROUNDING["half-down"])!)).toBe("0.06");
    expect(total(invoiceTaxes(groups, true, 2, "half-down"))).toBe("0.07");
  });
  test("answers for ordinary orders (the test above compares something)", () => {
    expect(runs).toBeGreaterThan(0);
    expect(answered / runs).toBeGreaterThan(0.8);
  });
});
