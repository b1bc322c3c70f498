/** The command line, called in-process through run(): output, exit codes, errors on stderr. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { run, today } from "../src/cli/main.js";
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

  it("exits 2 on unknown verbs and missing arguments", async () => {
    expect((await cli("frobnicate")).code).toBe(2);
    expect((await cli("rates")).code).toBe(2);
  });
});

describe("what a new user tripped on (issue 16)", () => {
  const dir = mkdtempSync(join(tmpdir(), "dv-cli-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("quote <a directory> is one line on stderr and exit 2, not an internal error", async () => {
    const r = await cli("quote", dir);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`error: ${dir} is a directory; give a QuoteInput JSON file\n`);
  });

  it("quote reads a JSON file that starts with a UTF-8 byte order mark", async () => {
    const file = join(dir, "bom.json");
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync("examples/shipments/fr-ioss-fx.json")]));
    const r = await cli("quote", file, "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).totals.gross).toBe("88.60");
  });

  it("rates without --date uses today's date on this computer's calendar, and says so", async () => {
    const r = await cli("rates", "FR");
    expect(r.code).toBe(0);
    expect(r.out.split("\n")[0]).toBe(`rules in force today, ${today()} (no --date given)`);
    expect(today(new Date(2026, 0, 5, 23, 59))).toBe("2026-01-05"); // the local calendar day, not UTC's
  });

  it("the readable quote says in its header that the seller is assumed registered when registeredIn is not given", async () => {
    const file = join(dir, "gb.json");
    writeFileSync(file, JSON.stringify({ date: "2026-10-15", destination: "GB", currency: "GBP", lines: [{ unitPrice: "20.00", quantity: 1 }] }));
    const header = (await cli("quote", file)).out.split("\n").slice(0, 3);
    expect(header[1]).toBe('assumed: the seller is registered for GB-VAT (no seller.registeredIn given; pass "registeredIn": [] to quote it unregistered)');
    writeFileSync(file, JSON.stringify({ date: "2026-10-15", destination: "GB", currency: "GBP", lines: [{ unitPrice: "20.00", quantity: 1 }], seller: { registeredIn: ["GB"] } }));
    expect((await cli("quote", file)).out).not.toContain("assumed:");
  });

  it("the readable quote shows what the seller pays itself, and the customs value with its parts", async () => {
    expect((await cli("quote", "examples/shipments/fr-ioss-fx.json")).out).toContain("seller pays:         11.56 USD (border charges on the seller, estimate)");
    expect((await cli("quote", "examples/shipments/fr-over-150-border.json")).out).toContain("border: customs value 172.00 (goods 160.00 + transport 12.00), duty 20.64");
  });

  it("destinations prints each code's name and status", async () => {
    const r = await cli("destinations", "--date", "2026-11-22");
    expect(r.code).toBe(0);
    const line = (code: string) => r.out.split("\n").find((l) => l.startsWith(`${code} `))!.replace(/ +/g, " ");
    expect(line("FR")).toBe("FR France vendor collection (IOSS) for goods ≤ 150 EUR per consignment");
    expect(line("MC")).toBe("MC Monaco taxed as FR: vendor collection (IOSS) for goods ≤ 150 EUR per consignment");
    expect(line("IC")).toBe("IC Canary Islands outside the EU VAT area: no EU tax at checkout");
    expect(line("NO")).toBe("NO Norway vendor collection (VOEC) for goods < 3000 NOK per item");
    expect(r.out.trim().split("\n")).toHaveLength(1 + (await cli("destinations", "--json")).out.split(",").length);
  });
});

describe("destination-vat plan and export-route", () => {
  it("plan prints a readable report and --json the Plan", async () => {
    const text = await cli("plan", "examples/sellers/kr-seller.json");
    expect(text.code).toBe(0);
    expect(text.out).toContain("EU-established intermediary: required");
    const json = await cli("plan", "examples/sellers/kr-seller.json", "--json", "--date", "2028-01-15");
    const p = JSON.parse(json.out);
    expect(p.jurisdictions.find((j: { jurisdiction: string }) => j.jurisdiction === "EU").filing.returns[0]).toMatchObject({ period: "2028-01", due: "2028-02-29" });
  });
  it("bad input exits 2 with one line on stderr", async () => {
    const { writeFileSync, mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const file = join(mkdtempSync(join(tmpdir(), "plan-")), "seller.json");
    writeFileSync(file, JSON.stringify({ date: "2026-12-03", seller: { country: "XX" }, destinations: ["AU"] }));
    const r = await cli("plan", file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error UNKNOWN_COUNTRY at seller\.country: .+\n$/);
    writeFileSync(file, "{ not json");
    expect((await cli("plan", file)).code).toBe(2);
    const neg = await cli("export-route", "--origin", "KR", "--fob", "-1", "--currency", "KRW");
    expect(neg.code).toBe(2);
    expect(neg.err.split("\n").filter(Boolean)).toHaveLength(1);
    expect((await cli("export-route", "--origin", "KR", "--fob", "10", "--currency", "USD", "--rate", "oops")).code).toBe(2);
  });
  it("export-route converts with --rate and follows --drawback", async () => {
    const r = await cli("export-route", "--origin", "KR", "--fob", "1000", "--currency", "USD", "--rate", "USD/KRW=1385.20", "--drawback", "--date", "2026-12-03", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ route: "simplified", fob: { amount: "1385200", currency: "KRW" } });
  });
});
