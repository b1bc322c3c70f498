/**
 * Which regime each line falls under, and who collects: the threshold test,
 * exclusions, business customers and the collector's registration.
 */
import { Decimal, ZERO, money, roundTo } from "../decimal.js";
import type { CompiledRules, DestinationRules } from "../rules.js";
import type { NormalInput, NormalLine } from "./input.js";
import { businessTaxId } from "./business.js";
import { applicableRegistration, registrationDuty, sellerEstablished } from "./registration.js";
import { within, type SegmentTables } from "./tables.js";
import type { Collector, ExplanationStep, LineRegime, RegistrationDuty, ThresholdTest, Warning } from "./types.js";

export interface LineDecision {
  regime: LineRegime;
  reason: string;
  /** Item basis: the item's value in the threshold currency. */
  itemValue?: Decimal;
  itemWithin?: boolean;
}

export interface RegimeOutcome {
  decisions: LineDecision[];
  threshold: ThresholdTest;
  /** Who would account for checkout tax (before knowing whether any line is vendor-collected). */
  party: "seller" | "marketplace";
  collector: Collector;
  registration: RegistrationDuty;
  /** The registration a vendor-collected parcel carries: the data's scheme, or an accepted alternative the collector holds. */
  scheme: DestinationRules["scheme"];
  /** Why an alternative scheme applies (from the data), when one does. */
  schemeText?: string | undefined;
  /** Consignment basis: the intrinsic value in the threshold currency, rounded (the border estimate uses it too). */
  intrinsicJ?: Decimal | undefined;
}

const fmt = money;

/** Net value of one unit, tax removed when prices include it (unrounded). */
export function unitNet(line: NormalLine, tables: SegmentTables, pricesIncludeTax: boolean): Decimal {
  return pricesIncludeTax ? line.unitPrice.div(tables.categories[line.category].ratePlusOne) : line.unitPrice;
}

/**
 * Intrinsic value of the goods in the quote currency, tax removed when prices include it (unrounded).
 * Tax-inclusive amounts are summed per rate and each sum divided once, so the value is exact
 * whenever it has a finite decimal expansion: dividing unit by unit (3 × 244.63 / 1.2 as
 * 3 × 203.8583…) landed a hair under a half cent (611.575) and rounded the wrong way.
 */
export function intrinsicValue(lines: readonly NormalLine[], tables: SegmentTables, pricesIncludeTax: boolean): Decimal {
  if (!pricesIncludeTax) {
    // One group: 0 + the amounts' sum, as below (the 0 + turns a price of -0 into 0).
    let goods = lines[0]!.amount;
    for (let i = 1; i < lines.length; i++) goods = goods.plus(lines[i]!.amount);
    return ZERO.plus(goods);
  }
  // Groups by rate text, in order of first appearance (a handful at most: a linear search).
  const groups: { rate: string; divisor: Decimal; amount: Decimal }[] = [];
  for (const l of lines) {
    const c = tables.categories[l.category];
    const g = groups.find((x) => x.rate === c.rateText);
    if (g) g.amount = g.amount.plus(l.amount);
    else groups.push({ rate: c.rateText, divisor: c.ratePlusOne, amount: l.amount });
  }
  let sum = ZERO;
  for (const g of groups) sum = sum.plus(g.amount.div(g.divisor));
  return sum;
}

/**
 * The registration in `registeredIn` that lets the collector charge tax here: the
 * jurisdiction code or the scheme itself, else one the data accepts (XI: the IOSS).
 */
export function acceptedRegistration(r: DestinationRules, list: readonly string[]): { scheme: DestinationRules["scheme"]; text?: string } | undefined {
  if (list.includes(r.jurisdiction) || list.includes(r.scheme)) return { scheme: r.scheme };
  return r.acceptedRegistrations.find((a) => a.names.some((n) => list.includes(n)));
}

/**
 * The reason for taxing goods over the threshold at checkout when the caller asks to and the
 * data's option (NZ) allows it (./local-rules.ts); undefined, with a warning where it cannot apply.
 */
function overThresholdOption(input: NormalInput, compiled: CompiledRules, warnings: Warning[]): string | undefined {
  const given = input.chargeGoodsOverThreshold;
  if (given === undefined) return undefined;
  const r = compiled.rules;
  if (r.goodsOverThreshold === null) {
    warnings.push({ code: "OPTION_IGNORED", message: `chargeGoodsOverThreshold is not an option under ${r.jurisdiction} rules and was ignored.` });
    return undefined;
  }
  return compiled.local.goodsOverThreshold!(given, r.goodsOverThreshold, warnings);
}

/** The first decision for a line wins: later steps only decide lines still open. */
function decide(decisions: (LineDecision | undefined)[], i: number, regime: LineRegime, reason: string) {
  if (decisions[i] === undefined) decisions[i] = { regime, reason };
}

export function decideRegimes(
  input: NormalInput,
  compiled: CompiledRules,
  tables: SegmentTables,
  fx: Decimal,
  warnings: Warning[],
  explanation: ExplanationStep[],
): RegimeOutcome {
  const r = compiled.rules;
  const t = r.threshold;
  const tx = tables.text;
  const jdp = 2; // every threshold currency in the data (AUD, NZD, NOK, GBP, SGD, EUR) has 2 minor units
  const limit = compiled.thresholdAmount;
  const lines = input.lines;
  const n = lines.length;
  const decisions: (LineDecision | undefined)[] = [];
  for (let i = 0; i < n; i++) decisions.push(undefined);
  const excludedCats: readonly string[] = r.exclusions.categories;
  const isExcluded = (l: NormalLine) => l.excise || excludedCats.includes(l.category);

  // 1. Threshold test, on the value the law tests (tax, transport and insurance are never in unitPrice's net).
  let tested: Decimal;
  let intrinsicJ: Decimal | undefined;
  const itemValues: Decimal[] = [];
  if (t.basis === "consignment") {
    tested = intrinsicJ = roundTo(intrinsicValue(lines, tables, input.pricesIncludeTax).times(fx), jdp);
  } else {
    tested = ZERO;
    for (const l of lines) {
      const v = roundTo(unitNet(l, tables, input.pricesIncludeTax).times(fx), jdp);
      itemValues.push(v);
      if (v.gt(tested)) tested = v;
    }
  }
  const withinAll = within(tested, limit, t.inclusive);
  const testedText = fmt(tested, jdp);
  const converted = input.currency !== t.currency;
  const fxText = converted ? fx.toString() : "";
  // Two literals rather than a spread: exchangeRate sits before fxRule in the output, and only when converted.
  const threshold: ThresholdTest = converted
    ? { amount: tables.thresholdText, currency: t.currency, basis: t.basis, inclusive: t.inclusive, tested: testedText, within: withinAll, exchangeRate: fxText, fxRule: t.fx.source }
    : { amount: tables.thresholdText, currency: t.currency, basis: t.basis, inclusive: t.inclusive, tested: testedText, within: withinAll, fxRule: t.fx.source };
  const rateNote = converted ? ` (converted from ${input.currency} at ${fxText}${tx.fxNoteTail}` : "";
  let detail: string;
  if (t.basis === "consignment") {
    detail = `${tx.consignmentHead}${testedText}${tx.thresholdCurrency}${rateNote}${withinAll ? tx.consignmentWithin : tx.consignmentAbove}`;
  } else {
    let items = "";
    for (let i = 0; i < n; i++) items += `${i ? "; " : ""}${lines[i]!.id} ${fmt(itemValues[i]!, jdp)}${within(itemValues[i]!, limit, t.inclusive) ? tx.itemWithin : tx.itemAbove}`;
    detail = `${tx.itemHead}${rateNote}: ${items}${tx.itemTail}`;
  }
  explanation.push(tables.source !== undefined ? { step: "threshold", detail, source: tables.source } : { step: "threshold", detail });

  // 2. Places outside the VAT area.
  if (!r.inVatArea) {
    const why = `${r.name} is outside the ${r.jurisdiction} VAT area: no ${r.jurisdiction} VAT applies under this regime.${r.territory?.note ? ` ${r.territory.note}` : ""}`;
    for (let i = 0; i < n; i++) decide(decisions, i, "out-of-scope", why);
  }

  // 3. Excluded goods.
  if (lines.some(isExcluded)) {
    if (r.exclusions.scope === "consignment") {
      for (let i = 0; i < n; i++) decide(decisions, i, "border-collection", `The order contains excluded goods: ${r.exclusions.text}`);
    } else {
      lines.forEach((l, i) => isExcluded(l) && decide(decisions, i, "border-collection", `Excluded goods (${l.category}${l.excise ? ", excise" : ""}): ${r.exclusions.text}`));
    }
  }

  // 4. Business customers: only one with the identifier the B2B rule needs (./business.ts).
  const businessId = businessTaxId(input.customer, compiled, warnings);
  let reverseCharge = false;
  if (businessId !== undefined) {
    if (r.b2b.treatment === "border") for (let i = 0; i < n; i++) decide(decisions, i, "border-collection", `Business customer: ${r.b2b.text}`);
    else reverseCharge = true;
  }

  // 5. Threshold outcome; where the law lets the supplier tax goods over the threshold too (NZ) and it does, they stay open.
  const overReason = overThresholdOption(input, compiled, warnings);
  const overTaxed: number[] = [];
  for (let i = 0; i < n; i++) {
    if (t.basis === "consignment") {
      if (!withinAll) decide(decisions, i, "border-collection", `Consignment intrinsic value ${testedText}${tx.overConsignmentTail}`);
    } else if (!within(itemValues[i]!, limit, t.inclusive)) {
      if (overReason !== undefined) overTaxed.push(i);
      else decide(decisions, i, "border-collection", `Item value ${fmt(itemValues[i]!, jdp)}${tx.overItemTail}`);
    }
  }

  // 6. Where the law allows it (AU s84-83): the seller expects the whole consignment to exceed the threshold.
  if (input.consignmentExceedsThreshold) {
    const why = r.consignmentExceedsThreshold;
    if (why !== null) for (let i = 0; i < n; i++) decide(decisions, i, "border-collection", why);
    else warnings.push({ code: "OPTION_IGNORED", message: `consignmentExceedsThreshold is not an option under ${r.jurisdiction} rules and was ignored.` });
  }

  // 7. Who would collect, and are they registered?
  let viaMarketplace = input.marketplace !== undefined && r.liability.order.includes("marketplace");
  // Where a marketplace is responsible only when registered (AU, NZ, SG, NO), one that says it is
  // not leaves the sale to the seller.
  const mpList = input.marketplace?.registeredIn;
  if (viaMarketplace && r.liability.marketplaceWhen === "registered" && mpList !== undefined && acceptedRegistration(r, mpList) === undefined) {
    viaMarketplace = false;
    compiled.local.unregisteredMarketplace!(r, warnings);
  }
  const party = viaMarketplace ? "marketplace" : "seller";
  // A scheme closed to sellers established in the jurisdiction (NO: VOEC) leaves their parcels to the border.
  const est = r.establishedRegistration;
  if (party === "seller" && est !== null && !est.schemeOpen && sellerEstablished(input, r)) {
    for (let i = 0; i < n; i++) decide(decisions, i, "border-collection", `The seller is established in ${r.jurisdiction}, and ${r.scheme} is not open to it: ${est.text}`);
  }
  const registration = registrationDuty(input, r, tables, viaMarketplace);
  const list = viaMarketplace ? input.marketplace?.registeredIn : input.seller.registeredIn;
  const accepted = list === undefined ? undefined : acceptedRegistration(r, list);
  const registered = list === undefined ? undefined : accepted !== undefined;
  if (decisions.includes(undefined)) {
    if (registered === undefined) {
      warnings.push({ code: "REGISTRATION_ASSUMED", message: tx.registrationAssumed[party] });
    } else if (!registered && !reverseCharge) {
      const kind = applicableRegistration(r, sellerEstablished(input, r)).kind;
      const mustRegister = kind === "first-sale" || (kind === "turnover" && party === "seller" && registration.required === true);
      if (mustRegister) {
        warnings.push({ code: "COLLECTOR_NOT_REGISTERED", message: `The ${party} is not registered for ${r.scheme} but must be: ${registration.reason}` });
      } else {
        const why =
          kind === "optional"
            ? `The ${party} has no ${r.scheme} registration, so no VAT is charged at checkout: ${r.registration.text}`
            : `The ${party} is not registered for ${r.scheme} and ${registration.required === false ? "is not required to register" : "was not shown to be required to register"}, so no tax is charged at checkout.`;
        if (kind !== "optional" && registration.required === null) {
          warnings.push({ code: "REGISTRATION_UNKNOWN", message: `Whether the ${party} must register could not be tested: ${registration.reason}` });
        }
        for (let i = 0; i < n; i++) decide(decisions, i, "border-collection", why);
      }
    }
  }

  // 8. Everything left is collected at checkout (or reverse-charged).
  const rest: LineRegime = reverseCharge ? "reverse-charge" : "vendor-collection";
  const restReason = reverseCharge ? `Business customer with ${r.b2b.idName ?? "a tax id"} (${businessId}): ${r.b2b.text}` : tx.vendorReason[party];
  if (!reverseCharge) for (const i of overTaxed) decide(decisions, i, rest, overReason!);
  for (let i = 0; i < n; i++) decide(decisions, i, rest, restReason);

  const out = decisions as LineDecision[];
  let anyVendor = false;
  let anyReverse = false;
  for (let i = 0; i < n; i++) {
    const d = out[i]!;
    if (t.basis === "item") {
      d.itemValue = itemValues[i]!;
      d.itemWithin = within(itemValues[i]!, limit, t.inclusive);
    }
    if (d.regime === "vendor-collection") anyVendor = true;
    else if (d.regime === "reverse-charge") anyReverse = true;
  }
  const collector: Collector = anyVendor ? party : anyReverse ? "customer" : "none";
  const scheme = accepted?.scheme ?? r.scheme;
  // Holding an accepted alternative (XI: the IOSS) discharges the duty to register for the main scheme.
  const duty: RegistrationDuty =
    accepted && accepted.scheme !== r.scheme && party === "seller"
      ? { required: false, reason: `The seller holds an ${accepted.scheme} registration, which covers these sales: ${accepted.text ?? ""}`.trim() }
      : registration;
  return { decisions: out, threshold, party, collector, registration: duty, scheme, schemeText: accepted?.text, intrinsicJ };
}
