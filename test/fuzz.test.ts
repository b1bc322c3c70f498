/**
 * Hostile input: whatever a caller passes, quote() either returns a valid Quote or
 * throws a VatError with a known code — never another exception, never NaN, Infinity
 * or undefined in the result, and Object.prototype is left as it was.
 *
 * FUZZ_RUNS sets the number of generated cases for each of the two quote() fuzz properties
 * (a quarter of it for the lookup one): default 1,500, so `npm test` stays fast (3,375 cases);
 * `npm run fuzz` runs 100,000 of each (225,000 cases).
 */
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { VatError, listDestinations, quote, ruleChangeDates, rulesFor, safeQuote, type Quote, type QuoteInput, type VatErrorCode } from "../src/index.js";
import { validInputArb } from "./support/arbitraries.js";
import { checkQuote } from "./support/invariants.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 1_500);
const TIMEOUT = 60_000 + RUNS * 5;
/** Replay a reported failure: FUZZ_SEED=<seed> FUZZ_PATH=<path> npx vitest run test/fuzz.test.ts -t "<name>". */
const REPLAY = process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED), ...(process.env.FUZZ_PATH ? { path: process.env.FUZZ_PATH } : {}) } : {};

/** Every code a VatError may carry; the type below fails to compile when errors.ts gains one not listed here. */
const KNOWN_CODES = ["INVALID_INPUT", "UNKNOWN_DESTINATION", "DATE_OUT_OF_RANGE", "MISSING_EXCHANGE_RATE", "UNKNOWN_CATEGORY", "UNSUPPORTED_CURRENCY", "TOO_MANY_DECIMALS", "UNKNOWN_COUNTRY"] as const satisfies readonly VatErrorCode[];
const allCodesListed: [Exclude<VatErrorCode, (typeof KNOWN_CODES)[number]>] extends [never] ? true : false = true;
/** An error message is a sentence, never the whole of a huge value the caller gave. */
const MAX_MESSAGE = 2_000;

// ------------------------------------------------------------------ built-in prototypes stay untouched
const WATCHED = [Object.prototype, Array.prototype, Function.prototype, String.prototype, Number.prototype];
type Snapshot = [PropertyKey, unknown, unknown, unknown][][];
const snapshotPrototypes = (): Snapshot =>
  WATCHED.map((p) =>
    Reflect.ownKeys(p).map((k) => {
      const d = Object.getOwnPropertyDescriptor(p, k)!;
      return [k, d.value, d.get, d.set];
    }),
  );
const PRISTINE = snapshotPrototypes();
function expectPrototypesUntouched() {
  const now = snapshotPrototypes();
  WATCHED.forEach((_, i) => {
    const before = PRISTINE[i]!;
    const after = now[i]!;
    if (after.length !== before.length || after.some(([k, v, g, s], j) => k !== before[j]![0] || v !== before[j]![1] || g !== before[j]![2] || s !== before[j]![3])) {
      throw new Error(`a built-in prototype changed: ${after.map(([k]) => String(k)).join(", ")}`);
    }
  });
  if (Object.getPrototypeOf({}) !== Object.prototype) throw new Error("{} lost its prototype");
}

// ------------------------------------------------------------------ one call
const TOKENS = ["NaN", "Infinity", "undefined", "[object "];

/** Words from the checked list that the caller's own strings contain (they may be echoed in ids, descriptions and explanations). */
function echoedTokens(input: unknown): Set<string> {
  const found = new Set<string>();
  const seen = new Set<unknown>();
  const walk = (v: unknown, depth: number) => {
    try {
      if (typeof v === "string") {
        for (const t of TOKENS) if (v.includes(t)) found.add(t);
      } else if (v !== null && typeof v === "object" && depth < 8 && !seen.has(v)) {
        seen.add(v);
        for (const k of Reflect.ownKeys(v)) {
          if (typeof k === "string") walk(k, depth + 1);
          walk((v as Record<PropertyKey, unknown>)[k], depth + 1);
        }
      }
    } catch {
      // a throwing getter or proxy trap: nothing to echo from it
    }
  };
  walk(input, 0);
  return found;
}

function describeThrown(e: unknown): string {
  try {
    return e instanceof Error ? `${e.constructor.name}: ${e.message}\n${e.stack?.split("\n").slice(1, 6).join("\n")}` : `a thrown ${typeof e}`;
  } catch {
    return "an unprintable exception";
  }
}

/** Every value the getters planted by `mutate` returned during the current call (they may differ from read to read). */
const handedOut: unknown[] = [];

/** Call quote() once and check the outcome; returns what happened. */
function attempt(input: unknown): "quote" | VatErrorCode {
  let q: Quote;
  handedOut.length = 0;
  try {
    q = quote(input as QuoteInput);
  } catch (e) {
    expectPrototypesUntouched();
    if (!(e instanceof VatError)) throw new Error(`quote() threw ${describeThrown(e)} instead of a VatError`, { cause: e });
    expect(KNOWN_CODES).toContain(e.code);
    expect(Array.isArray(e.path) && e.path.every((p) => typeof p === "string" || typeof p === "number")).toBe(true);
    expect(typeof e.message).toBe("string");
    expect(e.message.length).toBeGreaterThan(0);
    expect(e.message.length, `message of ${e.message.length} characters: ${e.message.slice(0, 120)}…`).toBeLessThanOrEqual(MAX_MESSAGE);
    expect(JSON.parse(JSON.stringify(e))).toEqual({ code: e.code, path: [...e.path], message: e.message });
    return e.code;
  }
  expectPrototypesUntouched();
  checkQuote(q, { echoed: echoedTokens([input, ...handedOut]) });
  return "quote";
}

// ------------------------------------------------------------------ hostile values
const NASTY_KEYS = ["__proto__", "constructor", "toString", "valueOf", "hasOwnProperty", "prototype", "lines", "unitPrice", "quantity", "USD/EUR", "EUR/USD", "EU", "AU", ""];
const keyArb = fc.oneof({ arbitrary: fc.constantFrom(...NASTY_KEYS), weight: 1 }, { arbitrary: fc.string({ maxLength: 10 }), weight: 1 });

function throwingGetter(value: Record<string, unknown> = {}): object {
  return Object.defineProperty({ ...value }, "unitPrice", {
    enumerable: true,
    get() {
      throw new Error("getter says no");
    },
  });
}
const cyclic = () => {
  const o: Record<string, unknown> = { date: "2026-11-02", destination: "FR", currency: "EUR" };
  o.lines = [o];
  return o;
};
const revoked = () => {
  const r = Proxy.revocable({}, {});
  r.revoke();
  return r.proxy;
};
const trapEverything = () =>
  new Proxy(
    {},
    {
      get() {
        throw new Error("get trap");
      },
      ownKeys() {
        throw new Error("ownKeys trap");
      },
      getOwnPropertyDescriptor() {
        throw new Error("descriptor trap");
      },
      has() {
        throw new Error("has trap");
      },
      getPrototypeOf() {
        throw new Error("prototype trap");
      },
    },
  );

/** Values no caller should send, and some a careless one might. */
const NASTY_VALUES: (() => unknown)[] = [
  () => NaN,
  () => Infinity,
  () => -Infinity,
  () => 1e309,
  () => -0,
  () => -1,
  () => 1.5,
  () => 2 ** 53,
  () => Number.MAX_VALUE,
  () => Number.MIN_VALUE,
  () => 10n,
  () => -1n,
  () => Symbol("s"),
  () => null,
  () => undefined,
  () => true,
  () => "",
  () => " ",
  () => "NaN",
  () => "Infinity",
  () => "1e309",
  () => "-0",
  () => "-1",
  () => "+1",
  () => "0x10",
  () => "1e3",
  () => ".5",
  () => "5.",
  () => "00.5",
  () => "1_000",
  () => "١٢",
  () => "１２",
  () => "1,50",
  () => " 12",
  () => "12 ",
  () => "9".repeat(400),
  () => "0." + "0".repeat(60) + "1",
  () => "X".repeat(100_000),
  () => "2026-02-30",
  () => "2026-13-01",
  () => "0000-01-01",
  () => "9999-12-31",
  () => "٢٠٢٦-١١-٠٢",
  () => "2026-11-02T00:00:00Z",
  () => "__proto__",
  () => "constructor",
  () => "toString",
  () => "UK",
  () => "EL",
  () => "fr",
  () => "eur",
  () => "XXX",
  () => "JPY",
  () => "BHD",
  () => ({}),
  () => [],
  () => [null],
  () => Object.create(null),
  () => new Date(NaN),
  () => new Map([["a", 1]]),
  () => () => 1,
  () => new String("12.50"),
  () => new Number(1),
  () => ({ valueOf: () => 12, toString: () => "12" }),
  cyclic,
  revoked,
  trapEverything,
  () => new Proxy({ unitPrice: "1", quantity: 1 }, {}),
  () => throwingGetter({ quantity: 1 }),
];

/**
 * Generated cases are recipes (an index into NASTY_VALUES, or a printable value) and the
 * hostile value is built inside the property: fast-check can then print and shrink a
 * counterexample even when the value itself is a revoked proxy or a throwing getter.
 */
type Recipe = { nasty: number } | { value: unknown };
const realise = (r: Recipe): unknown => ("nasty" in r ? NASTY_VALUES[r.nasty]!() : r.value);

const anythingArb = fc.anything({
  key: keyArb,
  maxDepth: 3,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
});
const recipeArb: fc.Arbitrary<Recipe> = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: NASTY_VALUES.length - 1 }).map((nasty) => ({ nasty })), weight: 3 },
  { arbitrary: anythingArb.map((value) => ({ value })), weight: 2 },
  { arbitrary: fc.stringMatching(/^[ +-]?[0-9٠-٩]{0,22}([.,][0-9]{0,6})?( ?)$/).map((value) => ({ value })), weight: 1 },
);

/** Own data properties, even for keys such as "__proto__". */
function ownObject(entries: [string, unknown][]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

/** Something shaped like an input: the top-level fields with hostile values, lines with hostile fields. */
const shapedArb = fc
  .record(
    {
      date: recipeArb,
      destination: recipeArb,
      currency: recipeArb,
      lines: fc.oneof(recipeArb.map((one) => ({ one })), fc.array(fc.array(fc.tuple(keyArb, recipeArb), { maxLength: 4 }), { maxLength: 3 }).map((many) => ({ many }))),
      exchangeRates: fc.array(fc.tuple(keyArb, recipeArb), { maxLength: 3 }),
    },
    { requiredKeys: [] },
  )
  .map((shape) => ({ shape }));

type Hostile = Recipe | { shape: { date?: Recipe; destination?: Recipe; currency?: Recipe; lines?: { one: Recipe } | { many: [string, Recipe][][] }; exchangeRates?: [string, Recipe][] } };
function build(h: Hostile): unknown {
  if (!("shape" in h)) return realise(h);
  const { lines, exchangeRates, ...top } = h.shape;
  const entries: [string, unknown][] = Object.entries(top).map(([k, r]) => [k, realise(r)]);
  if (lines) entries.push(["lines", "one" in lines ? realise(lines.one) : lines.many.map((fields) => ownObject(fields.map(([k, r]) => [k, realise(r)])))]);
  if (exchangeRates) entries.push(["exchangeRates", ownObject(exchangeRates.map(([k, r]) => [k, realise(r)]))]);
  return ownObject(entries);
}

// ------------------------------------------------------------------ mutating a valid input
type Op = "set" | "delete" | "add" | "getter" | "throwing-getter" | "proxy" | "revoke";
const opArb = fc.record({
  pick: fc.nat(),
  op: fc.constantFrom<Op>("set", "set", "set", "delete", "add", "add", "getter", "throwing-getter", "proxy", "revoke"),
  key: keyArb,
  value: recipeArb,
});

/** Every (container, key) pair in a plain input tree, the root's own fields first. */
function slots(root: Record<string, unknown>): [Record<PropertyKey, unknown>, PropertyKey][] {
  const out: [Record<PropertyKey, unknown>, PropertyKey][] = [];
  const seen = new Set<unknown>();
  const walk = (o: Record<PropertyKey, unknown>) => {
    if (seen.has(o)) return;
    seen.add(o);
    let keys: string[];
    try {
      keys = Object.keys(o);
    } catch {
      return; // an earlier mutation left a revoked proxy here
    }
    for (const k of keys) {
      out.push([o, k]);
      const v = peek(o, k); // never call the getters planted by earlier mutations
      if (v !== null && typeof v === "object") walk(v as Record<PropertyKey, unknown>);
    }
  };
  walk(root);
  return out;
}

/** A slot's value without calling a getter an earlier mutation planted there. */
function peek(o: object, k: PropertyKey): unknown {
  try {
    const d = Object.getOwnPropertyDescriptor(o, k);
    return d && "value" in d ? d.value : undefined;
  } catch {
    return undefined;
  }
}

function mutate(input: QuoteInput, ops: { pick: number; op: Op; key: string; value: Recipe }[]): unknown {
  const root = { value: structuredClone(input) as unknown as Record<string, unknown> };
  for (const { pick, op, key, value: recipe } of ops) {
    const value = realise(recipe);
    const all = slots(root.value);
    if (all.length === 0) break;
    const [container, k] = all[pick % all.length]!;
    // Some slots cannot change (a boxed String's characters, a frozen Date): such a mutation is skipped.
    const define = (o: object, name: PropertyKey, d: PropertyDescriptor) => {
      try {
        Reflect.defineProperty(o, name, { enumerable: true, configurable: true, ...d });
      } catch {
        // a typed array refusing a BigInt, a revoked proxy: leave the slot as it is
      }
    };
    switch (op) {
      case "set":
        define(container, k, { value, writable: true });
        break;
      case "delete":
        try {
          Reflect.deleteProperty(container, k);
        } catch {
          // a revoked proxy
        }
        break;
      case "add":
        define(container, key, { value, writable: true });
        break;
      case "getter": {
        let reads = 0;
        const original = peek(container, k);
        // Returns the original value once, then something else: quote() must read each field once.
        define(container, k, {
          get: () => {
            const v = reads++ === 0 ? original : value;
            handedOut.push(v);
            return v;
          },
        });
        break;
      }
      case "throwing-getter":
        define(container, k, {
          get() {
            throw new Error("no");
          },
        });
        break;
      case "proxy": {
        const v = peek(container, k);
        if (v !== null && typeof v === "object") define(container, k, { value: new Proxy(v, {}), writable: true });
        else define(root, "value", { value: new Proxy(root.value, {}), writable: true });
        break;
      }
      case "revoke":
        define(container, k, { value: revoked(), writable: true });
        break;
    }
  }
  return root.value;
}

// ------------------------------------------------------------------ the properties
describe("fuzz: quote() returns a valid Quote or throws a VatError with a known code", () => {
  it("lists every VatError code", () => {
    expect(allCodesListed).toBe(true);
  });

  test.prop([fc.oneof(recipeArb, shapedArb)], { numRuns: RUNS, ...REPLAY })(
    "for anything at all (fast-check anything(), hostile values, objects shaped like an input)",
    (hostile: Hostile) => {
      attempt(build(hostile));
    },
    TIMEOUT,
  );

  test.prop([validInputArb(), fc.array(opArb, { minLength: 1, maxLength: 3 })], { numRuns: RUNS, ...REPLAY })(
    "for valid inputs with fields replaced, removed or added, getters, proxies and revoked proxies",
    (input, ops) => {
      attempt(mutate(input, ops));
    },
    TIMEOUT,
  );
});

// ------------------------------------------------------------------ hand-written nasties
const ok: QuoteInput = { date: "2026-11-02", destination: "FR", currency: "EUR", lines: [{ unitPrice: "10.00", quantity: 1 }] };
const own = ownObject;
const line = (over: Record<string, unknown>) => ({ ...ok, lines: [{ unitPrice: "10.00", quantity: 1, ...over }] });

const NASTIES: [string, () => unknown, "quote" | VatErrorCode | undefined][] = [
  ["NaN price", () => line({ unitPrice: NaN }), "INVALID_INPUT"],
  ["Infinity price", () => line({ unitPrice: Infinity }), "INVALID_INPUT"],
  ["1e309 price", () => line({ unitPrice: 1e309 }), "INVALID_INPUT"],
  ["'1e309' price", () => line({ unitPrice: "1e309" }), "INVALID_INPUT"],
  ["-0 price, shipping and insurance", () => ({ ...line({ unitPrice: -0 }), shipping: -0, insurance: -0 }), "quote"],
  ["NaN quantity", () => line({ quantity: NaN }), "INVALID_INPUT"],
  ["negative quantity", () => line({ quantity: -3 }), "INVALID_INPUT"],
  ["zero quantity", () => line({ quantity: 0 }), "INVALID_INPUT"],
  ["BigInt quantity", () => line({ quantity: 2n }), "INVALID_INPUT"],
  ["BigInt price", () => line({ unitPrice: 10n }), "INVALID_INPUT"],
  ["Symbol price", () => line({ unitPrice: Symbol("10") }), "INVALID_INPUT"],
  ["Symbol-keyed field", () => ({ ...ok, [Symbol("extra")]: 1 }), "quote"],
  ["'1,50'", () => line({ unitPrice: "1,50" }), "INVALID_INPUT"],
  ["' 12'", () => line({ unitPrice: " 12" }), "INVALID_INPUT"],
  ["Arabic-Indic digits '١٢'", () => line({ unitPrice: "١٢" }), "INVALID_INPUT"],
  ["full-width digits", () => line({ unitPrice: "１２" }), "INVALID_INPUT"],
  ["Arabic-Indic quantity", () => line({ quantity: "١" }), "INVALID_INPUT"],
  ["2026-02-30", () => ({ ...ok, date: "2026-02-30" }), "INVALID_INPUT"],
  ["Arabic-Indic date", () => ({ ...ok, date: "٢٠٢٦-١١-٠٢" }), "INVALID_INPUT"],
  ["date with a time", () => ({ ...ok, date: "2026-11-02T00:00:00Z" }), "INVALID_INPUT"],
  ["huge destination string", () => ({ ...ok, destination: "X".repeat(1_000_000) }), "UNKNOWN_DESTINATION"],
  ["huge date string", () => ({ ...ok, date: "9".repeat(1_000_000) }), "INVALID_INPUT"],
  ["huge currency string", () => ({ ...ok, currency: "E".repeat(1_000_000) }), "INVALID_INPUT"],
  ["huge price string", () => line({ unitPrice: "9".repeat(1_000_000) }), "INVALID_INPUT"],
  ["huge exchange-rate string", () => ({ ...ok, currency: "USD", exchangeRates: { "USD/EUR": "1".repeat(1_000_000) } }), "INVALID_INPUT"],
  ["destination __proto__", () => ({ ...ok, destination: "__proto__" }), "UNKNOWN_DESTINATION"],
  ["destination constructor", () => ({ ...ok, destination: "constructor" }), "UNKNOWN_DESTINATION"],
  ["destination toString", () => ({ ...ok, destination: "toString" }), "UNKNOWN_DESTINATION"],
  ["destination hasOwnProperty", () => ({ ...ok, destination: "hasOwnProperty" }), "UNKNOWN_DESTINATION"],
  ["currency toString", () => ({ ...ok, currency: "toString" }), "INVALID_INPUT"],
  ["exchangeRates with own __proto__, constructor, toString", () => ({ ...ok, currency: "USD", exchangeRates: own([["__proto__", "1"], ["constructor", "2"], ["toString", "3"], ["USD/EUR", "0.9"]]) }), "quote"],
  // zod drops an own "__proto__" key from a record (it never becomes the prototype), so the pair is simply missing.
  ["exchangeRates __proto__ as the only pair", () => ({ ...ok, currency: "USD", exchangeRates: own([["__proto__", { "USD/EUR": "0.9" }]]) }), "MISSING_EXCHANGE_RATE"],
  ["exchangeRates inherited pair", () => ({ ...ok, currency: "USD", exchangeRates: Object.create({ "USD/EUR": "0.9" }) }), "MISSING_EXCHANGE_RATE"],
  ["salesLast12Months with own __proto__, constructor, toString", () => ({ ...ok, seller: { salesLast12Months: own([["__proto__", "1"], ["constructor", "2"], ["toString", "3"], ["EU", "10"]]) } }), undefined],
  ["salesLast12Months __proto__ object", () => ({ ...ok, seller: { salesLast12Months: own([["__proto__", { EU: "99999999" }]]) } }), "quote"],
  ["input with own __proto__ key", () => own([...Object.entries(ok), ["__proto__", { pricesIncludeTax: true }]]), "INVALID_INPUT"],
  ["input inheriting its fields", () => Object.create(ok), undefined],
  ["line inheriting from a polluting object", () => ({ ...ok, lines: [Object.assign(Object.create({ polluted: true }), { unitPrice: "1", quantity: 1 })] }), undefined],
  ["getter that throws (input field)", () => Object.defineProperty({ ...ok }, "currency", { enumerable: true, get: () => { throw new Error("boom"); } }), "INVALID_INPUT"],
  ["getter that throws (line field)", () => ({ ...ok, lines: [throwingGetter({ quantity: 1 })] }), "INVALID_INPUT"],
  ["getter that throws a non-Error", () => Object.defineProperty({ ...ok }, "date", { enumerable: true, get: () => { throw Symbol("odd"); } }), "INVALID_INPUT"],
  ["getter that changes its answer", () => { let n = 0; return Object.defineProperty({ ...ok }, "destination", { enumerable: true, get: () => (n++ ? "ZZ" : "FR") }); }, "quote"],
  ["cyclic input", () => { const o: Record<string, unknown> = { ...ok }; o.self = o; return o; }, "INVALID_INPUT"],
  ["cyclic line", cyclic, "INVALID_INPUT"],
  ["cyclic quantity", () => { const l: Record<string, unknown> = { unitPrice: "1" }; l.quantity = l; return { ...ok, lines: [l] }; }, "INVALID_INPUT"],
  ["transparent Proxy input", () => new Proxy({ ...ok }, {}), "quote"],
  ["Proxy whose traps throw (input)", trapEverything, "INVALID_INPUT"],
  ["Proxy whose traps throw (lines)", () => ({ ...ok, lines: trapEverything() }), "INVALID_INPUT"],
  ["Proxy whose traps throw (quantity)", () => line({ quantity: trapEverything() }), "INVALID_INPUT"],
  ["revoked Proxy input", revoked, "INVALID_INPUT"],
  ["revoked Proxy line", () => ({ ...ok, lines: [revoked()] }), "INVALID_INPUT"],
  ["revoked Proxy quantity", () => line({ quantity: revoked() }), "INVALID_INPUT"],
  ["revoked Proxy exchangeRates", () => ({ ...ok, exchangeRates: revoked() }), "INVALID_INPUT"],
  ["Proxy array of lines", () => ({ ...ok, lines: new Proxy([{ unitPrice: "1", quantity: 1 }], {}) }), "quote"],
  ["sparse lines", () => ({ ...ok, lines: [, { unitPrice: "1", quantity: 1 }] }), "INVALID_INPUT"],
  ["lines as an object", () => ({ ...ok, lines: { 0: { unitPrice: "1", quantity: 1 }, length: 1 } }), "INVALID_INPUT"],
  ["boxed String price", () => line({ unitPrice: new String("10.00") }), "INVALID_INPUT"],
  ["object with valueOf as price", () => line({ unitPrice: { valueOf: () => 10, toString: () => "10" } }), "INVALID_INPUT"],
  ["null prototype input", () => Object.assign(Object.create(null), ok), "quote"],
  ["10,000 lines", () => ({ ...ok, lines: Array.from({ length: 10_000 }, (_, i) => ({ id: `L${i}`, unitPrice: "0.01", quantity: 1 })), shipping: "4.99" }), "quote"],
  ["10,000 border-collected lines with duty, delivery and insurance", () => ({ ...ok, lines: Array.from({ length: 10_000 }, () => ({ unitPrice: "200.00", quantity: 1, dutyRate: "0.12" })), shipping: "10.00", insurance: "2.00" }), "quote"],
  ["10,000 lines, one bad", () => ({ ...ok, lines: Array.from({ length: 10_000 }, (_, i) => ({ unitPrice: i === 9_999 ? "1,0" : "1", quantity: 1 })) }), "INVALID_INPUT"],
  ["20,000 lines of the largest price and quantity", () => ({ ...ok, lines: Array.from({ length: 20_000 }, () => ({ unitPrice: "999999999999999999.99", quantity: Number.MAX_SAFE_INTEGER })) }), "INVALID_INPUT"],
  ["an order just under 10^18", () => ({ ...ok, lines: [{ unitPrice: "999999999999999998.99", quantity: 1 }, { unitPrice: "0.99", quantity: 1 }] }), "quote"],
  ["largest amounts and quantities the schema allows", () => ({ ...ok, lines: Array.from({ length: 3 }, () => ({ unitPrice: "999999999999999999.99", quantity: Number.MAX_SAFE_INTEGER })), shipping: "999999999999999999.99" }), "INVALID_INPUT"],
  ["tiny exchange rate", () => ({ ...ok, currency: "USD", exchangeRates: { "USD/EUR": "0.00000000000000000001" } }), "quote"],
  ["huge exchange rate", () => ({ ...ok, currency: "USD", exchangeRates: { "USD/EUR": "999999999999.99999999999999999999" } }), "quote"],
  ["huge inverse exchange rate", () => ({ ...ok, currency: "JPY", lines: [{ unitPrice: "999999999999999999", quantity: 1 }], exchangeRates: { "EUR/JPY": "0.00000000000000000001" } }), "quote"],
  ["-0 exchange rate", () => ({ ...ok, currency: "USD", exchangeRates: { "USD/EUR": -0 } }), "INVALID_INPUT"],
  ["NaN exchange rate", () => ({ ...ok, currency: "USD", exchangeRates: { "USD/EUR": NaN } }), "INVALID_INPUT"],
  ["huge duty rate", () => line({ unitPrice: "200.00", dutyRate: "999999999999.99999999999999999999" }), "quote"],
  ["non-ASCII hsCode digits", () => line({ hsCode: "٦١٠٩١٠" }), "INVALID_INPUT"],
];

describe("fuzz: hand-written nasties", () => {
  it("ignores a __proto__ entry in salesLast12Months (its object is not read as sales)", () => {
    const q = quote({ ...ok, seller: { salesLast12Months: own([["__proto__", { EU: "99999999" }]]) as Record<string, string> } });
    expect(q.registration.measured).toBeUndefined();
    expect(({} as Record<string, unknown>).EU).toBeUndefined();
  });

  it.each(NASTIES)("%s", (_, make, expected) => {
    const outcome = attempt(make());
    if (expected) expect(outcome).toBe(expected);
    // safeQuote() returns the same error instead of throwing it.
    if (outcome !== "quote") {
      const r = safeQuote(make() as QuoteInput);
      expect(r.ok ? "quote" : r.error.code).toBe(outcome);
    }
  }, 30_000);
});

describe("fuzz: rulesFor() and ruleChangeDates() return or throw a VatError", () => {
  const lookupArb = fc.tuple(
    fc.oneof(fc.constantFrom(...listDestinations(), "uk", "el", "__proto__", "constructor", "X".repeat(100_000)), recipeArb),
    fc.oneof(fc.constantFrom("2026-11-22", "2018-07-01", "2021-06-30", "2026-02-30", "9".repeat(100_000)), recipeArb),
  );
  test.prop([lookupArb], { numRuns: Math.ceil(RUNS / 4) })(
    "for any destination and date",
    ([d, t]) => {
      const destination = (typeof d === "string" ? d : realise(d)) as string;
      const date = (typeof t === "string" ? t : realise(t)) as string;
      for (const call of [() => rulesFor(destination, date), () => ruleChangeDates(destination)]) {
        try {
          call();
        } catch (e) {
          if (!(e instanceof VatError)) throw new Error(`threw ${describeThrown(e)} instead of a VatError`);
          expect(KNOWN_CODES).toContain(e.code);
          expect(e.message.length).toBeLessThanOrEqual(MAX_MESSAGE);
        }
      }
      expectPrototypesUntouched();
    },
    TIMEOUT,
  );
});

describe("fuzz: regression examples", () => {
  // parseRate accepted a negative whole-number exchange rate: the threshold value came out
  // negative, "within" any threshold, and a USD 10,000 parcel was taxed at checkout under IOSS.
  it("rejects a negative exchange rate given as a number", () => {
    const r = safeQuote({ ...ok, currency: "USD", exchangeRates: { "USD/EUR": -1 }, lines: [{ unitPrice: "10000.00", quantity: 1 }] });
    expect(r.ok ? "quote" : [r.error.code, r.error.path]).toEqual(["INVALID_INPUT", ["exchangeRates", "USD/EUR"]]);
    const inverse = safeQuote({ ...ok, currency: "USD", exchangeRates: { "EUR/USD": -2 }, lines: [{ unitPrice: "10000.00", quantity: 1 }] });
    expect(inverse.ok ? "quote" : inverse.error.code).toBe("INVALID_INPUT");
  });

  // A throwing getter or Proxy trap escaped quote() as the caller's own exception (or a TypeError).
  it("reports an unreadable input as INVALID_INPUT at the root", () => {
    const r = safeQuote(Object.defineProperty({ ...ok }, "lines", { enumerable: true, get: () => { throw new Error("boom"); } }));
    expect(r.ok ? "quote" : [r.error.code, r.error.path, r.error.message]).toEqual(["INVALID_INPUT", [], expect.stringContaining("could not be read")]);
    const q = safeQuote({ ...ok, lines: [{ unitPrice: "1", quantity: revoked() as unknown as number }] });
    expect(q.ok ? "quote" : [q.error.code, q.error.path]).toEqual(["INVALID_INPUT", ["lines", 0, "quantity"]]);
  });

  // A 1 MB destination or date was echoed whole into the error message.
  it("keeps error messages short whatever was given", () => {
    for (const input of [{ ...ok, destination: "Z".repeat(1_000_000) }, { ...ok, date: "2".repeat(1_000_000) }]) {
      const r = safeQuote(input);
      expect(r.ok ? 0 : r.error.message.length).toBeGreaterThan(0);
      expect(r.ok ? Infinity : r.error.message.length).toBeLessThan(MAX_MESSAGE);
    }
    expect(() => rulesFor("FR", 10n as unknown as string)).toThrowError(expect.objectContaining({ code: "INVALID_INPUT" }));
    expect(() => ruleChangeDates(42 as unknown as string)).toThrowError(expect.objectContaining({ code: "UNKNOWN_DESTINATION" }));
  });

  // 20,000 lines of the largest price and quantity summed past 10^38: the totals silently lost their last digits.
  it("refuses an order of 10^18 or more instead of rounding its totals", () => {
    const r = safeQuote({ ...ok, lines: [{ unitPrice: "500000000000000000", quantity: 2 }] });
    expect(r.ok ? "quote" : [r.error.code, r.error.path]).toEqual(["INVALID_INPUT", ["lines"]]);
    const q = quote({ ...ok, destination: "GP", lines: [{ unitPrice: "999999999999999998.99", quantity: 1 }, { unitPrice: "0.99", quantity: 1 }] });
    expect(q.totals.net).toBe("999999999999999999.98");
  });
});
