/**
 * What the border is expected to collect: import VAT and duty on border-collected
 * lines, plus per-parcel charges in force. Always an estimate: customs settles it.
 */
import { Decimal, ZERO, allocate, money, roundTo } from "../decimal.js";
import type { CompiledRules } from "../rules.js";
import type { CheckoutResult } from "./checkout.js";
import type { NormalInput } from "./input.js";
import { within, type SegmentTables } from "./tables.js";
import type { BorderEstimate, ExplanationStep, Warning } from "./types.js";

export interface BorderResult {
  estimate?: BorderEstimate;
  /** What the customer is expected to pay at the door, in the quote currency. */
  onDelivery: Decimal;
  /** What the seller itself pays at the border (seller-paid charges), in the quote currency. */
  sellerCost: Decimal;
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
  if (anyVendor && tables.relief && !within(intrinsicJ, tables.relief.amount, tables.relief.inclusive)) {
    warnings.push({
      code: "CONSIGNMENT_OVER_BORDER_RELIEF",
      message: `The goods in this consignment (${money(intrinsicJ, 2)} ${J}) are over the ${money(tables.relief.amount, 2)} ${J} border relief: customs may charge duty, clearance fees and tax on that duty for the goods taxed at checkout too (not the checkout tax again). The border estimate covers border-collected lines only.`,
    });
  }

  // Per-parcel charges in force (from the data; ./fees.ts where the entry's data has any).
  const charged = tables.fees.length ? compiled.local.borderFees!(input, compiled, tables, intrinsicJ, fx, idx.length > 0, consumer, allVendor, warnings) : undefined;
  const fees = charged ? charged.fees : [];
  const feeDuty = charged ? charged.duty : ZERO;
  let onDelivery = charged ? charged.onDelivery : ZERO;
  const sellerCost = charged ? charged.sellerCost : ZERO;

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
  const reliefApplies = !!tables.relief && !excludedAtBorder && within(roundTo(reliefValue.times(fx), 2), tables.relief.amount, tables.relief.inclusive);
  const dutyRelief = !!tables.dutyRelief && within(intrinsicJ, tables.dutyRelief.amount, tables.dutyRelief.inclusive);
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
