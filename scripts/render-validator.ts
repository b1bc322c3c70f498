/**
 * Compiles the zod schema of QuoteInput (src/quote/schema.ts) into a plain-JS validator,
 * src/generated/quote-input-validator.ts, so that quote() validates its input without zod at
 * run time while the schema stays the one definition of valid input. Run by `npm run data:build`;
 * `npm run data:check` fails when the written module differs from what the schema gives.
 *
 * The generated code does what zod 4's parse does on the same value, in the same order (see
 * node_modules/zod/v4/core/schemas.js): it reads each field once, visits the same values, and
 * reports issues in zod's order with the fields zodToVatError words an error from, so that
 * quote() throws the same VatError as when zod parsed the input (test/input.test.ts checks it).
 * Only the schema kinds QuoteInput uses are supported; any other kind, check or option fails the
 * build rather than being guessed at.
 */

/** The slice of a zod schema's definition (`schema._zod.def`) read here. */
interface Def {
  type: string;
  checks?: { _zod: { def: { check: string; minimum?: number; maximum?: number; abort?: boolean } } }[];
  error?: unknown;
  shape?: Record<string, Node>;
  catchall?: Node;
  innerType?: Node;
  element?: Node;
  options?: Node[];
  keyType?: Node;
  valueType?: Node;
  entries?: Record<string, unknown>;
  coerce?: boolean;
  mode?: string;
}
interface Node {
  _zod: { def: Def };
}

/** JS source of one element of an issue path: a quoted key, or a loop variable. */
type PathPart = string;

const fail = (path: PathPart[], code: string, more = "") => `fail(I, [${path.join(", ")}], ${JSON.stringify(code)}${more ? `, { ${more} }` : ""});`;
const prop = (v: string, key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `${v}.${key}` : `${v}[${JSON.stringify(key)}]`);
const ident = (parts: string[]) => parts.map((p) => p.replace(/[^\w$]/g, "_")).join("_");

class Emitter {
  private n = 0;
  readonly out: string[] = [];
  /** The key set of each object schema, by the name the module exports it under. */
  readonly keySets = new Map<string, string[]>();

  fresh(prefix: string) {
    return `${prefix}${this.n++}`;
  }

  line(depth: number, text: string) {
    this.out.push(`${"  ".repeat(depth)}${text}`);
  }

  /**
   * Code that validates the value in variable `v` at `path` (`names`: its static field names,
   * for the key-set names) and returns the expression holding zod's output for it.
   */
  node(schema: Node, v: string, path: PathPart[], names: string[], depth: number): string {
    const def = schema._zod.def;
    if (def.error !== undefined) throw new Error(`${names.join(".") || "input"}: a custom error message is not supported`);
    if (def.coerce) throw new Error(`${names.join(".")}: coercion is not supported`);
    const checks = (def.checks ?? []).map((c) => c._zod.def);
    for (const c of checks) if (c.abort) throw new Error(`${names.join(".")}: abort checks are not supported`);
    const unsupported = (what: string): never => {
      throw new Error(`${names.join(".") || "input"}: ${what} is not supported by scripts/render-validator.ts`);
    };
    if (def.type !== "string" && def.type !== "array" && checks.length) unsupported(`a check on ${def.type}`);

    switch (def.type) {
      case "unknown":
        return v;
      case "boolean":
      case "number":
      case "enum":
        this.line(depth, `if (${this.rejects(schema, v)}) ${this.typeIssue(schema, path)}`);
        return v;
      case "string": {
        const max = this.maxLength(checks, names);
        if (max === undefined) {
          this.line(depth, `if (typeof ${v} !== "string") ${fail(path, "invalid_type", 'expected: "string"')}`);
          return v;
        }
        // zod still runs the length check when the type is wrong (it reads `length` of anything not nullish): touch() reads it as zod does.
        this.line(depth, `if (typeof ${v} !== "string") { ${fail(path, "invalid_type", 'expected: "string"')} touch(${v}); }`);
        // zod counts code points, not UTF-16 units: only a string longer in units can be too long.
        this.line(depth, `else if (${v}.length > ${max} && codePoints(${v}) > ${max}) ${fail(path, "too_big", `origin: "string", maximum: ${max}`)}`);
        return v;
      }
      case "union": {
        const options = def.options!;
        if (options.length === 1) return this.node(options[0]!, v, path, names, depth);
        // A union of plain types: zod takes the first that accepts; when none does, every option's
        // type issue aborts it, and the union reports invalid_union.
        const rejects = options.map((o) => {
          const d = o._zod.def;
          if (!["string", "number", "boolean", "enum"].includes(d.type) || d.checks?.length || d.error !== undefined || d.coerce) unsupported("a union option other than a plain string, number, boolean or enum");
          return this.rejects(o, v);
        });
        this.line(depth, `if (${rejects.join(" && ")}) ${fail(path, "invalid_union")}`);
        return v;
      }
      case "optional": {
        const inner = def.innerType!;
        if (inner._zod.def.type === "optional") unsupported("optional(optional(…))");
        const body: string[] = [];
        const saved = this.out.splice(0);
        const innerOut = this.node(inner, v, path, names, depth + 1);
        body.push(...this.out.splice(0));
        this.out.push(...saved);
        if (innerOut === v) {
          this.line(depth, `if (${v} !== undefined) {`);
          this.out.push(...body);
          this.line(depth, "}");
          return v;
        }
        const o = this.fresh("o");
        this.line(depth, `let ${o}: any = ${v};`);
        this.line(depth, `if (${v} !== undefined) {`);
        this.out.push(...body);
        this.line(depth + 1, `${o} = ${innerOut};`);
        this.line(depth, "}");
        return o;
      }
      case "object":
        return this.object(def, v, path, names, depth);
      case "array":
        return this.array(def, checks, v, path, names, depth);
      case "record":
        return this.record(def, v, path, names, depth);
      default:
        return unsupported(`the zod type "${def.type}"`);
    }
  }

  /** The condition under which a plain type rejects `v`. */
  private rejects(schema: Node, v: string): string {
    const def = schema._zod.def;
    switch (def.type) {
      case "string":
        return `typeof ${v} !== "string"`;
      case "boolean":
        return `typeof ${v} !== "boolean"`;
      case "number":
        // zod's number rejects NaN and ±Infinity as well as non-numbers.
        return `!Number.isFinite(${v})`;
      case "enum":
        return this.enumValues(def)
          .map((e) => `${v} !== ${JSON.stringify(e)}`)
          .join(" && ");
      default:
        throw new Error(`not a plain type: ${def.type}`);
    }
  }

  private typeIssue(schema: Node, path: PathPart[]): string {
    const def = schema._zod.def;
    if (def.type === "enum") return fail(path, "invalid_value", `values: ${JSON.stringify(this.enumValues(def))}`);
    return fail(path, "invalid_type", `expected: ${JSON.stringify(def.type)}`);
  }

  private enumValues(def: Def): string[] {
    const values = Object.values(def.entries!);
    if (!values.every((x) => typeof x === "string")) throw new Error("only enums of strings are supported");
    return values as string[];
  }

  private maxLength(checks: NonNullable<Def["checks"]>[number]["_zod"]["def"][], names: string[]): number | undefined {
    if (checks.some((c) => c.check !== "max_length") || checks.length > 1) throw new Error(`${names.join(".")}: only one maxLength check on a string is supported`);
    return checks[0]?.maximum;
  }

  private object(def: Def, v: string, path: PathPart[], names: string[], depth: number): string {
    const catchall = def.catchall?._zod.def.type;
    if (catchall !== "never") throw new Error(`${names.join(".") || "input"}: only strict objects (z.strictObject) are supported`);
    const shape = def.shape!;
    if (Object.getOwnPropertySymbols(shape).length || Object.hasOwn(shape, "__proto__")) throw new Error(`${names.join(".")}: symbol and __proto__ fields are not supported`);
    const keys = Object.keys(shape);
    const setName = names.length ? `KEYS_${ident(names)}` : "KEYS";
    if (this.keySets.has(setName)) throw new Error(`two objects would export ${setName}`);
    this.keySets.set(setName, keys);
    const o = this.fresh("o");
    this.line(depth, `let ${o}: any;`);
    // zod's isObject: arrays and null are not objects; class instances and null-prototype objects are.
    this.line(depth, `if (typeof ${v} !== "object" || ${v} === null || Array.isArray(${v})) ${fail(path, "invalid_type", 'expected: "object"')}`);
    this.line(depth, "else {");
    this.line(depth + 1, `${o} = {};`);
    for (const key of keys) {
      const child = shape[key]!;
      const optional = child._zod.def.type === "optional";
      const x = this.fresh("v");
      const mark = optional ? this.fresh("n") : undefined;
      // Read once, as zod reads it (a getter runs once); then `key in v`, as zod decides presence.
      this.line(depth + 1, `const ${x} = ${prop(v, key)};`);
      if (mark) this.line(depth + 1, `const ${mark} = I.length;`);
      const out = this.node(child, x, [...path, JSON.stringify(key)], [...names, key], depth + 1);
      const present = `${JSON.stringify(key)} in ${v}`;
      if (optional) {
        // An absent optional field is left out of the copy, and zod drops its issues (a Proxy may
        // say a field is absent and still give a value).
        this.line(depth + 1, `if (${present}) ${prop(o, key)} = ${out};`);
        this.line(depth + 1, `else I.length = ${mark};`);
      } else if (child._zod.def.type === "unknown") {
        // zod reports a missing required field that accepts undefined as "nonoptional".
        this.line(depth + 1, `if (${present}) ${prop(o, key)} = ${out};`);
        this.line(depth + 1, `else ${fail([...path, JSON.stringify(key)], "invalid_type", 'expected: "nonoptional"')}`);
      } else {
        // Every other required type rejects undefined itself, so a missing field already has its issue.
        this.line(depth + 1, `if (${present}) ${prop(o, key)} = ${out};`);
      }
    }
    // Unknown keys: every enumerable string key, own or inherited (for…in), __proto__ included; symbols are not seen.
    const u = this.fresh("u");
    const k = this.fresh("k");
    this.line(depth + 1, `let ${u}: string[] | undefined;`);
    this.line(depth + 1, `for (const ${k} in ${v}) if (!${setName}.has(${k})) (${u} ??= []).push(${k});`);
    this.line(depth + 1, `if (${u}) ${fail(path, "unrecognized_keys", `keys: ${u}`)}`);
    this.line(depth, "}");
    return o;
  }

  private array(def: Def, checks: NonNullable<Def["checks"]>[number]["_zod"]["def"][], v: string, path: PathPart[], names: string[], depth: number): string {
    for (const c of checks) if (c.check !== "min_length" && c.check !== "max_length") throw new Error(`${names.join(".")}: only minLength/maxLength checks on an array are supported`);
    const maxes = checks.filter((c) => c.check === "max_length").map((c) => c.maximum!);
    if (maxes.length > 1) throw new Error(`${names.join(".")}: one maxLength check per array at most`);
    const max = maxes[0];
    const mins = checks.filter((c) => c.check === "min_length").map((c) => c.minimum!);
    const o = this.fresh("o");
    const i = this.fresh("i");
    const e = this.fresh("e");
    this.line(depth, `let ${o}: any;`);
    this.line(depth, `if (!Array.isArray(${v})) { ${fail(path, "invalid_type", 'expected: "array"')}${checks.length ? ` touch(${v});` : ""} }`);
    // zod rejects an oversized array before it reads any element.
    if (max !== undefined) this.line(depth, `else if (${v}.length > ${max}) ${fail(path, "too_big", `origin: "array", maximum: ${max}`)}`);
    this.line(depth, "else {");
    this.line(depth + 1, `${o} = [];`);
    this.line(depth + 1, `for (let ${i} = 0; ${i} < ${v}.length; ${i}++) {`);
    this.line(depth + 2, `const ${e} = ${v}[${i}];`);
    const out = this.node(def.element!, e, [...path, i], names, depth + 2);
    this.line(depth + 2, `${o}.push(${out});`);
    this.line(depth + 1, "}");
    // The size checks run after the elements, in the schema's order (a maximum passed: the array is within it here).
    for (const min of mins) this.line(depth + 1, `if (${v}.length < ${min}) ${fail(path, "too_small", `origin: "array", minimum: ${min}`)}`);
    this.line(depth, "}");
    return o;
  }

  private record(def: Def, v: string, path: PathPart[], names: string[], depth: number): string {
    const key = def.keyType!._zod.def;
    if (key.type !== "string" || key.error !== undefined || key.coerce || def.mode === "loose") throw new Error(`${names.join(".")}: only records with string keys are supported`);
    const keyMax = this.maxLength((key.checks ?? []).map((c) => c._zod.def), names);
    const o = this.fresh("o");
    const k = this.fresh("k");
    const e = this.fresh("e");
    this.line(depth, `let ${o}: any;`);
    this.line(depth, `if (!isPlainObject(${v})) ${fail(path, "invalid_type", 'expected: "record"')}`);
    this.line(depth, "else {");
    this.line(depth + 1, `${o} = {};`);
    // Own keys, symbols included; zod skips __proto__ and non-enumerable keys.
    this.line(depth + 1, `for (const ${k} of Reflect.ownKeys(${v})) {`);
    this.line(depth + 2, `if (${k} === "__proto__" || !isEnumerable.call(${v}, ${k})) continue;`);
    const badKey = `typeof ${k} !== "string"${keyMax === undefined ? "" : ` || (${k}.length > ${keyMax} && codePoints(${k}) > ${keyMax})`}`;
    this.line(depth + 2, `if (${badKey}) { ${fail([...path, k], "invalid_key", 'origin: "record"')} continue; }`);
    this.line(depth + 2, `const ${e} = ${v}[${k}];`);
    const out = this.node(def.valueType!, e, [...path, k], [...names, "*"], depth + 2);
    this.line(depth + 2, `${o}[${k}] = ${out};`);
    this.line(depth + 1, "}");
    this.line(depth, "}");
    return o;
  }
}

export const VALIDATOR_HEADER = "// GENERATED by scripts/render-validator.ts from the zod schema in src/quote/schema.ts. Do not edit; run `npm run data:build`.\n";

/** The module text of src/generated/quote-input-validator.ts for `schema` (QuoteInput's). */
export function renderValidator(schema: unknown, header = VALIDATOR_HEADER): string {
  const em = new Emitter();
  const out = em.node(schema as Node, "input", [], [], 1);
  const body = em.out.join("\n");
  const sets = [...em.keySets]
    .map(([name, keys]) => `/** The fields of ${name === "KEYS" ? "QuoteInput" : name.slice(5).replace(/_/g, ".")}. */\nexport const ${name}: ReadonlySet<string> = /* @__PURE__ */ new Set(${JSON.stringify(keys)});`)
    .join("\n");
  return `${header}/**
 * QuoteInput's validator, compiled from its zod schema (src/quote/schema.ts) by
 * scripts/render-validator.ts: zod's checks, copy and issues without zod's runtime.
 */
import type { ParsedInput } from "../quote/schema.js";
import { InputIssues, type InputIssue } from "../quote/input-error.js";

${sets}

/** zod/mini's wording of every issue (it loads no locale); zodToVatError words the rest. */
function fail(issues: InputIssue[], path: PropertyKey[], code: string, more?: object): void {
  issues.push({ code, path, message: "Invalid input", ...more });
}

/** What zod's length check reads of a value of the wrong type (a getter on it may throw). */
function touch(v: any): unknown {
  return v != null && v.length;
}

/** Code points in a string, as zod's length checks count them (a surrogate pair is one). */
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

/** zod's isPlainObject (what a record accepts): an object whose constructor, if any, is not a class. */
function isPlainObject(o: any): boolean {
  if (typeof o !== "object" || o === null || Array.isArray(o)) return false;
  const ctor = o.constructor;
  if (ctor === undefined || typeof ctor !== "function") return true;
  const proto = ctor.prototype;
  return typeof proto === "object" && proto !== null && !Array.isArray(proto) && Object.prototype.hasOwnProperty.call(proto, "isPrototypeOf");
}

const isEnumerable = Object.prototype.propertyIsEnumerable;

/**
 * Validate a QuoteInput as its zod schema does: zod's plain copy of it (only the known fields;
 * an optional field absent, or present as undefined, as zod leaves it), or the issues zod reports,
 * in zod's order. A getter or Proxy that throws is not caught here (readInput reports it).
 * @internal
 */
export function validateQuoteInput(input: any): ParsedInput | InputIssues {
  const I: InputIssue[] = [];
${body}
  return I.length ? new InputIssues(I) : (${out} as ParsedInput);
}
`;
}
