/**
 * The shared product-category vocabulary. Every destination gives a rate for each one
 * (docs/DATA.md says what each covers). Kept apart from the zod schema so the runtime
 * can list categories without pulling zod's data schemas into a bundle.
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
