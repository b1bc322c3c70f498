/**
 * What the border estimate and the seller's own cost say (issue 16): the customs value is
 * the duty base the rule uses, shown with its parts; sellerCost is what the seller pays
 * itself; EU explanation steps cite EU law and, where the data has one, the member
 * state's own page — never another member state's.
 */
import { describe, expect, it } from "vitest";
import { quote, rulesFor } from "../src/index.js";

describe("border.customsValue is the duty base, with its parts", () => {
  // EU: customs value includes transport and insurance to the place of entry (`dutyOnTransport`
  // in data/EU/EU.json: Union Customs Code Art. 71(1)(e)); duty 12 % of (160 + 12) = 20.64.
  it("EU: a EUR 160 coat with EUR 12 delivery has customs value 172.00 = goods 160.00 + transport 12.00, and duty is 12 % of it", () => {
    const q = quote({ date: "2026-10-15", destination: "FR", currency: "EUR", lines: [{ id: "coat", unitPrice: "160.00", quantity: 1, hsCode: "620111", dutyRate: "0.12" }], shipping: "12.00" });
    expect(q.border).toMatchObject({ customsValue: "172.00", customsValueParts: { goods: "160.00", transport: "12.00" }, duty: "20.64" });
    expect(q.explanation.find((s) => s.step === "border")!.detail).toContain("customs value 172.00 EUR (goods 160.00 + transport 12.00)");
  });

  it("EU: insurance charged with the goods is part of it too", () => {
    const q = quote({ date: "2026-10-15", destination: "FR", currency: "EUR", lines: [{ unitPrice: "160.00", quantity: 1, dutyRate: "0.10" }], shipping: "10.00", insurance: "2.00" });
    expect(q.border).toMatchObject({ customsValue: "172.00", customsValueParts: { goods: "160.00", transport: "10.00", insurance: "2.00" }, duty: "17.20" });
  });

  // AU: duty on the FOB value, transport excluded (`dutyOnTransport: false` in data/AU.json).
  it("AU: the customs value is the goods alone when the rule leaves transport out", () => {
    expect(rulesFor("AU", "2026-10-15").border.dutyOnTransport).toBe(false);
    const q = quote({ date: "2026-10-15", destination: "AU", currency: "AUD", lines: [{ unitPrice: "1200.00", quantity: 1, dutyRate: "0.05" }], shipping: "30.00" });
    expect(q.border).toMatchObject({ customsValue: "1200.00", customsValueParts: { goods: "1200.00" }, duty: "60.00" });
  });
});

describe("sellerCost: what the seller pays itself", () => {
  // examples/shipments/fr-ioss-fx.json: IOSS sale, so the seller is the declarant and pays the
  // EU flat duty (EUR 3 × 2 subheadings) and the French small-parcel charge (EUR 2 × 2) — EUR 10.00 at
  // 1 USD = 0.8650 EUR is USD 11.56. The customer pays none of it: landedPrice stays the checkout total.
  it("counts the seller-paid border charges in the quote currency, outside landedPrice", () => {
    const q = quote({
      date: "2026-11-02", destination: "FR", currency: "USD", exchangeRates: { "USD/EUR": "0.8650" },
      lines: [{ id: "tee", unitPrice: "24.00", quantity: 2, hsCode: "610910" }, { id: "book", unitPrice: "18.50", quantity: 1, category: "books", hsCode: "490199" }],
      shipping: "9.90", seller: { registeredIn: ["EU"] },
    });
    const sellerFees = q.border!.fees.filter((f) => f.payer === "seller");
    expect(sellerFees.map((f) => [f.amount, f.currency])).toEqual([["6.00", "EUR"], ["4.00", "EUR"]]);
    expect(q.sellerCost).toBe("11.56");
    expect(q.landedPrice).toBe("88.60");
  });

  it("is 0 when the customer pays the border charges (goods taxed at the border)", () => {
    const q = quote({ date: "2026-10-15", destination: "FR", currency: "EUR", lines: [{ unitPrice: "160.00", quantity: 1, hsCode: "620111", dutyRate: "0.12" }] });
    expect(q.sellerCost).toBe("0.00");
  });
});

describe("EU explanation steps cite EU law, and the member state's own page where the data has one", () => {
  const steps = (destination: string) =>
    quote({ date: "2026-10-15", destination, currency: "EUR", lines: [{ unitPrice: "20.00", quantity: 1, hsCode: "610910" }], seller: { registeredIn: ["EU"] } }).explanation;

  it.each(["FR", "DE", "IT", "IE"])("%s cites no Spanish tax-agency page", (d) => {
    for (const s of steps(d)) expect(s.source ?? "").not.toContain("agenciatributaria");
  });

  it("the threshold, regime and registration steps cite the VAT Directive on EUR-Lex", () => {
    for (const s of steps("FR").filter((x) => ["threshold", "regime", "registration"].includes(x.step))) expect(s.source).toBe("https://eur-lex.europa.eu/eli/dir/2006/112/oj");
  });

  it("the rules step cites the member state's page: German customs for DE, Revenue for IE, the AEAT for ES; EU law where there is none (FR)", () => {
    const rulesSource = (d: string) => steps(d).find((s) => s.step === "rules")!.source;
    expect(rulesSource("DE")).toMatch(/^https:\/\/zoll\.de\//);
    expect(rulesSource("IE")).toBe("https://revenue.ie/en/vat/vat-ecommerce/import-oss/index.aspx");
    expect(rulesSource("ES")).toMatch(/^https:\/\/sede\.agenciatributaria\.gob\.es\//);
    expect(rulesSource("FR")).toBe("https://eur-lex.europa.eu/eli/dir/2006/112/oj");
    expect(rulesFor("DE", "2026-10-15").nationalSources).toHaveLength(1);
    expect(rulesFor("IC", "2026-10-15").nationalSources).toEqual([]); // outside the VAT area: Spain's VAT pages do not apply
  });
});
