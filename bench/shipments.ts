/**
 * The fixed shipments the benchmark and the profiler run. Changing one changes the
 * benchmark's history: add a new shipment rather than editing one.
 */
import type { QuoteInput } from "../src/index.js";

export interface BenchShipment {
  /** Short key used in bench/results.json. */
  key: string;
  /** What the row in the table says. */
  label: string;
  input: QuoteInput;
}

/** 1 line to Great Britain, GBP, within £135: the smallest realistic checkout. */
const gb1: QuoteInput = {
  date: "2026-11-02",
  destination: "GB",
  currency: "GBP",
  lines: [{ id: "tee", unitPrice: "49.99", quantity: 1 }],
};

/** 3 lines to France priced in USD (USD→EUR threshold test), two rates, shipping apportioned. */
const fr3: QuoteInput = {
  date: "2026-11-02",
  destination: "FR",
  currency: "USD",
  exchangeRates: { "USD/EUR": "0.8650" },
  lines: [
    { id: "tee", description: "Cotton T-shirt", unitPrice: "24.00", quantity: 2, hsCode: "6109.10" },
    { id: "book", description: "Paperback novel", unitPrice: "18.50", quantity: 1, category: "books", hsCode: "4901.99" },
    { id: "mug", description: "Mug", unitPrice: "12.00", quantity: 1, hsCode: "6912.00" },
  ],
  shipping: "9.90",
  seller: { country: "US", registeredIn: ["EU"] },
};

/** 10 lines to Australia: several categories, one item over A$1,000 and one excise line (border), the rest at checkout. */
const au10: QuoteInput = {
  date: "2026-11-02",
  destination: "AU",
  currency: "AUD",
  lines: [
    { id: "laptop", unitPrice: "1450.00", quantity: 1, dutyRate: "0" },
    { id: "sleeve", unitPrice: "39.00", quantity: 1 },
    { id: "gin", unitPrice: "55.00", quantity: 1, category: "excise-alcohol", dutyRate: "0.05" },
    { id: "tea", unitPrice: "12.50", quantity: 4, category: "food" },
    { id: "novel", unitPrice: "22.99", quantity: 2, category: "books" },
    { id: "bandage", unitPrice: "8.40", quantity: 3, category: "medical" },
    { id: "socks", unitPrice: "9.95", quantity: 6 },
    { id: "cable", unitPrice: "15.00", quantity: 2 },
    { id: "pads", unitPrice: "6.75", quantity: 2, category: "sanitary" },
    { id: "mouse", unitPrice: "49.00", quantity: 1 },
  ],
  shipping: "30.00",
  seller: { country: "US", registeredIn: ["AU"], salesLast12Months: { AU: "120000" } },
};

/** Norway (VOEC): each item tested on its own against NOK 3,000, priced in EUR. */
const no4: QuoteInput = {
  date: "2026-10-15",
  destination: "NO",
  currency: "EUR",
  exchangeRates: { "EUR/NOK": "11.7000" },
  lines: [
    { id: "jacket", unitPrice: "120.00", quantity: 1, dutyRate: "0.107" },
    { id: "coat", unitPrice: "290.00", quantity: 1, dutyRate: "0.107" },
    { id: "book", unitPrice: "25.00", quantity: 1, category: "books" },
    { id: "tea", unitPrice: "12.00", quantity: 2, category: "food" },
  ],
  shipping: "15.00",
  seller: { country: "DE", registeredIn: ["NO"], salesLast12Months: { NO: "420000" } },
};

export const SHIPMENTS: readonly BenchShipment[] = [
  { key: "gb-1-line", label: "1-line GB", input: gb1 },
  { key: "fr-3-line-fx", label: "3-line EU (FR), shipping, USD→EUR", input: fr3 },
  { key: "au-10-line-mixed", label: "10-line AU mixed basket", input: au10 },
  { key: "no-4-item", label: "NO per-item basket", input: no4 },
];

/** The shipment the headline targets are about. */
export const HEADLINE = "fr-3-line-fx";

