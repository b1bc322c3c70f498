/** The command line, called in-process through run(): output, exit codes, errors on stderr. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../src/cli/main.js";
import { PACKAGE_VERSION } from "../src/cli/version.js";
import { DATA_VERSION } from "../src/index.js";

async function cli(...args: string[]) {
  let out = "";
  let err = "";
  const code = await run(args, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

describe("destination-vat CLI", () => {
  it("--version prints package and data versions", async () => {
    const r = await cli("--version");
    expect(r.code).toBe(0);
    expect(r.out).toContain(`destination-vat ${PACKAGE_VERSION} (data ${DATA_VERSION})`);
  });

  it("keeps the CLI version in step with package.json", () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, "..", "package.json"), "utf8"));
    expect(PACKAGE_VERSION).toBe(pkg.version);
  });

  it("quotes the demo shipment as a table and as JSON", async () => {
    const table = await cli("quote", "examples/shipments/fr-ioss-fx.json");
    expect(table.code).toBe(0);
    expect(table.out).toContain("regime: vendor-collection");
    expect(table.out).toContain("payable at checkout: 88.60 USD");
    const json = await cli("quote", "examples/shipments/fr-ioss-fx.json", "--json");
    expect(JSON.parse(json.out).totals).toEqual({ net: "76.40", tax: "12.20", gross: "88.60" });
  });

  it("prints the rules in force", async () => {
    const r = await cli("rates", "FR", "--date", "2026-11-22");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/books\s+5\.5%/);
    expect(r.out).toContain("threshold: ≤ 150 EUR per consignment");
  });

  it("exits 2 with one clear line for bad input, no stack trace", async () => {
    const r = await cli("rates", "ZZ", "--date", "2026-11-22");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error UNKNOWN_DESTINATION at destination: /);
    expect(r.err).not.toContain("    at ");
    const missing = await cli("quote", "no-such-file.json");
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("no-such-file.json");
  });

  it("exits 2 on unknown verbs and missing options", async () => {
    expect((await cli("frobnicate")).code).toBe(2);
    expect((await cli("rates", "FR")).code).toBe(2);
  });
});
