/** Whether the seller must register in the destination, from the data's registration test. */
import { Decimal, money } from "../decimal.js";
import type { DestinationRules } from "../rules.js";
import type { NormalInput } from "./input.js";
import type { SegmentTables } from "./tables.js";
import type { RegistrationDuty } from "./types.js";

function meets(value: Decimal, limit: Decimal, comparison: ">=" | ">") {
  return comparison === ">=" ? value.gte(limit) : value.gt(limit);
}

/** quote()'s registration duty: the seller's figures from the normalised input. */
export function registrationDuty(input: NormalInput, r: DestinationRules, tables: SegmentTables, viaMarketplace: boolean): RegistrationDuty {
  return registrationTest(r, tables, { sales: input.seller.sales[r.jurisdiction], globalTurnover: input.seller.globalTurnover }, viaMarketplace);
}

/**
 * The data's registration test applied to the seller's figures (direct sales in the jurisdiction's
 * currency, and the global turnover where the test needs it). Pure: quote() and plan() both call it.
 */
export function registrationTest(
  r: DestinationRules,
  tables: SegmentTables,
  figures: { sales: Decimal | undefined; globalTurnover: Decimal | undefined },
  viaMarketplace: boolean,
): RegistrationDuty {
  const reg = r.registration;
  if (reg.kind === "optional") return { required: false, reason: reg.text };
  if (reg.kind === "first-sale") {
    return viaMarketplace
      ? { required: false, reason: `This sale goes through a marketplace that accounts for the tax; direct sales would oblige the seller to register from the first one. ${reg.text}` }
      : { required: true, reason: reg.text };
  }
  const { amount, amountText } = tables.registration!;
  const currency = reg.currency!;
  const comparison = reg.comparison!;
  const threshold = { amount: amountText, currency, comparison, window: reg.window };
  const sales = figures.sales;
  const counted = reg.marketplaceSalesCount ? "" : " Sales a marketplace accounts for do not count: give direct sales only.";
  if (sales === undefined) {
    return { required: null, reason: `Give seller.salesLast12Months.${r.jurisdiction} (in ${currency}) to test: ${reg.text}`, threshold };
  }
  const measured = { amount: money(sales, 2), currency };
  let required = meets(sales, amount, comparison);
  let reason = `Sales of ${measured.amount} ${currency} ${required ? "meet" : "do not meet"} the test ${comparison} ${threshold.amount} ${currency} (${reg.window}).${counted}`;
  const also = reg.alsoRequires;
  if (also) {
    const g = figures.globalTurnover;
    if (g === undefined) return { required: required ? null : false, reason: `${reason} The test also needs seller.globalTurnover (${also.currency}): ${also.text}`, threshold, measured };
    const second = meets(g, tables.registration!.alsoAmount!, also.comparison);
    reason += ` Global turnover ${money(g, 2)} ${also.currency} ${second ? "meets" : "does not meet"} ${also.comparison} ${also.amount} ${also.currency}.`;
    required = required && second;
  }
  return { required, reason, threshold, measured };
}
