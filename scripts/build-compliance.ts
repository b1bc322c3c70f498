/**
 * The data compile step for what plan() and exportRoute() read, kept apart from the tax tables so
 * that quote()'s bundle never carries it:
 *   data/compliance/<J>.json → src/generated/compliance.ts, and a "Compliance" section in docs/data/<J>.md
 *   data/origin/<CC>.json    → src/generated/origins.ts and docs/data/origin-<CC>.md
 * Called by scripts/build-data.ts (validation first, then outputs).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { complianceFile, originFile, type ComplianceFile, type JurisdictionFile, type OriginFile } from "../src/data/schema.js";
import { describeDueRule } from "../src/plan/due-dates.js";

type Problem = (file: string, where: string, what: string) => void;
type CheckPeriods = (rel: string, where: string, periods: { from: string; to?: string | undefined }[], start?: string) => void;
type Sourced = { text: string; sources: { url: string; title: string }[]; note?: string | undefined };

export interface ComplianceData {
  compliance: ComplianceFile[];
  origins: OriginFile[];
}

function readFiles<T>(root: string, dir: string, parse: (rel: string, json: unknown) => T | undefined, checksums: Record<string, string>, hash: (s: string) => string): T[] {
  const out: T[] = [];
  for (const f of readdirSync(join(root, dir)).filter((f) => /^[A-Z]{2}\.json$/.test(f)).sort()) {
    const rel = `${dir}/${f}`;
    const raw = readFileSync(join(root, rel), "utf8");
    checksums[rel] = hash(raw);
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      json = undefined;
    }
    const v = parse(rel, json);
    if (v) out.push(v);
  }
  return out;
}

/** Read and validate data/compliance and data/origin; problems go to `problem`. */
export function readComplianceData(
  root: string,
  jurisdictions: JurisdictionFile[],
  minorUnits: Record<string, number> | undefined,
  tools: { problem: Problem; checkPeriods: CheckPeriods; checksums: Record<string, string>; hash: (s: string) => string },
): ComplianceData {
  const { problem, checkPeriods } = tools;
  const zodParse = <T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }) =>
    (rel: string, json: unknown): T | undefined => {
      if (json === undefined) return void problem(rel, "", "not valid JSON");
      const r = schema.safeParse(json);
      if (r.success) return r.data;
      for (const issue of r.error.issues) problem(rel, issue.path.map(String).join("."), issue.message);
      return undefined;
    };
  const compliance = readFiles(root, "data/compliance", zodParse<ComplianceFile>(complianceFile), tools.checksums, tools.hash);
  const origins = readFiles(root, "data/origin", zodParse<OriginFile>(originFile), tools.checksums, tools.hash);

  for (const j of jurisdictions) {
    const c = compliance.find((x) => x.jurisdiction === j.jurisdiction);
    const rel = `data/compliance/${j.jurisdiction}.json`;
    if (!c) {
      problem(rel, "", "missing: every jurisdiction needs its compliance file (plan() reads it)");
      continue;
    }
    checkPeriods(rel, "periods", c.periods, j.rules[0]!.from);
    c.periods.forEach((p, i) => {
      const r = p.representative;
      if ((r.required === "unless-established-in") !== (r.establishedIn !== undefined && r.establishedIn.length > 0))
        problem(rel, `periods[${i}].representative`, "establishedIn lists the exempt establishments exactly when required is unless-established-in");
      for (const rule of [p.filing.due, p.filing.payment]) {
        if (rule !== "with-return" && rule.kind === "day-of-month-after-period" && new Set(rule.exceptions.map((e) => e.periodEndMonth)).size !== rule.exceptions.length)
          problem(rel, `periods[${i}].filing`, "one exception per period-end month");
      }
      const ids = p.documents.map((d) => d.id);
      if (new Set(ids).size !== ids.length) problem(rel, `periods[${i}].documents`, "document ids must be unique");
    });
  }
  for (const c of compliance) {
    if (!jurisdictions.some((j) => j.jurisdiction === c.jurisdiction)) problem(`data/compliance/${c.jurisdiction}.json`, "jurisdiction", "no such jurisdiction file");
  }
  for (const o of origins) {
    const rel = `data/origin/${o.origin}.json`;
    checkPeriods(rel, "periods", o.periods);
    if (minorUnits && !(o.currency in minorUnits)) problem(rel, "currency", `${o.currency} has no minor units in data/currencies.json`);
    o.periods.forEach((p, i) => {
      const ids = p.routes.map((r) => r.id);
      if (new Set(ids).size !== ids.length) problem(rel, `periods[${i}].routes`, "route ids must be unique");
      if (p.routes.at(-1)!.maxFob !== undefined || !p.routes.at(-1)!.permitGoodsAllowed)
        problem(rel, `periods[${i}].routes`, "the last route must take any shipment (no maxFob, permit goods allowed), so every shipment has a route");
    });
  }
  return { compliance, origins };
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
const span = (p: { from: string; to?: string | undefined }) => `${p.from} → ${p.to ?? "…"}`;
const cite = (f: Sourced) => f.sources.map((s) => `[${cell(s.title)}](${s.url})`).join("<br>");
const withNote = (f: Sourced) => `${cell(f.text)}${f.note ? `<br>*Note:* ${cell(f.note)}` : ""}`;

function complianceSection(c: ComplianceFile): string {
  const out = ["## Compliance (read by plan())", ""];
  for (const p of c.periods) {
    out.push(`### ${span(p)}`, "", "| item | rule | text | sources |", "|---|---|---|---|");
    const r = p.representative;
    out.push(`| representative | ${cell(r.role)}: ${r.required}${r.establishedIn ? ` (${r.establishedIn.join(", ")})` : ""} | ${withNote(r)} | ${cite(r)} |`);
    out.push(`| filing | due: ${describeDueRule(p.filing.due)}; payment: ${describeDueRule(p.filing.payment)} | ${withNote(p.filing)} | ${cite(p.filing)} |`);
    for (const d of p.documents) out.push(`| ${d.where}: ${d.id} | | ${withNote(d)} | ${cite(d)} |`);
    out.push(`| records | ${p.records.years} years | ${withNote(p.records)} | ${cite(p.records)} |`, "");
  }
  return out.join("\n");
}

function originDoc(o: OriginFile, version: string): string {
  const out = [
    "<!-- GENERATED by scripts/build-data.ts from data/. Do not edit. -->",
    `# Export routes from ${o.name} (${o.origin}) — data edition ${version}`,
    "",
    `Currency: ${o.currency}. Read by \`exportRoute()\`; the first route a shipment qualifies for applies.`,
    "",
    `Valuation: ${withNote(o.valuation)} (${cite(o.valuation)})`,
    "",
  ];
  for (const p of o.periods) {
    out.push(`## ${span(p)}`, "", "| route | FOB limit | permit goods | data items | filed by | certificate | drawback | re-import exemption | export record |", "|---|---|---|---|---|---|---|---|---|");
    const yn = (b: boolean) => (b ? "yes" : "no");
    for (const r of p.routes) {
      out.push(
        `| ${r.id}: ${cell(r.name)}${r.localName ? ` (${r.localName})` : ""} | ${r.maxFob ? `${r.maxFob.inclusive ? "≤" : "<"} ${r.maxFob.amount} ${o.currency}` : "any"} | ${r.permitGoodsAllowed ? "allowed" : "not allowed"} | ${r.dataItems} | ${cell(r.filedBy)} | ${yn(r.gives.exportDeclarationCertificate)} | ${yn(r.gives.drawback)} | ${yn(r.gives.reimportExemption)} | ${yn(r.gives.exportRecord)} |`,
      );
    }
    out.push("");
    for (const r of p.routes) out.push(`- **${r.id}**: ${withNote(r)}<br>${cite(r)}`);
    out.push("");
  }
  return out.join("\n");
}

const HEADER = "// GENERATED by scripts/build-data.ts from data/. Do not edit; run `npm run data:build`.\n";

/** Add the generated module, origin docs and the compliance section of each docs/data/<J>.md to `outputs`. */
export function addComplianceOutputs(outputs: Map<string, string>, data: ComplianceData, version: string): void {
  const strip = <T extends { $schema?: string | undefined }>({ $schema: _s, ...rest }: T) => rest;
  const compliance = Object.fromEntries(data.compliance.map((c) => [c.jurisdiction, strip(c)]));
  outputs.set(
    "src/generated/compliance.ts",
    `${HEADER}import type { ComplianceFile } from "../data/schema.js";\n\n/** Compliance facts per jurisdiction (data/compliance), read by plan() only. */\nexport const COMPLIANCE: Readonly<Record<string, Omit<ComplianceFile, "$schema">>> = ${JSON.stringify(compliance, null, 2)};\n`,
  );
  const origins = Object.fromEntries(data.origins.map((o) => [o.origin, strip(o)]));
  outputs.set(
    "src/generated/origins.ts",
    `${HEADER}import type { OriginFile } from "../data/schema.js";\n\n/** Export routes per origin country (data/origin), read by exportRoute() only. */\nexport const ORIGINS: Readonly<Record<string, Omit<OriginFile, "$schema">>> = ${JSON.stringify(origins, null, 2)};\n`,
  );
  for (const c of data.compliance) {
    const rel = `docs/data/${c.jurisdiction}.md`;
    const doc = outputs.get(rel);
    if (doc !== undefined) outputs.set(rel, `${doc.replace(/\n*$/, "\n\n")}${complianceSection(c)}`);
  }
  for (const o of data.origins) outputs.set(`docs/data/origin-${o.origin}.md`, `${originDoc(o, version)}`);
}
