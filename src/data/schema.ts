/**
 * The shape of the hand-edited data files in `data/`, as zod schemas.
 *
 * Used by the compile step (`scripts/build-data.ts`) to validate every file strictly.
 * Library code imports only the inferred *types* from here, so the schemas never
 * reach a bundle.
 */
import { z } from "zod";

/** Calendar date `YYYY-MM-DD` that exists (2026-02-30 does not). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "not a real calendar date");

/** A rate as a decimal fraction string in [0, 1): "0.2", "0.055", "0". */
export const rateString = z
  .string()
  .regex(/^0(\.\d+)?$/, 'a rate is a decimal fraction string such as "0.2"');

/** A non-negative money amount as a decimal string. */
export const amountString = z.string().regex(/^\d+(\.\d+)?$/, 'an amount is a decimal string such as "150"');

export const currencyCode = z.string().regex(/^[A-Z]{3}$/, "ISO 4217 code");

import { CATEGORIES } from "./categories.js";
import { B2B_TAX_ID_KINDS } from "./tax-id-kinds.js";

export { CATEGORIES };
export const category = z.enum(CATEGORIES);
export type Category = z.infer<typeof category>;

export const source = z.strictObject({
  url: z.url(),
  title: z.string().min(3),
  retrieved: isoDate,
});

/** Fields every dated period carries. `to` is exclusive; only the last period may omit it. */
const periodBase = {
  from: isoDate,
  to: isoDate.optional(),
  sources: z.array(source).min(1),
  note: z.string().optional(),
};

/** One period of one category's rate. `"standard"` follows the standard rate in force. */
export const ratePeriod = z.strictObject({
  ...periodBase,
  rate: z.union([rateString, z.literal("standard")]),
});

export const categoryRates = z
  .record(category, z.array(ratePeriod).min(1))
  .refine((r) => "standard" in r, "the standard category is required");

/** A machine-readable name plus a sentence, for rules such as "which FX rate". */
const namedRule = z.strictObject({ source: z.string().regex(/^[A-Z0-9-]+$/), text: z.string().min(10) });

export const threshold = z.strictObject({
  amount: amountString,
  currency: currencyCode,
  basis: z.enum(["item", "consignment"]),
  /** true: a value equal to the amount is still within (`<=`); false: strictly below (`<`). */
  inclusive: z.boolean(),
  /** What the tested value leaves out. */
  excludes: z.array(z.enum(["transport", "insurance", "tax", "duty"])),
  fx: namedRule,
});

/**
 * The test for a seller established in the jurisdiction, where it differs from the one the
 * regime sets for overseas sellers (GB: the VATA Sch 1 turnover threshold, not the first-sale
 * rule). Dated, because such thresholds move (GBP 85,000 → 90,000 on 2024-04-01).
 */
export const establishedRegistration = z.strictObject({
  from: isoDate,
  to: isoDate.optional(),
  kind: z.literal("turnover"),
  amount: amountString,
  currency: currencyCode,
  comparison: z.enum([">=", ">"]),
  window: z.string().min(5),
  marketplaceSalesCount: z.boolean(),
  /** false: the regime's scheme is closed to established sellers (NO: VOEC), so their parcels are taxed at the border. */
  schemeOpen: z.boolean(),
  text: z.string().min(10),
  sources: z.array(source).min(1),
  note: z.string().optional(),
});

export const registration = z.strictObject({
  /** turnover: compare sales with `amount`; first-sale: register before the first sale; optional: no duty. */
  kind: z.enum(["turnover", "first-sale", "optional"]),
  amount: amountString.optional(),
  currency: currencyCode.optional(),
  comparison: z.enum([">=", ">"]).optional(),
  window: z.string().min(5),
  /** A second test that must also be met (SG: global turnover). */
  alsoRequires: z
    .strictObject({
      input: z.literal("globalTurnover"),
      amount: amountString,
      currency: currencyCode,
      comparison: z.enum([">=", ">"]),
      text: z.string().min(10),
    })
    .optional(),
  marketplaceSalesCount: z.boolean(),
  text: z.string().min(10),
  /** Sellers established in the jurisdiction take this test instead (periods, half-open). */
  established: z.array(establishedRegistration).min(1).optional(),
});

export const fee = z.strictObject({
  id: z.string().regex(/^[A-Z0-9-]+$/),
  name: z.string().min(3),
  kind: z.enum(["duty", "levy", "fee"]),
  amount: amountString,
  currency: currencyCode,
  per: z.enum(["consignment", "tariff-subheading"]),
  /** Only consignments whose intrinsic value is within this limit are charged. */
  maxConsignmentValue: z.strictObject({ amount: amountString, currency: currencyCode, inclusive: z.boolean() }).optional(),
  /** vendor: also charged when tax was collected at checkout; border: only when the border collects. */
  appliesWhen: z.enum(["any", "border"]),
  /** declarant: the seller when tax was collected at checkout (duty-paid delivery), else the customer. */
  payer: z.enum(["customer", "seller", "declarant"]),
  /** The charge itself carries VAT/GST at the standard rate (NZ levy: "+ GST"). Duties enter the import VAT base anyway. */
  taxable: z.boolean(),
  from: isoDate,
  to: isoDate.optional(),
  sources: z.array(source).min(1),
  note: z.string().optional(),
});

const scheme = z.enum(["IOSS", "VOEC", "AU-GST", "NZ-GST", "GB-VAT", "SG-OVR"]);

export const rulePeriod = z.strictObject({
  ...periodBase,
  /** The registration the parcel must carry when tax was collected at checkout. */
  scheme,
  schemeName: z.string().min(3),
  /**
   * Registrations besides the jurisdiction code and `scheme` under which the collector may
   * charge the tax at checkout (XI: an IOSS registration). `names` are what callers list in
   * `registeredIn`; `scheme` is what the parcel then carries.
   */
  acceptedRegistrations: z.array(z.strictObject({ scheme, names: z.array(z.string().min(2)).min(1), text: z.string().min(10) })).optional(),
  threshold,
  /** Delivery and insurance charged to the customer are part of the taxable amount. */
  deliveryTaxed: z.boolean(),
  /**
   * Present where the law lets the seller charge nothing at checkout because it expects the
   * whole consignment to go over the threshold (AU s84-83): the input option of that name.
   */
  consignmentExceedsThreshold: z.strictObject({ text: z.string().min(10) }).optional(),
  /**
   * Present where the law lets the supplier charge tax at checkout on goods over the threshold
   * (NZ: when at least `minLowValueShare` of its supplies by value are low-value goods, or with
   * IRD's agreement): the quote input option `chargeGoodsOverThreshold`.
   */
  goodsOverThreshold: z
    .strictObject({ minLowValueShare: z.string().regex(/^0\.\d+$|^1$/), orApproval: z.boolean(), text: z.string().min(10), sources: z.array(source).min(1) })
    .optional(),
  /**
   * Where the law looks at the whole consignment (EU, GB: the threshold; AU: the s84-83
   * option): what makes several sales one consignment, and what follows when together they
   * are over `threshold.amount`. Read by the split-shipment audit (`findSplitConsignments`).
   */
  consignment: z.strictObject({ text: z.string().min(10), consequence: z.string().min(10), sources: z.array(source).min(1) }).optional(),
  exclusions: z.strictObject({
    categories: z.array(category),
    /** line: only that line leaves the regime; consignment: one such line takes the whole order out. */
    scope: z.enum(["line", "consignment"]),
    text: z.string().min(10),
  }),
  liability: z.strictObject({
    /** Who accounts for the tax, first match wins. */
    order: z.array(z.enum(["marketplace", "seller", "redeliverer"])).min(1),
    /**
     * always: a marketplace in the sale is the deemed supplier whatever its registration (EU, GB);
     * registered: only when it is registered (or must be), else the next party collects (AU, NZ, SG, NO).
     */
    marketplaceWhen: z.enum(["always", "registered"]),
    text: z.string().min(10),
  }),
  b2b: z.strictObject({
    /** reverse-charge: no checkout tax when the customer gives its tax id; border: regime is consumer-only. */
    treatment: z.enum(["reverse-charge", "border"]),
    idName: z.string().optional(),
    text: z.string().min(10),
    /**
     * The identifier the B2B outcome needs, checked by format and check digit: without a
     * well-formed one the customer is treated as a consumer. Absent: none is needed (EU).
     */
    taxId: z.strictObject({ kinds: z.array(z.enum(B2B_TAX_ID_KINDS)).min(1), sources: z.array(source).min(1) }).optional(),
  }),
  registration,
  returns: z.strictObject({
    period: z.enum(["monthly", "quarterly"]),
    currency: currencyCode,
    fx: namedRule,
    /** Decimals the return states its amounts in, when fewer than the currency's minor units (NO: whole kroner). */
    decimals: z.number().int().min(0).max(3).optional(),
    text: z.string().min(10),
  }),
  rounding: z.strictObject({
    mode: z.enum(["half-up", "half-down"]),
    default: z.enum(["line", "invoice"]),
    text: z.string().min(10),
  }),
  border: z.strictObject({
    /** What import VAT is charged on, besides the goods. */
    vatBase: z.array(z.enum(["duty", "transport", "insurance"])),
    /** Transport and insurance enter the customs value on which ad-valorem duty is charged. */
    dutyOnTransport: z.boolean(),
    /** Consignments within this value pay no import VAT or duty at the border (excise goods excepted). */
    /** Consignments within this value pay no import tax or duty; `valueIncludes` adds transport and insurance to the goods (SG and NO test the CIF value). */
    relief: z
      .strictObject({ amount: amountString, currency: currencyCode, inclusive: z.boolean(), valueIncludes: z.array(z.enum(["transport", "insurance"])).optional(), text: z.string() })
      .optional(),
    /** Consignments within this value pay no ad-valorem customs duty. */
    dutyRelief: z.strictObject({ amount: amountString, currency: currencyCode, inclusive: z.boolean(), text: z.string() }).optional(),
    payer: z.string().min(3),
    text: z.string().min(10),
  }),
});

export const territory = z.strictObject({
  code: z.string().regex(/^[A-Z]{2}$/),
  name: z.string(),
  /** as-destination: taxed as `of`; outside: outside the VAT area, no destination VAT under this regime. */
  treatment: z.enum(["as-destination", "outside"]),
  of: z.string().regex(/^[A-Z]{2}$/),
  sources: z.array(source).min(1),
  note: z.string().optional(),
});

/** A change that is scheduled (legislated or announced) but not yet in the data: quotes on or after `date` are warned. */
export const pendingChange = z.strictObject({
  date: isoDate,
  text: z.string().min(10),
  sources: z.array(source).min(1),
  note: z.string().optional(),
});

/**
 * Places inside a destination that are outside its VAT area and have no country code of their
 * own (Heligoland, Büsingen, Livigno, Campione d'Italia, Mount Athos): told apart by postcode.
 * `postcodes` are inclusive ranges of digit strings of the same length.
 */
export const postcodeTerritory = z.strictObject({
  name: z.string().min(2),
  treatment: z.literal("outside"),
  postcodes: z.array(z.strictObject({ from: z.string().regex(/^\d{4,6}$/), to: z.string().regex(/^\d{4,6}$/) })).min(1),
  sources: z.array(source).min(1),
  note: z.string().optional(),
});

/** A national jurisdiction (AU, NZ, NO, GB, SG) or the EU union rule. */
export const jurisdictionFile = z.strictObject({
  $schema: z.string().optional(),
  jurisdiction: z.enum(["AU", "NZ", "NO", "GB", "SG", "EU"]),
  name: z.string(),
  currency: currencyCode,
  /** The day this file's values were last checked against their sources. */
  reviewedAt: isoDate,
  pendingChanges: z.array(pendingChange).optional(),
  rules: z.array(rulePeriod).min(1),
  /** Destinations taxed by this jurisdiction with their own rate tables (EU: in member-state files). */
  destinations: z.array(
    z.strictObject({
      code: z.string().regex(/^[A-Z]{2}$/),
      name: z.string(),
      rates: categoryRates,
      /** Places outside the VAT area told apart by postcode (generated from member-state files). */
      postcodeTerritories: z.array(postcodeTerritory).optional(),
      /** The member-state file's review date (generated), when it has its own. */
      reviewedAt: isoDate.optional(),
      /** Rules of its own (XI: Northern Ireland); otherwise the jurisdiction's. */
      rules: z.array(rulePeriod).min(1).optional(),
      /** The destination's own tax or customs authority pages on the regime, cited next to the jurisdiction's. */
      sources: z.array(source).min(1).optional(),
      note: z.string().optional(),
    }),
  ),
  fees: z.array(fee),
  territories: z.array(territory),
  aliases: z.record(z.string().regex(/^[A-Z]{2}$/), z.string().regex(/^[A-Z]{2}$/)),
});

/** One EU member state (or XI): its rates, plus national parcel charges. */
export const memberStateFile = z.strictObject({
  $schema: z.string().optional(),
  destination: z.string().regex(/^[A-Z]{2}$/),
  name: z.string(),
  /** The day this file's rates and charges were last checked against their sources. */
  reviewedAt: isoDate,
  /** The member state's own tax or customs authority pages on IOSS and low-value imports, where there is one. */
  sources: z.array(source).min(1).optional(),
  rates: categoryRates,
  fees: z.array(fee),
  postcodeTerritories: z.array(postcodeTerritory).optional(),
  note: z.string().optional(),
});

/** data/edition.json: the edition, its date, and how long reviewed data stays fresh. */
export const editionFile = z.strictObject({
  version: z.string().regex(/^\d{4}\.\d{1,2}\.\d+$/),
  date: isoDate,
  /** Quotes for dates more than this many months after a file's reviewedAt carry DATA_MAY_BE_STALE. */
  staleAfterMonths: z.number().int().min(1).max(60),
  /** data:check fails when a file's reviewedAt is more than this many months before the edition date. */
  maxReviewAgeMonths: z.number().int().min(1).max(120),
  note: z.string(),
});

export const currenciesFile = z.strictObject({
  sources: z.array(source).min(1),
  minorUnits: z.record(currencyCode, z.number().int().min(0).max(4)),
});

export type Source = z.infer<typeof source>;
export type RatePeriod = z.infer<typeof ratePeriod>;
export type RulePeriod = z.infer<typeof rulePeriod>;
export type Fee = z.infer<typeof fee>;
export type PendingChange = z.infer<typeof pendingChange>;
export type PostcodeTerritory = z.infer<typeof postcodeTerritory>;
export type EstablishedRegistration = z.infer<typeof establishedRegistration>;
export type Territory = z.infer<typeof territory>;
export type JurisdictionFile = z.infer<typeof jurisdictionFile>;
export type MemberStateFile = z.infer<typeof memberStateFile>;

// ---------------------------------------------------------------- compliance (data/compliance/<J>.json)
// What a registered seller must do besides charging the tax: who represents it, when it files and pays,
// what the parcel and invoice carry, how long it keeps records. Read by plan(), never by quote().

/** Every compliance fact carries its sources, and a note where a fact is uncertain. */
const fact = { text: z.string().min(10), sources: z.array(source).min(1), note: z.string().optional() };

/** When a return (or its payment) is due, counted from the last day of the return period. */
export const dueRule = z.discriminatedUnion("kind", [
  /** The last day of the month `months` after the period's last month (IOSS: 1). */
  z.strictObject({ kind: z.literal("end-of-month-after-period"), months: z.number().int().min(1).max(12) }),
  /** Day `day` of the month after the period; `exceptions` move it for periods ending in a given month. */
  z.strictObject({
    kind: z.literal("day-of-month-after-period"),
    day: z.number().int().min(1).max(28),
    exceptions: z.array(z.strictObject({ periodEndMonth: z.number().int().min(1).max(12), monthsAfter: z.number().int().min(1).max(12), day: z.number().int().min(1).max(28) })),
  }),
  /** `months` calendar months after the period's last day (a month end stays a month end), then `days` more (UK: 1 and 7). */
  z.strictObject({ kind: z.literal("months-and-days-after-period"), months: z.number().int().min(0).max(12), days: z.number().int().min(0).max(31) }),
]);

export const compliancePeriod = z.strictObject({
  from: isoDate,
  to: isoDate.optional(),
  /** Whether a seller established elsewhere must act through someone established here (EU IOSS: an intermediary). */
  representative: z.strictObject({
    role: z.string().min(3),
    /** never: no one needed; unless-established-in: required except for sellers established in `establishedIn` (jurisdiction or country codes). */
    required: z.enum(["never", "unless-established-in"]),
    establishedIn: z.array(z.string().regex(/^[A-Z]{2}$/)).optional(),
    ...fact,
  }),
  filing: z.strictObject({
    /** Periods are calendar months or quarters, as the jurisdiction's `returns.period` says. */
    due: dueRule,
    /** Payment deadline: with the return, or a rule of its own. */
    payment: z.union([z.literal("with-return"), dueRule]),
    ...fact,
  }),
  /** What the parcel, the customs data, the invoice or the receipt must carry. */
  documents: z
    .array(z.strictObject({ id: z.string().regex(/^[A-Z0-9-]+$/), where: z.enum(["parcel", "customs-data", "invoice", "receipt"]), ...fact }))
    .min(1),
  records: z.strictObject({ years: z.number().int().min(1).max(30), ...fact }),
});

export const complianceFile = z.strictObject({
  $schema: z.string().optional(),
  jurisdiction: z.enum(["AU", "NZ", "NO", "GB", "SG", "EU"]),
  periods: z.array(compliancePeriod).min(1),
});

// ---------------------------------------------------------------- export routes (data/origin/<CC>.json)
// How goods leave the seller's own country: the export clearance routes, their conditions and what each
// gives up. Another origin country is one more file.

export const exportRouteData = z.strictObject({
  id: z.enum(["manifest", "simplified", "formal"]),
  name: z.string().min(3),
  localName: z.string().min(2).optional(),
  /** FOB value at most (or below) this amount, in the origin's currency; absent: any value. */
  maxFob: z.strictObject({ amount: amountString, inclusive: z.boolean() }).optional(),
  /** false: not open to goods that need an export permit, licence or other requirement confirmed by customs. */
  permitGoodsAllowed: z.boolean(),
  /** Data items the declaration or list carries. */
  dataItems: z.number().int().min(1),
  filedBy: z.string().min(5),
  /** What the route gives the exporter: each true/false with a sentence and its sources. */
  gives: z.strictObject({
    exportDeclarationCertificate: z.boolean(),
    drawback: z.boolean(),
    reimportExemption: z.boolean(),
    exportRecord: z.boolean(),
  }),
  ...fact,
});

export const originFile = z.strictObject({
  $schema: z.string().optional(),
  origin: z.string().regex(/^[A-Z]{2}$/),
  name: z.string(),
  currency: currencyCode,
  /** Which FOB value is tested, and which exchange rate the customs uses for other currencies. */
  valuation: z.strictObject(fact),
  periods: z
    .array(
      z.strictObject({
        from: isoDate,
        to: isoDate.optional(),
        /** In order of preference: the first route whose conditions the shipment meets applies. */
        routes: z.array(exportRouteData).min(1),
      }),
    )
    .min(1),
});

export type DueRule = z.infer<typeof dueRule>;
export type CompliancePeriod = z.infer<typeof compliancePeriod>;
export type ComplianceFile = z.infer<typeof complianceFile>;
export type ExportRouteData = z.infer<typeof exportRouteData>;
export type OriginFile = z.infer<typeof originFile>;
