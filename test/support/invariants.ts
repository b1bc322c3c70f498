/**
 * What every Quote must satisfy, whatever the input: checked with an independent
 * decimal.js (precision 200: exact for every sum and product a quote can hold), never
 * with the SDK's own arithmetic.
 */
import DecimalJs from "decimal.js";
import type { Quote } from "../../src/index.js";
import { MINOR_UNITS } from "../../src/generated/manifest.js";

/** decimal.js private to the tests: exact at these sizes; no global configuration touched. */
export const D = DecimalJs.clone({ precision: 200, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -300, toExpPos: 300 });
export type D = InstanceType<typeof D>;

export const sum = (xs: readonly (string | D)[]) => xs.reduce<D>((a, x) => a.plus(x), new D(0));

/** `^\d+$` for a currency without minor units, `^\d+\.\d{dp}$` otherwise: no sign, no exponent, exactly dp decimals. */
export const amountPattern = (dp: number) => (dp === 0 ? /^\d+$/ : new RegExp(`^\\d+\\.\\d{${dp}}$`));

/** Round `x` to `dp` places with the quote's named rounding mode. */
export function round(x: D, dp: number, mode: Quote["rounding"]["mode"]): D {
  return x.toDecimalPlaces(dp, mode === "half-up" ? DecimalJs.ROUND_HALF_UP : DecimalJs.ROUND_HALF_DOWN);
}

export class InvariantError extends Error {}
function fail(what: string): never {
  throw new InvariantError(what);
}
function same(a: D | string, b: D | string | number, what: string) {
  if (!new D(a).eq(b)) fail(`${what}: ${String(a)} ≠ ${String(b)}`);
}

/** Every piece of a quote that carries net, tax and gross (lines, delivery and insurance parts), with where it is. */
export function pieces(q: Quote) {
  return [
    ...q.lines.map((l, i) => ({ where: `lines[${i}]`, kind: "line" as const, regime: l.regime, net: l.net, rate: l.rate, tax: l.tax, gross: l.gross })),
    ...(q.shipping?.parts ?? []).map((p, i) => ({ where: `shipping.parts[${i}]`, kind: "shipping" as const, ...p })),
    ...(q.insurance?.parts ?? []).map((p, i) => ({ where: `insurance.parts[${i}]`, kind: "insurance" as const, ...p })),
  ];
}

const BAD_TEXT = /NaN|Infinity|undefined|\[object /;

export interface CheckOptions {
  /** Words from BAD_TEXT the caller's own strings contain (they may be echoed in ids, descriptions and explanations). */
  echoed?: ReadonlySet<string>;
}

/** Plain JSON all the way down: no undefined, no non-finite number, no class instance, no bad text. */
function checkPlain(v: unknown, path: string, o: CheckOptions, ancestors: Set<unknown>) {
  if (v === undefined) fail(`${path} is undefined`);
  if (typeof v === "number" && !Number.isFinite(v)) fail(`${path} is ${v}`);
  if (typeof v === "bigint" || typeof v === "symbol" || typeof v === "function") fail(`${path} is a ${typeof v}`);
  if (typeof v === "string") {
    const m = BAD_TEXT.exec(v);
    if (m && !o.echoed?.has(m[0])) fail(`${path} contains ${JSON.stringify(m[0])}: ${JSON.stringify(v.slice(0, 200))}`);
  }
  if (v === null || typeof v !== "object") return;
  if (ancestors.has(v)) fail(`${path} is cyclic`);
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== Array.prototype) fail(`${path} is not a plain object or array`);
  ancestors.add(v);
  for (const [k, x] of Object.entries(v)) checkPlain(x, `${path}.${k}`, o, ancestors);
  ancestors.delete(v);
}

/**
 * The invariants of one Quote:
 * - plain JSON with no NaN, Infinity or undefined anywhere;
 * - every amount has exactly the currency's minor units and no sign (so no tax is negative);
 * - gross = net + tax on every line, on delivery and insurance and each of their parts, and on the totals;
 * - totals and breakdowns are the sums of their parts; payableAtCheckout + payableOnDelivery = landedPrice;
 * - what is payable on delivery is exactly the border's import VAT, duty and customer-paid fees;
 * - tax is charged only on vendor-collected lines, at the destination's rate for their category.
 */
export function checkQuote(q: Quote, o: CheckOptions = {}): void {
  checkPlain(q, "quote", o, new Set());
  const dp = MINOR_UNITS[q.currency];
  if (dp === undefined) fail(`unknown currency ${q.currency}`);
  const re = amountPattern(dp);
  const amount = (v: unknown, where: string, pattern = re) => {
    if (typeof v !== "string" || !pattern.test(v)) fail(`${where} ${JSON.stringify(v)} does not match ${String(pattern)}`);
  };
  const nettg = (x: { net: string; tax: string; gross: string }, where: string) => {
    amount(x.net, `${where}.net`);
    amount(x.tax, `${where}.tax`);
    amount(x.gross, `${where}.gross`);
    same(new D(x.net).plus(x.tax), x.gross, `${where}: net + tax = gross`);
  };

  for (const p of pieces(q)) {
    nettg(p, p.where);
    if (p.regime !== "vendor-collection") {
      same(p.tax, 0, `${p.where} (${p.regime}) carries no checkout tax`);
      if (p.rate !== "0") fail(`${p.where} (${p.regime}) shows rate ${p.rate}`);
    }
  }
  q.lines.forEach((l, i) => {
    if (l.regime === "vendor-collection" && l.rate !== l.destinationRate) fail(`lines[${i}] charged ${l.rate}, destination rate ${l.destinationRate}`);
    if (l.threshold) amount(l.threshold.tested, `lines[${i}].threshold.tested`, amountPattern(2));
  });
  for (const name of ["shipping", "insurance"] as const) {
    const b = q[name];
    if (!b) continue;
    nettg(b, name);
    if (b.parts.length !== q.lines.length) fail(`${name} has ${b.parts.length} parts for ${q.lines.length} lines`);
    b.parts.forEach((p, i) => {
      if (p.lineId !== q.lines[i]!.id || p.regime !== q.lines[i]!.regime) fail(`${name}.parts[${i}] does not follow lines[${i}]`);
    });
    for (const f of ["net", "tax", "gross"] as const) same(sum(b.parts.map((p) => p[f])), b[f], `${name}.${f} = Σ parts`);
  }
  nettg(q.totals, "totals");
  const all = pieces(q);
  for (const f of ["net", "tax", "gross"] as const) same(sum(all.map((p) => p[f])), q.totals[f], `totals.${f} = Σ lines, delivery and insurance`);

  amount(q.payableAtCheckout, "payableAtCheckout");
  amount(q.payableOnDelivery, "payableOnDelivery");
  amount(q.landedPrice, "landedPrice");
  same(q.payableAtCheckout, q.totals.gross, "payableAtCheckout = totals.gross");
  same(new D(q.payableAtCheckout).plus(q.payableOnDelivery), q.landedPrice, "payableAtCheckout + payableOnDelivery = landedPrice");

  if (q.border) {
    amount(q.border.customsValue, "border.customsValue");
    amount(q.border.duty, "border.duty");
    amount(q.border.importVat, "border.importVat");
    const customerFees: string[] = [];
    const sellerFees: string[] = [];
    q.border.fees.forEach((f, i) => {
      const fdp = MINOR_UNITS[f.currency];
      if (fdp === undefined) fail(`border.fees[${i}] has unknown currency ${f.currency}`);
      amount(f.amount, `border.fees[${i}].amount`, amountPattern(fdp));
      amount(f.tax, `border.fees[${i}].tax`, amountPattern(fdp));
      if (f.inQuoteCurrency !== null) amount(f.inQuoteCurrency, `border.fees[${i}].inQuoteCurrency`);
      if (!Number.isSafeInteger(f.count) || f.count < 1) fail(`border.fees[${i}].count is ${f.count}`);
      if (f.payer === "customer" && f.inQuoteCurrency !== null) customerFees.push(f.inQuoteCurrency);
      if (f.payer === "seller" && f.inQuoteCurrency !== null) sellerFees.push(f.inQuoteCurrency);
    });
    const borderLines = q.lines.filter((l) => l.regime === "border-collection");
    const parts = q.border.customsValueParts;
    same(sum(borderLines.map((l) => l.net)), parts.goods, "border.customsValueParts.goods = Σ border-collected line nets");
    const borderShare = (c: typeof q.shipping) => sum((c?.parts ?? []).filter((x) => x.regime === "border-collection").map((x) => x.net));
    if (parts.transport !== undefined) same(borderShare(q.shipping), parts.transport, "customsValueParts.transport = border-collected lines' share of shipping");
    if (parts.insurance !== undefined) same(borderShare(q.insurance), parts.insurance, "customsValueParts.insurance = border-collected lines' share of insurance");
    same(sum([parts.goods, parts.transport ?? "0", parts.insurance ?? "0"]), q.border.customsValue, "border.customsValue = goods + transport + insurance it includes");
    same(sum([q.border.importVat, q.border.duty, ...customerFees]), q.payableOnDelivery, "payableOnDelivery = import VAT + duty + customer-paid fees");
    same(sum(sellerFees), q.sellerCost, "sellerCost = seller-paid fees in the quote currency");
  } else {
    same(q.payableOnDelivery, 0, "nothing payable on delivery without a border estimate");
    same(q.sellerCost, 0, "no seller cost without a border estimate");
  }

  amount(q.threshold.amount, "threshold.amount", amountPattern(2));
  amount(q.threshold.tested, "threshold.tested", amountPattern(2));
  const regimes = new Set(q.lines.map((l) => l.regime));
  if ((regimes.size > 1) !== (q.regime === "mixed")) fail(`regime ${q.regime} for line regimes ${[...regimes].join(", ")}`);
  const vendor = regimes.has("vendor-collection");
  if (vendor !== (q.collector === "seller" || q.collector === "marketplace")) fail(`collector ${q.collector} with line regimes ${[...regimes].join(", ")}`);
  if (vendor !== (q.scheme !== null)) fail(`scheme ${q.scheme} with line regimes ${[...regimes].join(", ")}`);
  if (q.rulePeriod.from > q.date || (q.rulePeriod.to !== null && q.date >= q.rulePeriod.to)) fail(`rule period ${JSON.stringify(q.rulePeriod)} does not contain ${q.date}`);
}
