/**
 * readLedgerCsv() and readLedgerJsonl(): a ledger stream in, LedgerRecords out, with the
 * line each came from. The command line's `return` reads files through these same two.
 */
import { invalid } from "../errors.js";
import { rejectionMessage } from "../returns/messages.js";
import { CsvRecordReader, type CsvEmit } from "./csv-records.js";
import type { LedgerRecord } from "./records.js";
import { LineSplitter, textChunks, type LedgerStream } from "./text.js";

/** The CSV ledger header (columns in any order; `category` and `original_id` may be left out). */
export const LEDGER_COLUMNS = ["id", "date", "destination", "currency", "net", "tax", "rate", "category", "type", "original_id", "consignee"] as const;
const REQUIRED = ["id", "date", "destination", "currency", "net", "tax", "rate", "type"] as const;
/** Columns with few distinct values, read through the CSV reader's cache. */
const INTERNED: readonly string[] = ["date", "destination", "currency", "rate", "type", "category"];

/** Options of `readLedgerCsv()`. @category Returns */
export interface ReadLedgerCsvOptions {
  /** Called once with the header's columns that are not ledger columns (they are ignored). */
  onIgnoredColumns?: (columns: string[]) => void;
}

/** What a column holds, for the lean reader (0: a column it ignores); numbers rather than an enum, which would be an object in every bundle. */
type Role = number;
const R_ID = 1, R_DATE = 2, R_DESTINATION = 3, R_CURRENCY = 4, R_NET = 5, R_TAX = 6, R_RATE = 7, R_TYPE = 8, R_CATEGORY = 9, R_ORIGINAL_ID = 10, R_CONSIGNEE = 11;
const ROLE_OF: readonly (readonly [string, Role])[] = [
  ["id", R_ID],
  ["date", R_DATE],
  ["destination", R_DESTINATION],
  ["currency", R_CURRENCY],
  ["net", R_NET],
  ["tax", R_TAX],
  ["rate", R_RATE],
  ["type", R_TYPE],
  ["category", R_CATEGORY],
  ["original_id", R_ORIGINAL_ID],
  ["consignee", R_CONSIGNEE],
];

/**
 * Turns CSV rows into ledger records, header first. With `lean`, a quote-less line is read
 * column by column straight into its entry (no array of fields, ignored columns never cut
 * out); the records are the same as those of the fields path.
 */
function csvLedger(options: ReadLedgerCsvOptions, reader: () => CsvRecordReader, emit: (record: LedgerRecord) => void, lean: boolean): CsvEmit {
  let header = true;
  let width = 0;
  let iId = 0, iDate = 0, iDest = 0, iCur = 0, iNet = 0, iTax = 0, iRate = 0, iType = 0, iCat = -1, iOrig = -1, iCons = -1;
  let roles: Role[] = [];
  let interned: boolean[] = [];

  /** One quote-less line, `text.slice(from, to)`: as the fields path reads `text.slice(from, to).split(",")`. */
  const leanLine = (text: string, from: number, to: number, line: number): void => {
    const r = reader();
    let id = "", date = "", destination = "", currency = "", net = "", tax = "", rate = "", type = "", category = "", originalId = "", consignee = "";
    let k = 0;
    for (let start = from; ; k++) {
      const role = k < width ? roles[k]! : 0;
      let c: number;
      let v = "";
      if (role !== 0 && interned[k]) {
        v = r.value(text, start, to, k);
        c = r.valueEnd;
      } else {
        c = text.indexOf(",", start);
        if (c < 0 || c > to) c = to;
        if (role !== 0) v = text.slice(start, c);
      }
      if (role !== 0) {
        switch (role) {
          case R_ID: id = v; break;
          case R_DATE: date = v; break;
          case R_DESTINATION: destination = v; break;
          case R_CURRENCY: currency = v; break;
          case R_NET: net = v; break;
          case R_TAX: tax = v; break;
          case R_RATE: rate = v; break;
          case R_TYPE: type = v; break;
          case R_CATEGORY: category = v; break;
          case R_ORIGINAL_ID: originalId = v; break;
          case R_CONSIGNEE: consignee = v; break;
        }
      }
      if (c === to) break;
      start = c + 1;
    }
    k++;
    if (k !== width) return emit({ line, endLine: line, unreadable: rejectionMessage.csvFields(k, width), id });
    const entry: Record<string, string> = { id, date, destination, currency, net, tax, rate, type };
    if (category !== "") entry.category = category;
    if (originalId !== "") entry.originalId = originalId;
    if (consignee !== "") entry.consignee = consignee;
    emit({ line, endLine: line, entry });
  };

  return (line, endLine, fields, problem, text) => {
    if (header) {
      const f = fields ?? [];
      const columns: Record<string, number> = {};
      f.forEach((name, i) => (columns[name.trim().toLowerCase()] = i));
      const missing = REQUIRED.filter((c) => columns[c] === undefined);
      if (missing.length) {
        throw invalid(["header"], `the CSV ledger has no ${missing.join(", ")} column${missing.length > 1 ? "s" : ""}; its header must be ${LEDGER_COLUMNS.join(",")} (category, original_id and consignee may be left out), got ${f.join(",").slice(0, 200)}`);
      }
      const unknown = f.filter((n) => !(LEDGER_COLUMNS as readonly string[]).includes(n.trim().toLowerCase()));
      if (unknown.length) options.onIgnoredColumns?.(unknown);
      width = reader().width = f.length;
      [iId, iDate, iDest, iCur, iNet, iTax, iRate, iType] = REQUIRED.map((c) => columns[c]!) as [number, number, number, number, number, number, number, number];
      iCat = columns.category ?? -1;
      iOrig = columns.original_id ?? -1;
      iCons = columns.consignee ?? -1;
      // A column named twice is read from its last place, as `columns` says.
      roles = f.map(() => 0);
      for (const [name, role] of ROLE_OF) if (columns[name] !== undefined) roles[columns[name]!] = role;
      interned = f.map((name) => INTERNED.includes(name.trim().toLowerCase()));
      if (lean) {
        reader().cacheValues(f.length);
        reader().lean = leanLine;
      }
      header = false;
      return;
    }
    const f = fields;
    if (!f) return emit({ line, endLine, unreadable: rejectionMessage.csvRecord(problem!), id: idOf(text!, iId) });
    if (f.length !== width) return emit({ line, endLine, unreadable: rejectionMessage.csvFields(f.length, width), id: f[iId] ?? "" });
    const entry: Record<string, string> = { id: f[iId]!, date: f[iDate]!, destination: f[iDest]!, currency: f[iCur]!, net: f[iNet]!, tax: f[iTax]!, rate: f[iRate]!, type: f[iType]! };
    if (iCat >= 0 && f[iCat] !== "") entry.category = f[iCat]!;
    if (iOrig >= 0 && f[iOrig] !== "") entry.originalId = f[iOrig]!;
    if (iCons >= 0 && f[iCons] !== "") entry.consignee = f[iCons]!;
    emit({ line, endLine, entry });
  };
}

/** The id of a line that is no record, when its id field comes before any quote (else ""). */
function idOf(text: string, iId: number): string {
  const fields = text.split(",");
  const quoteAt = fields.findIndex((f) => f.includes('"'));
  return quoteAt >= 0 && quoteAt <= iId ? "" : (fields[iId] ?? "").slice(0, 200);
}

/**
 * Read a CSV ledger: header `id,date,destination,currency,net,tax,rate,category,type,original_id`
 * (any order; `category` and `original_id` may be left out; other columns are ignored),
 * UTF-8 with or without a BOM, CRLF or LF, blank lines skipped. Every other line comes out
 * as one record: an entry, or `unreadable` with the reason. A quoted field may span lines;
 * a stray quote that never closes costs its own line only, and says where it opened.
 *
 * @param stream A Node Readable (`fs.createReadStream(path)`), a web ReadableStream
 *   (`(await fetch(url)).body`) or any (async) iterable of strings or bytes.
 * @throws VatError (`INVALID_INPUT`, path `["header"]`) when the header lacks a required column.
 * @example
 * import { createReadStream } from "node:fs";
 * import { readLedgerCsv, summarizeReturn } from "destination-vat";
 *
 * const summary = await summarizeReturn(readLedgerCsv(createReadStream("ledger.csv")), { jurisdiction: "EU", period: "2026-10" });
 * summary.rejected[0] //=> { id: "S-1004", index: 4, line: 6, reason: "MISSING_EXCHANGE_RATE", field: "currency", message: "…" }
 *
 * for await (const r of readLedgerCsv(["id,date,destination,currency,net,tax,rate,type\n", "A,2026-10-01,FR,EUR,10.00,2.00,0.2,sale\n"]))
 *   console.log(r); //=> { line: 2, endLine: 2, entry: { id: "A", date: "2026-10-01", … } }
 * @category Returns
 */
export async function* readLedgerCsv(stream: LedgerStream, options: ReadLedgerCsvOptions = {}): AsyncGenerator<LedgerRecord, void, undefined> {
  const out: LedgerRecord[] = [];
  const reader = new CsvLedgerReader((r) => void out.push(r), options);
  for await (const chunk of textChunks(stream)) {
    reader.push(chunk);
    yield* out;
    out.length = 0;
  }
  reader.end();
  yield* out;
}

/**
 * readLedgerCsv() without the async generator: text chunks in (BOM already dropped), each
 * record handed to `onRecord` as it is read. The CLI feeds its accumulator through this, so
 * a record costs a function call rather than a promise.
 */
export class CsvLedgerReader {
  private readonly reader: CsvRecordReader;
  private readonly lines: LineSplitter | undefined;

  /** `lean: false` reads every line whole, then cut into fields (the reference the lean path is tested against). */
  constructor(onRecord: (record: LedgerRecord) => void, options: ReadLedgerCsvOptions = {}, lean = true) {
    const reader: CsvRecordReader = new CsvRecordReader(csvLedger(options, () => reader, onRecord, lean));
    this.reader = reader;
    this.lines = lean ? undefined : new LineSplitter();
  }

  push(chunk: string): void {
    if (this.lines) this.lines.push(chunk, (l) => this.reader.line(l));
    else this.reader.push(chunk);
  }

  end(): void {
    this.lines?.end((l) => this.reader.line(l));
    this.reader.end();
  }
}

/** One JSON Lines line as a record. */
function jsonRecord(line: number, text: string): LedgerRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { line, endLine: line, unreadable: rejectionMessage.json((e as Error).message), id: "" };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { line, endLine: line, unreadable: rejectionMessage.notAnObject(value), id: "" };
  return { line, endLine: line, entry: value as Record<string, unknown> };
}

/**
 * Read a JSON Lines ledger: one `LedgerEntry` object per line (UTF-8, a BOM allowed, blank
 * lines skipped). Each other line comes out as one record: the parsed object as `entry`, or
 * `unreadable` with the reason when it is not a JSON object.
 *
 * @param stream A Node Readable, a web ReadableStream or any (async) iterable of strings or bytes.
 * @example
 * import { createReadStream } from "node:fs";
 * import { readLedgerJsonl, summarizeReturn } from "destination-vat";
 *
 * const summary = await summarizeReturn(readLedgerJsonl(createReadStream("ledger.jsonl")), { jurisdiction: "AU", period: "2026-Q3" });
 * summary.counts //=> { input: 9, included: 7, rejected: 1, outsidePeriod: 1 }
 * @category Returns
 */
export async function* readLedgerJsonl(stream: LedgerStream): AsyncGenerator<LedgerRecord, void, undefined> {
  const out: LedgerRecord[] = [];
  let no = 0;
  const lines = new LineSplitter();
  const line = (text: string) => {
    no++;
    if (text.trim() !== "") out.push(jsonRecord(no, text));
  };
  for await (const chunk of textChunks(stream)) {
    lines.push(chunk, line);
    yield* out;
    out.length = 0;
  }
  lines.end(line);
  yield* out;
}
