/**
 * destination-vat: VAT/GST at checkout for low-value goods shipped to consumers in
 * AU, NZ, NO, GB (+XI), SG and the EU — exact, explained, and driven by versioned data.
 * @packageDocumentation
 * @module destination-vat
 */
export { DATA_VERSION } from "./generated/manifest.js";
export { STALE_AFTER_MONTHS } from "./generated/manifest.js";
export { CATEGORIES } from "./data/categories.js";
export type { Category, Source } from "./data/types.js";
export { VatError, type VatErrorCode, type InputPath } from "./errors.js";
export { rulesFor, listDestinations, ruleChangeDates, type DestinationRules, type Jurisdiction } from "./rules.js";
export { quote, safeQuote } from "./quote/quote.js";
export type { QuoteInput, QuoteLineInput, AmountInput } from "./quote/input.js";
export type * from "./quote/types.js";
export { summarizeReturn } from "./returns/summarize.js";
export { mergeReturnSummaries } from "./returns/merge.js";
export { toLedgerEntry, toLedgerEntries, type LedgerEntryMeta } from "./returns/ledger-entry.js";
export type * from "./returns/types.js";
export { readLedgerCsv, readLedgerJsonl, LEDGER_COLUMNS, type ReadLedgerCsvOptions } from "./ledger/read.js";
export type { LedgerRecord } from "./ledger/records.js";
export type { LedgerStream } from "./ledger/text.js";
export type { Destination } from "./generated/codes.js";
export type { CheckedQuoteInput } from "./quote/codes.js";
export type { TaxIdCheck, TaxIdValid, TaxIdInvalid, TaxIdProblem } from "./tax-id/formats.js";
export { TAX_ID_KINDS, type TaxIdKind } from "./data/tax-id-kinds.js";
export { plan } from "./plan/plan.js";
export { exportRoute } from "./plan/export-route.js";
export type * from "./plan/types.js";
export { returnSql, type ReturnSql, type ReturnSqlOptions } from "./returns/sql.js";
export { summaryFromSql, type SqlRow } from "./returns/sql-summary.js";
export { findSplitConsignments, type SplitConsignmentOptions, type SplitConsignmentReport, type SplitConsignment, type SplitPart, type SplitSkipped } from "./returns/split-consignments.js";
export { safePlan } from "./plan/plan.js";
export { safeExportRoute } from "./plan/export-route.js";
