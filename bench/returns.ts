/**
 * Ledger returns benchmark: `npx tsx bench/returns.ts [rows=1000000] [--json] [--no-id-check]`.
 *
 * Writes an N-row CSV ledger to a temporary directory (an EU IOSS October with 12
 * destinations including Monaco, standard and reduced rates, 25 % of entries in USD or
 * GBP, 4 % refunds, 5 % outside the period, 0.1 % malformed rows), then runs the
 * command line on it — `destination-vat return <ledger> --jurisdiction EU --period
 * 2026-10 --rates <ecb.csv> --json`, src/cli/bin.ts compiled by esbuild as tsup builds
 * it — in a child `node` process, and prints entries per second (wall time of that
 * process, start-up included) and its peak resident set size, which the child reports
 * itself from process.resourceUsage().maxRSS as it exits.
 *
 * Why a child process: this script runs under tsx, whose module hooks add a second V8
 * isolate (~35 MB of RSS) and per-closure wrappers that the shipped CLI does not have;
 * the ledger generator's memory would count too. The child is what users run.
 *
 * Targets (not gated here): 200,000 rows/s on one core, peak RSS ≤ 150 MB, flat as the
 * ledger grows. The duplicate-id check keeps ~10 bytes per entry; `--no-id-check`
 * (passed on to the CLI) measures the flat configuration.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { buildCli, writeLedger } from "./ledger-file.js";
import type { ReturnSummary } from "../src/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const rows = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const asJson = args.includes("--json");
const cliFlags = args.includes("--no-id-check") ? ["--no-id-check"] : [];

const cacheDir = join(root, "node_modules/.cache/destination-vat-bench");
mkdirSync(cacheDir, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), "dv-returns-"));
const { cli, hook } = await buildCli(cacheDir);
try {
  const ledger = join(dir, "ledger.csv");
  const rates = join(dir, "ecb.csv");
  // 2026-10-31 is a Saturday: the ECB's next publication day is Monday 2 November.
  writeFileSync(rates, "date,from,to,rate\n2026-11-02,EUR,USD,1.1642\n2026-11-02,EUR,GBP,0.87215\n");
  const g0 = performance.now();
  await writeLedger(ledger, rows);
  const generated = (performance.now() - g0) / 1000;

  const argv = ["--import", hook, cli, "return", ledger, "--jurisdiction", "EU", "--period", "2026-10", "--rates", rates, "--json", ...cliFlags];
  const t0 = performance.now();
  const { stdout, stderr } = await promisify(execFile)(process.execPath, argv, { maxBuffer: 256 * 2 ** 20 });
  const seconds = (performance.now() - t0) / 1000;
  const rss = /BENCH_RSS (\d+)/.exec(stderr);
  if (!rss) throw new Error(`the CLI did not report its RSS: ${stderr.slice(0, 500)}`);
  const summary = JSON.parse(stdout) as ReturnSummary;
  if (summary.counts.input !== rows) throw new Error(`read ${summary.counts.input} entries of ${rows}`);

  const peak = Number(rss[1]);
  const result = {
    rows,
    fileMB: Math.round(statSync(ledger).size / 2 ** 20),
    seconds: Number(seconds.toFixed(2)),
    rowsPerSecond: Math.round(rows / seconds),
    peakRssBytes: peak,
    peakRssMB: Math.round(peak / 2 ** 20),
    idCheck: cliFlags.length === 0,
    counts: summary.counts,
    totals: summary.totals,
    node: process.version,
  };
  if (asJson) console.log(JSON.stringify(result));
  else {
    console.log(`ledger: ${rows.toLocaleString("en-US")} rows, ${result.fileMB} MB (written in ${generated.toFixed(1)} s)`);
    console.log(`destination-vat return${cliFlags.length ? ` ${cliFlags.join(" ")}` : ""}: ${seconds.toFixed(2)} s → ${result.rowsPerSecond.toLocaleString("en-US")} rows/s, peak RSS ${result.peakRssMB} MB`);
    console.log(`counts: ${JSON.stringify(summary.counts)} · totals: ${JSON.stringify(summary.totals)}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  rmSync(cli, { force: true });
  rmSync(hook, { force: true });
}
