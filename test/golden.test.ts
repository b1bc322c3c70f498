/**
 * Golden cases: each expected figure comes from an official worked example or from a
 * rule we can cite; the comment above each case says which.
 */
import { describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { quote, type QuoteInput } from "../src/index.js";

const base = (over: Partial<QuoteInput> & Pick<QuoteInput, "destination" | "currency" | "lines">): QuoteInput => ({
  date: "2026-11-02",
  ...over,
});

describe("Singapore (IRAS examples, 9 % from 2024-01-01)", () => {
  // IRAS "GST on imported low-value goods" (consumers), Example 3: sneakers S$390 plus S$35
  // transport; GST S$38.25 on S$425, customer pays S$463.25.
  // https://www.iras.gov.sg/taxes/goods-services-tax-(gst)/consumers/gst-on-imported-low-value-goods
  it("taxes transport with the goods: sneakers S$390 + S$35 → GST 38.25, pays 463.25", () => {
    const q = quote(base({ destination: "SG", currency: "SGD", date: "2024-03-01", lines: [{ unitPrice: "390.00", quantity: 1 }], shipping: "35.00" }));
    expect(q.regime).toBe("vendor-collection");
    expect(q.totals.tax).toBe("38.25");
    expect(q.payableAtCheckout).toBe("463.25");
    expect(q.landedPrice).toBe("463.25");
    expect(q.scheme).toBe("SG-OVR");
  });

  // IRAS consumer page: listed S$420 including a separate S$25 transport fee → sales value S$395 → LVG.
  it("tests the sales value without transport: 395 + 25 shipping is within S$400", () => {
    const q = quote(base({ destination: "SG", currency: "SGD", date: "2024-03-01", lines: [{ unitPrice: "395.00", quantity: 1 }], shipping: "25.00" }));
    expect(q.threshold).toMatchObject({ tested: "395.00", within: true, basis: "item" });
    expect(q.regime).toBe("vendor-collection");
  });

  // IRAS consumer page: five shirts at S$90 with S$60 freight are five low-value items although the parcel exceeds S$400.
  it("tests each item: 5 shirts at S$90 are all low-value goods", () => {
    const q = quote(base({ destination: "SG", currency: "SGD", date: "2024-03-01", lines: [{ unitPrice: "90.00", quantity: 5 }], shipping: "60.00" }));
    expect(q.regime).toBe("vendor-collection");
    // (450 + 60) × 9 % = 45.90
    expect(q.totals.tax).toBe("45.90");
  });

  // IRAS rate change pages: 8 % until 2023-12-31, 9 % from 2024-01-01 (time of supply = payment).
  it("switches from 8 % to 9 % on 2024-01-01", () => {
    const l = [{ unitPrice: "100.00", quantity: 1 }];
    expect(quote(base({ destination: "SG", currency: "SGD", date: "2023-12-31", lines: l })).totals.tax).toBe("8.00");
    expect(quote(base({ destination: "SG", currency: "SGD", date: "2024-01-01", lines: l })).totals.tax).toBe("9.00");
  });

  // IRAS: "S$400 or below" is LVG; above S$400 GST is collected at the border.
  it("is inclusive at exactly S$400.00", () => {
    expect(quote(base({ destination: "SG", currency: "SGD", lines: [{ unitPrice: "400.00", quantity: 1 }] })).regime).toBe("vendor-collection");
    expect(quote(base({ destination: "SG", currency: "SGD", lines: [{ unitPrice: "400.01", quantity: 1 }] })).regime).toBe("border-collection");
  });
});

describe("Australia (ATO examples)", () => {
  // ATO "GST on low value imported goods": Noel pays A$350 including A$50 shipping and insurance;
  // the customs value is A$300 and GST is charged on the A$350 (read as GST-exclusive: A$35).
  it("charges GST on goods plus shipping; tests the customs value without it", () => {
    const q = quote(base({ destination: "AU", currency: "AUD", lines: [{ unitPrice: "300.00", quantity: 1 }], shipping: "50.00" }));
    expect(q.threshold).toMatchObject({ tested: "300.00", within: true });
    expect(q.totals.tax).toBe("35.00");
    expect(q.payableAtCheckout).toBe("385.00");
  });

  // GST-inclusive A$1,100 → customs value 1,100 ÷ 1.1 = A$1,000 → still low value ("$1,000 or less", s84-79(3)).
  it("removes GST before testing: A$1,100 inclusive is exactly A$1,000 and within", () => {
    const q = quote(base({ destination: "AU", currency: "AUD", pricesIncludeTax: true, lines: [{ unitPrice: "1100.00", quantity: 1 }] }));
    expect(q.threshold).toMatchObject({ tested: "1000.00", within: true });
    expect(q.lines[0]).toMatchObject({ net: "1000.00", tax: "100.00", gross: "1100.00" });
  });

  // Historic Customs worked example: customs value 1,200; duty 5 % = 60; transport and insurance 150;
  // value of the taxable importation 1,410; GST 141.
  // https://smallbusiness.taxsuperandyou.gov.au/growing-your-small-business/paying-gst-on-imported-goods
  it("estimates border GST on customs value + duty + transport: VoTI 1,410 → GST 141", () => {
    const q = quote(base({ destination: "AU", currency: "AUD", lines: [{ unitPrice: "1200.00", quantity: 1, dutyRate: "0.05" }], shipping: "150.00" }));
    expect(q.regime).toBe("border-collection");
    expect(q.collector).toBe("none");
    expect(q.totals.tax).toBe("0.00");
    expect(q.border).toMatchObject({ customsValue: "1200.00", duty: "60.00", importVat: "141.00", estimate: true });
    expect(q.payableAtCheckout).toBe("1350.00");
    expect(q.payableOnDelivery).toBe("201.00");
    expect(q.landedPrice).toBe("1551.00");
  });

  // s84-79(2): a supply of some low-value and some other goods splits; each item ≤ A$1,000 stays low value.
  it("splits a basket per item (mixed)", () => {
    const q = quote(base({ destination: "AU", currency: "AUD", lines: [{ id: "tv", unitPrice: "1500.00", quantity: 1 }, { id: "cable", unitPrice: "20.00", quantity: 3 }] }));
    expect(q.regime).toBe("mixed");
    expect(q.lines.map((l) => l.regime)).toEqual(["border-collection", "vendor-collection"]);
    expect(q.totals.tax).toBe("6.00");
  });

  // s84-79(3): alcohol is never a low value good; the rest of the order stays within.
  it("sends alcohol to the border but keeps other items at checkout", () => {
    const q = quote(base({ destination: "AU", currency: "AUD", lines: [{ id: "wine", unitPrice: "30.00", quantity: 1, category: "excise-alcohol" }, { id: "mug", unitPrice: "10.00", quantity: 1 }] }));
    expect(q.regime).toBe("mixed");
    expect(q.lines[0]!.regime).toBe("border-collection");
    expect(q.totals.tax).toBe("1.00");
  });

  // s84-83: the supplier reasonably believes the consignment will be a taxable importation → no checkout GST.
  it("honours consignmentExceedsThreshold", () => {
    const q = quote(base({ destination: "AU", currency: "AUD", consignmentExceedsThreshold: true, lines: [{ unitPrice: "600.00", quantity: 2 }] }));
    expect(q.regime).toBe("border-collection");
    expect(q.totals.tax).toBe("0.00");
    expect(q.lines[0]!.reason).toContain("s84-83");
  });

  // s9-90: nearest cent, half a cent rounded up. 0.05 × 10 % = 0.005 → 0.01.
  it("rounds half a cent up", () => {
    expect(quote(base({ destination: "AU", currency: "AUD", lines: [{ unitPrice: "0.05", quantity: 1 }] })).totals.tax).toBe("0.01");
  });

  // ATO: no GST for a GST-registered business that gives its ABN and registration statement.
  it("does not charge a GST-registered business with an ABN", () => {
    const q = quote(base({ destination: "AU", currency: "AUD", customer: { type: "business", taxId: "51824753556" }, lines: [{ unitPrice: "100.00", quantity: 1 }] }));
    expect(q.regime).toBe("reverse-charge");
    expect(q.collector).toBe("customer");
    expect(q.totals.tax).toBe("0.00");
  });

  // ATO: registration at GST turnover of A$75,000 or more (s188-10).
  it("requires registration at A$75,000 and not below", () => {
    const l = [{ unitPrice: "10.00", quantity: 1 }];
    expect(quote(base({ destination: "AU", currency: "AUD", lines: l, seller: { salesLast12Months: { AU: "75000.00" } } })).registration.required).toBe(true);
    expect(quote(base({ destination: "AU", currency: "AUD", lines: l, seller: { salesLast12Months: { AU: "74999.99" } } })).registration.required).toBe(false);
    expect(quote(base({ destination: "AU", currency: "AUD", lines: l })).registration.required).toBeNull();
  });

  // ATO: an unregistered merchant below the threshold charges no GST; consignments of A$1,000 or less pay none at the border either.
  it("charges nothing when the seller is not registered and not required to be", () => {
    const q = quote(base({ destination: "AU", currency: "AUD", lines: [{ unitPrice: "50.00", quantity: 1 }], seller: { registeredIn: [], salesLast12Months: { AU: "1000" } } }));
    expect(q.regime).toBe("border-collection");
    expect(q.border?.importVat).toBe("0.00");
    expect(q.border?.relief).toContain("1,000");
    expect(q.landedPrice).toBe("50.00");
  });

  // ATO: the A$1,000 border relief never covered alcohol or tobacco (they leave the LVG regime
  // and pay GST and duty at import from the first dollar). 10 % GST on A$60 of wine = 6.00.
  it("gives no border relief to excluded goods: A$60 of wine pays import GST", () => {
    const q = quote(base({ destination: "AU", currency: "AUD", lines: [{ unitPrice: "60.00", quantity: 1, category: "excise-alcohol" }] }));
    expect(q.lines[0]!.regime).toBe("border-collection");
    expect(q.border?.relief).toBeNull();
    expect(q.border?.importVat).toBe("6.00");
  });
});

describe("European Union (IOSS)", () => {
  // AEAT manual, H7 intrinsic-value examples (= Commission Explanatory Notes 4.2.10 Q17):
  // coat 120 + T-shirt 20 + transport 15 shown separately → intrinsic value 140.
  // https://sede.agenciatributaria.gob.es/…/l-e_d-14-14-000-intrinseco.html
  it("tests intrinsic value without separately shown transport (120 + 20 + 15 → 140)", () => {
    const q = quote(base({ destination: "FR", currency: "EUR", lines: [{ unitPrice: "120.00", quantity: 1 }, { unitPrice: "20.00", quantity: 1 }], shipping: "15.00" }));
    expect(q.threshold).toMatchObject({ tested: "140.00", within: true, basis: "consignment" });
  });

  // Explanatory Notes 4.2.10 Q17 example 2: goods 140 + transport 20 → threshold value 140, VAT on 160.
  it("charges VAT on goods plus transport (140 + 20 → VAT on 160 = 32.00 at 20 %)", () => {
    const q = quote(base({ destination: "FR", currency: "EUR", lines: [{ unitPrice: "140.00", quantity: 1 }], shipping: "20.00" }));
    expect(q.totals.tax).toBe("32.00");
    expect(q.totals.gross).toBe("192.00");
  });

  // AEAT example: a coat of EUR 160 is not eligible for IOSS.
  it("sends a EUR 160 coat to the border", () => {
    const q = quote(base({ destination: "FR", currency: "EUR", lines: [{ unitPrice: "160.00", quantity: 1, dutyRate: "0.12" }] }));
    expect(q.regime).toBe("border-collection");
    expect(q.scheme).toBeNull();
    // Border: duty 12 % of 160 = 19.20; import VAT 20 % of (160 + 19.20) = 35.84.
    expect(q.border).toMatchObject({ duty: "19.20", importVat: "35.84" });
    expect(q.payableOnDelivery).toBe("55.04");
  });

  // "not exceeding EUR 150": 150.00 qualifies, 150.01 does not (AEAT 1.3.1).
  it("is inclusive at exactly EUR 150.00", () => {
    expect(quote(base({ destination: "FR", currency: "EUR", lines: [{ unitPrice: "150.00", quantity: 1 }] })).regime).toBe("vendor-collection");
    expect(quote(base({ destination: "FR", currency: "EUR", lines: [{ unitPrice: "150.01", quantity: 1 }] })).regime).toBe("border-collection");
  });

  // ECB rate at payment acceptance (AEAT 3.1.5): USD 170 × 0.88 = EUR 149.60 → within.
  it("converts with the caller's rate before testing", () => {
    const q = quote(base({ destination: "FR", currency: "USD", exchangeRates: { "USD/EUR": "0.88" }, lines: [{ unitPrice: "170.00", quantity: 1 }] }));
    expect(q.threshold).toMatchObject({ tested: "149.60", within: true, exchangeRate: "0.88" });
    expect(q.totals.tax).toBe("34.00");
  });

  it("accepts the inverse pair (EUR/USD)", () => {
    const q = quote(base({ destination: "FR", currency: "USD", exchangeRates: { "EUR/USD": "1.25" }, lines: [{ unitPrice: "100.00", quantity: 1 }] }));
    expect(q.threshold.tested).toBe("80.00");
  });

  // Explanatory Notes 4.2.10 Q26: one excise item takes the whole order out of IOSS.
  it("takes the whole order out of IOSS when one line is excise", () => {
    const q = quote(base({ destination: "FR", currency: "EUR", lines: [{ unitPrice: "20.00", quantity: 1, category: "excise-alcohol" }, { unitPrice: "30.00", quantity: 1 }] }));
    expect(q.regime).toBe("border-collection");
    expect(q.lines.every((l) => l.regime === "border-collection")).toBe(true);
  });

  // Art. 14a(1): the electronic interface is the deemed supplier.
  it("makes the marketplace the collector", () => {
    const q = quote(base({ destination: "FR", currency: "EUR", marketplace: { name: "Shop", registeredIn: ["EU"] }, lines: [{ unitPrice: "50.00", quantity: 1 }] }));
    expect(q.collector).toBe("marketplace");
    expect(q.scheme).toBe("IOSS");
  });

  // IOSS is optional: without it VAT is collected at import (EN 4.2.10 Q3/Q5).
  it("collects at the border when the seller has no IOSS registration", () => {
    const q = quote(base({ destination: "FR", currency: "EUR", seller: { registeredIn: ["GB"] }, lines: [{ unitPrice: "50.00", quantity: 1, hsCode: "610910" }] }));
    expect(q.regime).toBe("border-collection");
    expect(q.totals.tax).toBe("0.00");
    // Border: flat duty EUR 3 (one subheading) from 2026-07-01 enters the import VAT base: 20 % × (50 + 3) = 10.60;
    // French small-parcel tax EUR 2 per category (not in the VAT base); both paid by the customer here.
    expect(q.border).toMatchObject({ importVat: "10.60", duty: "0.00" });
    expect(q.payableOnDelivery).toBe("15.60");
  });

  // IOSS covers consumers only: business customers import under ordinary rules.
  it("sends business customers to the border", () => {
    const q = quote(base({ destination: "FR", currency: "EUR", customer: { type: "business", taxId: "FR123" }, lines: [{ unitPrice: "50.00", quantity: 1 }] }));
    expect(q.regime).toBe("border-collection");
  });

  // Council (Dec 2025) example: 1 silk blouse + 2 wool blouses = 2 tariff subheadings = EUR 6.
  it("counts the flat duty per distinct tariff subheading (EUR 6 for two subheadings)", () => {
    const q = quote(base({ destination: "FR", currency: "EUR", lines: [{ unitPrice: "30.00", quantity: 1, hsCode: "6206.10.00" }, { unitPrice: "25.00", quantity: 2, hsCode: "6206.20.00" }] }));
    const duty = q.border?.fees.find((f) => f.id === "EU-FLAT-DUTY");
    expect(duty).toMatchObject({ count: 2, amount: "6.00", payer: "seller" });
    expect(q.warnings.map((w) => w.code)).not.toContain("HS_CODE_MISSING");
  });

  it("has no flat duty before 2026-07-01", () => {
    const q = quote(base({ destination: "FR", currency: "EUR", date: "2026-06-30", lines: [{ unitPrice: "30.00", quantity: 1, hsCode: "620610" }] }));
    expect(q.border?.fees.find((f) => f.id === "EU-FLAT-DUTY")).toBeUndefined();
  });

  // Commission territorial page: Monaco is French territory for VAT; Guadeloupe is outside the EU VAT area.
  it("taxes Monaco as France and leaves Guadeloupe out of scope", () => {
    const mc = quote(base({ destination: "MC", currency: "EUR", lines: [{ unitPrice: "10.00", quantity: 1, category: "books" }] }));
    expect(mc).toMatchObject({ destination: "MC", taxedAs: "FR", regime: "vendor-collection" });
    expect(mc.totals.tax).toBe("0.55");
    const gp = quote(base({ destination: "GP", currency: "EUR", lines: [{ unitPrice: "10.00", quantity: 1 }] }));
    expect(gp).toMatchObject({ regime: "out-of-scope", collector: "none", scheme: null });
    expect(gp.totals.tax).toBe("0.00");
  });
});

describe("checkout arithmetic", () => {
  it("keeps gross = net + tax with mixed rates and apportioned shipping", () => {
    const q = quote(base({ destination: "FR", currency: "EUR", lines: [{ unitPrice: "33.33", quantity: 1 }, { unitPrice: "10.01", quantity: 1, category: "books" }], shipping: "4.99", insurance: "1.00" }));
    // Shipping 4.99 split by value 33.33 : 10.01 → 3.84 / 1.15 (largest remainder), taxed at 20 % and 5.5 %.
    expect(q.shipping?.parts.map((p) => [p.net, p.rate, p.tax])).toEqual([
      ["3.84", "0.2", "0.77"],
      ["1.15", "0.055", "0.06"],
    ]);
    for (const l of [...q.lines, ...(q.shipping?.parts ?? []), q.totals]) {
      expect(new Decimal(l.net).plus(l.tax).toFixed(2)).toBe(l.gross);
    }
  });

  it("rounds per invoice when asked, allocating the total back to lines", () => {
    // Three lines of 0.05 at 20 %: per line 0.01 each = 0.03; per invoice round(0.03) = 0.03.
    // Seven lines of 0.02 at 20 % (0.004 each): per line 0.00; per invoice round(0.028) = 0.03.
    const lines = Array.from({ length: 7 }, () => ({ unitPrice: "0.02", quantity: 1 }));
    expect(quote(base({ destination: "FR", currency: "EUR", lines })).totals.tax).toBe("0.00");
    const inv = quote(base({ destination: "FR", currency: "EUR", lines, rounding: "invoice" }));
    expect(inv.totals.tax).toBe("0.03");
    expect(inv.lines.reduce((a, l) => a.plus(l.tax), new Decimal(0)).toFixed(2)).toBe("0.03");
  });
});

describe("Norway (VOEC)", () => {
  // Toll/Skatteetaten, rules to 2023-12-31: goods outside VOEC worth under NOK 350 entered
  // free of import VAT, but food, alcohol and tobacco never did. Import VAT on food is the
  // 15 % food rate (mval. § 5-2): NOK 200 of tea → 30.00; NOK 300 of clothing → 0.
  // https://www.skatteetaten.no/en/business-and-organisation/vat-and-duties/vat/foreign/e-commerce-voec/low-value/
  const seller = { registeredIn: [], salesLast12Months: { NO: "1000" } };
  it("relieves a NOK 300 parcel from an unregistered seller before 2024", () => {
    const q = quote(base({ destination: "NO", currency: "NOK", date: "2023-06-01", seller, lines: [{ unitPrice: "300.00", quantity: 1 }] }));
    expect(q.regime).toBe("border-collection");
    expect(q.border?.relief).not.toBeNull();
    expect(q.border?.importVat).toBe("0.00");
  });
  it("tests the NOK 350 on goods plus transport: 300 + 100 shipping pays 25 % of 400", () => {
    const q = quote(base({ destination: "NO", currency: "NOK", date: "2023-06-01", seller, lines: [{ unitPrice: "300.00", quantity: 1 }], shipping: "100.00" }));
    expect(q.border?.relief).toBeNull();
    expect(q.border?.importVat).toBe("100.00");
  });
  it("does not relieve food under NOK 350: import VAT at 15 %", () => {
    const q = quote(base({ destination: "NO", currency: "NOK", date: "2023-06-01", seller, lines: [{ unitPrice: "200.00", quantity: 1, category: "food" }] }));
    expect(q.regime).toBe("border-collection");
    expect(q.border?.relief).toBeNull();
    expect(q.border?.importVat).toBe("30.00");
  });

  // Skatteetaten VOEC: goods with a value "below NOK 3,000" per item; NOK 3,000 itself is outside.
  it("tests each item strictly below NOK 3,000: 2,999.99 at checkout, 3,000.00 at the border", () => {
    const q = quote(base({ destination: "NO", currency: "NOK", lines: [{ unitPrice: "2999.99", quantity: 1 }, { unitPrice: "3000.00", quantity: 1 }] }));
    expect(q.regime).toBe("mixed");
    expect(q.lines.map((l) => [l.regime, l.tax])).toEqual([["vendor-collection", "750.00"], ["border-collection", "0.00"]]);
    expect(q.border?.importVat).toBe("750.00"); // 25 % of 3,000.00
    expect(q.scheme).toBe("VOEC");
  });

  // Skatteetaten VOEC: registration when sales to Norwegian consumers reach NOK 50,000 in 12 months.
  it("requires VOEC registration at NOK 50,000 and not below", () => {
    const l = [{ unitPrice: "10.00", quantity: 1 }];
    expect(quote(base({ destination: "NO", currency: "NOK", lines: l, seller: { salesLast12Months: { NO: "50000.00" } } })).registration.required).toBe(true);
    expect(quote(base({ destination: "NO", currency: "NOK", lines: l, seller: { salesLast12Months: { NO: "49999.99" } } })).registration.required).toBe(false);
  });

  // Skatteetaten VOEC: restricted goods, medicines among them, are outside VOEC and declared at the border.
  it("sends medicines to the border, with the rest of the basket still at checkout", () => {
    const q = quote(base({ destination: "NO", currency: "NOK", lines: [{ unitPrice: "200.00", quantity: 1, category: "medical" }, { unitPrice: "100.00", quantity: 1 }] }));
    expect(q.lines.map((l) => [l.regime, l.tax])).toEqual([["border-collection", "0.00"], ["vendor-collection", "25.00"]]);
    expect(q.regime).toBe("mixed");
  });

  // VOEC covers sales to consumers only: a business customer imports under the ordinary rules.
  it("sends business customers to the border", () => {
    const q = quote(base({ destination: "NO", currency: "NOK", customer: { type: "business", taxId: "NO999999999MVA" }, lines: [{ unitPrice: "100.00", quantity: 1 }] }));
    expect(q.regime).toBe("border-collection");
    expect(q.totals.tax).toBe("0.00");
    expect(q.border?.importVat).toBe("25.00");
  });
});

describe("United Kingdom (HMRC, GBP 135 regime)", () => {
  // gov.uk "VAT and overseas goods sold directly to customers in the UK": consignments of GBP 135
  // or less; separately shown delivery is left out of the test (VATA 1994 s5A(3)) but is part
  // of the consideration taxed (HMRC position, Orchardcrown FTT): 135 + 5 → test 135.00, VAT 28.00 on 140.
  // https://gov.uk/guidance/charging-vat-on-goods-sold-direct-to-customers-in-the-uk
  it("is inclusive at exactly GBP 135.00 and taxes the delivery charge", () => {
    const q = quote(base({ destination: "GB", currency: "GBP", lines: [{ unitPrice: "135.00", quantity: 1 }], shipping: "5.00" }));
    expect(q.threshold).toMatchObject({ tested: "135.00", within: true, basis: "consignment" });
    expect(q.totals).toEqual({ net: "140.00", tax: "28.00", gross: "168.00" });
    expect(q.scheme).toBe("GB-VAT");
  });

  it("sends GBP 135.01 to the border: import VAT 20 % = 27.00", () => {
    const q = quote(base({ destination: "GB", currency: "GBP", lines: [{ unitPrice: "135.01", quantity: 1 }] }));
    expect(q.regime).toBe("border-collection");
    expect(q.payableOnDelivery).toBe("27.00");
  });

  // VAT Notice 701: children's clothing is zero-rated; delivery apportioned by value (30 : 50 of 8.00 → 3.00 / 5.00):
  // VAT = 20 % × (50 + 5) = 11.00.
  it("zero-rates children's clothing and apportions delivery between the rates", () => {
    const q = quote(base({ destination: "GB", currency: "GBP", lines: [{ unitPrice: "30.00", quantity: 1, category: "childrens-clothing" }, { unitPrice: "50.00", quantity: 1 }], shipping: "8.00" }));
    expect(q.totals).toEqual({ net: "88.00", tax: "11.00", gross: "99.00" });
  });

  // VATA 1994 s5A: the online marketplace is the deemed supplier.
  it("makes the marketplace the collector", () => {
    const q = quote(base({ destination: "GB", currency: "GBP", lines: [{ unitPrice: "40.00", quantity: 1 }], marketplace: { name: "Shop" } }));
    expect(q.collector).toBe("marketplace");
    expect(q.registration.required).toBe(false);
  });

  // gov.uk direct-sales guidance: a business customer that gives its UK VAT number accounts by reverse charge.
  it("reverse-charges a business customer with a VAT number", () => {
    const q = quote(base({ destination: "GB", currency: "GBP", lines: [{ unitPrice: "40.00", quantity: 1 }], customer: { type: "business", taxId: "GB999999973" } }));
    expect(q.regime).toBe("reverse-charge");
    expect(q.totals.tax).toBe("0.00");
  });

  // With tax-inclusive prices a reverse-charged line is sold net: the 20 % inside 120.00 comes out (100.00), and the quote says so.
  it("takes the tax out of an inclusive price for a reverse-charged business line, with a warning", () => {
    const q = quote(base({ destination: "GB", currency: "GBP", pricesIncludeTax: true, lines: [{ unitPrice: "120.00", quantity: 1 }], customer: { type: "business", taxId: "GB999999973" } }));
    expect(q.totals).toEqual({ net: "100.00", tax: "0.00", gross: "100.00" });
    expect(q.warnings.map((w) => w.code)).toContain("INCLUSIVE_PRICE_NOT_TAXED");
  });

  // No registration threshold for an overseas seller: it registers before its first sale.
  it("requires registration from the first sale, without sales figures", () => {
    const q = quote(base({ destination: "GB", currency: "GBP", lines: [{ unitPrice: "40.00", quantity: 1 }] }));
    expect(q.registration.required).toBe(true);
  });
});

describe("Northern Ireland (XI)", () => {
  // VATA 1994 Sch 9ZC para 4: the seller is treated as the importer of consignments of GBP 135
  // or less and accounts on its UK VAT return; or it uses the IOSS (EU, or HMRC for NI).
  // https://legislation.gov.uk/ukpga/1994/23/schedule/9ZC/paragraph/4
  it("charges UK VAT as importer under Sch 9ZC by default", () => {
    const q = quote(base({ destination: "XI", currency: "GBP", lines: [{ unitPrice: "40.00", quantity: 1 }] }));
    expect(q.totals.tax).toBe("8.00");
    expect(q.scheme).toBe("GB-VAT");
    expect(q.registration.required).toBe(true);
  });

  it("uses the seller's IOSS registration when it holds one, and needs no UK registration then", () => {
    const q = quote(base({ destination: "XI", currency: "GBP", lines: [{ unitPrice: "40.00", quantity: 1 }], seller: { registeredIn: ["IOSS"] } }));
    expect(q.totals.tax).toBe("8.00");
    expect(q.scheme).toBe("IOSS");
    expect(q.registration.required).toBe(false);
    expect(q.explanation.find((e) => e.step === "collector")?.detail).toContain("IOSS");
  });

  // No threshold: a seller holding neither must register before its first sale, so the tax is
  // still due at checkout, with a warning (a national EU VAT number is neither).
  it("warns a seller that holds neither registration and still charges the VAT", () => {
    const q = quote(base({ destination: "XI", currency: "GBP", lines: [{ unitPrice: "40.00", quantity: 1 }], seller: { registeredIn: ["FR"] } }));
    expect(q.totals.tax).toBe("8.00");
    expect(q.scheme).toBe("GB-VAT");
    expect(q.warnings.map((w) => w.code)).toContain("COLLECTOR_NOT_REGISTERED");
  });
});

describe("New Zealand (IRD)", () => {
  // IRD special report (Aug 2019) Example 9: a NZD 300 dress sold for NZD 345 including GST (15 %, i.e. 3/23 of the price).
  // http://taxpolicy.ird.govt.nz/publications/2019-sr-gst-low-value-imported-goods/overview
  it("charges 15 %: NZD 300 → GST 45.00; NZD 345 inclusive → the same 45.00", () => {
    const ex = quote(base({ destination: "NZ", currency: "NZD", lines: [{ unitPrice: "300.00", quantity: 1 }] }));
    const inc = quote(base({ destination: "NZ", currency: "NZD", pricesIncludeTax: true, lines: [{ unitPrice: "345.00", quantity: 1 }] }));
    expect(ex.totals).toEqual({ net: "300.00", tax: "45.00", gross: "345.00" });
    expect(inc.totals).toEqual(ex.totals);
    expect(ex.scheme).toBe("NZ-GST");
  });

  // GST Act s19O: a fraction of half a cent or less may be dropped (NZ rounds the half cent down, unlike AU).
  it("rounds half a cent down: 15 % of 0.30 = 0.045 → 0.04", () => {
    expect(quote(base({ destination: "NZ", currency: "NZD", lines: [{ unitPrice: "0.30", quantity: 1 }] })).totals.tax).toBe("0.04");
  });

  // GST Act s10B / IRD "what low-value goods are": NZD 1,000 or less per item.
  it("tests each item: 1,000.00 at checkout, 1,000.01 at the border", () => {
    const q = quote(base({ destination: "NZ", currency: "NZD", lines: [{ unitPrice: "1000.00", quantity: 1 }, { unitPrice: "1000.01", quantity: 1 }] }));
    expect(q.regime).toBe("mixed");
    expect(q.lines.map((l) => l.regime)).toEqual(["vendor-collection", "border-collection"]);
  });

  // GST Act s51: registration when supplies exceed NZD 60,000 (special report Example 10: 50k of consumer sales → no).
  it("requires registration above NZD 60,000, not at it", () => {
    const l = [{ unitPrice: "10.00", quantity: 1 }];
    expect(quote(base({ destination: "NZ", currency: "NZD", lines: l, seller: { salesLast12Months: { NZ: "60000.00" } } })).registration.required).toBe(false);
    expect(quote(base({ destination: "NZ", currency: "NZD", lines: l, seller: { salesLast12Months: { NZ: "60000.01" } } })).registration.required).toBe(true);
    expect(quote(base({ destination: "NZ", currency: "NZD", lines: l, seller: { salesLast12Months: { NZ: "50000.00" } } })).registration.required).toBe(false);
  });

  // IRD: supplies to GST-registered businesses are not charged when the buyer gives its GST number.
  it("does not charge a GST-registered business", () => {
    const q = quote(base({ destination: "NZ", currency: "NZD", customer: { type: "business", taxId: "49-091-850" }, lines: [{ unitPrice: "10.00", quantity: 1 }] }));
    expect(q.totals.tax).toBe("0.00");
    expect(q.collector).toBe("customer");
  });
});

describe("what the quote cannot estimate, it says", () => {
  // NZ Customs: a consignment over NZD 1,000 is cleared formally; duty (and GST on it) is charged even on
  // items whose GST was collected at checkout. 3 × NZD 400 = 1,200: each item is low value, the consignment is not.
  it("warns when items taxed at checkout travel in a consignment over the border relief", () => {
    const q = quote(base({ destination: "NZ", currency: "NZD", lines: [{ unitPrice: "400.00", quantity: 3, dutyRate: "0.1" }] }));
    expect(q.regime).toBe("vendor-collection");
    expect(q.totals.tax).toBe("180.00");
    const w = q.warnings.find((x) => x.code === "CONSIGNMENT_OVER_BORDER_RELIEF");
    expect(w?.message).toContain("(1200.00 NZD) are over the 1000.00 NZD border relief");
  });

  // Goods shipped from inside the destination's VAT area are not imported (intra-EU distance sales, GB → NI).
  it("warns when the seller is inside the destination's VAT area, and not for the Canary Islands", () => {
    const from = (country: string) => quote(base({ destination: "ES", currency: "EUR", seller: { country }, lines: [{ unitPrice: "10.00", quantity: 1 }] })).warnings.map((w) => w.code);
    expect(from("DE")).toContain("SELLER_INSIDE_VAT_AREA");
    expect(from("IC")).not.toContain("SELLER_INSIDE_VAT_AREA");
    expect(from("US")).not.toContain("SELLER_INSIDE_VAT_AREA");
  });
});

describe("marketplace liability", () => {
  // ATO/IRD/IRAS: the marketplace (EDP operator) is responsible when it is registered or must be;
  // otherwise the merchant is. A registered seller on an unregistered marketplace charges the GST.
  it("falls to a registered seller when the marketplace is not registered (SG 9 % of 100 = 9.00)", () => {
    const q = quote(base({ destination: "SG", currency: "SGD", marketplace: { registeredIn: [] }, seller: { registeredIn: ["SG"] }, lines: [{ unitPrice: "100.00", quantity: 1 }] }));
    expect(q.collector).toBe("seller");
    expect(q.totals.tax).toBe("9.00");
    expect(q.warnings.map((w) => w.code)).toContain("MARKETPLACE_NOT_RESPONSIBLE");
  });

  // EU Art. 14a: the electronic interface is the deemed supplier whether or not it holds an IOSS number;
  // without one, VAT is collected at import (the seller's own IOSS cannot be used for these sales).
  it("stays with the interface in the EU: no IOSS on the interface means import VAT", () => {
    const q = quote(base({ destination: "FR", currency: "EUR", marketplace: { registeredIn: [] }, seller: { registeredIn: ["IOSS"] }, lines: [{ unitPrice: "100.00", quantity: 1, hsCode: "610910" }] }));
    expect(q.regime).toBe("border-collection");
    expect(q.totals.tax).toBe("0.00");
  });
});

describe("Singapore border relief (Singapore Customs: CIF value of S$400 or less)", () => {
  // Air and postal imports with a CIF value of S$400 or less pay no import GST; above it the whole
  // CIF value is taxed: sneakers 390 + transport 35 = CIF 425 → 9 % = 38.25 (same figures as IRAS Example 3).
  const seller = { registeredIn: [], salesLast12Months: { SG: "50000" }, globalTurnover: "500000" };
  it("tests goods plus transport: 390 + 35 is over S$400, import GST 38.25", () => {
    const q = quote(base({ destination: "SG", currency: "SGD", date: "2026-05-02", seller, lines: [{ unitPrice: "390.00", quantity: 1 }], shipping: "35.00" }));
    expect(q.regime).toBe("border-collection");
    expect(q.border?.relief).toBeNull();
    expect(q.border?.importVat).toBe("38.25");
    expect(q.landedPrice).toBe("463.25");
  });
  it("relieves 360 + 40 = S$400 exactly", () => {
    const q = quote(base({ destination: "SG", currency: "SGD", date: "2026-05-02", seller, lines: [{ unitPrice: "360.00", quantity: 1 }], shipping: "40.00" }));
    expect(q.border?.relief).not.toBeNull();
    expect(q.landedPrice).toBe("400.00");
  });
});

describe("Singapore registration (IRAS two-part test)", () => {
  // IRAS OVR: register when global turnover exceeds S$1 million AND B2C supplies of LVG and remote services exceed S$100,000.
  it("needs both parts above their limits", () => {
    const l = [{ unitPrice: "10.00", quantity: 1 }];
    const at = (sg: string, global: string) => quote(base({ destination: "SG", currency: "SGD", lines: l, seller: { salesLast12Months: { SG: sg }, globalTurnover: global } })).registration.required;
    expect(at("100000.01", "1000000.01")).toBe(true);
    expect(at("100000.01", "1000000.00")).toBe(false);
    expect(at("100000.00", "1000000.01")).toBe(false);
  });
});
