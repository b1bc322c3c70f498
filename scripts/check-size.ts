/**
 * Size budget for the browser bundle, and a tree-shaking check.
 *
 *   tsx scripts/check-size.ts           bundle each entry of .size-limit.json, compare with its limit
 *   tsx scripts/check-size.ts --dist    start from dist/index.js (run `npm run build` first) instead of src/
 *   tsx scripts/check-size.ts --json    print the measurements as JSON
 *
 * The budgets live in .size-limit.json, in size-limit's own format, so `size-limit`
 * reads the same file. The budget for `quote` covers every destination's data tables and
 * all dependencies, because a checkout page loads it on the critical path to show
 * tax-inclusive prices: 60 KB gzip is ~0.3 s on Lighthouse's slow-4G profile. This script exists because size-limit 14 (and its rolldown
 * plugin) needs Node ≥ 22.19 while the package supports Node 20: it does what
 * size-limit's `import` check does — bundle `import { … }` for the browser with
 * everything it pulls in, minify, gzip — with esbuild and node:zlib.
 *
 * It also bundles `rulesFor` alone, from the library compiled to one module as tsup
 * does, and fails if zod reaches that bundle: a rule lookup must stay light. zod is in
 * no `{ quote }` bundle either (quote() runs the validator compiled from its schema,
 * src/generated/quote-input-validator.ts; only plan() and exportRoute() parse with zod):
 * a check whose import names quote fails when zod is in it.
 */
import { build, type Metafile } from "esbuild";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

interface SizeLimitCheck {
  name: string;
  path: string;
  import?: string;
  limit: string;
  gzip?: boolean;
}

export interface BundleMeasure {
  name: string;
  import: string;
  entry: string;
  minified: number;
  gzip: number;
  brotli: number;
  limit: number;
  /** The budget the project aims at ("Target N KB" in the check's name), when it differs from the CI gate. */
  target: number | undefined;
  ok: boolean;
  /** Bytes of minified output per origin (zod, decimal.js, data tables, …), largest first. */
  composition: { origin: string; bytes: number }[];
  /** LEDGER_READER_MARKERS found in the bundle: tree-shaking should leave the ledger readers out. */
  ledgerReaders: string[];
  /** ZOD_MARKERS and zod modules found in a bundle that imports quote: it validates without zod. */
  zod: string[];
}

/** Text only the ledger readers hold (they read streams): none may appear in a `{ quote }` bundle. */
export const LEDGER_READER_MARKERS = ["is never closed into a record", "getReader"];

/**
 * Names that only exist in zod's runtime: none may appear in a rulesFor-only bundle, nor in a
 * `{ quote }` one. (Issue codes such as "unrecognized_keys" are no markers: the generated
 * validator reports zod's issues with zod's codes.)
 */
export const ZOD_MARKERS = ["ZodError", "$ZodType", "safeParse", "strictObject", "_zod", "__zod_globalConfig"];

function parseLimit(limit: string): number {
  const m = /^\s*([\d.]+)\s*(B|KB|kB|MB)?\s*$/.exec(limit);
  if (!m) throw new Error(`cannot read limit ${JSON.stringify(limit)}`);
  const unit = m[2] === "MB" ? 1000 * 1000 : m[2] === "KB" || m[2] === "kB" ? 1000 : 1;
  // size-limit's bytes-iec style: "60 KB" is 60,000 bytes.
  return Math.round(Number(m[1]) * unit);
}

function origin(input: string): string {
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (nm) return nm[1]!;
  if (input.includes("src/generated/")) return "data tables (src/generated)";
  return "destination-vat code";
}

/** The source module tsup builds `dist/<name>.js` from: src/index.ts, or a generated jurisdiction entry. */
export function sourceOf(path: string): string {
  const name = /^dist\/(.+)\.js$/.exec(path)?.[1];
  if (!name) throw new Error(`cannot map ${path} to a source entry`);
  return name === "index" ? "./src/index.ts" : name === "tax-id" ? "./src/tax-id/index.ts" : `./src/generated/entries/${name}.ts`;
}

/** A browser bundle of `export names from entry` (a source module or a dist file), as measureBundles builds it. */
export async function bundle(names: string, entry: string, minify: boolean) {
  const res = await build({
    stdin: { contents: `export ${names} from ${JSON.stringify(entry)};`, resolveDir: root, loader: "ts" },
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify,
    treeShaking: true,
    metafile: true,
    logLevel: "silent",
  });
  return { code: res.outputFiles[0]!.contents, meta: res.metafile };
}

function composition(meta: Metafile) {
  const by = new Map<string, number>();
  for (const out of Object.values(meta.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(out.inputs)) by.set(origin(input), (by.get(origin(input)) ?? 0) + bytesInOutput);
  }
  return [...by].map(([o, bytes]) => ({ origin: o, bytes })).sort((a, b) => b.bytes - a.bytes);
}

/** Bundle every check of .size-limit.json and measure it. */
export async function measureBundles(opts: { dist?: boolean } = {}): Promise<BundleMeasure[]> {
  const checks = JSON.parse(readFileSync(join(root, ".size-limit.json"), "utf8")) as SizeLimitCheck[];
  const out: BundleMeasure[] = [];
  for (const c of checks) {
    const entry = opts.dist ? `./${c.path}` : sourceOf(c.path);
    const names = c.import ?? "*";
    const { code, meta } = await bundle(names, entry, true);
    const gzip = gzipSync(code, { level: 9 }).length;
    const target = /Target ([\d.]+ ?[kK]B)/.exec(c.name)?.[1];
    const brotli = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    const limit = parseLimit(c.limit);
    const measured = c.gzip === false ? brotli : gzip;
    const text = new TextDecoder().decode(code);
    const ledgerReaders = names === "*" ? [] : LEDGER_READER_MARKERS.filter((m) => text.includes(m));
    const zod = /\bquote\b/.test(names) ? [...ZOD_MARKERS.filter((m) => text.includes(m)), ...Object.values(meta.outputs).flatMap((o) => Object.entries(o.inputs).filter(([p, v]) => v.bytesInOutput > 0 && p.includes("node_modules/zod/")).map(([p]) => p))] : [];
    out.push({
      name: c.name,
      import: names,
      entry,
      minified: code.length,
      gzip,
      brotli,
      limit,
      target: target === undefined ? undefined : parseLimit(target),
      ok: measured <= limit && ledgerReaders.length === 0 && zod.length === 0,
      composition: composition(meta),
      ledgerReaders,
      zod,
    });
  }
  return out;
}

/**
 * The library as one ES module with its dependencies left as imports — what tsup writes to
 * dist/index.js. Tree-shaking happens inside that one file, so top-level code that touches
 * zod keeps zod in every consumer's bundle even when src/ modules look clean one by one.
 */
async function libraryModule(): Promise<string> {
  const res = await build({
    entryPoints: [join(root, "src/index.ts")],
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    // As tsup: dependencies stay imports, devDependencies (stdnum) are bundled.
    external: Object.keys((JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { dependencies: Record<string, string> }).dependencies),
    logLevel: "silent",
  });
  return res.outputFiles[0]!.text;
}

/** A consumer's browser bundle of `import { names }` from the library module (minified or not), gzipped size and the modules in it. */
export async function bundleFromLibrary(names: string, opts: { dist?: boolean; minify?: boolean } = {}): Promise<{ text: string; gzip: number; modules: string[] }> {
  const lib = opts.dist ? readFileSync(join(root, "dist/index.js"), "utf8") : await libraryModule();
  const res = await build({
    stdin: { contents: `export ${names} from "destination-vat:lib";`, resolveDir: root, loader: "js" },
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2022",
    treeShaking: true,
    minify: opts.minify ?? false,
    metafile: true,
    logLevel: "silent",
    plugins: [
      {
        name: "library-module",
        setup(b) {
          b.onResolve({ filter: /^destination-vat:lib$/ }, () => ({ path: "lib", namespace: "destination-vat" }));
          // dist/index.js imports the chunks tsup splits out (shared with the jurisdiction entries) from beside it.
          b.onLoad({ filter: /.*/, namespace: "destination-vat" }, () => ({ contents: lib, loader: "js", resolveDir: opts.dist ? join(root, "dist") : root }));
        },
      },
    ],
  });
  const text = res.outputFiles[0]!.text;
  const modules = Object.values(res.metafile.outputs).flatMap((o) => Object.entries(o.inputs).filter(([, v]) => v.bytesInOutput > 0).map(([k]) => k));
  return { text, gzip: gzipSync(text, { level: 9 }).length, modules };
}

/** Bundle `rulesFor` alone from the library module (not minified, so names survive) and list what of zod got in. */
export async function zodInRulesFor(opts: { dist?: boolean } = {}): Promise<{ modules: string[]; markers: string[] }> {
  const { text, modules } = await bundleFromLibrary("{ rulesFor }", opts);
  return {
    modules: modules.filter((p) => p.includes("node_modules/zod/")),
    markers: ZOD_MARKERS.filter((m) => text.includes(m)),
  };
}

const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;

async function main() {
  const dist = process.argv.includes("--dist");
  const sizes = await measureBundles({ dist });
  const zod = await zodInRulesFor({ dist });
  if (process.argv.includes("--json")) {
    console.log(JSON.stringify({ sizes, rulesForZod: zod }, null, 2));
  } else {
    for (const s of sizes) {
      const target = s.target === undefined ? "" : `, target ${kb(s.target)}${s.gzip <= s.target ? " met" : " not met"}`;
      console.log(`${s.ok ? "ok  " : "FAIL"} ${s.import} from ${s.entry}: ${kb(s.gzip)} gzip (gate ${kb(s.limit)}${target}), ${kb(s.minified)} minified, ${kb(s.brotli)} brotli`);
      console.log(`     ${s.name}`);
      console.log(`     ${s.composition.map((c) => `${c.origin} ${kb(c.bytes)}`).join(", ")} (minified, before gzip)`);
      if (s.ledgerReaders.length) console.log(`FAIL ${s.import} bundles the ledger readers (found ${s.ledgerReaders.join(", ")})`);
      if (s.zod.length) console.log(`FAIL ${s.import} from ${s.entry} bundles zod (found ${s.zod.slice(0, 5).join(", ")})`);
    }
    const clean = zod.modules.length === 0 && zod.markers.length === 0;
    console.log(
      clean
        ? "ok   { rulesFor } alone does not bundle zod"
        : `FAIL { rulesFor } alone bundles zod: ${zod.modules.length} zod module(s)${zod.markers.length ? `; found ${zod.markers.join(", ")}` : ""}`,
    );
  }
  if (sizes.some((s) => !s.ok) || zod.modules.length || zod.markers.length) process.exitCode = 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
