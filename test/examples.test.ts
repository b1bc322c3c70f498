/** examples/: the checkout program runs and its display lines are what the docs show. */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../src/cli/main.js";
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

describe("examples/shipments: every file runs through the CLI and prints what is pinned", () => {
  const dir = join(import.meta.dirname, "..", "examples", "shipments");
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    it(f, async () => {
      let out = "";
      let err = "";
      const code = await run(["quote", join(dir, f)], (s) => (out += s), (s) => (err += s));
      expect(err).toBe("");
      expect(code).toBe(0);
      // The readable output is committed next to the input (examples/shipments/<name>.txt) so it doubles as documentation.
      await expect(out).toMatchFileSnapshot(join(dir, f.replace(/\.json$/, ".txt")));
    });
  }
});
