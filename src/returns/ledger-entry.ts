/** From a Quote to the ledger entries a return reads: one per rate charged at checkout. */
import { Decimal, ZERO, money } from "../decimal.js";
import { invalid } from "../errors.js";
import { isCalendarDate } from "../dates.js";
import { MINOR_UNITS } from "../generated/manifest.js";
import type { QuoteInput } from "../quote/input.js";
import type { Quote } from "../quote/types.js";
import { rulesFor } from "../rules.js";
import { compareRates, normalizeRate } from "./exact.js";
import { rejectionMessage as msg } from "./messages.js";
import type { LedgerEntry } from "./types.js";

/** What to record with the entries of a quote. @category Returns */
export interface LedgerEntryMeta {
  /** The sale's (or refund's) id; with several rates each entry gets `${id}#${rate}`. */
  id: string;
  /** Default `"sale"`. For a refund, pass the quote of what is refunded. */
  type?: "sale" | "refund";
  /** For a refund: the id of the sale refunded. */
  originalId?: string;
  /** The entry's date when it is not the quote's: the day a refund is made. */
  date?: string;
  /** The QuoteInput, kept on the entries so that `reconcile` can re-quote them. */
  input?: QuoteInput;
}

interface RateGroup {
  rate: string;
  net: Decimal;
  tax: Decimal;
  categories: Set<string>;
}

/** Net and tax collected at checkout, per rate: vendor-collected lines, and their share of delivery and insurance where delivery is taxed. */
function collectedByRate(q: Quote): RateGroup[] {
  const groups = new Map<string, RateGroup>();
  const add = (rate: string, net: string, tax: string, category: string) => {
    const r = normalizeRate(rate) ?? rate;
    let g = groups.get(r);
    if (!g) groups.set(r, (g = { rate: r, net: ZERO, tax: ZERO, categories: new Set() }));
    g.net = g.net.plus(new Decimal(net));
    g.tax = g.tax.plus(new Decimal(tax));
    g.categories.add(category);
  };
  const lineById = new Map(q.lines.map((l) => [l.id, l]));
  for (const l of q.lines) if (l.regime === "vendor-collection") add(l.rate, l.net, l.tax, l.category);
  const deliveryTaxed = (q.shipping || q.insurance) && rulesFor(q.destination, q.date).deliveryTaxed;
  if (deliveryTaxed) {
    for (const charge of [q.shipping, q.insurance]) {
      for (const p of charge?.parts ?? []) if (p.regime === "vendor-collection") add(p.rate, p.net, p.tax, lineById.get(p.lineId)?.category ?? "standard");
    }
  }
  return [...groups.values()].sort((a, b) => compareRates(b.rate, a.rate));
}

/**
 * The ledger entries for the tax a quote collected at checkout: one per rate charged
 * (highest rate first), none when nothing was collected at checkout (border collection,
 * reverse charge, out of scope). Amounts are in the quote's currency; delivery and
 * insurance shares go with the rate of the line they were apportioned to.
 *
 * Ids: the `id` given when there is one rate, `${id}#${rate}` when there are several.
 * A refund naming `originalId: id` matches either form.
 *
 * Record the entries of the quotes where YOU collected the tax: the seller's own sales,
 * or — for a marketplace — the sales it is the deemed supplier of.
 *
 * @throws VatError `INVALID_INPUT` when `meta` is malformed.
 * @example
 * const q = quote({ date: "2026-10-05", destination: "FR", currency: "EUR",
 *   lines: [{ unitPrice: "40.00", quantity: 1 }, { unitPrice: "20.00", quantity: 1, category: "books" }] });
 * toLedgerEntries(q, { id: "A-1001" }).map((e) => [e.id, e.net, e.tax])
 * //=> [["A-1001#0.2", "40.00", "8.00"], ["A-1001#0.055", "20.00", "1.10"]]
 * @category Returns
 */
export function toLedgerEntries(quote: Quote, meta: LedgerEntryMeta): LedgerEntry[] {
  const { id, type = "sale", originalId, date, input } = meta;
  if (typeof id !== "string" || id.length === 0 || id.length > 200) throw invalid(["id"], msg.id(id));
  if (type !== "sale" && type !== "refund") throw invalid(["type"], msg.type(type));
  if (originalId !== undefined && (typeof originalId !== "string" || originalId.length === 0)) throw invalid(["originalId"], msg.originalId(originalId));
  if (date !== undefined && (typeof date !== "string" || !isCalendarDate(date))) throw invalid(["date"], msg.date(date));
  const dp = MINOR_UNITS[quote.currency]!;
  const groups = collectedByRate(quote);
  return groups.map((g) => {
    const entry: LedgerEntry = {
      id: groups.length === 1 ? id : `${id}#${g.rate}`,
      date: date ?? quote.date,
      destination: quote.destination,
      currency: quote.currency,
      net: money(g.net, dp),
      tax: money(g.tax, dp),
      rate: g.rate,
      type,
    };
    if (g.categories.size === 1) entry.category = [...g.categories][0]!;
    if (originalId !== undefined) entry.originalId = originalId;
    if (input !== undefined) entry.input = input;
    return entry;
  });
}

/**
 * The ledger entry for a quote that charged one rate at checkout — the common case.
 * A quote with several rates needs `toLedgerEntries()` (one entry per rate).
 *
 * @throws VatError `INVALID_INPUT` when the quote collected nothing at checkout or
 * charged several rates, or when `meta` is malformed.
 * @example
 * const q = quote({ date: "2026-10-05", destination: "FR", currency: "EUR", lines: [{ unitPrice: "40.00", quantity: 2 }], shipping: "5.00" });
 * toLedgerEntry(q, { id: "A-1000" })
 * //=> { id: "A-1000", date: "2026-10-05", destination: "FR", currency: "EUR", net: "85.00", tax: "17.00", rate: "0.2", type: "sale", category: "standard" }
 * @category Returns
 */
export function toLedgerEntry(quote: Quote, meta: LedgerEntryMeta): LedgerEntry {
  const entries = toLedgerEntries(quote, meta);
  if (entries.length === 1) return entries[0]!;
  if (entries.length === 0) {
    throw invalid(["quote", "regime"], `the quote collected no tax at checkout (regime ${quote.regime}, collector ${quote.collector}): it has no place in a return`);
  }
  throw invalid(["quote", "lines"], `the quote charged ${entries.length} rates (${entries.map((e) => e.rate).join(", ")}): use toLedgerEntries() for one entry per rate`);
}
