/**
 * The library in an edge-style runtime: bundled for the browser with esbuild (as a checkout
 * page or an edge function bundles it) and run in a fresh node:vm context that has only the
 * JavaScript built-ins (V8 adds a console) — no process, Buffer, require, module, fetch or timers. It must load
 * and quote exactly as it does under Node.
 *
 * The bundle is an IIFE rather than an ES module because vm.SourceTextModule needs
 * --experimental-vm-modules, which the test runner does not pass; the module graph bundled
 * is the same one tsup builds dist/index.js from.
 */
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createContext, runInContext } from "node:vm";
import { describe, expect, it } from "vitest";
import * as node from "../src/index.js";

const root = join(import.meta.dirname, "..");

async function loadInFreshContext(entry: string): Promise<{ lib: typeof node; globals: Record<string, string> }> {
  const res = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    write: false,
    format: "iife",
    globalName: "destinationVat",
    platform: "browser",
    target: "es2022",
    minify: true,
    logLevel: "silent",
  });
  const context = createContext({});
  runInContext(res.outputFiles[0]!.text, context, { filename: entry });
  const globals = runInContext(
    `({ process: typeof process, Buffer: typeof Buffer, require: typeof require, module: typeof module, fetch: typeof fetch, setTimeout: typeof setTimeout })`,
    context,
  ) as Record<string, string>;
  return { lib: (context as { destinationVat: typeof node }).destinationVat, globals };
}

const shipment = (f: string): node.QuoteInput => JSON.parse(readFileSync(join(root, "examples/shipments", f), "utf8"));

describe("edge runtime (fresh node:vm context, no Node globals)", () => {
  it("has none of Node's globals in the context", async () => {
    const { globals } = await loadInFreshContext("src/index.ts");
    expect(globals).toEqual({ process: "undefined", Buffer: "undefined", require: "undefined", module: "undefined", fetch: "undefined", setTimeout: "undefined" });
  });

  it("quotes every example shipment from the default entry exactly as Node does", async () => {
    const { lib } = await loadInFreshContext("src/index.ts");
    expect(lib.DATA_VERSION).toBe(node.DATA_VERSION);
    for (const f of ["fr-ioss-fx.json", "au-mixed-basket.json", "nz-marketplace.json", "no-voec-basket.json", "gb-under-135.json", "sg-gst-2024.json", "xi-northern-ireland.json"]) {
      expect(JSON.stringify(lib.quote(shipment(f))), f).toBe(JSON.stringify(node.quote(shipment(f))));
    }
    expect(JSON.stringify(lib.rulesFor("FR", "2026-11-02"))).toBe(JSON.stringify(node.rulesFor("FR", "2026-11-02")));
  });

  it("returns a VatError with code and path for bad input, from a jurisdiction entry too", async () => {
    const { lib } = await loadInFreshContext("src/generated/entries/au.ts");
    const r = lib.safeQuote({ date: "2026-11-02", destination: "AU", currency: "AUD", lines: [{ unitPrice: "ten", quantity: 1 }] });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toBeInstanceOf(lib.VatError);
      expect([r.error.code, r.error.path]).toEqual(["INVALID_INPUT", ["lines", 0, "unitPrice"]]);
    }
    const input = shipment("au-mixed-basket.json");
    expect(JSON.stringify(lib.quote(input))).toBe(JSON.stringify(node.quote(input)));
  });
});
