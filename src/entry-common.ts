/**
 * What every entry point exports besides its data-bound functions: the edition, the error
 * class, the category vocabulary and the types. The default entry (src/index.ts) exports
 * the same names.
 */
export { DATA_VERSION } from "./generated/manifest.js";
export { STALE_AFTER_MONTHS } from "./generated/manifest.js";
export { CATEGORIES } from "./data/categories.js";
export type { Category, Source } from "./data/types.js";
export { VatError, type VatErrorCode, type InputPath } from "./errors.js";
export type { DestinationRules, Jurisdiction } from "./rules.js";
export type { QuoteInput, QuoteLineInput, AmountInput } from "./quote/input.js";
export type * from "./quote/types.js";
export type { TaxIdCheck, TaxIdValid, TaxIdInvalid, TaxIdProblem } from "./tax-id/formats.js";
export { TAX_ID_KINDS, type TaxIdKind } from "./data/tax-id-kinds.js";
