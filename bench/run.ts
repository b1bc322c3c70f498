/**
 * Benchmark: `npm run bench` (a few minutes: the 10-million-row engines run is most of it) or `npm run bench:smoke` (= `npm run bench -- --smoke`, seconds, for CI).
 *
 * Prints a table and writes bench/results.json (gitignored). The library is measured as
 * built (bench/lib.ts compiles src/ with esbuild, as tsup does). Sections:
 *  - quote() throughput and p50/p99 latency for fixed shipments (bench/shipments.ts), each
 *    next to a *floor*: the same arithmetic in plain JS numbers with no validation, no
 *    exact decimals and no explanation (`floorQuote` below). quote/floor says what the
 *    SDK's guarantees cost; a regression in our code moves it, a faster machine does not.
 *    Three rounds (`--rounds=N`), each timing every shipment and its floor once; the table
 *    shows each round's ratio and their median, which the targets use.
 *  - rulesFor() lookups per second;
 *  - cold start: a fresh `node` importing dist/index.js and running one quote;
 *  - the ledger returns benchmark (bench/returns.ts, another engineer's) when it exists;
 *  - the browser bundle size (scripts/check-size.ts, same budget file as `npm run size`).
 *
 * Flags: --smoke (short runs, tiny returns run), --quote-only (the quote table alone), --check (exit 1 when a target is missed;
 * off by default: timing on shared CI machines is too noisy to gate on).
 *
 * Timings are single-threaded (one JS thread; V8's GC helpers may use a second core).
 * To profile what this measures: `npx tsx bench/profile.ts --help`.
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { Bench } from "tinybench";
import type { DestinationRules, Quote, QuoteInput } from "../src/index.js";
import { measureBundles, zodInRulesFor, type BundleMeasure } from "../scripts/check-size.js";

/** "destination-vat" or "destination-vat/au" for a measured entry (src/index.ts, src/generated/entries/au.ts, dist/au.js). */
const entryName = (entry: string) => {
  const sub = /(?:entries\/|dist\/)([a-z]+)\.(?:ts|js)$/.exec(entry)?.[1];
  return sub && sub !== "index" ? `destination-vat/${sub}` : "destination-vat";
};
import { loadLibrary } from "./lib.js";
import { HEADLINE, SHIPMENTS } from "./shipments.js";

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const smoke = process.argv.includes("--smoke");
const gate = process.argv.includes("--check");
/** --quote-only: the quote()/floor table alone (for comparing runs quickly while changing the hot path). */
const quoteOnly = process.argv.includes("--quote-only");

/** Per-task time budgets in ms. */
const TIME = smoke ? { run: 250, warmup: 250 } : { run: 1500, warmup: 750 };
/** Rounds of the quote table: each round measures every shipment and its floor once; the ratios are their medians (issue 15). */
const ROUNDS = smoke ? 1 : Number(process.argv.find((a) => a.startsWith("--rounds="))?.slice(9) ?? 3);

const TARGETS = {
  headlineQuotesPerSecond: 150_000,
  headlineFloorRatio: 10,
  everyFloorRatio: 12,
  returnsRowsPerSecond: 400_000,
  engineSpeedup: 10,
  rulesForPerSecond: 2_000_000,
  coldStartMs: 150,
} as const;

const { DATA_VERSION, VatError, listDestinations, quote, rulesFor } = await loadLibrary();

const notes: string[] = [];
const note = (s: string) => notes.push(s);

// ------------------------------------------------------------------ the floor
/**
 * Plain-number constants for the floor, read from the rules before timing starts
 * (the floor is allowed to have its tables ready; quote() has them cached too).
 */
interface FloorRules {
  currency: string;
  rate: Record<string, number>;
  threshold: number;
  item: boolean;
  inclusive: boolean;
  excluded: Set<string>;
  excludeWholeOrder: boolean;
  deliveryTaxed: boolean;
  invoiceRounding: boolean;
}

function floorRules(r: DestinationRules): FloorRules {
  return {
    currency: r.currency,
    rate: Object.fromEntries(Object.entries(r.rates).map(([c, v]) => [c, Number(v)])),
    threshold: Number(r.threshold.amount),
    item: r.threshold.basis === "item",
    inclusive: r.threshold.inclusive,
    excluded: new Set(r.exclusions.categories),
    excludeWholeOrder: r.exclusions.scope === "consignment",
    deliveryTaxed: r.deliveryTaxed,
    invoiceRounding: r.rounding.default === "invoice",
  };
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The naive baseline: the same steps as quote() — parse amounts, convert for the
 * threshold, test it per item or per consignment, send excluded and over-threshold
 * lines to the border, apportion shipping by value, tax each part at its line's rate,
 * round per line or per invoice, estimate border VAT and duty — in float arithmetic,
 * trusting the input, and with no explanation, warnings, registration or fees.
 */
function floorQuote(s: QuoteInput, k: FloorRules) {
  const lines = s.lines;
  const n = lines.length;
  const fx = s.currency === k.currency ? 1 : Number(s.exchangeRates![`${s.currency}/${k.currency}`] ?? 1 / Number(s.exchangeRates![`${k.currency}/${s.currency}`]));
  const incl = s.pricesIncludeTax === true;
  const amount = new Array<number>(n);
  const rate = new Array<number>(n);
  const ok = new Array<boolean>(n);
  let goods = 0;
  let intrinsic = 0;
  let anyExcluded = false;
  for (let i = 0; i < n; i++) {
    const l = lines[i]!;
    const price = Number(l.unitPrice);
    const cat = l.category ?? "standard";
    rate[i] = k.rate[cat]!;
    amount[i] = price * l.quantity;
    goods += amount[i]!;
    const unitNet = incl ? price / (1 + rate[i]!) : price;
    intrinsic += unitNet * l.quantity;
    const excluded = k.excluded.has(cat) || l.excise === true;
    anyExcluded ||= excluded;
    const item = r2(unitNet * fx);
    ok[i] = !excluded && (k.item ? (k.inclusive ? item <= k.threshold : item < k.threshold) : true);
  }
  if (!k.item) {
    const tested = r2(intrinsic * fx);
    const within = k.inclusive ? tested <= k.threshold : tested < k.threshold;
    for (let i = 0; i < n; i++) ok[i] = ok[i]! && within;
  }
  if (anyExcluded && k.excludeWholeOrder) ok.fill(false);
  const shipping = s.shipping === undefined ? 0 : Number(s.shipping);
  let shipLeft = shipping;
  let net = 0;
  let tax = 0;
  let exactTax = 0;
  let onDelivery = 0;
  for (let i = 0; i < n; i++) {
    const share = i === n - 1 ? r2(shipLeft) : r2((shipping * amount[i]!) / goods);
    shipLeft -= share;
    const base = amount[i]! + share;
    if (ok[i]) {
      const t = (k.deliveryTaxed ? base : amount[i]!) * rate[i]!;
      exactTax += t;
      tax += r2(t);
      net += base;
    } else {
      const duty = r2(amount[i]! * Number(lines[i]!.dutyRate ?? 0));
      onDelivery += duty + r2((base + duty) * rate[i]!);
      net += base;
    }
  }
  if (k.invoiceRounding) tax = r2(exactTax);
  return { net: r2(net), tax: r2(tax), gross: r2(net + tax), onDelivery: r2(onDelivery) };
}

// ------------------------------------------------------------------ timing helpers
interface Timing {
  perSecond: number;
  p50us: number;
  p99us: number;
  samples: number;
}

let sink = 0;

/** Per-call latency samples and throughput (calls / total time) for a function that takes ≳ 1 µs. */
async function timeCalls(name: string, fn: () => unknown): Promise<Timing> {
  const bench = new Bench({ time: TIME.run, warmupTime: TIME.warmup, iterations: 1, throws: true });
  bench.add(name, fn);
  await bench.run();
  const r = bench.tasks[0]!.result;
  if (r.state !== "completed") throw new Error(`${name}: ${r.state}${"error" in r ? ` ${String(r.error)}` : ""}`);
  return { perSecond: 1000 / r.period, p50us: r.latency.p50 * 1000, p99us: r.latency.p99 * 1000, samples: r.latency.samplesCount };
}

/** For sub-microsecond functions: each sample is a batch of `batch` calls, so timer overhead does not dominate. */
async function timeBatched(name: string, batch: number, fn: (i: number) => number): Promise<Timing> {
  const t = await timeCalls(name, () => {
    let acc = 0;
    for (let i = 0; i < batch; i++) acc += fn(i);
    sink += acc;
  });
  return { perSecond: t.perSecond * batch, p50us: t.p50us / batch, p99us: t.p99us / batch, samples: t.samples };
}

// ------------------------------------------------------------------ sections
interface QuoteRow {
  key: string;
  label: string;
  destination: string;
  lines: number;
  quote?: Timing;
  floor?: Timing;
  /** floor/s ÷ quote/s, median over the rounds (quote and floor above are the median round's). */
  ratio?: number;
  /** The ratio of each round, in order. */
  ratios?: number[];
  /** quote p50 / floor p50: the same ratio from median latencies, which a busy machine's preemptions move far less than throughput. */
  ratioP50?: number;
  /** The floor's checkout tax agrees with quote()'s (same arithmetic, to the cent). */
  floorAgrees?: boolean;
  skipped?: string;
}

async function quoteSection(): Promise<QuoteRow[]> {
  const rows: QuoteRow[] = [];
  const floors = new Map<string, FloorRules>();
  for (const s of SHIPMENTS) {
    const row: QuoteRow = { key: s.key, label: s.label, destination: s.input.destination, lines: s.input.lines.length };
    rows.push(row);
    let r: DestinationRules;
    let first: Quote;
    try {
      r = rulesFor(s.input.destination, s.input.date);
      first = quote(s.input);
    } catch (e) {
      if (e instanceof VatError && e.code === "UNKNOWN_DESTINATION") {
        row.skipped = `no ${s.input.destination} data yet (UNKNOWN_DESTINATION)`;
        note(`${s.label}: skipped, ${row.skipped}.`);
        continue;
      }
      throw e;
    }
    const k = floorRules(r);
    const f = floorQuote(s.input, k);
    row.floorAgrees = f.tax === Number(first.totals.tax);
    if (!row.floorAgrees) note(`${s.label}: the floor's checkout tax ${f.tax} differs from quote()'s ${first.totals.tax}; the floor is not doing the same arithmetic.`);
    floors.set(s.key, k);
  }
  // Round by round over every shipment, so that a busy spell of the machine spreads over the cases instead of sinking one.
  const rounds = new Map<string, { quote: Timing; floor: Timing; ratio: number }[]>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const s of SHIPMENTS) {
      const k = floors.get(s.key);
      if (!k) continue;
      const q = await timeCalls(`quote ${s.key}`, () => quote(s.input));
      const f = await timeBatched(`floor ${s.key}`, 100, () => floorQuote(s.input, k).tax);
      rounds.set(s.key, [...(rounds.get(s.key) ?? []), { quote: q, floor: f, ratio: f.perSecond / q.perSecond }]);
    }
  }
  for (const row of rows) {
    const rs = rounds.get(row.key);
    if (!rs) continue;
    const median = [...rs].sort((a, b) => a.ratio - b.ratio)[rs.length >> 1]!;
    row.quote = median.quote;
    row.floor = median.floor;
    row.ratio = median.ratio;
    row.ratios = rs.map((r) => r.ratio);
    row.ratioP50 = median.quote.p50us / median.floor.p50us;
  }
  return rows;
}

async function rulesForSection(): Promise<{ perSecond: number; p50ns: number; lookups: number }> {
  // A mix of destinations and dates (every destination, today and each date its rules change), as a checkout cluster would see.
  const pairs: [string, string][] = [];
  for (const d of listDestinations()) {
    pairs.push([d, "2026-11-02"]);
    const r = rulesFor(d, "2026-11-02");
    pairs.push([d.toLowerCase(), r.from]);
  }
  for (const [d, date] of pairs) rulesFor(d, date); // compile every segment before timing
  const n = pairs.length;
  const t = await timeBatched("rulesFor", 1000, (i) => rulesFor(pairs[i % n]![0], pairs[i % n]![1]).dataVersion.length);
  return { perSecond: t.perSecond, p50ns: t.p50us * 1000, lookups: n };
}

interface ColdStart {
  /** import("dist/index.js") + first quote, measured inside a fresh process: the target. */
  importAndFirstQuoteMs: number;
  /** Process start → first quote returned (adds Node's own start-up, which no package can shorten). */
  processToFirstQuoteMs: number;
  importMs: number;
  firstQuoteMs: number;
  nodeBootMs: number;
  runs: number;
}

async function ensureDist(): Promise<string | undefined> {
  const dist = join(root, "dist/index.js");
  const newest = (dir: string): number =>
    Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)));
  const stale = !existsSync(dist) || statSync(dist).mtimeMs < newest(join(root, "src"));
  if (stale) {
    try {
      await run("npx", ["tsup"], { cwd: root, timeout: 180_000 });
      note("dist/ was missing or older than src/: rebuilt with `npx tsup` before the cold-start run.");
    } catch (e) {
      if (!existsSync(dist)) {
        note(`cold start skipped: dist/index.js is missing and \`npx tsup\` failed (${(e as Error).message.split("\n")[0]}).`);
        return undefined;
      }
      note("dist/ is older than src/ and `npx tsup` failed: cold start measured on the existing (stale) build.");
    }
  }
  return dist;
}

async function coldStartSection(input: QuoteInput): Promise<ColdStart | undefined> {
  const dist = await ensureDist();
  if (!dist) return undefined;
  const script = `
    const t0 = performance.now();
    const m = await import(${JSON.stringify(pathToFileURL(dist).href)});
    const t1 = performance.now();
    const q = m.quote(${JSON.stringify(input)});
    const t2 = performance.now();
    if (!q.totals) process.exit(2);
    process.stdout.write(JSON.stringify({ boot: t0, importMs: t1 - t0, quoteMs: t2 - t1, total: t2 }));`;
  const runs = smoke ? 3 : 11;
  const samples: { boot: number; importMs: number; quoteMs: number; total: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], { cwd: root, timeout: 30_000 });
    samples.push(JSON.parse(stdout));
  }
  const med = (f: (s: (typeof samples)[number]) => number) => {
    const v = samples.map(f).sort((a, b) => a - b);
    return v[v.length >> 1]!;
  };
  return {
    processToFirstQuoteMs: med((s) => s.total),
    importAndFirstQuoteMs: med((s) => s.importMs + s.quoteMs),
    importMs: med((s) => s.importMs),
    firstQuoteMs: med((s) => s.quoteMs),
    nodeBootMs: med((s) => s.boot),
    runs,
  };
}

interface ReturnsRun {
  rows: number;
  rowsPerSecond?: number;
  peakRssMB?: number;
  wallSeconds: number;
  parsedFrom: "json" | "text" | "none";
  output: string;
}

/** Finds rows/s and peak RSS in bench/returns.ts output: a JSON object if it prints one, else the text. */
function parseReturnsOutput(stdout: string): { rowsPerSecond?: number; peakRssMB?: number; parsedFrom: ReturnsRun["parsedFrom"] } {
  for (const line of stdout.trim().split("\n").reverse()) {
    const t = line.trim();
    if (!t.startsWith("{")) continue;
    try {
      const j = JSON.parse(t) as Record<string, unknown>;
      const num = (re: RegExp) => {
        const k = Object.keys(j).find((key) => re.test(key) && typeof j[key] === "number");
        return k === undefined ? undefined : (j[k] as number);
      };
      const rps = num(/rows.*(per.?s|\/s)|throughput/i);
      const rssBytes = num(/rss.*bytes/i);
      const rssMB = num(/rss/i);
      if (rps !== undefined || rssMB !== undefined) {
        const peakRssMB = rssBytes !== undefined ? rssBytes / 2 ** 20 : rssMB;
        return { ...(rps !== undefined ? { rowsPerSecond: rps } : {}), ...(peakRssMB !== undefined ? { peakRssMB } : {}), parsedFrom: "json" };
      }
    } catch {
      // not JSON: fall through to the text patterns
    }
  }
  const n = (s: string) => Number(s.replace(/[,_\s]/g, ""));
  const scale = (u: string | undefined) => (u === undefined ? 1 : /^k/i.test(u) ? 1e3 : /^m/i.test(u) ? 1e6 : 1);
  const rps = /([\d][\d,_.]*)\s*([kKmM])?\s*rows\s*\/\s*s/.exec(stdout) ?? /rows\s*\/\s*s[^\d]*([\d][\d,_.]*)\s*([kKmM])?/i.exec(stdout);
  const rss = /peak\s*rss[^\d]*([\d][\d,_.]*)\s*(KiB|KB|kB|MiB|MB|GiB|GB|B)?/i.exec(stdout);
  const rssUnit = (u: string | undefined) => (!u || /^M/i.test(u) ? 1 : /^G/i.test(u) ? 1024 : /^K/i.test(u) ? 1 / 1024 : 1 / 2 ** 20);
  return {
    ...(rps ? { rowsPerSecond: n(rps[1]!) * scale(rps[2]) } : {}),
    ...(rss ? { peakRssMB: n(rss[1]!) * rssUnit(rss[2]) } : {}),
    parsedFrom: rps || rss ? "text" : "none",
  };
}

async function returnsSection(): Promise<ReturnsRun[] | undefined> {
  const file = join(root, "bench/returns.ts");
  if (!existsSync(file)) {
    note("returns: bench/returns.ts does not exist yet; section skipped.");
    return undefined;
  }
  const out: ReturnsRun[] = [];
  for (const rows of smoke ? [10_000] : [1_000_000, 5_000_000]) {
    const t0 = performance.now();
    const opts = { cwd: root, timeout: 15 * 60_000, maxBuffer: 16 * 2 ** 20 };
    try {
      // Ask for JSON; a script that does not take --json may refuse it, so ask again plainly.
      const { stdout } = await run("npx", ["tsx", "bench/returns.ts", String(rows), "--json"], opts).catch(() => run("npx", ["tsx", "bench/returns.ts", String(rows)], opts));
      const p = parseReturnsOutput(stdout);
      out.push({ rows, ...p, wallSeconds: (performance.now() - t0) / 1000, output: stdout.trim().split("\n").slice(-6).join("\n") });
      if (p.parsedFrom === "none") note(`returns ${rows} rows: could not find rows/s or peak RSS in its output (kept in results.json).`);
    } catch (e) {
      note(`returns ${rows} rows: failed (${(e as Error).message.split("\n")[0]}).`);
    }
  }
  return out;
}

/** The streaming engine on CSV against DuckDB on Parquet, one run of bench/duckdb.ts (10M rows; 20k in smoke). */
interface EnginesRun {
  rows: number;
  runs: { engine: string; input: string; fileMB: number; seconds: number; rowsPerSecond: number; peakRssMB: number }[];
  speedup: number;
  target: number;
}

async function enginesSection(): Promise<EnginesRun | undefined> {
  const rows = smoke ? 20_000 : 10_000_000;
  try {
    const { stdout } = await run("npx", ["tsx", "bench/duckdb.ts", String(rows), "--json"], { cwd: root, timeout: 30 * 60_000, maxBuffer: 16 * 2 ** 20 });
    return JSON.parse(stdout.trim().split("\n").pop()!) as EnginesRun;
  } catch (e) {
    note(`return engines (bench/duckdb.ts ${rows} rows): failed (${(e as Error).message.split("\n")[0]}).`);
    return undefined;
  }
}

async function bundleSection(): Promise<{ sizes: BundleMeasure[]; rulesForPullsZod: boolean } | undefined> {
  try {
    const sizes = await measureBundles();
    const z = await zodInRulesFor();
    return { sizes, rulesForPullsZod: z.modules.length > 0 || z.markers.length > 0 };
  } catch (e) {
    note(`bundle size: not measured (${(e as Error).message.split("\n")[0]}).`);
    return undefined;
  }
}

// ------------------------------------------------------------------ report
const fmtInt = (n: number) => Math.round(n).toLocaleString("en-US");
const fmtUs = (n: number) => (n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0));
const pad = (s: string, w: number, right = false) => (right ? s.padStart(w) : s.padEnd(w));

function table(head: string[], rows: string[][], rightFrom = 1) {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => pad(c, w[i]!, i >= rightFrom)).join("  ");
  return [line(head), w.map((n) => "-".repeat(n)).join("  "), ...rows.map(line)].join("\n");
}

async function main() {
  const started = Date.now();
  const loadBefore = loadavg()[0]!;
  console.log(`destination-vat bench${smoke ? " (smoke)" : ""}: node ${process.version}, ${cpus()[0]?.model ?? "cpu"} ×${cpus().length}, data ${DATA_VERSION}, ${listDestinations().length} destinations\n`);

  const quotes = await quoteSection();
  const rules = quoteOnly ? { perSecond: NaN, p50ns: NaN, lookups: 0 } : await rulesForSection();
  const headlineInput = SHIPMENTS.find((s) => s.key === HEADLINE)!.input;
  const cold = quoteOnly ? undefined : await coldStartSection(headlineInput);
  const returns = quoteOnly ? undefined : await returnsSection();
  const engines = quoteOnly ? undefined : await enginesSection();
  const bundle = quoteOnly ? undefined : await bundleSection();

  console.log(
    table(
      ["quote()", "lines", "quotes/s", "p50 µs", "p99 µs", "floor/s", "quote/floor", "rounds", "p50 ratio", "floor agrees"],
      quotes.map((q) =>
        q.quote && q.floor
          ? [q.label, String(q.lines), fmtInt(q.quote.perSecond), fmtUs(q.quote.p50us), fmtUs(q.quote.p99us), fmtInt(q.floor.perSecond), `${q.ratio!.toFixed(1)}×`, q.ratios!.map((r) => r.toFixed(1)).join(" · "), `${q.ratioP50!.toFixed(1)}×`, q.floorAgrees ? "yes" : "NO"]
          : [q.label, String(q.lines), "skipped", "", "", "", "", "", "", ""],
      ),
    ),
  );
  console.log();
  const other: string[][] = rules.lookups === 0 ? [] : [[`rulesFor() lookups/s (${rules.lookups} destination/date pairs)`, fmtInt(rules.perSecond)]];
  if (cold) {
    other.push(["cold start: import dist + first quote (ms)", cold.importAndFirstQuoteMs.toFixed(1)]);
    other.push(["  import / first quote (ms)", `${cold.importMs.toFixed(1)} / ${cold.firstQuoteMs.toFixed(1)}`]);
    other.push(["  with Node's own start-up: process start → first quote (ms)", `${cold.processToFirstQuoteMs.toFixed(1)} (boot ${cold.nodeBootMs.toFixed(1)})`]);
  }
  for (const r of returns ?? []) {
    other.push([`returns ${fmtInt(r.rows)} rows: rows/s`, r.rowsPerSecond === undefined ? "?" : fmtInt(r.rowsPerSecond)]);
    other.push([`returns ${fmtInt(r.rows)} rows: peak RSS (MB)`, r.peakRssMB === undefined ? "?" : r.peakRssMB.toFixed(0)]);
  }
  for (const r of engines?.runs ?? []) other.push([`return --engine ${r.engine} on ${fmtInt(engines!.rows)} ${r.input} rows: rows/s · peak RSS (MB)`, `${fmtInt(r.rowsPerSecond)} · ${r.peakRssMB}`]);
  if (engines) other.push(["  duckdb / streaming rows/s (target ≥ 10×)", `${engines.speedup}×`]);
  for (const s of bundle?.sizes ?? []) other.push([`bundle ${s.import} from ${entryName(s.entry)}, browser, min+gzip (CI gate ${(s.limit / 1000).toFixed(1)} kB)`, `${(s.gzip / 1000).toFixed(1)} kB`]);
  if (bundle) other.push(["bundle { rulesFor } alone pulls in zod", bundle.rulesForPullsZod ? "yes" : "no"]);
  console.log(table(["measure", "value"], other));

  const head = quotes.find((q) => q.key === HEADLINE);
  const targets = [
    { target: `${head?.label ?? HEADLINE} ≥ ${fmtInt(TARGETS.headlineQuotesPerSecond)} quotes/s`, value: head?.quote?.perSecond, met: head?.quote ? head.quote.perSecond >= TARGETS.headlineQuotesPerSecond : undefined },
    { target: `${head?.label ?? HEADLINE} quote/floor ≤ ${TARGETS.headlineFloorRatio} (median of ${ROUNDS} rounds)`, value: head?.ratio, met: head?.ratio !== undefined ? head.ratio <= TARGETS.headlineFloorRatio : undefined },
    ...quotes.map((q) => ({ target: `${q.label} quote/floor ≤ ${TARGETS.everyFloorRatio}`, value: q.ratio, met: q.ratio !== undefined ? q.ratio <= TARGETS.everyFloorRatio : undefined })),
    ...(returns ?? [])
      .filter((r) => r.rows >= 1_000_000)
      .map((r) => ({ target: `returns ${fmtInt(r.rows)} rows ≥ ${fmtInt(TARGETS.returnsRowsPerSecond)} rows/s`, value: r.rowsPerSecond, met: r.rowsPerSecond === undefined ? undefined : r.rowsPerSecond >= TARGETS.returnsRowsPerSecond })),
    { target: `return --engine duckdb ≥ ${TARGETS.engineSpeedup}× the streaming engine's rows/s (${fmtInt(engines?.rows ?? (smoke ? 20_000 : 10_000_000))} rows)`, value: engines?.speedup, met: engines ? engines.speedup >= TARGETS.engineSpeedup : undefined },
    { target: `rulesFor() ≥ ${fmtInt(TARGETS.rulesForPerSecond)} lookups/s`, value: rules.perSecond, met: rules.lookups === 0 ? undefined : rules.perSecond >= TARGETS.rulesForPerSecond },
    { target: `cold start ≤ ${TARGETS.coldStartMs} ms (import dist + first quote, fresh process)`, value: cold?.importAndFirstQuoteMs, met: cold ? cold.importAndFirstQuoteMs <= TARGETS.coldStartMs : undefined },
    // Each check's target ("Target N KB" in .size-limit.json; the CI gate may sit above it, see its note).
    ...(bundle?.sizes ?? []).map((s) => {
      const target = s.target ?? s.limit;
      return { target: `bundle ${s.import} from ${entryName(s.entry)} ≤ ${(target / 1000).toFixed(0)} kB gzip (CI gate ${(s.limit / 1000).toFixed(1)} kB)`, value: s.gzip, met: s.gzip <= target };
    }),
  ];
  console.log();
  console.log(table(["target", "met"], targets.map((t) => [t.target, t.met === undefined ? "not measured" : t.met ? "yes" : "no"]), 9));
  if (smoke) notes.unshift("smoke run: short timings, for catching breakage rather than for comparing numbers.");
  const load = Math.max(loadBefore, loadavg()[0]!);
  if (load > 0.5 * cpus().length) notes.push(`the machine was busy (1-minute load average up to ${load.toFixed(2)} on ${cpus().length} cores): timings are pessimistic; rerun on an idle machine to compare.`);
  if (notes.length) console.log(`\nnotes:\n${notes.map((n) => `  - ${n}`).join("\n")}`);

  const results = {
    date: new Date().toISOString(),
    mode: smoke ? "smoke" : "full",
    node: process.version,
    cpu: cpus()[0]?.model,
    cores: cpus().length,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    loadAverage: { before: loadBefore, after: loadavg()[0] },
    dataVersion: DATA_VERSION,
    destinations: listDestinations().length,
    timeBudgetMs: TIME,
    quote: quotes,
    rulesFor: rules,
    coldStart: cold ?? null,
    returns: returns ?? null,
    engines: engines ?? null,
    bundle: bundle ?? null,
    targets,
    notes,
    seconds: (Date.now() - started) / 1000,
    sink,
  };
  writeFileSync(join(root, "bench/results.json"), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote bench/results.json (${results.seconds.toFixed(1)} s)`);
  if (gate && targets.some((t) => t.met === false)) process.exitCode = 1;
}

await main();
