/** Whether the seller must register in the destination, from the data's registration test. */
import { Decimal, money } from "../decimal.js";
import type { DestinationRules } from "../rules.js";
import type { NormalInput } from "./input.js";
import type { SegmentTables } from "./tables.js";
import type { RegistrationDuty } from "./types.js";

/** `value` meets `limit` by the data's comparison: at least (">=") or more than (">"). */
export function meets(value: Decimal, limit: Decimal, comparison: ">=" | ">") {
  return comparison === ">=" ? value.gte(limit) : value.gt(limit);
}

/** The seller is established in the destination's jurisdiction (`seller.country` inside its VAT area), wherever the goods ship from. */
export function sellerEstablished(input: NormalInput, r: DestinationRules): boolean {
  return input.seller.vatArea !== undefined && input.seller.vatArea === r.jurisdiction;
}

/**
 * The test that applies: the one for sellers established in the jurisdiction where the data has one
 * (GB: VATA Sch 1 turnover threshold, not the first-sale rule of Sch 1A), else the regime's.
 */
export function applicableRegistration(r: DestinationRules, established: boolean): DestinationRules["registration"] | NonNullable<DestinationRules["establishedRegistration"]> {
  return established && r.establishedRegistration !== null ? r.establishedRegistration : r.registration;
}

/** quote()'s registration duty: the seller's figures from the normalised input. */
export function registrationDuty(input: NormalInput, r: DestinationRules, tables: SegmentTables, viaMarketplace: boolean): RegistrationDuty {
  const figures = { sales: input.seller.sales[r.jurisdiction], globalTurnover: input.seller.globalTurnover, established: sellerEstablished(input, r) };
  return registrationTest(r, tables, figures, viaMarketplace);
}

/**
 * The data's registration test applied to the seller's figures (direct sales in the jurisdiction's
 * currency, the global turnover where the test needs it, and whether the seller is established in the
 * jurisdiction, which can change the test). Pure: quote() and plan() both call it.
 */
export function registrationTest(
  r: DestinationRules,
  tables: SegmentTables,
  figures: { sales: Decimal | undefined; globalTurnover: Decimal | undefined; established?: boolean },
  viaMarketplace: boolean,
): RegistrationDuty {
  const reg = applicableRegistration(r, figures.established === true);
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
  const sales = figures.sales;
  const counted = reg.marketplaceSalesCount ? "" : " Sales a marketplace accounts for do not count: give direct sales only.";
  if (sales === undefined) {
    return { required: null, reason: `Give seller.salesLast12Months.${r.jurisdiction} (in ${currency}) to test: ${reg.text}`, threshold };
  }
  const measured = { amount: money(sales, 2), currency };
  const required = meets(sales, amount, comparison);
  let reason = `Sales of ${measured.amount} ${currency} ${required ? "meet" : "do not meet"} the test ${comparison} ${threshold.amount} ${currency} (${reg.window}).${counted}`;
  if (reg !== r.registration) reason += ` ${reg.text}`;
  const also = "alsoRequires" in reg ? reg.alsoRequires : undefined;
  if (also) return tables.local.alsoRequires!({ required, reason, threshold, measured }, also, figures.globalTurnover, tables);
  return { required, reason, threshold, measured };
}
