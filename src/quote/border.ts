/**
 * What the border is expected to collect: import VAT and duty on border-collected
 * lines, plus per-parcel charges in force. Always an estimate: customs settles it.
 */
import { Decimal, ONE, ROUND_HALF_UP, ZERO, allocate, money, mulDivRound, roundTo } from "../decimal.js";
import type { CompiledRules } from "../rules.js";
import type { CheckoutResult } from "./checkout.js";
import { exchangeRate, type NormalInput } from "./input.js";
import type { FeeTable, Limit, SegmentTables } from "./tables.js";
import type { BorderEstimate, BorderFee, ExplanationStep, Warning } from "./types.js";

export interface BorderResult {
  estimate?: BorderEstimate;
  /** What the customer is expected to pay at the door, in the quote currency. */
  onDelivery: Decimal;
  /** What the seller itself pays at the border (seller-paid charges), in the quote currency. */
  sellerCost: Decimal;
}

function within(v: Decimal, limit: Limit) {
  return limit.inclusive ? v.lte(limit.amount) : v.lt(limit.amount);
}

export function estimateBorder(
  input: NormalInput,
  compiled: CompiledRules,
  tables: SegmentTables,
  checkout: CheckoutResult,
  intrinsicJ: Decimal,
  fx: Decimal,
  warnings: Warning[],
  explanation: ExplanationStep[],
): BorderResult {
  const r = compiled.rules;
  const dp = input.minorUnits;
  const C = input.currency;
  const J = r.currency;
  const idx: number[] = [];
  let anyVendor = false;
  let allVendor = true;
  for (let i = 0; i < checkout.lines.length; i++) {
    const regime = checkout.lines[i]!.regime;
    if (regime === "border-collection") idx.push(i);
    if (regime === "vendor-collection") anyVendor = true;
    else allVendor = false;
  }
  const consumer = input.customer.type === "consumer" || anyVendor;
  // Per-item regimes tax items at checkout that may still arrive in a consignment over the border
  // relief: customs then clears it formally (duty, fees) without taxing those items again. Not estimated.
  if (anyVendor && tables.relief && !within(intrinsicJ, tables.relief)) {
    warnings.push({
      code: "CONSIGNMENT_OVER_BORDER_RELIEF",
      message: `The goods in this consignment (${money(intrinsicJ, 2)} ${J}) are over the ${money(tables.relief.amount, 2)} ${J} border relief: customs may charge duty, clearance fees and tax on that duty for the goods taxed at checkout too (not the checkout tax again). The border estimate covers border-collected lines only.`,
    });
  }

  // Per-parcel charges in force (from the data): count, amount, who pays.
  const fees: BorderFee[] = [];
  let feeDuty = ZERO; // duty-kind charges, in the quote currency: they enter the import VAT base
  let onDelivery = ZERO;
  let sellerCost = ZERO;
  let missingHs = false;
  let subheadings: number | undefined; // counted on the first per-subheading fee
  let fromJ: Decimal | undefined; // 1 / fx, for fees in the threshold currency
  for (const ft of tables.fees) {
    const f = ft.fee;
    if (f.appliesWhen === "border" && idx.length === 0) continue;
    if (!consumer && f.kind === "duty") continue; // the flat duty is for B2C distance sales
    const cToFee = f.currency === J ? fx : exchangeRate(input.exchangeRates, C, f.currency);
    if (ft.limit) {
      // The limit is tested in its own currency, which need not be the fee's (RO: RON 25 on parcels under EUR 150).
      const L = f.maxConsignmentValue!.currency;
      const cToLimit = L === J ? fx : exchangeRate(input.exchangeRates, C, L);
      if (!cToLimit) {
        warnings.push({ code: "FEE_NOT_EVALUATED", message: `${f.name} could not be tested: give exchangeRates["${C}/${L}"].` });
        continue;
      }
      const value = L === J ? intrinsicJ : roundTo(intrinsicJ.div(fx).times(cToLimit), 2);
      if (!within(value, ft.limit)) continue;
    }
    const count = f.per === "consignment" ? 1 : (subheadings ??= countSubheadings(input, () => (missingHs = true)));
    const fdp = ft.dp;
    const amount = ft.amount.times(count);
    const tax = f.taxable ? roundTo(amount.times(compiled.rate.standard), fdp) : ZERO;
    // Fee currency → quote currency: divided by the caller's rate, worked out in integers where the values allow.
    const inC = cToFee ? (mulDivRound(amount.plus(tax), ONE, cToFee, dp, ROUND_HALF_UP) ?? roundTo(amount.plus(tax).times(ONE.div(cToFee)), dp)) : undefined;
    const payer = f.payer === "declarant" ? (allVendor ? "seller" : "customer") : f.payer;
    if (inC && payer === "customer") onDelivery = onDelivery.plus(inC);
    if (inC && payer === "seller") sellerCost = sellerCost.plus(inC);
    if (inC && f.kind === "duty" && idx.length) feeDuty = feeDuty.plus(amount.times(cToFee === fx ? (fromJ ??= ONE.div(fx)) : ONE.div(cToFee!)));
    if (!inC) warnings.push({ code: "FEE_NOT_CONVERTED", message: `${f.name} (${money(amount, fdp)} ${f.currency}) is not in the totals: give exchangeRates["${C}/${f.currency}"].` });
    fees.push(feeOut(ft, count, amount, tax, inC, dp, payer));
  }
  if (missingHs) warnings.push({ code: "HS_CODE_MISSING", message: "Lines without hsCode were each counted as a distinct tariff subheading for per-subheading charges." });

  if (idx.length === 0 && fees.length === 0) return { onDelivery: ZERO, sellerCost: ZERO };

  // Ad-valorem duty and import VAT on the border-collected lines.
  const border = r.border;
  // The customs value is the duty base: the goods, plus transport and insurance where the rule says so.
  let goodsValue = ZERO;
  for (const i of idx) goodsValue = goodsValue.plus(checkout.lines[i]!.net);
  let transportValue = ZERO;
  let insuranceValue = ZERO;
  if (border.dutyOnTransport) {
    for (const p of checkout.shipping) if (checkout.lines[p.lineIndex]!.regime === "border-collection") transportValue = transportValue.plus(p.net);
    for (const p of checkout.insurance) if (checkout.lines[p.lineIndex]!.regime === "border-collection") insuranceValue = insuranceValue.plus(p.net);
  }
  const customsValue = goodsValue.plus(transportValue).plus(insuranceValue);
  const parts: BorderEstimate["customsValueParts"] = { goods: money(goodsValue, dp) };
  if (!transportValue.isZero()) parts.transport = money(transportValue, dp);
  if (!insuranceValue.isZero()) parts.insurance = money(insuranceValue, dp);
  const partsText = parts.transport || parts.insurance ? ` (goods ${parts.goods}${parts.transport ? ` + transport ${parts.transport}` : ""}${parts.insurance ? ` + insurance ${parts.insurance}` : ""})` : "";
  // Goods the regime excludes (alcohol, tobacco; NO food) never had the border relief either.
  const excludedCats: readonly string[] = r.exclusions.categories;
  const excludedAtBorder = idx.some((i) => input.lines[i]!.excise || excludedCats.includes(input.lines[i]!.category));
  let reliefValue = goodsValue;
  const reliefIncludes = border.relief?.valueIncludes;
  if (reliefIncludes?.includes("transport")) for (const p of checkout.shipping) if (checkout.lines[p.lineIndex]!.regime === "border-collection") reliefValue = reliefValue.plus(p.net);
  if (reliefIncludes?.includes("insurance")) for (const p of checkout.insurance) if (checkout.lines[p.lineIndex]!.regime === "border-collection") reliefValue = reliefValue.plus(p.net);
  const reliefApplies = !!tables.relief && !excludedAtBorder && within(roundTo(reliefValue.times(fx), 2), tables.relief);
  const dutyRelief = !!tables.dutyRelief && within(intrinsicJ, tables.dutyRelief);
  const flatDuty = fees.some((f) => f.kind === "duty");
  let duty = ZERO;
  let importVat = ZERO;
  // Without border-collected lines (the usual checkout) there is only the fees' part to estimate.
  if (idx.length && !reliefApplies) {
    // A charge's shares are one per line, in line order (checkout.ts), or none.
    const shipping = (i: number) => checkout.shipping[i]?.net ?? ZERO;
    const insurance = (i: number) => checkout.insurance[i]?.net ?? ZERO;
    const flatShares = feeDuty.isZero() ? idx.map(() => ZERO) : allocate(roundTo(feeDuty, dp), idx.map((i) => checkout.lines[i]!.net), dp);
    let missingDuty = false;
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
      importVat = importVat.plus(roundTo(base.times(checkout.lines[i]!.cat.rate), dp));
    });
    if (missingDuty) warnings.push({ code: "DUTY_RATE_MISSING", message: "No dutyRate was given for some border-collected lines; their customs duty is estimated at 0." });
    onDelivery = onDelivery.plus(importVat).plus(duty);
  }

  const source = tables.source;
  if (idx.length) {
    const detail = reliefApplies
      ? `Border-collected goods worth ${money(reliefValue, dp)} ${C}${tables.text.reliefIncludes} are within the border relief: ${border.relief!.text} Estimated import tax 0.`
      : `Estimated at the border on ${idx.length} line(s): customs value ${money(customsValue, dp)} ${C}${partsText}, duty ${money(duty, dp)} ${C}${
          flatDuty ? " (flat per-subheading duty instead of tariff duty)" : dutyRelief ? ` (duty relief: ${border.dutyRelief!.text})` : ""
        }, import VAT ${money(importVat, dp)} ${C}${tables.text.borderTail}`;
    explanation.push(source !== undefined ? { step: "border", detail, source } : { step: "border", detail });
  }
  for (const f of fees) {
    explanation.push({ step: "border-fee", detail: `${f.name}: ${f.count} unit(s) charged, ${f.amount} ${f.currency}${f.tax !== "0.00" ? ` + tax ${f.tax}` : ""}, paid by the ${f.payer}${f.inQuoteCurrency ? ` (${f.inQuoteCurrency} ${C})` : ""}.`, source: f.source });
  }

  // The rules' source, then each fee's, once each.
  const sources: string[] = source !== undefined ? [source] : [];
  for (const f of fees) if (f.source && !sources.includes(f.source)) sources.push(f.source);
  const lineIds: string[] = [];
  for (const i of idx) lineIds.push(input.lines[i]!.id);
  return {
    onDelivery,
    sellerCost,
    estimate: {
      estimate: true,
      lineIds,
      customsValue: money(customsValue, dp),
      customsValueParts: parts,
      duty: money(duty, dp),
      importVat: money(importVat, dp),
      fees,
      payer: border.payer,
      relief: reliefApplies ? border.relief!.text : null,
      sources,
    },
  };
}

function countSubheadings(input: NormalInput, onMissing: () => void): number {
  // A list while the order is small (a Set costs more than a few comparisons), a Set past that.
  const seen: string[] = [];
  let set: Set<string> | undefined;
  let missing = 0;
  for (const l of input.lines) {
    const h = l.subheading;
    if (!h) missing++;
    else if (set) set.add(h);
    else if (!seen.includes(h)) {
      seen.push(h);
      if (seen.length > 16) set = new Set(seen);
    }
  }
  if (missing) onMissing();
  return (set ? set.size : seen.length) + missing;
}

function feeOut(ft: FeeTable, count: number, amount: Decimal, tax: Decimal, inC: Decimal | undefined, dp: number, payer: "customer" | "seller"): BorderFee {
  const f = ft.fee;
  const out: BorderFee = {
    id: f.id,
    name: f.name,
    kind: f.kind,
    count,
    amount: money(amount, ft.dp),
    currency: f.currency,
    tax: money(tax, ft.dp),
    inQuoteCurrency: inC ? money(inC, dp) : null,
    payer,
    source: ft.source,
  };
  if (f.note) out.note = f.note;
  return out;
}
