/**
 * What the border is expected to collect: import VAT and duty on border-collected
 * lines, plus per-parcel charges in force. Always an estimate: customs settles it.
 */
import type { GeneratedFee } from "../data/types.js";
import { Decimal, ZERO, allocate, money, roundTo } from "../decimal.js";
import { MINOR_UNITS } from "../generated/manifest.js";
import type { CompiledRules } from "../rules.js";
import type { CheckoutResult } from "./checkout.js";
import { exchangeRate, type NormalInput } from "./input.js";
import type { BorderEstimate, BorderFee, ExplanationStep, Warning } from "./types.js";

export interface BorderResult {
  estimate?: BorderEstimate;
  /** What the customer is expected to pay at the door, in the quote currency. */
  onDelivery: Decimal;
}

function within(v: Decimal, limit: { amount: string; inclusive: boolean }) {
  const l = new Decimal(limit.amount);
  return limit.inclusive ? v.lte(l) : v.lt(l);
}

export function estimateBorder(
  input: NormalInput,
  compiled: CompiledRules,
  checkout: CheckoutResult,
  intrinsicJ: Decimal,
  fx: Decimal,
  warn: (w: Warning) => void,
  explain: (s: ExplanationStep) => void,
): BorderResult {
  const r = compiled.rules;
  const dp = input.minorUnits;
  const C = input.currency;
  const J = r.currency;
  const idx: number[] = [];
  checkout.lines.forEach((p, i) => p.regime === "border-collection" && idx.push(i));
  const allVendor = checkout.lines.every((p) => p.regime === "vendor-collection");
  const consumer = input.customer.type === "consumer" || checkout.lines.some((p) => p.regime === "vendor-collection");

  // Per-parcel charges in force (from the data): count, amount, who pays.
  const fees: BorderFee[] = [];
  let feeDuty = ZERO; // duty-kind charges, in the quote currency: they enter the import VAT base
  let onDelivery = ZERO;
  let missingHs = false;
  for (const f of r.fees) {
    if (f.appliesWhen === "border" && idx.length === 0) continue;
    if (!consumer && f.kind === "duty") continue; // the flat duty is for B2C distance sales
    const cToFee = f.currency === J ? fx : exchangeRate(input.exchangeRates, C, f.currency);
    if (f.maxConsignmentValue) {
      // The limit is tested in its own currency, which need not be the fee's (RO: RON 25 on parcels under EUR 150).
      const L = f.maxConsignmentValue.currency;
      const cToLimit = L === J ? fx : exchangeRate(input.exchangeRates, C, L);
      if (!cToLimit) {
        warn({ code: "FEE_NOT_EVALUATED", message: `${f.name} could not be tested: give exchangeRates["${C}/${L}"].` });
        continue;
      }
      const value = L === J ? intrinsicJ : roundTo(intrinsicJ.div(fx).times(cToLimit), 2);
      if (!within(value, f.maxConsignmentValue)) continue;
    }
    const count = f.per === "consignment" ? 1 : countSubheadings(input, () => (missingHs = true));
    const fdp = MINOR_UNITS[f.currency] ?? 2;
    const amount = new Decimal(f.amount).times(count);
    const tax = f.taxable ? roundTo(amount.times(compiled.rate.standard), fdp) : ZERO;
    const feeToC = cToFee ? new Decimal(1).div(cToFee) : undefined;
    const inC = feeToC ? roundTo(amount.plus(tax).times(feeToC), dp) : undefined;
    const payer = f.payer === "declarant" ? (allVendor ? "seller" : "customer") : f.payer;
    if (inC && payer === "customer") onDelivery = onDelivery.plus(inC);
    if (inC && f.kind === "duty" && idx.length) feeDuty = feeDuty.plus(amount.times(feeToC!));
    if (!inC) warn({ code: "FEE_NOT_CONVERTED", message: `${f.name} (${money(amount, fdp)} ${f.currency}) is not in the totals: give exchangeRates["${C}/${f.currency}"].` });
    fees.push(feeOut(f, count, amount, tax, fdp, inC, dp, payer));
  }
  if (missingHs) warn({ code: "HS_CODE_MISSING", message: "Lines without hsCode were each counted as a distinct tariff subheading for per-subheading charges." });

  if (idx.length === 0 && fees.length === 0) return { onDelivery: ZERO };

  // Ad-valorem duty and import VAT on the border-collected lines.
  // Indexed once: a find() per line made 100,000 border-collected lines take minutes.
  const shippingNet = new Map(checkout.shipping.map((p) => [p.lineIndex, p.net]));
  const insuranceNet = new Map(checkout.insurance.map((p) => [p.lineIndex, p.net]));
  const shipping = (i: number) => shippingNet.get(i) ?? ZERO;
  const insurance = (i: number) => insuranceNet.get(i) ?? ZERO;
  const customsValue = idx.reduce((a, i) => a.plus(checkout.lines[i]!.net), ZERO);
  const border = r.border;
  // Goods the regime excludes (alcohol, tobacco; NO food) never had the border relief either.
  const excludedCats: readonly string[] = r.exclusions.categories;
  const excludedAtBorder = idx.some((i) => input.lines[i]!.excise || excludedCats.includes(input.lines[i]!.category));
  const reliefApplies = !!border.relief && !excludedAtBorder && within(roundTo(customsValue.times(fx), 2), border.relief);
  const dutyRelief = !!border.dutyRelief && within(intrinsicJ, border.dutyRelief);
  const flatDuty = fees.some((f) => f.kind === "duty");
  let duty = ZERO;
  let importVat = ZERO;
  let missingDuty = false;
  const flatShares = feeDuty.isZero() ? idx.map(() => ZERO) : allocate(roundTo(feeDuty, dp), idx.map((i) => checkout.lines[i]!.net), dp);
  if (!reliefApplies) {
    idx.forEach((i, k) => {
      const line = input.lines[i]!;
      const net = checkout.lines[i]!.net;
      const extra = shipping(i).plus(insurance(i));
      let lineDuty = ZERO;
      if (!flatDuty && !(dutyRelief && !line.excise)) {
        if (line.dutyRate === undefined) missingDuty = true;
        else lineDuty = roundTo(net.plus(border.dutyOnTransport ? extra : ZERO).times(line.dutyRate), dp);
      }
      duty = duty.plus(lineDuty);
      let base = net.plus(lineDuty).plus(flatShares[k]!);
      if (border.vatBase.includes("transport")) base = base.plus(shipping(i));
      if (border.vatBase.includes("insurance")) base = base.plus(insurance(i));
      importVat = importVat.plus(roundTo(base.times(compiled.rate[line.category]), dp));
    });
  }
  if (missingDuty) warn({ code: "DUTY_RATE_MISSING", message: "No dutyRate was given for some border-collected lines; their customs duty is estimated at 0." });
  onDelivery = onDelivery.plus(importVat).plus(duty);

  if (idx.length) {
    explain({
      step: "border",
      detail: reliefApplies
        ? `Border-collected goods worth ${money(customsValue, dp)} ${C} are within the border relief: ${border.relief!.text} Estimated import tax 0.`
        : `Estimated at the border on ${idx.length} line(s): customs value ${money(customsValue, dp)} ${C}, duty ${money(duty, dp)} ${C}${
            flatDuty ? " (flat per-subheading duty instead of tariff duty)" : dutyRelief ? ` (duty relief: ${border.dutyRelief!.text})` : ""
          }, import VAT ${money(importVat, dp)} ${C} on goods + ${border.vatBase.join(" + ")}. ${border.text} Payable by ${border.payer}.`,
      ...(r.sources[0] ? { source: r.sources[0] } : {}),
    });
  }
  for (const f of fees) {
    explain({ step: "border-fee", detail: `${f.name}: ${f.count} unit(s) charged, ${f.amount} ${f.currency}${f.tax !== money(ZERO, 2) ? ` + tax ${f.tax}` : ""}, paid by the ${f.payer}${f.inQuoteCurrency ? ` (${f.inQuoteCurrency} ${C})` : ""}.`, source: f.source });
  }

  const sources = new Set<string>([r.sources[0] ?? "", ...fees.map((f) => f.source)].filter(Boolean));
  return {
    onDelivery,
    estimate: {
      estimate: true,
      lineIds: idx.map((i) => input.lines[i]!.id),
      customsValue: money(customsValue, dp),
      duty: money(duty, dp),
      importVat: money(importVat, dp),
      fees,
      payer: border.payer,
      relief: reliefApplies ? border.relief!.text : null,
      sources: [...sources],
    },
  };
}

function countSubheadings(input: NormalInput, onMissing: () => void): number {
  const seen = new Set<string>();
  let missing = 0;
  for (const l of input.lines) {
    if (l.subheading) seen.add(l.subheading);
    else missing++;
  }
  if (missing) onMissing();
  return seen.size + missing;
}

function feeOut(f: GeneratedFee, count: number, amount: Decimal, tax: Decimal, fdp: number, inC: Decimal | undefined, dp: number, payer: "customer" | "seller"): BorderFee {
  return {
    id: f.id,
    name: f.name,
    kind: f.kind,
    count,
    amount: money(amount, fdp),
    currency: f.currency,
    tax: money(tax, fdp),
    inQuoteCurrency: inC ? money(inC, dp) : null,
    payer,
    source: f.sources[0]!.url,
    ...(f.note ? { note: f.note } : {}),
  };
}
