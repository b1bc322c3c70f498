/**
 * The generated data, checked on its own terms (not by re-running scripts/build-data.ts):
 * it matches the files in data/ byte for byte (checksums) and field for field, every
 * period is sourced, sorted and contiguous, rates are fractions in [0, 1), amounts are
 * positive, currencies agree with what the calculator assumes, and every category is defined.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CATEGORIES, listDestinations, ruleChangeDates, rulesFor } from "../src/index.js";
import type { JurisdictionData, RulePeriod, Source } from "../src/data/types.js";
import { ALL_JURISDICTIONS, ALL_REFERENCES, CHECKSUMS, DATA_VERSION, MINOR_UNITS } from "../src/generated/index.js";
import { withReference } from "../src/data/reference.js";
import { isCalendarDate } from "../src/dates.js";

const root = join(import.meta.dirname, "..");
const read = (rel: string) => readFileSync(join(root, rel), "utf8");
const json = (rel: string) => JSON.parse(read(rel));
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

const dataFiles = [
  ...readdirSync(join(root, "data")).filter((f) => f.endsWith(".json")).map((f) => `data/${f}`),
  ...readdirSync(join(root, "data/EU")).filter((f) => f.endsWith(".json")).map((f) => `data/EU/${f}`),
  ...["compliance", "origin"].flatMap((d) => readdirSync(join(root, "data", d)).filter((f) => f.endsWith(".json")).map((f) => `data/${d}/${f}`)),
].sort();
const edition: { version: string; date: string } = json("data/edition.json");
const currencies: { minorUnits: Record<string, number>; sources: Source[] } = json("data/currencies.json");
// quote()'s tables joined with their reference part (further sources, notes) must be the data as written.
const jurisdictions = ALL_JURISDICTIONS.map((j) => withReference(j as JurisdictionData, ALL_REFERENCES[j.jurisdiction]));

type Dated = { from: string; to?: string | undefined };

/** Half-open periods: each ends where the next begins, only the last is open-ended. */
function expectContiguous(periods: readonly Dated[], where: string, start?: string) {
  expect(periods.length, `${where}: at least one period`).toBeGreaterThan(0);
  if (start !== undefined) expect(periods[0]!.from, `${where}: starts on the coverage start`).toBe(start);
  periods.forEach((p, i) => {
    expect(isCalendarDate(p.from), `${where}[${i}].from ${p.from}`).toBe(true);
    if (p.to !== undefined) {
      expect(isCalendarDate(p.to), `${where}[${i}].to ${p.to}`).toBe(true);
      expect(p.to > p.from, `${where}[${i}]: ${p.from} → ${p.to} is not empty`).toBe(true);
    }
    const next = periods[i + 1];
    if (next) expect(p.to, `${where}[${i}]: ends where ${where}[${i + 1}] begins (no gap, no overlap)`).toBe(next.from);
    else expect(p.to, `${where}: the last period is open-ended`).toBeUndefined();
  });
}

/** A source a reader can follow: an http(s) URL, a title, and a retrieval date no later than the data edition. */
function expectSourced(sources: readonly Source[] | undefined, where: string) {
  expect(sources?.length ?? 0, `${where}: has a source`).toBeGreaterThan(0);
  for (const s of sources ?? []) {
    expect(() => new URL(s.url), `${where}: ${s.url} is a URL`).not.toThrow();
    expect(new URL(s.url).protocol, `${where}: ${s.url}`).toMatch(/^https?:$/);
    expect(s.title.trim().length, `${where}: ${s.url} has a title`).toBeGreaterThanOrEqual(3);
    expect(isCalendarDate(s.retrieved), `${where}: retrieved ${s.retrieved}`).toBe(true);
    expect(s.retrieved <= edition.date, `${where}: retrieved ${s.retrieved} after the edition date ${edition.date}`).toBe(true);
  }
}

const RATE = /^0(\.\d+)?$/;
const AMOUNT = /^\d+(\.\d+)?$/;
const positive = (a: string) => AMOUNT.test(a) && /[1-9]/.test(a);

/** Every rule period of a jurisdiction: its own, and those of destinations with rules of their own (XI). */
function rulePeriods(j: JurisdictionData): [string, RulePeriod[]][] {
  return [[`${j.jurisdiction}.rules`, j.rules], ...j.destinations.flatMap((d): [string, RulePeriod[]][] => (d.rules ? [[`${j.jurisdiction}.${d.code}.rules`, d.rules]] : []))];
}

describe("generated modules match data/", () => {
  it("has a checksum for every data file and no other", () => {
    expect(Object.keys(CHECKSUMS).sort()).toEqual(dataFiles);
  });

  it.each(dataFiles)("%s has the checksum recorded in src/generated/manifest.ts", (rel) => {
    expect(CHECKSUMS[rel]).toBe(sha256(read(rel)));
  });

  it("carries the data edition and the currency table", () => {
    expect(DATA_VERSION).toBe(edition.version);
    expect(MINOR_UNITS).toEqual(currencies.minorUnits);
  });

  it("says it is generated on the first line of every generated file", () => {
    for (const f of readdirSync(join(root, "src/generated"), { recursive: true, withFileTypes: true }).filter((e) => e.isFile())) {
      const rel = join(f.parentPath, f.name);
      expect(readFileSync(rel, "utf8").split("\n")[0], rel).toMatch(/^\/\/ GENERATED by scripts\/build-data\.ts/);
    }
  });

  it("holds each national file as written (minus $schema)", () => {
    for (const f of dataFiles.filter((f) => /^data\/[A-Z]{2}\.json$/.test(f))) {
      const { $schema: _, ...source } = json(f);
      const generated = jurisdictions.find((j) => j.jurisdiction === source.jurisdiction);
      expect(generated, `${f} is compiled`).toBeDefined();
      const codes = new Set(generated!.destinations.map((d) => d.code));
      expect(generated).toEqual({
        ...source,
        // A partial build (`--partial`) drops territories and aliases of destinations not written yet.
        territories: source.territories.filter((t: { of: string }) => codes.has(t.of)),
        aliases: Object.fromEntries(Object.entries(source.aliases).filter(([, to]) => codes.has(to as string))),
      });
    }
  });

  it("holds the EU file joined with every member-state file", () => {
    const generated = jurisdictions.find((j) => j.jurisdiction === "EU");
    if (!dataFiles.includes("data/EU/EU.json")) return expect(generated).toBeUndefined();
    const { $schema: _, ...eu } = json("data/EU/EU.json");
    const states = dataFiles.filter((f) => /^data\/EU\/[A-Z]{2}\.json$/.test(f) && f !== "data/EU/EU.json").map((f) => json(f));
    const destinations = [
      ...eu.destinations,
      ...states.map((m) => ({
        code: m.destination,
        name: m.name,
        reviewedAt: m.reviewedAt,
        rates: m.rates,
        ...(m.sources ? { sources: m.sources } : {}),
        ...(m.postcodeTerritories ? { postcodeTerritories: m.postcodeTerritories } : {}),
        ...(m.note ? { note: m.note } : {}),
      })),
    ];
    const codes = new Set(destinations.map((d: { code: string }) => d.code));
    expect(generated).toEqual({
      ...eu,
      destinations,
      fees: [...eu.fees, ...states.flatMap((m) => m.fees.map((fee: object) => ({ ...fee, destination: m.destination })))],
      territories: eu.territories.filter((t: { of: string }) => codes.has(t.of)),
      aliases: Object.fromEntries(Object.entries(eu.aliases).filter(([, to]) => codes.has(to as string))),
    });
  });

  it("offers exactly the destinations and territories in the data", () => {
    const codes = jurisdictions.flatMap((j) => [...j.destinations.map((d) => d.code), ...j.territories.map((t) => t.code)]);
    expect(new Set(codes).size, "no code is defined twice").toBe(codes.length);
    expect(listDestinations()).toEqual([...codes].sort());
    for (const j of jurisdictions) {
      for (const t of j.territories) expect(j.destinations.map((d) => d.code), `${t.code} is part of ${t.of}`).toContain(t.of);
      for (const [alias, to] of Object.entries(j.aliases)) expect(listDestinations(), `alias ${alias}`).toContain(to);
    }
  });
});

describe("every period is sourced, sorted, without gaps or overlaps", () => {
  it("currency table", () => expectSourced(currencies.sources, "data/currencies.json"));

  for (const j of jurisdictions) {
    describe(j.jurisdiction, () => {
      it("rule periods", () => {
        for (const [where, periods] of rulePeriods(j)) {
          expectContiguous(periods, where);
          periods.forEach((p, i) => expectSourced(p.sources, `${where}[${i}]`));
        }
      });

      it("each destination's rate periods, for every category, from its coverage start", () => {
        for (const d of j.destinations) {
          const start = (d.rules ?? j.rules)[0]!.from;
          for (const c of CATEGORIES) {
            const periods = d.rates[c];
            expect(periods, `${d.code} defines ${c}`).toBeDefined();
            expectContiguous(periods!, `${d.code}.rates.${c}`, start);
            periods!.forEach((p, i) => expectSourced(p.sources, `${d.code}.rates.${c}[${i}]`));
          }
        }
      });

      it("fees and territories", () => {
        const start = j.rules[0]!.from;
        j.fees.forEach((f, i) => {
          const where = `${j.jurisdiction}.fees[${i}] ${f.id}`;
          expect(isCalendarDate(f.from) && f.from >= start, `${where}: starts within coverage`).toBe(true);
          if (f.to !== undefined) expect(isCalendarDate(f.to) && f.to > f.from, `${where}: ${f.from} → ${f.to}`).toBe(true);
          expectSourced(f.sources, where);
          if (f.destination !== undefined) expect(j.destinations.map((d) => d.code), where).toContain(f.destination);
        });
        j.territories.forEach((t) => expectSourced(t.sources, `${j.jurisdiction}.territories.${t.code}`));
      });
    });
  }
});

describe("values", () => {
  it("every category used anywhere is in the vocabulary, and every destination defines all of them", () => {
    const vocabulary = new Set<string>(CATEGORIES);
    for (const j of jurisdictions) {
      for (const d of j.destinations) {
        for (const c of Object.keys(d.rates)) expect(vocabulary.has(c), `${d.code} uses undefined category ${c}`).toBe(true);
        expect(Object.keys(d.rates).sort(), `${d.code} defines every category`).toEqual([...CATEGORIES].sort());
      }
      for (const [where, periods] of rulePeriods(j)) {
        for (const p of periods) for (const c of p.exclusions.categories) expect(vocabulary.has(c), `${where} excludes undefined category ${c}`).toBe(true);
      }
    }
  });

  it("rates are decimal fraction strings in [0, 1) (or follow the standard rate)", () => {
    for (const j of jurisdictions) {
      for (const d of j.destinations) {
        for (const c of CATEGORIES) {
          for (const p of d.rates[c]!) {
            if (c === "standard") expect(p.rate, `${d.code} standard from ${p.from}`).toMatch(RATE);
            else expect(p.rate === "standard" || RATE.test(p.rate), `${d.code} ${c} from ${p.from}: ${p.rate}`).toBe(true);
          }
        }
      }
    }
  });

  it("rulesFor() resolves every category to a rate in [0, 1) on every rule segment of every destination", () => {
    for (const code of listDestinations()) {
      for (const date of ruleChangeDates(code)) {
        const r = rulesFor(code, date);
        for (const c of CATEGORIES) {
          expect(r.rates[c], `${code} ${c} on ${date}`).toMatch(RATE);
          expect(Number(r.rates[c])).toBeLessThan(1);
        }
        expect(r.standardRate).toBe(r.rates.standard);
      }
    }
  });

  it("thresholds and other amounts are positive decimal strings", () => {
    for (const j of jurisdictions) {
      for (const [where, periods] of rulePeriods(j)) {
        periods.forEach((p, i) => {
          const at = `${where}[${i}]`;
          expect(positive(p.threshold.amount), `${at}.threshold.amount ${p.threshold.amount}`).toBe(true);
          if (p.registration.amount !== undefined) expect(positive(p.registration.amount), `${at}.registration.amount`).toBe(true);
          if (p.registration.alsoRequires) expect(positive(p.registration.alsoRequires.amount), `${at}.registration.alsoRequires.amount`).toBe(true);
          if (p.border.relief) expect(positive(p.border.relief.amount), `${at}.border.relief.amount`).toBe(true);
          if (p.border.dutyRelief) expect(positive(p.border.dutyRelief.amount), `${at}.border.dutyRelief.amount`).toBe(true);
        });
      }
      j.fees.forEach((f) => {
        expect(positive(f.amount), `${f.id}.amount ${f.amount}`).toBe(true);
        if (f.maxConsignmentValue) expect(positive(f.maxConsignmentValue.amount), `${f.id}.maxConsignmentValue`).toBe(true);
      });
    }
  });

  it("currencies are consistent with the jurisdiction and with what the calculator assumes", () => {
    for (const j of jurisdictions) {
      // regime.ts tests thresholds at 2 decimals: every jurisdiction currency must have 2 minor units.
      expect(MINOR_UNITS[j.currency], `${j.jurisdiction} currency ${j.currency} has 2 minor units`).toBe(2);
      for (const [where, periods] of rulePeriods(j)) {
        periods.forEach((p, i) => {
          const at = `${where}[${i}]`;
          expect(p.threshold.currency, `${at}.threshold.currency`).toBe(j.currency);
          expect(p.returns.currency, `${at}.returns.currency`).toBe(j.currency);
          if (p.registration.currency !== undefined) expect(p.registration.currency, `${at}.registration.currency`).toBe(j.currency);
          if (p.registration.alsoRequires) expect(MINOR_UNITS[p.registration.alsoRequires.currency], `${at}.registration.alsoRequires.currency`).toBeDefined();
          // border.ts compares the reliefs with values converted to the jurisdiction currency.
          if (p.border.relief) expect(p.border.relief.currency, `${at}.border.relief.currency`).toBe(j.currency);
          if (p.border.dutyRelief) expect(p.border.dutyRelief.currency, `${at}.border.dutyRelief.currency`).toBe(j.currency);
        });
      }
      for (const f of j.fees) {
        expect(MINOR_UNITS[f.currency], `${f.id} currency ${f.currency}`).toBeDefined();
        // The limit may be in another currency than the fee (RO: RON 25 on parcels under EUR 150); border.ts converts to it.
        if (f.maxConsignmentValue) expect(MINOR_UNITS[f.maxConsignmentValue.currency], `${f.id}.maxConsignmentValue.currency`).toBeDefined();
      }
    }
  });
});
