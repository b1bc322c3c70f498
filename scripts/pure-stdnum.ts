/**
 * esbuild plugin for builds that bundle stdnum (tsup: it is a devDependency, so its code
 * goes into dist/): each stdnum module ends `export const { name, …, validate } = impl;`,
 * a top-level destructuring that a bundler must keep (it could run getters), and with it
 * every validator, in any bundle of dist/index.js — `{ DATA_VERSION }` alone included.
 * The plugin rewrites that line into one pure read per name, which a bundler drops when
 * the name is unused, and marks top-level `Object.keys(…)` calls pure. Nothing else in
 * stdnum's code changes.
 */
import { readFile } from "node:fs/promises";
import type { Plugin } from "esbuild";

const DESTRUCTURING = /^export const \{([^}]*)\} = impl;$/m;

export const pureStdnum: Plugin = {
  name: "pure-stdnum",
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]stdnum[\\/]lib[\\/]esm[\\/].*\.js$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      const contents = source.replace(DESTRUCTURING, (_, names: string) =>
        names
          .split(",")
          .map((n) => n.trim())
          .map((n) => `export const ${n} = /* @__PURE__ */ (() => impl.${n})();`)
          .join("\n"),
      );
      // ro/cnp.js: `const VALID_COUNTIES = Object.keys(COUNTIES);`, a call a bundler must otherwise keep.
      return { contents: contents.replace(/= Object\.keys\(/g, "= /* @__PURE__ */ Object.keys("), loader: "js" };
    });
  },
};
