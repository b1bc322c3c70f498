/**
 * destination-vat/tax-id: `checkTaxId()`, the offline format and check-digit test of a tax
 * identifier, for a form field or your own registrations. Its own entry point because the
 * EU member states' checks come from stdnum, whose modules a bundler cannot drop: imported
 * from the main entry they would ride along in every bundle, even one that only reads
 * `DATA_VERSION`. `quote()` checks the identifiers its B2B rules need (AU, NZ, NO, UK, SG)
 * without it.
 * @example
 * import { checkTaxId } from "destination-vat/tax-id";
 * checkTaxId("AU", "51 824 753 556").valid //=> true
 * @packageDocumentation
 */
export { checkTaxId } from "./check.js";
export type { TaxIdCheck, TaxIdValid, TaxIdInvalid, TaxIdProblem } from "./formats.js";
export { TAX_ID_KINDS, type TaxIdKind } from "../data/tax-id-kinds.js";
