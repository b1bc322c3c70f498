/**
 * The `return` verb: summarise a ledger (CSV or JSON Lines, file or standard input) into
 * the return of one jurisdiction and period. Rejected entries never stop the run (exit
 * 0); only unusable arguments or an unreadable ledger header exit 2.
 */
import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import { Option, type Command } from "commander";
import type { RejectedEntry, ReturnExchangeRate, ReturnSummary } from "../returns/types.js";
import { UsageError } from "./errors.js";
import { pct, table } from "./format.js";
import { LEDGER_COLUMNS, ratesFileError, readRatesCsv, summarizeLedgerFile, type LedgerFormat } from "./ledger.js";

interface ReturnFlags {
  jurisdiction: string;
  period: string;
  rates?: string;
  json?: boolean;
  rejected?: string;
  format?: LedgerFormat;
  strictRefunds?: boolean;
  reconcile?: boolean;
  idCheck: boolean;
  engine: "streaming" | "duckdb";
}

/** How many rejected entries and discrepancies the text output lists before pointing to --json / --rejected. */
const LIST_LIMIT = 20;

export function registerReturnCommand(program: Command, out: (s: string) => void): void {
  program
    .command("return")
    .description("Summarise a ledger into the return of one jurisdiction and period: taxable amount and tax per destination and rate, refunds netted in, every entry accounted for.")
    .argument("<ledger>", `ledger file: CSV with the header ${LEDGER_COLUMNS.join(",")}, or JSON Lines of LedgerEntry objects (.jsonl); - for standard input`)
    .requiredOption("--jurisdiction <code>", "EU (IOSS), GB, AU, NZ, NO (VOEC) or SG (OVR)")
    .requiredOption("--period <period>", 'a month such as 2026-10 (EU) or a quarter such as 2026-Q3 (the others)')
    .option("--rates <fx.csv>", "exchange rates, CSV with the header date,from,to,rate (1 from = rate to)")
    .option("--json", "print the summary as JSON")
    .option("--rejected <file>", "write rejected entries to this file as JSON Lines (instead of into the summary)")
    .addOption(new Option("--format <format>", "ledger format (default: from the extension, else from the first character)").choices(["csv", "jsonl"]))
    .option("--strict-refunds", "reject refunds whose sale is not in the ledger")
    .option("--no-id-check", "skip the duplicate-id check and refund matching: memory stays flat however long the ledger")
    .option("--reconcile", "re-quote entries that carry their QuoteInput (JSON Lines `input`) and list discrepancies")
    .addOption(new Option("--engine <engine>", "streaming (CSV or JSON Lines, any size, one core) or duckdb (CSV or Parquet through the optional @duckdb/node-api, for warehouse-size ledgers)").choices(["streaming", "duckdb"]).default("streaming"))
    .addHelpText(
      "after",
      [
        "",
        "Example:",
        "  destination-vat return examples/ledgers/eu-2026-10.csv --jurisdiction EU --period 2026-10 --rates examples/ledgers/ecb-2026-10.csv",
        "",
        "Entries dated outside the period are counted, not summed; a refund counts in the period of its own date.",
        "Foreign-currency entries are converted by the jurisdiction's FX rule (EU: the ECB rate of the period's last",
        "day, or the next publication day; others: the rate of the entry's date, or up to 7 days before).",
        "A progress count is shown on stderr when it is a terminal.",
      ].join("\n"),
    )
    .action(async (ledger: string, flags: ReturnFlags) => {
      let exchangeRates: ReturnExchangeRate[] | undefined;
      if (flags.rates !== undefined) {
        try {
          exchangeRates = readRatesCsv(flags.rates, readFileSync(flags.rates, "utf8"));
        } catch (e) {
          throw readError(e, flags.rates);
        }
      }
      if (flags.engine === "duckdb") return out(await duckDbReturn(ledger, flags, exchangeRates));
      const sink = flags.rejected !== undefined ? rejectedFile(flags.rejected) : undefined;
      const progress = process.stderr.isTTY ? progressLine() : undefined;
      let summary: ReturnSummary;
      try {
        summary = await summarizeLedgerFile(ledger, {
          jurisdiction: flags.jurisdiction,
          period: flags.period,
          ...(exchangeRates ? { exchangeRates } : {}),
          ...(flags.format ? { format: flags.format } : {}),
          ...(flags.strictRefunds ? { strictRefunds: true } : {}),
          ...(flags.reconcile ? { reconcile: true } : {}),
          ...(flags.idCheck ? {} : { checkIds: false }),
          ...(sink ? { onRejected: sink.write } : {}),
          ...(progress ? { onProgress: progress.update } : {}),
          onNote: (s) => process.stderr.write(`note: ${s}\n`),
        });
      } catch (e) {
        throw readError(ratesFileError(e, flags.rates ?? ""), ledger);
      } finally {
        progress?.done();
        sink?.close();
      }
      out(flags.json ? `${JSON.stringify(summary, null, 2)}\n` : formatReturn(summary, flags.rejected));
    });
}

/** The return through the DuckDB engine (src/cli/duckdb-engine.ts): same summary, same output. */
async function duckDbReturn(ledger: string, flags: ReturnFlags, exchangeRates: ReturnExchangeRate[] | undefined): Promise<string> {
  if (ledger === "-") throw new UsageError("--engine duckdb reads a file (CSV or Parquet), not standard input");
  if (flags.reconcile) throw new UsageError("--reconcile re-quotes each entry in JavaScript: use it with the streaming engine");
  if (flags.format === "jsonl") throw new UsageError("--engine duckdb reads CSV and Parquet ledgers; use the streaming engine for JSON Lines");
  const { summarizeWithDuckDb } = await import("./duckdb-engine.js");
  let summary: ReturnSummary;
  try {
    summary = await summarizeWithDuckDb(ledger, {
      jurisdiction: flags.jurisdiction,
      period: flags.period,
      ...(exchangeRates ? { exchangeRates } : {}),
      ...(flags.strictRefunds ? { strictRefunds: true } : {}),
      ...(flags.idCheck ? {} : { checkIds: false }),
      ...(flags.format === "csv" ? { format: "csv" as const } : {}),
    });
  } catch (e) {
    throw readError(ratesFileError(e, flags.rates ?? ""), ledger);
  }
  if (flags.rejected !== undefined) {
    const sink = rejectedFile(flags.rejected);
    for (const r of summary.rejected) sink.write(r);
    sink.close();
    summary.rejected = [];
  }
  return flags.json ? `${JSON.stringify(summary, null, 2)}\n` : formatReturn(summary, flags.rejected);
}

/** An I/O failure on the ledger (a directory, no permission) is the caller's to fix: exit 2. */
function readError(e: unknown, path: string): unknown {
  const err = e as NodeJS.ErrnoException;
  if (err && typeof err.code === "string" && typeof err.syscall === "string" && err.code !== "ENOENT") return new UsageError(`cannot read ${path}: ${err.message}`);
  return e;
}

/** Rejected entries as JSON Lines, written in 64 KB blocks. */
function rejectedFile(path: string): { write: (r: RejectedEntry) => void; close: () => void } {
  let fd: number;
  try {
    fd = openSync(path, "w");
  } catch (e) {
    throw new UsageError(`cannot write ${path}: ${(e as Error).message}`);
  }
  let buffer = "";
  return {
    write: (r) => {
      buffer += `${JSON.stringify(r)}\n`;
      if (buffer.length >= 65_536) {
        writeSync(fd, buffer);
        buffer = "";
      }
    },
    close: () => {
      if (buffer) writeSync(fd, buffer);
      buffer = "";
      closeSync(fd);
    },
  };
}

/** A bar with the share of the file read (a count only for standard input), one rewritten stderr line, at most five times a second. */
function progressLine(): { update: (n: number, fraction?: number) => void; done: () => void } {
  let last = 0;
  let shown = false;
  return {
    update: (n, fraction) => {
      const now = Date.now();
      if (now - last < 200) return;
      last = now;
      shown = true;
      const count = `${n.toLocaleString("en-US")} entries read`;
      if (fraction === undefined) return void process.stderr.write(`\r${count}`);
      const filled = Math.round(fraction * 30);
      process.stderr.write(`\r[${"#".repeat(filled)}${"-".repeat(30 - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)} % · ${count}`);
    },
    done: () => {
      if (shown) process.stderr.write("\r\x1b[K");
    },
  };
}

function formatReturn(s: ReturnSummary, rejectedFilePath?: string): string {
  const c = s.currency;
  const out = [
    `${s.jurisdiction} return ${s.period.name} (${s.period.from} to ${s.period.lastDay}) in ${c} · FX ${s.fx.source} · data ${s.dataVersion}`,
    "",
  ];
  const rows = [["destination", "rate", `taxable (${c})`, `tax (${c})`, "entries"]];
  for (const r of s.rows) rows.push([r.destination, pct(r.rate), r.taxableAmount, r.tax, String(r.count)]);
  rows.push(["total", "", s.totals.taxableAmount, s.totals.tax, ""]);
  out.push(table(rows));
  if (!s.rows.length) out.push("nil return: nothing to declare for the period");
  if (s.refunds.length) {
    const refunds = [["refunds (netted in above)", "rate", `taxable (${c})`, `tax (${c})`, "entries"]];
    for (const r of s.refunds) refunds.push([r.destination, pct(r.rate), r.taxableAmount, r.tax, String(r.count)]);
    out.push("", table(refunds));
  }
  const n = s.counts;
  out.push("", `entries: ${n.input} read · ${n.included} included · ${n.rejected} rejected · ${n.outsidePeriod} outside the period`);
  if (n.rejected) {
    if (rejectedFilePath !== undefined) out.push(`rejected entries written to ${rejectedFilePath}`);
    else {
      out.push("rejected:");
      for (const r of s.rejected.slice(0, LIST_LIMIT)) out.push(`  ${r.line !== undefined ? `line ${r.line}` : `entry ${r.index + 1}`}${r.id ? ` (${r.id})` : ""}: ${r.reason} — ${r.message}`);
      if (s.rejected.length > LIST_LIMIT) out.push(`  … ${s.rejected.length - LIST_LIMIT} more (--json or --rejected <file> lists them all)`);
    }
  }
  if (s.discrepancies.length) {
    out.push("discrepancies:");
    for (const d of s.discrepancies.slice(0, LIST_LIMIT)) out.push(`  ${d.id}: ${d.field} — ${d.message}`);
    if (s.discrepancies.length > LIST_LIMIT) out.push(`  … ${s.discrepancies.length - LIST_LIMIT} more (--json lists them all)`);
  }
  for (const w of s.warnings) out.push(`warning ${w.code}: ${w.message}`);
  return `${out.join("\n")}\n`;
}
