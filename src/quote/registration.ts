/** Whether the seller must register in the destination, from the data's registration test. */
import { Decimal, money } from "../decimal.js";
import { vatAreaOf, type DestinationRules } from "../rules.js";
import type { NormalInput } from "./input.js";
import type { SegmentTables } from "./tables.js";
import type { RegistrationDuty } from "./types.js";

function meets(value: Decimal, limit: Decimal, comparison: ">=" | ">") {
  return comparison === ">=" ? value.gte(limit) : value.gt(limit);
}

/** The seller is established in the destination's jurisdiction (`seller.country` inside its VAT area), wherever the goods ship from. */
export function sellerEstablished(input: NormalInput, r: DestinationRules): boolean {
  const c = input.seller.country;
  return c !== undefined && vatAreaOf(c) === r.jurisdiction;
}

/**
 * The registration test that applies to this seller: the one for established sellers where the data
 * has one (GB: VATA Sch 1 turnover threshold, not the first-sale rule of Sch 1A), else the regime's.
 */
export function registrationTest(input: NormalInput, r: DestinationRules): DestinationRules["registration"] | NonNullable<DestinationRules["establishedRegistration"]> {
  return r.establishedRegistration !== null && sellerEstablished(input, r) ? r.establishedRegistration : r.registration;
}

export function registrationDuty(input: NormalInput, r: DestinationRules, tables: SegmentTables, viaMarketplace: boolean): RegistrationDuty {
  const reg = registrationTest(input, r);
  if (reg.kind === "optional") return { required: false, reason: reg.text };
  if (reg.kind === "first-sale") {
    return viaMarketplace
      ? { required: false, reason: `This sale goes through a marketplace that accounts for the tax; direct sales would oblige the seller to register from the first one. ${reg.text}` }
      : { required: true, reason: reg.text };
  }
  const { amount, amountText } = reg === r.registration ? tables.registration! : tables.establishedRegistration!;
  const currency = reg.currency!;
  const comparison = reg.comparison!;
  const threshold = { amount: amountText, currency, comparison, window: reg.window };
  const sales = input.seller.sales[r.jurisdiction];
  const counted = reg.marketplaceSalesCount ? "" : " Sales a marketplace accounts for do not count: give direct sales only.";
  if (sales === undefined) {
    return { required: null, reason: `Give seller.salesLast12Months.${r.jurisdiction} (in ${currency}) to test: ${reg.text}`, threshold };
  }
  const measured = { amount: money(sales, 2), currency };
  let required = meets(sales, amount, comparison);
  let reason = `Sales of ${measured.amount} ${currency} ${required ? "meet" : "do not meet"} the test ${comparison} ${threshold.amount} ${currency} (${reg.window}).${counted}`;
  if (reg !== r.registration) reason += ` ${reg.text}`;
  const also = "alsoRequires" in reg ? reg.alsoRequires : undefined;
  if (also) {
    const g = input.seller.globalTurnover;
    if (g === undefined) return { required: required ? null : false, reason: `${reason} The test also needs seller.globalTurnover (${also.currency}): ${also.text}`, threshold, measured };
    const second = meets(g, tables.registration!.alsoAmount!, also.comparison);
    reason += ` Global turnover ${money(g, 2)} ${also.currency} ${second ? "meets" : "does not meet"} ${also.comparison} ${also.amount} ${also.currency}.`;
    required = required && second;
  }
  return { required, reason, threshold, measured };
}
