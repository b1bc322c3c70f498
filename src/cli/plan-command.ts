/** The `plan` verb: a seller's compliance plan from a PlanInput JSON file (readable, or --json). */
import type { Command } from "commander";
import { plan } from "../plan/plan.js";
import type { Plan, PlanInput } from "../plan/types.js";
import { UsageError } from "./errors.js";
import { parseJson, readInput, today } from "./main.js";

const yesNo = (b: boolean) => (b ? "required" : "not needed");
const LIABLE = { seller: "you (the seller)", marketplace: "the marketplace (deemed supplier)", "marketplace-if-registered": "the marketplace if it is registered, else you" } as const;

/** The plan as text a seller reads from top to bottom. */
export function formatPlan(p: Plan): string {
  const out = [`Compliance plan for a seller established in ${p.seller.countryName} (${p.seller.country}) · ${p.date} · data ${p.dataVersion}`, `channels: ${p.channels.join(", ")}`];
  for (const w of p.warnings) out.push(`warning ${w.code}: ${w.message}`);
  for (const j of p.jurisdictions) {
    const reg = j.registration;
    out.push(
      "",
      `${j.jurisdiction} (${j.destinations.join(", ")}) — ${j.scheme.name} [${j.scheme.id}]`,
      `  register: ${reg.status} — ${reg.reason}`,
      ...(reg.remaining ? [`    ${reg.remaining.text}`] : []),
      `  ${j.representative.role}: ${yesNo(j.representative.required)} — ${j.representative.reason}`,
      ...j.liability.map((l) => `  ${l.channel} sales: tax accounted for by ${LIABLE[l.liable]}`),
      `  returns: ${j.filing.period} in ${j.filing.currency}; due ${j.filing.dueRule}; payment ${j.filing.paymentRule}`,
      ...j.filing.returns.map((r) => `    ${r.period.padEnd(8)} ${r.from} to ${r.lastDay}  due ${r.due}  pay by ${r.paymentDue}`),
      "  parcel and papers:",
      ...j.documents.map((d) => `    - ${d.where}: ${d.text}`),
      `  records: keep ${j.records.years} years — ${j.records.text}`,
    );
    if (j.notes.length) out.push("  notes:", ...j.notes.map((n) => `    ! ${n}`));
    out.push("  sources:", ...j.sources.map((s) => `    ${s}`));
  }
  return `${out.join("\n")}\n`;
}

export function registerPlanCommand(program: Command, out: (s: string) => void): void {
  program
    .command("plan")
    .description("A seller's compliance plan per destination: registration, intermediary, who is liable per channel, the next four return due dates, parcel and invoice requirements, record keeping, sources.")
    .argument("<seller.json>", "PlanInput JSON: { date?, seller: { country, salesLast12Months?, globalTurnover? }, destinations, channels? }; - for standard input")
    .option("--date <YYYY-MM-DD>", "the day the plan is for (default: the file's date, else today)")
    .option("--json", "print the Plan as JSON")
    .addHelpText("after", "\nExample:\n  destination-vat plan examples/sellers/kr-seller.json")
    .action((file: string, opts: { date?: string; json?: boolean }) => {
      const input = parseJson(readInput(file, "seller JSON file"), file);
      if (typeof input !== "object" || input === null || Array.isArray(input)) throw new UsageError(`${file} must hold a JSON object`);
      const withDate = { ...input, date: opts.date ?? (input as { date?: unknown }).date ?? today() } as PlanInput;
      const p = plan(withDate);
      out(opts.json ? `${JSON.stringify(p, null, 2)}\n` : formatPlan(p));
    });
}
