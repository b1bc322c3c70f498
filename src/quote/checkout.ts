/**
 * Tax at checkout: line amounts, delivery and insurance apportioned by value, and
 * rounding per line or per invoice so that gross = net + tax everywhere, to the unit.
 */
import { Decimal, ZERO, allocate, distribute, money, roundTo, type RoundingMode } from "../decimal.js";
import type { CompiledRules } from "../rules.js";
import type { NormalInput, NormalLine } from "./input.js";
import type { LineDecision } from "./regime.js";
import type { CategoryTable, SegmentTables } from "./tables.js";
import type { ChargeBreakdown, LineRegime } from "./types.js";

/** One taxable amount: a line, or a line's share of delivery or insurance. */
export interface Piece {
  lineIndex: number;
  regime: LineRegime;
  /** As given: net (exclusive prices) or gross (inclusive prices). */
  amount: Decimal;
  /** The line's category in this segment: its destination rate applies. */
  cat: CategoryTable;
  /** Tax is charged on this piece at checkout. */
  charged: boolean;
  /** Exact tax in (inclusive prices) or on (exclusive prices) the amount, unrounded. */
  exact: Decimal;
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

function piece(lineIndex: number, regime: LineRegime, amount: Decimal, cat: CategoryTable, charged: boolean): Piece {
  return { lineIndex, regime, amount, cat, charged, exact: ZERO, net: ZERO, tax: ZERO, gross: ZERO };
}

/** `total` (delivery or insurance) apportioned over the lines by value; taxed with its line when the jurisdiction taxes delivery. */
function share(total: Decimal, lines: Piece[], weights: Decimal[], dp: number, deliveryTaxed: boolean): Piece[] {
  if (total.isZero()) return [];
  const parts = allocate(total, weights, dp);
  const out: Piece[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    out.push(piece(i, l.regime, parts[i]!, l.cat, l.charged && deliveryTaxed));
  }
  return out;
}

export function computeCheckout(input: NormalInput, compiled: CompiledRules, tables: SegmentTables, decisions: LineDecision[], level: "line" | "invoice", mode: RoundingMode): CheckoutResult {
  const dp = input.minorUnits;
  const incl = input.pricesIncludeTax;
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
  for (const group of groups) {
    for (const p of group) {
      const rate = p.cat.rate;
      p.exact = rate.isZero() ? ZERO : incl ? p.amount.times(rate).div(p.cat.ratePlusOne) : p.amount.times(rate);
      if (!p.charged) continue;
      if (level === "line") p.tax = roundTo(p.exact, dp, mode);
      else chargedExact.push(p.exact);
    }
  }
  if (level === "invoice") {
    const taxes = distribute(roundTo(chargedExact.reduce((a, e) => a.plus(e), ZERO), dp, mode), chargedExact, dp);
    let k = 0;
    for (const group of groups) for (const p of group) if (p.charged) p.tax = taxes[k++]!;
  }

  let net = ZERO;
  let tax = ZERO;
  for (const group of groups) {
    for (const p of group) {
      if (incl) {
        // Tax-inclusive price: the tax inside it is charged, or removed when the line is not taxed at checkout.
        const inside = p.charged ? p.tax : roundTo(p.exact, dp, mode);
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
