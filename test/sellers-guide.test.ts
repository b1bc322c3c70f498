/** docs/sellers.md walks one Korean seller's plan: its input, the plan and the export route it prints are kept true. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { run } from "../src/cli/main.js";
import { plan } from "../src/index.js";

const root = join(import.meta.dirname, "..");
const guide = readFileSync(join(root, "docs", "sellers.md"), "utf8");
const block = (tag: string) => {
  const m = new RegExp(`<!-- ${tag}:start -->\\s*\`\`\`\\w+\\n([\\s\\S]*?)\`\`\`\\s*<!-- ${tag}:end -->`).exec(guide);
  if (!m) throw new Error(`docs/sellers.md has no ${tag} block`);
  return m[1]!;
};
async function cli(...args: string[]) {
  let out = "";
  let err = "";
  const code = await run(args, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

it("shows the example seller file as it is", () => {
  expect(JSON.parse(block("sellers-input"))).toEqual(JSON.parse(readFileSync(join(root, "examples/sellers/kr-seller.json"), "utf8")));
});

it("prints the plan the guide shows", async () => {
  const r = await cli("plan", "examples/sellers/kr-seller.json");
  expect(r.code).toBe(0);
  expect(r.out).toBe(block("sellers-plan"));
});

it("the statuses the guide's code comment claims", () => {
  const p = plan(JSON.parse(readFileSync(join(root, "examples/sellers/kr-seller.json"), "utf8")));
  expect(p.jurisdictions.map((j) => [j.jurisdiction, j.registration.status])).toEqual([["AU", "not-yet-required"], ["GB", "required"], ["EU", "optional"], ["NO", "required"]]);
});

it("prints the export route the guide shows", async () => {
  const r = await cli("export-route", "--origin", "KR", "--fob", "1500000", "--currency", "KRW", "--date", "2026-12-03");
  expect(r.code).toBe(0);
  expect(r.out).toBe(block("sellers-route"));
});

it("documents every plan warning and error code it names", () => {
  for (const code of ["SELLER_ESTABLISHED_IN_DESTINATION", "UNKNOWN_COUNTRY", "MISSING_EXCHANGE_RATE"]) expect(guide).toContain(`\`${code}\``);
  const src = ["plan.ts", "export-route.ts", "country.ts"].map((f) => readFileSync(join(root, "src/plan", f), "utf8")).join("\n");
  for (const m of src.matchAll(/code: "([A-Z_]+)"/g)) expect(guide).toContain(`\`${m[1]}\``);
});
