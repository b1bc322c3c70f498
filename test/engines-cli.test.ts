/** `return --engine duckdb` (CSV and Parquet) gives the streaming engine's output; `audit` finds split consignments in both engines. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { DuckDBInstance } from "@duckdb/node-api";
import { run } from "../src/cli/main.js";
import type { ReturnSummary } from "../src/index.js";

async function cli(...args: string[]) {
  let out = "";
  let err = "";
  const code = await run(args, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), "dv-engines-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const EU = ["--jurisdiction", "EU", "--period", "2026-10", "--rates", "examples/ledgers/ecb-2026-10.csv"];

describe("destination-vat return --engine duckdb", () => {
  it("prints the example ledger's return exactly as the streaming engine does, from CSV and from Parquet", async () => {
    // The streaming engine names a rejected entry by its file line (its readers count physical lines); DuckDB by its position.
    const streaming = await cli("return", "examples/ledgers/eu-2026-10.csv", ...EU);
    const csv = await cli("return", "examples/ledgers/eu-2026-10.csv", ...EU, "--engine", "duckdb");
    const position = (r: { out: string }) => ({ ...r, out: r.out.replace(/^ {2}(line|entry) \d+ /gm, "  # ") });
    expect(position(csv)).toEqual(position(streaming));
    const parquet = join(dir, "eu-2026-10.parquet");
    const db = await (await DuckDBInstance.create(":memory:")).connect();
    await db.run(`COPY (SELECT * FROM read_csv('examples/ledgers/eu-2026-10.csv', all_varchar = true, header = true)) TO '${parquet}' (FORMAT parquet)`);
    db.closeSync();
    const fromParquet = await cli("return", parquet, ...EU, "--engine", "duckdb", "--json");
    const fromCsv = await cli("return", "examples/ledgers/eu-2026-10.csv", ...EU, "--json");
    const withoutLines = (s: ReturnSummary) => ({ ...s, rejected: s.rejected.map(({ line: _, ...r }) => r) });
    expect(JSON.parse(fromParquet.out)).toEqual(withoutLines(JSON.parse(fromCsv.out) as ReturnSummary));
  });

  it("refuses what only the streaming engine does, in one line", async () => {
    for (const [args, why] of [
      [["-"], /reads a file \(CSV or Parquet\), not standard input/],
      [["examples/ledgers/eu-2026-10.csv", "--reconcile"], /--reconcile re-quotes each entry in JavaScript/],
      [["missing.parquet"], /cannot read missing\.parquet: no such file/],
    ] as const) {
      const r = await cli("return", ...args, ...EU, "--engine", "duckdb");
      expect(r.code).toBe(2);
      expect(r.err).toMatch(why);
      expect(r.err.trim().split("\n")).toHaveLength(1);
    }
  });

  it("says in one line why when @duckdb/node-api cannot be loaded, and names the streaming engine", async () => {
    vi.resetModules();
    vi.doMock("@duckdb/node-api", () => {
      throw new Error("no prebuilt binary for this platform");
    });
    try {
      const { run: runMocked } = await import("../src/cli/main.js");
      let err = "";
      const code = await runMocked(["return", "examples/ledgers/eu-2026-10.csv", ...EU, "--engine", "duckdb"], () => {}, (s) => (err += s));
      expect(code).toBe(2);
      expect(err).toMatch(/^error: the DuckDB engine is unavailable here \(@duckdb\/node-api could not be loaded: .*\); install it with "npm install @duckdb\/node-api", or drop --engine duckdb to use the streaming engine\n$/);
    } finally {
      vi.doUnmock("@duckdb/node-api");
      vi.resetModules();
    }
  });
});

describe("destination-vat audit", () => {
  const ledger = join(dir, "split.csv");
  writeFileSync(
    ledger,
    [
      "id,date,destination,currency,net,tax,rate,category,type,original_id,consignee",
      "A-1,2026-10-05,FR,EUR,90.00,18.00,0.2,standard,sale,,c-42",
      "A-2,2026-10-05,FR,EUR,80.00,16.00,0.2,standard,sale,,c-42",
      "B-1,2026-10-05,DE,EUR,40.00,7.60,0.19,standard,sale,,c-7",
      "R-1,2026-10-06,FR,EUR,10.00,2.00,0.2,,refund,A-1,c-42",
      "",
    ].join("\n"),
  );

  it("prints the split consignment with the rule, its consequence and its sources (EU: EUR 90 + 80 over EUR 150)", async () => {
    const r = await cli("audit", ledger, "--jurisdiction", "EU");
    expect(r.code).toBe(0);
    expect(r.out).toContain("consignee c-42 → FR, 2026-10-05: 2 sales, together EUR 170.00 (over EUR 150; each within)");
    expect(r.out).toContain("consequence: When the consignment as a whole is over EUR 150 it cannot be declared under IOSS");
    expect(r.out).toContain("https://eur-lex.europa.eu/eli/dir/2006/112/oj");
    expect(r.out).toContain("entries: 4 read · 3 considered · 1 skipped");
  });

  it("finds the same groups with --engine duckdb", async () => {
    const a = JSON.parse((await cli("audit", ledger, "--jurisdiction", "EU", "--json")).out);
    const b = JSON.parse((await cli("audit", ledger, "--jurisdiction", "EU", "--json", "--engine", "duckdb")).out);
    expect(b.groups).toEqual(a.groups);
    expect(b.counts.input).toBe(4);
  });

  it("rejects a bad window", async () => {
    const r = await cli("audit", ledger, "--jurisdiction", "EU", "--window", "soon");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--window must be a whole number of days/);
  });
});
