/** The `export-route` verb: which export clearance the origin's customs applies, and what it gives up. */
import type { Command } from "commander";
import { exportRoute } from "../plan/export-route.js";
import type { ExportRoute } from "../plan/types.js";
import { UsageError } from "./errors.js";

const yn = (b: boolean) => (b ? "yes" : "no");

/** The route as text. */
export function formatExportRoute(r: ExportRoute): string {
  const c = r.chosen;
  const out = [
    `${r.origin} export route · ${r.date ?? "latest routes in the data"} · data ${r.dataVersion}`,
    `FOB ${r.fob.amount} ${r.fob.currency}${r.fob.given ? ` (${r.fob.given.amount} ${r.fob.given.currency} × ${r.fob.given.exchangeRate})` : ""}`,
    `route: ${r.route} — ${c.name}${c.localName ? ` (${c.localName})` : ""}`,
    `  ${c.dataItems} data items, filed by ${c.filedBy}`,
    `  export declaration certificate: ${yn(c.gives.exportDeclarationCertificate)} · drawback: ${yn(c.gives.drawback)} · duty-free re-import: ${yn(c.gives.reimportExemption)} · export record: ${yn(c.gives.exportRecord)}`,
  ];
  if (r.consequences.length) out.push("what it costs you:", ...r.consequences.map((s) => `  - ${s}`));
  out.push("all routes:", ...r.options.map((o) => `  ${o.route}: ${o.reason}`));
  for (const w of r.warnings) out.push(`warning ${w.code}: ${w.message}`);
  if (c.note) out.push(`note: ${c.note}`);
  out.push("sources:", ...c.sources.map((s) => `  ${s.url}`));
  return `${out.join("\n")}\n`;
}

export function registerExportRouteCommand(program: Command, out: (s: string) => void): void {
  program
    .command("export-route")
    .description("Which export clearance applies in the origin country (KR: release on the courier's list, simplified or formal declaration) and what each gives up.")
    .requiredOption("--origin <CC>", "origin country with data (KR)")
    .requiredOption("--fob <amount>", "FOB value of the shipment, in --currency")
    .requiredOption("--currency <code>", "ISO 4217 currency of --fob")
    .option("--rate <PAIR=RATE>", "exchange rate when --currency is not the origin's, e.g. USD/KRW=1385.20 (repeatable)", (v: string, all: string[] = []) => [...all, v])
    .option("--permit", "the goods need an export permit, licence or other requirement confirmed by customs")
    .option("--drawback", "you want to claim duty drawback")
    .option("--date <YYYY-MM-DD>", "day of export (default: today)")
    .option("--json", "print the result as JSON")
    .addHelpText("after", "\nExample:\n  destination-vat export-route --origin KR --fob 1500000 --currency KRW")
    .action((opts: { origin: string; fob: string; currency: string; rate?: string[]; permit?: boolean; drawback?: boolean; date?: string; json?: boolean }) => {
      const exchangeRates: Record<string, string> = {};
      for (const r of opts.rate ?? []) {
        const m = /^([A-Za-z]{3}\/[A-Za-z]{3})=(.+)$/.exec(r);
        if (!m) throw new UsageError(`--rate must look like USD/KRW=1385.20, got "${r}"`);
        exchangeRates[m[1]!.toUpperCase()] = m[2]!;
      }
      const r = exportRoute({
        origin: opts.origin,
        date: opts.date ?? new Date().toISOString().slice(0, 10),
        fobValue: opts.fob,
        currency: opts.currency,
        ...(opts.rate ? { exchangeRates } : {}),
        requiresExportPermit: opts.permit === true,
        wantsDrawback: opts.drawback === true,
      });
      out(opts.json ? `${JSON.stringify(r, null, 2)}\n` : formatExportRoute(r));
    });
}
