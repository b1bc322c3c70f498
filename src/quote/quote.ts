/**
 * quote(): the checkout calculation for one shipment. Pure: the same input and the
 * same data edition always give the same Quote; no clock, no I/O, no global state.
 *
 * It runs for every checkout page view, so the hot path avoids per-call work that the
 * data alone decides (see ./tables.ts), object spreads and chains of map/filter/Set.
 * Output objects are built key by key where optional keys sit in the middle: their
 * order is part of the output (JSON, CLI).
 */
import { money, roundTo } from "../decimal.js";
import { VatError } from "../errors.js";
import { ALL_TABLES, INPUT_PATHS, compiledRulesFor, staleStepAt, vatAreaOf, type RuleSet } from "../rules.js";
import { estimateBorder } from "./border.js";
import { breakdown, chargedRate, computeCheckout } from "./checkout.js";
import { exchangeRate, normaliseInput, type QuoteInput } from "./input.js";
import { decideRegimes, intrinsicValue } from "./regime.js";
import { segmentTables, type CategoryTable } from "./tables.js";
import type { ExplanationStep, Quote, QuoteLine, Regime, Warning } from "./types.js";
import type { CheckedQuoteInput } from "./codes.js";

/** An explanation step, citing `source` when there is one. */
function step(name: string, detail: string, source: string | undefined): ExplanationStep {
  return source !== undefined ? { step: name, detail, source } : { step: name, detail };
}

/**
 * Compute the VAT/GST to collect at checkout for one shipment, who collects it,
 * what the border is expected to collect, and the landed price — with an explanation.
 *
 * @throws VatError when the input is malformed or outside the data (see `safeQuote`).
 * @example
 * const q = quote({
 *   date: "2026-11-02", destination: "FR", currency: "EUR",
 *   lines: [{ unitPrice: "40.00", quantity: 2 }], shipping: "5.00",
 * });
 * q.regime        //=> "vendor-collection"
 * q.totals.tax    //=> "17.00"
 * q.landedPrice   //=> "102.00"
 * @category Quote
 */
export function quote<const I extends QuoteInput>(input: CheckedQuoteInput<I>): Quote;
export function quote(input: unknown): Quote {
  return quoteIn(ALL_TABLES, input as QuoteInput);
}

/** quote() over one data set (the per-jurisdiction entry points bind theirs). @internal */
export function quoteIn(set: RuleSet, input: QuoteInput): Quote {
  const inp = normaliseInput(input);
  const compiled = compiledRulesFor(inp.destination, inp.date, INPUT_PATHS, set, inp.postalCode);
  const r = compiled.rules;
  const tables = segmentTables(compiled);
  const tx = tables.text;
  const source = tables.source;
  const dp = inp.minorUnits;
  const C = inp.currency;
  const warnings: Warning[] = [];
  const explanation: ExplanationStep[] = [];

  const fx = exchangeRate(inp.exchangeRates, C, r.currency);
  if (!fx) {
    const pair = `${C}/${r.currency}`;
    throw new VatError("MISSING_EXCHANGE_RATE", ["exchangeRates", pair], `exchangeRates["${pair}"] is needed: amounts are in ${C} but ${r.destination} tests its threshold in ${r.currency}`);
  }

  // The rules step cites the destination's own authority where the data has its page; the other steps the jurisdiction's law.
  explanation.push(step("rules", `${tx.rulesHead}${inp.date}${tx.rulesTail}`, tables.nationalSource ?? source));
  if (inp.seller.country !== undefined) {
    const area = vatAreaOf(inp.seller.country, set);
    if (area !== undefined) inp.seller.vatArea = area;
  }
  const stale = staleStepAt(compiled, inp.date);
  if (stale) for (const w of stale.warnings) warnings.push({ code: w.code, message: w.message });
  if (inp.postalCode === undefined && compiled.postcodeNotice !== undefined) warnings.push({ code: "POSTAL_CODE_MISSING", message: compiled.postcodeNotice });
  // Dispatch decides import or not; where the seller is established only decides its registration test (registration.ts).
  const shipsFrom = inp.shipsFrom;
  if (shipsFrom !== undefined && r.inVatArea && vatAreaOf(shipsFrom, set) === r.jurisdiction) {
    warnings.push({
      code: "SELLER_INSIDE_VAT_AREA",
      message: `The goods ship from ${shipsFrom}, inside the ${r.jurisdiction} VAT area: they are not imported, and this quote's import rules (threshold, border estimate) do not apply; domestic or intra-area distance-selling rules do. (Give shipsFrom when the goods are dispatched from elsewhere than seller.country.)`,
    });
  }

  const regimes = decideRegimes(inp, compiled, tables, fx, warnings, explanation);
  const decisions = regimes.decisions;
  const level = inp.rounding ?? r.rounding.default;
  const mode = r.rounding.mode;
  const checkout = computeCheckout(inp, compiled, tables, decisions, level, mode);

  const lines: QuoteLine[] = [];
  let hasVendor = false;
  let untaxed = false; // a line not taxed at checkout (border, reverse charge, out of scope)
  let mixed = false;
  for (let i = 0; i < inp.lines.length; i++) {
    const l = inp.lines[i]!;
    const d = decisions[i]!;
    const p = checkout.lines[i]!;
    const line = { id: l.id } as QuoteLine;
    if (l.description !== undefined) line.description = l.description;
    line.category = l.category;
    line.quantity = l.quantity;
    line.regime = d.regime;
    line.reason = d.reason;
    line.net = money(p.net, dp);
    line.rate = chargedRate(p);
    line.tax = money(p.tax, dp);
    line.gross = money(p.gross, dp);
    line.destinationRate = p.cat.dataRate;
    if (d.itemValue) line.threshold = { tested: money(d.itemValue, 2), within: d.itemWithin! };
    lines.push(line);
    if (d.regime === "vendor-collection") hasVendor = true;
    else untaxed = true;
    if (d.regime !== lines[0]!.regime) mixed = true;
  }

  const regime: Regime = mixed ? "mixed" : lines[0]!.regime;
  explanation.push(step("regime", regimeExplanation(lines, regime), source));
  explanation.push(
    step(
      "collector",
      regimes.collector === "none"
        ? "Nobody charges destination tax at checkout."
        : regimes.collector === "customer"
          ? "The business customer accounts for the tax itself."
          : regimes.schemeText
            ? `The ${regimes.collector} charges and remits the tax under its ${regimes.scheme} registration, which the parcel must carry: ${regimes.schemeText}`
            : tx.collector[regimes.collector],
      source,
    ),
  );

  // One rate step per category charged at checkout, in order of first appearance.
  const rated: CategoryTable[] = [];
  for (const p of checkout.lines) {
    if (!p.charged || rated.includes(p.cat)) continue;
    rated.push(p.cat);
    explanation.push(step("rate", `${p.cat.stepHead}${inp.date}.`, p.cat.source));
  }
  if (!inp.shipping.isZero() || !inp.insurance.isZero()) {
    explanation.push({
      step: "delivery",
      detail: r.deliveryTaxed
        ? `Delivery and insurance charged to the customer are part of the taxable amount; they are apportioned over the lines by value and taxed at each line's rate (lines not taxed at checkout carry their share to the border).`
        : "Delivery and insurance are not taxed at checkout in this jurisdiction.",
    });
  }
  explanation.push({ step: "rounding", detail: `${tx.roundingHead}${dp}${tx.roundingTail[level][inp.rounding ? 1 : 0]}` });
  if (inp.pricesIncludeTax && untaxed) {
    warnings.push({ code: "INCLUSIVE_PRICE_NOT_TAXED", message: "Prices were given tax-inclusive, but some lines are not taxed at checkout: the tax was taken out of their price." });
  }
  const totals = { net: money(checkout.totals.net, dp), tax: money(checkout.totals.tax, dp), gross: money(checkout.totals.gross, dp) };
  explanation.push({ step: "tax", detail: `Checkout tax ${totals.tax} ${C} on net ${totals.net} ${C}; gross ${totals.gross} ${C}.` });

  // Consignment basis: the threshold test already valued the goods in the threshold currency.
  const intrinsicJ = regimes.intrinsicJ ?? roundTo(intrinsicValue(inp.lines, tables, inp.pricesIncludeTax).times(fx), 2);
  const border = estimateBorder(inp, compiled, tables, checkout, intrinsicJ, fx, warnings, explanation);

  const reg = regimes.registration;
  explanation.push(step("registration", `${tx.registrationHead}${reg.required === null ? "unknown" : reg.required ? "required" : "not required"}. ${reg.reason}`, source));

  const onDelivery = border.onDelivery;
  const q = {
    jurisdiction: r.jurisdiction,
    destination: r.destination,
    taxedAs: r.taxedAs,
    date: inp.date,
    currency: C,
    dataVersion: r.dataVersion,
    rulePeriod: { from: r.from, to: r.to },
    regime,
    collector: regimes.collector,
    threshold: regimes.threshold,
    lines,
  } as Quote;
  if (checkout.shipping.length) q.shipping = breakdown(checkout.shipping, inp.lines, dp);
  if (checkout.insurance.length) q.insurance = breakdown(checkout.insurance, inp.lines, dp);
  q.totals = totals;
  q.rounding = { level, mode };
  if (border.estimate) q.border = border.estimate;
  q.payableAtCheckout = totals.gross;
  q.payableOnDelivery = money(onDelivery, dp);
  q.landedPrice = onDelivery.isZero() ? totals.gross : money(checkout.totals.gross.plus(onDelivery), dp);
  q.sellerCost = money(border.sellerCost, dp);
  q.scheme = hasVendor ? regimes.scheme : null;
  q.registration = reg;
  q.warnings = warnings;
  q.explanation = explanation;
  return q;
}

function regimeExplanation(lines: QuoteLine[], regime: Regime): string {
  if (regime !== "mixed") return `${regime}: ${lines[0]!.reason}`;
  // Concatenated rather than joined: a join copies every reason into one new string at once.
  let text = "mixed: ";
  for (let i = 0; i < lines.length; i++) text += `${i ? "; " : ""}${lines[i]!.id} ${lines[i]!.regime} (${lines[i]!.reason})`;
  return text;
}

/**
 * Like `quote`, but returns the error instead of throwing it.
 * @example
 * const r = safeQuote({ date: "2017-01-01", destination: "AU", currency: "AUD", lines: [{ unitPrice: "1", quantity: 1 }] });
 * r.ok || r.error.code //=> "DATE_OUT_OF_RANGE"
 * @category Quote
 */
export function safeQuote<const I extends QuoteInput>(input: CheckedQuoteInput<I>): { ok: true; quote: Quote } | { ok: false; error: VatError };
export function safeQuote(input: unknown): { ok: true; quote: Quote } | { ok: false; error: VatError } {
  return safeQuoteIn(ALL_TABLES, input as QuoteInput);
}

/** safeQuote() over one data set. @internal */
export function safeQuoteIn(set: RuleSet, input: QuoteInput): { ok: true; quote: Quote } | { ok: false; error: VatError } {
  try {
    return { ok: true, quote: quoteIn(set, input) };
  } catch (e) {
    if (e instanceof VatError) return { ok: false, error: e };
    throw e;
  }
}
