/**
 * The shared product-category vocabulary. Every destination gives a rate for each one
 * (docs/DATA.md says what each covers). Kept apart from the zod schema so the runtime
 * can list categories without pulling zod's data schemas into a bundle.
 */
/**
 * Product categories a quote line may name (`lines[].category`, default `"standard"`).
 * @example
 * import { CATEGORIES, rulesFor } from "destination-vat";
 * const fr = rulesFor("FR", "2026-11-02");
 * CATEGORIES.map((c) => `${c} ${fr.rates[c]}`); //=> ["standard 0.2", "food 0.055", "books 0.055", …]
 */
export const CATEGORIES = [
  "standard",
  "food",
  "books",
  "ebooks",
  "newspapers",
  "childrens-clothing",
  "medical",
  "sanitary",
  "excise-alcohol",
  "excise-tobacco",
] as const;
