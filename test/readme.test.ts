/** The README's code example and the output it claims, kept true. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { quote, rulesFor } from "../src/index.js";

const readme = readFileSync(join(import.meta.dirname, "..", "README.md"), "utf8");
const between = (tag: string) => {
  const m = new RegExp(`<!-- ${tag}:start -->\\s*\`\`\`\\w+\\n([\\s\\S]*?)\`\`\`\\s*<!-- ${tag}:end -->`).exec(readme);
  if (!m) throw new Error(`README has no ${tag} block`);
  return m[1]!;
};

it("README example prints what the README says", () => {
  const code = between("readme-example");
  const input = new Function("quote", `${code.replace(/^import .*$/m, "").replace("const q = quote(", "return quote(")}`)(quote);
  const claimed = JSON.parse(between("readme-output"));
  const actual = {
    regime: input.regime,
    collector: input.collector,
    scheme: input.scheme,
    threshold: { tested: input.threshold.tested, currency: input.threshold.currency, within: input.threshold.within },
    totals: input.totals,
    landedPrice: input.landedPrice,
  };
  expect(actual).toEqual(claimed);
});

it("README's first screen gives the two set-up commands", () => {
  const firstScreen = readme.split("\n").slice(0, 12).join("\n");
  expect(firstScreen).toContain("npm ci && npm run demo");
  expect(firstScreen).toContain("npm test");
});

it("README's destinations table agrees with the data", () => {
  const block = /<!-- readme-destinations:start -->\n([\s\S]*?)<!-- readme-destinations:end -->/.exec(readme)![1]!;
  const rows = block.trim().split("\n").slice(2).map((l) => l.split("|").slice(1, -1).map((c) => c.trim()));
  expect(rows.map((r) => r[0])).toEqual(["AU", "NZ", "NO", "GB", "XI", "SG", "EU (27 states)"]);
  const num = (s: string) => s.replace(/,/g, "").replace(/M$/, "000000");
  for (const [dest, since, threshold, , scheme, registers, returns] of rows as string[][]) {
    const code = dest === "EU (27 states)" ? "FR" : dest!;
    const r = rulesFor(code, "2026-11-22");
    // Coverage starts on `since`: the day before is out of range.
    expect(rulesFor(code, since!).destination, dest).toBe(code);
    expect(() => rulesFor(code, subDays(since!)), dest).toThrow(expect.objectContaining({ code: "DATE_OUT_OF_RANGE" }));
    const m = /^(\w{3}) ([\d,]+) per (item|consignment) \((≤|<)\)$/.exec(threshold!)!;
    expect([m[1], num(m[2]!), m[3], m[4] === "≤"], dest).toEqual([r.threshold.currency, r.threshold.amount, r.threshold.basis, r.threshold.inclusive]);
    expect(scheme, dest).toBe(r.scheme);
    const [period, currency] = returns!.split(", ");
    expect([period, currency], dest).toEqual([r.returnPeriod, r.returns.currency]);
    if (r.registration.kind === "turnover") expect(num(registers!), dest).toContain(r.registration.amount);
    else expect(registers, dest).toMatch(r.registration.kind === "optional" ? /optional/ : /first sale/);
  }
});

function subDays(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
