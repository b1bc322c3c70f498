/**
 * Renders src/generated/entries/<code>.ts: the `destination-vat/<code>` entry point, which binds
 * one jurisdiction's data to the same quote()/rulesFor() code the default entry uses (the
 * libphonenumber-js model: the logic takes the tables as an argument, each entry binds its own).
 *
 * Every export is a plain function declaration over a constant RuleSet, with no call at module
 * level, so a bundler keeps only what is imported: `{ quote }` alone leaves out the reference
 * part (further sources and notes) that only rulesFor() reads.
 */
export function renderEntry(j: { jurisdiction: string; name: string; currency: string; codes: string[]; taxIdKinds: string[]; localRules: string[] }, header: string): string {
  const { jurisdiction: code, name, currency } = j;
  const destinations = j.codes;
  const lower = code.toLowerCase();
  const example = destinations[0]!;
  // Each kind's format is exported from src/tax-id/formats.ts under its name with "_" for "-".
  const formats = j.taxIdKinds.map((k) => [k, k.replace("-", "_")] as const);
  const formatImport = formats.length ? `import { ${formats.map(([, v]) => v).join(", ")} } from "../../tax-id/formats.js";\n` : "";
  const taxIds = formats.length === 0 ? "{}" : `{ ${formats.map(([k, v]) => (k === v ? v : `${JSON.stringify(k)}: ${v}`)).join(", ")} }`;
  // The code of the rules only some jurisdictions have, each exported from src/quote/local-rules.ts under its own name.
  const localImport = j.localRules.length ? `import { ${j.localRules.join(", ")} } from "../../quote/local-rules.js";\n` : "";
  const local = j.localRules.length ? `, local: { ${j.localRules.join(", ")} }` : "";
  // rulesFor() reads the rule periods, not the quote's figures: of the local rules only the postcode places.
  const rulesLocal = j.localRules.includes("postcodePlaces") ? ", local: { postcodePlaces }" : "";
  return `${header}/**
 * \`destination-vat/${lower}\`: quote() and rulesFor() with the data of ${name} alone (${destinations.join(", ")}).
 * Same functions and the same output as \`destination-vat\` for these destinations; a checkout that
 * sells only into these destinations bundles no other jurisdiction's data. Other codes are \`UNKNOWN_DESTINATION\`.
 * @packageDocumentation
 * @module destination-vat/${lower}
 */
import { withReference } from "../../data/reference.js";
import type { QuoteInput } from "../../quote/input.js";
import { quoteIn, safeQuoteIn } from "../../quote/quote.js";
import type { Quote } from "../../quote/types.js";
import type { VatError } from "../../errors.js";
import { changeDatesIn, destinationsIn, rulesIn, type DestinationRules, type RuleSet } from "../../rules.js";
import { ${code} } from "../${code}.js";
import { ${code}_REFERENCE } from "../${code}.reference.js";
${formatImport}${localImport}
export * from "../../entry-common.js";

const TABLES: RuleSet = { load: () => [${code}], taxIds: ${taxIds}${local} };
const RULES: RuleSet = { load: () => [withReference(${code}, ${code}_REFERENCE)]${rulesLocal} };

/**
 * quote() for the ${code} destinations: see the default entry's \`quote\`.
 * @throws VatError when the input is malformed, outside the data or its destination is not one of this entry's (${code}).
 * @example
 * import { quote } from "destination-vat/${lower}";
 * const q = quote({ date: "2026-11-02", destination: "${example}", currency: "${currency}", lines: [{ unitPrice: "20.00", quantity: 1 }] });
 * q.regime //=> "vendor-collection"
 */
export function quote(input: QuoteInput): Quote {
  return quoteIn(TABLES, input);
}

/**
 * safeQuote() for the ${code} destinations: the error is returned instead of thrown.
 * @example
 * import { safeQuote } from "destination-vat/${lower}";
 * safeQuote({ date: "2026-11-02", destination: "US", currency: "USD", lines: [{ unitPrice: "1", quantity: 1 }] }).ok //=> false
 */
export function safeQuote(input: QuoteInput): { ok: true; quote: Quote } | { ok: false; error: VatError } {
  return safeQuoteIn(TABLES, input);
}

/**
 * rulesFor() for the ${code} destinations: the rules in force for a destination on a date, with every source and note.
 * @example
 * import { rulesFor } from "destination-vat/${lower}";
 * rulesFor("${example}", "2026-11-02").jurisdiction //=> "${code}"
 */
export function rulesFor(destination: string, date: string, options?: { postalCode?: string }): DestinationRules {
  return rulesIn(RULES, destination, date, options);
}

/**
 * The destination codes this entry point covers.
 * @example
 * import { listDestinations } from "destination-vat/${lower}";
 * listDestinations() //=> ${JSON.stringify([...destinations].sort())}
 */
export function listDestinations(): string[] {
  return destinationsIn(TABLES);
}

/**
 * Every date on which the rules for \`destination\` change.
 * @example
 * import { ruleChangeDates } from "destination-vat/${lower}";
 * ruleChangeDates("${example}")[0] // the first day the data covers
 */
export function ruleChangeDates(destination: string): string[] {
  return changeDatesIn(TABLES, destination);
}
`;
}
