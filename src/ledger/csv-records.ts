/**
 * CSV records, read line by line so that every physical line is accounted for.
 *
 * RFC 4180 fields (a field may be quoted, `""` is a quote inside one, a quoted field may
 * span lines); a quote inside an unquoted field is kept as a character. What a whole-file
 * CSV parser cannot do is recover from a stray, unterminated quote: the rest of the file
 * becomes one field. Here a record that is still open at the end of its first line is held
 * (up to MAX_OPEN_CHARS and MAX_OPEN_LINES) until a later line closes it; it is taken as
 * one record only if it then parses into the header's number of fields. Otherwise its
 * first line is rejected alone, naming the line where the quote opened, and reading starts
 * again on the next line — so a stray quote costs one line, never the rest of the file.
 */

/** An open quoted field is held for at most this many characters and lines before its first line is given up. */
export const MAX_OPEN_CHARS = 65_536;
export const MAX_OPEN_LINES = 1_000;

/** One record's fields, fed one physical line at a time. */
class RecordFields {
  readonly fields: string[] = [];
  private field = "";
  /** Inside a quoted field at the end of the last line fed. */
  open = false;
  problem: string | undefined;

  /** Feed the next line; true when the record is complete (closed, or broken). */
  feed(line: string): boolean {
    const n = line.length;
    let i = 0;
    if (this.open) this.field += "\n";
    for (;;) {
      if (this.open) {
        const q = line.indexOf('"', i);
        if (q < 0) {
          this.field += line.slice(i);
          return false;
        }
        this.field += line.slice(i, q);
        if (line.charCodeAt(q + 1) === 34) {
          this.field += '"';
          i = q + 2;
          continue;
        }
        this.open = false;
        i = q + 1;
        this.fields.push(this.field);
        this.field = "";
        if (i === n) return true;
        if (line.charCodeAt(i) !== 44) {
          this.problem = `a closing quote must be followed by a comma or the end of the line (column ${i + 1})`;
          return true;
        }
        i++;
        if (i === n) break;
        continue;
      }
      if (line.charCodeAt(i) === 34) {
        this.open = true;
        i++;
        continue;
      }
      const c = line.indexOf(",", i);
      if (c < 0) {
        this.fields.push(line.slice(i));
        return true;
      }
      this.fields.push(line.slice(i, c));
      i = c + 1;
      if (i === n) break;
    }
    this.fields.push(""); // the line ends with a comma: an empty last field
    return true;
  }
}

/** Held while a quoted field stays open past the end of its line. */
interface Open {
  start: number;
  lines: string[];
  chars: number;
  record: RecordFields;
}

/** Where a record goes: its lines, and its fields or why it is none (with the line's text). */
export type CsvEmit = (line: number, endLine: number, fields: string[] | undefined, problem?: string, text?: string) => void;

export class CsvRecordReader {
  /** Fields a multi-line record must have to be taken as one (the header's); 0 until the header is read. */
  width = 0;
  private lineNo = 0;
  private open: Open | undefined;
  /** Lines to read again after an open record was given up: [line number, text]. */
  private readonly again: [number, string][] = [];
  /** The start of a line cut by the end of the last chunk. */
  private rest = "";
  /**
   * When set, a quote-less line outside an open record goes here as its place in the chunk
   * (`text.slice(from, to)` is the line, numbered `line`) instead of being cut into fields
   * for `emit`: the ledger reader reads its columns straight into an entry.
   */
  lean: ((text: string, from: number, to: number, line: number) => void) | undefined;
  /** value()'s cache: 256 strings a column, and their characters packed (three integers each). */
  private cache: (string | undefined)[] = [];
  private keys = new Int32Array(0);

  constructor(private readonly emit: CsvEmit) {}

  /**
   * The next chunk of the file's text, cut anywhere: lines end at "\n" (a "\r" before it
   * dropped). A line with no quote, outside an open record, is cut into fields where it
   * lies in the chunk — no copy of the line, no split() — which is every line of most ledgers.
   */
  push(chunk: string): void {
    let pos = 0;
    let nl = chunk.indexOf("\n");
    if (this.rest !== "") {
      if (nl < 0) {
        this.rest += chunk;
        return;
      }
      const text = this.rest + chunk.slice(0, nl);
      this.rest = "";
      this.line(text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text);
      pos = nl + 1;
      nl = chunk.indexOf("\n", pos);
    }
    let quote = chunk.indexOf('"', pos);
    for (; nl >= 0; pos = nl + 1, nl = chunk.indexOf("\n", pos)) {
      const end = nl > pos && chunk.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      if (quote >= 0 && quote < pos) quote = chunk.indexOf('"', pos);
      if (this.open || (quote >= 0 && quote < end)) {
        this.line(chunk.slice(pos, end));
        continue;
      }
      const no = ++this.lineNo;
      const first = end > pos ? chunk.charCodeAt(pos) : 32;
      // A character from "!" to "~" is no white space; else the line may be blank, as trim() says.
      if ((first < 33 || first > 126) && chunk.slice(pos, end).trim() === "") continue; // a blank line is no record
      if (this.lean) {
        this.lean(chunk, pos, end, no);
        continue;
      }
      const fields: string[] = [];
      let from = pos;
      for (let c = chunk.indexOf(",", from); c >= 0 && c < end; c = chunk.indexOf(",", from)) {
        fields.push(chunk.slice(from, c));
        from = c + 1;
      }
      fields.push(chunk.slice(from, end));
      this.emit(no, no, fields);
    }
    this.rest = chunk.slice(pos);
  }

  /** Where the field read by the last `value()` ends (its comma, or `to`). */
  valueEnd = 0;

  /**
   * Make `value()` ready for columns 0 to `columns - 1`, its cache empty. For columns whose
   * values repeat (dates, codes, rates): such a field costs no new string when the same text
   * was read before (and its Map lookups downstream find a string already hashed).
   */
  cacheValues(columns: number): void {
    this.cache = [];
    this.keys = new Int32Array(columns * 256 * 3);
  }

  /**
   * The field that starts at `from` and ends at the next comma before `to` (or at `to`), its
   * end put in `valueEnd`: `text.slice(from, valueEnd)`, or the equal string read before in
   * column `column` (below cacheValues()'s number) — 256 slots a column, each holding the
   * last value hashed to it with its characters packed into three integers (7 bits each,
   * with the length), so that a hit is three integer comparisons. The comma is found in the
   * same pass. ASCII values of up to 12 characters only (a longer slice may share the
   * chunk's memory, which a cache must not hold on to).
   */
  value(text: string, from: number, to: number, column: number): string {
    let a = 0;
    let b = 0;
    let c = 0;
    let i = from;
    for (; i < to; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 44) break;
      const k = i - from;
      if (ch > 127 || k === 12) {
        let end = text.indexOf(",", i);
        if (end < 0 || end > to) end = to;
        this.valueEnd = end;
        return text.slice(from, end);
      }
      if (k < 4) a = (a << 7) | ch;
      else if (k < 8) b = (b << 7) | ch;
      else c = (c << 7) | ch;
    }
    this.valueEnd = i;
    const len = i - from;
    if (len === 0) return "";
    c |= len << 28;
    let h = Math.imul(a ^ Math.imul(b, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b), 0xcc9e2d51);
    h ^= h >>> 15;
    const slot = (column << 8) | (h & 255);
    const keys = this.keys;
    const cached = this.cache[slot];
    if (cached !== undefined && keys[3 * slot] === a && keys[3 * slot + 1] === b && keys[3 * slot + 2] === c) return cached;
    keys[3 * slot] = a;
    keys[3 * slot + 1] = b;
    keys[3 * slot + 2] = c;
    return (this.cache[slot] = text.slice(from, i));
  }

  /** The next physical line of the file. */
  line(text: string): void {
    this.take(++this.lineNo, text);
    while (this.again.length) this.take(...this.again.shift()!);
  }

  /** End of the file: the last line (when the text does not end with a line break), then an open record still held is given up, line by line. */
  end(): void {
    const rest = this.rest;
    this.rest = "";
    if (rest !== "") this.line(rest.endsWith("\r") ? rest.slice(0, -1) : rest);
    while (this.open) {
      this.giveUp();
      while (this.again.length) this.take(...this.again.shift()!);
    }
  }

  private take(no: number, text: string): void {
    const open = this.open;
    if (open) {
      open.lines.push(text);
      open.chars += text.length + 1;
      if (!open.record.feed(text)) {
        if (open.chars > MAX_OPEN_CHARS || open.lines.length > MAX_OPEN_LINES) this.giveUp();
        return;
      }
      if (open.record.problem || (this.width > 0 && open.record.fields.length !== this.width)) return this.giveUp();
      this.open = undefined;
      return this.emit(open.start, no, open.record.fields);
    }
    if (text.indexOf('"') < 0) {
      if (text.trim() === "") return; // a blank line is no record
      return this.emit(no, no, text.split(","));
    }
    const record = new RecordFields();
    if (record.feed(text)) return record.problem ? this.emit(no, no, undefined, record.problem, text) : this.emit(no, no, record.fields);
    this.open = { start: no, lines: [text], chars: text.length + 1, record };
  }

  /** Reject the open record's first line alone and read the lines after it again. */
  private giveUp(): void {
    const { start, lines } = this.open!;
    this.open = undefined;
    this.emit(start, start, undefined, `the quote opened on line ${start} is never closed into a record${this.width ? ` of ${this.width} fields` : ""}; line ${start} is rejected alone and reading resumes on line ${start + 1}`, lines[0]!);
    const replay: [number, string][] = lines.slice(1).map((t, k) => [start + 1 + k, t]);
    this.again.unshift(...replay);
  }
}
