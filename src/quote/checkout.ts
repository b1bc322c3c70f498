/**
 * Tax at checkout: line amounts, delivery and insurance apportioned by value, and
 * rounding per line or per invoice so that gross = net + tax everywhere, to the unit.
 */
import { Decimal, ONE, ROUNDING, ZERO, allocate, distribute, money, roundTo, type RoundingMode } from "../decimal.js";
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
  /**
   * Exact tax in (inclusive prices) or on (exclusive prices) the amount, unrounded: set only
   * where it is read (invoice rounding; per-line rounding needs the rounded tax alone).
   */
  exact: Decimal;
  /** Per-line rounding, inclusive prices, not taxed at checkout: the rounded tax taken out of the price. */
  inside?: Decimal;
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
  return { lineIndex, regime, amount, cat, charged, exact: ZERO, net: ZERO, tax: ZERO, gross: ZERO };
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
 * the values allow (Decimal.mulDivRound gives the same result without the 40-digit quotient).
 */
function roundedTax(p: Piece, incl: boolean, dp: number, rm: number): Decimal {
  const c = p.cat;
  if (c.rate.isZero()) return ZERO;
  const o = p.of;
  const fast = o
    ? Decimal.mulDivRound(o.total.times(o.weight), c.rate, incl ? o.sum.times(c.ratePlusOne) : o.sum, dp, rm)
    : incl
      ? Decimal.mulDivRound(p.amount, c.rate, c.ratePlusOne, dp, rm)
      : undefined;
  return fast ?? exactTax(p, incl).toDecimalPlaces(dp, rm);
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

  // Exact tax in (inclusive) or on (exclusive) each amount; the charged ones rounded per piece or over the invoice.
  const chargedExact: Decimal[] = [];
  let invoiceExact = ZERO; // Σ of the charged pieces' exact tax, each share group summed before its one division
  for (const group of groups) {
    // Per category, Σ weight of the group's charged shares: their exact tax is then divided once, exactly.
    let shareWeights: Map<CategoryTable, Decimal> | undefined;
    let of: ShareOf | undefined;
    for (const p of group) {
      if (p.of) of = p.of;
      if (level === "line" && (p.charged || incl)) {
        // Only the rounded tax is read: charged, or taken out of an untaxed inclusive price.
        const rounded = roundedTax(p, incl, dp, rm);
        if (p.charged) p.tax = rounded;
        else p.inside = rounded;
        continue;
      }
      if (!p.charged && !incl) continue;
      p.exact = exactTax(p, incl);
      if (!p.charged) continue;
      chargedExact.push(p.exact);
      if (p.of) (shareWeights ??= new Map()).set(p.cat, (shareWeights.get(p.cat) ?? ZERO).plus(p.of.weight));
      else invoiceExact = invoiceExact.plus(p.exact);
    }
    if (shareWeights && of) for (const [cat, w] of shareWeights) if (!cat.rate.isZero()) invoiceExact = invoiceExact.plus(taxOf(of.total, w, of.sum, cat, incl));
  }
  if (level === "invoice") {
    const taxes = distribute(roundTo(invoiceExact, dp, mode), chargedExact, dp);
    let k = 0;
    for (const group of groups) for (const p of group) if (p.charged) p.tax = taxes[k++]!;
  }

  let net = ZERO;
  let tax = ZERO;
  for (const group of groups) {
    for (const p of group) {
      if (incl) {
        // Tax-inclusive price: the tax inside it is charged, or removed when the line is not taxed at checkout.
        const inside = p.charged ? p.tax : (p.inside ?? roundTo(p.exact, dp, mode));
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
