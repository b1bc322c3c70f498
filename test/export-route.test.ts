/**
 * exportRoute(): Korean export clearance. Figures from the Korea Customs Service notice on export
 * clearance (수출통관 사무처리에 관한 고시, law.go.kr) and the KCS announcement of 2023-02-01: list
 * clearance for e-commerce goods of KRW 2,000,000 FOB or less (이하) with no customs-confirmed permit.
 */
import { describe, expect, it } from "vitest";
import { VatError, exportRoute, type ExportRouteInput } from "../src/index.js";

const kr = (over: Partial<ExportRouteInput> = {}) => exportRoute({ origin: "KR", date: "2026-12-03", fobValue: "1500000", currency: "KRW", ...over });

describe("exportRoute KR", () => {
  it("KRW 1,500,000 leaves on the courier's list: 17 items, no certificate, no drawback, no re-import exemption, no export record", () => {
    const r = kr();
    expect(r.route).toBe("manifest");
    expect(r.chosen).toMatchObject({ dataItems: 17, gives: { exportDeclarationCertificate: false, drawback: false, reimportExemption: false, exportRecord: false } });
    expect(r.consequences).toHaveLength(4);
    expect(r.options.map((o) => [o.route, o.eligible, o.dataItems])).toEqual([["manifest", true, 17], ["simplified", true, 27], ["formal", true, 57]]);
  });
  it("exactly KRW 2,000,000 is still within (이하); one won more needs the formal declaration", () => {
    expect(kr({ fobValue: "2000000" }).route).toBe("manifest");
    const over = kr({ fobValue: "2000001" });
    expect(over.route).toBe("formal");
    expect(over.consequences).toEqual([]);
    expect(over.options[0]!.reason).toContain("above the ≤ 2000000 KRW limit");
  });
  it("drawback wanted: the simplified declaration (27 items) keeps the certificate", () => {
    const r = kr({ wantsDrawback: true });
    expect(r.route).toBe("simplified");
    expect(r.chosen.gives.drawback).toBe(true);
    expect(r.options[0]!.reason).toContain("no duty drawback");
  });
  it("goods that need an export permit always take the formal declaration", () => {
    expect(kr({ fobValue: "1000", requiresExportPermit: true }).route).toBe("formal");
  });
  it("another currency is converted with the caller's rate and rounded to whole won before the test", () => {
    const r = kr({ fobValue: "1449.27", currency: "USD", exchangeRates: { "USD/KRW": "1380" } });
    expect(r.fob).toEqual({ amount: "1999993", currency: "KRW", given: { amount: "1449.27", currency: "USD", exchangeRate: "1380" } });
    expect(r.route).toBe("manifest");
    expect(kr({ fobValue: "1449.28", currency: "USD", exchangeRates: { "USD/KRW": "1380" } }).route).toBe("formal"); // 2,000,006 KRW
    expect(kr({ fobValue: "1", currency: "USD", exchangeRates: { "KRW/USD": "0.0008" } }).fob.amount).toBe("1250");
  });
  it("without a date, the data's latest routes apply and the result says so (the library reads no clock)", () => {
    const r = exportRoute({ origin: "KR", fobValue: "1500000", currency: "KRW" });
    expect(r).toMatchObject({ date: null, route: "manifest" });
    expect(r.warnings.map((w) => w.code)).toEqual(["EXPORT_DATE_NOT_GIVEN"]);
    expect(kr().warnings).toEqual([]);
  });
  it.each([
    ["no rate for another currency", { currency: "USD", fobValue: "10" }, "MISSING_EXCHANGE_RATE", ["exchangeRates", "USD/KRW"]],
    ["an origin without data", { origin: "JP" }, "UNKNOWN_COUNTRY", ["origin"]],
    ["a date before the data", { date: "2023-01-31" }, "DATE_OUT_OF_RANGE", ["date"]],
    ["a negative value", { fobValue: "-1" }, "INVALID_INPUT", ["fobValue"]],
    ["decimals KRW does not have", { fobValue: "10.5" }, "TOO_MANY_DECIMALS", ["fobValue"]],
    ["an unknown currency", { currency: "XYZ" }, "UNSUPPORTED_CURRENCY", ["currency"]],
    ["a non-boolean flag", { wantsDrawback: "yes" as unknown as boolean }, "INVALID_INPUT", ["wantsDrawback"]],
  ])("%s is a VatError", (_n, over, code, path) => {
    try {
      kr(over as Partial<ExportRouteInput>);
      throw new Error("no error");
    } catch (e) {
      expect(e).toBeInstanceOf(VatError);
      expect((e as VatError).code).toBe(code);
      expect((e as VatError).path).toEqual(path);
    }
  });
});

it("quote()'s bundle carries neither the compliance facts nor the export routes", async () => {
  const { bundleFromLibrary } = await import("../scripts/check-size.js");
  const b = await bundleFromLibrary("{ quote }", { minify: true });
  expect(b.text).not.toContain("EU-established intermediary");
  expect(b.text).not.toContain("courier's export list");
  const p = await bundleFromLibrary("{ plan, exportRoute }", { minify: true });
  expect(p.text).toContain("EU-established intermediary"); // the markers are real
  expect(p.text).toContain("courier's export list");
}, 60_000);
