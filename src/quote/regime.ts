/**
 * Which regime each line falls under, and who collects: the threshold test,
 * exclusions, business customers and the collector's registration.
 */
import { Decimal, money, roundTo } from "../decimal.js";
import type { CompiledRules, DestinationRules } from "../rules.js";
import type { NormalInput, NormalLine } from "./input.js";
import { registrationDuty } from "./registration.js";
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
  schemeText?: string;
}

const fmt = money;

/** Net value of one unit, tax removed when prices include it (unrounded). */
export function unitNet(line: NormalLine, rate: Decimal, pricesIncludeTax: boolean): Decimal {
  return pricesIncludeTax ? line.unitPrice.div(rate.plus(1)) : line.unitPrice;
}

/**
 * Intrinsic value of the goods in the quote currency, tax removed when prices include it (unrounded).
 * Tax-inclusive amounts are summed per rate and each sum divided once, so the value is exact
 * whenever it has a finite decimal expansion: dividing unit by unit (3 × 244.63 / 1.2 as
 * 3 × 203.8583…) landed a hair under a half cent (611.575) and rounded the wrong way.
 */
export function intrinsicValue(lines: readonly NormalLine[], rate: Readonly<Record<NormalLine["category"], Decimal>>, pricesIncludeTax: boolean): Decimal {
  const byRate = new Map<string, { rate: Decimal; amount: Decimal }>();
  for (const l of lines) {
    const r = pricesIncludeTax ? rate[l.category] : new Decimal(0);
    const key = r.toString();
    const g = byRate.get(key);
    const amount = l.unitPrice.times(l.quantity);
    if (g) g.amount = g.amount.plus(amount);
    else byRate.set(key, { rate: r, amount });
  }
  let sum = new Decimal(0);
  for (const g of byRate.values()) sum = sum.plus(pricesIncludeTax ? g.amount.div(g.rate.plus(1)) : g.amount);
  return sum;
}

function within(value: Decimal, limit: Decimal, inclusive: boolean) {
  return inclusive ? value.lte(limit) : value.lt(limit);
}

/**
 * The registration in `registeredIn` that lets the collector charge tax here: the
 * jurisdiction code or the scheme itself, else one the data accepts (XI: the IOSS).
 */
function acceptedRegistration(r: DestinationRules, list: readonly string[]): { scheme: DestinationRules["scheme"]; text?: string } | undefined {
  if (list.includes(r.jurisdiction) || list.includes(r.scheme)) return { scheme: r.scheme };
  return r.acceptedRegistrations.find((a) => a.names.some((n) => list.includes(n)));
}

export function decideRegimes(
  input: NormalInput,
  compiled: CompiledRules,
  fx: Decimal,
  warn: (w: Warning) => void,
  explain: (s: ExplanationStep) => void,
): RegimeOutcome {
  const r = compiled.rules;
  const t = r.threshold;
  const jdp = 2; // every threshold currency in the data (AUD, NZD, NOK, GBP, SGD, EUR) has 2 minor units
  const source = r.sources[0];
  const lines = input.lines;
  const decisions: (LineDecision | undefined)[] = lines.map(() => undefined);
  const excludedCats: readonly string[] = r.exclusions.categories;
  const isExcluded = (l: NormalLine) => l.excise || excludedCats.includes(l.category);
  const decide = (i: number, regime: LineRegime, reason: string) => {
    decisions[i] ??= { regime, reason };
  };

  // 1. Threshold test, on the value the law tests (tax, transport and insurance are never in unitPrice's net).
  let tested: Decimal;
  let withinAll: boolean;
  const itemValues: Decimal[] = [];
  if (t.basis === "consignment") {
    tested = roundTo(intrinsicValue(lines, compiled.rate, input.pricesIncludeTax).times(fx), jdp);
    withinAll = within(tested, compiled.thresholdAmount, t.inclusive);
  } else {
    tested = new Decimal(0);
    for (const l of lines) {
      const v = roundTo(unitNet(l, compiled.rate[l.category], input.pricesIncludeTax).times(fx), jdp);
      itemValues.push(v);
      if (v.gt(tested)) tested = v;
    }
    withinAll = within(tested, compiled.thresholdAmount, t.inclusive);
  }
  const cmp = t.inclusive ? "≤" : "<";
  const threshold: ThresholdTest = {
    amount: fmt(compiled.thresholdAmount, jdp),
    currency: t.currency,
    basis: t.basis,
    inclusive: t.inclusive,
    tested: fmt(tested, jdp),
    within: withinAll,
    ...(input.currency !== t.currency ? { exchangeRate: fx.toString() } : {}),
    fxRule: t.fx.source,
  };
  const rateNote = input.currency !== t.currency ? ` (converted from ${input.currency} at ${fx.toString()}; ${t.fx.text})` : "";
  explain({
    step: "threshold",
    detail:
      t.basis === "consignment"
        ? `Intrinsic value of the consignment (goods only, ${t.excludes.join(", ")} excluded) = ${fmt(tested, jdp)} ${t.currency}${rateNote}; test ${cmp} ${threshold.amount} ${t.currency}: ${withinAll ? "within" : "above"} the threshold.`
        : `Each item is tested on its own value (${t.excludes.join(", ")} excluded)${rateNote}: ${lines
            .map((l, i) => `${l.id} ${fmt(itemValues[i]!, jdp)} ${t.currency} ${within(itemValues[i]!, compiled.thresholdAmount, t.inclusive) ? "within" : "above"}`)
            .join("; ")} (limit ${cmp} ${threshold.amount} ${t.currency}).`,
    ...(source ? { source } : {}),
  });

  // 2. Places outside the VAT area.
  if (!r.inVatArea) {
    const why = `${r.name} is outside the ${r.jurisdiction} VAT area: no ${r.jurisdiction} VAT applies under this regime.${r.territory?.note ? ` ${r.territory.note}` : ""}`;
    lines.forEach((_, i) => decide(i, "out-of-scope", why));
  }

  // 3. Excluded goods.
  const excluded = lines.map(isExcluded);
  if (excluded.some(Boolean)) {
    if (r.exclusions.scope === "consignment") lines.forEach((_, i) => decide(i, "border-collection", `The order contains excluded goods: ${r.exclusions.text}`));
    else lines.forEach((l, i) => excluded[i] && decide(i, "border-collection", `Excluded goods (${l.category}${l.excise ? ", excise" : ""}): ${r.exclusions.text}`));
  }

  // 4. Business customers.
  const business = input.customer.type === "business";
  let reverseCharge = false;
  if (business) {
    if (r.b2b.treatment === "border") lines.forEach((_, i) => decide(i, "border-collection", `Business customer: ${r.b2b.text}`));
    else if (input.customer.taxId) reverseCharge = true;
    else warn({ code: "BUSINESS_WITHOUT_TAX_ID", message: `A business customer without a tax id is treated as a consumer; ${r.b2b.text}` });
  }

  // 5. Threshold outcome.
  lines.forEach((l, i) => {
    const ok = t.basis === "consignment" ? withinAll : within(itemValues[i]!, compiled.thresholdAmount, t.inclusive);
    if (!ok) {
      decide(
        i,
        "border-collection",
        t.basis === "consignment"
          ? `Consignment intrinsic value ${threshold.tested} ${t.currency} is above the ${threshold.amount} ${t.currency} threshold: tax is due at import.`
          : `Item value ${fmt(itemValues[i]!, jdp)} ${t.currency} is not ${cmp} ${threshold.amount} ${t.currency}: tax is due at import.`,
      );
    }
  });

  // 6. AU s84-83: the seller expects the whole consignment to be a taxable importation.
  if (input.consignmentExceedsThreshold) {
    if (r.jurisdiction === "AU") {
      lines.forEach((_, i) =>
        decide(i, "border-collection", "The seller reasonably expects the consignment to be imported as a taxable importation (over AUD 1,000), so no GST is charged at checkout (GST Act s84-83); GST is collected at the border."),
      );
    } else warn({ code: "OPTION_IGNORED", message: "consignmentExceedsThreshold applies to Australia (s84-83) only and was ignored." });
  }

  // 7. Who would collect, and are they registered?
  const viaMarketplace = input.marketplace !== undefined && r.liability.order.includes("marketplace");
  const party = viaMarketplace ? "marketplace" : "seller";
  const registration = registrationDuty(input, r, viaMarketplace);
  const list = viaMarketplace ? input.marketplace?.registeredIn : input.seller.registeredIn;
  const accepted = list === undefined ? undefined : acceptedRegistration(r, list);
  const registered = list === undefined ? undefined : accepted !== undefined;
  const pending = lines.map((_, i) => decisions[i] === undefined);
  if (pending.some(Boolean)) {
    if (registered === undefined) {
      warn({ code: "REGISTRATION_ASSUMED", message: `The ${party}'s registrations were not given; it is assumed to hold the ${r.scheme} registration (${r.schemeName}).` });
    } else if (!registered && !reverseCharge) {
      const kind = r.registration.kind;
      const mustRegister = kind === "first-sale" || (kind === "turnover" && party === "seller" && registration.required === true);
      if (mustRegister) {
        warn({ code: "COLLECTOR_NOT_REGISTERED", message: `The ${party} is not registered for ${r.scheme} but must be: ${registration.reason}` });
      } else {
        const why =
          kind === "optional"
            ? `The ${party} has no ${r.scheme} registration, so no VAT is charged at checkout: ${r.registration.text}`
            : `The ${party} is not registered for ${r.scheme} and ${registration.required === false ? "is not required to register" : "was not shown to be required to register"}, so no tax is charged at checkout.`;
        if (kind !== "optional" && registration.required === null) {
          warn({ code: "REGISTRATION_UNKNOWN", message: `Whether the ${party} must register could not be tested: ${registration.reason}` });
        }
        lines.forEach((_, i) => pending[i] && decide(i, "border-collection", why));
      }
    }
  }

  // 8. Everything left is collected at checkout (or reverse-charged).
  lines.forEach((_, i) =>
    decide(
      i,
      reverseCharge ? "reverse-charge" : "vendor-collection",
      reverseCharge
        ? `Business customer with ${r.b2b.idName ?? "a tax id"} (${input.customer.taxId}): ${r.b2b.text}`
        : `Within the threshold and covered by the regime: the ${party} charges ${r.jurisdiction} tax at checkout.`,
    ),
  );

  const out = decisions as LineDecision[];
  if (t.basis === "item") {
    out.forEach((d, i) => {
      d.itemValue = itemValues[i]!;
      d.itemWithin = within(itemValues[i]!, compiled.thresholdAmount, t.inclusive);
    });
  }
  const anyVendor = out.some((d) => d.regime === "vendor-collection");
  const anyReverse = out.some((d) => d.regime === "reverse-charge");
  const collector: Collector = anyVendor ? party : anyReverse ? "customer" : "none";
  const scheme = accepted?.scheme ?? r.scheme;
  // Holding an accepted alternative (XI: the IOSS) discharges the duty to register for the main scheme.
  const duty: RegistrationDuty =
    accepted && accepted.scheme !== r.scheme && party === "seller"
      ? { required: false, reason: `The seller holds an ${accepted.scheme} registration, which covers these sales: ${accepted.text ?? ""}`.trim() }
      : registration;
  return { decisions: out, threshold, party, collector, registration: duty, scheme, ...(accepted?.text ? { schemeText: accepted.text } : {}) };
}
