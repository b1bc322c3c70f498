/**
 * quote(): the checkout calculation for one shipment. Pure: the same input and the
 * same data edition always give the same Quote; no clock, no I/O, no global state.
 */
import { money, roundTo } from "../decimal.js";
import { VatError } from "../errors.js";
import { compiledRulesFor } from "../rules.js";
import { estimateBorder } from "./border.js";
import { breakdown, computeCheckout } from "./checkout.js";
import { exchangeRate, normaliseInput, type QuoteInput } from "./input.js";
import { decideRegimes, intrinsicValue } from "./regime.js";
import type { ExplanationStep, Quote, QuoteLine, Regime, Warning } from "./types.js";

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
export function quote(input: QuoteInput): Quote {
  const inp = normaliseInput(input);
  const compiled = compiledRulesFor(inp.destination, inp.date, { destination: ["destination"], date: ["date"] });
  const r = compiled.rules;
  const dp = inp.minorUnits;
  const warnings: Warning[] = [];
  const explanation: ExplanationStep[] = [];
  const warn = (w: Warning) => warnings.push(w);
  const explain = (s: ExplanationStep) => explanation.push(s);

  const fx = exchangeRate(inp.exchangeRates, inp.currency, r.currency);
  if (!fx) {
    const pair = `${inp.currency}/${r.currency}`;
    throw new VatError("MISSING_EXCHANGE_RATE", ["exchangeRates", pair], `exchangeRates["${pair}"] is needed: amounts are in ${inp.currency} but ${r.destination} tests its threshold in ${r.currency}`);
  }

  explain({
    step: "rules",
    detail: `${r.name} (${r.destination}${r.taxedAs !== r.destination ? `, taxed as ${r.taxedAs}` : ""}) on ${inp.date}: ${r.jurisdiction} rules in force from ${r.from}${r.to ? ` until ${r.to}` : " (open-ended)"} (data ${r.dataVersion}).`,
    ...(r.sources[0] ? { source: r.sources[0] } : {}),
  });

  const regimes = decideRegimes(inp, compiled, fx, warn, explain);
  const level = inp.rounding ?? r.rounding.default;
  const mode = r.rounding.mode;
  const checkout = computeCheckout(inp, compiled, regimes.decisions, level, mode);

  const lineIds = inp.lines.map((l) => l.id);
  const lines: QuoteLine[] = inp.lines.map((l, i) => {
    const d = regimes.decisions[i]!;
    const p = checkout.lines[i]!;
    return {
      id: l.id,
      ...(l.description !== undefined ? { description: l.description } : {}),
      category: l.category,
      quantity: l.quantity,
      regime: d.regime,
      reason: d.reason,
      net: money(p.net, dp),
      rate: p.charged ? p.rate.toString() : "0",
      tax: money(p.tax, dp),
      gross: money(p.gross, dp),
      destinationRate: r.rates[l.category],
      ...(d.itemValue ? { threshold: { tested: money(d.itemValue, 2), within: d.itemWithin! } } : {}),
    };
  });

  const regimeSet = new Set(lines.map((l) => l.regime));
  const regime: Regime = regimeSet.size === 1 ? lines[0]!.regime : "mixed";
  explain({ step: "regime", detail: regimeExplanation(lines, regime), ...(r.sources[0] ? { source: r.sources[0] } : {}) });
  explain({
    step: "collector",
    detail:
      regimes.collector === "none"
        ? "Nobody charges destination tax at checkout."
        : regimes.collector === "customer"
          ? "The business customer accounts for the tax itself."
          : regimes.schemeText
            ? `The ${regimes.collector} charges and remits the tax under its ${regimes.scheme} registration, which the parcel must carry: ${regimes.schemeText}`
            : `The ${regimes.collector} charges and remits the tax (${r.liability.text}) and the parcel must carry its ${r.scheme} registration (${r.schemeName}).`,
    ...(r.sources[0] ? { source: r.sources[0] } : {}),
  });

  const charged = checkout.lines.filter((p) => p.charged);
  for (const cat of new Set(charged.map((p) => inp.lines[p.lineIndex]!.category))) {
    explain({ step: "rate", detail: `Category ${cat}: ${r.destination} rate ${r.rates[cat]} on ${inp.date}.`, ...(r.rateSources[cat][0] ? { source: r.rateSources[cat][0].url } : {}) });
  }
  if (!inp.shipping.isZero() || !inp.insurance.isZero()) {
    explain({
      step: "delivery",
      detail: r.deliveryTaxed
        ? `Delivery and insurance charged to the customer are part of the taxable amount; they are apportioned over the lines by value and taxed at each line's rate (lines not taxed at checkout carry their share to the border).`
        : "Delivery and insurance are not taxed at checkout in this jurisdiction.",
    });
  }
  explain({ step: "rounding", detail: `Rounded ${mode} to ${dp} decimals per ${level}${inp.rounding ? " (caller's choice)" : " (jurisdiction default)"}: ${r.rounding.text}` });
  if (inp.pricesIncludeTax && regimeSet.has("border-collection")) {
    warn({ code: "INCLUSIVE_PRICE_NOT_TAXED", message: "Prices were given tax-inclusive, but some lines are not taxed at checkout: the tax was taken out of their price." });
  }
  explain({
    step: "tax",
    detail: `Checkout tax ${money(checkout.totals.tax, dp)} ${inp.currency} on net ${money(checkout.totals.net, dp)} ${inp.currency}; gross ${money(checkout.totals.gross, dp)} ${inp.currency}.`,
  });

  const intrinsic = intrinsicValue(inp.lines, compiled.rate, inp.pricesIncludeTax);
  const border = estimateBorder(inp, compiled, checkout, roundTo(intrinsic.times(fx), 2), fx, warn, explain);

  const reg = regimes.registration;
  explain({
    step: "registration",
    detail: `Registration duty for the seller in ${r.jurisdiction}: ${reg.required === null ? "unknown" : reg.required ? "required" : "not required"}. ${reg.reason}`,
    ...(r.sources[0] ? { source: r.sources[0] } : {}),
  });

  const atCheckout = checkout.totals.gross;
  const onDelivery = border.onDelivery;
  const q: Quote = {
    jurisdiction: r.jurisdiction,
    destination: r.destination,
    taxedAs: r.taxedAs,
    date: inp.date,
    currency: inp.currency,
    dataVersion: r.dataVersion,
    rulePeriod: { from: r.from, to: r.to },
    regime,
    collector: regimes.collector,
    threshold: regimes.threshold,
    lines,
    ...(checkout.shipping.length ? { shipping: breakdown(checkout.shipping, lineIds, dp) } : {}),
    ...(checkout.insurance.length ? { insurance: breakdown(checkout.insurance, lineIds, dp) } : {}),
    totals: { net: money(checkout.totals.net, dp), tax: money(checkout.totals.tax, dp), gross: money(atCheckout, dp) },
    rounding: { level, mode },
    ...(border.estimate ? { border: border.estimate } : {}),
    payableAtCheckout: money(atCheckout, dp),
    payableOnDelivery: money(onDelivery, dp),
    landedPrice: money(atCheckout.plus(onDelivery), dp),
    scheme: regimeSet.has("vendor-collection") ? regimes.scheme : null,
    registration: reg,
    warnings,
    explanation,
  };
  return q;
}

function regimeExplanation(lines: QuoteLine[], regime: Regime): string {
  if (regime !== "mixed") return `${regime}: ${lines[0]!.reason}`;
  return `mixed: ${lines.map((l) => `${l.id} ${l.regime} (${l.reason})`).join("; ")}`;
}

/**
 * Like `quote`, but returns the error instead of throwing it.
 * @example
 * const r = safeQuote({ date: "2017-01-01", destination: "AU", currency: "AUD", lines: [{ unitPrice: "1", quantity: 1 }] });
 * r.ok || r.error.code //=> "DATE_OUT_OF_RANGE"
 * @category Quote
 */
export function safeQuote(input: QuoteInput): { ok: true; quote: Quote } | { ok: false; error: VatError } {
  try {
    return { ok: true, quote: quote(input) };
  } catch (e) {
    if (e instanceof VatError) return { ok: false, error: e };
    throw e;
  }
}

