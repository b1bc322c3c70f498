/**
 * zod 4's parse of the schema kinds QuoteInput uses, as small plain functions without zod:
 * src/generated/quote-input-validator.ts (written by scripts/render-validator.ts from the zod
 * schema) composes them into QuoteInput's validator. Each check returns zod's output for the
 * value and pushes zod's issues, in zod's order, with paths relative to the value (the caller
 * prefixes its key, as zod does). The semantics follow node_modules/zod/v4/core/schemas.js;
 * test/input.test.ts checks the composed validator against zod on random inputs.
 */
import type { InputIssue } from "./input-error.js";

/** A check: zod's output for `v`, its issues pushed onto `I`. @internal */
export type Check = (v: any, I: InputIssue[]) => any;

/** zod/mini loads no locale, so every issue it reports says "Invalid input". */
function fail(I: InputIssue[], code: string, more?: object): void {
  I.push({ code, path: [], message: "Invalid input", ...more });
}

/** The issues pushed since `from` are under `key`. */
function under(I: InputIssue[], from: number, key: PropertyKey): void {
  for (let i = from; i < I.length; i++) (I[i]!.path as PropertyKey[]).unshift(key);
}

/** zod runs a length check even after a type issue, on anything not nullish: it reads `length` (a getter there may throw). */
function touch(v: any): void {
  if (v != null) void v.length;
}

/** Code points, as zod's length checks count a string (a surrogate pair is one). */
function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    if ((s.charCodeAt(i) & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n--;
      i++;
    }
  }
  return n;
}

const tooLong = (s: string, max: number) => s.length > max && codePoints(s) > max;

export const isString = (v: unknown) => typeof v === "string";
/** zod's number: no NaN, no ±Infinity. */
export const isNumber = (v: unknown) => Number.isFinite(v);
export const isBoolean = (v: unknown) => typeof v === "boolean";
/** A string within `max` UTF-16 units: surely within `max` code points (a field's inline test). */
export const fits = (v: unknown, max: number) => typeof v === "string" && v.length <= max;

export const unknown: Check = (v) => v;

/** z.string(), with z.maxLength(max) when given. */
export const string =
  (max?: number): Check =>
  (v, I) => {
    if (typeof v !== "string") {
      fail(I, "invalid_type", { expected: "string" });
      if (max !== undefined) touch(v);
    } else if (max !== undefined && tooLong(v, max)) fail(I, "too_big", { origin: "string", maximum: max });
    return v;
  };

/** z.number(), z.boolean(): a plain type and its name. */
export const plain =
  (test: (v: unknown) => boolean, expected: string): Check =>
  (v, I) => {
    if (!test(v)) fail(I, "invalid_type", { expected });
    return v;
  };

/** z.enum([...]) of strings. */
export const oneOf =
  (values: readonly string[]): Check =>
  (v, I) => {
    if (!values.includes(v)) fail(I, "invalid_value", { values });
    return v;
  };

/** z.union of plain types: the first that accepts; else every option aborts and zod reports invalid_union. */
export const union =
  (...tests: ((v: unknown) => boolean)[]): Check =>
  (v, I) => {
    for (const t of tests) if (t(v)) return v;
    fail(I, "invalid_union");
    return v;
  };

/** z.optional: undefined passes as itself. */
export const optional =
  (inner: Check): Check =>
  (v, I) =>
    v === undefined ? v : inner(v, I);

/**
 * z.strictObject (a closed object): any object but an array (class instances and null prototypes too). `fields`
 * (rendered per object, so that each field is a named read and write) reads each field once, in
 * the schema's order, checks it and copies it when present; then the unknown keys are the
 * enumerable string keys, own or inherited, that the schema lacks (symbols are not seen).
 */
export function closedObject(isKey: (k: string) => boolean, fields: (v: any, I: InputIssue[], o: any) => void): Check {
  return (v, I) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) {
      fail(I, "invalid_type", { expected: "object" });
      return undefined;
    }
    const o: any = {};
    fields(v, I, o);
    let unknownKeys: string[] | undefined;
    for (const k in v) if (!isKey(k)) (unknownKeys ??= []).push(k);
    if (unknownKeys) fail(I, "unrecognized_keys", { keys: unknownKeys });
    return o;
  };
}

/** One field of an object (or element, or record value): its check's output, its issues put under `key`. Also called when a field's inline test fails, to word its issues. */
export function field(I: InputIssue[], check: Check, value: unknown, key: PropertyKey): unknown {
  const n = I.length;
  const out = check(value, I);
  if (I.length > n) under(I, n, key);
  return out;
}

/** A missing required field whose type accepts undefined (z.unknown()): zod reports it as "nonoptional". */
export function missing(I: InputIssue[], key: string): void {
  fail(I, "invalid_type", { expected: "nonoptional", path: [key] });
}

/** z.array(el) with z.minLength(min) / z.maxLength(max): an oversized array fails before any element is read. */
export function array(el: Check, min: number | undefined, max: number | undefined): Check {
  return (v, I) => {
    if (!Array.isArray(v)) {
      fail(I, "invalid_type", { expected: "array" });
      if (min !== undefined || max !== undefined) touch(v);
      return undefined;
    }
    if (max !== undefined && v.length > max) {
      fail(I, "too_big", { origin: "array", maximum: max });
      return undefined;
    }
    const o = [];
    for (let i = 0; i < v.length; i++) o.push(field(I, el, v[i], i));
    if (min !== undefined && v.length < min) fail(I, "too_small", { origin: "array", minimum: min });
    return o;
  };
}

/** zod's isPlainObject (what a record accepts): an object whose constructor, if it has one, is not a class. */
function isPlainObject(o: any): boolean {
  if (typeof o !== "object" || o === null || Array.isArray(o)) return false;
  const ctor = o.constructor;
  if (ctor === undefined || typeof ctor !== "function") return true;
  const proto = ctor.prototype;
  return typeof proto === "object" && proto !== null && !Array.isArray(proto) && Object.prototype.hasOwnProperty.call(proto, "isPrototypeOf");
}

/** z.record(z.string() with z.maxLength(keyMax), value): own enumerable keys, symbols included (invalid keys); __proto__ is skipped. */
export function record(keyMax: number | undefined, value: Check): Check {
  return (v, I) => {
    if (!isPlainObject(v)) {
      fail(I, "invalid_type", { expected: "record" });
      return undefined;
    }
    const o: any = {};
    // Reflect.ownKeys order, without a property-descriptor lookup per string key: the enumerable string keys, then the symbols.
    for (const k of Object.keys(v)) {
      if (k === "__proto__") continue;
      if (keyMax !== undefined && tooLong(k, keyMax)) fail(I, "invalid_key", { origin: "record", path: [k] });
      else o[k] = field(I, value, v[k], k);
    }
    for (const k of Object.getOwnPropertySymbols(v)) if (Object.prototype.propertyIsEnumerable.call(v, k)) fail(I, "invalid_key", { origin: "record", path: [k] });
    return o;
  };
}
