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
import { once } from "node:events";
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import type { ReturnSummary } from "../src/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const rows = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const asJson = args.includes("--json");
const cliFlags = args.includes("--no-id-check") ? ["--no-id-check"] : [];

/** Destination, rates charged there in October 2026 (standard first). */
const DESTINATIONS: [string, string[]][] = [
  ["FR", ["0.2", "0.055"]],
  ["DE", ["0.19", "0.07"]],
  ["IT", ["0.22", "0.04"]],
  ["ES", ["0.21", "0.04"]],
  ["NL", ["0.21", "0.09"]],
  ["BE", ["0.21", "0.06"]],
  ["PL", ["0.23", "0.05"]],
  ["SE", ["0.25", "0.06"]],
  ["IE", ["0.23", "0"]],
  ["AT", ["0.2", "0.1"]],
  ["FI", ["0.255", "0.135"]],
  ["MC", ["0.2", "0.055"]],
];
const CURRENCIES = ["EUR", "EUR", "EUR", "USD", "EUR", "EUR", "GBP", "EUR"];

/** Integer cents as "123.45", without floats. */
const cents = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, "0")}`;

async function writeLedger(path: string, n: number): Promise<void> {
  const out = createWriteStream(path);
  let buf = "id,date,destination,currency,net,tax,rate,category,type,original_id\n";
  let seed = 42;
  const rand = (m: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    return (seed >>> 8) % m;
  };
  for (let i = 0; i < n; i++) {
    const [dest, rates] = DESTINATIONS[rand(DESTINATIONS.length)]!;
    const reduced = rand(5) === 0;
    const rate = rates[reduced ? 1 : 0]!;
    const currency = CURRENCIES[rand(CURRENCIES.length)]!;
    const net = 500 + rand(14_500);
    // tax = round(net × rate) in integer arithmetic: rate has at most 3 decimals.
    const rateMilli = Number(rate.replace("0.", "").padEnd(3, "0"));
    const tax = Math.floor((net * rateMilli + 500) / 1000);
    const outside = rand(20) === 0;
    const day = 1 + rand(31);
    const date = outside ? `2026-${rand(2) ? "09" : "11"}-${String(Math.min(day, 30)).padStart(2, "0")}` : `2026-10-${String(day).padStart(2, "0")}`;
    const refund = i > 100 && rand(25) === 0;
    let line = refund
      ? `R${i},${date},${dest},${currency},${cents(net)},${cents(tax)},${rate},,refund,S${i - 1 - rand(100)}\n`
      : `S${i},${date},${dest},${currency},${cents(net)},${cents(tax)},${rate},${reduced ? "books" : "standard"},sale,\n`;
    if (rand(1000) === 0) line = `S${i},${date},${dest},${currency},12.345,x,${rate},,sale,\n`; // malformed amounts
    buf += line;
    if (buf.length >= 1 << 20) {
      if (!out.write(buf)) await once(out, "drain");
      buf = "";
    }
  }
  out.end(buf);
  await once(out, "finish");
}

/** The CLI as tsup builds it (dependencies left as imports), plus a preload that reports maxRSS on exit. */
async function buildCli(dir: string): Promise<{ cli: string; hook: string }> {
  const cli = join(dir, `cli-${process.pid}.mjs`);
  await build({ entryPoints: [join(root, "src/cli/bin.ts")], bundle: true, format: "esm", platform: "node", target: "node20", packages: "external", outfile: cli, logLevel: "silent" });
  const hook = join(dir, `rss-hook-${process.pid}.mjs`);
  writeFileSync(hook, 'process.on("exit", () => process.stderr.write(`\\nBENCH_RSS ${process.resourceUsage().maxRSS * 1024}\\n`));\n');
  return { cli, hook };
}

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
