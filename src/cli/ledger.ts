/**
 * Ledger files for `destination-vat return` (Node only): CSV or JSON Lines, streamed
 * from a file or standard input into the library's return accumulator. bench/returns.ts
 * measures exactly this path.
 */
import { createReadStream, statSync } from "node:fs";
import { extname } from "node:path";
import type { Readable } from "node:stream";
import { parse } from "csv-parse/sync";
import { VatError } from "../errors.js";
import { CsvLedgerReader, LEDGER_COLUMNS, readLedgerJsonl } from "../ledger/read.js";
import { textChunks } from "../ledger/text.js";
import { ReturnAccumulator } from "../returns/accumulator.js";
import type { ReturnExchangeRate, ReturnOptions, ReturnSummary } from "../returns/types.js";
import { UsageError } from "./errors.js";

export { LEDGER_COLUMNS };

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
  return first.replace(/^\uFEFF/, "").trimStart().startsWith("{") ? "jsonl" : "csv";
}

/** About how many entries a file holds: its size over the line length of its first chunk, plus 5 %. */
function estimateEntries(path: string, first: string): number {
  let lines = 0;
  for (let i = first.indexOf("\n"); i >= 0; i = first.indexOf("\n", i + 1)) lines++;
  if (lines < 16) return 0;
  return Math.ceil((statSync(path).size / Buffer.byteLength(first)) * lines * 1.05);
}

/**
 * Summarise a ledger file (or `-` for standard input) for one return.
 * Both formats go through the library's readers (readLedgerCsv's CsvLedgerReader / readLedgerJsonl).
 * @throws VatError for bad options or an unusable ledger header; I/O errors as they come.
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
  const note = options.onNote;
  if (formatOf(path, first.value, options.format) === "jsonl") {
    for await (const r of readLedgerJsonl(all())) acc.addRecord(r);
    return acc.finish();
  }
  // CSV records go straight into the accumulator, a chunk at a time: no promise per record.
  const reader = new CsvLedgerReader((r) => acc.addRecord(r), note ? { onIgnoredColumns: (c) => note(`ignoring CSV column${c.length > 1 ? "s" : ""} ${c.join(", ")}`) } : {});
  for await (const chunk of textChunks(all())) reader.push(chunk);
  reader.end();
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
