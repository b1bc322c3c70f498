/**
 * checkTaxId(): the public format and check-digit test of a tax identifier. Offline by
 * design: it says whether a number is well formed, not whether it is registered (that
 * is VIES's, ABN Lookup's or IRAS's answer, which a caller asks outside the SDK).
 */
import { IOSS, XI_VAT, euVat, vatPrefix } from "./eu.js";
import { ABN, GB_VAT, NO_ORG, NZBN, NZ_GST, SG_GST, VOEC, checkWith, type TaxIdCheck, type TaxIdFormat } from "./formats.js";

/** The identifiers a business of `country` (upper-case) may hold, most common first. */
function formatsFor(country: string): TaxIdFormat[] | undefined {
  switch (country) {
    case "AU":
      return [ABN];
    case "NZ":
      return [NZ_GST, NZBN];
    case "NO":
      return [NO_ORG, VOEC];
    case "GB":
    case "UK":
      return [GB_VAT];
    case "XI":
      return [GB_VAT, IOSS];
    case "SG":
      return [SG_GST];
    case "EU":
      return [euVat(undefined), XI_VAT, IOSS];
  }
  const prefix = vatPrefix(country);
  return prefix === undefined ? undefined : [euVat(prefix), IOSS];
}

/**
 * Check a tax identifier's format and check digit, offline: AU ABN; NZ GST (IRD) number or
 * NZBN; Norwegian organisation number (also written `NO 123456785 MVA`) or VOEC number; UK
 * VAT number (`GB`, or `XI` for Northern Ireland); Singapore GST registration number (UEN
 * or M-number); an EU member state's VAT number with its prefix (`EL` for Greece; `"EU"`
 * accepts any member state's, and Northern Ireland's `XI` numbers) or an IOSS number. Spaces, dots, dashes and slashes are
 * ignored, letters may be lower case.
 *
 * A valid result means well formed, not registered: to know that a number is live (VIES,
 * ABN Lookup, IRAS), ask the registry yourself and pass the outcome to `quote()` through
 * `customer` (docs/checkout.md, "Business customers"). Never throws; the input is never
 * repeated in the result. The same input gives the same result, with one exception inherited
 * from stdnum: Czech and Latvian VAT numbers of individuals (which embed a birth date) are
 * rejected while that date lies in the future.
 *
 * @param country `AU`, `NZ`, `NO`, `GB` (or `UK`), `XI`, `SG`, an EU member state (`GR` or `EL`), or `EU`.
 * @param value The number as the customer typed it.
 * @example
 * import { checkTaxId } from "destination-vat/tax-id";
 * checkTaxId("AU", "51 824 753 556")
 * //=> { valid: true, country: "AU", kind: "ABN", value: "51824753556", checked: "check-digit" }
 * checkTaxId("GR", "EL094259216").valid //=> true
 * const bad = checkTaxId("GB", "GB123456789");
 * bad.valid || bad.problem //=> "check-digit"
 * @category Tax identifiers
 */
export function checkTaxId(country: string, value: string): TaxIdCheck {
  const code = typeof country === "string" ? country.trim().toUpperCase() : "";
  const formats = code.length <= 3 ? formatsFor(code) : undefined;
  const shown = code.length > 0 && code.length <= 3 ? code : "?";
  if (formats === undefined) {
    return {
      valid: false,
      country: shown,
      problem: "unsupported",
      expected: "a country code the SDK covers",
      message: `The SDK checks tax identifiers for AU, NZ, NO, GB, XI, SG and the EU member states (or "EU" for any of them); the country code given is not one of these.`,
    };
  }
  return checkWith(code, value, formats);
}
