/**
 * Golden cases for issue 14: data freshness, official rounding figures, establishment apart from
 * dispatch, postcode territories and NZ's option for goods over NZD 1,000. The comment above each
 * case says where its expected figure comes from (an official example, or the cited rule).
 */
import { describe, expect, it } from "vitest";
import { reviewAgeProblem } from "../scripts/review-age.js";
import { DATA_VERSION, STALE_AFTER_MONTHS, plan, quote, rulesFor, type QuoteInput } from "../src/index.js";

const codes = (q: { warnings: { code: string }[] }) => q.warnings.map((w) => w.code);
const one = (over: Partial<QuoteInput> & Pick<QuoteInput, "destination" | "currency">): QuoteInput => ({
  date: "2026-11-02",
  lines: [{ unitPrice: "10.00", quantity: 1 }],
  ...over,
});

describe("DATA_MAY_BE_STALE (data/edition.json staleAfterMonths: 6; every file reviewedAt 2026-11-22)", () => {
  // Six calendar months after 2026-11-22 is 2027-05-22: that day is still fresh, the next is not.
  it("is silent on the last fresh day and warns from the next, in rulesFor() and quote()", () => {
    expect(rulesFor("FR", "2027-05-22").warnings).toEqual([]);
    expect(codes(quote(one({ destination: "FR", currency: "EUR", date: "2027-05-22" })))).not.toContain("DATA_MAY_BE_STALE");
    const r = rulesFor("FR", "2027-05-23");
    expect(r.warnings.map((w) => w.code)).toEqual(["DATA_MAY_BE_STALE"]);
    expect(r.warnings[0]!.message).toContain(`edition ${DATA_VERSION}`);
    expect(r.warnings[0]!.message).toContain("2026-11-22");
    const q = quote(one({ destination: "FR", currency: "EUR", date: "2027-05-23" }));
    expect(q.warnings.filter((w) => w.code === "DATA_MAY_BE_STALE")).toEqual(r.warnings);
  });

  // The case: a 2031 quote with 2026 data was answered without a word.
  it("warns a 2031 quote for DE", () => {
    expect(codes(quote(one({ destination: "DE", currency: "EUR", date: "2031-01-01", postalCode: "10115" })))).toContain("DATA_MAY_BE_STALE");
  });

  // data/EU/EU.json pendingChanges: Directive (EU) 2025/1539 applies from 2028-07-01 and is not in the data.
  it("adds a warning from the day a pending change takes effect (EU 2028-07-01)", () => {
    const before = rulesFor("FR", "2028-06-30").warnings;
    const on = rulesFor("FR", "2028-07-01").warnings;
    expect(before).toHaveLength(1);
    expect(on).toHaveLength(2);
    expect(on[1]!.message).toContain("2028-07-01");
    expect(on[1]!.message).toContain("2025/1539");
    expect(rulesFor("SG", "2028-07-01").warnings).toHaveLength(1);
  });

  // data/edition.json maxReviewAgeMonths: 12 — data:check fails on a review more than a year before the edition date.
  it("data:check refuses a review more than 12 months before the edition date", () => {
    expect(STALE_AFTER_MONTHS).toBe(6);
    expect(reviewAgeProblem("2025-12-03", "2026-12-03", 12)).toBeUndefined();
    expect(reviewAgeProblem("2025-12-02", "2026-12-03", 12)).toContain("more than 12 months");
    expect(reviewAgeProblem("2026-12-04", "2026-12-03", 12)).toContain("after the edition date");
    expect(reviewAgeProblem("2024-02-29", "2025-02-28", 12)).toBeUndefined(); // 2025-02-28 − 12 months = 2024-02-28
  });

  it("keeps rulesFor() shared: the same frozen object for every day with the same warnings", () => {
    expect(rulesFor("NZ", "2026-12-01")).toBe(rulesFor("NZ", "2027-01-15"));
    expect(rulesFor("NZ", "2027-06-01")).toBe(rulesFor("NZ", "2030-01-01"));
    expect(Object.isFrozen(rulesFor("NZ", "2030-01-01").warnings)).toBe(true);
  });
});

describe("official rounding figures, with each jurisdiction's default", () => {
  // IRD example: gold watch NZD 1,100 (over NZD 1,000: not a low-value good) and two shirts at NZD 40
  // with NZD 30 delivery: the shirts carry 80/1,180 of the delivery, and GST is 15 % of
  // 80 + 30 × 80/1,180 = 12.3051 → 12.31. The delivery share shown is 2.03, but its GST is worked
  // out on the exact share (rounding the share to 2.03 first gave 12.30). GST Act s19O: more than
  // half a cent counts as a cent. https://www.classic.ird.govt.nz/campaigns/2018/gst-calculating-low-value-good.html
  it("NZ: watch 1,100 + two shirts at 40 + delivery 30 → GST 12.31 (default per invoice, half-down)", () => {
    const input = one({ destination: "NZ", currency: "NZD", date: "2024-06-01", lines: [{ id: "watch", unitPrice: "1100.00", quantity: 1 }, { id: "shirts", unitPrice: "40.00", quantity: 2 }], shipping: "30.00" });
    const q = quote(input);
    expect(q.rounding).toEqual({ level: "invoice", mode: "half-down" });
    expect(q.lines.map((l) => l.regime)).toEqual(["border-collection", "vendor-collection"]);
    expect(q.totals.tax).toBe("12.31");
    expect(q.shipping?.parts[1]).toMatchObject({ net: "2.03", tax: "0.31" });
    expect(quote({ ...input, rounding: "line" }).totals.tax).toBe("12.31");
  });

  // Same IRD page: guitar NZ$998.92 + shipping NZ$46.10 = 1,045.02; 15 % GST = 156.75; Sam pays 1,201.77.
  it("NZ: guitar 998.92 + shipping 46.10 → GST 156.75, pays 1,201.77", () => {
    const q = quote(one({ destination: "NZ", currency: "NZD", date: "2020-01-15", lines: [{ unitPrice: "998.92", quantity: 1 }], shipping: "46.10" }));
    expect(q.totals.tax).toBe("156.75");
    expect(q.payableAtCheckout).toBe("1201.77");
  });

  // s19O: half a cent may be disregarded. 0.10 × 15 % = 0.015 → 0.01 (half-down); 0.11 × 15 % = 0.0165 → 0.02.
  it("NZ: half a cent goes down, more than half goes up", () => {
    expect(quote(one({ destination: "NZ", currency: "NZD", lines: [{ unitPrice: "0.10", quantity: 1 }] })).totals.tax).toBe("0.01");
    expect(quote(one({ destination: "NZ", currency: "NZD", lines: [{ unitPrice: "0.11", quantity: 1 }] })).totals.tax).toBe("0.02");
  });

  // GST Act 1999 s9-90: nearest cent, half a cent up, per invoice by default (the supplier may round per line).
  // 3 lines of 0.05 at 10 %: per invoice 0.015 → 0.02; per line 3 × 0.01 = 0.03.
  it("AU: s9-90 per invoice, half a cent up", () => {
    const lines = [{ unitPrice: "0.05", quantity: 1 }, { unitPrice: "0.05", quantity: 1 }, { unitPrice: "0.05", quantity: 1 }];
    const q = quote(one({ destination: "AU", currency: "AUD", lines }));
    expect(q.rounding).toEqual({ level: "invoice", mode: "half-up" });
    expect(q.totals.tax).toBe("0.02");
    expect(quote(one({ destination: "AU", currency: "AUD", lines, rounding: "line" })).totals.tax).toBe("0.03");
  });

  // IRAS consumer page, redeliverer example: S$300 goods + S$15 fees → GST S$28.35 (9 %).
  // https://www.iras.gov.sg/taxes/goods-services-tax-(gst)/consumers/gst-on-imported-low-value-goods
  it("SG: 300 + 15 → GST 28.35 (default per invoice, half-up)", () => {
    const q = quote(one({ destination: "SG", currency: "SGD", date: "2024-03-01", lines: [{ unitPrice: "300.00", quantity: 1 }], shipping: "15.00" }));
    expect(q.rounding).toEqual({ level: "invoice", mode: "half-up" });
    expect(q.totals.tax).toBe("28.35");
  });

  // VAT Notice 700 para 17.5: VAT per line rounded to the nearest penny. 0.125 is not a price, so:
  // 2 × GBP 0.05 lines at 20 % = 0.01 each per line (0.02); the notice allows no per-invoice default.
  it("GB: per line, nearest penny, half a penny up", () => {
    const q = quote(one({ destination: "GB", currency: "GBP", lines: [{ unitPrice: "0.05", quantity: 1 }, { unitPrice: "0.05", quantity: 1 }, { unitPrice: "0.05", quantity: 1 }] }));
    expect(q.rounding).toEqual({ level: "line", mode: "half-up" });
    expect(q.totals.tax).toBe("0.03");
  });

  // AEAT low-value shipments manual (H7 examples, mirrored in the Commission's Explanatory Notes):
  // a coat of EUR 140 carries VAT 28 at 20 %. The EU sets no rounding rule for IOSS [U]: per line, half-up.
  it("EU: coat 140 at 20 % → VAT 28.00", () => {
    const q = quote(one({ destination: "FR", currency: "EUR", lines: [{ unitPrice: "140.00", quantity: 1 }] }));
    expect(q.rounding).toEqual({ level: "line", mode: "half-up" });
    expect(q.totals.tax).toBe("28.00");
  });

  // Skatteetaten states no checkout rounding rule; the VOEC return is in whole kroner (returns.decimals 0).
  // At checkout: per line to the øre, half-up: NOK 0.10 at 25 % = 0.025 → 0.03.
  it("NO: per line, half-up to the øre", () => {
    const q = quote(one({ destination: "NO", currency: "NOK", lines: [{ unitPrice: "0.10", quantity: 1 }] }));
    expect(q.rounding).toEqual({ level: "line", mode: "half-up" });
    expect(q.totals.tax).toBe("0.03");
  });
});

describe("shipsFrom apart from seller.country", () => {
  // HMRC VATREG37050/37210: the no-threshold rule (VATA Sch 1A) is for sellers not established in the UK;
  // a UK-established seller keeps the Sch 1 threshold (GBP 90,000 from 2024-04-01). A parcel sent from
  // outside the UK is an import whoever sends it.
  const ukSeller = { country: "GB", registeredIn: [], salesLast12Months: { GB: "50000" } };
  it("GB: a UK seller with GBP 50,000 of sales shipping GBP 100 from abroad is under the threshold and imports", () => {
    const q = quote(one({ destination: "GB", currency: "GBP", seller: ukSeller, shipsFrom: "CN", lines: [{ unitPrice: "100.00", quantity: 1 }] }));
    expect(q.registration).toMatchObject({ required: false, threshold: { amount: "90000.00", currency: "GBP", comparison: ">" } });
    expect(codes(q)).not.toContain("SELLER_INSIDE_VAT_AREA");
    expect(codes(q)).not.toContain("COLLECTOR_NOT_REGISTERED");
  });

  it("GB: the same seller shipping from the UK (shipsFrom defaults to seller.country) is not importing", () => {
    expect(codes(quote(one({ destination: "GB", currency: "GBP", seller: ukSeller })))).toContain("SELLER_INSIDE_VAT_AREA");
  });

  it("GB: plan() takes the same test for a UK-established seller (registration.ts is shared)", () => {
    const p = plan({ date: "2026-11-02", seller: { country: "GB", salesLast12Months: { GB: "50000" } }, destinations: ["GB"] });
    expect(p.jurisdictions[0]!.registration).toMatchObject({ status: "not-yet-required", threshold: { amount: "90000.00" } });
    expect(plan({ date: "2026-11-02", seller: { country: "US" }, destinations: ["GB"] }).jurisdictions[0]!.registration.status).toBe("required");
  });

  it("GB: a seller not established in the UK registers from the first sale", () => {
    const q = quote(one({ destination: "GB", currency: "GBP", seller: { country: "US", registeredIn: [], salesLast12Months: { GB: "50000" } }, shipsFrom: "CN" }));
    expect(q.registration.required).toBe(true);
    expect(codes(q)).toContain("COLLECTOR_NOT_REGISTERED");
  });

  // VAT registration threshold GBP 85,000 until 2024-03-31, GBP 90,000 from 2024-04-01 (taxable turnover over it).
  it("GB: the threshold moves from 85,000 to 90,000 on 2024-04-01", () => {
    const at = (date: string) => quote(one({ destination: "GB", currency: "GBP", date, seller: { ...ukSeller, salesLast12Months: { GB: "87000" } }, shipsFrom: "CN" })).registration.required;
    expect(at("2024-03-31")).toBe(true);
    expect(at("2024-04-01")).toBe(false);
  });

  // Commission Explanatory Notes 4.2.10 Q9/Q10 (via the AEAT manual): an EU-established seller shipping from a
  // third country makes a distance sale of imported goods and may use IOSS (no intermediary needed).
  it("EU: a German seller shipping from China to France is an IOSS sale, not intra-EU", () => {
    const q = quote(one({ destination: "FR", currency: "EUR", seller: { country: "DE", registeredIn: ["IOSS"] }, shipsFrom: "CN" }));
    expect(q.regime).toBe("vendor-collection");
    expect(q.scheme).toBe("IOSS");
    expect(codes(q)).not.toContain("SELLER_INSIDE_VAT_AREA");
    expect(codes(quote(one({ destination: "FR", currency: "EUR", seller: { country: "DE" } })))).toContain("SELLER_INSIDE_VAT_AREA");
  });

  // IRAS (local businesses): a Singapore supplier counts low-value goods sold from abroad in the ordinary
  // S$1 million taxable-turnover test, not the overseas-vendor two-part test.
  it("SG: a Singapore supplier takes the S$1 million taxable-turnover test", () => {
    const sg = (sales: string) => quote(one({ destination: "SG", currency: "SGD", seller: { country: "SG", registeredIn: [], salesLast12Months: { SG: sales } }, shipsFrom: "MY" })).registration;
    expect(sg("1000000.01")).toMatchObject({ required: true, threshold: { amount: "1000000.00" } });
    expect(sg("500000.00").required).toBe(false);
  });

  // Skatteetaten: VOEC is only for sellers without a business address in Norway; a Norwegian seller's parcels
  // from abroad are declared on import like any other, and it registers in the ordinary VAT register.
  it("NO: a Norwegian seller cannot collect under VOEC; its parcel is taxed at the border", () => {
    const q = quote(one({ destination: "NO", currency: "NOK", seller: { country: "NO", registeredIn: ["NO"], salesLast12Months: { NO: "40000" } }, shipsFrom: "SE", lines: [{ unitPrice: "100.00", quantity: 1 }] }));
    expect(q.regime).toBe("border-collection");
    expect(q.lines[0]!.reason).toContain("VOEC is not open");
    expect(q.registration).toMatchObject({ required: false, threshold: { amount: "50000.00", comparison: ">" } });
    expect(quote(one({ destination: "NO", currency: "NOK", seller: { country: "SE", registeredIn: ["NO"] }, lines: [{ unitPrice: "100.00", quantity: 1 }] })).regime).toBe("vendor-collection");
  });

  // AU and NZ: the same registration threshold for resident and non-resident suppliers (no established test in the data).
  it("AU: a resident supplier shipping from abroad takes the same AUD 75,000 test", () => {
    const q = quote(one({ destination: "AU", currency: "AUD", seller: { country: "AU", registeredIn: [], salesLast12Months: { AU: "80000" } }, shipsFrom: "CN" }));
    expect(q.registration).toMatchObject({ required: true, threshold: { amount: "75000.00" } });
    expect(codes(q)).not.toContain("SELLER_INSIDE_VAT_AREA");
  });
});

describe("postalCode: places outside the VAT area without a country code (VAT Directive Art. 6)", () => {
  const at = (destination: string, postalCode?: string) => quote(one({ destination, currency: "EUR", ...(postalCode === undefined ? {} : { postalCode }) }));
  it.each([
    ["DE", "27498", "Heligoland"],
    ["DE", "78266", "Büsingen am Hochrhein"],
    ["IT", "23041", "Livigno"],
    ["IT", "22061", "Campione d'Italia"],
    ["GR", "63086", "Mount Athos"],
    ["GR", "630 87", "Mount Athos"],
  ])("%s %s (%s) is out of scope", (destination, postalCode, name) => {
    const q = at(destination, postalCode);
    expect(q.regime).toBe("out-of-scope");
    expect(q.totals.tax).toBe("0.00");
    expect(q.lines[0]!.reason).toContain(name);
    expect(rulesFor(destination, "2026-11-02", { postalCode }).inVatArea).toBe(false);
  });

  it("taxes other postcodes as the mainland, without a warning", () => {
    const q = at("DE", "10115");
    expect(q.regime).toBe("vendor-collection");
    expect(q.totals.tax).toBe("1.90");
    expect(codes(q)).not.toContain("POSTAL_CODE_MISSING");
    expect(at("GR", "63088").regime).toBe("vendor-collection");
  });

  it("warns without a postcode where the destination has such places, and only there", () => {
    const w = at("IT").warnings.find((x) => x.code === "POSTAL_CODE_MISSING");
    expect(w?.message).toContain("Livigno 23041");
    expect(at("IT").regime).toBe("vendor-collection");
    expect(codes(at("FR"))).not.toContain("POSTAL_CODE_MISSING");
    expect(codes(at("FR", "75001"))).not.toContain("POSTAL_CODE_MISSING");
  });
});

describe("NZ: charging GST on goods over NZD 1,000 (IRD: at least 75 % low-value supplies by value, or IRD approval)", () => {
  const item = (chargeGoodsOverThreshold?: QuoteInput["chargeGoodsOverThreshold"], destination = "NZ", currency = "NZD") =>
    quote(one({ destination, currency, lines: [{ unitPrice: "1100.00", quantity: 1 }], ...(chargeGoodsOverThreshold ? { chargeGoodsOverThreshold } : {}) }));
  it("charges 15 % of 1,100 = 165.00 at checkout when 75 % or more of supplies are low-value goods", () => {
    expect(item().regime).toBe("border-collection");
    const q = item({ lowValueShare: "0.75" });
    expect(q.regime).toBe("vendor-collection");
    expect(q.totals.tax).toBe("165.00");
    expect(q.lines[0]!.reason).toContain("0.75");
  });
  it("charges with IRD's approval whatever the share", () => {
    expect(item({ approved: true }).totals.tax).toBe("165.00");
  });
  it("does not apply below 75 %, or without a condition shown, and says why", () => {
    for (const q of [item({ lowValueShare: "0.7499" }), item({})]) {
      expect(q.regime).toBe("border-collection");
      expect(codes(q)).toContain("OPTION_CONDITIONS_NOT_MET");
    }
  });
  it("is ignored outside NZ", () => {
    expect(codes(item({ approved: true }, "AU", "AUD"))).toContain("OPTION_IGNORED");
  });
  it("rejects a share above 1", () => {
    expect(() => item({ lowValueShare: "1.5" })).toThrowError(expect.objectContaining({ code: "INVALID_INPUT", path: ["chargeGoodsOverThreshold", "lowValueShare"] }));
  });
});
