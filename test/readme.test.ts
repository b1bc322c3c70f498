/** The README's code example and the output it claims, kept true. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { quote } from "../src/index.js";

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
