/**
 * Rule lookup: which rates, threshold and rules apply to a destination on a date.
 *
 * The generated data is indexed once, on first use, into per-destination *segments*:
 * the spans between consecutive dates at which anything for that destination changes
 * (a rule period, a category rate or a fee). A lookup is a map hit plus a binary search,
 * and each segment's rules object is built once and then shared (frozen).
 */
import { CATEGORIES } from "./data/categories.js";
import type { Category, EstablishedRegistration, GeneratedFee, JurisdictionData, PendingChange, PostcodeTerritory, RatePeriod, RulePeriod, Source, Territory } from "./data/types.js";
import { Decimal } from "./decimal.js";
import { VatError, describeValue, invalid } from "./errors.js";
import { withReference } from "./data/reference.js";
import { ALL_JURISDICTIONS, ALL_REFERENCES, DATA_VERSION, STALE_AFTER_MONTHS } from "./generated/index.js";
import { addMonths, isCalendarDate, nextDay } from "./dates.js";
import type { SegmentTables } from "./quote/tables.js";
import { NATIONAL, type TaxIdFormats } from "./tax-id/formats.js";
import { alsoRequires, borderFees, goodsOverThreshold, postcodePlaces, unregisteredMarketplace, type LocalRules } from "./quote/local-rules.js";

export type Jurisdiction = JurisdictionData["jurisdiction"];

/**
 * The rules in force for one destination on one date (plain JSON).
 * @category Lookup
 */
export interface DestinationRules {
  jurisdiction: Jurisdiction;
  /** Canonical destination code (aliases resolved: UK → GB, EL → GR). */
  destination: string;
  name: string;
  /** Whose rates and return row apply (Monaco → FR); equals `destination` otherwise. */
  taxedAs: string;
  /** false for places outside the VAT area (Canary Islands, Åland, …): no destination VAT under this regime. */
  inVatArea: boolean;
  currency: string;
  standardRate: string;
  rates: Record<Category, string>;
  threshold: {
    amount: string;
    currency: string;
    basis: "item" | "consignment";
    inclusive: boolean;
    excludes: string[];
    fx: { source: string; text: string };
  };
  /** The registration test for sellers not established in the jurisdiction (the regime's own). */
  registration: Omit<RulePeriod["registration"], "established">;
  /** The test for a seller established in the jurisdiction, where it differs (GB: VATA Sch 1 threshold), else null. */
  establishedRegistration: Omit<EstablishedRegistration, "from" | "to" | "sources" | "note"> | null;
  returnPeriod: "monthly" | "quarterly";
  returns: RulePeriod["returns"];
  scheme: RulePeriod["scheme"];
  schemeName: string;
  /** Other registrations under which the collector may charge tax at checkout (XI: the IOSS). */
  acceptedRegistrations: NonNullable<RulePeriod["acceptedRegistrations"]>;
  deliveryTaxed: boolean;
  /** Why checkout tax is skipped when the caller says the consignment will exceed the threshold; null where the law has no such option. */
  consignmentExceedsThreshold: string | null;
  /** When the supplier may charge tax at checkout on goods over the threshold (NZ), with its conditions; null where the law has no such option. */
  goodsOverThreshold: { minLowValueShare: string; orApproval: boolean; text: string } | null;
  /** What makes several sales one consignment and what follows when together they exceed the threshold; null for per-item regimes where it changes nothing at checkout. */
  consignment: { text: string; consequence: string; sources: Source[] } | null;
  exclusions: RulePeriod["exclusions"];
  liability: RulePeriod["liability"];
  b2b: RulePeriod["b2b"];
  rounding: RulePeriod["rounding"];
  border: RulePeriod["border"];
  fees: GeneratedFee[];
  /** First day of this rule set. */
  from: string;
  /** First day it no longer applies (exclusive), or null when open-ended. */
  to: string | null;
  dataVersion: string;
  /** The day these values were last checked against their sources (the older of the jurisdiction's and the member state's). */
  reviewedAt: string;
  /**
   * `DATA_MAY_BE_STALE` when the date asked lies more than the edition's `staleAfterMonths` after
   * `reviewedAt`, or on or after a scheduled change the data does not contain yet; else empty.
   */
  warnings: { code: string; message: string }[];
  /** Places inside this destination outside its VAT area, told apart only by postcode (give `postalCode`). */
  postcodeTerritories: { name: string; postcodes: { from: string; to: string }[] }[];
  /** Every source URL behind these rules and rates. */
  sources: string[];
  /** The destination's own tax or customs authority pages on the regime (a member state's, for the EU), where the data has one; also in `sources`. */
  nationalSources: string[];
  /** Sources per category rate. */
  rateSources: Record<Category, Source[]>;
  notes: string[];
  territory?: { code: string; name: string; treatment: Territory["treatment"]; of: string; note?: string };
}

/** From `from` on (within the segment), these staleness warnings apply; `rules` is rulesFor()'s copy carrying them. */
export interface StaleStep {
  from: string;
  warnings: { code: string; message: string }[];
  rules?: DestinationRules;
}

/** Decimal constants for the calculator, built once per segment. */
export interface CompiledRules {
  rules: DestinationRules;
  /** Staleness warnings by date, ascending and cumulative; usually empty (see staleWarningsAt). */
  staleness: StaleStep[];
  /** quote()'s POSTAL_CODE_MISSING message when the destination has postcode territories and none was given. */
  postcodeNotice: string | undefined;
  rate: Record<Category, Decimal>;
  thresholdAmount: Decimal;
  /** quote()'s own per-segment tables (src/quote/tables.ts), built on the segment's first quote. */
  tables?: SegmentTables;
  /** The tax-id formats of the rule set this was compiled from (see RuleSet.taxIds). */
  taxIds: TaxIdFormats;
  /** The code of its rules that only some jurisdictions have (see RuleSet.local). */
  local: LocalRules;
}

interface Segment {
  from: string;
  to: string | null;
  compiled?: CompiledRules;
}

/** @internal */
export interface DestinationEntry {
  jurisdiction: JurisdictionData;
  code: string;
  taxedAs: string;
  rateTable: Partial<Record<Category, RatePeriod[]>>;
  rules: RulePeriod[];
  fees: GeneratedFee[];
  territory?: Territory;
  /** The destination's own note (a member-state file's: regional rates, local levies, places outside its VAT area). */
  note?: string;
  /** The older of the jurisdiction's and the destination file's reviewedAt. */
  reviewedAt: string;
  /** Places outside the VAT area told apart by postcode, each with its own (outside) entry. */
  postcodes?: { territory: PostcodeTerritory; entry: DestinationEntry }[];
  /** The destination's own authority pages (a member-state file's). */
  sources?: Source[];
  segments: Segment[];
}

/**
 * One data set to look rules up in, indexed on first use: all jurisdictions (the default
 * entry) or one (`destination-vat/au`, …); its tables alone (quote()) or joined with their
 * reference part (rulesFor(), which returns every source and note).
 * @internal
 */
export interface RuleSet {
  load: () => readonly JurisdictionData[];
  /** The formats of the identifiers its B2B rules require (`b2b.taxId.kinds`): each entry point binds only its own. */
  taxIds?: TaxIdFormats;
  /** The code of the rules only some jurisdictions' data have (src/quote/local-rules.ts): each entry point binds its own data's. */
  local?: LocalRules;
  index?: Map<string, DestinationEntry>;
  aliases?: Map<string, string>;
}

/** Every local rule (src/quote/local-rules.ts): the default entry and the sets rulesFor(), plan() and the returns read bind them all. */
const ALL_LOCAL_RULES: LocalRules = { goodsOverThreshold, alsoRequires, unregisteredMarketplace, borderFees, postcodePlaces };

/** Every jurisdiction's tables: what the default entry's quote() reads. @internal */
export const ALL_TABLES: RuleSet = { load: () => ALL_JURISDICTIONS, taxIds: NATIONAL, local: ALL_LOCAL_RULES };
/** Every jurisdiction with all its sources and notes: what rulesFor() and the returns read. @internal */
export const ALL_RULES: RuleSet = { load: () => ALL_JURISDICTIONS.map((j) => withReference(j as JurisdictionData, ALL_REFERENCES[j.jurisdiction])), local: ALL_LOCAL_RULES };

function inForce(p: { from: string; to?: string | undefined }, date: string) {
  return p.from <= date && (p.to === undefined || date < p.to);
}

function buildIndex(set: RuleSet) {
  const map = new Map<string, DestinationEntry>();
  const alias = new Map<string, string>();
  const data = set.load();
  for (const j of data) {
    for (const d of j.destinations) {
      const entry: DestinationEntry = {
        jurisdiction: j,
        code: d.code,
        taxedAs: d.code,
        rateTable: d.rates,
        rules: d.rules ?? j.rules,
        fees: j.fees.filter((f) => f.destination === undefined || f.destination === d.code),
        ...(d.note ? { note: d.note } : {}),
        reviewedAt: d.reviewedAt !== undefined && d.reviewedAt < j.reviewedAt ? d.reviewedAt : j.reviewedAt,
        ...(d.sources ? { sources: d.sources } : {}),
        segments: [],
      };
      entry.segments = segmentsOf(entry);
      if (d.postcodeTerritories) {
        entry.postcodes = d.postcodeTerritories.map((t) => ({ territory: t, entry: set.local!.postcodePlaces!.entry(entry, t) }));
        for (const p of entry.postcodes) p.entry.segments = segmentsOf(p.entry);
      }
      map.set(d.code, entry);
    }
    for (const [a, target] of Object.entries(j.aliases)) alias.set(a, target);
  }
  for (const j of data) {
    for (const t of j.territories) {
      const of = map.get(t.of)!;
      const outside = t.treatment === "outside";
      // Outside the VAT area no destination charge of ours applies (local taxes are not modelled).
      const entry: DestinationEntry = { ...of, code: t.code, territory: t, taxedAs: outside ? t.code : t.of, fees: outside ? [] : of.fees, segments: [] };
      entry.segments = segmentsOf(entry);
      map.set(t.code, entry);
    }
  }
  set.index = map;
  set.aliases = alias;
  return map;
}

/** Every date at which something for this destination changes, as half-open segments. */
function segmentsOf(e: DestinationEntry): Segment[] {
  const dates = new Set<string>();
  const add = (p: { from: string; to?: string | undefined }) => {
    dates.add(p.from);
    if (p.to) dates.add(p.to);
  };
  e.rules.forEach(add);
  for (const r of e.rules) r.registration.established?.forEach(add);
  for (const periods of Object.values(e.rateTable)) periods?.forEach(add);
  e.fees.forEach(add);
  const start = e.rules[0]!.from;
  const sorted = [...dates].filter((d) => d >= start).sort();
  return sorted.map((from, i) => ({ from, to: sorted[i + 1] ?? null }));
}

function compile(e: DestinationEntry, seg: Segment, set: RuleSet): CompiledRules {
  const date = seg.from;
  const rule = e.rules.find((r) => inForce(r, date))!;
  const outside = e.territory?.treatment === "outside";
  const standardPeriod = e.rateTable.standard!.find((p) => inForce(p, date))!;
  const rates = {} as Record<Category, string>;
  const rateSources = {} as Record<Category, Source[]>;
  const notes: string[] = [];
  for (const c of CATEGORIES) {
    const p = e.rateTable[c]!.find((q) => inForce(q, date))!;
    rates[c] = outside ? "0" : p.rate === "standard" ? standardPeriod.rate : p.rate;
    rateSources[c] = p.sources;
    if (p.note) notes.push(`${c}: ${p.note}`);
  }
  if (e.note) notes.unshift(e.note);
  if (rule.note) notes.unshift(rule.note);
  if (e.territory?.note) notes.unshift(e.territory.note);
  const fees = e.fees.filter((f) => inForce(f, date));
  const sources = new Set<string>();
  // Outside the VAT area the member state's pages on its VAT do not apply.
  const national = outside ? [] : (e.sources ?? []).map((s) => s.url);
  for (const s of rule.sources) sources.add(s.url);
  for (const s of national) sources.add(s);
  for (const s of rule.consignment?.sources ?? []) sources.add(s.url);
  for (const c of CATEGORIES) for (const s of rateSources[c]) sources.add(s.url);
  for (const f of fees) for (const s of f.sources) sources.add(s.url);
  if (e.territory) for (const s of e.territory.sources) sources.add(s.url);
  const { established, ...registration } = rule.registration;
  const est = established?.find((p) => inForce(p, date));
  if (est) for (const s of est.sources) sources.add(s.url);
  if (rule.goodsOverThreshold) for (const s of rule.goodsOverThreshold.sources) sources.add(s.url);
  const destinationName = e.territory?.name ?? e.jurisdiction.destinations.find((d) => d.code === e.code)!.name;

  const rules: DestinationRules = {
    jurisdiction: e.jurisdiction.jurisdiction,
    destination: e.code,
    name: destinationName,
    taxedAs: e.taxedAs,
    inVatArea: !outside,
    currency: e.jurisdiction.currency,
    standardRate: rates.standard,
    rates,
    threshold: { ...rule.threshold },
    registration,
    establishedRegistration: est
      ? { kind: est.kind, amount: est.amount, currency: est.currency, comparison: est.comparison, window: est.window, marketplaceSalesCount: est.marketplaceSalesCount, schemeOpen: est.schemeOpen, text: est.text }
      : null,
    returnPeriod: rule.returns.period,
    returns: rule.returns,
    scheme: rule.scheme,
    schemeName: rule.schemeName,
    acceptedRegistrations: rule.acceptedRegistrations ?? [],
    deliveryTaxed: rule.deliveryTaxed,
    consignmentExceedsThreshold: rule.consignmentExceedsThreshold?.text ?? null,
    goodsOverThreshold: rule.goodsOverThreshold
      ? { minLowValueShare: rule.goodsOverThreshold.minLowValueShare, orApproval: rule.goodsOverThreshold.orApproval, text: rule.goodsOverThreshold.text }
      : null,
    consignment: rule.consignment ?? null,
    exclusions: rule.exclusions,
    liability: rule.liability,
    b2b: rule.b2b,
    rounding: rule.rounding,
    border: rule.border,
    fees,
    from: seg.from,
    to: seg.to,
    dataVersion: DATA_VERSION,
    reviewedAt: e.reviewedAt,
    warnings: [],
    postcodeTerritories: (e.postcodes ?? []).map((p) => ({ name: p.territory.name, postcodes: p.territory.postcodes })),
    sources: [...sources],
    nationalSources: national,
    rateSources,
    notes,
    ...(e.territory
      ? { territory: { code: e.territory.code, name: e.territory.name, treatment: e.territory.treatment, of: e.territory.of, ...(e.territory.note ? { note: e.territory.note } : {}) } }
      : {}),
  };
  const rate = {} as Record<Category, Decimal>;
  for (const c of CATEGORIES) rate[c] = new Decimal(rates[c]);
  return { rules: deepFreeze(rules), rate, thresholdAmount: new Decimal(rule.threshold.amount), taxIds: set.taxIds ?? {}, local: set.local ?? {}, staleness: stalenessSteps(e, seg), postcodeNotice: e.postcodes && set.local!.postcodePlaces!.notice(e) };
}

/**
 * The segment's DATA_MAY_BE_STALE warnings by date: from the day after reviewedAt + the edition's
 * staleAfterMonths, and from each pending change's date. Worked out once per segment, so a quote
 * only compares its date with `steps[0].from` (string order is date order).
 */
function stalenessSteps(e: DestinationEntry, seg: Segment): StaleStep[] {
  const edition = `edition ${DATA_VERSION}, reviewed ${e.reviewedAt}`;
  const marks: { from: string; message: string }[] = [];
  const staleFrom = nextDay(addMonths(e.reviewedAt, STALE_AFTER_MONTHS));
  marks.push({
    from: staleFrom,
    message: `The ${e.code} data (edition ${DATA_VERSION}) was last checked against its sources on ${e.reviewedAt}; dates after ${addMonths(e.reviewedAt, STALE_AFTER_MONTHS)} lie more than ${STALE_AFTER_MONTHS} months later, and rates or rules may have changed since. Use a newer edition of the package.`,
  });
  const pending: readonly PendingChange[] = e.jurisdiction.pendingChanges ?? [];
  for (const c of pending) marks.push({ from: c.date, message: `A change scheduled for ${c.date} is not in the ${e.code} data (${edition}): ${c.text}` });
  marks.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const steps: StaleStep[] = [];
  const warnings: { code: string; message: string }[] = [];
  for (const m of marks) {
    if (seg.to !== null && m.from >= seg.to) break;
    warnings.push({ code: "DATA_MAY_BE_STALE", message: m.message });
    const from = m.from < seg.from ? seg.from : m.from;
    const last = steps[steps.length - 1];
    if (last && last.from === from) last.warnings = deepFreeze([...warnings]);
    else steps.push({ from, warnings: deepFreeze([...warnings]) });
  }
  return steps;
}

/** The staleness step `date` falls in within this segment, or undefined while the data is fresh (the usual case: one comparison). @internal */
export function staleStepAt(compiled: CompiledRules, date: string): StaleStep | undefined {
  const steps = compiled.staleness;
  if (steps.length === 0 || date < steps[0]!.from) return undefined;
  let i = steps.length - 1;
  while (steps[i]!.from > date) i--;
  return steps[i];
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

/** Dates already found to be calendar dates: checkout traffic asks about the same few days over and over. */
const calendarDates = new Set<string>();

function knownCalendarDate(date: string): boolean {
  if (calendarDates.has(date)) return true;
  if (!isCalendarDate(date)) return false;
  if (calendarDates.size >= 1024) calendarDates.clear();
  calendarDates.add(date);
  return true;
}

/** Canonical code for a destination as given (case-insensitive, aliases resolved), or undefined. */
export function canonicalDestination(code: string, set: RuleSet): string | undefined {
  const map = set.index ?? buildIndex(set);
  if (typeof code !== "string") return undefined;
  // A code as the data writes it ("GB") needs no upper-casing, which cost more than the lookups.
  if (map.has(code) && !set.aliases!.has(code)) return code;
  const upper = code.toUpperCase();
  const resolved = set.aliases!.get(upper) ?? upper;
  return map.has(resolved) ? resolved : undefined;
}

/**
 * The compiled rules for `destination` on `date`; `path` names the input fields for errors
 * (copied into each error, so callers may pass one constant object).
 * @internal
 */
export function compiledRulesFor(
  destination: string,
  date: string,
  path: { destination: readonly (string | number)[]; date: readonly (string | number)[] },
  set: RuleSet,
  postalCode?: string,
): CompiledRules {
  const map = set.index ?? buildIndex(set);
  if (typeof date !== "string" || !knownCalendarDate(date)) throw invalid([...path.date], `date must be a calendar date written YYYY-MM-DD, got ${describeValue(date)}`);
  const code = typeof destination === "string" ? canonicalDestination(destination, set) : undefined;
  if (!code) {
    throw new VatError("UNKNOWN_DESTINATION", [...path.destination], `destination ${describeValue(destination)} is not supported; supported codes: ${destinationsIn(set).join(", ")}`);
  }
  let entry = map.get(code)!;
  if (postalCode !== undefined && entry.postcodes) entry = set.local!.postcodePlaces!.place(entry.postcodes, postalCode) ?? entry;
  const segs = entry.segments;
  if (date < segs[0]!.from) {
    throw new VatError("DATE_OUT_OF_RANGE", [...path.date], `${code} is covered from ${segs[0]!.from} (start of the ${entry.jurisdiction.jurisdiction} regime in the data); ${date} is before that`);
  }
  let lo = 0;
  let hi = segs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segs[mid]!.from <= date) lo = mid;
    else hi = mid - 1;
  }
  const seg = segs[lo]!;
  return (seg.compiled ??= compile(entry, seg, set));
}

/**
 * The jurisdiction whose VAT area `country` is in (any case, aliases resolved), or undefined for
 * a code we do not cover or a territory outside its VAT area (the Canary Islands are not in the EU's).
 * @internal
 */
export function vatAreaOf(country: string, set: RuleSet): string | undefined {
  const code = canonicalDestination(country, set);
  const entry = code === undefined ? undefined : set.index!.get(code)!;
  return entry && entry.territory?.treatment !== "outside" ? entry.jurisdiction.jurisdiction : undefined;
}

/** Where destination and date sit in the input of rulesFor() and quote(). @internal */
export const INPUT_PATHS = { destination: ["destination"], date: ["date"] } as const;

/**
 * The rules in force for a destination on a date.
 *
 * @param destination ISO 3166-1 alpha-2 code (`UK` and `EL` accepted as aliases), any case.
 * @param date time of supply, `YYYY-MM-DD`.
 * @param options `postalCode`: the destination postcode, which decides places outside the VAT area that have no code of their own (Heligoland 27498 → out of the EU VAT area).
 * @throws VatError `UNKNOWN_DESTINATION`, `INVALID_INPUT` (malformed date) or `DATE_OUT_OF_RANGE`.
 * @example
 * rulesFor("SG", "2024-01-01").standardRate //=> "0.09"
 * rulesFor("UK", "2026-11-22").threshold     //=> { amount: "135", currency: "GBP", basis: "consignment", inclusive: true, … }
 * rulesFor("DE", "2026-12-01", { postalCode: "27498" }).inVatArea //=> false (Heligoland)
 * rulesFor("FR", "2031-01-01").warnings[0].code //=> "DATA_MAY_BE_STALE"
 * @category Lookup
 */
export function rulesFor(destination: string, date: string, options?: { postalCode?: string }): DestinationRules {
  return rulesIn(ALL_RULES, destination, date, options);
}

/** rulesFor() of one data set. @internal */
export function rulesIn(set: RuleSet, destination: string, date: string, options?: { postalCode?: string }): DestinationRules {
  const postalCode = options?.postalCode;
  const compiled = compiledRulesFor(destination, date, INPUT_PATHS, set, typeof postalCode === "string" ? postalCode : undefined);
  const step = staleStepAt(compiled, date);
  return step ? (step.rules ??= deepFreeze({ ...compiled.rules, warnings: step.warnings })) : compiled.rules;
}

/**
 * Every supported destination code, sorted (member states, XI, territories; aliases not included).
 * @example
 * listDestinations().includes("FR") //=> true
 * @category Lookup
 */
export function listDestinations(): string[] {
  return destinationsIn(ALL_RULES);
}

/** listDestinations() of one data set. @internal */
export function destinationsIn(set: RuleSet): string[] {
  return [...(set.index ?? buildIndex(set)).keys()].sort();
}

/**
 * Every date on which the rules for `destination` change (segment starts), for boundary tests and docs.
 * @example
 * ruleChangeDates("SG") //=> ["2023-01-01", "2024-01-01"]
 * @category Lookup
 */
export function ruleChangeDates(destination: string): string[] {
  return changeDatesIn(ALL_RULES, destination);
}

/** ruleChangeDates() of one data set. @internal */
export function changeDatesIn(set: RuleSet, destination: string): string[] {
  const code = canonicalDestination(destination, set);
  if (!code) throw new VatError("UNKNOWN_DESTINATION", ["destination"], `destination ${describeValue(destination)} is not supported`);
  return set.index!.get(code)!.segments.map((s) => s.from);
}
