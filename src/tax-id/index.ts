/**
 * `destination-vat/tax-id`: checkTaxId(), the offline format and check-digit test of tax
 * identifiers (AU, NZ, NO, GB/XI, SG, the 27 EU member states, IOSS and VOEC numbers).
 *
 * An entry point of its own because the EU member states' checks come from stdnum, whose
 * modules a bundler cannot drop once they sit in the one-module dist/index.js: importing
 * `{ quote }` from `destination-vat` must not carry them. quote() checks a business
 * customer's identifier itself, with only the national formats its data names.
 * @packageDocumentation
 */
export { checkTaxId } from "./check.js";
export type { TaxIdCheck, TaxIdValid, TaxIdInvalid, TaxIdProblem } from "./formats.js";
export { TAX_ID_KINDS, type TaxIdKind } from "../data/tax-id-kinds.js";
