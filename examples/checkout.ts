/**
 * A checkout integration: show tax-inclusive prices for a basket, the tax line and
 * what the customer pays now and on delivery. Run: npx tsx examples/checkout.ts
 * (test/examples.test.ts type-checks and runs it).
 */
import { safeQuote, type Quote, type QuoteInput } from "../src/index.js";

interface CartItem {
  sku: string;
  title: string;
  price: string; // the seller's net price in the shop currency
  quantity: number;
  category?: string;
  hsCode?: string;
}

/** Build the quote input for a basket; in a real shop the FX rate comes from your rate feed. */
export function checkoutInput(destination: string, items: CartItem[], shipping: string): QuoteInput {
  return {
    date: "2026-11-02", // the day the payment is accepted
    destination,
    currency: "USD",
    exchangeRates: { "USD/EUR": "0.8650", "USD/GBP": "0.7600", "USD/AUD": "1.5300" },
    lines: items.map((i) => ({ id: i.sku, description: i.title, unitPrice: i.price, quantity: i.quantity, ...(i.category ? { category: i.category } : {}), ...(i.hsCode ? { hsCode: i.hsCode } : {}) })),
    shipping,
    marketplace: { name: "Example Marketplace" },
  };
}

/** The lines a checkout page shows: tax-inclusive prices, the tax, what is due now and later. */
export function displayLines(q: Quote): string[] {
  const rows = q.lines.map((l) => `${l.description ?? l.id} ×${l.quantity}: ${l.gross} ${q.currency}${l.regime === "vendor-collection" ? " incl. tax" : ""}`);
  if (q.shipping) rows.push(`Delivery: ${q.shipping.gross} ${q.currency}`);
  rows.push(`Tax collected now: ${q.totals.tax} ${q.currency}`);
  rows.push(`Pay now: ${q.payableAtCheckout} ${q.currency}`);
  if (q.payableOnDelivery !== "0.00") rows.push(`Expected on delivery (estimate): ${q.payableOnDelivery} ${q.currency}`);
  return rows;
}

const basket: CartItem[] = [
  { sku: "TEE-1", title: "T-shirt", price: "24.00", quantity: 2, hsCode: "610910" },
  { sku: "BK-7", title: "Novel", price: "18.50", quantity: 1, category: "books", hsCode: "490199" },
];

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const destination of ["FR", "AU"]) {
    const r = safeQuote(checkoutInput(destination, basket, "9.90"));
    if (!r.ok) console.error(`${destination}: ${r.error.code} ${r.error.message}`);
    else console.log(`${destination}\n  ${displayLines(r.quote).join("\n  ")}`);
  }
}
