/**
 * CPU profile of quote() on one benchmark shipment, summarised by self time.
 *
 *   npx tsx bench/profile.ts [shipment-key] [seconds]     e.g. fr-3-line-fx 5
 *
 * Runs the shipment in a loop under `node --cpu-prof` (a child process), then prints
 * the functions and files where the time goes. The .cpuprofile is written to the
 * system temp directory and its path printed, for Chrome DevTools or speedscope.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { loadLibrary } from "./lib.js";
import { SHIPMENTS } from "./shipments.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));

if (process.argv.includes("--help")) {
  console.log(`usage: npx tsx bench/profile.ts [${SHIPMENTS.map((s) => s.key).join(" | ")}] [seconds]`);
} else if (process.argv.includes("--child")) {
  const { quote } = await loadLibrary();
  const s = SHIPMENTS.find((x) => x.key === args[0])!;
  const until = performance.now() + Number(args[1]) * 1000;
  let n = 0;
  while (performance.now() < until) for (let i = 0; i < 100; i++, n++) quote(s.input);
  console.log(`${n} quotes of ${s.key}`);
} else {
  const key = args[0] ?? "fr-3-line-fx";
  if (!SHIPMENTS.some((s) => s.key === key)) throw new Error(`unknown shipment ${key}`);
  const dir = mkdtempSync(join(tmpdir(), "dvat-prof-"));
  const out = execFileSync(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${dir}`, "--cpu-prof-interval=100", "--import", "tsx", fileURLToPath(import.meta.url), "--child", key, args[1] ?? "5"], {
    cwd: root,
    encoding: "utf8",
  });
  process.stdout.write(out);
  const file = join(dir, readdirSync(dir).find((f) => f.endsWith(".cpuprofile"))!);
  summarise(file);
  console.log(`\nprofile: ${file}`);
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

function summarise(file: string) {
  const p = JSON.parse(readFileSync(file, "utf8")) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const where = (n: ProfileNode) => {
    const url = n.callFrame.url.replace(/^file:\/\//, "");
    return url ? relative(root, url).replace(/^node_modules\//, "") : "(native)";
  };
  const fn = new Map<string, number>();
  const files = new Map<string, number>();
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    const name = `${n.callFrame.functionName || "(anonymous)"}  ${where(n)}:${n.callFrame.lineNumber + 1}`;
    fn.set(name, (fn.get(name) ?? 0) + us);
    const f = where(n).replace(/^(zod|decimal\.js|date-fns)\/.*/, "$1");
    files.set(f, (files.get(f) ?? 0) + us);
  }
  const top = (m: Map<string, number>, k: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([name, us]) => `${((100 * us) / total).toFixed(1).padStart(5)} %  ${name}`)
      .join("\n");
  console.log(`\nself time by file / package:\n${top(files, 15)}\n\nself time by function:\n${top(fn, 30)}`);
}
