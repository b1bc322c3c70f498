/**
 * QuoteInput: its zod schema and the normalisation into exact Decimals.
 * The schema is built once, on first use, never per call; plain input skips it (`plainInput`).
 */
import * as z from "zod/mini";
import { CATEGORIES } from "../data/categories.js";
import type { Category } from "../data/types.js";
import { Decimal, ONE, ZERO, parseUnits } from "../decimal.js";
import { closest } from "../did-you-mean.js";
import { VatError, describeValue, formatPath, invalid, type InputPath } from "../errors.js";
import type { Destination } from "../generated/codes.js";
import { MINOR_UNITS } from "../generated/manifest.js";

/** A decimal amount: a string like "12.50" or a whole number. */
export type AmountInput = string | number;

/** Built on first use, so that a bundle which only looks rules up does not carry zod. */
function buildSchema() {
  const amount = z.union([z.string(), z.number()]);
  const text = (max: number) => z.string().check(z.maxLength(max));
  const lineSchema = z.strictObject({
    id: z.optional(text(200)),
    description: z.optional(text(1000)),
    unitPrice: amount,
    quantity: z.unknown(),
    category: z.optional(z.string()),
    hsCode: z.optional(z.string()),
    excise: z.optional(z.boolean()),
    dutyRate: z.optional(z.string()),
  });

  const registeredIn = z.array(text(8)).check(z.maxLength(50));

  return z.strictObject({
    date: z.string(),
    destination: z.string(),
    currency: z.string(),
    lines: z.array(lineSchema).check(z.minLength(1), z.maxLength(100_000)),
    shipping: z.optional(amount),
    insurance: z.optional(amount),
    pricesIncludeTax: z.optional(z.boolean()),
    customer: z.optional(z.strictObject({ type: z.enum(["consumer", "business"]), taxId: z.optional(text(64)) })),
    seller: z.optional(
      z.strictObject({
        country: z.optional(text(8)),
        registeredIn: z.optional(registeredIn),
        salesLast12Months: z.optional(z.record(text(8), amount)),
        globalTurnover: z.optional(amount),
      }),
    ),
    marketplace: z.optional(z.strictObject({ name: z.optional(text(200)), registeredIn: z.optional(registeredIn) })),
    rounding: z.optional(z.enum(["line", "invoice"])),
    consignmentExceedsThreshold: z.optional(z.boolean()),
    chargeGoodsOverThreshold: z.optional(z.strictObject({ lowValueShare: z.optional(z.string().check(z.maxLength(24))), approved: z.optional(z.boolean()) })),
    shipsFrom: z.optional(text(8)),
    postalCode: z.optional(text(16)),
    exchangeRates: z.optional(z.record(text(16), z.union([z.string(), z.number()]))),
  });
}

let schema: ReturnType<typeof buildSchema> | undefined;
/** The zod schema of QuoteInput: the definition of valid input, and the wording of every input error. */
export const quoteInputSchema = () => (schema ??= buildSchema());
type ParsedInput = z.infer<ReturnType<typeof buildSchema>>;

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

/** A zod failure as a VatError; `subject` and `fieldsAt` word unknown fields for inputs other than QuoteInput (plan, exportRoute). @internal */
export function zodToVatError(error: z.core.$ZodError, raw: unknown, subject = "the quote input", fieldsAt: (path: readonly (string | number)[]) => ReadonlySet<string> | undefined = knownFields): VatError {
  // A misspelt field is usually also a missing one ("unitprice" for "unitPrice"): name the misspelling.
  const issue = error.issues.find((i) => i.code === "unrecognized_keys") ?? error.issues[0]!;
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  let got: unknown = raw;
  for (const p of path) got = got != null && typeof got === "object" ? (got as Record<string | number, unknown>)[p] : undefined;
  const where = formatPath(path);
  let why: string;
  switch (issue.code) {
    case "unrecognized_keys": {
      // The path of the unknown field itself, and the field it most likely meant.
      const [key, ...others] = issue.keys as [string, ...string[]];
      const near = closest(key, fieldsAt(path) ?? []);
      const also = others.length ? ` (also unknown: ${others.map((k) => JSON.stringify(k)).join(", ")})` : "";
      return invalid([...path, key], `${formatPath([...path, key])} is not a field of ${path.length ? where : subject}${near ? `; did you mean ${JSON.stringify(near)}?` : ""}${also}`);
    }
    case "invalid_type":
      why = got === undefined ? "is required" : `must be ${issue.expected === "union" ? "a decimal string" : `${/^[aeiou]/.test(issue.expected) ? "an" : "a"} ${issue.expected}`}, got ${describeValue(got)}`;
      break;
    case "too_small":
      why = Array.isArray(got) ? `needs at least ${String(issue.minimum)} entr${issue.minimum === 1 ? "y" : "ies"}` : `is too small, got ${describeValue(got)}`;
      break;
    case "too_big":
      why = `is too large (at most ${String(issue.maximum)}), got ${describeValue(got)}`;
      break;
    case "invalid_value":
      why = `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, got ${describeValue(got)}`;
      break;
    default:
      why = `is not valid (${issue.message}), got ${describeValue(got)}`;
  }
  return invalid(path, `${where} ${why}`);
}

/**
 * The fields of each object of a QuoteInput, by path: the fast path (plainInput) accepts
 * exactly these, and an unknown-field error suggests the nearest of them. They must equal
 * the zod schema's fields (test/input.test.ts).
 * @internal
 */
export function knownFields(path: readonly (string | number)[]): ReadonlySet<string> | undefined {
  if (path.length === 0) return INPUT_KEYS;
  if (path.length === 2 && path[0] === "lines" && typeof path[1] === "number") return LINE_KEYS;
  if (path.length !== 1) return undefined;
  return path[0] === "customer" ? CUSTOMER_KEYS : path[0] === "seller" ? SELLER_KEYS : path[0] === "marketplace" ? MARKETPLACE_KEYS : undefined;
}

/** The fields the fast path knows, per object: test/input.test.ts checks they are the schema's. @internal */
export const INPUT_KEYS = /* @__PURE__ */ new Set(["date", "destination", "currency", "lines", "shipping", "insurance", "pricesIncludeTax", "customer", "seller", "marketplace", "rounding", "consignmentExceedsThreshold", "exchangeRates", "chargeGoodsOverThreshold", "shipsFrom", "postalCode"]);
export const OVER_THRESHOLD_KEYS = /* @__PURE__ */ new Set(["lowValueShare", "approved"]);
export const LINE_KEYS = /* @__PURE__ */ new Set(["id", "description", "unitPrice", "quantity", "category", "hsCode", "excise", "dutyRate"]);
export const CUSTOMER_KEYS = /* @__PURE__ */ new Set(["type", "taxId"]);
export const SELLER_KEYS = /* @__PURE__ */ new Set(["country", "registeredIn", "salesLast12Months", "globalTurnover"]);
export const MARKETPLACE_KEYS = /* @__PURE__ */ new Set(["name", "registeredIn"]);

/** An object literal (or JSON.parse result) whose enumerable keys, own or inherited, are all in `keys`. */
function plainObject(v: unknown, keys: ReadonlySet<string>): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null || Object.getPrototypeOf(v) !== Object.prototype) return false;
  for (const k in v) if (!keys.has(k)) return false;
  return true;
}

const isAmount = (v: unknown): v is string | number => typeof v === "string" || (typeof v === "number" && Number.isFinite(v));
const optionalText = (v: unknown, max: number): v is string | undefined => v === undefined || (typeof v === "string" && v.length <= max);

function textList(v: unknown): string[] | undefined {
  if (!Array.isArray(v) || v.length > 50) return undefined;
  const out: string[] = [];
  for (let i = 0; i < v.length; i++) {
    const s: unknown = v[i];
    if (typeof s !== "string" || s.length > 8) return undefined;
    out.push(s);
  }
  return out;
}

function amountRecord(v: unknown, maxKey: number): Record<string, string | number> | undefined {
  if (typeof v !== "object" || v === null || Object.getPrototypeOf(v) !== Object.prototype) return undefined;
  const keys = Object.keys(v);
  if (Object.getOwnPropertySymbols(v).length) return undefined; // zod rejects symbol keys (non-enumerable ones it skips, as Object.keys does)
  const out: Record<string, string | number> = {};
  for (const k of keys) {
    const a = (v as Record<string, unknown>)[k];
    if (k === "__proto__" || k.length > maxKey || !isAmount(a)) return undefined;
    out[k] = a;
  }
  return out;
}

/**
 * The common case without zod: plain objects and arrays holding exactly what the schema
 * accepts, copied as zod would copy them. Anything else — a class instance, an unknown
 * key, a wrong type, a limit exceeded — returns undefined and goes through the schema,
 * which words the error. It never accepts what the schema rejects (test/input.test.ts).
 * @internal
 */
export function plainInput(raw: object): ParsedInput | undefined {
  if (!plainObject(raw, INPUT_KEYS)) return undefined;
  const { date, destination, currency, lines, shipping, insurance, pricesIncludeTax, customer, seller, marketplace, rounding, consignmentExceedsThreshold, exchangeRates } = raw;
  if (typeof date !== "string" || typeof destination !== "string" || typeof currency !== "string") return undefined;
  if (!Array.isArray(lines) || lines.length < 1 || lines.length > 100_000) return undefined;
  const outLines: ParsedInput["lines"] = [];
  for (let i = 0; i < lines.length; i++) {
    const l: unknown = lines[i];
    if (!plainObject(l, LINE_KEYS)) return undefined;
    const { id, description, unitPrice, quantity, category, hsCode, excise, dutyRate } = l;
    if (!isAmount(unitPrice) || typeof quantity !== "number" || !optionalText(id, 200) || !optionalText(description, 1000)) return undefined;
    if (!optionalText(category, Infinity) || !optionalText(hsCode, Infinity) || !optionalText(dutyRate, Infinity) || (excise !== undefined && typeof excise !== "boolean")) return undefined;
    const line: ParsedInput["lines"][number] = { unitPrice, quantity };
    if (id !== undefined) line.id = id;
    if (description !== undefined) line.description = description;
    if (category !== undefined) line.category = category;
    if (hsCode !== undefined) line.hsCode = hsCode;
    if (excise !== undefined) line.excise = excise;
    if (dutyRate !== undefined) line.dutyRate = dutyRate;
    outLines.push(line);
  }
  const out: ParsedInput = { date, destination, currency, lines: outLines };
  if (shipping !== undefined) {
    if (!isAmount(shipping)) return undefined;
    out.shipping = shipping;
  }
  if (insurance !== undefined) {
    if (!isAmount(insurance)) return undefined;
    out.insurance = insurance;
  }
  if (pricesIncludeTax !== undefined) {
    if (typeof pricesIncludeTax !== "boolean") return undefined;
    out.pricesIncludeTax = pricesIncludeTax;
  }
  if (customer !== undefined) {
    if (!plainObject(customer, CUSTOMER_KEYS)) return undefined;
    const { type, taxId } = customer;
    if ((type !== "consumer" && type !== "business") || !optionalText(taxId, 64)) return undefined;
    out.customer = taxId === undefined ? { type } : { type, taxId };
  }
  if (seller !== undefined) {
    if (!plainObject(seller, SELLER_KEYS)) return undefined;
    const { country, registeredIn, salesLast12Months, globalTurnover } = seller;
    if (!optionalText(country, 8) || (globalTurnover !== undefined && !isAmount(globalTurnover))) return undefined;
    const s: NonNullable<ParsedInput["seller"]> = {};
    if (country !== undefined) s.country = country;
    if (registeredIn !== undefined) {
      const list = textList(registeredIn);
      if (!list) return undefined;
      s.registeredIn = list;
    }
    if (salesLast12Months !== undefined) {
      const sales = amountRecord(salesLast12Months, 8);
      if (!sales) return undefined;
      s.salesLast12Months = sales;
    }
    if (globalTurnover !== undefined) s.globalTurnover = globalTurnover;
    out.seller = s;
  }
  if (marketplace !== undefined) {
    if (!plainObject(marketplace, MARKETPLACE_KEYS)) return undefined;
    const { name, registeredIn } = marketplace;
    if (!optionalText(name, 200)) return undefined;
    const m: NonNullable<ParsedInput["marketplace"]> = {};
    if (name !== undefined) m.name = name;
    if (registeredIn !== undefined) {
      const list = textList(registeredIn);
      if (!list) return undefined;
      m.registeredIn = list;
    }
    out.marketplace = m;
  }
  if (rounding !== undefined) {
    if (rounding !== "line" && rounding !== "invoice") return undefined;
    out.rounding = rounding;
  }
  if (consignmentExceedsThreshold !== undefined) {
    if (typeof consignmentExceedsThreshold !== "boolean") return undefined;
    out.consignmentExceedsThreshold = consignmentExceedsThreshold;
  }
  if (exchangeRates !== undefined) {
    const rates = amountRecord(exchangeRates, 16);
    if (!rates) return undefined;
    out.exchangeRates = rates;
  }
  const { chargeGoodsOverThreshold: over, shipsFrom, postalCode } = raw;
  if (over !== undefined) {
    if (!plainObject(over, OVER_THRESHOLD_KEYS)) return undefined;
    const { lowValueShare, approved } = over;
    if (!optionalText(lowValueShare, 24) || (approved !== undefined && typeof approved !== "boolean")) return undefined;
    const o: NonNullable<ParsedInput["chargeGoodsOverThreshold"]> = {};
    if (lowValueShare !== undefined) o.lowValueShare = lowValueShare;
    if (approved !== undefined) o.approved = approved;
    out.chargeGoodsOverThreshold = o;
  }
  if (shipsFrom !== undefined) {
    if (!optionalText(shipsFrom, 8)) return undefined;
    out.shipsFrom = shipsFrom;
  }
  if (postalCode !== undefined) {
    if (!optionalText(postalCode, 16)) return undefined;
    out.postalCode = postalCode;
  }
  return out;
}

/**
 * Validate the caller's value against the schema: from here on only zod's plain copy is read.
 * A getter or Proxy trap that throws while it is read is the caller's mistake, reported as
 * INVALID_INPUT like any other, never as a foreign exception out of quote().
 */
function readInput(raw: unknown, viaSchema: boolean): ParsedInput {
  try {
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) throw invalid([], `the quote input must be an object, got ${describeValue(raw)}`);
    const plain = viaSchema ? undefined : plainInput(raw);
    if (plain) return plain;
    const parsed = quoteInputSchema().safeParse(raw);
    if (!parsed.success) throw zodToVatError(parsed.error, raw);
    return parsed.data;
  } catch (e) {
    if (e instanceof VatError) throw e;
    throw invalid([], "the quote input could not be read: a getter or Proxy in it threw; pass plain data");
  }
}

/**
 * Validate and normalise a QuoteInput; throws VatError. `viaSchema`: skip the fast path
 * (test/input.test.ts checks that both ways give the same result or the same error).
 */
export function normaliseInput(raw: unknown, viaSchema = false): NormalInput {
  const input = readInput(raw, viaSchema);

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
