/**
 * Tax at checkout: line amounts, delivery and insurance apportioned by value, and
 * rounding per line or per invoice so that gross = net + tax everywhere, to the unit.
 */
import { Decimal, ZERO, allocate, distribute, money, roundTo, type RoundingMode } from "../decimal.js";
import type { CompiledRules } from "../rules.js";
import type { NormalInput } from "./input.js";
import type { LineDecision } from "./regime.js";
import type { ChargeBreakdown, LineRegime } from "./types.js";

/** One taxable amount: a line, or a line's share of delivery or insurance. */
export interface Piece {
  lineIndex: number;
  regime: LineRegime;
  /** As given: net (exclusive prices) or gross (inclusive prices). */
  amount: Decimal;
  /** Destination rate of the line's category. */
  rate: Decimal;
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

function piece(lineIndex: number, regime: LineRegime, amount: Decimal, rate: Decimal, charged: boolean): Piece {
  return { lineIndex, regime, amount, rate, charged, net: ZERO, tax: ZERO, gross: ZERO };
}

export function computeCheckout(input: NormalInput, compiled: CompiledRules, decisions: LineDecision[], level: "line" | "invoice", mode: RoundingMode): CheckoutResult {
  const dp = input.minorUnits;
  const incl = input.pricesIncludeTax;
  const delivery = compiled.rules.deliveryTaxed;
  const lines = input.lines.map((l, i) => {
    const d = decisions[i]!;
    return piece(i, d.regime, l.unitPrice.times(l.quantity), compiled.rate[l.category], d.regime === "vendor-collection");
  });
  const weights = lines.map((p) => p.amount);
  const share = (total: Decimal) =>
    total.isZero() ? [] : allocate(total, weights, dp).map((a, i) => piece(i, lines[i]!.regime, a, lines[i]!.rate, lines[i]!.charged && delivery));
  const shipping = share(input.shipping);
  const insurance = share(input.insurance);
  const all = [...lines, ...shipping, ...insurance];

  // Exact tax in (inclusive) or on (exclusive) each amount.
  const exact = all.map((p) => (p.rate.isZero() ? ZERO : incl ? p.amount.times(p.rate).div(p.rate.plus(1)) : p.amount.times(p.rate)));
  const charged = all.filter((p) => p.charged);
  const chargedExact = exact.filter((_, i) => all[i]!.charged);
  const taxes =
    level === "line"
      ? chargedExact.map((e) => roundTo(e, dp, mode))
      : distribute(roundTo(chargedExact.reduce((a, e) => a.plus(e), ZERO), dp, mode), chargedExact, dp);
  charged.forEach((p, k) => (p.tax = taxes[k]!));

  all.forEach((p, i) => {
    if (incl) {
      // Tax-inclusive price: the tax inside it is charged, or removed when the line is not taxed at checkout.
      const inside = p.charged ? p.tax : roundTo(exact[i]!, dp, mode);
      p.net = p.amount.minus(inside);
      p.gross = p.charged ? p.amount : p.net;
    } else {
      p.net = p.amount;
      p.gross = p.amount.plus(p.tax);
    }
  });

  let net = ZERO;
  let tax = ZERO;
  for (const p of all) {
    net = net.plus(p.net);
    tax = tax.plus(p.tax);
  }
  return { lines, shipping, insurance, totals: { net, tax, gross: net.plus(tax) } };
}

/** Output form of the delivery or insurance pieces. */
export function breakdown(pieces: Piece[], lineIds: string[], dp: number): ChargeBreakdown {
  let net = ZERO;
  let tax = ZERO;
  const rates = new Set<string>();
  for (const p of pieces) {
    net = net.plus(p.net);
    tax = tax.plus(p.tax);
    rates.add(p.charged ? p.rate.toString() : "0");
  }
  return {
    net: money(net, dp),
    rate: rates.size === 1 ? [...rates][0]! : null,
    tax: money(tax, dp),
    gross: money(net.plus(tax), dp),
    parts: pieces.map((p) => ({
      lineId: lineIds[p.lineIndex]!,
      regime: p.regime,
      net: money(p.net, dp),
      rate: p.charged ? p.rate.toString() : "0",
      tax: money(p.tax, dp),
      gross: money(p.gross, dp),
    })),
  };
}
