/** `destination-vat return` on the example ledgers (figures hand-computed in test/returns.test.ts), its files, flags and exit codes. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it, vi } from "vitest";
import { summarizeLedgerFile } from "../src/cli/ledger.js";
import { run } from "../src/cli/main.js";
import type { ReturnSummary } from "../src/index.js";

async function cli(...args: string[]) {
  let out = "";
  let err = "";
  const code = await run(args, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

const EU = ["return", "examples/ledgers/eu-2026-10.csv", "--jurisdiction", "EU", "--period", "2026-10", "--rates", "examples/ledgers/ecb-2026-10.csv"];
const AU = ["return", "examples/ledgers/au-2026-q3.jsonl", "--jurisdiction", "AU", "--period", "2026-Q3", "--rates", "examples/ledgers/au-fx-2026-q3.csv"];

const dir = mkdtempSync(join(tmpdir(), "dv-return-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const HEADER = "id,date,destination,currency,net,tax,rate,category,type,original_id\n";

describe("destination-vat return", () => {
  it("prints the EU example's return as a table", async () => {
    const r = await cli(...EU);
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    expect(r.out).toContain("EU return 2026-10 (2026-10-01 to 2026-10-31) in EUR · FX ECB-LAST-DAY-OF-PERIOD");
    expect(r.out).toMatch(/DE\s+19%\s+70\.01\s+13\.30\s+3\n/);
    expect(r.out).toMatch(/FR\s+5\.5%\s+10\.00\s+0\.55\s+2\n/);
    expect(r.out).toMatch(/total\s+260\.01\s+44\.95\n/);
    expect(r.out).toContain("entries: 18 read · 10 included · 6 rejected · 2 outside the period");
    expect(r.out).toContain("line 13 (S-1003): DUPLICATE_ID"); // the ledger file's line, header = line 1
    expect(r.out).toContain("warning REFUND_ORIGINAL_NOT_IN_LEDGER: 1 refund names no sale");
  });

  it("prints what docs/finance.md shows", async () => {
    const doc = readFileSync("docs/finance.md", "utf8");
    const block = /<!-- finance-example:start -->\n```text\n\$ destination-vat (.*)\n([\s\S]*?)```\n<!-- finance-example:end -->/.exec(doc)!;
    const r = await cli(...block[1]!.split(" "));
    // The data edition moves on its own; the figures must not.
    expect(r.out.replace(/ · data \S+\n/, " · data …\n")).toBe(block[2]!.replace(/ · data \S+\n/, " · data …\n"));
  });

  it("pins the EU example's totals and counts as JSON", async () => {
    const r = await cli(...EU, "--json");
    const s = JSON.parse(r.out) as ReturnSummary;
    expect(s.totals).toEqual({ taxableAmount: "260.01", tax: "44.95" });
    expect(s.counts).toEqual({ input: 18, included: 10, rejected: 6, outsidePeriod: 2 });
    expect(s.refunds.map((x) => [x.destination, x.rate, x.taxableAmount, x.tax])).toEqual([
      ["DE", "0.19", "10.00", "1.90"],
      ["FR", "0.2", "100.00", "20.00"],
      ["FR", "0.055", "10.00", "0.55"],
    ]);
  });

  it("reads JSON Lines, converts at each entry's date, and reconciles entries that carry their input", async () => {
    const r = await cli(...AU, "--reconcile", "--json");
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out) as ReturnSummary;
    expect(s.rows.map((x) => [x.destination, x.rate, x.taxableAmount, x.tax, x.count])).toEqual([
      ["AU", "0.1", "551.28", "54.12", 6],
      ["AU", "0", "40.00", "0.00", 1],
    ]);
    expect(s.totals).toEqual({ taxableAmount: "591.28", tax: "54.12" });
    expect(s.counts).toEqual({ input: 9, included: 7, rejected: 1, outsidePeriod: 1 });
    expect(s.rejected[0]).toMatchObject({ index: 7, reason: "INVALID_ENTRY" });
    expect(s.discrepancies).toEqual([{ id: "AU-6", field: "tax", recorded: "9.00", recomputed: "10.00", message: "tax at rate 0.1 recorded as 9.00; quote() on 2026-07-22 gives 10.00" }]);
  });

  it("writes rejected entries to --rejected as JSON Lines instead of the summary", async () => {
    const out = join(dir, "rejected.jsonl");
    const r = await cli(...EU, "--json", "--rejected", out);
    const s = JSON.parse(r.out) as ReturnSummary;
    expect(s.rejected).toEqual([]);
    expect(s.counts.rejected).toBe(6);
    const lines = readFileSync(out, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.index, l.id, l.reason])).toEqual([
      [8, "S-1009", "INVALID_AMOUNT"],
      [9, "S-1010", "OTHER_JURISDICTION"],
      [10, "S-1011", "MISSING_EXCHANGE_RATE"],
      [11, "S-1003", "DUPLICATE_ID"],
      [13, "S-1012", "OUTSIDE_VAT_AREA"],
      [16, "S-1013", "INVALID_DATE"],
    ]);
    expect((await cli(...EU, "--rejected", out)).out).toContain(`rejected entries written to ${out}`);
  });

  it("--strict-refunds rejects the refund of a sale not in the ledger; --no-id-check lets the duplicate in", async () => {
    const strict = JSON.parse((await cli(...EU, "--json", "--strict-refunds")).out) as ReturnSummary;
    expect(strict.rejected.map((x) => [x.id, x.reason])).toContainEqual(["R-2003", "UNKNOWN_ORIGINAL"]);
    const loose = JSON.parse((await cli(...EU, "--json", "--no-id-check")).out) as ReturnSummary;
    expect(loose.counts).toEqual({ input: 18, included: 11, rejected: 5, outsidePeriod: 2 });
    expect(loose.totals).toEqual({ taxableAmount: "310.01", tax: "54.95" }); // the second S-1003: + 50.00 / 10.00
  });

  it("prints a nil return", async () => {
    const r = await cli("return", file("empty.csv", HEADER), "--jurisdiction", "EU", "--period", "2026-10");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/total\s+0\.00\s+0\.00\n/);
    expect(r.out).toContain("nil return");
  });

  it("rejects a CSV record whose field count differs from the header, and notes an unknown column on stderr", async () => {
    const spy = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const ledger = file("extra.csv", `${HEADER.trimEnd()},note\nA,2026-10-01,FR,EUR,1.00,0.20,0.2,,sale,,hi\nB,2026-10-01,FR,EUR,1.00\n`);
      const r = await cli("return", ledger, "--jurisdiction", "EU", "--period", "2026-10", "--json");
      const s = JSON.parse(r.out) as ReturnSummary;
      expect(s.counts).toEqual({ input: 2, included: 1, rejected: 1, outsidePeriod: 0 });
      expect(s.rejected[0]).toMatchObject({ id: "B", reason: "INVALID_ENTRY", message: "the CSV record has 5 fields but the header has 11" });
      expect(spy).toHaveBeenCalledWith("note: ignoring CSV column note\n");
    } finally {
      spy.mockRestore();
    }
  });

  it.each([
    ["a malformed period", [...EU.slice(0, 4), "--period", "2026-Q4"], /^error INVALID_INPUT at period: EU returns are monthly/],
    ["an unknown jurisdiction", ["return", EU[1]!, "--jurisdiction", "XX", "--period", "2026-10"], /^error INVALID_INPUT at jurisdiction: /],
    ["a missing ledger", ["return", "no-such-ledger.csv", "--jurisdiction", "EU", "--period", "2026-10"], /no-such-ledger\.csv/],
    ["a directory as the ledger", ["return", "examples", "--jurisdiction", "EU", "--period", "2026-10"], /^error: cannot read examples: /],
    ["a ledger without the required columns", ["return", "examples/ledgers/ecb-2026-10.csv", "--jurisdiction", "EU", "--period", "2026-10"], /^error INVALID_INPUT at header: the CSV ledger has no id, destination, currency, net, tax, type columns/],
    ["a bad rate in --rates", [...EU.slice(0, 6), "--rates", file("bad-fx.csv", "date,from,to,rate\n2026-11-02,EUR,USD,1.25\n2026-11-02,EUR,GBP,-0.8\n")], /^error: .*bad-fx\.csv line 3: rate must be a positive decimal string/],
    ["a rates file without its header", [...EU.slice(0, 6), "--rates", file("no-header.csv", "2026-11-02,EUR,USD,1.25\n")], /needs the header date,from,to,rate/],
    ["a missing --period", ["return", EU[1]!, "--jurisdiction", "EU"], /required option '--period <period>' not specified/],
    ["an unknown --format", [...EU, "--format", "xlsx"], /Allowed choices are csv, jsonl/],
  ])("exits 2 on %s, with one line on stderr", async (_, args, message) => {
    const r = await cli(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toContain("    at ");
  });
});

describe("summarizeLedgerFile (the CLI's reader) on standard input", () => {
  const opts = { jurisdiction: "EU", period: "2026-10" } as const;

  it("reads CSV from -, in chunks cut anywhere", async () => {
    const text = `${HEADER}A,2026-10-01,FR,EUR,10.00,2.00,0.2,,sale,\n"B",2026-10-02,MC,EUR,5.00,1.00,0.2,"standard",sale,\n`;
    const chunks = [text.slice(0, 50), text.slice(50, 97), text.slice(97)];
    const s = await summarizeLedgerFile("-", opts, Readable.from(chunks));
    expect(s.rows.map((r) => [r.destination, r.taxableAmount, r.count])).toEqual([["FR", "15.00", 2]]);
  });

  it("rejects the line of a quote that is never closed, with the line it opened on, and reads every line after it", async () => {
    const text = `${HEADER}A,2026-10-01,FR,EUR,10.00,2.00,0.2,,sale,\nB,2026-10-02,FR,EUR,"5.00,1.00,0.2,,sale,\nC,2026-10-03,FR,EUR,5.00,1.00,0.2,,sale,\n`;
    const s = await summarizeLedgerFile("-", opts, Readable.from([text]));
    expect(s.counts).toEqual({ input: 3, included: 2, rejected: 1, outsidePeriod: 0 });
    expect(s.rejected[0]).toMatchObject({ line: 3, message: expect.stringMatching(/^the CSV record cannot be read: the quote opened on line 3 is never closed/) });
  });

  it("recognises JSON Lines on standard input by their first character", async () => {
    const lines = `{"id":"A","date":"2026-10-01","destination":"FR","currency":"EUR","net":"10.00","tax":"2.00","rate":"0.2","type":"sale"}\n\nnot json\n`;
    const s = await summarizeLedgerFile("-", opts, Readable.from([lines]));
    expect(s.counts).toEqual({ input: 2, included: 1, rejected: 1, outsidePeriod: 0 });
    expect(s.rejected[0]!.message).toMatch(/^the line is not a JSON object: /);
  });

  it("gives a nil return for empty input", async () => {
    const s = await summarizeLedgerFile("-", opts, Readable.from([]));
    expect(s.counts.input).toBe(0);
    expect(s.totals).toEqual({ taxableAmount: "0.00", tax: "0.00" });
  });
});
