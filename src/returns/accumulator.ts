/**
 * The streaming core of a return: entries go in one at a time, exact sums per bucket
 * come out. Memory is bounded by the number of buckets (destinations × rates ×
 * currencies × exchange rates), not by the number of entries — except the id
 * fingerprints (`ids.ts`, ~10 bytes an entry unless `checkIds: false`), the rejected entries (unless
 * `onRejected` takes them) and refunds whose sale has not been seen yet.
 *
 * Per entry: a few string checks and integer additions; no zod, no Decimal.
 */
import { isCalendarDate } from "../dates.js";
import type { LedgerRecord } from "../ledger/records.js";
import { invalid } from "../errors.js";
import { MINOR_UNITS } from "../generated/manifest.js";
import { amountProblem, normalizeRate, parseUnits } from "./exact.js";
import { destinationStatus } from "./destination.js";
import { CURRENCY, FxTable, fxStrategy, type PickedRate } from "./fx.js";
import { IdSet, SALE, SEEN } from "./ids.js";
import { rejectionMessage as msg, warning } from "./messages.js";
import { returnContext, summaryHead, type ReturnContext } from "./period.js";
import { CATEGORIES } from "../data/categories.js";
import { expectedRate, impliedTax } from "./rate-check.js";
import { reconcileEntry } from "./reconcile.js";
import { buildSummary, type ExactBucket } from "./summary.js";
import type { Discrepancy, RejectedEntry, RejectionReason, ReturnOptions, ReturnSummary, ReturnWarning } from "./types.js";

interface Bucket {
  destination: string;
  rate: string;
  type: "sale" | "refund";
  currency: string;
  fx: PickedRate | null;
  /** Sums in minor units: a number while it is exact, moved into the BigInt before it may not be. */
  net: number;
  tax: number;
  netBig: bigint;
  taxBig: bigint;
  count: number;
}

/** What a destination code means for this return (static per code in the data). */
interface Destination {
  /** Canonical code (UK → GB): whose rates the data check looks up. */
  code: string;
  taxedAs: string;
  /** First date the data covers it. */
  from: string;
  reason?: RejectionReason;
  message?: string;
  /** Its buckets: rate → sale/refund → currency (return currency) or exchange-rate key. Shared by codes taxed alike (MC with FR). */
  buckets: Map<string, { sale: Map<string, Bucket>; refund: Map<string, Bucket> }>;
  /** Its code's place in `codes` (-1 when rejected): where a date's data rates for it are kept. */
  n: number;
}

/** What a valid date string is to the return (cached per string). */
interface DateInfo {
  /** The data's rates by destination (Destination.n), then by category's place in CATEGORIES: no key string built per entry. */
  expected: ((Expected | undefined)[] | undefined)[];
}

type Expected = ReturnType<typeof expectedRate>;

/** A refund held until the end of the entries because its sale was not seen yet (strict mode). */
interface PendingRefund {
  index: number;
  line: number | undefined;
  id: string;
  originalId: string | undefined;
  bucket: Bucket;
  net: number;
  tax: number;
  reconcile?: { rate: string; currency: string; input: unknown };
  check?: RateCheck;
}

/** What the data check of a held refund needs. */
interface RateCheck {
  id: string;
  date: string;
  day: DateInfo;
  dest: Destination;
  /** Place in CATEGORIES. */
  category: number;
  rate: string;
  currency: string;
  dp: number;
  net: number;
}

const SPLIT = 4503599627370496; // 2^52 (a literal: `2 ** 52` at the top level keeps this module in every bundle)
const CACHE_LIMIT = 4096;
/** Longest id (and originalId) kept: a longer one is rejected, never carried. */
const MAX_ID = 200;

export class ReturnAccumulator {
  readonly ctx: ReturnContext;
  private readonly fx: FxTable;
  private readonly strategy: "period-end" | "entry-date";
  private readonly fxModelled: boolean;
  private readonly reconcile: boolean;
  private readonly strict: boolean;
  private readonly onRejected: ((r: RejectedEntry) => void) | undefined;
  private readonly buckets: Bucket[] = [];
  /** Bucket maps by taxedAs, shared by the codes taxed alike. */
  private readonly byTaxedAs = new Map<string, Destination["buckets"]>();
  /** Ids taken, unless `checkIds: false`. */
  private readonly ids: IdSet | undefined;
  private readonly destinations = new Map<string, Destination>();
  /** Date strings seen: what they are, or null when not a calendar date. */
  private readonly dates = new Map<string, DateInfo | null>();
  /** Places of destination codes (Destination.n). */
  private readonly codes = new Map<string, number>();
  private readonly rates = new Map<string, string | null>();
  /** Decimals of each currency code seen (undefined: not a supported code). */
  private readonly currencyDp = new Map<string, number | undefined>();
  private readonly pending: PendingRefund[] = [];
  /** Originals of refunds accepted before their sale was seen (not strict): checked again at the end. */
  private readonly unmatched: string[] = [];
  private readonly counts = { input: 0, included: 0, rejected: 0, outsidePeriod: 0 };
  private readonly rejected: RejectedEntry[] = [];
  private readonly discrepancies: Discrepancy[] = [];
  private finished: ReturnSummary | undefined;
  /** The ledger line of the entry being taken (addRecord), for its rejection. */
  private line: number | undefined;

  /** @throws VatError for a malformed jurisdiction, period or exchange-rate table. */
  constructor(options: ReturnOptions) {
    if (typeof options !== "object" || options === null) throw invalid([], "summarizeReturn needs options { jurisdiction, period }");
    this.ctx = returnContext(options.jurisdiction, options.period);
    this.fx = new FxTable(options.exchangeRates, this.ctx.currency);
    const s = fxStrategy(this.ctx.rules.returns.fx.source);
    this.strategy = s.strategy;
    this.fxModelled = s.modelled;
    this.reconcile = options.reconcile === true;
    this.strict = options.strictRefunds === true;
    if (options.checkIds === false && this.strict) throw invalid(["checkIds"], "strictRefunds matches refunds with their sales by id: it needs checkIds");
    this.ids = options.checkIds === false ? undefined : new IdSet();
    this.onRejected = typeof options.onRejected === "function" ? options.onRejected : undefined;
  }

  /** Expect about `n` entries (the CLI estimates it from the file size): memory for their ids is set aside at once. */
  expect(n: number): void {
    if (this.counts.input === 0 && Number.isFinite(n) && n > 0) this.ids?.reserve(Math.min(n, 1e8));
  }

  /** Entries taken so far. */
  get entries(): number {
    return this.counts.input;
  }

  /** Leave an entry out, with its reason (counted as input and rejected). */
  reject(index: number, id: string, reason: RejectionReason, message: string, field?: string, line = this.line): void {
    this.counts.rejected++;
    const r: RejectedEntry = field === undefined ? { id, index, reason, message } : { id, index, reason, field, message };
    if (line !== undefined) r.line = line;
    if (this.onRejected) this.onRejected(r);
    else this.rejected.push(r);
  }

  /** An entry that could not even be read (a malformed CSV record or JSON line): counted, and rejected. */
  addUnreadable(id: string, message: string): void {
    this.reject(this.counts.input++, id, "INVALID_ENTRY", message);
  }

  /** Take one record of a ledger file (readLedgerCsv / readLedgerJsonl): its rejection carries its line. */
  addRecord(record: LedgerRecord): void {
    this.line = record.line;
    if ("entry" in record) this.add(record.entry);
    else this.addUnreadable(record.id, record.unreadable);
    this.line = undefined;
  }

  /** Take one entry. Never throws for a bad entry: it is rejected with its reason. */
  add(entry: unknown): void {
    const index = this.counts.input++;
    if (typeof entry !== "object" || entry === null) return this.reject(index, "", "INVALID_ENTRY", msg.notAnObject(entry));
    let id = "";
    try {
      const e = entry as Record<string, unknown>;
      const rawId = e.id;
      if (typeof rawId !== "string" || rawId.length === 0 || rawId.length > MAX_ID) return this.reject(index, typeof rawId === "string" ? rawId.slice(0, MAX_ID) : "", "INVALID_ID", msg.id(rawId), "id");
      id = rawId;
      const rawDate = e.date;
      const day = typeof rawDate === "string" ? this.day(rawDate) : null;
      if (day === null) return this.reject(index, id, "INVALID_DATE", msg.date(rawDate), "date");
      const date = rawDate as string;
      const type = e.type;
      const period = this.ctx.period;
      if (date < period.from || date >= period.to) {
        this.counts.outsidePeriod++;
        this.take(id, type === "sale");
        return;
      }
      if (type !== "sale" && type !== "refund") return this.reject(index, id, "INVALID_TYPE", msg.type(type), "type");
      const currency = e.currency;
      const dp = typeof currency === "string" ? this.minorUnits(currency) : undefined;
      if (dp === undefined) return this.reject(index, id, "UNSUPPORTED_CURRENCY", msg.currency(currency), "currency");
      const c = currency as string;
      const net = this.units(e.net, dp);
      if (net < 0) return this.reject(index, id, "INVALID_AMOUNT", msg.amount("net", amountProblem(e.net, dp, c)), "net");
      const tax = this.units(e.tax, dp);
      if (tax < 0) return this.reject(index, id, "INVALID_AMOUNT", msg.amount("tax", amountProblem(e.tax, dp, c)), "tax");
      const rate = this.rate(e.rate);
      if (rate === null) return this.reject(index, id, "INVALID_RATE", msg.rate(e.rate), "rate");
      const originalId = type === "refund" ? e.originalId : undefined;
      if (originalId !== undefined && (typeof originalId !== "string" || originalId.length === 0 || originalId.length > MAX_ID)) return this.reject(index, id, "INVALID_ORIGINAL_ID", msg.originalId(originalId), "originalId");
      const category = e.category;
      const categoryAt = category === undefined || typeof category !== "string" ? -1 : (CATEGORIES as readonly string[]).indexOf(category);
      if (category !== undefined && categoryAt < 0) return this.reject(index, id, "UNKNOWN_CATEGORY", msg.category(category), "category");
      const d = this.destination(e.destination);
      if (d.reason) return this.reject(index, id, d.reason, d.message!, "destination");
      if (date < d.from) return this.reject(index, id, "DATE_OUT_OF_RANGE", msg.dateOutOfRange(d.taxedAs, d.from, date), "date");
      let fx: PickedRate | null = null;
      if (c !== this.ctx.currency) {
        const on = this.strategy === "period-end" ? period.lastDay : date;
        fx = this.fx.pick(c, on, this.strategy);
        if (!fx) return this.reject(index, id, "MISSING_EXCHANGE_RATE", msg.missingRate(c, this.ctx.currency, on, this.strategy), "currency");
      }
      const input = this.reconcile ? e.input : undefined;
      if (this.take(id, type === "sale") & SEEN) return this.reject(index, id, "DUPLICATE_ID", msg.duplicate(id), "id");
      const bucket = this.bucket(d, rate, type, c, fx);
      if (type === "refund" && this.ids && !(originalId !== undefined && this.ids.get(originalId as string) & SALE)) {
        if (this.strict) {
          const p: PendingRefund = { index, line: this.line, id, originalId: originalId as string | undefined, bucket, net, tax };
          if (input !== undefined) p.reconcile = { rate, currency: c, input };
          if (category !== undefined) p.check = { id, date, day, dest: d, category: categoryAt, rate, currency: c, dp, net };
          this.pending.push(p);
          return;
        }
        this.unmatched.push((originalId as string | undefined) ?? ""); // "" is no id: never matched
      }
      this.include(bucket, net, tax);
      if (category !== undefined) this.checkRate(d, day, id, date, categoryAt, rate, c, dp, net);
      if (input !== undefined) this.check(id, rate, c, tax, input);
    } catch {
      this.reject(index, id, "INVALID_ENTRY", msg.unreadable());
    }
  }

  /** The summary; the accumulator takes no more entries after this. */
  finish(): ReturnSummary {
    if (this.finished) return this.finished;
    for (const p of this.pending) {
      if (p.originalId !== undefined && this.ids!.get(p.originalId) & SALE) {
        this.include(p.bucket, p.net, p.tax);
        const k = p.check;
        if (k) this.checkRate(k.dest, k.day, k.id, k.date, k.category, k.rate, k.currency, k.dp, k.net);
        if (p.reconcile) this.check(p.id, p.reconcile.rate, p.reconcile.currency, p.tax, p.reconcile.input);
      } else this.reject(p.index, p.id, "UNKNOWN_ORIGINAL", msg.unknownOriginal(p.originalId), "originalId", p.line);
    }
    this.pending.length = 0;
    const warnings: ReturnWarning[] = [];
    const orphans = this.unmatched.filter((o) => !(this.ids!.get(o) & SALE)).length;
    if (orphans > 0) warnings.push(warning("REFUND_ORIGINAL_NOT_IN_LEDGER", orphans));
    if (!this.fxModelled) warnings.push(warning("FX_RULE_NOT_MODELLED", 0, this.ctx.rules.returns.fx.source));
    const buckets: ExactBucket[] = [];
    for (const b of this.buckets) {
      if (b.count === 0) continue; // made for a refund rejected at the end (strictRefunds)
      buckets.push({
        destination: b.destination,
        rate: b.rate,
        type: b.type,
        currency: b.currency,
        net: b.netBig + BigInt(b.net),
        tax: b.taxBig + BigInt(b.tax),
        count: b.count,
        exchangeRate: b.fx ? b.fx.echo : null,
      });
    }
    this.finished = buildSummary(summaryHead(this.ctx), buckets, {
      discrepancies: this.discrepancies,
      counts: { ...this.counts },
      rejected: this.rejected,
      warnings,
    });
    return this.finished;
  }

  private include(b: Bucket, net: number, tax: number): void {
    this.counts.included++;
    b.count++;
    b.net += net;
    if (b.net > SPLIT) {
      b.netBig += BigInt(b.net);
      b.net = 0;
    }
    b.tax += tax;
    if (b.tax > SPLIT) {
      b.taxBig += BigInt(b.tax);
      b.tax = 0;
    }
  }

  /** The data check of an included entry's rate (every mode): a mismatch is a discrepancy, the entry stays included. */
  private checkRate(d: Destination, day: DateInfo, id: string, date: string, categoryAt: number, rate: string, currency: string, dp: number, net: number): void {
    let byCategory = day.expected[d.n];
    if (byCategory === undefined) day.expected[d.n] = byCategory = [];
    const category = CATEGORIES[categoryAt]!;
    let want = byCategory[categoryAt];
    if (want === undefined) byCategory[categoryAt] = want = expectedRate(d.code, date, category);
    if (want.rate === rate) return;
    const expectedTax = impliedTax(net, dp, want.rate, want.mode);
    this.discrepancies.push({
      id,
      field: "rate",
      recorded: rate,
      recomputed: want.rate,
      category,
      expectedTax,
      message: msg.rateMismatch(rate, want.rate, category, d.code, date, expectedTax, currency),
    });
  }

  /** Reconcile an included entry; whatever happens, the entry stays included. */
  private check(id: string, rate: string, currency: string, tax: number, input: unknown): void {
    let d: Discrepancy | undefined;
    try {
      d = reconcileEntry(id, rate, currency, tax, input);
    } catch (e) {
      d = { id, field: "input", recorded: "", recomputed: "INVALID_INPUT", message: `the input could not be quoted again: ${(e as Error)?.message ?? String(e)}` };
    }
    if (d) this.discrepancies.push(d);
  }

  /**
   * Take an id unless an earlier entry has (returns the flags it had: `& SEEN` is a
   * duplicate). A sale's id becomes refundable, and `base#part` makes `base` refundable too.
   */
  private take(id: string, sale: boolean): number {
    const ids = this.ids;
    if (!ids) return 0;
    const before = ids.take(id, sale ? SEEN | SALE : SEEN);
    if (sale && !(before & SEEN) && id.indexOf("#") >= 0) {
      // (indexOf first: a fast builtin, where lastIndexOf is a runtime call, and most ids have no "#")
      const hash = id.lastIndexOf("#");
      if (hash > 0) ids.mark(id.slice(0, hash), SALE);
    }
    return before;
  }

  private bucket(d: Destination, rate: string, type: "sale" | "refund", currency: string, fx: PickedRate | null): Bucket {
    let byType = d.buckets.get(rate);
    if (!byType) d.buckets.set(rate, (byType = { sale: new Map(), refund: new Map() }));
    const byKey = byType[type];
    const key = fx ? fx.key : currency;
    let b = byKey.get(key);
    if (!b) {
      byKey.set(key, (b = { destination: d.taxedAs, rate, type, currency, fx, net: 0, tax: 0, netBig: 0n, taxBig: 0n, count: 0 }));
      this.buckets.push(b);
    }
    return b;
  }

  private day(date: string): DateInfo | null {
    if (date.length !== 10) return null; // not YYYY-MM-DD (and no long string kept in the cache)
    let info = this.dates.get(date);
    if (info === undefined) {
      info = isCalendarDate(date) ? { expected: [] } : null;
      if (this.dates.size >= CACHE_LIMIT) this.dates.clear();
      this.dates.set(date, info);
    }
    return info;
  }

  /** Decimals of a supported currency code, else undefined (cached: a Map lookup instead of a regex and a lookup per entry). */
  private minorUnits(code: string): number | undefined {
    if (code.length !== 3) return undefined; // CURRENCY: three capitals (and no long string kept in the cache)
    const m = this.currencyDp;
    let dp = m.get(code);
    if (dp === undefined && !m.has(code)) {
      dp = CURRENCY.test(code) ? MINOR_UNITS[code] : undefined;
      if (m.size >= CACHE_LIMIT) m.clear();
      m.set(code, dp);
    }
    return dp;
  }

  /** Minor units of an amount (a decimal string, or a whole number), or -1. */
  private units(v: unknown, dp: number): number {
    if (typeof v === "string") return parseUnits(v, dp);
    if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0 && v < 1e12) return v * 10 ** dp;
    return -1;
  }

  private rate(v: unknown): string | null {
    if (typeof v !== "string") return v === 0 ? "0" : null;
    if (v.length > 14) return null; // longer than "0." and 12 decimals (and no long string kept in the cache)
    let r = this.rates.get(v);
    if (r === undefined) {
      r = normalizeRate(v) ?? null;
      if (this.rates.size >= CACHE_LIMIT) this.rates.clear();
      this.rates.set(v, r);
    }
    return r;
  }

  private destination(v: unknown): Destination {
    const key = typeof v === "string" ? v : "";
    if (key.length > 16) return this.lookUp(v); // no code is this long: looked up (and rejected), not kept in the cache
    let d = this.destinations.get(key);
    if (d === undefined) {
      d = this.lookUp(v);
      if (this.destinations.size >= CACHE_LIMIT) this.destinations.clear();
      this.destinations.set(key, d);
    }
    return d;
  }

  private lookUp(v: unknown): Destination {
    const status = destinationStatus(v, this.ctx);
    if (status.reason) return { ...status, buckets: new Map(), n: -1 };
    let buckets = this.byTaxedAs.get(status.taxedAs);
    if (!buckets) this.byTaxedAs.set(status.taxedAs, (buckets = new Map()));
    let n = this.codes.get(status.code);
    if (n === undefined) this.codes.set(status.code, (n = this.codes.size));
    return { ...status, buckets, n };
  }
}
