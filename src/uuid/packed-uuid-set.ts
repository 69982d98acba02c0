// The run's set of session IDs: exact, for tens of millions of members, at
// about 14 bytes a member plus at most ~7 MB (a hash table of 16-byte slots
// needs about 22 bytes a member at the loads that keep it fast).
//
// An ID is four 32-bit words (a, b, c, d). It is kept as (x, b, c, d), where x
// is a mixed with b, c, d and a per-process key. For fixed b, c, d the step
// from a to x is a bijection, so two IDs are equal exactly when their
// (x, b, c, d) are: nothing is approximate. And x is spread evenly over its
// 32 bits whatever IDs are submitted, since nobody outside knows the key.
//
// Members sit in one array sorted by x, cut into 65,536 buckets by
// the top 16 bits of x. Those bits are implied by the bucket, so a member
// takes 2 bytes (the low 16 bits of x, in `lows`) + 12 (b, c, d, in `rest`).
// A lookup reads the bucket's bounds, guesses the place from x (members are
// spread evenly, so the guess is close), gallops from there to the members
// with the same x (rarely more than one), and compares b, c, d: O(1) reads
// expected, O(log n) at worst.
//
// New members wait in a small hash table. When it is full they are sorted where
// they are (a radix sort on x) and merged into the array in one backward pass,
// inside arrays allocated once for the expected size (see the constructor): the
// array is never copied whole, and no old copy is left for the garbage
// collector. The waiting table holds up to a quarter of the set (at most 2^18
// members), so below a million members each is moved about four times, by
// sequential copies; past that the cap makes merges more frequent.

import { spread } from './hash32.ts';
import { UuidWordsSink } from './uuid-codec.ts';

const BUCKET_BITS = 16;
const BUCKETS = 1 << BUCKET_BITS;
const LOW_MASK = BUCKETS - 1;
const FIRST_PENDING = 1024;
const MAX_PENDING = 1 << 18;
/** The waiting table grows while it is smaller than this share of the merged members. */
const PENDING_SHARE = 4;
/** Runs shorter than this are moved by a loop; a native copy's call costs more than it saves. */
const COPY_NATIVE_FROM = 8;

/** Where a member with low half `low` goes in lows[lo..hi): the first index whose low half is not smaller. */
function lowerBound(lows: Uint16Array, lo: number, hi: number, low: number): number {
  if (lo === hi) return lo;
  let from: number;
  let to: number;
  const guess = lo + Math.floor(((hi - lo) * low) / BUCKETS);
  if (lows[guess]! < low) {
    // Gallop up: everything up to `below` is smaller.
    let below = guess;
    let step = 1;
    for (;;) {
      const probe = below + step;
      if (probe >= hi) {
        to = hi;
        break;
      }
      if (lows[probe]! >= low) {
        to = probe;
        break;
      }
      below = probe;
      step *= 2;
    }
    from = below + 1;
  } else {
    // Gallop down: everything from `atLeast` on is not smaller.
    let atLeast = guess;
    let step = 1;
    for (;;) {
      const probe = atLeast - step;
      if (probe < lo) {
        from = lo;
        break;
      }
      if (lows[probe]! < low) {
        from = probe + 1;
        break;
      }
      atLeast = probe;
      step *= 2;
    }
    to = atLeast;
  }
  while (from < to) {
    const middle = (from + to) >>> 1;
    if (lows[middle]! < low) from = middle + 1;
    else to = middle;
  }
  return from;
}

function sameRest(rest: Uint32Array, at: number, b: number, c: number, d: number): boolean {
  return rest[at] === b && rest[at + 1] === c && rest[at + 2] === d;
}

export class PackedUuidSet extends UuidWordsSink<boolean> {
  #size = 0;
  /** Merged members in sorted order: the low 16 bits of x... */
  #lows: Uint16Array;
  /** ...and b, c, d. */
  #rest: Uint32Array;
  readonly #maxSize: number;
  #merged = 0;
  /** Bucket k holds merged members [starts[k], starts[k + 1]). */
  #starts = new Uint32Array(BUCKETS + 1);

  /** Waiting members as (x, b, c, d), in the order they came. */
  #pending = new Uint32Array(FIRST_PENDING * 4);
  #pendingCount = 0;
  /** Open addressing over the waiting members: index + 1, or 0 for a free slot; twice as many slots as members. */
  #slots = new Int32Array(FIRST_PENDING * 2);

  /**
   * `maxSize` is how many members the set expects at most: at the first merge,
   * arrays for that many are allocated. They are zero-filled by the system's
   * calloc, which maps fresh pages for blocks this large and leaves them
   * untouched, so memory is taken only as members arrive: address space is
   * reserved, not memory. A set that outgrows it still works, at the cost of one copy.
   */
  constructor(maxSize = 1 << 20) {
    super();
    this.#maxSize = Math.max(1, maxSize);
    this.#lows = new Uint16Array(0);
    this.#rest = new Uint32Array(0);
  }

  get size(): number {
    return this.#size;
  }

  /** Adds a UUID given as four 32-bit words (big-endian); returns false when it was already there. */
  override addWords(a: number, b: number, c: number, d: number): boolean {
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const x = spread(a, b, c, d);
    if (this.#hasMerged(x, b, c, d)) return false;
    const pending = this.#pending;
    const slots = this.#slots;
    const mask = slots.length - 1;
    let slot = x & mask;
    for (;;) {
      const entry = slots[slot]!;
      if (entry === 0) break;
      const at = (entry - 1) * 4;
      if (pending[at] === x && pending[at + 1] === b && pending[at + 2] === c && pending[at + 3] === d) return false;
      slot = (slot + 1) & mask;
    }
    const index = this.#pendingCount;
    const at = index * 4;
    pending[at] = x;
    pending[at + 1] = b;
    pending[at + 2] = c;
    pending[at + 3] = d;
    slots[slot] = index + 1;
    this.#pendingCount = index + 1;
    this.#size += 1;
    if (this.#pendingCount * 4 === pending.length) this.#merge();
    return true;
  }

  #hasMerged(x: number, b: number, c: number, d: number): boolean {
    const bucket = x >>> BUCKET_BITS;
    const hi = this.#starts[bucket + 1]!;
    const low = x & LOW_MASK;
    const lows = this.#lows;
    const rest = this.#rest;
    for (let i = lowerBound(lows, this.#starts[bucket]!, hi, low); i < hi && lows[i] === low; i += 1) {
      if (sameRest(rest, i * 3, b, c, d)) return true;
    }
    return false;
  }

  /** Moves every waiting member into the sorted array. */
  #merge(): void {
    const count = this.#pendingCount;
    const pending = this.#pending;
    const merged = this.#merged;
    const total = merged + count;
    this.#ensureCapacity(total);

    // The table is emptied below, so the waiting members are sorted by x where they are; then
    // before[k] counts those in buckets under k.
    sortRecords(pending, 0, count, 24);
    const before = new Uint32Array(BUCKETS + 1);
    for (let i = 0; i < count; i += 1) before[(pending[i * 4]! >>> BUCKET_BITS) + 1]! += 1;
    for (let k = 1; k <= BUCKETS; k += 1) before[k]! += before[k - 1]!;

    // Merge from the back: each waiting member, largest first, finds its place among the merged
    // ones not yet moved, the merged ones after that place move up past it, and it is written.
    const lows = this.#lows;
    const rest = this.#rest;
    const starts = this.#starts;
    let end = merged;
    for (let j = count - 1; j >= 0; j -= 1) {
      const at = j * 4;
      const x = pending[at]!;
      const b = pending[at + 1]!;
      const c = pending[at + 2]!;
      const d = pending[at + 3]!;
      const bucket = x >>> BUCKET_BITS;
      const low = x & LOW_MASK;
      const hi = Math.min(starts[bucket + 1]!, end);
      const place = lowerBound(lows, Math.min(starts[bucket]!, hi), hi, low);
      const shift = j + 1;
      if (end - place >= COPY_NATIVE_FROM) {
        lows.copyWithin(place + shift, place, end);
        rest.copyWithin((place + shift) * 3, place * 3, end * 3);
      } else {
        for (let from = end - 1; from >= place; from -= 1) {
          const to = from + shift;
          lows[to] = lows[from]!;
          rest[to * 3] = rest[from * 3]!;
          rest[to * 3 + 1] = rest[from * 3 + 1]!;
          rest[to * 3 + 2] = rest[from * 3 + 2]!;
        }
      }
      const to = place + j;
      lows[to] = low;
      rest[to * 3] = b;
      rest[to * 3 + 1] = c;
      rest[to * 3 + 2] = d;
      end = place;
    }
    for (let k = 0; k <= BUCKETS; k += 1) starts[k]! += before[k]!;
    this.#merged = total;

    // The waiting table starts empty again, larger while it is under its share of the set.
    let capacity = pending.length / 4;
    if (capacity < MAX_PENDING && capacity * PENDING_SHARE < total) capacity *= 2;
    if (capacity * 4 !== pending.length) {
      this.#pending = new Uint32Array(capacity * 4);
      this.#slots = new Int32Array(capacity * 2);
    } else {
      this.#slots.fill(0);
    }
    this.#pendingCount = 0;
  }

  /** Room in the sorted array for `total` members: within the reservation, else by one copy into a larger one. */
  #ensureCapacity(total: number): void {
    if (total <= this.#lows.length) return;
    const reserve = Math.max(total * 2, this.#maxSize);
    const lows = new Uint16Array(reserve);
    const rest = new Uint32Array(reserve * 3);
    lows.set(this.#lows.subarray(0, this.#merged));
    rest.set(this.#rest.subarray(0, this.#merged * 3));
    this.#lows = lows;
    this.#rest = rest;
  }
}

/**
 * Sorts records of four words, [from, to), by their first word, in place: an
 * American flag sort on one byte of it (from `shift`), then each part on the
 * next byte, down to the top two bytes; parts that small are sorted by
 * insertion. Every pass writes to at most 256 places at a time, so it stays in cache.
 */
function sortRecords(words: Uint32Array, from: number, to: number, shift: number): void {
  if (to - from <= 16 || shift < 16) {
    for (let i = from + 1; i < to; i += 1) {
      const x = words[i * 4]!;
      if (words[(i - 1) * 4]! <= x) continue;
      const b = words[i * 4 + 1]!;
      const c = words[i * 4 + 2]!;
      const d = words[i * 4 + 3]!;
      let into = i;
      for (; into > from && words[(into - 1) * 4]! > x; into -= 1) {
        const at = into * 4;
        words[at] = words[at - 4]!;
        words[at + 1] = words[at - 3]!;
        words[at + 2] = words[at - 2]!;
        words[at + 3] = words[at - 1]!;
      }
      words[into * 4] = x;
      words[into * 4 + 1] = b;
      words[into * 4 + 2] = c;
      words[into * 4 + 3] = d;
    }
    return;
  }
  const heads = new Int32Array(257);
  for (let i = from; i < to; i += 1) heads[((words[i * 4]! >>> shift) & 255) + 1]! += 1;
  heads[0] = from;
  for (let digit = 1; digit <= 256; digit += 1) heads[digit]! += heads[digit - 1]!;
  const ends = heads.slice(1);
  for (let digit = 0; digit < 256; digit += 1) {
    while (heads[digit]! < ends[digit]!) {
      const at = heads[digit]! * 4;
      const own = (words[at]! >>> shift) & 255;
      if (own === digit) {
        heads[digit]! += 1;
        continue;
      }
      // Swap the record into its part's next free place; what comes back is looked at again.
      const into = heads[own]! * 4;
      heads[own]! += 1;
      for (let w = 0; w < 4; w += 1) {
        const held = words[at + w]!;
        words[at + w] = words[into + w]!;
        words[into + w] = held;
      }
    }
  }
  for (let digit = 0, start = from; digit < 256; digit += 1) {
    sortRecords(words, start, ends[digit]!, shift - 8);
    start = ends[digit]!;
  }
}
