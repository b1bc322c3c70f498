/**
 * The two return engines side by side: `npx tsx bench/duckdb.ts [rows=10000000] [--json]`.
 *
 * Writes the synthetic IOSS ledger (bench/ledger-file.ts) as CSV into a temporary
 * directory, converts it to Parquet with DuckDB (typed: DATE, DECIMAL amounts and rates), then runs the command line on each in a
 * child `node` process: the streaming engine on the CSV, `--engine duckdb` on the Parquet
 * file. Prints rows/s (wall time of the process, start-up included) and peak RSS (the
 * child's own maxRSS) for both, checks that both summaries agree, and removes the files.
 *
 * The streaming engine uses one core; DuckDB uses every core it finds (2 here).
 * Target: DuckDB ≥ 10× the streaming engine's rows/s.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { DuckDBInstance } from "@duckdb/node-api";
import type { ReturnSummary } from "../src/index.js";
import { buildCli, writeLedger } from "./ledger-file.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const rows = Number(args.find((a) => /^\d+$/.test(a)) ?? 10_000_000);
const asJson = args.includes("--json");

interface EngineRun {
  engine: "streaming" | "duckdb";
  input: string;
  fileMB: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMB: number;
}

const cacheDir = join(root, "node_modules/.cache/destination-vat-bench");
mkdirSync(cacheDir, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), "dv-engines-"));
const { cli, hook } = await buildCli(cacheDir);

async function runCli(engine: EngineRun["engine"], ledger: string, rates: string): Promise<{ run: EngineRun; summary: ReturnSummary }> {
  const argv = ["--import", hook, cli, "return", ledger, "--jurisdiction", "EU", "--period", "2026-10", "--rates", rates, "--json", "--engine", engine];
  const t0 = performance.now();
  const { stdout, stderr } = await promisify(execFile)(process.execPath, argv, { maxBuffer: 512 * 2 ** 20 });
  const seconds = (performance.now() - t0) / 1000;
  const rss = /BENCH_RSS (\d+)/.exec(stderr);
  if (!rss) throw new Error(`the CLI did not report its RSS: ${stderr.slice(0, 500)}`);
  const summary = JSON.parse(stdout) as ReturnSummary;
  if (summary.counts.input !== rows) throw new Error(`${engine}: read ${summary.counts.input} entries of ${rows}`);
  const run = { engine, input: ledger.endsWith(".parquet") ? "Parquet" : "CSV", fileMB: Math.round(statSync(ledger).size / 2 ** 20), seconds: Number(seconds.toFixed(2)), rowsPerSecond: Math.round(rows / seconds), peakRssMB: Math.round(Number(rss[1]) / 2 ** 20) };
  return { run, summary };
}

try {
  const csv = join(dir, "ledger.csv");
  const parquet = join(dir, "ledger.parquet");
  const rates = join(dir, "ecb.csv");
  writeFileSync(rates, "date,from,to,rate\n2026-11-02,EUR,USD,1.1642\n2026-11-02,EUR,GBP,0.87215\n");
  const g0 = performance.now();
  await writeLedger(csv, rows);
  const db = await (await DuckDBInstance.create(":memory:")).connect();
  // Typed as a warehouse holds a ledger: dates as DATE, amounts and rates as DECIMAL. A field the type cannot hold (the
  // CSV's malformed tax "x") is NULL there: both engines reject the entry, so the figures still agree.
  await db.run(`COPY (SELECT id, TRY_CAST("date" AS DATE) AS "date", destination, currency, TRY_CAST(net AS DECIMAL(18, 3)) AS net, TRY_CAST(tax AS DECIMAL(18, 3)) AS tax,
      TRY_CAST(rate AS DECIMAL(9, 6)) AS rate, category, "type", original_id
    FROM read_csv('${csv}', all_varchar = true, header = true)) TO '${parquet}' (FORMAT parquet)`);
  db.closeSync();
  const generated = (performance.now() - g0) / 1000;

  const streaming = await runCli("streaming", csv, rates);
  const duck = await runCli("duckdb", parquet, rates);
  // The CSV's malformed rows are rejected by both engines alike; the figures must agree.
  for (const k of ["counts", "totals", "rows", "refunds"] as const) {
    if (JSON.stringify(streaming.summary[k]) !== JSON.stringify(duck.summary[k])) throw new Error(`the engines disagree on ${k}`);
  }
  const speedup = Number((duck.run.rowsPerSecond / streaming.run.rowsPerSecond).toFixed(1));
  const result = { rows, runs: [streaming.run, duck.run], speedup, target: 10, node: process.version };
  if (asJson) console.log(JSON.stringify(result));
  else {
    console.log(`ledger: ${rows.toLocaleString("en-US")} rows (CSV and Parquet written in ${generated.toFixed(1)} s); summaries agree`);
    for (const r of result.runs) console.log(`${r.engine.padEnd(9)} ${r.input.padEnd(7)} ${String(r.fileMB).padStart(5)} MB  ${r.seconds.toFixed(2).padStart(7)} s  ${r.rowsPerSecond.toLocaleString("en-US").padStart(11)} rows/s  peak RSS ${r.peakRssMB} MB`);
    console.log(`duckdb / streaming: ${speedup}× (target ≥ 10×)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  rmSync(cli, { force: true });
  rmSync(hook, { force: true });
}
