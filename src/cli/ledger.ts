/**
 * Ledger files for `destination-vat return` (Node only): CSV or JSON Lines, streamed
 * from a file or standard input into the library's return accumulator. bench/returns.ts
 * measures exactly this path.
 */
import { createReadStream, statSync } from "node:fs";
import { extname } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parse as csvStream, type CsvError } from "csv-parse";
import { parse } from "csv-parse/sync";
import { VatError } from "../errors.js";
import { ReturnAccumulator } from "../returns/accumulator.js";
import { rejectionMessage } from "../returns/messages.js";
import type { ReturnExchangeRate, ReturnOptions, ReturnSummary } from "../returns/types.js";
import { UsageError } from "./errors.js";

/** The CSV ledger header (columns in any order; `category` and `original_id` may be left out). */
export const LEDGER_COLUMNS = ["id", "date", "destination", "currency", "net", "tax", "rate", "category", "type", "original_id", "consignee"] as const;
const REQUIRED = ["id", "date", "destination", "currency", "net", "tax", "rate", "type"] as const;

export type LedgerFormat = "csv" | "jsonl";

export interface ReadLedgerOptions extends ReturnOptions {
  /** Default: from the extension (.csv, .jsonl, .ndjson), else from the first character ("{" → jsonl). */
  format?: LedgerFormat;
  /** Called after each chunk read (64 KB) with the number of entries so far and, for a file, the share of its bytes read. */
  onProgress?: (entries: number, fractionRead?: number) => void;
  /** Things worth saying on stderr that do not stop the run (an ignored column). */
  onNote?: (note: string) => void;
}

function formatOf(path: string, first: string, given: LedgerFormat | undefined): LedgerFormat {
  if (given) return given;
  const ext = extname(path).toLowerCase();
  if (ext === ".csv") return "csv";
  if (ext === ".jsonl" || ext === ".ndjson") return "jsonl";
  return first.trimStart().startsWith("{") ? "jsonl" : "csv";
}

/** Turns CSV records into ledger entries, header first. */
function csvSink(acc: ReturnAccumulator, note: (s: string) => void): (fields: string[]) => void {
  let columns: Record<string, number> | undefined;
  let width = 0;
  let iId = 0, iDate = 0, iDest = 0, iCur = 0, iNet = 0, iTax = 0, iRate = 0, iType = 0, iCat = -1, iOrig = -1;
  return (f) => {
    if (!columns) {
      columns = {};
      f.forEach((name, i) => (columns![name.trim().toLowerCase()] = i));
      const missing = REQUIRED.filter((c) => columns![c] === undefined);
      if (missing.length) throw new UsageError(`the CSV ledger has no ${missing.join(", ")} column${missing.length > 1 ? "s" : ""}; its header must be ${LEDGER_COLUMNS.join(",")} (category, original_id and consignee may be left out), got ${f.join(",").slice(0, 200)}`);
      const unknown = f.filter((n) => !(LEDGER_COLUMNS as readonly string[]).includes(n.trim().toLowerCase()));
      if (unknown.length) note(`ignoring CSV column${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}`);
      width = f.length;
      [iId, iDate, iDest, iCur, iNet, iTax, iRate, iType] = REQUIRED.map((c) => columns![c]!) as [number, number, number, number, number, number, number, number];
      iCat = columns.category ?? -1;
      iOrig = columns.original_id ?? -1;
      return;
    }
    if (f.length !== width) return acc.addUnreadable(f[iId] ?? "", rejectionMessage.csvFields(f.length, width));
    const entry: Record<string, string> = { id: f[iId]!, date: f[iDate]!, destination: f[iDest]!, currency: f[iCur]!, net: f[iNet]!, tax: f[iTax]!, rate: f[iRate]!, type: f[iType]! };
    if (iCat >= 0 && f[iCat] !== "") entry.category = f[iCat]!;
    if (iOrig >= 0 && f[iOrig] !== "") entry.originalId = f[iOrig]!;
    acc.add(entry);
  };
}

/** Feeds JSON Lines to the accumulator, line by line. */
class JsonLines {
  private rest = "";
  private first = true;
  constructor(private readonly acc: ReturnAccumulator) {}
  push(chunk: string): void {
    const text = this.rest + (this.first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk);
    this.first = false;
    let pos = 0;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", pos)) {
      this.line(text.slice(pos, nl));
      pos = nl + 1;
    }
    this.rest = text.slice(pos);
  }
  end(): void {
    this.line(this.rest);
    this.rest = "";
  }
  private line(line: string): void {
    if (line.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      return this.acc.addUnreadable("", rejectionMessage.json((e as Error).message));
    }
    this.acc.add(value);
  }
}

/** About how many entries a file holds: its size over the line length of its first chunk, plus 5 %. */
function estimateEntries(path: string, first: string): number {
  let lines = 0;
  for (let i = first.indexOf("\n"); i >= 0; i = first.indexOf("\n", i + 1)) lines++;
  if (lines < 16) return 0;
  return Math.ceil((statSync(path).size / Buffer.byteLength(first)) * lines * 1.05);
}

/**
 * csv-parse settings for ledgers: RFC 4180 with a BOM allowed and blank lines skipped; a
 * record of the wrong width or with broken quoting comes to us (or to the `skip` event) so
 * it is rejected with a reason instead of stopping the run.
 */
const CSV_OPTIONS = { bom: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true, skip_records_with_error: true } as const;

/**
 * Summarise a ledger file (or `-` for standard input) for one return.
 * @throws VatError for bad options, UsageError for an unusable ledger header; I/O errors as they come.
 */
export async function summarizeLedgerFile(path: string, options: ReadLedgerOptions, stdin: Readable = process.stdin): Promise<ReturnSummary> {
  const acc = new ReturnAccumulator(options);
  // 64 KB chunks: their strings stay below V8's large-object size and die young (1 MB chunks left ~30 MB of them for the full GC).
  const file = path === "-" ? undefined : createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 16 });
  const stream: AsyncIterable<string> = file ?? stdin.setEncoding("utf8");
  const chunks = stream[Symbol.asyncIterator]();
  const first = await chunks.next();
  if (first.done) return acc.finish();
  if (path !== "-") acc.expect(estimateEntries(path, first.value));
  const size = file ? statSync(path).size : 0;
  const report = options.onProgress;
  const onProgress = report && ((n: number) => report(n, size > 0 ? Math.min(1, file!.bytesRead / size) : undefined));
  async function* all() {
    yield first.value as string;
    onProgress?.(acc.entries);
    for (let c = await chunks.next(); !c.done; c = await chunks.next()) {
      yield c.value;
      onProgress?.(acc.entries);
    }
  }
  if (formatOf(path, first.value, options.format) === "jsonl") {
    const json = new JsonLines(acc);
    for await (const chunk of all()) json.push(chunk);
    json.end();
    return acc.finish();
  }
  const parser = csvStream(CSV_OPTIONS);
  const sink = csvSink(acc, options.onNote ?? (() => {}));
  parser.on("data", (record: string[]) => {
    try {
      sink(record);
    } catch (e) {
      parser.destroy(e as Error); // an unusable header: pipeline() rejects with it
    }
  });
  parser.on("skip", (e: CsvError) => acc.addUnreadable("", rejectionMessage.csvRecord(e.message)));
  await pipeline(all(), parser);
  return acc.finish();
}

/**
 * Exchange rates from a CSV file with the header `date,from,to,rate`.
 * @throws UsageError naming the file and line of a bad rate.
 */
export function readRatesCsv(path: string, text: string): ReturnExchangeRate[] {
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true, trim: true, bom: true });
  } catch (e) {
    throw new UsageError(`${path} is not a readable CSV file: ${(e as Error).message}`);
  }
  const header = (records.shift() ?? []).map((c) => c.toLowerCase());
  const at = ["date", "from", "to", "rate"].map((c) => header.indexOf(c));
  if (at.includes(-1)) throw new UsageError(`${path} needs the header date,from,to,rate, got ${header.join(",").slice(0, 100) || "nothing"}`);
  const [d, f, t, r] = at as [number, number, number, number];
  return records.map((row) => ({ date: row[d]!, from: row[f]!, to: row[t]!, rate: row[r]! }));
}

/** A VatError about `exchangeRates[i]` as the file line it came from. */
export function ratesFileError(e: unknown, path: string): unknown {
  if (!(e instanceof VatError) || e.path[0] !== "exchangeRates" || typeof e.path[1] !== "number") return e;
  return new UsageError(`${path} line ${e.path[1] + 2}: ${e.message.replace(/^exchangeRates\[\d+\]\.?/, "")}`);
}
