/** Ledger entries, return options and the ReturnSummary: plain JSON, amounts as decimal strings. */
import type { AmountInput, QuoteInput } from "../quote/input.js";
import type { Jurisdiction } from "../rules.js";

/**
 * One rate's share of one sale or refund, as the seller's ledger records it.
 *
 * A sale charged at several rates (a book and a T-shirt to France) is several entries,
 * one per rate; `toLedgerEntries()` writes them with ids `${id}#${rate}`. A refund
 * carries the amounts refunded as POSITIVE numbers and is reported in the period of its
 * own `date`, not the sale's.
 * @category Returns
 */
export interface LedgerEntry {
  /** Unique in the ledger. `base#part` marks part `part` of sale `base` (a refund may name either). */
  id: string;
  /** Time of supply for a sale; the day the refund is made for a refund. `YYYY-MM-DD`. */
  date: string;
  /** Destination code as for `quote()` (`MC` is reported under `FR`, `UK` is `GB`). */
  destination: string;
  /** ISO 4217 currency of `net` and `tax`. */
  currency: string;
  /** Taxable amount (excluding the tax), at most the currency's minor units of decimals. */
  net: AmountInput;
  /** Tax charged at checkout (or refunded). */
  tax: AmountInput;
  /** Rate charged, a decimal fraction string such as `"0.2"`. */
  rate: string;
  /**
   * A category of the SDK's vocabulary (`CATEGORIES`). When given, the entry's rate is
   * checked against the data's rate for it (a mismatch is a `discrepancy`); an unknown
   * category is rejected. Not used for grouping.
   */
  category?: string;
  type: "sale" | "refund";
  /** For a refund: the id of the sale refunded (or of its part). */
  originalId?: string;
  /** The QuoteInput the sale was quoted from; re-quoted when `reconcile` is on. */
  input?: QuoteInput;
  /**
   * Who the goods are sent to: a customer or delivery-address key the seller supplies
   * (hashed if it likes). Not used by returns; `findSplitConsignments()` groups sales by it.
   */
  consignee?: string;
}

/**
 * A dated exchange rate: one unit of `from` is worth `rate` units of `to` on `date`.
 * Either direction serves: ECB reference rates are written `EUR → USD`, and a USD amount
 * on an EUR return is then divided by the rate.
 * @category Returns
 */
export interface ReturnExchangeRate {
  date: string;
  from: string;
  to: string;
  rate: string | number;
}

/** Options of `summarizeReturn()`. @category Returns */
export interface ReturnOptions {
  /** `"EU"` (IOSS), `"GB"`, `"AU"`, `"NZ"`, `"NO"` (VOEC) or `"SG"` (OVR). */
  jurisdiction: Jurisdiction | (string & {});
  /** `"2026-10"` for a month, `"2026-Q3"` for a quarter: it must be the jurisdiction's return period. */
  period: string;
  /** Rates for entries in other currencies than the return's, applied by the jurisdiction's FX rule. */
  exchangeRates?: readonly ReturnExchangeRate[];
  /** Re-quote entries that carry `input` and report where rate or tax differ (`discrepancies`). */
  reconcile?: boolean;
  /**
   * Reject refunds whose original sale is nowhere in the entries. Default false: such
   * refunds are taken to refund sales of earlier ledgers, and counted in a warning.
   */
  strictRefunds?: boolean;
  /**
   * Default true: reject an entry whose id an earlier entry took (`DUPLICATE_ID`), and
   * match refunds with their sales. Costs ~10 bytes per entry read. false keeps memory
   * flat however long the ledger, without those two checks (not with `strictRefunds`).
   */
  checkIds?: boolean;
  /**
   * Receive each rejected entry here instead of in `summary.rejected` (which then stays
   * empty; `counts.rejected` still counts them): keeps memory flat on very dirty ledgers.
   */
  onRejected?: (rejected: RejectedEntry) => void;
}

/** Why an entry was left out of the return. @category Returns */
export type RejectionReason =
  | "INVALID_ENTRY"
  | "INVALID_ID"
  | "INVALID_TYPE"
  | "INVALID_DATE"
  | "UNSUPPORTED_CURRENCY"
  | "INVALID_AMOUNT"
  | "INVALID_RATE"
  | "INVALID_ORIGINAL_ID"
  | "UNKNOWN_DESTINATION"
  | "OTHER_JURISDICTION"
  | "OUTSIDE_VAT_AREA"
  | "DATE_OUT_OF_RANGE"
  | "MISSING_EXCHANGE_RATE"
  | "DUPLICATE_ID"
  | "UNKNOWN_ORIGINAL"
  | "UNKNOWN_CATEGORY";

/** An entry left out of the return, and why. @category Returns */
export interface RejectedEntry {
  /** The entry's id ("" when it had none). */
  id: string;
  /** Position of the entry in the entries given (0-based); in a merged summary, in its own shard. */
  index: number;
  /** The ledger file line the entry starts on (1-based, a CSV header is line 1), when it was read by `readLedgerCsv()` or `readLedgerJsonl()`. */
  line?: number;
  reason: RejectionReason;
  /** The field at fault, when one is. */
  field?: string;
  message: string;
}

/**
 * Where an included entry disagrees with the data or with a re-quote. Two checks make them:
 * the data check (every mode: an entry with a `category` recorded at another rate than the
 * data gives for its destination, category and date; it carries `category` and
 * `expectedTax`) and reconcile mode (a re-quote of the entry's `input`).
 * @category Returns
 */
export interface Discrepancy {
  id: string;
  /** `rate`: not the rate the data (or quote()) gives; `tax`: more than one minor unit apart; `input`: the input no longer quotes. */
  field: "rate" | "tax" | "input";
  /** What the ledger says (for `input`: the entry's currency when the input's differs, else ""). */
  recorded: string;
  /** What the data (or quote()) gives on the entry's date (for `input`: the VatError code, or the input's currency). */
  recomputed: string;
  /** Data check: the entry's category, whose rate `recomputed` is. */
  category?: string;
  /** Data check: the tax that rate implies on the entry's net, in the entry's currency, rounded as the jurisdiction rounds. */
  expectedTax?: string;
  message: string;
}

/** One line of the return: a destination (member state for IOSS) and a rate. @category Returns */
export interface ReturnRow {
  /** Where the tax is due (`taxedAs`: Monaco is FR). */
  destination: string;
  rate: string;
  /** In the return currency. */
  taxableAmount: string;
  tax: string;
  /** Entries in the row (sales and refunds in `rows`, refunds in `refunds`). */
  count: number;
}

/**
 * Exact sums behind the rows, before conversion and rounding: one per destination, rate,
 * kind, currency and exchange rate, in the entry currency. `mergeReturnSummaries` adds
 * these and rounds again, which is why merging shards gives the one-pass result.
 * @category Returns
 */
export interface ReturnConversion {
  destination: string;
  rate: string;
  type: "sale" | "refund";
  currency: string;
  net: string;
  tax: string;
  count: number;
  /** The rate used (as given: it may be the inverse pair), or null in the return currency. */
  exchangeRate: { date: string; from: string; to: string; rate: string } | null;
}

/** A note about the return as a whole. @category Returns */
export interface ReturnWarning {
  code: "REFUND_ORIGINAL_NOT_IN_LEDGER" | "FX_RULE_NOT_MODELLED";
  /** How many entries it concerns. */
  count: number;
  message: string;
}

/** What `summarizeReturn()` gives: a return-ready summary that accounts for every entry. @category Returns */
export interface ReturnSummary {
  jurisdiction: Jurisdiction;
  /** `[from, to)`: `to` is the first day after the period; `lastDay` the last day in it. */
  period: { name: string; from: string; to: string; lastDay: string };
  /** Return currency. */
  currency: string;
  dataVersion: string;
  /** The jurisdiction's FX rule for returns, from the data. */
  fx: { source: string; text: string };
  /** Each row's figures are rounded once from their exact sums, with this mode. */
  /** How rows are rounded: `decimals` is the return's (the currency's minor units unless the data says fewer, as NO's whole kroner). */
  rounding: { mode: "half-up" | "half-down"; decimals: number; text: string };
  /** Per destination and rate, refunds netted in. */
  rows: ReturnRow[];
  /** Refunds alone (positive amounts), per destination and rate; already netted into `rows`. */
  refunds: ReturnRow[];
  /** Sum of the rows. */
  totals: { taxableAmount: string; tax: string };
  conversions: ReturnConversion[];
  discrepancies: Discrepancy[];
  /** `input = included + rejected + outsidePeriod`, always. */
  counts: { input: number; included: number; rejected: number; outsidePeriod: number };
  rejected: RejectedEntry[];
  warnings: ReturnWarning[];
}
