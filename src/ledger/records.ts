/** What the ledger readers yield: one entry as read, or one line that could not be read as an entry. */

/**
 * One record of a ledger file. `line` is the physical line it starts on (1-based; a CSV
 * header is line 1) and `endLine` the last (they differ only for a CSV record with a quoted
 * field over several lines). Either `entry` holds the fields as read — not yet validated:
 * `summarizeReturn()` checks them and rejects a bad entry with its reason — or `unreadable`
 * says why the line is no entry at all (broken quoting, wrong number of fields, not JSON).
 * `summarizeReturn()` accepts these records as they come, and puts `line` on each rejection.
 * @category Returns
 */
export type LedgerRecord =
  | { line: number; endLine: number; entry: Record<string, unknown> }
  | { line: number; endLine: number; unreadable: string; id: string };

/** A LedgerRecord rather than a LedgerEntry (which has neither `entry` nor `unreadable`). */
export function isLedgerRecord(x: unknown): x is LedgerRecord {
  if (typeof x !== "object" || x === null) return false;
  try {
    const r = x as Record<string, unknown>;
    return typeof r.line === "number" && (typeof r.entry === "object" || typeof r.unreadable === "string");
  } catch {
    return false; // a getter or Proxy that throws: summarizeReturn rejects it as an entry
  }
}
