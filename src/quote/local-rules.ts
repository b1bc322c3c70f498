/**
 * Rules that only some jurisdictions' data have, each implemented once here and bound per
 * entry point, as the tax-id formats are: `destination-vat/gb` carries no code for New
 * Zealand's over-threshold option, the default entry carries all of it. A data period that
 * uses one of these rules on a rule set that did not bind its code is a build mistake
 * (`missingLocalRule` throws; the generated entry points bind what their data uses).
 */
import { Decimal, money } from "../decimal.js";
import type { PostcodeTerritory, Territory } from "../data/types.js";
import type { DestinationEntry, DestinationRules } from "../rules.js";
import { borderFees } from "./fees.js";
import type { NormalInput } from "./input.js";
import { meets } from "./registration.js";
import type { SegmentTables } from "./tables.js";
import type { RegistrationDuty, Warning } from "./types.js";

export interface LocalRules {
  /** NZ (data `goodsOverThreshold`): the supplier may charge the tax at checkout on goods over the threshold too. */
  goodsOverThreshold?: typeof goodsOverThreshold;
  /** SG (data `registration.alsoRequires`): the registration test's second figure, the worldwide turnover. */
  alsoRequires?: typeof alsoRequires;
  /** AU, NZ, NO, SG (data `liability.marketplaceWhen: "registered"`): a marketplace is the collector only when registered. */
  unregisteredMarketplace?: typeof unregisteredMarketplace;
  /** EU, NZ (data `fees`): per-parcel charges at the border (./fees.ts). */
  borderFees?: typeof borderFees;
  /** EU (data `postcodeTerritories`): places outside the VAT area known by postcode alone (Heligoland, Livigno, …). */
  postcodePlaces?: typeof postcodePlaces;
}

export { borderFees };

/** What a rule set binds for each kind of data (scripts/render-entry.ts): the local rules a jurisdiction's rule periods use. */
export function localRulesUsed(
  rules: readonly { goodsOverThreshold?: unknown; registration: { alsoRequires?: unknown }; liability: { marketplaceWhen: string } }[],
  fees: readonly unknown[],
  destinations: readonly { postcodeTerritories?: unknown }[],
): (keyof LocalRules)[] {
  const used = new Set<keyof LocalRules>();
  if (fees.length) used.add("borderFees");
  if (destinations.some((d) => d.postcodeTerritories)) used.add("postcodePlaces");
  for (const r of rules) {
    if (r.goodsOverThreshold) used.add("goodsOverThreshold");
    if (r.registration.alsoRequires) used.add("alsoRequires");
    if (r.liability.marketplaceWhen === "registered") used.add("unregisteredMarketplace");
  }
  return [...used].sort();
}

/**
 * Whether the caller's chargeGoodsOverThreshold applies: the data's option and its conditions
 * (share of low-value supplies by value, or the authority's approval): the reason for the lines
 * it taxes at checkout, or undefined with a warning when it cannot apply.
 */
export function goodsOverThreshold(given: NonNullable<NormalInput["chargeGoodsOverThreshold"]>, option: NonNullable<DestinationRules["goodsOverThreshold"]>, warnings: Warning[]): string | undefined {
  if (given.approved && option.orApproval) return `Over the threshold, but the supplier charges the tax at checkout with the authority's approval: ${option.text}`;
  const share = given.lowValueShare;
  if (share !== undefined && share.gte(new Decimal(option.minLowValueShare))) {
    return `Over the threshold, but the supplier charges the tax at checkout: low-value goods are ${share.toString()} of its supplies by value (at least ${option.minLowValueShare}). ${option.text}`;
  }
  warnings.push({
    code: "OPTION_CONDITIONS_NOT_MET",
    message: `chargeGoodsOverThreshold was not applied: ${share === undefined ? "give lowValueShare (the share of low-value goods in the supplier's supplies by value) or approved: true" : `a low-value share of ${share.toString()} is below ${option.minLowValueShare}`}. ${option.text}`,
  });
  return undefined;
}

/**
 * The registration test's second figure: the duty holds only when the worldwide turnover meets it
 * too. `duty` is the first test's outcome, whose reason this continues.
 */
export function alsoRequires(
  duty: RegistrationDuty & { threshold: NonNullable<RegistrationDuty["threshold"]> },
  also: NonNullable<DestinationRules["registration"]["alsoRequires"]>,
  globalTurnover: Decimal | undefined,
  tables: SegmentTables,
): RegistrationDuty {
  if (globalTurnover === undefined) return { ...duty, required: duty.required ? null : false, reason: `${duty.reason} The test also needs seller.globalTurnover (${also.currency}): ${also.text}` };
  const second = meets(globalTurnover, tables.registration!.alsoAmount!, also.comparison);
  return {
    ...duty,
    required: duty.required === true && second,
    reason: `${duty.reason} Global turnover ${money(globalTurnover, 2)} ${also.currency} ${second ? "meets" : "does not meet"} ${also.comparison} ${also.amount} ${also.currency}.`,
  };
}

/** Where a marketplace collects only when registered, one that holds no registration the data accepts leaves the sale to the seller: the warning that says so. */
export function unregisteredMarketplace(r: DestinationRules, warnings: Warning[]): void {
  warnings.push({
    code: "MARKETPLACE_NOT_RESPONSIBLE",
    message: `The marketplace is not registered for ${r.scheme}; under ${r.jurisdiction} rules it is responsible only when registered (or required to be), so the seller is taken as the collector. If the marketplace must register, it collects instead.`,
  });
}

/** The outside-the-VAT-area entry of a place known by postcode only: taxed like a territory outside (no destination VAT, no charges); rules.ts gives it its segments. */
function postcodeEntry(of: DestinationEntry, t: PostcodeTerritory): DestinationEntry {
  const territory: Territory = { code: of.code, name: t.name, treatment: "outside", of: of.code, sources: t.sources, ...(t.note ? { note: t.note } : {}) };
  const { postcodes: _none, ...base } = of;
  return { ...base, territory, fees: [], segments: [] };
}

/** The entry of the place whose postcode range holds `postalCode` (spaces and dashes ignored: "630 86"), if any. */
function postcodePlace(places: NonNullable<DestinationEntry["postcodes"]>, postalCode: string): DestinationEntry | undefined {
  const code = postalCode.replace(/[\s-]/g, "");
  for (const p of places) for (const r of p.territory.postcodes) if (code.length === r.from.length && code >= r.from && code <= r.to) return p.entry;
  return undefined;
}

/** quote()'s POSTAL_CODE_MISSING message for a destination with such places. */
function postcodeNotice(e: DestinationEntry): string {
  const places = e.postcodes!.map((p) => `${p.territory.name} ${p.territory.postcodes.map((r) => (r.from === r.to ? r.from : `${r.from}-${r.to}`)).join(", ")}`);
  return `${e.code} has places outside its VAT area that only the postcode tells apart (${places.join("; ")}); without postalCode this quote taxes the parcel as mainland ${e.code}.`;
}

/** The places a destination's postcode alone tells apart, as rules.ts reads them. */
export const postcodePlaces = { entry: postcodeEntry, place: postcodePlace, notice: postcodeNotice };
