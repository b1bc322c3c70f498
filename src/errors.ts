/**
 * The one error class callers see. A caller's mistake (malformed input, unknown
 * destination, date outside the data) is a VatError; a tax outcome never is.
 */

/** Stable machine-readable error codes. */
export type VatErrorCode =
  | "INVALID_INPUT"
  | "UNKNOWN_DESTINATION"
  | "DATE_OUT_OF_RANGE"
  | "MISSING_EXCHANGE_RATE"
  | "UNKNOWN_CATEGORY"
  | "UNSUPPORTED_CURRENCY"
  | "TOO_MANY_DECIMALS"
  | "UNKNOWN_COUNTRY";

/** A path into the caller's input, e.g. `["lines", 2, "unitPrice"]`. */
export type InputPath = readonly (string | number)[];

/**
 * Thrown (or returned by the `safe*` functions) when the input cannot be computed.
 *
 * @example
 * try { quote(input) } catch (e) { if (e instanceof VatError) console.log(e.code, e.path, e.message) }
 * @category Errors
 */
export class VatError extends Error {
  readonly code: VatErrorCode;
  readonly path: InputPath;

  constructor(code: VatErrorCode, path: InputPath, message: string) {
    super(message);
    this.name = "VatError";
    this.code = code;
    this.path = path;
  }

  /** Plain JSON form, for logs and CLI output. */
  toJSON(): { code: VatErrorCode; path: InputPath; message: string } {
    return { code: this.code, path: this.path, message: this.message };
  }
}

/** `lines[2].unitPrice` from `["lines", 2, "unitPrice"]`. */
export function formatPath(path: InputPath): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${p}` : p;
  return out || "input";
}

/** A short, safe rendering of what the caller gave (never the whole of a huge value). */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === null) return "null";
  try {
    // A revoked Proxy throws even on Array.isArray; a Proxy's length may be anything.
    if (Array.isArray(value)) return `an array of ${Number(value.length)}`;
  } catch {
    return "an unreadable value (a Proxy or getter threw)";
  }
  const kind = typeof value; // "object", "function" or "symbol"
  return `${kind === "object" ? "an" : "a"} ${kind}`;
}

export const invalid = (path: InputPath, message: string) => new VatError("INVALID_INPUT", path, message);
