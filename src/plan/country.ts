/** Seller and origin countries: ISO 3166-1 alpha-2 codes the platform's region names know. */
import { VatError, describeValue, type InputPath } from "../errors.js";
import { ALL_TABLES, canonicalDestination } from "../rules.js";

// Region codes Intl knows that are not countries a business is established in.
const NOT_COUNTRIES = new Set(["ZZ", "EU", "EZ", "UN", "QO"]);
let names: Intl.DisplayNames | undefined;

/** The canonical code and English name of a country, or a VatError UNKNOWN_COUNTRY at `path`. */
export function countryOf(value: unknown, path: InputPath): { code: string; name: string } {
  const text = typeof value === "string" ? value.toUpperCase() : "";
  const code = /^[A-Z]{2}$/.test(text) ? (canonicalDestination(text, ALL_TABLES) ?? text) : "";
  names ??= new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });
  const name = code && !NOT_COUNTRIES.has(code) ? (code === "XI" ? "Northern Ireland" : names.of(code)) : undefined;
  if (!name) throw new VatError("UNKNOWN_COUNTRY", path, `${path.join(".")} must be an ISO 3166-1 alpha-2 country code such as "KR", got ${describeValue(value)}`);
  return { code, name };
}
