/** The CLI's streaming CSV splitter agrees with csv-parse, however the text is cut into chunks. */
import { fc, test } from "@fast-check/vitest";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CsvRecords } from "../src/cli/csv.js";

function split(text: string, cuts: number[]): string[][] {
  const out: string[][] = [];
  const csv = new CsvRecords();
  let at = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    const to = Math.min(c, text.length);
    if (to <= at) continue;
    csv.push(text.slice(at, to), (f) => out.push(f));
    at = to;
  }
  csv.push(text.slice(at), (f) => out.push(f));
  csv.end((f) => out.push(f));
  return out;
}

const reference = (text: string, relax = false): string[][] =>
  parse(text, { relax_column_count: true, skip_empty_lines: true, bom: true, ...(relax ? { relax_quotes: true } : {}) });

const fieldArb = fc.stringMatching(/^[a-zé ,"\n\r1-9.-]{0,8}$/);
const recordArb = fc.array(fieldArb, { minLength: 1, maxLength: 6 });

/** RFC 4180 text: fields with a separator, quote or line break quoted (others sometimes), CRLF or LF, maybe a BOM and a final line end. */
const csvArb = fc
  .record({
    records: fc.array(fc.tuple(recordArb, fc.array(fc.boolean(), { minLength: 6, maxLength: 6 })), { maxLength: 12 }),
    crlf: fc.boolean(),
    finalEol: fc.boolean(),
    bom: fc.boolean(),
  })
  .map(({ records, crlf, finalEol, bom }) => {
    const eol = crlf ? "\r\n" : "\n";
    const lines = records.map(([fields, quote]) =>
      fields
        .map((f, i) => (/[",\r\n]/.test(f) || quote[i] || (fields.length === 1 && f === "") ? `"${f.replace(/"/g, '""')}"` : f))
        .join(","),
    );
    return (bom ? "\uFEFF" : "") + lines.join(eol) + (finalEol && lines.length ? eol : "");
  });

describe("CsvRecords", () => {
  test.prop([csvArb, fc.array(fc.nat({ max: 200 }), { maxLength: 8 })], { numRuns: Number(process.env.CSV_RUNS ?? 500) })("gives csv-parse's records for any chunking", (text, cuts) => {
    expect(split(text, cuts)).toEqual(reference(text));
  }, 120_000);

  it("splits a plain ledger line with the fast path and a quoted one with the slow path", () => {
    const text = 'id,net\nA-1,10.00\n"A,2","1""0"\r\n\nA-3,\n';
    expect(split(text, [3, 9, 17, 18])).toEqual([["id", "net"], ["A-1", "10.00"], ["A,2", '1"0'], ["A-3", ""]]);
  });

  it("keeps a quote inside an unquoted field, as csv-parse does with relax_quotes", () => {
    const text = 'a,b"c,d\nx,y,z';
    expect(split(text, [])).toEqual(reference(text, true));
  });

  it("runs an unterminated quoted field to the end of the input, without throwing", () => {
    expect(split('a,"b\nc,d', [2])).toEqual([["a", "b\nc,d"]]);
  });
});
