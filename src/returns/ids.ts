/**
 * The ids a return has seen, in ~10 bytes each: 62-bit fingerprints in linear-probing
 * tables of 32-bit integers, not the id strings (a Set of 5 million strings costs
 * ~300 MB). Two different ids share a fingerprint with probability about n²/2^63 —
 * 3·10^-6 for 5 million ids — in which case the second would be reported as a
 * duplicate: visible in `rejected`, never silently dropped.
 *
 * The table is split in 64 shards that grow one at a time (×1.3 past 85 % load), so
 * growing never holds two copies of the whole table. (Measured on 5 million ids:
 * ×1.5 at 80 % cost 185 MB peak RSS for the whole run, ×1.3 at 85 % 163 MB, ×1.25 at
 * 90 % was slower and no smaller.)
 */

/** Flag: an entry with this id was taken (a later one is a duplicate). */
export const SEEN = 1;
/** Flag: a sale with this id (or this base id, `base#part`) was seen: refunds may name it. */
export const SALE = 2;

const SHARD_BITS = 6;
const MASK30 = 0x3fffffff;
const TWO30 = 1073741824; // 2^30 (a literal: `2 ** 30` at the top level keeps this module in every bundle)
/** A shard grows by GROWTH when an insert would take it past MAX_LOAD. */
const MAX_LOAD = 0.85;
const GROWTH = 1.3;

let h1 = 0;
let h2 = 0;

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Two independent 32-bit MurmurHash3-style hashes of `s` (UTF-16 units, two per block), into h1 and h2. */
function hash(s: string): void {
  const len = s.length;
  let a = 0x9747b28c ^ len;
  let b = 0x2f1d3a65 ^ len;
  let i = 0;
  for (; i + 1 < len; i += 2) {
    const k = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16);
    let x = Math.imul(k, 0xcc9e2d51);
    x = Math.imul((x << 15) | (x >>> 17), 0x1b873593);
    a ^= x;
    a = (Math.imul((a << 13) | (a >>> 19), 5) + 0xe6546b64) | 0;
    let y = Math.imul(k, 0x85ebca6b);
    y = Math.imul((y << 13) | (y >>> 19), 0xc2b2ae35);
    b ^= y;
    b = (Math.imul((b << 17) | (b >>> 15), 5) + 0x561ccd1b) | 0;
  }
  if (i < len) {
    const k = s.charCodeAt(i);
    a ^= Math.imul((Math.imul(k, 0xcc9e2d51) << 15) | 0, 0x1b873593);
    b ^= Math.imul((Math.imul(k, 0x85ebca6b) << 13) | 0, 0xc2b2ae35);
  }
  h1 = fmix(a);
  h2 = fmix(b) || 1; // 0 marks an empty slot
}

class Shard {
  /** Pairs [hi, lo]: hi = 30 fingerprint bits | flags << 30; lo = 32 fingerprint bits, 0 when the slot is empty. */
  keys: Int32Array;
  cap: number;
  size = 0;

  constructor(cap: number) {
    this.cap = cap;
    this.keys = new Int32Array(cap * 2);
  }

  /** Slot of the fingerprint (hi30, lo), or of the empty slot where it would go. */
  slot(hi30: number, lo: number): number {
    const keys = this.keys;
    const cap = this.cap;
    let i = Math.floor((hi30 * cap) / TWO30);
    for (;;) {
      const l = keys[2 * i + 1]!;
      if (l === 0 || (l === lo && (keys[2 * i]! & MASK30) === hi30)) return i;
      i = i + 1 === cap ? 0 : i + 1;
    }
  }

  grow(): void {
    const old = this.keys;
    this.cap = Math.ceil(this.cap * GROWTH);
    this.keys = new Int32Array(this.cap * 2);
    for (let i = 0; i < old.length; i += 2) {
      const lo = old[i + 1]!;
      if (lo === 0) continue;
      const s = this.slot(old[i]! & MASK30, lo);
      this.keys[2 * s] = old[i]!;
      this.keys[2 * s + 1] = lo;
    }
  }
}

export class IdSet {
  private readonly shards: Shard[] = [];

  constructor() {
    for (let i = 0; i < 1 << SHARD_BITS; i++) this.shards.push(new Shard(64));
  }

  /**
   * Size the empty table for about `n` ids, so that it does not grow on the way: each
   * growth leaves the old arrays to the full GC (tens of MB on millions of ids).
   */
  reserve(n: number): void {
    const cap = Math.ceil(n / (1 << SHARD_BITS) / MAX_LOAD) + 1;
    for (let i = 0; i < this.shards.length; i++) if (this.shards[i]!.size === 0 && this.shards[i]!.cap < cap) this.shards[i] = new Shard(cap);
  }

  /** The flags recorded for `id` (0: never seen). */
  get(id: string): number {
    hash(id);
    const shard = this.shards[h2 >>> (32 - SHARD_BITS)]!;
    const hi30 = h1 & MASK30;
    const s = shard.slot(hi30, h2);
    return shard.keys[2 * s + 1] === 0 ? 0 : shard.keys[2 * s]! >>> 30;
  }

  /** Add `flags` to those of `id` (recording it when new). */
  mark(id: string, flags: number): void {
    const before = this.take(id, flags);
    if (before & SEEN && (before | flags) !== before) {
      const shard = this.shards[h2 >>> (32 - SHARD_BITS)]!;
      const hi30 = h1 & MASK30;
      const s = shard.slot(hi30, h2);
      shard.keys[2 * s] = hi30 | ((before | flags) << 30);
    }
  }

  /**
   * Record `id` with `flags` unless it is already SEEN; returns the flags it had before
   * (so `before & SEEN` means a duplicate, left as it was).
   */
  take(id: string, flags: number): number {
    hash(id);
    const shard = this.shards[h2 >>> (32 - SHARD_BITS)]!;
    const hi30 = h1 & MASK30;
    let s = shard.slot(hi30, h2);
    if (shard.keys[2 * s + 1] !== 0) {
      const before = shard.keys[2 * s]! >>> 30;
      if (!(before & SEEN)) shard.keys[2 * s] = hi30 | ((before | flags) << 30);
      return before;
    }
    if (shard.size + 1 > shard.cap * MAX_LOAD) {
      shard.grow();
      s = shard.slot(hi30, h2);
    }
    shard.keys[2 * s] = hi30 | (flags << 30);
    shard.keys[2 * s + 1] = h2;
    shard.size++;
    return 0;
  }
}
