/**
 * plan(): golden cases per jurisdiction. Each expected registration outcome, due date and parcel
 * requirement cites the official rule it comes from; the data carries the same URLs.
 */
import { describe, expect, it } from "vitest";
import { fc, test as fcTest } from "@fast-check/vitest";
import { VatError, exportRoute, plan, safeExportRoute, safePlan, type ExportRouteInput, type PlanInput, type PlanJurisdiction } from "../src/index.js";
import { dueDate, returnPeriods } from "../src/plan/due-dates.js";
import { COMPLIANCE } from "../src/generated/compliance.js";

const KR = (over: Partial<PlanInput["seller"]> = {}) => ({ country: "KR", ...over });
const one = (input: PlanInput): PlanJurisdiction => {
  const p = plan(input);
  expect(p.jurisdictions).toHaveLength(1);
  return p.jurisdictions[0]!;
};
const dues = (j: PlanJurisdiction) => j.filing.returns.map((r) => [r.period, r.due]);
const docIds = (j: PlanJurisdiction) => j.documents.map((d) => d.id);
const fails = (input: unknown, code: string, path: (string | number)[]) => {
  try {
    plan(input as PlanInput);
  } catch (e) {
    expect(e).toBeInstanceOf(VatError);
    expect((e as VatError).code).toBe(code);
    expect((e as VatError).path).toEqual(path);
    expect((e as VatError).message.length).toBeGreaterThan(20);
    return;
  }
  throw new Error("plan() did not throw");
};

describe("AU — GST on low value imported goods", () => {
  // GST Act s188-10 / ATO registration page: register when GST turnover "meets or exceeds" AUD 75,000.
  const au = (sales: string) => one({ date: "2026-12-03", seller: KR({ salesLast12Months: { AU: sales } }), destinations: ["AU"] });
  it("registration: 0.01 below, exactly at and 1 over AUD 75,000", () => {
    const below = au("74999.99");
    expect(below.registration.status).toBe("not-yet-required");
    expect(below.registration.remaining).toMatchObject({ amount: "0.01", currency: "AUD" });
    expect(au("75000").registration.status).toBe("required");
    expect(au("75001").registration.status).toBe("required");
  });
  it("due dates: the December quarter is due 28 February, the others the 28th of the next month (ATO BAS due dates)", () => {
    // https://www.ato.gov.au/business/business-activity-statements-(bas)/lodging-and-paying-your-bas/due-dates-for-lodging-and-paying-your-bas/
    const j = au("1");
    expect(dues(j)).toEqual([["2026-Q4", "2027-02-28"], ["2027-Q1", "2027-04-28"], ["2027-Q2", "2027-07-28"], ["2027-Q3", "2027-10-28"]]);
    expect(j.filing.returns.every((r) => r.paymentDue === r.due)).toBe(true);
    expect(j.filing.currency).toBe("AUD");
  });
  it("receipt carries the ARN or ABN (ATO: requirements once you are registered); no agent needed", () => {
    const j = au("1");
    expect(docIds(j)).toEqual(["AU-RECEIPT", "AU-GST-ID-IN-CUSTOMS-DATA"]);
    expect(j.documents[0]!.text).toContain("ARN or ABN");
    expect(j.representative.required).toBe(false);
    expect(j.records.years).toBe(5);
    expect(j.notes.some((n) => n.includes("[U]"))).toBe(true); // e.g. whether simplified-GST registrants use the BAS due dates
  });
});

describe("NZ — GST on low-value imported goods", () => {
  // GST Act s51: registration when supplies exceed NZD 60,000 (strictly more).
  const nz = (sales: string, date = "2026-12-03") => one({ date, seller: KR({ salesLast12Months: { NZ: sales } }), destinations: ["NZ"] });
  it("registration: exactly at NZD 60,000 is not yet required, 1 over is", () => {
    const at = nz("60000");
    expect(at.registration.status).toBe("not-yet-required");
    expect(at.registration.remaining?.amount).toBe("0.00");
    expect(nz("60001").registration.status).toBe("required");
  });
  it("due dates: 28th of the next month, the March quarter on 7 May (IRD requirements after registration)", () => {
    // https://ird.govt.nz/gst/gst-for-overseas-businesses/gst-on-low-value-imported-goods/requirements-after-registration
    expect(dues(nz("1", "2027-02-10"))).toEqual([["2027-Q1", "2027-05-07"], ["2027-Q2", "2027-07-28"], ["2027-Q3", "2027-10-28"], ["2027-Q4", "2028-01-28"]]);
  });
  it("the receipt names the GST number", () => {
    expect(nz("1").documents[0]).toMatchObject({ id: "NZ-RECEIPT", where: "receipt" });
    expect(nz("1").documents[0]!.text).toContain("GST number");
  });
});

describe("NO — VOEC", () => {
  // Skatteetaten (register for VOEC): register when sales reach NOK 50,000 or more in 12 months.
  const no = (sales: string, date = "2026-12-03") => one({ date, seller: KR({ salesLast12Months: { NO: sales } }), destinations: ["NO"] });
  it("registration: 0.01 below, exactly at and 1 over NOK 50,000", () => {
    expect(no("49999.99").registration.status).toBe("not-yet-required");
    expect(no("50000").registration.status).toBe("required");
    expect(no("50001").registration.status).toBe("required");
  });
  it("due dates: 20 January, April, July and October (Skatteetaten), across the year end", () => {
    expect(dues(no("1"))).toEqual([["2026-Q4", "2027-01-20"], ["2027-Q1", "2027-04-20"], ["2027-Q2", "2027-07-20"], ["2027-Q3", "2027-10-20"]]);
  });
  it("the VOEC number goes on the parcel; the digital report to customs only from 2024-01-01 (toll.no)", () => {
    expect(docIds(no("1"))).toEqual(["VOEC-NUMBER-ON-PARCEL", "VOEC-DIGITAL-REPORT"]);
    expect(docIds(no("1", "2023-06-01"))).toEqual(["VOEC-NUMBER-ON-PARCEL"]);
  });
});

describe("GB — UK VAT on goods of GBP 135 or less", () => {
  it("registration from the first sale for direct sales; not for marketplace-only sales (HMRC)", () => {
    const direct = one({ date: "2026-05-10", seller: KR({ salesLast12Months: { GB: "0" } }), destinations: ["GB"] });
    expect(direct.registration).toMatchObject({ status: "required", required: true });
    const mp = one({ date: "2026-05-10", seller: KR(), destinations: ["GB"], channels: ["marketplace"] });
    expect(mp.registration.status).toBe("not-required");
    expect(mp.liability).toEqual([expect.objectContaining({ channel: "marketplace", liable: "marketplace" })]);
  });
  it("due dates: one calendar month and seven days after the quarter (HMRC VDSOG400: 06/16 period due 7 August)", () => {
    const j = one({ date: "2026-05-10", seller: KR(), destinations: ["GB", "XI"] });
    expect(j.destinations).toEqual(["GB", "XI"]);
    expect(dues(j)).toEqual([["2026-Q2", "2026-08-07"], ["2026-Q3", "2026-11-07"], ["2026-Q4", "2027-02-07"], ["2027-Q1", "2027-05-07"]]);
    expect(docIds(j)).toContain("GB-VAT-NUMBER-IN-CUSTOMS-DATA");
    expect(j.records.years).toBe(6); // gov.uk/vat-record-keeping
  });
});

describe("SG — OVR", () => {
  // IRAS: register when global turnover exceeds SGD 1 million AND low-value goods and remote services to Singapore exceed SGD 100,000.
  const sg = (sales: string, global?: string) =>
    one({ date: "2026-12-03", seller: KR({ salesLast12Months: { SG: sales }, ...(global ? { globalTurnover: global } : {}) }), destinations: ["SG"] });
  it("registration: exactly at both thresholds is not required, 1 over both is, and without global turnover it is unknown", () => {
    expect(sg("100000", "1000000").registration.status).toBe("not-yet-required");
    expect(sg("100001", "1000000").registration.status).toBe("not-yet-required");
    expect(sg("100001", "1000001").registration.status).toBe("required");
    expect(sg("100001").registration.status).toBe("unknown");
  });
  it("due dates: within one month after the period (IRAS), the carrier gets the GST number and per-item GST-paid flag", () => {
    const j = sg("1", "1");
    expect(dues(j)).toEqual([["2026-Q4", "2027-01-31"], ["2027-Q1", "2027-04-30"], ["2027-Q2", "2027-07-31"], ["2027-Q3", "2027-10-31"]]);
    expect(docIds(j)).toContain("SG-GST-DATA-TO-CARRIER");
  });
});

describe("EU — IOSS", () => {
  const eu = (country: string, date = "2026-12-03", destinations = ["DE"]) => plan({ date, seller: { country }, destinations });
  it("IOSS is optional; a Korean seller needs an EU intermediary, a Norwegian one does not (Directive Art. 369l; EU–Norway agreement)", () => {
    const kr = eu("KR").jurisdictions[0]!;
    expect(kr.registration.status).toBe("optional");
    expect(kr.representative).toMatchObject({ role: "EU-established intermediary", required: true });
    expect(eu("NO").jurisdictions[0]!.representative.required).toBe(false);
    expect(eu("GB").jurisdictions[0]!.representative.required).toBe(true);
    const de = eu("de");
    expect(de.jurisdictions[0]!.representative.required).toBe(false);
    expect(de.warnings.map((w) => w.code)).toEqual(["SELLER_ESTABLISHED_IN_DESTINATION"]);
  });
  it("due dates: end of the following month, across the year end and into a leap February", () => {
    expect(dues(eu("KR").jurisdictions[0]!)[0]).toEqual(["2026-12", "2027-01-31"]);
    // IOSS January 2028 return: due by the end of February 2028, a leap year.
    expect(dues(eu("KR", "2028-01-15").jurisdictions[0]!)).toEqual([["2028-01", "2028-02-29"], ["2028-02", "2028-03-31"], ["2028-03", "2028-04-30"], ["2028-04", "2028-05-31"]]);
  });
  it("member states share one IOSS entry; the IOSS number goes into the customs data; records 10 years (Art. 369x)", () => {
    const p = eu("KR", "2026-12-03", ["DE", "FR", "de"]);
    expect(p.jurisdictions).toHaveLength(1);
    expect(p.jurisdictions[0]!.destinations).toEqual(["DE", "FR"]);
    expect(docIds(p.jurisdictions[0]!)).toContain("IOSS-NUMBER-IN-CUSTOMS-DATA");
    expect(p.jurisdictions[0]!.records.years).toBe(10);
  });
});

describe("plan() input errors are VatErrors with a code and a path", () => {
  const ok = { date: "2026-12-03", seller: { country: "KR" }, destinations: ["AU"] };
  it.each([
    ["unknown seller country", { ...ok, seller: { country: "XX" } }, "UNKNOWN_COUNTRY", ["seller", "country"]],
    ["missing seller country", { ...ok, seller: {} }, "UNKNOWN_COUNTRY", ["seller", "country"]],
    ["negative sales", { ...ok, seller: { country: "KR", salesLast12Months: { AU: "-1" } } }, "INVALID_INPUT", ["seller", "salesLast12Months", "AU"]],
    ["sales keyed by a member state", { ...ok, seller: { country: "KR", salesLast12Months: { DE: "1" } } }, "INVALID_INPUT", ["seller", "salesLast12Months", "DE"]],
    ["empty destinations", { ...ok, destinations: [] }, "INVALID_INPUT", ["destinations"]],
    ["unknown destination", { ...ok, destinations: ["AU", "QQ"] }, "UNKNOWN_DESTINATION", ["destinations", 1]],
    ["date before the data", { ...ok, date: "2018-06-30" }, "DATE_OUT_OF_RANGE", ["date"]],
    ["not a calendar date", { ...ok, date: "2026-02-30" }, "INVALID_INPUT", ["date"]],
    ["unknown channel", { ...ok, channels: ["shop"] }, "INVALID_INPUT", ["channels", 0]],
    ["unknown field", { ...ok, sellers: 1 }, "INVALID_INPUT", ["sellers"]],
    ["too many decimals", { ...ok, seller: { country: "KR", salesLast12Months: { AU: "1.001" } } }, "TOO_MANY_DECIMALS", ["seller", "salesLast12Months", "AU"]],
    ["not an object", "KR", "INVALID_INPUT", []],
  ])("%s", (_name, input, code, path) => fails(input, code as string, path as (string | number)[]));
});

describe("due dates (src/plan/due-dates.ts)", () => {
  it("keeps a month end a month end for the UK rule, and counts days from other dates", () => {
    expect(dueDate("2026-03-31", { kind: "months-and-days-after-period", months: 1, days: 7 })).toBe("2026-05-07");
    expect(dueDate("2027-02-28", { kind: "months-and-days-after-period", months: 1, days: 7 })).toBe("2027-04-07");
    expect(dueDate("2026-03-28", { kind: "months-and-days-after-period", months: 1, days: 7 })).toBe("2026-05-05");
  });
  it("names periods as summarizeReturn() takes them", () => {
    expect(returnPeriods("2027-12-31", "quarterly", 2).map((p) => p.name)).toEqual(["2027-Q4", "2028-Q1"]);
    expect(returnPeriods("2028-02-29", "monthly", 1)).toEqual([{ name: "2028-02", from: "2028-02-01", lastDay: "2028-02-29" }]);
  });
  const rules = Object.values(COMPLIANCE).flatMap((c) => c.periods.map((p) => p.filing.due));
  fcTest.prop([fc.date({ min: new Date(Date.UTC(2021, 0, 1)), max: new Date(Date.UTC(2040, 11, 31)), noInvalidDate: true }), fc.constantFrom(...rules), fc.constantFrom("monthly" as const, "quarterly" as const)])(
    "every period follows the last without a gap, and every due date falls after its period",
    (d, rule, kind) => {
      const iso = d.toISOString().slice(0, 10);
      const ps = returnPeriods(iso, kind, 4);
      expect(ps[0]!.from <= iso && iso <= ps[0]!.lastDay).toBe(true);
      for (let i = 0; i < ps.length; i++) {
        expect(dueDate(ps[i]!.lastDay, rule) > ps[i]!.lastDay).toBe(true);
        if (i > 0) expect(dueDate(ps[i - 1]!.lastDay, { kind: "months-and-days-after-period", months: 0, days: 1 })).toBe(ps[i]!.from);
      }
    },
  );
});

describe("hostile input never crashes plan() or exportRoute()", () => {
  const onlyVatErrors = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(VatError);
      expect((e as VatError).message.length).toBeLessThan(2_000);
    }
  };
  const seller = fc.record({ country: fc.oneof(fc.constantFrom("KR", "NO", "de", "XI", "UK", "ZZ"), fc.anything()), salesLast12Months: fc.anything(), globalTurnover: fc.anything() }, { requiredKeys: [] });
  fcTest.prop([fc.oneof(fc.anything(), fc.record({ date: fc.oneof(fc.constantFrom("2026-12-03", "2018-01-01"), fc.anything()), seller, destinations: fc.oneof(fc.array(fc.constantFrom("AU", "FR", "QQ", "XI")), fc.anything()), channels: fc.anything() }, { requiredKeys: [] }))])(
    "plan: a result or a VatError",
    (input) => onlyVatErrors(() => plan(input as PlanInput)),
  );
  fcTest.prop([fc.oneof(fc.anything(), fc.record({ origin: fc.oneof(fc.constant("KR"), fc.anything()), date: fc.anything(), fobValue: fc.oneof(fc.constantFrom("1", "2000000", "-1", "1e9"), fc.anything()), currency: fc.oneof(fc.constantFrom("KRW", "USD"), fc.anything()), exchangeRates: fc.anything(), wantsDrawback: fc.anything() }, { requiredKeys: [] }))])(
    "exportRoute: a result or a VatError",
    (input) => onlyVatErrors(() => exportRoute(input as ExportRouteInput)),
  );
});

it("a getter that throws while the input is read is INVALID_INPUT, not a foreign exception", () => {
  const evil = { date: "2026-12-03", destinations: ["AU"], get seller(): never { throw new RangeError("boom"); } };
  expect(() => plan(evil as unknown as PlanInput)).toThrowError(expect.objectContaining({ code: "INVALID_INPUT" }));
  const evilRoute = { origin: "KR", currency: "KRW", get fobValue(): never { throw new RangeError("boom"); } };
  expect(() => exportRoute(evilRoute as unknown as ExportRouteInput)).toThrowError(expect.objectContaining({ code: "INVALID_INPUT" }));
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  expect(() => plan(revoked.proxy as unknown as PlanInput)).toThrowError(expect.objectContaining({ code: "INVALID_INPUT" }));
});

describe("plan() and exportRoute() input is checked by zod schemas (src/plan/input.ts)", () => {
  const ok = { date: "2026-12-03", seller: { country: "KR" }, destinations: ["AU"] };
  const kr = { origin: "KR", date: "2026-12-03", fobValue: "1500000", currency: "KRW" };
  const errorOf = (r: { ok: true } | { ok: false; error: VatError }) => (r.ok ? "no error" : r.error.toJSON());
  it("names an unknown field at its own path, with the field it most likely meant", () => {
    expect(errorOf(safePlan({ ...ok, sellers: 1 } as unknown as PlanInput))).toEqual({ code: "INVALID_INPUT", path: ["sellers"], message: 'sellers is not a field of the plan input; did you mean "seller"?' });
    expect(errorOf(safePlan({ ...ok, seller: { country: "KR", salesLast12month: {} } } as unknown as PlanInput))).toEqual({
      code: "INVALID_INPUT",
      path: ["seller", "salesLast12month"],
      message: 'seller.salesLast12month is not a field of seller; did you mean "salesLast12Months"?',
    });
    expect(errorOf(safeExportRoute({ ...kr, wantDrawback: true } as unknown as ExportRouteInput))).toEqual({
      code: "INVALID_INPUT",
      path: ["wantDrawback"],
      message: 'wantDrawback is not a field of the exportRoute input; did you mean "wantsDrawback"?',
    });
    // Nothing close: no suggestion.
    expect(errorOf(safePlan({ ...ok, colour: "red" } as unknown as PlanInput))).toMatchObject({ path: ["colour"], message: "colour is not a field of the plan input" });
  });
  it.each([
    ["seller is not an object", { ...ok, seller: "KR" }, ["seller"], 'seller must be an object, got "KR"'],
    ["seller is missing", { date: ok.date, destinations: ok.destinations }, ["seller"], "seller is required"],
    ["a destination is not text", { ...ok, destinations: ["AU", 5] }, ["destinations", 1], "destinations[1] must be a string, got 5"],
    ["more than 100 destinations", { ...ok, destinations: Array<string>(101).fill("AU") }, ["destinations"], "destinations is too large (at most 100), got an array of 101"],
    ["an unknown channel", { ...ok, channels: ["direct", "shop"] }, ["channels", 1], 'channels[1] must be one of "direct", "marketplace", got "shop"'],
    ["no channel", { ...ok, channels: [] }, ["channels"], "channels needs at least 1 entry"],
    ["a date that is not text", { ...ok, date: 20261203 }, ["date"], "date must be a string, got 20261203"],
  ])("plan: %s", (_n, input, path, message) => {
    expect(errorOf(safePlan(input as unknown as PlanInput))).toEqual({ code: "INVALID_INPUT", path, message });
  });
  it.each([
    ["origin is missing", { ...kr, origin: undefined }, ["origin"], "origin is required"],
    ["a flag is not a boolean", { ...kr, wantsDrawback: "yes" }, ["wantsDrawback"], 'wantsDrawback must be a boolean, got "yes"'],
    ["exchangeRates is not an object", { ...kr, currency: "USD", exchangeRates: "1385" }, ["exchangeRates"], 'exchangeRates must be a record, got "1385"'],
    ["a rate is not a rate", { ...kr, currency: "USD", exchangeRates: { "USD/KRW": "x" } }, ["exchangeRates", "USD/KRW"], 'exchangeRates.USD/KRW must be a positive exchange rate written as a decimal string such as "0.2", got "x"'],
    ["fobValue is missing", { ...kr, fobValue: undefined }, ["fobValue"], 'fobValue must be a decimal string such as "12.50" with no sign, spaces or thousands separators, got nothing'],
  ])("exportRoute: %s", (_n, input, path, message) => {
    expect(errorOf(safeExportRoute(input as unknown as ExportRouteInput))).toEqual({ code: "INVALID_INPUT", path, message });
  });
  it("lists each channel once, in the order given", () => {
    expect(plan({ ...ok, channels: ["marketplace", "direct", "marketplace"] }).channels).toEqual(["marketplace", "direct"]);
  });
  it("safePlan and safeExportRoute return what plan and exportRoute return", () => {
    expect(safePlan(ok)).toEqual({ ok: true, plan: plan(ok) });
    expect(safeExportRoute(kr)).toEqual({ ok: true, exportRoute: exportRoute(kr) });
  });
  it("a getter that throws is returned as INVALID_INPUT by the safe variants too", () => {
    const evil = { ...ok, get seller(): never { throw new RangeError("boom"); } };
    expect(errorOf(safePlan(evil as unknown as PlanInput))).toMatchObject({ code: "INVALID_INPUT", path: [] });
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    expect(errorOf(safeExportRoute(revoked.proxy as unknown as ExportRouteInput))).toMatchObject({ code: "INVALID_INPUT", path: [] });
  });
});
