/**
 * plan(): what an exporter must do in each destination — register or not (quote()'s own
 * registration test), through whom, when to file and pay, what the parcel carries, how long to keep
 * records. Pure: everything comes from the data (rules and data/compliance).
 */
import { Decimal, money } from "../decimal.js";
import { VatError, describeValue, invalid } from "../errors.js";
import { COMPLIANCE } from "../generated/compliance.js";
import { DATA_VERSION } from "../generated/manifest.js";
import { isCalendarDate } from "../dates.js";
import { parseAmount } from "../quote/input.js";
import { applicableRegistration, registrationTest } from "../quote/registration.js";
import { segmentTables } from "../quote/tables.js";
import { ALL_RULES, ALL_TABLES, compiledRulesFor, vatAreaOf, type DestinationRules } from "../rules.js";
import type { CompliancePeriod } from "../data/schema.js";
import { countryOf } from "./country.js";
import { readable } from "./readable.js";
import { parseInput, planInputSchema } from "./input.js";
import { describeDueRule, dueDate, returnPeriods } from "./due-dates.js";
import type { Channel, Plan, PlanInput, PlanJurisdiction, PlanRegistration, RegistrationStatus } from "./types.js";
import type { Warning } from "../quote/types.js";

/** How many returns the calendar shows. */
const RETURNS_SHOWN = 4;

interface NormalPlanInput {
  date: string;
  country: { code: string; name: string };
  sales: Record<string, Decimal>;
  globalTurnover: Decimal | undefined;
  destinations: string[];
  channels: Channel[];
}

/** The zod schema checks the shape (src/plan/input.ts); what it cannot word is checked here. */
function normalise(raw: unknown): NormalPlanInput {
  const { date, seller, destinations, channels } = parseInput(planInputSchema(), raw, "plan input");
  if (!isCalendarDate(date)) throw invalid(["date"], `date must be a calendar date written YYYY-MM-DD, got ${describeValue(date)}`);
  const country = countryOf(seller.country, ["seller", "country"]);
  const sales: Record<string, Decimal> = {};
  for (const [k, v] of Object.entries(seller.salesLast12Months ?? {})) {
    const key = k.toUpperCase();
    if (!(key in COMPLIANCE)) throw invalid(["seller", "salesLast12Months", k], `seller.salesLast12Months is keyed by jurisdiction (${Object.keys(COMPLIANCE).join(", ")}), got ${describeValue(k)}`);
    sales[key] = parseAmount(v, ["seller", "salesLast12Months", k], 2, "the jurisdiction's currency");
  }
  const globalTurnover = seller.globalTurnover === undefined ? undefined : parseAmount(seller.globalTurnover, ["seller", "globalTurnover"], 2, "the test's currency");
  // Each channel once, in the order of first mention.
  return { date, country, sales, globalTurnover, destinations, channels: channels ? [...new Set(channels)] : ["direct"] };
}

function inForce<T extends { from: string; to?: string | undefined }>(periods: readonly T[], date: string): T | undefined {
  return periods.find((p) => p.from <= date && (p.to === undefined || date < p.to));
}

function registrationOf(r: DestinationRules, input: NormalPlanInput, compiled: Parameters<typeof segmentTables>[0]): PlanRegistration {
  // Only marketplace sales: the marketplace is the one that charges where the data's liability rule says so.
  const viaMarketplace = !input.channels.includes("direct") && r.liability.order.includes("marketplace");
  // A seller established in the jurisdiction may take another test (GB: the Sch 1 threshold, not the first-sale rule).
  const established = vatAreaOf(input.country.code, ALL_TABLES) === r.jurisdiction;
  const duty = registrationTest(r, segmentTables(compiled), { sales: input.sales[r.jurisdiction], globalTurnover: input.globalTurnover, established }, viaMarketplace);
  const kind = applicableRegistration(r, established).kind;
  const status: RegistrationStatus =
    kind === "optional" ? "optional" : duty.required === true ? "required" : duty.required === null ? "unknown" : kind === "first-sale" ? "not-required" : "not-yet-required";
  const out: PlanRegistration = { status, ...duty };
  const { threshold, measured } = duty;
  if (threshold && measured) {
    const amount = new Decimal(threshold.amount);
    const sales = new Decimal(measured.amount);
    const reached = threshold.comparison === ">=" ? sales.gte(amount) : sales.gt(amount);
    if (!reached) {
      const left = money(amount.minus(sales), 2);
      const c = threshold.currency;
      out.remaining = {
        amount: left,
        currency: c,
        text:
          threshold.comparison === ">="
            ? `${left} ${c} more in sales reaches the ${threshold.amount} ${c} threshold (${threshold.window}).`
            : `${left} ${c} more in sales brings them to the ${threshold.amount} ${c} threshold; any sale beyond that exceeds it (${threshold.window}).`,
      };
    }
  }
  return out;
}

function entryFor(r: DestinationRules, c: CompliancePeriod, input: NormalPlanInput, compiled: Parameters<typeof segmentTables>[0], periods: readonly CompliancePeriod[]): PlanJurisdiction {
  const seller = input.country;
  const rep = c.representative;
  const exempt = rep.establishedIn?.some((code) => code === seller.code || vatAreaOf(seller.code, ALL_TABLES) === code) ?? false;
  const repRequired = rep.required === "unless-established-in" && !exempt;
  const repReason =
    rep.required === "never"
      ? `No ${rep.role} is needed.`
      : repRequired
        ? `A seller established in ${seller.name} (${seller.code}) must appoint an ${rep.role}.`
        : `A seller established in ${seller.name} (${seller.code}) needs no ${rep.role}.`;
  const liability = input.channels.map((channel) =>
    channel === "direct"
      ? { channel, liable: "seller" as const, text: `Sales through your own shop: you charge and account for the tax under your ${r.scheme} registration.` }
      : { channel, liable: r.liability.marketplaceWhen === "always" ? ("marketplace" as const) : ("marketplace-if-registered" as const), text: r.liability.text },
  );
  const returns = returnPeriods(input.date, r.returns.period, RETURNS_SHOWN).map((p) => {
    // Each return follows the compliance rules in force on its period's last day.
    const filing = (inForce(periods, p.lastDay) ?? c).filing;
    const due = dueDate(p.lastDay, filing.due);
    return { period: p.name, from: p.from, lastDay: p.lastDay, due, paymentDue: filing.payment === "with-return" ? due : dueDate(p.lastDay, filing.payment) };
  });
  const fact = <T extends { text: string; sources: { url: string; title: string; retrieved: string }[]; note?: string | undefined }>(f: T) => ({
    text: f.text,
    sources: f.sources,
    ...(f.note ? { note: f.note } : {}),
  });
  const facts = [rep, c.filing, ...c.documents, c.records];
  return {
    jurisdiction: r.jurisdiction,
    destinations: [r.destination],
    currency: r.currency,
    scheme: { id: r.scheme, name: r.schemeName },
    registration: registrationOf(r, input, compiled),
    representative: { role: rep.role, required: repRequired, reason: repReason, ...fact(rep) },
    liability,
    filing: {
      period: r.returns.period,
      currency: r.returns.currency,
      dueRule: describeDueRule(c.filing.due),
      paymentRule: describeDueRule(c.filing.payment),
      returns,
      ...fact(c.filing),
    },
    documents: c.documents.map((d) => ({ id: d.id, where: d.where, ...fact(d) })),
    records: { years: c.records.years, ...fact(c.records) },
    sources: [...new Set(facts.flatMap((f) => f.sources.map((s) => s.url)))],
    notes: facts.flatMap((f) => (f.note ? [f.note] : [])),
  };
}

/**
 * A compliance plan for an exporter: per jurisdiction, whether to register (the same test quote()
 * applies), whether an intermediary or representative is needed for a seller established in
 * `seller.country`, who is liable per sales channel, the next four return and payment due dates,
 * what the parcel and invoice carry, and how long to keep records — each with its official source.
 *
 * @throws VatError `INVALID_INPUT`, `UNKNOWN_COUNTRY`, `UNKNOWN_DESTINATION`, `DATE_OUT_OF_RANGE`, `TOO_MANY_DECIMALS`.
 * @example
 * const p = plan({ date: "2026-12-03", seller: { country: "KR", salesLast12Months: { AU: "80000" } }, destinations: ["AU", "DE"] });
 * p.jurisdictions[0].registration.status        //=> "required"
 * p.jurisdictions[1].representative.required    //=> true (an EU intermediary)
 * p.jurisdictions[1].filing.returns[0]          //=> { period: "2026-12", …, due: "2027-01-31", paymentDue: "2027-01-31" }
 * @category Plan
 */
export function plan(input: PlanInput): Plan {
  const n = readable(() => normalise(input));
  const byJurisdiction = new Map<string, PlanJurisdiction>();
  const warnings: Warning[] = [];
  n.destinations.forEach((d, i) => {
    const compiled = compiledRulesFor(d, n.date, { destination: ["destinations", i], date: ["date"] }, ALL_RULES);
    const r = compiled.rules;
    const existing = byJurisdiction.get(r.jurisdiction);
    if (existing) {
      if (!existing.destinations.includes(r.destination)) existing.destinations.push(r.destination);
      return;
    }
    const periods = COMPLIANCE[r.jurisdiction]!.periods;
    const c = inForce(periods, n.date);
    if (!c) throw new VatError("DATE_OUT_OF_RANGE", ["date"], `${r.jurisdiction} compliance data starts on ${periods[0]!.from}; ${n.date} is before that`);
    if (vatAreaOf(n.country.code, ALL_TABLES) === r.jurisdiction) {
      warnings.push({
        code: "SELLER_ESTABLISHED_IN_DESTINATION",
        message: `The seller is established in ${n.country.name}, inside the ${r.jurisdiction} VAT area: sales to ${r.destination} are domestic (or intra-${r.jurisdiction}) sales, not the low-value import regime this plan describes.`,
      });
    }
    byJurisdiction.set(r.jurisdiction, entryFor(r, c, n, compiled, periods));
  });
  return { date: n.date, dataVersion: DATA_VERSION, seller: { country: n.country.code, countryName: n.country.name }, channels: n.channels, jurisdictions: [...byJurisdiction.values()], warnings };
}

/**
 * Like `plan`, but returns the error instead of throwing it: `{ ok: true, plan }` or
 * `{ ok: false, error }` with the VatError's `code`, `path` and message.
 * @example
 * const r = safePlan({ date: "2026-12-03", seller: { country: "XX" }, destinations: ["AU"] });
 * r.ok || [r.error.code, r.error.path] //=> ["UNKNOWN_COUNTRY", ["seller", "country"]]
 * safePlan({ date: "2026-12-03", seller: { country: "KR" }, destinations: ["AU"] }).ok //=> true
 * @category Plan
 */
export function safePlan(input: PlanInput): { ok: true; plan: Plan } | { ok: false; error: VatError } {
  try {
    return { ok: true, plan: plan(input) };
  } catch (e) {
    if (e instanceof VatError) return { ok: false, error: e };
    throw e;
  }
}
