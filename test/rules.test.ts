/**
 * Rule lookup, checked against the hand-edited data files with an independent reading
 * of them: for every change in the data, the day before keeps the old value and the
 * day itself has the new one. A new period in data/ brings its own tests.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CATEGORIES, listDestinations, ruleChangeDates, rulesFor } from "../src/index.js";

type Period = { from: string; to?: string; rate?: string };
const dataDir = join(import.meta.dirname, "..", "data");
const read = (p: string) => JSON.parse(readFileSync(join(dataDir, p), "utf8"));

/** destination code → category → periods, straight from data/. */
const tables = new Map<string, Record<string, Period[]>>();
for (const f of readdirSync(dataDir).filter((f) => /^[A-Z]{2}\.json$/.test(f))) {
  for (const d of read(f).destinations) tables.set(d.code, d.rates);
}
for (const f of readdirSync(join(dataDir, "EU")).filter((f) => /^[A-Z]{2}\.json$/.test(f) && f !== "EU.json")) {
  const m = read(`EU/${f}`);
  tables.set(m.destination, m.rates);
}

function expectedRate(rates: Record<string, Period[]>, category: string, date: string): string {
  const pick = (c: string) => rates[c]!.find((p) => p.from <= date && (p.to === undefined || date < p.to))!;
  const r = pick(category).rate!;
  return r === "standard" ? pick("standard").rate! : r;
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

describe("every rate boundary in the data", () => {
  for (const [code, rates] of tables) {
    const boundaries = new Set<string>();
    for (const periods of Object.values(rates)) for (const p of periods) if (p.to) boundaries.add(p.to);
    for (const date of [...boundaries].sort()) {
      it(`${code}: ${dayBefore(date)} keeps the old rates, ${date} has the new`, () => {
        for (const d of [dayBefore(date), date]) {
          const r = rulesFor(code, d);
          for (const c of CATEGORIES) expect(`${c} ${r.rates[c]}`).toBe(`${c} ${expectedRate(rates, c, d)}`);
        }
      });
    }
    it(`${code}: first covered day has the first rates and the day before is out of range`, () => {
      const first = rates.standard![0]!.from;
      expect(rulesFor(code, first).standardRate).toBe(rates.standard![0]!.rate);
      expect(() => rulesFor(code, dayBefore(first))).toThrowError(expect.objectContaining({ code: "DATE_OUT_OF_RANGE" }));
    });
  }
});

describe("segments", () => {
  it("the rule period returned contains the date and rates are constant inside it", () => {
    for (const code of listDestinations()) {
      const dates = ruleChangeDates(code);
      dates.forEach((from, i) => {
        const r = rulesFor(code, from);
        expect(r.from).toBe(from);
        expect(r.to).toBe(dates[i + 1] ?? null);
        if (r.to) expect(rulesFor(code, dayBefore(r.to)).rates).toEqual(r.rates);
      });
    }
  });

  it("is an index lookup returning the same frozen object", () => {
    const a = rulesFor("FR", "2026-11-22");
    expect(rulesFor("fr", "2026-11-23")).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a.rates)).toBe(true);
  });
});

describe("spot checks against official sources (test/fixtures/spot-checks)", () => {
  const dir = join(import.meta.dirname, "fixtures", "spot-checks");
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    const checks: { destination: string; date: string; category: string; rate: string; source: string }[] = JSON.parse(readFileSync(join(dir, f), "utf8"));
    for (const c of checks) {
      it(`${c.destination} ${c.category} on ${c.date} is ${c.rate} (${c.source})`, () => {
        expect(rulesFor(c.destination, c.date).rates[c.category as (typeof CATEGORIES)[number]]).toBe(c.rate);
      });
    }
  }
});
