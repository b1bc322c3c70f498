/**
 * Compiles the zod schema of QuoteInput (src/quote/schema.ts) into a plain-JS validator,
 * src/generated/quote-input-validator.ts, so that quote() validates its input without zod at
 * run time while the schema stays the one definition of valid input. Run by `npm run data:build`;
 * `npm run data:check` fails when the written module differs from what the schema gives.
 *
 * The module is the schema's tree, built from the checks of src/quote/input-checks.ts (zod 4's
 * parse of each kind, see node_modules/zod/v4/core/schemas.js), with one function per object so
 * that fields are named reads and writes, and an inline test for plain fields that surely pass.
 * It reads each field once, visits the same values, and reports issues in zod's order with the
 * fields zodToVatError words an error from, so that quote() throws the same VatError as when zod
 * parsed the input (test/input.test.ts checks it). Only the schema kinds QuoteInput uses are
 * supported; any other kind, check or option fails the build rather than being guessed at.
 */

/** The slice of a zod schema's definition (`schema._zod.def`) read here. */
interface Def {
  type: string;
  checks?: { _zod: { def: { check: string; minimum?: number; maximum?: number; abort?: boolean; error?: unknown } } }[];
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

type CheckDef = NonNullable<Def["checks"]>[number]["_zod"]["def"];

/** The check functions of src/quote/input-checks.ts that the rendered tree calls. */
const KIT = ["closedObject", "field", "missing", "array", "record", "optional", "union", "oneOf", "string", "plain", "unknown", "isString", "isNumber", "isBoolean", "fits"] as const;
const ident = (parts: string[]) => parts.map((p) => p.replace(/[^\w$]/g, "_")).join("_");
const prop = (v: string, key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `${v}.${key}` : `${v}[${JSON.stringify(key)}]`);

class Renderer {
  /** The key set of each object schema, by the name the module exports it under. */
  readonly keySets = new Map<string, string[]>();
  readonly used = new Set<string>();
  /** `const name = expression;` of every check, children first; one per distinct expression. */
  readonly consts = new Map<string, string>();

  private name(expression: string, prefix: string): string {
    for (const [n, e] of this.consts) if (e === expression) return n;
    const n = `${prefix}${this.consts.size}`;
    this.consts.set(n, expression);
    return n;
  }

  private call(fn: (typeof KIT)[number], args: string, prefix = "c") {
    this.used.add(fn);
    return this.name(`${fn}(${args})`, prefix);
  }

  /** The name of the check for `schema`, at the fields `names` (for messages and key-set names). */
  check(schema: Node, names: string[]): string {
    const def = schema._zod.def;
    const where = names.join(".") || "input";
    const unsupported = (what: string): never => {
      throw new Error(`${where}: ${what} is not supported by scripts/render-validator.ts`);
    };
    if (def.error !== undefined) unsupported("a custom error message");
    if (def.coerce) unsupported("coercion");
    const checks = (def.checks ?? []).map((c) => c._zod.def);
    if (checks.some((c) => c.abort)) unsupported("an abort check");
    if (checks.some((c) => c.error !== undefined)) unsupported("a check with its own message");
    if (def.type !== "string" && def.type !== "array" && checks.length) unsupported(`a check on ${def.type}`);
    switch (def.type) {
      case "unknown":
        this.used.add("unknown");
        return "unknown";
      case "string": {
        const max = this.maxLength(checks, where);
        return this.call("string", max === undefined ? "" : String(max));
      }
      case "number":
        this.used.add("isNumber");
        return this.call("plain", `isNumber, "number"`);
      case "boolean":
        this.used.add("isBoolean");
        return this.call("plain", `isBoolean, "boolean"`);
      case "enum":
        return this.call("oneOf", JSON.stringify(this.enumValues(def)));
      case "union": {
        const options = def.options!;
        if (options.length === 1) return this.check(options[0]!, names);
        // Plain types only: each rejects with an issue that aborts it, so zod reports invalid_union when none accepts.
        const tests = options.map((o) => {
          const d = o._zod.def;
          if (d.checks?.length || d.error !== undefined || d.coerce) unsupported("a union option with checks or messages");
          if (d.type === "string" || d.type === "number" || d.type === "boolean") {
            const t = `is${d.type[0]!.toUpperCase()}${d.type.slice(1)}`;
            this.used.add(t);
            return t;
          }
          return unsupported(`a union option of type ${d.type}`);
        });
        return this.call("union", tests.join(", "));
      }
      case "optional": {
        if (def.innerType!._zod.def.type === "optional") unsupported("optional(optional(…))");
        return this.call("optional", this.check(def.innerType!, names));
      }
      case "array": {
        for (const c of checks) if (c.check !== "min_length" && c.check !== "max_length") unsupported(`the array check ${c.check}`);
        const maxes = checks.filter((c) => c.check === "max_length");
        const mins = checks.filter((c) => c.check === "min_length");
        if (maxes.length > 1 || mins.length > 1) unsupported("more than one minLength or maxLength check");
        return this.call("array", `${this.check(def.element!, names)}, ${mins[0]?.minimum}, ${maxes[0]?.maximum}`);
      }
      case "record": {
        const key = def.keyType!._zod.def;
        if (key.type !== "string" || key.error !== undefined || key.coerce || def.mode === "loose") unsupported("a record whose keys are not plain strings");
        const keyChecks = (key.checks ?? []).map((c) => c._zod.def);
        if (keyChecks.some((c) => c.abort || c.error !== undefined)) unsupported("a record key check with a message or abort");
        const keyMax = this.maxLength(keyChecks, where);
        return this.call("record", `${keyMax}, ${this.check(def.valueType!, [...names, "*"])}`);
      }
      case "object": {
        if (def.catchall?._zod.def.type !== "never") unsupported("an object that is not strict (z.strictObject)");
        const shape = def.shape!;
        if (Object.getOwnPropertySymbols(shape).length || Object.hasOwn(shape, "__proto__")) unsupported("a symbol or __proto__ field");
        const keys = Object.keys(shape);
        const setName = names.length ? `KEYS_${ident(names)}` : "KEYS";
        if (this.keySets.has(setName)) throw new Error(`two objects would export ${setName}`);
        this.keySets.set(setName, keys);
        // Per field, as zod: read it once, check it, copy it when present. A missing required field
        // has its type's issue (every type rendered here but unknown rejects undefined), or
        // "nonoptional" when its type accepts undefined.
        const lines = keys.map((k) => {
          const child = shape[k]!;
          const t = child._zod.def.type;
          const q = JSON.stringify(k);
          const read = `    x = ${prop("v", k)};`;
          // `key in v` only for an undefined value: a defined one is present (only a Proxy could say otherwise),
          // and so an absent optional field never has issues for zod to drop.
          const copy = `    if (x !== undefined || ${q} in v) ${prop("o", k)} = x;`;
          if (t === "unknown") {
            this.used.add("missing");
            return `${read}\n${copy}\n    else missing(I, ${q});`;
          }
          const c = this.check(child, [...names, k]);
          // A plain value that surely passes is tested inline; anything else runs the check, which words its issues.
          const sure = this.sure(child, "x");
          this.used.add("field");
          const test = sure === undefined ? `    x = field(I, ${c}, x, ${q});` : `    ${sure} || field(I, ${c}, x, ${q});`;
          // A required field's type rejects undefined: whatever is copied when it is missing, the input fails.
          if (t !== "optional") return `${read}\n${test}\n    ${prop("o", k)} = x;`;
          return `${read}\n${test}\n${copy}`;
        });
        this.used.add("closedObject");
        const body = `(v, I, o) => {\n    let x: unknown;\n${lines.join("\n")}\n  }`;
        return this.name(`closedObject(is${setName}, ${body})`, "o");
      }
      default:
        return unsupported(`the zod type "${def.type}"`);
    }
  }

  /**
   * An inline test that is true only when `x` surely passes a plain check (a string within its
   * maximum in UTF-16 units is within it in code points), or undefined for objects, arrays and records.
   */
  private sure(schema: Node, x: string): string | undefined {
    const def = schema._zod.def;
    switch (def.type) {
      case "optional": {
        const inner = this.sure(def.innerType!, x);
        return inner === undefined ? undefined : `${x} === undefined || ${inner}`;
      }
      case "string": {
        const max = def.checks?.[0]?._zod.def.maximum;
        this.used.add(max === undefined ? "isString" : "fits");
        return max === undefined ? `isString(${x})` : `fits(${x}, ${max})`;
      }
      case "number":
        this.used.add("isNumber");
        return `isNumber(${x})`;
      case "boolean":
        this.used.add("isBoolean");
        return `isBoolean(${x})`;
      case "enum":
        return `(${this.enumValues(def).map((e) => `${x} === ${JSON.stringify(e)}`).join(" || ")})`;
      case "union":
        return def.options!.map((o) => this.sure(o, x)).join(" || ");
      default:
        return undefined;
    }
  }

  private enumValues(def: Def): string[] {
    const values = Object.values(def.entries!);
    if (!values.every((x) => typeof x === "string")) throw new Error("only enums of strings are supported");
    return values as string[];
  }

  private maxLength(checks: CheckDef[], where: string): number | undefined {
    if (checks.length > 1 || checks.some((c) => c.check !== "max_length")) throw new Error(`${where}: only one maxLength check on a string is supported`);
    return checks[0]?.maximum;
  }
}

export const VALIDATOR_HEADER = "// GENERATED by scripts/build-data.ts (scripts/render-validator.ts) from the zod schema in src/quote/schema.ts. Do not edit; run `npm run data:build`.\n";

/** The module text of src/generated/quote-input-validator.ts for `schema` (QuoteInput's). */
export function renderValidator(schema: unknown, header = VALIDATOR_HEADER): string {
  const r = new Renderer();
  const root = r.check(schema as Node, []);
  const consts = [...r.consts].map(([n, e]) => `  const ${n} = ${e};`).join("\n");
  const sets = [...r.keySets]
    .map(([name, keys]) => {
      const what = name === "KEYS" ? "QuoteInput" : name.slice(5).replace(/_/g, ".");
      // A switch, not Set.has: for…in's keys are compared by identity, measurably faster per key.
      const cases = keys.map((k) => `    case ${JSON.stringify(k)}:`).join("\n");
      return `/** The fields of ${what}. @internal */\nexport const ${name}: ReadonlySet<string> = /* @__PURE__ */ new Set(${JSON.stringify(keys)});\nfunction is${name}(k: string): boolean {\n  switch (k) {\n${cases}\n      return true;\n  }\n  return false;\n}`;
    })
    .join("\n");
  const kit = KIT.filter((k) => r.used.has(k));
  return `${header}/**
 * QuoteInput's validator, compiled from its zod schema (src/quote/schema.ts) by
 * scripts/render-validator.ts: the schema's tree, built from the plain checks of
 * src/quote/input-checks.ts, which copy and report as zod does, without zod.
 */
import { ${kit.join(", ")}, type Check } from "../quote/input-checks.js";
import { InputIssues, type InputIssue } from "../quote/input-error.js";
import type { ParsedInput } from "../quote/schema.js";

${sets}

/** The checks, children first; built on the first call. */
function build(): Check {
${consts}
  return ${root};
}

let check: Check | undefined;

/**
 * Validate a QuoteInput as its zod schema does: zod's plain copy of it (only the known fields;
 * an optional field absent, or present as undefined, as zod leaves it), or the issues zod
 * reports, in zod's order. A getter or Proxy that throws is not caught here (readInput reports it).
 * @internal
 */
export function validateQuoteInput(input: unknown): ParsedInput | InputIssues {
  const I: InputIssue[] = [];
  const out = (check ??= build())(input, I) as ParsedInput;
  return I.length ? new InputIssues(I) : out;
}
`;
}
