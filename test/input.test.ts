/**
 * The input fast path (`plainInput`) is an optimisation only: whatever it accepts, the zod
 * schema accepts too and parses to the same data; whatever else it sees goes to the schema,
 * which words the error. INPUT_RUNS sets the number of generated cases (default 3,000).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { closest } from "../src/did-you-mean.js";
import { VatError } from "../src/errors.js";
import { safeQuote } from "../src/index.js";
import { CUSTOMER_KEYS, INPUT_KEYS, LINE_KEYS, MARKETPLACE_KEYS, OVER_THRESHOLD_KEYS, SELLER_KEYS, knownFields, normaliseInput, plainInput, quoteInputSchema } from "../src/quote/input.js";

const RUNS = Number(process.env.INPUT_RUNS ?? 3000);
const TIMEOUT = 20_000 + RUNS;

/** Values of every kind a caller might put anywhere. */
const junkArb = fc.oneof(
  fc.constantFrom(undefined, null, true, false, 0, -1, 1.5, NaN, Infinity, -Infinity, "", "x", "12.50", "line", "invoice", "consumer", "business", "EU", "TOOLONGNAME"),
  fc.constant([]),
  fc.constant({}),
  fc.string({ maxLength: 20 }),
  fc.constant("y".repeat(201)),
  fc.constant("z".repeat(1001)),
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
  { weight: 1, arbitrary: fc.constant(Array.from({ length: 51 }, () => "EU")) },
  { weight: 1, arbitrary: fc.constant(["EU", , "AU"]) },
  { weight: 1, arbitrary: junkArb },
);
const recordArb = (max: number) =>
  fc.oneof(
    { weight: 60, arbitrary: fc.dictionary(fc.oneof({ weight: 30, arbitrary: fc.constantFrom("AU", "EU", "au", "USD/EUR", "EUR/USD", "X".repeat(max), "constructor", "toString", "1", "hasOwnProperty") }, { weight: 1, arbitrary: fc.constantFrom("X".repeat(max + 1), "__proto__") }), amountArb, { maxKeys: 4, noNullPrototype: true }) },
    fc.constant(Object.create(null) as Record<string, unknown>),
    fc.constant(JSON.parse('{"__proto__": "1", "AU": "2"}') as Record<string, unknown>),
    fc.constant({ [Symbol("s")]: "1", AU: "2" } as Record<string, unknown>),
    fc.constant(Object.defineProperty({ AU: "1" }, "EU", { value: "2", enumerable: false }) as Record<string, unknown>),
    fc.constant(new Map([["AU", "1"]]) as unknown as Record<string, unknown>),
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

describe("plainInput", () => {
  test.prop([inputArb, fc.integer({ min: 0, max: 12 })], { numRuns: RUNS })("accepts only what the schema accepts, and reads it as the schema does", (input, how) => {
    const raw = oddly(input, how) as object;
    const fast = plainInput(raw);
    if (fast === undefined) return;
    const parsed = quoteInputSchema().safeParse(raw);
    expect(parsed.success).toBe(true);
    expect(fast).toEqual(parsed.data);
  }, TIMEOUT);

  it("takes the example shipments (plain JSON) without the schema", () => {
    const dir = join(import.meta.dirname, "..", "examples", "shipments");
    const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const raw = JSON.parse(readFileSync(join(dir, f), "utf8")) as object;
      expect(plainInput(raw), f).toEqual(quoteInputSchema().parse(raw));
    }
  });

  it("leaves class instances, null prototypes, holes and unknown keys to the schema", () => {
    const ok = { date: "2026-11-02", destination: "FR", currency: "EUR", lines: [{ unitPrice: "10.00", quantity: 1 }] };
    expect(plainInput(ok)).toBeDefined();
    expect(plainInput(Object.assign(new (class Order {})(), ok))).toBeUndefined();
    expect(plainInput(Object.assign(Object.create(null) as object, ok))).toBeUndefined();
    // eslint-disable-next-line no-sparse-arrays
    expect(plainInput({ ...ok, lines: [, ...ok.lines] })).toBeUndefined();
    expect(plainInput({ ...ok, pricesIncludesTax: true })).toBeUndefined();
    expect(plainInput({ ...ok, exchangeRates: JSON.parse('{"__proto__": "1"}') as Record<string, string> })).toBeUndefined();
  });
});

describe("an unknown field: its path and a 'did you mean' (issue 16)", () => {
  const ok = { date: "2026-11-02", destination: "FR", currency: "EUR", lines: [{ unitPrice: "10.00", quantity: 1 }] };
  const errorOf = (input: unknown) => {
    const r = safeQuote(input as Parameters<typeof safeQuote>[0]);
    if (r.ok) throw new Error("expected an error");
    return { code: r.error.code, path: r.error.path, message: r.error.message };
  };

  it("suggests from the fields the fast path knows (the schema's: see \"one input shape\" below)", () => {
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
  ])("%j → INVALID_INPUT at its path", (input, path, message) => {
    expect(plainInput(input)).toBeUndefined(); // the fast path leaves it to the schema, which words the error
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

describe("one input shape: the fast path and the schema", () => {
  it("know the same fields at every level (a field added to the schema alone fails here)", () => {
    const shape = (quoteInputSchema() as unknown as { _zod: { def: { shape: Record<string, unknown> } } })._zod.def.shape;
    expect([...INPUT_KEYS].sort()).toEqual(fieldsOf(quoteInputSchema()));
    expect([...LINE_KEYS].sort()).toEqual(fieldsOf(shape.lines));
    expect([...CUSTOMER_KEYS].sort()).toEqual(fieldsOf(shape.customer));
    expect([...SELLER_KEYS].sort()).toEqual(fieldsOf(shape.seller));
    expect([...MARKETPLACE_KEYS].sort()).toEqual(fieldsOf(shape.marketplace));
    expect([...OVER_THRESHOLD_KEYS].sort()).toEqual(fieldsOf(shape.chargeGoodsOverThreshold));
  });

  /** What normalising gives: the normal input, or the error's code, path and message. */
  const outcome = (raw: unknown, viaSchema: boolean) => {
    try {
      return { ok: normaliseInput(raw, viaSchema) };
    } catch (e) {
      if (!(e instanceof VatError)) throw e;
      return { error: { code: e.code, path: e.path, message: e.message } };
    }
  };

  test.prop([inputArb, fc.integer({ min: 0, max: 12 })], { numRuns: RUNS })("accept and reject the same inputs, with the same error code, path and message", (input, how) => {
    const raw = oddly(input, how);
    expect(outcome(raw, false)).toEqual(outcome(raw, true));
  }, TIMEOUT);
});
