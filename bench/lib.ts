/**
 * The library as it ships: src/index.ts compiled by esbuild (what tsup runs) with the
 * dependencies left as imports, so the numbers are those of dist/ without waiting for a
 * full build with declarations. Measuring src/ through tsx instead would add tsx's
 * per-closure `__name` calls to every quote.
 */
import { build } from "esbuild";
import { mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export type Library = typeof import("../src/index.js");

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export async function loadLibrary(): Promise<Library> {
  const dir = join(root, "node_modules/.cache/destination-vat-bench");
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `lib-${process.pid}.mjs`);
  await build({
    entryPoints: [join(root, "src/index.ts")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    packages: "external",
    outfile,
    logLevel: "silent",
  });
  try {
    return (await import(pathToFileURL(outfile).href)) as Library;
  } finally {
    rmSync(outfile, { force: true });
  }
}
