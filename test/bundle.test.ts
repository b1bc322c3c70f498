/**
 * Tree-shaking as a consumer gets it. `"sideEffects": false` in package.json lets a bundler
 * drop whole unused modules, but dist/index.js is one module: inside it only top-level
 * code without side effects can be dropped, and one top-level call (a `DecimalJs.clone(…)`,
 * a `new Set(…)` without a pure annotation) keeps everything it touches in every bundle.
 * So each bundle here is built from the library compiled to one module, as tsup writes
 * it, minified, and searched for strings that only the heavy parts contain. Each marker
 * is also shown to be present where it belongs, so a marker that stopped matching
 * anything cannot make a test pass.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ZOD_MARKERS, bundle, bundleFromLibrary } from "../scripts/check-size.js";

type Bundle = Awaited<ReturnType<typeof bundleFromLibrary>>;

/** Strings of decimal.js's runtime (error text and configuration keys): the money core has none of them. */
const DECIMAL_JS = ["[DecimalError]", "toExpNeg", "crypto unavailable"];
/** Strings of the generated rate tables: a destination's name and the first day of the EU's IOSS regime. */
const RATE_TABLES = ['"Luxembourg"', "2021-07-01"];

const bundles = new Map<string, Bundle>();
const get = (names: string) => bundles.get(names)!;
const present = (b: Bundle, markers: readonly string[]) => markers.filter((m) => b.text.includes(m));

beforeAll(async () => {
  for (const names of ["{ DATA_VERSION }", "{ quote }", "{ rulesFor }", "{ summarizeReturn }"]) bundles.set(names, await bundleFromLibrary(names, { minify: true }));
}, 120_000);

describe("bundles carry only what their imports use", () => {
  it("{ DATA_VERSION } alone is a constant: at most 2 kB gzip, without decimal.js, zod or rate tables", () => {
    const b = get("{ DATA_VERSION }");
    expect(b.gzip).toBeLessThanOrEqual(2000);
    expect(present(b, DECIMAL_JS)).toEqual([]);
    expect(present(b, ZOD_MARKERS)).toEqual([]);
    expect(present(b, RATE_TABLES)).toEqual([]);
    expect(b.modules.filter((m) => m.includes("node_modules"))).toEqual([]);
  });

  it("{ quote } carries the rate tables it needs, and neither zod nor decimal.js (it runs the validator compiled from the schema)", () => {
    const b = get("{ quote }");
    expect(present(b, DECIMAL_JS)).toEqual([]);
    expect(b.modules.filter((m) => m.includes("node_modules/decimal.js"))).toEqual([]);
    expect(present(b, ZOD_MARKERS)).toEqual([]);
    expect(b.modules.filter((m) => m.includes("node_modules/zod/"))).toEqual([]);
    expect(present(b, RATE_TABLES)).toEqual(RATE_TABLES);
  });

  it.each(["au", "nz", "no", "gb", "sg", "eu"])("{ quote } from destination-vat/%s carries no zod", async (code) => {
    const { code: bytes, meta } = await bundle("{ quote }", `./src/generated/entries/${code}.ts`, true);
    const text = new TextDecoder().decode(bytes);
    expect(ZOD_MARKERS.filter((m) => text.includes(m))).toEqual([]);
    expect(Object.values(meta.outputs).flatMap((o) => Object.entries(o.inputs).filter(([p, v]) => v.bytesInOutput > 0 && p.includes("node_modules/zod/")))).toEqual([]);
    // What replaced zod is there: the generated validator's unknown-key issue.
    expect(text).toContain("unrecognized_keys");
  });

  it("the zod markers do match zod (what quote() no longer carries; plan() still does)", async () => {
    const { build } = await import("esbuild");
    const contents = `import * as z from "zod/mini"; export const check = (v) => z.strictObject({ a: z.string() }).safeParse(v);`;
    const found = async (minify: boolean) => {
      const res = await build({ stdin: { contents, resolveDir: process.cwd(), loader: "js" }, bundle: true, write: false, minify, format: "esm", logLevel: "silent" });
      return ZOD_MARKERS.filter((m) => res.outputFiles[0]!.text.includes(m));
    };
    expect(await found(false)).toEqual(ZOD_MARKERS);
    // Minified, a function's name is gone; the rest are strings and property names.
    expect(await found(true)).toEqual(ZOD_MARKERS.filter((m) => m !== "strictObject"));
    const plan = await bundleFromLibrary("{ plan }", { minify: true });
    expect(present(plan, ZOD_MARKERS).length).toBeGreaterThan(0);
  });

  it("{ rulesFor } carries the rate tables but neither zod nor decimal.js", () => {
    const b = get("{ rulesFor }");
    expect(present(b, RATE_TABLES)).toEqual(RATE_TABLES);
    expect(present(b, ZOD_MARKERS)).toEqual([]);
    expect(present(b, DECIMAL_JS)).toEqual([]);
  });

  it("{ summarizeReturn } carries no decimal.js (its reconcile mode re-quotes: the generated validator, not zod)", () => {
    const b = get("{ summarizeReturn }");
    expect(present(b, DECIMAL_JS)).toEqual([]);
    expect(b.modules.filter((m) => m.includes("node_modules/decimal.js"))).toEqual([]);
  });

  it("the decimal.js markers do match decimal.js (what the core replaced)", async () => {
    const { build } = await import("esbuild");
    const res = await build({ stdin: { contents: `export { default } from "decimal.js";`, resolveDir: process.cwd(), loader: "js" }, bundle: true, write: false, minify: true, format: "esm", logLevel: "silent" });
    const text = res.outputFiles[0]!.text;
    expect(DECIMAL_JS.filter((m) => text.includes(m))).toEqual(DECIMAL_JS);
  });
});
