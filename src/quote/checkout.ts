/**
 * Tax at checkout: line amounts, delivery and insurance apportioned by value, and
 * rounding per line or per invoice so that gross = net + tax everywhere, to the unit.
 */
import { Decimal, ONE, ROUNDING, ROUND_FLOOR, ZERO, allocate, distribute, money, gcd, largestRemainder, roundTo, roundedQuotient, type RoundingMode } from "../decimal.js";
import type { CompiledRules } from "../rules.js";
import type { NormalInput, NormalLine } from "./input.js";
import type { LineDecision } from "./regime.js";
import type { CategoryTable, SegmentTables } from "./tables.js";
import type { ChargeBreakdown, LineRegime } from "./types.js";

/** One taxable amount: a line, or a line's share of delivery or insurance. */
export interface Piece {
  lineIndex: number;
  regime: LineRegime;
  /** As given: net (exclusive prices) or gross (inclusive prices); a share of delivery or insurance rounded to the minor unit. */
  amount: Decimal;
  /**
   * A taxed share of delivery or insurance: the charge, this line's weight and the sum of the weights.
   * Its tax is worked out on the exact share (charge × weight ÷ sum), not on `amount` rounded to the unit.
   */
  of?: ShareOf;
  /** The line's category in this segment: its destination rate applies. */
  cat: CategoryTable;
  /** Tax is charged on this piece at checkout. */
  charged: boolean;
  net: Decimal;
  tax: Decimal;
  gross: Decimal;
}

export interface CheckoutResult {
  lines: Piece[];
  shipping: Piece[];
  insurance: Piece[];
  totals: { net: Decimal; tax: Decimal; gross: Decimal };
}

interface ShareOf {
  total: Decimal;
  weight: Decimal;
  sum: Decimal;
}

function piece(lineIndex: number, regime: LineRegime, amount: Decimal, cat: CategoryTable, charged: boolean): Piece {
  return { lineIndex, regime, amount, cat, charged, net: ZERO, tax: ZERO, gross: ZERO };
}

/** Exact tax on (exclusive) or in (inclusive) `base` × num ÷ den, multiplied out before the one division so a terminating result comes out exact. */
function taxOf(base: Decimal, num: Decimal, den: Decimal, cat: CategoryTable, incl: boolean): Decimal {
  return incl ? base.times(num).times(cat.rate).div(den.times(cat.ratePlusOne)) : base.times(num).times(cat.rate).div(den);
}

/** Exact tax on (exclusive) or in (inclusive) a piece, unrounded. */
function exactTax(p: Piece, incl: boolean): Decimal {
  const rate = p.cat.rate;
  if (rate.isZero()) return ZERO;
  if (p.of) return taxOf(p.of.total, p.of.weight, p.of.sum, p.cat, incl);
  return incl ? p.amount.times(rate).div(p.cat.ratePlusOne) : p.amount.times(rate);
}

/**
 * A piece's tax rounded to `dp` places: `roundTo(exactTax(p))`, worked out in integers where
 * the values allow (Decimal.ratio: the same result without the 40-digit quotient).
 */
function roundedTax(p: Piece, incl: boolean, dp: number, rm: number): Decimal {
  if (p.cat.rate.isZero()) return ZERO;
  const r = p.of || incl ? taxRatio(p, incl, dp) : undefined; // an exclusive line's tax is an exact product already
  return r ? Decimal.fromUnits(roundedQuotient(r[0], r[1], rm), dp) : exactTax(p, incl).toDecimalPlaces(dp, rm);
}

/** A piece's exact tax in units of 10^-dp as an integer ratio (Decimal.ratio), or undefined. */
function taxRatio(p: Piece, incl: boolean, dp: number): [number, number] | undefined {
  const c = p.cat;
  const o = p.of;
  if (o) return Decimal.ratio(o.total.times(o.weight), c.rate, incl ? o.sum.times(c.ratePlusOne) : o.sum, dp);
  return Decimal.ratio(p.amount, c.rate, incl ? c.ratePlusOne : ONE, dp);
}

/**
 * Invoice rounding in integers, exactly as the rule reads: the invoice's exact tax (Σ of the
 * charged pieces' exact taxes, ratios of integers over a common denominator up to 2^50) rounded
 * once, handed out over the pieces by their floors and then by largest remainder, earlier
 * first on ties; undefined past that range, where invoiceTaxes decides. Over the common
 * denominator two different remainders differ by at least 2^-50 of a unit, far more than
 * invoiceTaxes' 40-digit quotients are off, so both order the pieces alike; equal remainders
 * behind integer parts of different lengths are the exception allocateUnits (../decimal.ts)
 * describes, left to invoiceTaxes so that the two paths never disagree on the order.
 * @internal exported for its test
 */
export function invoiceTaxesInUnits(charged: readonly Piece[], incl: boolean, dp: number, rm: number): Decimal[] | undefined {
  const n = charged.length;
  const num = new Array<number>(n);
  const den = new Array<number>(n);
  let lcd = 1;
  for (let i = 0; i < n; i++) {
    const r = taxRatio(charged[i]!, incl, dp);
    if (r === undefined) return undefined;
    num[i] = r[0];
    den[i] = r[1];
    lcd = (lcd / gcd(lcd, r[1])) * r[1];
    if (lcd > 2 ** 50) return undefined;
  }
  const q = new Array<number>(n);
  const rem = new Array<number>(n); // remainder over lcd
  let floors = 0;
  let fraction = 0; // Σ remainders over lcd
  for (let i = 0; i < n; i++) {
    const qi = roundedQuotient(num[i]!, den[i]!, ROUND_FLOOR);
    q[i] = qi;
    rem[i] = (num[i]! - qi * den[i]!) * (lcd / den[i]!);
    floors += qi;
    fraction += rem[i]!;
    if (fraction > 2 ** 53 - 2 ** 51) return undefined;
  }
  const whole = Math.floor(fraction / lcd);
  const total = floors + whole + roundedQuotient(fraction - whole * lcd, lcd, rm);
  return largestRemainder(q, rem, total - floors, dp, true);
}

/**
 * Invoice rounding in 40-digit decimals, for values past invoiceTaxesInUnits' range: each
 * charged piece's exact tax, the invoice's (each group's shares of one category summed before
 * their one division, so a terminating total comes out exact) rounded once, and handed out by
 * floors and largest remainders. Its quotients can fall on the other side of an exact tie of
 * the total (test/checkout-units.test.ts): within a unit of the rule, not always on it.
 * @internal exported for its test
 */
export function invoiceTaxes(groups: readonly Piece[][], incl: boolean, dp: number, mode: RoundingMode): Decimal[] {
  const chargedExact: Decimal[] = [];
  let invoiceExact = ZERO;
  for (const group of groups) {
    let shareWeights: Map<CategoryTable, Decimal> | undefined;
    let of: ShareOf | undefined;
    for (const p of group) {
      if (!p.charged) continue;
      const exact = exactTax(p, incl);
      chargedExact.push(exact);
      if (p.of) {
        of = p.of;
        (shareWeights ??= new Map()).set(p.cat, (shareWeights.get(p.cat) ?? ZERO).plus(p.of.weight));
      } else invoiceExact = invoiceExact.plus(exact);
    }
    if (shareWeights && of) for (const [cat, w] of shareWeights) if (!cat.rate.isZero()) invoiceExact = invoiceExact.plus(taxOf(of.total, w, of.sum, cat, incl));
  }
  return distribute(roundTo(invoiceExact, dp, mode), chargedExact, dp);
}

/**
 * `total` (delivery or insurance) apportioned over the lines by value; taxed with its line when the
 * jurisdiction taxes delivery. Each share is shown rounded to the minor unit, but its tax is worked
 * out on the exact share (total × weight ÷ Σ weights): rounding the share first is a rounding the law
 * does not ask for, and it moved IRD's example (shirts 80 of 1,180 with 30 delivery: GST 12.31) to 12.30.
 */
function share(total: Decimal, lines: Piece[], weights: Decimal[], dp: number, deliveryTaxed: boolean): Piece[] {
  if (total.isZero()) return [];
  const parts = allocate(total, weights, dp);
  let sum = ZERO;
  for (const w of weights) sum = sum.plus(w);
  // Every weight zero: allocate splits evenly, so each share is total × 1 ÷ n.
  const even = sum.isZero();
  const out: Piece[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const part = parts[i]!;
    const p = piece(i, l.regime, part, l.cat, l.charged && deliveryTaxed);
    // A share that came out exact (a one-line order: the whole charge) is taxed on itself, without a division.
    if (p.charged && (even || !part.times(sum).eq(total.times(weights[i]!)))) p.of = even ? { total, weight: ONE, sum: new Decimal(lines.length) } : { total, weight: weights[i]!, sum };
    out.push(p);
  }
  return out;
}

export function computeCheckout(input: NormalInput, compiled: CompiledRules, tables: SegmentTables, decisions: LineDecision[], level: "line" | "invoice", mode: RoundingMode): CheckoutResult {
  const dp = input.minorUnits;
  const incl = input.pricesIncludeTax;
  const rm = ROUNDING[mode];
  const lines: Piece[] = [];
  const weights: Decimal[] = [];
  for (let i = 0; i < input.lines.length; i++) {
    const l = input.lines[i]!;
    const regime = decisions[i]!.regime;
    lines.push(piece(i, regime, l.amount, tables.categories[l.category], regime === "vendor-collection"));
    weights.push(l.amount);
  }
  const shipping = share(input.shipping, lines, weights, dp, compiled.rules.deliveryTaxed);
  const insurance = share(input.insurance, lines, weights, dp, compiled.rules.deliveryTaxed);
  const groups = [lines, shipping, insurance];

  // The charged pieces' tax, rounded per piece or over the invoice; an untaxed inclusive price has its tax taken out.
  if (level === "invoice") {
    const charged: Piece[] = [];
    for (const group of groups) for (const p of group) if (p.charged) charged.push(p);
    const taxes = invoiceTaxesInUnits(charged, incl, dp, rm) ?? invoiceTaxes(groups, incl, dp, mode);
    for (let i = 0; i < charged.length; i++) charged[i]!.tax = taxes[i]!;
  }
  let net = ZERO;
  let tax = ZERO;
  for (const group of groups) {
    for (const p of group) {
      if (p.charged && level === "line") p.tax = roundedTax(p, incl, dp, rm);
      if (incl) {
        // Tax-inclusive price: the tax inside it is charged, or removed when the line is not taxed at checkout.
        const inside = p.charged ? p.tax : roundedTax(p, incl, dp, rm);
        p.net = p.amount.minus(inside);
        p.gross = p.charged ? p.amount : p.net;
      } else {
        p.net = p.amount;
        p.gross = p.amount.plus(p.tax);
      }
      net = net.plus(p.net);
      tax = tax.plus(p.tax);
    }
  }
  return { lines, shipping, insurance, totals: { net, tax, gross: net.plus(tax) } };
}

/** The rate a piece was charged, as the output writes it. */
export function chargedRate(p: Piece): string {
  return p.charged ? p.cat.rateText : "0";
}

/** Output form of the delivery or insurance pieces. */
export function breakdown(pieces: Piece[], lines: readonly NormalLine[], dp: number): ChargeBreakdown {
  let net = ZERO;
  let tax = ZERO;
  let rate: string | null | undefined; // the one rate of every part, or null when they differ
  const parts: ChargeBreakdown["parts"] = [];
  for (const p of pieces) {
    net = net.plus(p.net);
    tax = tax.plus(p.tax);
    const r = chargedRate(p);
    rate = rate === undefined || rate === r ? r : null;
    parts.push({ lineId: lines[p.lineIndex]!.id, regime: p.regime, net: money(p.net, dp), rate: r, tax: money(p.tax, dp), gross: money(p.gross, dp) });
  }
  return { net: money(net, dp), rate: rate ?? null, tax: money(tax, dp), gross: money(net.plus(tax), dp), parts };
}
