/**
 * The synthetic IOSS ledger the returns benchmarks read: an EU October with 12
 * destinations including Monaco, standard and reduced rates, 25 % of entries in USD or
 * GBP, 4 % refunds, 5 % outside the period, 0.1 % malformed rows. Deterministic (seeded).
 */
import { once } from "node:events";
import { createWriteStream, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

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

export async function writeLedger(path: string, n: number): Promise<void> {
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


/** The CLI as tsup builds it (dependencies left as imports), plus a preload that reports the process's peak RSS on exit. */
export async function buildCli(dir: string): Promise<{ cli: string; hook: string }> {
  const cli = join(dir, `cli-${process.pid}.mjs`);
  await build({ entryPoints: [join(root, "src/cli/bin.ts")], bundle: true, format: "esm", platform: "node", target: "node20", packages: "external", outfile: cli, logLevel: "silent" });
  const hook = join(dir, `rss-hook-${process.pid}.mjs`);
  // Linux's maxRSS keeps the high-water mark of the forking parent across exec (the bench process, DuckDB and all):
  // the child's own peak is VmHWM in /proc/self/status, where there is one.
  const report = [
    'import { readFileSync } from "node:fs";',
    "process.on(\"exit\", () => {",
    "  let kb = process.resourceUsage().maxRSS;",
    "  try { const m = /VmHWM:\\s+(\\d+) kB/.exec(readFileSync(\"/proc/self/status\", \"utf8\")); if (m) kb = Number(m[1]); } catch {}",
    "  process.stderr.write(`\\nBENCH_RSS ${kb * 1024}\\n`);",
    "});",
  ];
  writeFileSync(hook, `${report.join("\n")}\n`);
  return { cli, hook };
}

