/**
 * The data's citations and notes, kept apart from the tables quote() reads.
 *
 * quote() runs on checkout pages, where every kilobyte is paid on the critical path. It cites
 * only the url of the first source of each rule period, rate period, fee and destination, and prints
 * only the notes of fees and of territories outside the VAT area; rulesFor() returns every source and every note. So the compile step
 * writes each jurisdiction twice: `src/generated/<CODE>.ts` (the tables: everything except
 * what is split off here) and `src/generated/<CODE>.reference.ts` (what is split off), and
 * rulesFor() joins them again with withReference(). A bundle that imports only quote() never
 * references the second module, so a bundler drops it.
 *
 * The split is by key name, not by field list: a field someone adds to the data stays in the
 * tables (where quote() can read it) unless it is a `sources` list, a `note` or one of
 * QUOTE_SKIPS.
 */
import type { Source } from "./types.js";

/** Sparse mirror of a data object holding only what splitReference() took out (arrays by index). */
export type DataReference = { readonly [key: string]: DataReference | ReferenceLeaf };
/** A value taken out whole: a text, a source list, or a figure of a part quote() never reads (QUOTE_SKIPS). */
type ReferenceLeaf = string | number | boolean | readonly Source[];

/**
 * Top-level lists whose `note` quote() copies into its output (border fees, territory reasons): those stay in the tables.
 * A territory's only when it is outside the VAT area: quote() gives no reason for one taxed as its destination (Isle of Man).
 */
const NOTES_QUOTE_PRINTS: readonly string[] = ["fees", "territories"];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Set an own property, even one named `__proto__` (a plain assignment would set the prototype). */
function put<V>(obj: Record<string, V>, key: string, value: V): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A citation list whose every entry has a string `url`: the shape the data's `sources` have. */
const isCitations = (list: Json[]): list is { url: string }[] =>
  list.every((s) => s !== null && typeof s === "object" && !Array.isArray(s) && typeof s.url === "string");

/**
 * What quote() never reads: the consignment test's wording, the return rules, and the sources
 * it never cites (it cites a rule's, a rate's, a fee's and the destination's own first source).
 * With `urlsOnly` these go to the reference whole, by path suffix. A list or object leaves an
 * empty one in its place, so that withReference() puts it back where the data has it (the key
 * order rulesFor() returns); a text leaves nothing.
 */
const QUOTE_SKIPS: readonly string[] = [
  ".consignment.text",
  ".consignment.consequence",
  ".consignment.sources",
  ".returns",
  ".b2b.taxId.sources",
  ".established.*.sources",
  ".goodsOverThreshold.sources",
  ".postcodeTerritories.*.sources",
  "territories.*.sources",
  "pendingChanges.*.sources",
];

function split(value: Json, keepNotes: boolean, urlsOnly: boolean, path: string): { tables: Json; reference: DataReference | undefined } {
  if (value === null || typeof value !== "object") return { tables: value, reference: undefined };
  const tables: Json = Array.isArray(value) ? [] : {};
  const reference: Record<string, DataReference | ReferenceLeaf> = {};
  // A territory taxed as its destination keeps no note: quote() prints only the reason a place is outside.
  const keepOwnNote = keepNotes && (value as { treatment?: Json }).treatment !== "as-destination";
  for (const [key, child] of Object.entries(value)) {
    const at = `${path}.${Array.isArray(value) ? "*" : key}`;
    if (urlsOnly && QUOTE_SKIPS.some((t) => at.endsWith(t))) {
      if (child !== null && typeof child === "object") put(tables as Record<string, Json>, key, Array.isArray(child) ? [] : {});
      put(reference, key, child as DataReference | ReferenceLeaf);
      continue;
    }
    if (key === "sources" && Array.isArray(child) && child.length > 0 && urlsOnly && isCitations(child)) {
      // quote() cites by url alone: the titles and retrieval dates (the whole list) go to the reference.
      put(tables as Record<string, Json>, key, [{ url: child[0]!.url }]);
      put(reference, key, child as unknown as Source[]);
      continue;
    }
    if (key === "sources" && Array.isArray(child) && child.length > 0) {
      // The first source stays: it is the one quote() cites.
      put(tables as Record<string, Json>, key, [child[0]!]);
      if (child.length > 1) put(reference, key, child as unknown as Source[]);
      continue;
    }
    if (key === "note" && typeof child === "string" && !keepOwnNote) {
      put(reference, key, child);
      continue;
    }
    const part = split(child, keepNotes, urlsOnly, at);
    if (Array.isArray(tables)) tables.push(part.tables);
    else put(tables, key, part.tables);
    if (part.reference) put(reference, key, part.reference);
  }
  return { tables, reference: Object.keys(reference).length ? reference : undefined };
}

/**
 * Split one jurisdiction's data into the tables quote() needs and the reference part
 * (further sources and notes). `withReference(tables, reference)` deep-equals `data`.
 * With `urlsOnly` (what the compile step uses), the first source of each list stays in the
 * tables as its url alone, since quote() prints only urls; its title and retrieval date are
 * in the reference with the rest of the list, so rulesFor() still returns every source whole;
 * and what quote() never reads (QUOTE_SKIPS) goes to the reference as well.
 * @internal
 */
export function splitReference<T extends object>(data: T, opts: { urlsOnly?: boolean } = {}): { tables: T; reference: DataReference } {
  const tables: Record<string, Json> = {};
  const reference: Record<string, DataReference | ReferenceLeaf> = {};
  for (const [key, child] of Object.entries(data as Record<string, Json>)) {
    const part = split(child, NOTES_QUOTE_PRINTS.includes(key), opts.urlsOnly ?? false, key);
    put(tables, key, part.tables);
    if (part.reference) put(reference, key, part.reference);
  }
  return { tables: tables as T, reference };
}

/**
 * The full data again: `tables` with the sources and notes of `reference` put back (new
 * objects; neither argument is changed).
 * @internal
 */
export function withReference<T extends object>(tables: T, reference: DataReference): T {
  return merge(tables as unknown as Json, reference) as unknown as T;
}

function merge(value: Json, reference: DataReference | ReferenceLeaf | undefined): Json {
  if (reference === undefined) return value;
  if (typeof reference !== "object" || Array.isArray(reference)) return reference as Json;
  const ref = reference as DataReference;
  if (Array.isArray(value)) return value.map((v, i) => merge(v, own(ref, String(i))));
  const out: { [key: string]: Json } = {};
  const obj = (value ?? {}) as { [key: string]: Json };
  for (const key of Object.keys(obj)) put(out, key, merge(obj[key]!, own(ref, key)));
  // Keys only the reference has (notes): put where the data had them would need the file's key
  // order, which the tables no longer hold; consumers read them by name, so appending is enough.
  for (const key of Object.keys(ref)) if (!Object.hasOwn(obj, key)) put(out, key, merge(null, own(ref, key)));
  return out;
}

/** An own property only: never one inherited from Object.prototype (`constructor`, `__proto__`). */
function own(ref: DataReference, key: string): DataReference | ReferenceLeaf | undefined {
  return Object.hasOwn(ref, key) ? ref[key] : undefined;
}
