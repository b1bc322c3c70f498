/**
 * The `audit` verb: split-shipment detection over a ledger (CSV or JSON Lines with the
 * streaming engine, CSV or Parquet with DuckDB). Findings are not errors: exit 0; only
 * unusable arguments or an unreadable ledger exit 2.
 */
import { createReadStream, readFileSync } from "node:fs";
import { extname } from "node:path";
import { Option, type Command } from "commander";
import { readLedgerCsv, readLedgerJsonl } from "../ledger/read.js";
import { findSplitConsignments, type SplitConsignmentOptions, type SplitConsignmentReport } from "../returns/split-consignments.js";
import type { ReturnExchangeRate } from "../returns/types.js";
import { UsageError } from "./errors.js";
import { table } from "./format.js";
import { readRatesCsv } from "./ledger.js";

interface AuditFlags {
  jurisdiction: string;
  window: string;
  rates?: string;
  json?: boolean;
  engine: "streaming" | "duckdb";
}

export function registerAuditCommand(program: Command, out: (s: string) => void): void {
  program
    .command("audit")
    .description("Find split shipments: sales to one consignee sent together whose parts are each within the consignment threshold but whose whole is over it.")
    .argument("<ledger>", "ledger file (CSV with a consignee column, JSON Lines, or Parquet with --engine duckdb)")
    .requiredOption("--jurisdiction <code>", "EU, GB or AU (NZ, NO and SG test each item alone)")
    .option("--window <days>", "days from a group's first sale within which later sales join it (0: the same day)", "0")
    .option("--rates <fx.csv>", "exchange rates into the threshold currency, CSV with the header date,from,to,rate")
    .option("--json", "print the report as JSON")
    .addOption(new Option("--engine <engine>", "streaming or duckdb (optional @duckdb/node-api)").choices(["streaming", "duckdb"]).default("streaming"))
    .addHelpText("after", "\nExample:\n  destination-vat audit sales-2026-10.csv --jurisdiction EU --window 1")
    .action(async (ledger: string, flags: AuditFlags) => {
      if (!/^\d{1,3}$/.test(flags.window)) throw new UsageError(`--window must be a whole number of days, got ${JSON.stringify(flags.window)}`);
      let exchangeRates: ReturnExchangeRate[] | undefined;
      if (flags.rates !== undefined) exchangeRates = readRatesCsv(flags.rates, readFileSync(flags.rates, "utf8"));
      const options: SplitConsignmentOptions = { jurisdiction: flags.jurisdiction, window: Number(flags.window), ...(exchangeRates ? { exchangeRates } : {}) };
      let report: SplitConsignmentReport;
      if (flags.engine === "duckdb") {
        const { DuckDbLedger } = await import("./duckdb-engine.js");
        const db = await DuckDbLedger.open();
        try {
          await db.loadFile(ledger);
          report = await db.splitConsignments(options);
        } finally {
          db.close();
        }
      } else report = findSplitConsignments(await readEntries(ledger), options);
      out(flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatAudit(report));
    });
}

/** The ledger's entries, read by the same readers as `return` (an unreadable line becomes null: counted and skipped as INVALID_ENTRY). */
async function readEntries(path: string): Promise<unknown[]> {
  const jsonl = [".jsonl", ".ndjson"].includes(extname(path).toLowerCase());
  const records = jsonl ? readLedgerJsonl(createReadStream(path)) : readLedgerCsv(createReadStream(path));
  const entries: unknown[] = [];
  for await (const r of records) entries.push("entry" in r ? r.entry : null);
  return entries;
}

function formatAudit(r: SplitConsignmentReport): string {
  const out = [`${r.jurisdiction} split-shipment audit · window ${r.window === 0 ? "same day" : `${r.window} day${r.window === 1 ? "" : "s"}`}`, ""];
  if (r.note) out.push(r.note);
  else if (r.groups.length === 0) out.push("no split consignments found");
  for (const g of r.groups) {
    out.push(`consignee ${g.consignee} → ${g.destination}, ${g.from === g.to ? g.from : `${g.from} to ${g.to}`}: ${g.parts.length} sales, together ${g.threshold.currency} ${g.value} (over ${g.threshold.currency} ${g.threshold.amount}; each within)`);
    out.push(table([["sale", "date", `value (${g.threshold.currency})`], ...g.parts.map((p) => [p.id, p.date, p.value])]));
    out.push(`  rule: ${g.rule}`, `  consequence: ${g.consequence}`, `  sources: ${g.sources.join(" ; ")}`, "");
  }
  const c = r.counts;
  out.push(`entries: ${c.input} read · ${c.considered} considered · ${c.skipped} skipped`);
  const reasons = new Map<string, number>();
  for (const s of r.skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
  if (reasons.size) out.push(`skipped: ${[...reasons].map(([k, n]) => `${n} ${k}`).join(", ")} (--json lists them)`);
  return `${out.join("\n")}\n`;
}
