/**
 * The per-jurisdiction entry points (`destination-vat/au`, …): each quotes exactly as the
 * default entry does for its own destinations (same JSON, byte for byte), returns the same
 * rules with every source and note, refuses other destinations, and is listed in package.json.
 */
import { fc, test } from "@fast-check/vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as all from "../src/index.js";
import { splitReference, withReference } from "../src/data/reference.js";
import type { QuoteInput } from "../src/index.js";
import { validInputArb } from "./support/arbitraries.js";

const root = join(import.meta.dirname, "..");
const codes = readdirSync(join(root, "src/generated/entries")).map((f) => f.replace(/\.ts$/, "")).sort();
const entries = await Promise.all(codes.map(async (c) => ({ code: c, mod: (await import(`../src/generated/entries/${c}.ts`)) as typeof all })));
const entryFor = (destination: string) => entries.find((e) => e.mod.listDestinations().includes(destination))!;
const shipments = readdirSync(join(root, "examples/shipments")).filter((f) => f.endsWith(".json"));

/** Both results as JSON text: equal text is equal output, key order included. */
const asText = (r: ReturnType<typeof all.safeQuote>) => JSON.stringify(r.ok ? r.quote : { code: r.error.code, path: r.error.path, message: r.error.message });

describe("per-jurisdiction entry points", () => {
  it("exist for every jurisdiction in the data, and together cover the default entry's destinations once each", () => {
    expect(codes).toEqual(["au", "eu", "gb", "no", "nz", "sg"]);
    const covered = entries.flatMap((e) => e.mod.listDestinations());
    expect(new Set(covered).size).toBe(covered.length);
    expect(covered.sort()).toEqual(all.listDestinations());
  });

  it("are all in package.json exports (ESM, CJS and types of each)", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    for (const c of codes) {
      expect(pkg.exports[`./${c}`], c).toEqual({
        import: { types: `./dist/${c}.d.ts`, default: `./dist/${c}.js` },
        require: { types: `./dist/${c}.d.cts`, default: `./dist/${c}.cjs` },
      });
    }
  });

  it("export the default entry's lookup, quote and error names, with the same edition", () => {
    for (const { code, mod } of entries) {
      for (const name of ["quote", "safeQuote", "rulesFor", "listDestinations", "ruleChangeDates", "VatError", "CATEGORIES", "DATA_VERSION", "checkTaxId", "TAX_ID_KINDS"]) {
        expect(typeof (mod as Record<string, unknown>)[name], `${code}.${name}`).toBe(typeof (all as Record<string, unknown>)[name]);
      }
      expect(mod.DATA_VERSION).toBe(all.DATA_VERSION);
      expect(mod.VatError).toBe(all.VatError);
    }
  });

  it("quote every example shipment exactly as the default entry does", () => {
    for (const f of shipments) {
      const input: QuoteInput = JSON.parse(readFileSync(join(root, "examples/shipments", f), "utf8"));
      const code = all.rulesFor(input.destination, input.date).destination;
      const entry = entryFor(code);
      expect(asText(entry.mod.safeQuote(input)), `${f} via destination-vat/${entry.code}`).toBe(asText(all.safeQuote(input)));
    }
  });

  test.prop([validInputArb()], { numRuns: 300 })("quote generated valid input exactly as the default entry does", (input) => {
    const entry = entryFor(all.rulesFor(input.destination, input.date).destination);
    expect(asText(entry.mod.safeQuote(input))).toBe(asText(all.safeQuote(input)));
    expect(JSON.stringify(entry.mod.quote(input))).toBe(JSON.stringify(all.quote(input)));
  });

  it("return the default entry's rules (every source and note) on every rule change date", () => {
    for (const { mod } of entries) {
      for (const d of mod.listDestinations()) {
        expect(mod.ruleChangeDates(d)).toEqual(all.ruleChangeDates(d));
        for (const date of mod.ruleChangeDates(d)) expect(JSON.stringify(mod.rulesFor(d, date))).toBe(JSON.stringify(all.rulesFor(d, date)));
      }
    }
    // Aliases belong to their jurisdiction's entry.
    expect(entryFor("GB").mod.rulesFor("UK", "2026-11-02").destination).toBe("GB");
    expect(entryFor("GR").mod.rulesFor("EL", "2026-11-02").destination).toBe("GR");
  });

  it("refuse another jurisdiction's destination with UNKNOWN_DESTINATION naming the codes they cover", () => {
    const au = entryFor("AU").mod;
    const r = au.safeQuote({ date: "2026-11-02", destination: "FR", currency: "EUR", lines: [{ unitPrice: "10", quantity: 1 }] });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toBeInstanceOf(all.VatError);
      expect(r.error.code).toBe("UNKNOWN_DESTINATION");
      expect(r.error.path).toEqual(["destination"]);
      expect(r.error.message).toBe('destination "FR" is not supported; supported codes: AU');
    }
    expect(() => au.rulesFor("FR", "2026-11-02")).toThrowError(expect.objectContaining({ code: "UNKNOWN_DESTINATION" }));
  });

  it("warn a seller inside the VAT area as the default entry does (the VAT-area test only needs the quote's own jurisdiction)", () => {
    const input: QuoteInput = { date: "2026-11-02", destination: "DE", currency: "EUR", seller: { country: "FR" }, lines: [{ unitPrice: "10", quantity: 1 }] };
    const q = entryFor("DE").mod.quote(input);
    expect(q.warnings.map((w) => w.code)).toContain("SELLER_INSIDE_VAT_AREA");
    expect(q).toEqual(all.quote(input));
  });
});

describe("the tables / reference split (src/data/reference.ts)", () => {
  const data = {
    rules: [{ from: "2020-01-01", note: "why", sources: [{ url: "https://a.example/1", title: "A1", retrieved: "2026-01-01" }, { url: "https://a.example/2", title: "A2", retrieved: "2026-01-01" }], rate: "0.1" }],
    fees: [{ id: "F", note: "printed by quote()", sources: [{ url: "https://f.example", title: "F", retrieved: "2026-01-01" }] }],
    territories: [{ code: "XX", note: "printed too", sources: [{ url: "https://t.example", title: "T", retrieved: "2026-01-01" }] }],
    destinations: [{ code: "AA", note: "reference only", rates: { standard: [{ rate: "0.2", sources: [{ url: "https://r.example", title: "R", retrieved: "2026-01-01" }] }] } }],
  };

  it("keeps each list's first source and the fee and territory notes in the tables; the rest goes to the reference", () => {
    const { tables, reference } = splitReference(data);
    expect(tables.rules[0]).toEqual({ from: "2020-01-01", sources: [data.rules[0]!.sources[0]], rate: "0.1" });
    expect(tables.fees).toEqual(data.fees);
    expect(tables.territories).toEqual(data.territories);
    expect(tables.destinations[0]).toEqual({ code: "AA", rates: data.destinations[0]!.rates });
    expect(reference).toEqual({ rules: { 0: { note: "why", sources: data.rules[0]!.sources } }, destinations: { 0: { note: "reference only" } } });
  });

  it("rebuilds the data exactly (withReference) without changing its arguments", () => {
    const { tables, reference } = splitReference(data);
    const before = JSON.stringify(tables);
    expect(withReference(tables, reference)).toEqual(data);
    expect(JSON.stringify(tables)).toBe(before);
  });

  test.prop([fc.jsonValue()])("rebuilds any JSON object", (v) => {
    const obj = { value: v, fees: [v], list: [{ note: "n", sources: [v, v], x: v }] };
    const { tables, reference } = splitReference(obj);
    expect(withReference(tables, reference)).toEqual(obj);
  });
});
