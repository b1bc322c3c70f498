/**
 * Input issues as VatErrors. The issues come from zod (plan(), exportRoute(), and tests that run
 * the QuoteInput schema) or from the validator generated from that schema, which reports the
 * same issue data without zod: so this module imports no zod code, only the issue's shape.
 */
import { closest } from "../did-you-mean.js";
import { VatError, describeValue, formatPath, invalid } from "../errors.js";

/** The part of a zod issue (`z.core.$ZodIssue`) that a VatError is worded from. @internal */
export interface InputIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  /** unrecognized_keys */
  readonly keys?: readonly string[];
  /** invalid_type */
  readonly expected?: string;
  /** too_small */
  readonly minimum?: number | bigint;
  /** too_big */
  readonly maximum?: number | bigint;
  /** too_big, too_small, invalid_key */
  readonly origin?: string;
  /** invalid_value */
  readonly values?: readonly unknown[];
}

/** A failed validation: the issues in zod's order (a ZodError has the same `issues`). @internal */
export class InputIssues {
  constructor(readonly issues: readonly InputIssue[]) {}
}

/** A zod failure as a VatError; `subject` and `fieldsAt` word unknown fields (QuoteInput's, or plan's and exportRoute's). @internal */
export function zodToVatError(error: { readonly issues: readonly InputIssue[] }, raw: unknown, subject: string, fieldsAt: (path: readonly (string | number)[]) => ReadonlySet<string> | undefined): VatError {
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
    case "invalid_type": {
      const expected = issue.expected!;
      why = got === undefined ? "is required" : `must be ${expected === "union" ? "a decimal string" : `${/^[aeiou]/.test(expected) ? "an" : "a"} ${expected}`}, got ${describeValue(got)}`;
      break;
    }
    case "too_small":
      why = Array.isArray(got) ? `needs at least ${String(issue.minimum)} entr${issue.minimum === 1 ? "y" : "ies"}` : `is too small, got ${describeValue(got)}`;
      break;
    case "too_big":
      why = `is too large (at most ${String(issue.maximum)}), got ${describeValue(got)}`;
      break;
    case "invalid_value":
      why = `must be one of ${issue.values!.map((v) => JSON.stringify(v)).join(", ")}, got ${describeValue(got)}`;
      break;
    default:
      why = `is not valid (${issue.message}), got ${describeValue(got)}`;
  }
  return invalid(path, `${where} ${why}`);
}
