/**
 * fast-check generators of VALID quote inputs, for every destination in the bundled
 * data (taken from `listDestinations()` at run time, so new data brings its own cases)
 * and every date it covers, up to the data edition's date.
 */
import fc from "fast-check";
import { CATEGORIES, listDestinations, ruleChangeDates, rulesFor, type QuoteInput, type QuoteLineInput } from "../../src/index.js";
import { MINOR_UNITS } from "../../src/generated/manifest.js";

/** Last date the properties quote on (the data edition's date). */
export const LAST_DATE = "2026-11-22";

const DAY = 86_400_000;
export const toDays = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;
export const fromDays = (days: number) => new Date(days * DAY).toISOString().slice(0, 10);
export const dayBefore = (date: string) => fromDays(toDays(date) - 1);

export const CURRENCIES = Object.keys(MINOR_UNITS).sort();
export const minorUnits = (currency: string) => MINOR_UNITS[currency]!;

/** Registration names a caller may list: jurisdictions, scheme names, and the odd lower-case one. */
const REGISTRATIONS = ["EU", "IOSS", "GB", "XI", "AU", "AU-GST", "NZ", "NZ-GST", "NO", "VOEC", "SG", "SG-OVR", "GB-VAT", "eu", "au"];
const JURISDICTIONS = ["AU", "EU", "GB", "NO", "NZ", "SG"];
/** Tariff codes: some share a subheading (first 6 digits), some are written with dots and spaces. */
const HS_CODES = ["610910", "6109.10.00", "6206.10.00", "620620", "4901.99", "490199 00", "8517130000", "330300"];
const DUTY_RATES = ["0", "0.035", "0.05", "0.12", "0.25"];

/** `units` minor units of a currency with `dp` decimals, written as the caller might: "12.50", "12.5", "12" or 12. */
export function amountText(units: bigint, dp: number, style: "fixed" | "trim" | "number"): string | number {
  const neg = units < 0n;
  const digits = (neg ? -units : units).toString().padStart(dp + 1, "0");
  const whole = digits.slice(0, digits.length - dp);
  const frac = digits.slice(digits.length - dp);
  const wholeNumber = frac === "" || /^0*$/.test(frac);
  if (style === "number" && wholeNumber && BigInt(whole) <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(whole);
  if (dp === 0) return whole;
  if (style === "trim") {
    const t = frac.replace(/0+$/, "");
    return t ? `${whole}.${t}` : whole;
  }
  return `${whole}.${frac}`;
}

/** Parse an amount as written by `amountText` back into minor units. */
export function unitsOf(amount: string | number, dp: number): bigint {
  const [whole, frac = ""] = String(amount).split(".");
  return BigInt(whole!) * 10n ** BigInt(dp) + BigInt(frac.padEnd(dp, "0") || "0");
}

/**
 * Amounts in minor units: sub-unit prices (where rounding bites), everyday prices that straddle
 * the thresholds (EUR 150, GBP 135, SGD 400, AUD/NZD 1,000, NOK 3,000), and large ones.
 */
export const unitsArb = (dp: number) => {
  const unit = 10n ** BigInt(dp);
  return fc.oneof(
    { arbitrary: fc.bigInt({ min: 0n, max: 100n }), weight: 2 },
    { arbitrary: fc.bigInt({ min: 0n, max: 40n * unit }), weight: 5 },
    { arbitrary: fc.bigInt({ min: 0n, max: 1_500n * unit }), weight: 2 },
    { arbitrary: fc.bigInt({ min: 0n, max: 10_000_000n * unit }), weight: 1 },
  );
};

const styleArb = fc.constantFrom("fixed", "fixed", "trim", "number") as fc.Arbitrary<"fixed" | "trim" | "number">;
const amountArbs = new Map<number, fc.Arbitrary<string | number>>();
/** An amount as the caller writes it, with at most `dp` decimals (built once per dp). */
export const amountArb = (dp: number) => {
  let a = amountArbs.get(dp);
  if (!a) amountArbs.set(dp, (a = fc.tuple(unitsArb(dp), styleArb).map(([u, s]) => amountText(u, dp, s))));
  return a;
};

/** An exchange rate as a decimal string: mostly near 1, sometimes anywhere in (0, 500] with up to 6 decimals. */
export const fxRateArb = fc.oneof(
  { arbitrary: fc.integer({ min: 500_000, max: 2_000_000 }), weight: 3 },
  { arbitrary: fc.integer({ min: 1, max: 500_000_000 }), weight: 1 },
).map((n) => amountText(BigInt(n), 6, "trim") as string);

/** `arb` in `percent` % of cases, else undefined (the field is left out). */
const present = <T>(arb: fc.Arbitrary<T>, percent: number) => fc.oneof({ arbitrary: fc.constant(undefined), weight: 100 - percent }, { arbitrary: arb, weight: percent });

/** Destination codes grouped by jurisdiction, so each regime (not just the EU's many states) gets its share of cases. */
const byJurisdiction = (() => {
  const groups = new Map<string, string[]>();
  for (const code of listDestinations()) {
    const j = rulesFor(code, ruleChangeDates(code)[0]!).jurisdiction;
    groups.set(j, [...(groups.get(j) ?? []), code]);
  }
  return [...groups.values()];
})();

/** A destination (sometimes in lower case) and a date it covers: random days, plus each rule change and the day before it. */
export const destinationDateArb: fc.Arbitrary<{ destination: string; code: string; date: string }> = fc
  .constantFrom(...byJurisdiction)
  .chain((codes) => fc.constantFrom(...codes))
  .chain((code) => datesOf(code));

/** Rule segments, over every destination, where a fee is charged or limited in a currency other than the destination's. */
const foreignFeeSegments = listDestinations().flatMap((code) =>
  ruleChangeDates(code).flatMap((from, i, all) => {
    if (from > LAST_DATE || feeCurrenciesOf(rulesFor(code, from)).length === 0) return [];
    const to = all[i + 1] ? dayBefore(all[i + 1]!) : LAST_DATE;
    return [{ code, from, to: to < LAST_DATE ? to : LAST_DATE }];
  }),
);

/** Like destinationDateArb, but only where fees meet a currency conversion (falls back to any destination when the data has none). */
export const foreignFeeDateArb: fc.Arbitrary<{ destination: string; code: string; date: string }> = foreignFeeSegments.length
  ? fc.constantFrom(...foreignFeeSegments).chain(({ code, from, to }) => fc.integer({ min: toDays(from), max: toDays(to) }).map((d) => ({ code, date: fromDays(d), destination: code })))
  : destinationDateArb;

function datesOf(code: string) {
  const changes = ruleChangeDates(code);
  const first = changes[0]!;
  const boundaries = changes.flatMap((d) => [d, dayBefore(d)]).filter((d) => d >= first && d <= LAST_DATE);
  return fc.tuple(
    fc.oneof({ arbitrary: fc.integer({ min: toDays(first), max: toDays(LAST_DATE) }).map(fromDays), weight: 3 }, { arbitrary: fc.constantFrom(...boundaries), weight: 1 }),
    fc.boolean(),
  ).map(([date, lower]) => ({ code, date, destination: lower ? code.toLowerCase() : code }));
}

export interface LineOptions {
  maxLines?: number;
  maxQuantity?: number;
}

// Ids never spell a word the invariants look for in the output ("NaN", "Infinity", "undefined"): the fuzz test covers echoed ones.
const idArb = fc.stringMatching(/^[A-Za-z0-9-]{1,12}$/).filter((s) => !/NaN|Infinity|undefined/.test(s));
const categoryArb = fc.oneof({ arbitrary: fc.constant("standard"), weight: CATEGORIES.length }, { arbitrary: fc.constantFrom(...CATEGORIES), weight: CATEGORIES.length });

const lineArb = (dp: number, o: LineOptions): fc.Arbitrary<QuoteLineInput> =>
  fc
    .record({
      id: present(idArb, 50),
      description: present(fc.constantFrom("T-shirt", "Novel", "Wine", "Mug", "Été – ümlaut"), 33),
      unitPrice: amountArb(dp),
      quantity: fc.oneof({ arbitrary: fc.integer({ min: 1, max: Math.min(3, o.maxQuantity ?? 3) }), weight: 9 }, { arbitrary: fc.integer({ min: 1, max: o.maxQuantity ?? 1000 }), weight: 1 }),
      category: present(categoryArb, 67),
      hsCode: present(fc.constantFrom(...HS_CODES), 50),
      excise: present(fc.boolean(), 12),
      dutyRate: present(fc.constantFrom(...DUTY_RATES), 50),
    })
    .map((l) => compact(l) as QuoteLineInput);

const customerArb = present(
  fc.constantFrom<NonNullable<QuoteInput["customer"]>>({ type: "consumer" }, { type: "consumer" }, { type: "business" }, { type: "business", taxId: "DE123456789" }, { type: "consumer", taxId: "X1" }),
  50,
);

/** Registrations: the jurisdiction's own names (or, rarely, others) so the collector is registered more often than not. */
const registeredInArb = (rules: { jurisdiction: string; scheme: string; destination: string }) =>
  fc.oneof(
    { arbitrary: fc.subarray([rules.jurisdiction, rules.scheme, rules.destination, rules.jurisdiction.toLowerCase()], { minLength: 1 }), weight: 3 },
    { arbitrary: fc.subarray(REGISTRATIONS, { maxLength: 4 }), weight: 1 },
  );

const sellerArb = (rules: { jurisdiction: string; scheme: string; destination: string }) =>
  present(
    fc
      .record({
        country: present(fc.constantFrom("CN", "US", "GB", "FR"), 50),
        registeredIn: present(registeredInArb(rules), 50),
        salesLast12Months: present(fc.dictionary(fc.constantFrom(...JURISDICTIONS, rules.jurisdiction), amountArb(2), { maxKeys: 3 }), 50),
        globalTurnover: present(amountArb(2), 33),
      })
      .map(compact),
    50,
  );

const marketplaceArb = (rules: { jurisdiction: string; scheme: string; destination: string }) =>
  present(fc.record({ name: present(fc.constantFrom("Shop", "Bazaar"), 67), registeredIn: present(registeredInArb(rules), 50) }).map(compact), 33);

/** Drop keys whose value is undefined (the input type has exact optional properties). */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export interface InputOptions extends LineOptions {
  /** Generate shipping and insurance (default true). */
  charges?: boolean;
  /** Force tax-exclusive (false) or tax-inclusive (true) prices. */
  pricesIncludeTax?: boolean;
  /** Quote in the destination's own currency only. */
  homeCurrency?: boolean;
  /** Only destinations and dates with a fee charged or limited in a foreign currency. */
  foreignFees?: boolean;
}

/** Currencies other than the destination's that its fees are charged or limited in. */
export function feeCurrenciesOf(rules: ReturnType<typeof rulesFor>): string[] {
  const all = rules.fees.flatMap((f) => [f.currency, ...(f.maxConsignmentValue ? [f.maxConsignmentValue.currency] : [])]);
  return [...new Set(all)].filter((c) => c !== rules.currency).sort();
}

/** A valid QuoteInput for any destination and covered date, with all the variants the API has. */
export function validInputArb(o: InputOptions = {}): fc.Arbitrary<QuoteInput> {
  return (o.foreignFees ? foreignFeeDateArb : destinationDateArb).chain(({ code, date, destination }) => {
    const rules = rulesFor(code, date);
    const J = rules.currency;
    const feeCurrencies = feeCurrenciesOf(rules);
    return (o.homeCurrency ? fc.constant(J) : fc.oneof({ arbitrary: fc.constant(J), weight: 3 }, { arbitrary: fc.constantFrom(...CURRENCIES), weight: 1 }))
      .chain((currency) => {
        const dp = minorUnits(currency);
        const fxPair = fc.tuple(fxRateArb, fc.boolean()).map(([rate, inverse]) => ({ [inverse ? `${J}/${currency}` : `${currency}/${J}`]: rate }));
        const feePairs = fc.subarray(feeCurrencies.filter((c) => c !== currency)).chain((cs) =>
          fc.tuple(...cs.map((c) => fxRateArb.map((rate) => [`${currency}/${c}`, rate] as const))).map((pairs) => Object.fromEntries(pairs)),
        );
        return fc
          .record({
            lines: fc.array(lineArb(dp, o), { minLength: 1, maxLength: o.maxLines ?? 5 }),
            shipping: o.charges === false ? fc.constant(undefined) : present(amountArb(dp), 67),
            insurance: o.charges === false ? fc.constant(undefined) : present(amountArb(dp), 33),
            pricesIncludeTax: o.pricesIncludeTax !== undefined ? fc.constant(o.pricesIncludeTax) : present(fc.boolean(), 67),
            rounding: present(fc.constantFrom("line" as const, "invoice" as const), 67),
            customer: customerArb,
            seller: sellerArb(rules),
            marketplace: marketplaceArb(rules),
            consignmentExceedsThreshold: present(fc.boolean(), 17),
            shipsFrom: present(fc.constantFrom("CN", "US", "DE", "GB", "AU", "NZ", "NO", "SG", "IC"), 25),
            fx: currency === J ? fc.constant({}) : fxPair,
            feeFx: feePairs,
          })
          .map((g): QuoteInput => {
            const exchangeRates = { ...g.fx, ...g.feeFx };
            return compact({
              date,
              destination,
              currency,
              lines: g.lines,
              shipping: g.shipping,
              insurance: g.insurance,
              pricesIncludeTax: g.pricesIncludeTax,
              rounding: g.rounding,
              customer: g.customer,
              seller: g.seller,
              marketplace: g.marketplace,
              consignmentExceedsThreshold: g.consignmentExceedsThreshold,
              shipsFrom: g.shipsFrom,
              exchangeRates: Object.keys(exchangeRates).length ? exchangeRates : undefined,
            } as QuoteInput);
          });
      });
  });
}

/** Deep-freeze a plain input so any mutation by the callee throws (ES modules are strict). */
export function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}
