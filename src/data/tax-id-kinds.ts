/**
 * The identifiers a B2B rule in `data/` may ask for (`b2b.taxId.kinds`). Kept apart from
 * the zod schema, as the category vocabulary is, so the runtime can name them without zod.
 */
/**
 * Kinds of tax identifier `checkTaxId` recognises: AU ABN, NZ GST (IRD) number, NZBN,
 * Norwegian organisation number, UK VAT number (GB or XI), Singapore GST registration
 * number (UEN or M-number), EU member-state VAT number, IOSS number, VOEC number.
 * @example
 * import { TAX_ID_KINDS } from "destination-vat";
 * import { checkTaxId } from "destination-vat/tax-id";
 * TAX_ID_KINDS.includes(checkTaxId("AU", "51 824 753 556").kind!) //=> true
 */
export const TAX_ID_KINDS = ["ABN", "NZ-GST", "NZBN", "NO-ORG", "GB-VAT", "SG-GST", "EU-VAT", "IOSS", "VOEC"] as const;

/** One of {@link TAX_ID_KINDS}. */
export type TaxIdKind = (typeof TAX_ID_KINDS)[number];

/** The kinds a B2B rule may require of a customer: the ones quote() checks itself (no EU rule needs one). @internal */
export const B2B_TAX_ID_KINDS = ["ABN", "NZ-GST", "NZBN", "NO-ORG", "GB-VAT", "SG-GST"] as const satisfies readonly TaxIdKind[];

/** One of the B2B kinds. @internal */
export type B2bTaxIdKind = (typeof B2B_TAX_ID_KINDS)[number];
