/** What plan() and exportRoute() take and return: plain JSON, amounts as decimal strings, dates as YYYY-MM-DD. */
import type { Source } from "../data/types.js";
import type { AmountInput } from "../quote/input.js";
import type { RegistrationDuty, Warning } from "../quote/types.js";
import type { Jurisdiction } from "../rules.js";

/** How the seller sells: its own shop (`direct`) or through an electronic marketplace. */
export type Channel = "direct" | "marketplace";

/** What `plan()` accepts. */
export interface PlanInput {
  /** The day the plan is made for, `YYYY-MM-DD`: rules in force then, returns from the period containing it. */
  date: string;
  seller: {
    /** Country where the seller is established (ISO 3166-1 alpha-2). */
    country: string;
    /** Direct sales in the last 12 months per jurisdiction, in that jurisdiction's currency (as for quote()). */
    salesLast12Months?: Record<string, AmountInput>;
    /** Worldwide turnover, for tests that need it (SG: in SGD). */
    globalTurnover?: AmountInput;
  };
  /** Destination codes (`"AU"`, `"GB"`, `"DE"`, …); member states of one union share one entry. */
  destinations: string[];
  /** Default `["direct"]`. */
  channels?: Channel[];
}

/** A fact from the data with its sources, and a note where the data marks it uncertain. */
export interface SourcedFact {
  text: string;
  sources: Source[];
  note?: string;
}

export type RegistrationStatus = "required" | "not-yet-required" | "not-required" | "optional" | "unknown";

export interface PlanRegistration extends RegistrationDuty {
  status: RegistrationStatus;
  /** How far the measured sales are from the threshold, when they have not reached it. */
  remaining?: { amount: string; currency: string; text: string };
}

export interface PlanReturn {
  /** The period as summarizeReturn() takes it: "2026-12" or "2026-Q4". */
  period: string;
  from: string;
  lastDay: string;
  /** The return is due by this day. */
  due: string;
  /** The tax is to be paid by this day. */
  paymentDue: string;
}

/** One jurisdiction's part of the plan. */
export interface PlanJurisdiction {
  jurisdiction: Jurisdiction;
  /** The destinations of the input it covers (EU: every member state asked for). */
  destinations: string[];
  currency: string;
  /** The registration the parcel carries and its name (IOSS, VOEC, AU-GST, …). */
  scheme: { id: string; name: string };
  registration: PlanRegistration;
  representative: SourcedFact & { role: string; required: boolean; reason: string };
  /** Who accounts for the tax on each channel of the input. */
  liability: { channel: Channel; liable: "seller" | "marketplace" | "marketplace-if-registered"; text: string }[];
  filing: SourcedFact & {
    period: "monthly" | "quarterly";
    currency: string;
    dueRule: string;
    paymentRule: string;
    /** The return for the period containing the plan's date and the three after it. */
    returns: PlanReturn[];
  };
  documents: (SourcedFact & { id: string; where: "parcel" | "customs-data" | "invoice" | "receipt" })[];
  records: SourcedFact & { years: number };
  /** Every source URL behind this entry. */
  sources: string[];
  /** Every note the data attaches to this entry's facts (uncertain facts are tagged [U]). */
  notes: string[];
}

/** What `plan()` returns. */
export interface Plan {
  date: string;
  dataVersion: string;
  seller: { country: string; countryName: string };
  channels: Channel[];
  jurisdictions: PlanJurisdiction[];
  warnings: Warning[];
}

export type ExportRouteId = "manifest" | "simplified" | "formal";

/** What `exportRoute()` accepts. */
export interface ExportRouteInput {
  /** Country the goods are exported from (ISO 3166-1 alpha-2); one data file per origin (`KR`). */
  origin: string;
  /** The day of export, `YYYY-MM-DD`; without it the data's latest routes apply (warning `EXPORT_DATE_NOT_GIVEN`). */
  date?: string;
  /** FOB value of the shipment, in `currency`. */
  fobValue: AmountInput;
  currency: string;
  /** `{ "USD/KRW": "1385.20" }`: needed when `currency` is not the origin's; the SDK holds no rates. */
  exchangeRates?: Record<string, string | number>;
  /** The goods need an export permit, licence or other requirement confirmed by customs. Default false. */
  requiresExportPermit?: boolean;
  /** The exporter wants to claim duty drawback (so needs an export declaration certificate). Default false. */
  wantsDrawback?: boolean;
}

export interface ExportRouteOption {
  route: ExportRouteId;
  name: string;
  localName?: string;
  /** Data items the declaration or list carries. */
  dataItems: number;
  filedBy: string;
  gives: { exportDeclarationCertificate: boolean; drawback: boolean; reimportExemption: boolean; exportRecord: boolean };
  eligible: boolean;
  /** Why it is (not) open to this shipment. */
  reason: string;
  text: string;
  sources: Source[];
  note?: string;
}

/** What `exportRoute()` returns. */
export interface ExportRoute {
  origin: string;
  /** The day of export given, or null when none was (the latest routes in the data applied). */
  date: string | null;
  dataVersion: string;
  /** The route that applies: the first in the data's order the shipment qualifies for. */
  route: ExportRouteId;
  /** The FOB value tested, in the origin's currency, and the conversion when another currency was given. */
  fob: { amount: string; currency: string; given?: { amount: string; currency: string; exchangeRate: string } };
  chosen: ExportRouteOption;
  /** What the chosen route gives up, one sentence each (empty when nothing). */
  consequences: string[];
  /** Every route in the data, with whether it is open to this shipment. */
  options: ExportRouteOption[];
  valuation: SourcedFact;
  explanation: { step: string; detail: string; source?: string }[];
  warnings: Warning[];
}
