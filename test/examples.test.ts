/** examples/: the checkout program runs and its display lines are what the docs show. */
import { describe, expect, it } from "vitest";
import { safeQuote } from "../src/index.js";
import { checkoutInput, displayLines } from "../examples/checkout.js";

describe("examples/checkout.ts", () => {
  const basket = [
    { sku: "TEE-1", title: "T-shirt", price: "24.00", quantity: 2, hsCode: "610910" },
    { sku: "BK-7", title: "Novel", price: "18.50", quantity: 1, category: "books", hsCode: "490199" },
  ];
  it("shows tax-inclusive prices for France (marketplace collects IOSS VAT)", () => {
    const r = safeQuote(checkoutInput("FR", basket, "9.90"));
    if (!r.ok) throw r.error;
    expect(r.quote.collector).toBe("marketplace");
    expect(displayLines(r.quote)).toEqual([
      "T-shirt ×2: 57.60 USD incl. tax",
      "Novel ×1: 19.52 USD incl. tax",
      "Delivery: 11.48 USD",
      "Tax collected now: 12.20 USD",
      "Pay now: 88.60 USD",
    ]);
  });
  it("rounds per invoice in Australia (s9-90 default)", () => {
    const r = safeQuote(checkoutInput("AU", basket, "9.90"));
    if (!r.ok) throw r.error;
    // 10 % of (48.00 + 18.50 + 9.90) = 7.64
    expect(r.quote.totals.tax).toBe("7.64");
    expect(r.quote.rounding.level).toBe("invoice");
  });
});
