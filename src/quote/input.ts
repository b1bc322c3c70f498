/**
 * QuoteInput: its validation and the normalisation into exact Decimals. The input's shape is
 * defined once, by the zod schema in ./schema.ts; quote() runs the validator compiled from it
 * (src/generated/quote-input-validator.ts), which gives zod's copy and issues without zod.
 */
import { CATEGORIES } from "../data/categories.js";
import type { Category } from "../data/types.js";
import { Decimal, ONE, ZERO, parseUnits } from "../decimal.js";
import { VatError, describeValue, formatPath, invalid, type InputPath } from "../errors.js";
import type { Destination } from "../generated/codes.js";
import { MINOR_UNITS } from "../generated/manifest.js";
import { KEYS, KEYS_chargeGoodsOverThreshold, KEYS_customer, KEYS_lines, KEYS_marketplace, KEYS_seller, validateQuoteInput } from "../generated/quote-input-validator.js";
import { InputIssues, zodToVatError } from "./input-error.js";
import type { ParsedInput } from "./schema.js";

/** A decimal amount: a string like "12.50" or a whole number. */
export type AmountInput = string | number;

/** What `quote()` accepts. Amounts are decimal strings (or whole numbers) in `currency`. */
export interface QuoteInput {
  /** Time of supply (payment accepted), `YYYY-MM-DD`. */
  date: string;
  /** ISO 3166-1 alpha-2 destination (`UK`, `EL` accepted); a literal is checked against the known codes by tsc, any string at run time. */
  destination: Destination | (string & {});
  /** ISO 4217 currency of every amount in the input. */
  currency: string;
  lines: QuoteLineInput[];
  /** Delivery charged to the customer, shown separately. */
  shipping?: AmountInput;
  /** Insurance charged to the customer, shown separately. */
  insurance?: AmountInput;
  /** `unitPrice`, `shipping` and `insurance` already include destination VAT. Default false. */
  pricesIncludeTax?: boolean;
  customer?: { type: "consumer" | "business"; taxId?: string };
  seller?: {
    country?: string;
    /** Jurisdictions the seller is registered in (`"EU"` for IOSS, `"GB"`, `"AU"`, …). Absent: assumed registered where needed. */
    registeredIn?: string[];
    /** Direct sales (not marketplace-collected) in the last 12 months, per jurisdiction, in that jurisdiction's currency. */
    salesLast12Months?: Record<string, AmountInput>;
    /** Worldwide turnover, in the currency of the jurisdiction whose registration test uses it (SG: SGD). */
    globalTurnover?: AmountInput;
  };
  /** Present when the sale goes through an electronic marketplace or platform. */
  marketplace?: { name?: string; registeredIn?: string[] };
  /** Per-line or per-invoice rounding; default from the destination's data. */
  rounding?: "line" | "invoice";
  /** AU only: the seller reasonably expects the whole consignment to be a taxable importation (s84-83). */
  consignmentExceedsThreshold?: boolean;
  /**
   * NZ only: the supplier charges GST at checkout on goods over the NZD 1,000 threshold too. The law allows it
   * when at least 75 % of its supplies by value are low-value goods (`lowValueShare`, a fraction such as
   * `"0.8"`) or with IRD's approval (`approved: true`); without either the option is not applied (warning).
   */
  chargeGoodsOverThreshold?: { lowValueShare?: string; approved?: boolean };
  /**
   * Country the goods are dispatched from; default `seller.country`. Dispatch decides whether the parcel is
   * imported; where the seller is established (`seller.country`) decides its registration test.
   */
  shipsFrom?: string;
  /** Destination postcode: decides places outside the VAT area that have no country code (Heligoland 27498, Livigno 23041, …). */
  postalCode?: string;
  /** `{ "USD/EUR": "0.9213" }`: 1 unit of the first currency in the second. */
  exchangeRates?: Record<string, string | number>;
}

export interface QuoteLineInput {
  id?: string;
  description?: string;
  unitPrice: AmountInput;
  /** A positive whole number. */
  quantity: number;
  /** From the category vocabulary (`CATEGORIES`); default `"standard"`. A literal is checked by tsc, any string at run time. */
  category?: Category | (string & {});
  /** Tariff code; its first 6 digits are the subheading. */
  hsCode?: string;
  /** Excise goods whatever the category. */
  excise?: boolean;
  /** Customs duty rate as a fraction, for the border estimate. */
  dutyRate?: string;
}

export interface NormalLine {
  index: number;
  id: string;
  description?: string;
  unitPrice: Decimal;
  quantity: number;
  /** unitPrice × quantity, computed once. */
  amount: Decimal;
  category: Category;
  subheading?: string;
  excise: boolean;
  dutyRate?: Decimal;
}

export interface NormalInput {
  date: string;
  destination: string;
  currency: string;
  minorUnits: number;
  lines: NormalLine[];
  shipping: Decimal;
  insurance: Decimal;
  pricesIncludeTax: boolean;
  customer: { type: "consumer" | "business"; taxId?: string };
  seller: {
    country?: string;
    registeredIn?: string[];
    sales: Record<string, Decimal>;
    globalTurnover?: Decimal;
    /** The jurisdiction whose VAT area seller.country is in (where it is established): set by quote() from its data set. */
    vatArea?: string;
  };
  marketplace?: { name?: string; registeredIn?: string[] };
  rounding?: "line" | "invoice";
  consignmentExceedsThreshold: boolean;
  /** The NZ over-threshold option as given: the share parsed, approval defaulting to false. */
  chargeGoodsOverThreshold?: { lowValueShare?: Decimal; approved: boolean };
  /** Upper-cased; default the seller's country (undefined when neither was given). */
  shipsFrom?: string;
  postalCode?: string;
  exchangeRates: Record<string, string | number>;
}

const DECIMAL_TEXT = /^(0|[1-9]\d{0,17})(\.\d+)?$/;
/**
 * An order (Σ unitPrice × quantity + shipping + insurance) must total less than this, in its
 * currency: every sum, tax, duty and landed price then stays exact within the private Decimal's
 * 40 significant digits. (Without it, 20,000 lines of the largest price and quantity summed
 * past 10^38 and the totals silently lost their last digits.)
 */
const MAX_ORDER_TOTAL = /* @__PURE__ */ new Decimal("1e18");
const CATEGORY_SET = /* @__PURE__ */ new Set<string>(CATEGORIES);

/** Parse a non-negative amount with at most `dp` decimals; reject anything else with a clear message. */
export function parseAmount(value: unknown, path: InputPath, dp: number, currency: string): Decimal {
  const usual = wellFormedAmount(value, dp);
  if (usual) return usual;
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value) || value < 0) throw invalid(path, `${formatPath(path)} must be a decimal string such as "12.50" (or a whole number ≥ 0), got ${describeValue(value)}`);
    return new Decimal(value);
  }
  if (typeof value !== "string" || !DECIMAL_TEXT.test(value)) {
    throw invalid(path, `${formatPath(path)} must be a decimal string such as "12.50" with no sign, spaces or thousands separators, got ${describeValue(value)}`);
  }
  const decimals = value.length - value.indexOf(".") - 1;
  if (value.includes(".") && decimals > dp) {
    throw new VatError("TOO_MANY_DECIMALS", path, `${formatPath(path)} has ${decimals} decimals but ${currency} has ${dp}; round it before quoting, got ${describeValue(value)}`);
  }
  return new Decimal(value);
}

/** The subheading (first 6 digits) of a tariff code of 6 to 10 digits, dots and white space allowed; undefined for anything else. */
function subheadingOf(hsCode: string): string | undefined {
  // The usual code is ASCII digits and dots ("6109.10"), checked here without regular
  // expressions; anything else goes through them (\s is any Unicode white space).
  let digits = 0;
  for (let i = 0; i < hsCode.length; i++) {
    const c = hsCode.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c !== 46) {
      const all = hsCode.replace(/[\s.]/g, "");
      return /^\d{6,10}$/.test(all) ? all.slice(0, 6) : undefined;
    }
  }
  if (digits < 6 || digits > 10) return undefined;
  const dot = hsCode.indexOf(".");
  if (dot < 0 || dot >= 6) return hsCode.slice(0, 6);
  const next = hsCode.indexOf(".", dot + 1);
  if (next < 0 || next > 6) return hsCode.slice(0, dot) + hsCode.slice(dot + 1, 7); // "6109.10"
  let sub = ""; // "61.09.10": the first six digits, past the dots
  for (let i = 0; sub.length < 6; i++) if (hsCode.charCodeAt(i) !== 46) sub += hsCode[i];
  return sub;
}

/** `["lines", i, field]`: built only when an error needs it. */
const linePath = (i: number, field: string): InputPath => ["lines", i, field];

/**
 * parseAmount's usual case, without building an error path: money text as the core's
 * `parseUnits` reads it (the returns' reader too), as minor units. undefined for anything
 * else: parseAmount then reads it or words the error.
 */
function wellFormedAmount(value: unknown, dp: number): Decimal | undefined {
  if (typeof value !== "string") return undefined;
  const units = parseUnits(value, dp);
  return units < 0 ? undefined : Decimal.fromUnits(units, dp);
}

/** A rate or exchange rate: a positive decimal string (or number that is an integer). */
export function parseRate(value: unknown, path: InputPath, what: string, allowZero: boolean): Decimal {
  const d = rateValue(value, allowZero);
  if (!d) throw invalid(path, `${formatPath(path)} must be ${what} written as a decimal string such as "0.2", got ${describeValue(value)}`);
  return d;
}

/** parseRate without the error (and its path): the rate, or undefined when it is not one. */
function rateValue(value: unknown, allowZero: boolean): Decimal | undefined {
  const ok =
    (typeof value === "string" && /^\d{1,12}(\.\d{1,20})?$/.test(value)) || (typeof value === "number" && Number.isSafeInteger(value) && value >= 0);
  const d = ok ? new Decimal(value as string | number) : undefined;
  return !d || (!allowZero && d.isZero()) ? undefined : d;
}

/**
 * The fields of the object at `path` of a QuoteInput, for the "did you mean" of an unknown
 * field: the schema's fields (the generated validator's key sets).
 * @internal
 */
export function knownFields(path: readonly (string | number)[]): ReadonlySet<string> | undefined {
  if (path.length === 0) return KEYS;
  if (path.length === 2 && path[0] === "lines" && typeof path[1] === "number") return KEYS_lines;
  if (path.length !== 1) return undefined;
  const objects: Record<string, ReadonlySet<string>> = { customer: KEYS_customer, seller: KEYS_seller, marketplace: KEYS_marketplace, chargeGoodsOverThreshold: KEYS_chargeGoodsOverThreshold };
  return typeof path[0] === "string" && Object.hasOwn(objects, path[0]) ? objects[path[0]] : undefined;
}

/** The fields of each object, as the schema defines them (the generated validator's key sets). @internal */
export { KEYS as INPUT_KEYS, KEYS_chargeGoodsOverThreshold as OVER_THRESHOLD_KEYS, KEYS_lines as LINE_KEYS, KEYS_customer as CUSTOMER_KEYS, KEYS_seller as SELLER_KEYS, KEYS_marketplace as MARKETPLACE_KEYS };

/** Reads the caller's value: zod's plain copy of it, or zod's issues. @internal */
export type InputReader = (raw: object) => ParsedInput | InputIssues;

/**
 * Validate the caller's value against the schema: from here on only the plain copy is read.
 * A getter or Proxy trap that throws while it is read is the caller's mistake, reported as
 * INVALID_INPUT like any other, never as a foreign exception out of quote().
 */
function readInput(raw: unknown, read: InputReader): ParsedInput {
  try {
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) throw invalid([], `the quote input must be an object, got ${describeValue(raw)}`);
    const parsed = read(raw);
    if (parsed instanceof InputIssues) throw zodToVatError(parsed, raw, "the quote input", knownFields);
    return parsed;
  } catch (e) {
    if (e instanceof VatError) throw e;
    throw invalid([], "the quote input could not be read: a getter or Proxy in it threw; pass plain data");
  }
}

/**
 * Validate and normalise a QuoteInput; throws VatError. `read`: the generated validator; tests
 * pass the zod schema itself (`parseWithZod`) to check that both give the same result or error.
 */
export function normaliseInput(raw: unknown, read: InputReader = validateQuoteInput): NormalInput {
  const input = readInput(raw, read);

  const currency = input.currency;
  // Every code in the table is three capitals: the pattern is only tested to word an error.
  const dp = Object.hasOwn(MINOR_UNITS, currency) ? MINOR_UNITS[currency]! : undefined;
  if (dp === undefined) {
    if (!/^[A-Z]{3}$/.test(currency)) throw invalid(["currency"], `currency must be an ISO 4217 code in capitals such as "EUR", got ${describeValue(currency)}`);
    throw new VatError("UNSUPPORTED_CURRENCY", ["currency"], `currency ${currency} is not in the SDK's currency table (data/currencies.json)`);
  }

  // A loop without per-line closures or spreads: this runs for every line of every quote.
  const lines: NormalLine[] = [];
  for (let i = 0; i < input.lines.length; i++) {
    const l = input.lines[i]!;
    const q = l.quantity;
    if (typeof q !== "number" || !Number.isSafeInteger(q) || q < 1) throw invalid(linePath(i, "quantity"), `lines[${i}].quantity must be a positive whole number, got ${describeValue(q)}`);
    const category = l.category ?? "standard";
    if (!CATEGORY_SET.has(category)) {
      throw new VatError("UNKNOWN_CATEGORY", linePath(i, "category"), `lines[${i}].category ${describeValue(category)} is not in the category vocabulary: ${CATEGORIES.join(", ")}`);
    }
    let subheading: string | undefined;
    if (l.hsCode !== undefined) {
      subheading = subheadingOf(l.hsCode);
      if (subheading === undefined) throw invalid(linePath(i, "hsCode"), `lines[${i}].hsCode must have 6 to 10 digits (dots and spaces allowed), got ${describeValue(l.hsCode)}`);
    }
    const unitPrice = wellFormedAmount(l.unitPrice, dp) ?? parseAmount(l.unitPrice, linePath(i, "unitPrice"), dp, currency);
    const line: NormalLine = {
      index: i,
      id: l.id ?? String(i + 1),
      unitPrice,
      quantity: q,
      amount: unitPrice.times(q),
      category: category as Category,
      excise: l.excise ?? (category === "excise-alcohol" || category === "excise-tobacco"),
    };
    if (l.description !== undefined) line.description = l.description;
    if (subheading) line.subheading = subheading;
    if (l.dutyRate !== undefined) line.dutyRate = parseRate(l.dutyRate, linePath(i, "dutyRate"), "a duty rate fraction", true);
    lines.push(line);
  }

  const sales: Record<string, Decimal> = {};
  const salesGiven = input.seller?.salesLast12Months;
  if (salesGiven !== undefined) {
    for (const k of Object.keys(salesGiven)) {
      const v = salesGiven[k];
      sales[k.toUpperCase()] = wellFormedAmount(v, 2) ?? parseAmount(v, ["seller", "salesLast12Months", k], 2, "the jurisdiction's currency");
    }
  }
  const seller: NormalInput["seller"] = { sales };
  if (input.seller?.country !== undefined) seller.country = input.seller.country.toUpperCase();
  if (input.seller?.registeredIn) seller.registeredIn = input.seller.registeredIn.map((s) => s.toUpperCase());
  if (input.seller?.globalTurnover !== undefined) seller.globalTurnover = parseAmount(input.seller.globalTurnover, ["seller", "globalTurnover"], 2, "the jurisdiction's currency");

  const out: NormalInput = {
    date: input.date,
    destination: input.destination,
    currency,
    minorUnits: dp,
    lines,
    shipping: input.shipping === undefined ? ZERO : parseAmount(input.shipping, ["shipping"], dp, currency),
    insurance: input.insurance === undefined ? ZERO : parseAmount(input.insurance, ["insurance"], dp, currency),
    pricesIncludeTax: input.pricesIncludeTax ?? false,
    customer: input.customer?.taxId !== undefined ? { type: input.customer.type, taxId: input.customer.taxId } : { type: input.customer?.type ?? "consumer" },
    seller,
    consignmentExceedsThreshold: input.consignmentExceedsThreshold ?? false,
    exchangeRates: input.exchangeRates ?? {},
  };
  if (input.marketplace) {
    out.marketplace = {
      ...(input.marketplace.name !== undefined ? { name: input.marketplace.name } : {}),
      ...(input.marketplace.registeredIn ? { registeredIn: input.marketplace.registeredIn.map((s) => s.toUpperCase()) } : {}),
    };
  }
  let total = out.shipping.plus(out.insurance);
  for (const l of lines) total = total.plus(l.amount);
  if (total.gte(MAX_ORDER_TOTAL)) {
    throw invalid(["lines"], `the order (Σ unitPrice × quantity + shipping + insurance) must total less than 10^18 ${currency}; split it into several quotes`);
  }
  if (input.rounding) out.rounding = input.rounding;
  const over = input.chargeGoodsOverThreshold;
  if (over !== undefined) {
    const share = over.lowValueShare === undefined ? undefined : parseRate(over.lowValueShare, ["chargeGoodsOverThreshold", "lowValueShare"], "a share between 0 and 1", true);
    if (share?.gt(ONE)) throw invalid(["chargeGoodsOverThreshold", "lowValueShare"], `chargeGoodsOverThreshold.lowValueShare must be a fraction between 0 and 1 such as "0.8", got ${describeValue(over.lowValueShare)}`);
    out.chargeGoodsOverThreshold = share === undefined ? { approved: over.approved ?? false } : { lowValueShare: share, approved: over.approved ?? false };
  }
  const shipsFrom = input.shipsFrom ?? input.seller?.country;
  if (shipsFrom !== undefined) out.shipsFrom = shipsFrom.toUpperCase();
  if (input.postalCode !== undefined) out.postalCode = input.postalCode;
  return out;
}

/** Exchange rate `from` → `to` from the caller's table (direct pair, or the inverse pair). */
export function exchangeRate(rates: Record<string, string | number>, from: string, to: string): Decimal | undefined {
  if (from === to) return ONE;
  const direct = `${from}/${to}`;
  if (Object.hasOwn(rates, direct)) return rateValue(rates[direct], false) ?? parseRate(rates[direct], ["exchangeRates", direct], "a positive exchange rate", false);
  const inverse = `${to}/${from}`;
  if (Object.hasOwn(rates, inverse)) return ONE.div(rateValue(rates[inverse], false) ?? parseRate(rates[inverse], ["exchangeRates", inverse], "a positive exchange rate", false));
  return undefined;
}
