/**
 * Builds the playground (examples/playground/) into site/playground/index.html: one HTML file
 * with the page script inlined, so it works offline from file:// (Chromium does not load ES
 * modules from file:// URLs) and from any static host.
 *
 *   npm run playground     builds the library (tsup) and then this page
 *
 * The script is bundled from the package's ESM build (dist/index.js), as a site that installs
 * destination-vat from npm would bundle it.
 */
import { build } from "esbuild";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const esm = join(root, "dist/index.js");
if (!existsSync(esm)) {
  console.error("playground: dist/index.js is missing; run `npm run build` first (`npm run playground` does).");
  process.exit(1);
}

const res = await build({
  entryPoints: [join(root, "examples/playground/main.ts")],
  bundle: true,
  write: false,
  format: "iife",
  platform: "browser",
  target: "es2022",
  minify: true,
  alias: { "destination-vat": esm },
  logLevel: "warning",
});
const script = res.outputFiles[0]!.text.replace(/<\/script/gi, "<\\/script");
const template = readFileSync(join(root, "examples/playground/index.html"), "utf8");
if (!template.includes("<!-- playground script -->")) throw new Error("examples/playground/index.html lost its <!-- playground script --> marker");
const html = template.replace("<!-- playground script -->", () => `<script>\n${script}</script>`);
const out = join(root, "site/playground/index.html");
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, html);
console.log(`playground: wrote ${out.slice(root.length + 1)} (${(html.length / 1000).toFixed(1)} kB, ${(gzipSync(html).length / 1000).toFixed(1)} kB gzip); open it in a browser, no server needed`);
