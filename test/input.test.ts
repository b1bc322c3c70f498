/**
 * quote() validates its input with src/generated/quote-input-validator.ts, compiled from the zod
 * schema (src/quote/schema.ts) by scripts/render-validator.ts. Here the two are run side by side
 * on random inputs and random mutations of them: both accept with the same copy, or both reject
 * and quote() words the same VatError (code, path, message). INPUT_RUNS sets the number of
 * generated cases (default 3,000).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { renderValidator } from "../scripts/render-validator.js";
import { closest } from "../src/did-you-mean.js";
import { VatError } from "../src/errors.js";
import { KEYS, validateQuoteInput } from "../src/generated/quote-input-validator.js";
import { safeQuote } from "../src/index.js";
import { InputIssues, zodToVatError, type InputIssue } from "../src/quote/input-error.js";
import { CUSTOMER_KEYS, INPUT_KEYS, LINE_KEYS, MARKETPLACE_KEYS, OVER_THRESHOLD_KEYS, SELLER_KEYS, knownFields, normaliseInput } from "../src/quote/input.js";
import { parseWithZod, quoteInputSchema, type ParsedInput } from "../src/quote/schema.js";

const RUNS = Number(process.env.INPUT_RUNS ?? 3000);
const TIMEOUT = 20_000 + RUNS;

/**
 * Values of every kind a caller might put anywhere. Objects are made afresh for each draw: a
 * mutation (a throwing getter, say) on an instance shared between runs would leak into later runs.
 */
const fresh = (...makers: (() => unknown)[]) => fc.constantFrom(...makers).map((make) => make());
const junkArb = fc.oneof(
  fc.constantFrom(undefined, null, true, false, 0, -1, 1.5, NaN, Infinity, -Infinity, "", "x", "12.50", "line", "invoice", "consumer", "business", "EU", "TOOLONGNAME"),
  fresh(() => []),
  fresh(() => ({})),
  fc.string({ maxLength: 20 }),
  fc.constant("y".repeat(201)),
  fc.constant("z".repeat(1001)),
  // zod counts code points: 5 emoji are 10 UTF-16 units but 5 characters; lone surrogates count one each.
  fc.constantFrom("😀".repeat(5), "😀".repeat(9), "😀".repeat(100), "😀".repeat(101), "\ud800".repeat(9), "a😀".repeat(4)),
  fresh(() => [null], () => [{}], () => ({ a: null }), () => ({ length: 300 }), () => new Date(0), () => new Map(), () => new (class Thing {})(), () => Object.create(null), () => Symbol("s"), () => () => 1, () => 10n, () => Array(60).fill("EU")),
);
const maybe = <T,>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
/** Mostly one of `good`, now and then one of `bad` or any junk: one bad field at a time is what finds differences. */
const pick = (good: unknown[], bad: unknown[] = []) =>
  fc.oneof({ weight: 60, arbitrary: fc.constantFrom(...good) }, { weight: 1, arbitrary: bad.length ? fc.constantFrom(...bad) : junkArb }, { weight: 1, arbitrary: junkArb });
/** An unknown field, now and then; dropped (not set to undefined) otherwise, since a strict schema sees the key. */
const rarely = (arb: fc.Arbitrary<unknown>) => fc.oneof({ weight: 60, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
function dropUndefined<T extends Record<string, unknown>>(keys: string[]) {
  return (o: T): T => {
    for (const k of keys) if (o[k] === undefined) delete o[k];
    return o;
  };
}
const amountArb = pick(["10.00", "0", "1e3", "-5", " 1", 7, 0, 2.5, -0], [NaN, Infinity, -Infinity, null, 10n]);
const textListArb = fc.oneof(
  { weight: 60, arbitrary: fc.array(pick(["EU", "AU", "GB", "IOSS", "", "12345678"], ["123456789"]), { maxLength: 4 }) },
  { weight: 1, arbitrary: fresh(() => Array.from({ length: 51 }, () => "EU")) },
  { weight: 1, arbitrary: fresh(() => ["EU", , "AU"]) },
  { weight: 1, arbitrary: junkArb },
);
const recordArb = (max: number) =>
  fc.oneof(
    { weight: 60, arbitrary: fc.dictionary(fc.oneof({ weight: 30, arbitrary: fc.constantFrom("AU", "EU", "au", "USD/EUR", "EUR/USD", "X".repeat(max), "constructor", "toString", "1", "hasOwnProperty") }, { weight: 1, arbitrary: fc.constantFrom("X".repeat(max + 1), "__proto__") }), amountArb, { maxKeys: 4, noNullPrototype: true }) },
    fresh(() => Object.create(null) as Record<string, unknown>),
    fresh(() => JSON.parse('{"__proto__": "1", "AU": "2"}') as Record<string, unknown>),
    fresh(() => ({ [Symbol("s")]: "1", AU: "2" }) as Record<string, unknown>),
    fresh(() => Object.defineProperty({ AU: "1" }, "EU", { value: "2", enumerable: false }) as Record<string, unknown>),
    fresh(() => new Map([["AU", "1"]]) as unknown as Record<string, unknown>),
    junkArb,
  );

const lineArb = fc
  .record(
    {
      id: maybe(pick(["a", "x".repeat(200)], ["x".repeat(201)])),
      description: maybe(pick(["Tee", "d".repeat(1000)], ["d".repeat(1001)])),
      unitPrice: amountArb,
      quantity: pick([1, 2, 0, -1, 1.5, 1e300, -0], ["2", undefined, null, [], NaN]),
      category: maybe(pick(["standard", "books", "toys", ""])),
      hsCode: maybe(pick(["6109.10", "12"])),
      excise: maybe(pick([true, false])),
      dutyRate: maybe(pick(["0.05", "x"], [0.05])),
      colour: rarely(junkArb),
    },
    { noNullPrototype: true },
  )
  .map(dropUndefined(["colour"]));

const inputArb = fc
  .record(
    {
      date: pick(["2026-11-02", "bad"]),
      destination: pick(["FR", "AU", "ZZ"]),
      currency: pick(["EUR", "USD", "eur"]),
      lines: fc.oneof({ weight: 60, arbitrary: fc.array(fc.oneof({ weight: 60, arbitrary: lineArb }, { weight: 1, arbitrary: junkArb }), { minLength: 1, maxLength: 4 }) }, { weight: 1, arbitrary: junkArb }),
      shipping: maybe(amountArb),
      insurance: maybe(amountArb),
      pricesIncludeTax: maybe(pick([true, false])),
      customer: maybe(
        fc.oneof(
          { weight: 60, arbitrary: fc.record({ type: pick(["consumer", "business"], ["robot"]), taxId: maybe(pick(["T1", "t".repeat(64)], ["t".repeat(65)])), vat: rarely(junkArb) }, { noNullPrototype: true }).map(dropUndefined(["vat"])) },
          { weight: 1, arbitrary: junkArb },
        ),
      ),
      seller: maybe(
        fc.oneof(
          {
            weight: 60,
            arbitrary: fc
              .record({ country: maybe(pick(["US", "12345678"], ["123456789"])), registeredIn: maybe(textListArb), salesLast12Months: maybe(recordArb(8)), globalTurnover: maybe(amountArb), extra: rarely(junkArb) }, { noNullPrototype: true })
              .map(dropUndefined(["extra"])),
          },
          { weight: 1, arbitrary: junkArb },
        ),
      ),
      marketplace: maybe(
        fc.oneof(
          { weight: 60, arbitrary: fc.record({ name: maybe(pick(["M", "m".repeat(200)], ["m".repeat(201)])), registeredIn: maybe(textListArb), id: rarely(junkArb) }, { noNullPrototype: true }).map(dropUndefined(["id"])) },
          { weight: 1, arbitrary: junkArb },
        ),
      ),
      rounding: maybe(pick(["line", "invoice"], ["cent"])),
      consignmentExceedsThreshold: maybe(pick([true, false])),
      chargeGoodsOverThreshold: maybe(
        fc.oneof(
          { weight: 60, arbitrary: fc.record({ lowValueShare: maybe(pick(["0.8", "s".repeat(24)], ["s".repeat(25), 0.8])), approved: maybe(pick([true, false], ["yes"])), other: rarely(junkArb) }, { noNullPrototype: true }).map(dropUndefined(["other"])) },
          { weight: 1, arbitrary: junkArb },
        ),
      ),
      shipsFrom: maybe(pick(["CN", "12345678"], ["123456789", 7])),
      postalCode: maybe(pick(["27498", "630 86", "p".repeat(16)], ["p".repeat(17), 27498])),
      exchangeRates: maybe(recordArb(16)),
      pricesIncludesTax: rarely(junkArb),
    },
    { noNullPrototype: true },
  )
  .map(dropUndefined(["pricesIncludesTax"]));

/** Variants a plain-object check must not take for plain: class instances, null prototypes, sparse and oversized arrays. */
function oddly(input: Record<string, unknown>, how: number): unknown {
  switch (how) {
    case 1:
      return Object.assign(new (class Order {})(), input);
    case 5:
      return Object.freeze({ ...input });
    case 2:
      return Object.assign(Object.create(null) as object, input);
    case 3:
      return Array.isArray(input.lines) ? { ...input, lines: [, ...input.lines] } : input;
    case 4:
      return Array.isArray(input.lines) && input.lines[0] ? { ...input, lines: [Object.assign(new (class Line {})(), input.lines[0])] } : input;
    default:
      return input;
  }
}

/** The issue zodToVatError words, and the fields it reads from it. */
function picked(issues: readonly InputIssue[]) {
  const i = issues.find((x) => x.code === "unrecognized_keys") ?? issues[0]!;
  return { code: i.code, path: i.path, keys: i.keys, expected: i.expected, minimum: i.minimum, maximum: i.maximum, values: i.values, message: i.message };
}

/** Run a reader; a getter or Proxy that throws is an outcome too. */
function attempt<T>(f: () => T): { value: T } | { threw: true } {
  try {
    return { value: f() };
  } catch {
    return { threw: true };
  }
}

/** The generated validator and zod agree on `raw`: the same copy, or the same picked issue and the same VatError. */
function expectAgreement(raw: object) {
  const viaZod = attempt(() => parseWithZod(raw));
  const generated = attempt(() => validateQuoteInput(raw));
  if ("threw" in viaZod) {
    expect(generated).toEqual({ threw: true });
    return;
  }
  expect("threw" in generated).toBe(false);
  const z1 = viaZod.value;
  const g1 = (generated as { value: ReturnType<typeof validateQuoteInput> }).value;
  if (!(z1 instanceof InputIssues)) {
    expect(g1).not.toBeInstanceOf(InputIssues);
    // quantity is z.unknown(): passed through as it came, so the same value (compared without reading it: a
    // getter on it may throw), and the rest compared as copies.
    const g = g1 as ParsedInput;
    expect(g.lines.length).toBe(z1.lines.length);
    g.lines.forEach((l, i) => expect(Object.is(l.quantity, z1.lines[i]!.quantity)).toBe(true));
    const withoutQuantity = (x: ParsedInput) => ({ ...x, lines: x.lines.map((l) => ({ ...l, quantity: "(same)" })) });
    expect(withoutQuantity(g)).toStrictEqual(withoutQuantity(z1)); // keys present as undefined included, arrays dense
    return;
  }
  expect(g1).toBeInstanceOf(InputIssues);
  const g2 = g1 as InputIssues;
  expect(picked(g2.issues)).toEqual(picked(z1.issues));
  const word = (issues: InputIssues) => attempt(() => zodToVatError(issues, raw, "the quote input", knownFields).toJSON());
  expect(word(g2)).toEqual(word(z1));
}

/** A copy of plain data (objects with Object.prototype or none, arrays), with every property descriptor, hole and symbol as it was. */
function copy(v: unknown): unknown {
  if (Array.isArray(v)) {
    const a: unknown[] = new Array(v.length);
    for (const i of Object.keys(v)) a[Number(i)] = copy(v[Number(i)]);
    return a;
  }
  if (typeof v !== "object" || v === null) return v;
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return v;
  const o = Object.create(proto) as Record<PropertyKey, unknown>;
  for (const k of Reflect.ownKeys(v)) {
    const d = Object.getOwnPropertyDescriptor(v, k)!;
    if ("value" in d) d.value = copy(d.value);
    Object.defineProperty(o, k, d);
  }
  return o;
}

/** The objects and arrays in `root`, depth first, each with where it sits. */
function containers(root: unknown) {
  const out: { node: object; parent?: Record<PropertyKey, unknown> | undefined; key?: PropertyKey | undefined }[] = [];
  const seen = new Set<unknown>();
  const walk = (node: unknown, parent?: Record<PropertyKey, unknown>, key?: PropertyKey) => {
    if (typeof node !== "object" || node === null || seen.has(node)) return;
    seen.add(node);
    // Only the input's own objects and arrays: a junk value (a Map, a Date) is a leaf, and an object made from it
    // (Object.create(map)) breaks the test's own deep comparison rather than either validator.
    const proto = Object.getPrototypeOf(node);
    if (!Array.isArray(node) && proto !== Object.prototype && proto !== null) return;
    out.push({ node, ...(parent ? { parent, key } : {}) });
    for (const k of Object.keys(node)) {
      const d = Object.getOwnPropertyDescriptor(node, k)!;
      if ("value" in d) walk(d.value, node as Record<PropertyKey, unknown>, k);
    }
  };
  walk(root);
  return out;
}

const MISSPELT = ["unitprice", "Quantity", "hscode", "dutyrate", "pricesIncludesTax", "shiping", "registredIn", "vatId", "lowvalueshare", "postcode", "exchangerates", "constructor", "toString", "__proto__", ""];
const ALL_KEYS = [...new Set([...INPUT_KEYS, ...LINE_KEYS, ...CUSTOMER_KEYS, ...SELLER_KEYS, ...MARKETPLACE_KEYS, ...OVER_THRESHOLD_KEYS])];
const mutationArb = fc.record({ at: fc.nat(), kind: fc.nat({ max: 18 }), key: fc.constantFrom(...ALL_KEYS, ...MISSPELT), junk: junkArb });
type Mutation = { at: number; kind: number; key: string; junk: unknown };

/** `root` with one thing changed at one of its objects or arrays: a wrong value, a missing or unknown key, an odd kind of object. */
function mutate(root: unknown, mutation: Mutation): unknown {
  const m = { ...mutation, junk: copy(mutation.junk) }; // the junk constants are shared between runs
  const all = containers(root);
  if (!all.length) return root;
  const { node, parent, key } = all[m.at % all.length]!;
  const n = node as Record<PropertyKey, unknown>;
  let replacement: unknown = node;
  try {
  if (Array.isArray(node)) {
    const a = node as unknown[];
    if (m.kind % 5 === 0) a[0] = m.junk;
    else if (m.kind % 5 === 1) a.length = 0;
    else if (m.kind % 5 === 2) while (a.length < 60) a.push(a[0] ?? "EU");
    else if (m.kind % 5 === 3) delete a[0];
    else replacement = Object.assign({}, a);
  } else {
    switch (m.kind) {
      case 0: n[m.key] = m.junk; break;
      case 1: delete n[Object.keys(n)[0] ?? m.key]; break;
      case 2: n[m.key] = undefined; break;
      case 3: replacement = Object.assign(new (class Order {})(), n); break;
      case 4: replacement = Object.assign(Object.create(null) as object, n); break;
      case 5: n[Symbol("extra")] = m.junk; break;
      case 6: Object.defineProperty(n, "__proto__", { value: m.junk, enumerable: true, configurable: true, writable: true }); break;
      case 7: Object.defineProperty(n, m.key, { value: m.junk, enumerable: false, configurable: true }); break;
      case 8: { const k = Object.keys(n)[0] ?? m.key; const was = n[k]; Object.defineProperty(n, k, { get: () => was, enumerable: true, configurable: true }); break; }
      case 9: Object.defineProperty(n, Object.keys(n)[0] ?? m.key, { get: () => { throw new Error("boom"); }, enumerable: true, configurable: true }); break;
      case 10: replacement = Object.create(n); break;
      case 11: replacement = new Proxy(n, {}); break;
      case 12: replacement = [n]; break;
      case 13: replacement = Object.freeze(n); break;
      case 14: replacement = Object.assign(Object.create({ polluted: 1 }) as object, n); break;
      case 15: replacement = m.junk; break;
      case 16: replacement = null; break;
      case 17: Object.defineProperty(n, m.key, { get: () => m.junk, enumerable: true, configurable: true }); break;
      default: n[m.key.toUpperCase()] = m.junk;
    }
  }
    if (replacement === node) return root;
    if (!parent) return replacement;
    parent[key!] = replacement;
    return root;
  } catch {
    return root; // a frozen or non-writable part stays as it was
  }
}

describe("the generated validator and the zod schema", () => {
  test.prop([inputArb, fc.integer({ min: 0, max: 12 })], { numRuns: RUNS })("agree on random inputs", (input, how) => {
    const raw = oddly(input, how);
    if (typeof raw === "object" && raw !== null) expectAgreement(raw);
  }, TIMEOUT);

  test.prop([inputArb, fc.array(mutationArb, { minLength: 1, maxLength: 3 })], { numRuns: RUNS })("agree on random mutations at every level", (input, mutations) => {
    let raw: unknown = copy(input);
    for (const m of mutations) raw = mutate(raw, m);
    if (typeof raw === "object" && raw !== null) expectAgreement(raw);
  }, TIMEOUT);

  it("agree on the example shipments (plain JSON)", () => {
    const dir = join(import.meta.dirname, "..", "examples", "shipments");
    const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const raw = JSON.parse(readFileSync(join(dir, f), "utf8")) as object;
      expect(validateQuoteInput(raw), f).toStrictEqual(quoteInputSchema().parse(raw));
    }
  });

  const ok = { date: "2026-11-02", destination: "FR", currency: "EUR", lines: [{ unitPrice: "10.00", quantity: 1 }] };
  it.each<[string, object]>([
    ["a field present as undefined (kept, as zod keeps it)", { ...ok, shipping: undefined, lines: [{ unitPrice: "1", quantity: undefined, id: undefined }] }],
    ["a missing quantity (zod: nonoptional)", { ...ok, lines: [{ unitPrice: "1" }] }],
    ["NaN, Infinity", { ...ok, shipping: NaN, insurance: -Infinity }],
    ["a class instance as the input and as a line", Object.assign(new (class Order {})(), { ...ok, lines: [Object.assign(new (class Line {})(), ok.lines[0])] })],
    ["a class instance as a record", { ...ok, exchangeRates: Object.assign(new (class Rates {})(), { "USD/EUR": "1" }) }],
    ["null-prototype input and record", Object.assign(Object.create(null) as object, { ...ok, exchangeRates: Object.assign(Object.create(null) as object, { "USD/EUR": "1" }) })],
    ["symbol keys (ignored by objects, invalid in records)", { ...ok, [Symbol("a")]: 1, exchangeRates: { [Symbol("b")]: "1" } }],
    ["an own __proto__ key (unknown in an object, skipped in a record)", { ...JSON.parse('{"__proto__": 1}'), ...ok, exchangeRates: JSON.parse('{"__proto__": "1", "USD/EUR": "2"}') }],
    ["a record key too long, in code points", { ...ok, seller: { salesLast12Months: { ["😀".repeat(8)]: "1", ["😀".repeat(9)]: "2" } } }],
    ["strings within their maximum in code points only", { ...ok, lines: [{ ...ok.lines[0], id: "😀".repeat(200) }], shipsFrom: "😀".repeat(8) }],
    ["an oversized list, whose elements are not read", { ...ok, seller: { registeredIn: Array(51).fill(7) } }],
    ["an empty list", { ...ok, lines: [] }],
    ["a hole in a list", { ...ok, lines: [, ...ok.lines] }],
    ["unknown keys at two levels (the line's is reported first)", { ...ok, colour: 1, lines: [{ ...ok.lines[0], size: "M" }] }],
    ["a wrong type and an unknown key", { ...ok, date: 7, colour: 1 }],
    ["an object's length getter read by zod's length check", { ...ok, lines: [{ ...ok.lines[0], id: { get length() { throw new Error("boom"); } } }] }],
    ["an inherited enumerable key", Object.assign(Object.create({ polluted: true }) as object, ok)],
  ])("agree on %s", (_what, raw) => expectAgreement(raw));

  it("is fresh: scripts/render-validator.ts writes what is committed (npm run data:check also checks it)", () => {
    const committed = readFileSync(join(import.meta.dirname, "..", "src", "generated", "quote-input-validator.ts"), "utf8");
    expect(renderValidator(quoteInputSchema())).toBe(committed);
  });

  it("refuses a schema kind it does not compile rather than guess", () => {
    expect(() => renderValidator(z.object({ a: z.string() }))).toThrow(/strict/);
    expect(() => renderValidator(z.strictObject({ a: z.string().check(z.regex(/x/)) }))).toThrow(/maxLength/);
    expect(() => renderValidator(z.strictObject({ a: z.string().check(z.maxLength(3, "too long")) }))).toThrow(/message/);
    expect(() => renderValidator(z.strictObject({ a: z.nullable(z.string()) }))).toThrow(/nullable/);
    expect(() => renderValidator(z.strictObject({ a: z.union([z.string(), z.strictObject({})]) }))).toThrow(/union option/);
  });

  it("keeps zod out of quote()'s run time: normaliseInput's default reader is the generated one", () => {
    const raw = { ...ok, colour: "red" };
    const fromZod = attempt(() => normaliseInput(raw, parseWithZod));
    const generated = attempt(() => normaliseInput(raw));
    expect(generated).toEqual(fromZod);
    // quote()'s modules import the schema's types only (test/bundle.test.ts checks the bundles).
    for (const file of ["src/quote/input.ts", "src/quote/input-checks.ts", "src/quote/input-error.ts", "src/generated/quote-input-validator.ts"]) {
      const imports = readFileSync(join(import.meta.dirname, "..", file), "utf8").match(/^import .*$/gm) ?? [];
      expect(imports.filter((l) => /from "zod|schema\.js"/.test(l) && !l.startsWith("import type")), file).toEqual([]);
    }
  });
});

describe("an unknown field: its path and a 'did you mean' (issue 16)", () => {
  const ok = { date: "2026-11-02", destination: "FR", currency: "EUR", lines: [{ unitPrice: "10.00", quantity: 1 }] };
  const errorOf = (input: unknown) => {
    const r = safeQuote(input as Parameters<typeof safeQuote>[0]);
    if (r.ok) throw new Error("expected an error");
    return { code: r.error.code, path: r.error.path, message: r.error.message };
  };

  it("suggests from the schema's fields (the generated key sets: see \"one input shape\" below)", () => {
    expect(knownFields([])).toBe(INPUT_KEYS);
    expect(knownFields(["lines", 7])).toBe(LINE_KEYS);
    expect([knownFields(["customer"]), knownFields(["seller"]), knownFields(["marketplace"])]).toEqual([CUSTOMER_KEYS, SELLER_KEYS, MARKETPLACE_KEYS]);
    expect(knownFields(["lines"])).toBeUndefined();
  });

  it.each([
    [{ ...ok, lines: [{ unitprice: "10.00", quantity: 1 }] }, ["lines", 0, "unitprice"], 'lines[0].unitprice is not a field of lines[0]; did you mean "unitPrice"?'],
    [{ ...ok, pricesIncludesTax: true }, ["pricesIncludesTax"], 'pricesIncludesTax is not a field of the quote input; did you mean "pricesIncludeTax"?'],
    [{ ...ok, seller: { registredIn: [] } }, ["seller", "registredIn"], 'seller.registredIn is not a field of seller; did you mean "registeredIn"?'],
    [{ ...ok, customer: { type: "consumer", vatId: "X" } }, ["customer", "vatId"], "customer.vatId is not a field of customer"],
    [{ ...ok, colour: "red", size: "M" }, ["colour"], 'colour is not a field of the quote input (also unknown: "size")'],
    [{ ...ok, chargeGoodsOverThreshold: { lowValueshare: "0.8" } }, ["chargeGoodsOverThreshold", "lowValueshare"], 'chargeGoodsOverThreshold.lowValueshare is not a field of chargeGoodsOverThreshold; did you mean "lowValueShare"?'],
  ])("%j → INVALID_INPUT at its path", (input, path, message) => {
    expect(validateQuoteInput(input)).toBeInstanceOf(InputIssues);
    expect(errorOf(input)).toEqual({ code: "INVALID_INPUT", path, message });
  });

  it("suggests only a close name", () => {
    expect(closest("dutyrate", ["dutyRate", "date"])).toBe("dutyRate");
    expect(closest("hscode", ["hsCode"])).toBe("hsCode");
    expect(closest("qty", ["quantity"])).toBeUndefined();
    expect(closest("x".repeat(100), ["x"])).toBeUndefined();
  });
});

/** The object schema inside optional(…) or array(…), and its field names. */
function fieldsOf(schema: unknown): string[] {
  let def = (schema as { _zod: { def: Record<string, unknown> } })._zod.def;
  while (def.type === "optional" || def.type === "array") def = ((def.innerType ?? def.element) as { _zod: { def: Record<string, unknown> } })._zod.def;
  expect(def.type).toBe("object");
  return Object.keys(def.shape as object).sort();
}

describe("one input shape: the generated validator and the schema", () => {
  it("know the same fields at every level", () => {
    const shape = (quoteInputSchema() as unknown as { _zod: { def: { shape: Record<string, unknown> } } })._zod.def.shape;
    expect(INPUT_KEYS).toBe(KEYS);
    expect([...INPUT_KEYS].sort()).toEqual(fieldsOf(quoteInputSchema()));
    expect([...LINE_KEYS].sort()).toEqual(fieldsOf(shape.lines));
    expect([...CUSTOMER_KEYS].sort()).toEqual(fieldsOf(shape.customer));
    expect([...SELLER_KEYS].sort()).toEqual(fieldsOf(shape.seller));
    expect([...MARKETPLACE_KEYS].sort()).toEqual(fieldsOf(shape.marketplace));
    expect([...OVER_THRESHOLD_KEYS].sort()).toEqual(fieldsOf(shape.chargeGoodsOverThreshold));
  });

  /** What normalising gives: the normal input, or the error's code, path and message. */
  const outcome = (raw: unknown, viaZod: boolean) => {
    try {
      return { ok: viaZod ? normaliseInput(raw, parseWithZod) : normaliseInput(raw) };
    } catch (e) {
      if (!(e instanceof VatError)) throw e;
      return { error: { code: e.code, path: e.path, message: e.message } };
    }
  };

  test.prop([inputArb, fc.integer({ min: 0, max: 12 })], { numRuns: RUNS })("normalise the same inputs, with the same error code, path and message", (input, how) => {
    const raw = oddly(input, how);
    expect(outcome(raw, false)).toEqual(outcome(raw, true));
  }, TIMEOUT);

  test.prop([inputArb, fc.array(mutationArb, { minLength: 1, maxLength: 3 })], { numRuns: RUNS })("normalise mutated inputs the same way (a getter or Proxy that throws: INVALID_INPUT both ways)", (input, mutations) => {
    let raw: unknown = copy(input);
    for (const m of mutations) raw = mutate(raw, m);
    expect(outcome(raw, false)).toEqual(outcome(raw, true));
  }, TIMEOUT);
});
