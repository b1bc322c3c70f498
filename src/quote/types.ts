/** The Quote a call to `quote()` returns: plain JSON, amounts as decimal strings. */
import type { Category } from "../data/types.js";
import type { Jurisdiction } from "../rules.js";

export type Regime = "vendor-collection" | "border-collection" | "reverse-charge" | "mixed" | "out-of-scope";
export type LineRegime = Exclude<Regime, "mixed">;
export type Collector = "seller" | "marketplace" | "customer" | "none";

export interface QuoteLine {
  id: string;
  description?: string;
  category: Category;
  quantity: number;
  regime: LineRegime;
  /** Why this line has its regime. */
  reason: string;
  /** Amount before checkout tax. */
  net: string;
  /** Rate charged at checkout ("0" when nothing is charged). */
  rate: string;
  tax: string;
  gross: string;
  /** The destination's rate for this category, whether or not it was charged at checkout. */
  destinationRate: string;
  /** Per-item threshold test (item-basis jurisdictions). */
  threshold?: { tested: string; within: boolean };
}

export interface ChargeBreakdown {
  net: string;
  /** The single rate charged, or null when parts carry different rates. */
  rate: string | null;
  tax: string;
  gross: string;
  /** How the charge was apportioned over the lines (by value), with the rate of each part. */
  parts: { lineId: string; regime: LineRegime; net: string; rate: string; tax: string; gross: string }[];
}

export interface BorderFee {
  id: string;
  name: string;
  kind: "duty" | "levy" | "fee";
  /** Units charged: 1 per consignment, or the number of distinct tariff subheadings. */
  count: number;
  /** In the fee's own currency. */
  amount: string;
  currency: string;
  /** VAT/GST on the fee itself, in the fee's currency. */
  tax: string;
  /** Amount plus tax in the quote currency, or null when no exchange rate was given for it. */
  inQuoteCurrency: string | null;
  payer: "customer" | "seller";
  source: string;
  note?: string;
}

export interface BorderEstimate {
  /** Always true: border figures are estimates the carrier or customs settles. */
  estimate: true;
  /** Lines the border collects for. */
  lineIds: string[];
  /**
   * The customs value ad-valorem duty is charged on: the border-collected goods, plus the
   * transport and insurance charged with them where the destination's rule includes them
   * (EU and GB: `dutyOnTransport` in the data). `customsValueParts` shows what it holds.
   */
  customsValue: string;
  /** What `customsValue` is made of: `transport` and `insurance` appear only when the rule includes them (and they are not zero). */
  customsValueParts: { goods: string; transport?: string; insurance?: string };
  duty: string;
  importVat: string;
  fees: BorderFee[];
  /** Who pays import VAT and duty at the border (from the data). */
  payer: string;
  relief: string | null;
  sources: string[];
}

export interface ThresholdTest {
  amount: string;
  currency: string;
  basis: "item" | "consignment";
  inclusive: boolean;
  /** The value compared, in the threshold's currency (consignment: intrinsic value; item: the highest item value). */
  tested: string;
  within: boolean;
  /** Rate used to convert the quote currency into the threshold currency, when they differ. */
  exchangeRate?: string;
  fxRule: string;
}

export interface RegistrationDuty {
  /** null when the figures needed were not given. */
  required: boolean | null;
  reason: string;
  threshold?: { amount: string; currency: string; comparison: string; window: string };
  measured?: { amount: string; currency: string };
}

export interface Warning {
  code: string;
  message: string;
}

export interface ExplanationStep {
  step: string;
  detail: string;
  source?: string;
}

export interface Quote {
  jurisdiction: Jurisdiction;
  destination: string;
  /** Whose rates and return row apply (Monaco → FR). */
  taxedAs: string;
  date: string;
  currency: string;
  dataVersion: string;
  /** The rule period used: `[from, to)`. */
  rulePeriod: { from: string; to: string | null };
  regime: Regime;
  collector: Collector;
  threshold: ThresholdTest;
  lines: QuoteLine[];
  shipping?: ChargeBreakdown;
  insurance?: ChargeBreakdown;
  totals: { net: string; tax: string; gross: string };
  rounding: { level: "line" | "invoice"; mode: "half-up" | "half-down" };
  border?: BorderEstimate;
  payableAtCheckout: string;
  payableOnDelivery: string;
  landedPrice: string;
  /**
   * What the seller itself pays on top of what it charges, in the quote currency: the
   * border charges the data puts on the seller (the declarant when every line was taxed at
   * checkout — the EU EUR 3 duty per tariff subheading, the French parcel charge). An
   * estimate, like `border`; never part of `landedPrice`, which is what the customer pays.
   * Charges with no exchange rate to the quote currency are left out (`FEE_NOT_CONVERTED`).
   */
  sellerCost: string;
  scheme: "IOSS" | "VOEC" | "AU-GST" | "NZ-GST" | "GB-VAT" | "SG-OVR" | null;
  registration: RegistrationDuty;
  warnings: Warning[];
  explanation: ExplanationStep[];
}
