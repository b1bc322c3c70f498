import { defineConfig } from "tsup";

export default defineConfig([
  {
    // The library: no Node-only API, runs in browsers and edge runtimes.
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "es2022",
    platform: "neutral",
    treeshake: true,
  },
  {
    // The command line (Node).
    entry: { cli: "src/cli/bin.ts" },
    format: ["esm"],
    target: "node20",
    platform: "node",
    banner: { js: "#!/usr/bin/env node" },
    // Optional, native, loaded by dynamic import only for `return --engine duckdb`.
    external: ["@duckdb/node-api"],
  },
]);
