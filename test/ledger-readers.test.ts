/**
 * readLedgerCsv / readLedgerJsonl: every physical line of a ledger file is accounted for —
 * a stray, unterminated quote costs its own line only (issue 16: it used to swallow the
 * rest of the file into one rejected record) — and a quoted field over several lines is
 * still one record. The CLI's `return` reads through these same readers.
 */
import { fc, test } from "@fast-check/vitest";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readLedgerCsv, readLedgerJsonl, summarizeReturn, type LedgerRecord } from "../src/index.js";
import { CsvRecordReader, MAX_OPEN_LINES } from "../src/ledger/csv-records.js";
import { CsvLedgerReader } from "../src/ledger/read.js";
import { LineSplitter } from "../src/ledger/text.js";

const RUNS = Number(process.env.PROP_RUNS ?? 200);
const HEADER = "id,date,destination,currency,net,tax,rate,category,type,original_id";
const EU = { jurisdiction: "EU", period: "2026-10" } as const;

const row = (i: number) => `S-${i},2026-10-${String((i % 28) + 1).padStart(2, "0")},FR,EUR,10.00,2.00,0.2,,sale,`;
const ledger = (n: number) => [HEADER, ...Array.from({ length: n }, (_, i) => row(i + 1))];

async function records(stream: Parameters<typeof readLedgerCsv>[0]): Promise<LedgerRecord[]> {
  const out: LedgerRecord[] = [];
  for await (const r of readLedgerCsv(stream)) out.push(r);
  return out;
}

describe("readLedgerCsv", () => {
  it("loses nothing to a stray quote: 1,000 rows with an unterminated quote on row 11 are 999 included and 1 rejected at its line", async () => {
    const lines = ledger(1000);
    lines[11] = lines[11]!.replace(",10.00,", ',"10.00,'); // row 11 is line 12 (the header is line 1)
    const s = await summarizeReturn(readLedgerCsv([lines.join("\n") + "\n"]), EU);
    expect(s.counts).toEqual({ input: 1000, included: 999, rejected: 1, outsidePeriod: 0 });
    expect(s.rejected).toEqual([
      {
        id: "S-11", // the id field comes before the stray quote
        index: 10,
        line: 12,
        reason: "INVALID_ENTRY",
        message: "the CSV record cannot be read: the quote opened on line 12 is never closed into a record of 10 fields; line 12 is rejected alone and reading resumes on line 13",
      },
    ]);
  });

  it("keeps a quoted field over several lines as one record, and reads on after it", async () => {
    const text = `${HEADER},note\nA,2026-10-01,FR,EUR,10.00,2.00,0.2,,sale,,"two\nlines, one ""note"""\nB,2026-10-02,FR,EUR,5.00,1.00,0.2,,sale,,\n`;
    const r = await records([text]);
    expect(r.map((x) => [x.line, x.endLine, "entry" in x ? x.entry.id : x.unreadable])).toEqual([
      [2, 3, "A"],
      [4, 4, "B"],
    ]);
    const s = await summarizeReturn(readLedgerCsv([text]), EU);
    expect(s.counts).toEqual({ input: 2, included: 2, rejected: 0, outsidePeriod: 0 });
  });

  it("does not join two stray quotes into one record of the wrong width: the first line is rejected, the lines after it are read again", async () => {
    const lines = ledger(5);
    lines[2] = lines[2]!.replace(",FR,", ',"FR,'); // opens on line 3
    lines[4] = lines[4]!.replace(",sale,", ',sale",'); // a quote on line 5 closes it, but into the wrong number of fields
    const r = await records([lines.join("\n")]);
    expect(r.map((x) => [x.line, x.endLine, "entry" in x])).toEqual([
      [2, 2, true],
      [3, 3, false],
      [4, 4, true],
      [5, 5, true], // sale" — read again alone: a quote inside an unquoted field is a character (then INVALID_TYPE)
      [6, 6, true],
    ]);
  });

  it("gives up an open quote after MAX_OPEN_LINES lines and reads them again, so memory stays bounded", async () => {
    const lines = ledger(MAX_OPEN_LINES + 50);
    lines[1] = `"${lines[1]}`;
    const r = await records(lines.map((l) => `${l}\n`));
    expect(r).toHaveLength(MAX_OPEN_LINES + 50);
    expect(r.filter((x) => !("entry" in x)).map((x) => x.line)).toEqual([2]);
  });

  it("reads bytes cut anywhere (inside a UTF-8 character too), a BOM, CRLF and blank lines, from a Node stream and a web stream", async () => {
    const text = `\uFEFF${HEADER}\r\nA,2026-10-01,FR,EUR,10.00,2.00,0.2,,sale,\r\n\r\nÜ-é,2026-10-02,FR,EUR,5.00,1.00,0.2,,sale,\r\n`;
    const bytes = new TextEncoder().encode(text);
    const cut = [...text].findIndex((c) => c === "Ü") + 4; // inside the two bytes of "Ü"
    const chunks = [bytes.slice(0, cut), bytes.slice(cut)];
    const fromNode = await records(Readable.from(chunks));
    const fromWeb = await records(new Blob(chunks).stream());
    for (const r of [fromNode, fromWeb]) expect(r.map((x) => [x.line, "entry" in x && x.entry.id])).toEqual([[2, "A"], [4, "Ü-é"]]);
  });

  it("rejects a record of the wrong width with its id and line", async () => {
    const s = await summarizeReturn(readLedgerCsv([`${HEADER}\nB,2026-10-01,FR,EUR,1.00\n`]), EU);
    expect(s.rejected).toEqual([{ id: "B", index: 0, line: 2, reason: "INVALID_ENTRY", message: "the CSV record has 5 fields but the header has 10" }]);
  });

  it("throws INVALID_INPUT at header when a required column is missing, and names ignored columns", async () => {
    await expect(records(["date,from,to,rate\n"])).rejects.toMatchObject({ code: "INVALID_INPUT", path: ["header"] });
    const ignored: string[][] = [];
    for await (const _ of readLedgerCsv([`${HEADER},note,shop\n`], { onIgnoredColumns: (c) => ignored.push(c) }));
    expect(ignored).toEqual([["note", "shop"]]);
  });

  // The property the issue asks for: whatever stray quotes a file holds, the records'
  // line spans cover each of its data lines exactly once; only a line with a quote can
  // start a record of several lines; every line without one that no such record covers
  // is read as itself.
  test.prop(
    [
      fc.integer({ min: 1, max: 60 }).chain((n) =>
        fc.tuple(fc.constant(n), fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.nat(60)), { selector: ([i]) => i, maxLength: Math.min(n, 8) }), fc.integer({ min: 1, max: 97 })),
      ),
    ],
    { numRuns: RUNS },
  )("random stray quotes: the lines accounted for equal the file's data lines", async ([n, quotes, chunkSize]) => {
    const lines = ledger(n);
    const touched = new Set<number>();
    for (const [i, at] of quotes) {
      const l = lines[i + 1]!;
      const p = at % (l.length + 1);
      lines[i + 1] = `${l.slice(0, p)}"${l.slice(p)}`;
      touched.add(i + 2); // its line number
    }
    const text = `${lines.join("\n")}\n`;
    const chunks: string[] = [];
    for (let i = 0; i < text.length; i += chunkSize) chunks.push(text.slice(i, i + chunkSize));
    const r = await records(chunks);
    const covered: number[] = [];
    for (const x of r) for (let l = x.line; l <= x.endLine; l++) covered.push(l);
    expect(covered).toEqual(Array.from({ length: n }, (_, i) => i + 2));
    for (const x of r) {
      if (x.endLine > x.line) expect(touched.has(x.line)).toBe(true);
      else if (!touched.has(x.line)) expect("entry" in x && x.entry.id).toBe(`S-${x.line - 1}`);
    }
    const s = await summarizeReturn(readLedgerCsv(chunks), EU);
    expect(s.counts.input).toBe(r.length);
    expect(s.counts.included).toBeGreaterThanOrEqual(n - quotes.length - r.reduce((k, x) => k + x.endLine - x.line, 0));
  });
});

describe("CsvRecordReader.push", () => {
  type Emitted = [number, number, string[] | undefined, string | undefined, string | undefined];
  const collect = (): [CsvRecordReader, Emitted[]] => {
    const out: Emitted[] = [];
    return [new CsvRecordReader((line, endLine, fields, problem, text) => void out.push([line, endLine, fields, problem, text])), out];
  };
  const field = fc.oneof(
    fc.constantFrom("2026-10-01", "2026-10-11", "FR", "EUR", "0.2", "0.055", "sale", "", " ", "\t", "\u00a0", "é", "Ü-é", "a\r", "x".repeat(12), "y".repeat(13), '"', '""', '"a,b"'),
    fc.integer({ min: 0, max: 5000 }).map(String),
    fc.string({ maxLength: 16 }).map((t) => t.replace(/\n/g, "")),
  );
  const line = fc.oneof({ weight: 8, arbitrary: fc.array(field, { minLength: 1, maxLength: 6 }).map((f) => f.join(",")) }, fc.constantFrom("", " ", "\t", "\u00a0", "\u2028"));

  // push() cuts quote-less lines into fields where they lie in the chunk; line() is the
  // reader as it was, fed whole lines. They must read every file alike.
  test.prop([fc.array(line, { maxLength: 40 }), fc.boolean(), fc.boolean(), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 })], { numRuns: RUNS * 5 })(
    "reads any text, cut anywhere, as the line-by-line reader does",
    (lines, crlf, finalBreak, cuts) => {
      const text = lines.join(crlf ? "\r\n" : "\n") + (finalBreak ? "\n" : "");
      const [reference, expected] = collect();
      const splitter = new LineSplitter();
      splitter.push(text, (l) => reference.line(l));
      splitter.end((l) => reference.line(l));
      reference.end();
      const [reader, got] = collect();
      for (let i = 0, k = 0; i < text.length; k++) {
        const n = cuts[k % cuts.length]!;
        reader.push(text.slice(i, i + n));
        i += n;
      }
      reader.end();
      expect(got).toEqual(expected);
    },
  );
});

describe("CsvLedgerReader", () => {
  const columns = ["id", "date", "destination", "currency", "net", "tax", "rate", "type", "category", "original_id", "consignee", "note", "ID", " Date "];
  const value = fc.oneof(
    fc.constantFrom("S-1", "2026-10-01", "2026-10-31", "FR", "MC", "EUR", "USD", "10.00", "2.00", "0.2", "0.055", "sale", "refund", "books", "", " ", "\u00a0", "é", "x".repeat(13), '"q"', 'a"b'),
    fc.integer({ min: 0, max: 999 }).map(String),
    fc.string({ maxLength: 8 }).map((t) => t.replace(/[\n]/g, "")),
  );

  // The lean path (columns read straight into the entry) against the fields path (each line
  // whole, split into fields, then picked by the header): the same records for any ledger.
  test.prop(
    [
      fc.shuffledSubarray(columns, { minLength: 8 }).chain((h) =>
        fc.tuple(
          fc.constant(h),
          // Mostly rows of the header's width; some shorter or longer, some blank.
          fc.array(fc.oneof({ weight: 12, arbitrary: fc.array(value, { minLength: h.length, maxLength: h.length }) }, fc.array(value, { minLength: 1, maxLength: 16 }), fc.constant([] as string[])), { maxLength: 30 }),
        ),
      ),
      fc.boolean(),
      fc.integer({ min: 1, max: 64 }),
    ],
    { numRuns: RUNS * 5 },
  )("reads any ledger, cut anywhere, into the records the fields path reads", ([header, rows], crlf, cut) => {
    const eol = crlf ? "\r\n" : "\n";
    const text = [header.join(","), ...rows.map((r) => r.join(","))].join(eol) + eol;
    const read = (lean: boolean) => {
      const out: LedgerRecord[] = [];
      try {
        const r = new CsvLedgerReader((x) => void out.push(x), {}, lean);
        for (let i = 0; i < text.length; i += cut) r.push(text.slice(i, i + cut));
        r.end();
      } catch (e) {
        out.push({ line: 0, endLine: 0, unreadable: (e as Error).message, id: "thrown" });
      }
      return out;
    };
    expect(read(true)).toEqual(read(false));
  });
});

describe("readLedgerJsonl", () => {
  it("gives each line's number, skips blank lines, and rejects a line that is not a JSON object", async () => {
    const text = `{"id":"A","date":"2026-10-01","destination":"FR","currency":"EUR","net":"10.00","tax":"2.00","rate":"0.2","type":"sale"}\n\nnot json\n[1]\n`;
    const s = await summarizeReturn(readLedgerJsonl(Readable.from([text])), EU);
    expect(s.counts).toEqual({ input: 3, included: 1, rejected: 2, outsidePeriod: 0 });
    expect(s.rejected.map((x) => [x.line, x.reason, x.message.slice(0, 32)])).toEqual([
      [3, "INVALID_ENTRY", "the line is not a JSON object: U"],
      [4, "INVALID_ENTRY", "a ledger entry must be an object"],
    ]);
  });
});
