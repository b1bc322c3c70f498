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

/** One record, or one line that is not a record, with the lines it spans (1-based, header included). */
export interface CsvRow {
  line: number;
  endLine: number;
  fields?: string[];
  /** Why the line is not a record. */
  problem?: string;
  /** The line's text, when it is not a record (to recover its id). */
  text?: string;
}

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

export class CsvRecordReader {
  /** Fields a multi-line record must have to be taken as one (the header's); 0 until the header is read. */
  width = 0;
  private lineNo = 0;
  private open: Open | undefined;
  /** Lines to read again after an open record was given up: [line number, text]. */
  private readonly again: [number, string][] = [];

  constructor(private readonly emit: (row: CsvRow) => void) {}

  /** The next physical line of the file. */
  line(text: string): void {
    this.take(++this.lineNo, text);
    while (this.again.length) this.take(...this.again.shift()!);
  }

  /** End of the file: an open record still held is given up, line by line. */
  end(): void {
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
      return this.emit({ line: open.start, endLine: no, fields: open.record.fields });
    }
    if (text.indexOf('"') < 0) {
      if (text.trim() === "") return; // a blank line is no record
      return this.emit({ line: no, endLine: no, fields: text.split(",") });
    }
    const record = new RecordFields();
    if (record.feed(text)) return this.emit(record.problem ? { line: no, endLine: no, problem: record.problem, text } : { line: no, endLine: no, fields: record.fields });
    this.open = { start: no, lines: [text], chars: text.length + 1, record };
  }

  /** Reject the open record's first line alone and read the lines after it again. */
  private giveUp(): void {
    const { start, lines } = this.open!;
    this.open = undefined;
    this.emit({ line: start, endLine: start, text: lines[0]!, problem: `the quote opened on line ${start} is never closed into a record${this.width ? ` of ${this.width} fields` : ""}; line ${start} is rejected alone and reading resumes on line ${start + 1}` });
    const replay: [number, string][] = lines.slice(1).map((t, k) => [start + 1 + k, t]);
    this.again.unshift(...replay);
  }
}
