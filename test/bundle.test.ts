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
import { ZOD_MARKERS, bundleFromLibrary } from "../scripts/check-size.js";

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

  it("{ quote } carries zod and the rate tables it needs, and no decimal.js", () => {
    const b = get("{ quote }");
    expect(present(b, DECIMAL_JS)).toEqual([]);
    expect(b.modules.filter((m) => m.includes("node_modules/decimal.js"))).toEqual([]);
    // The markers find what is there: zod validates quote input, the tables are quote's data.
    expect(present(b, ZOD_MARKERS).length).toBeGreaterThan(0);
    expect(present(b, RATE_TABLES)).toEqual(RATE_TABLES);
  });

  it("{ rulesFor } carries the rate tables but neither zod nor decimal.js", () => {
    const b = get("{ rulesFor }");
    expect(present(b, RATE_TABLES)).toEqual(RATE_TABLES);
    expect(present(b, ZOD_MARKERS)).toEqual([]);
    expect(present(b, DECIMAL_JS)).toEqual([]);
  });

  it("{ summarizeReturn } carries no decimal.js (its reconcile mode re-quotes, so zod is in)", () => {
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
