// An exact set of UUIDs kept as 16 raw bytes each in typed arrays: about a
// tenth of the memory of a Set of strings. The set is split into 256 segments,
// each an open-addressing table that grows alone, by half, when it is 80%
// full: growing never holds a second copy of everything.
//
// A large set (the run's session IDs) keeps each segment in a resizable
// ArrayBuffer that grows in place, rehashing through one scratch buffer shared
// by all segments: growing leaves no old tables behind for the garbage collector
// and no holes in the heap, which at ten million IDs had cost more memory than
// the IDs themselves. Small sets (installs of one group) use plain arrays, since
// every resizable buffer is a mapping of its own.

const WORDS = 4;
const SEGMENTS = 256;
const MAX_LOAD = 0.8;
const GROWTH = 1.5;
const FIRST_CAPACITY = 8;
/** From this many IDs on, segments grow in place. */
const IN_PLACE_FROM = 1 << 20;

export function hexWord(text: string, at: number): number {
  return Number.parseInt(text.slice(at, at + 8), 16) >>> 0;
}

export function wordAt(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

// Odd multipliers drawn per process: submitted IDs cannot be chosen to pile up in one place.
const KEYS = crypto.getRandomValues(new Uint32Array(4)).map((value) => value | 1);
const [K0, K1, K2, K3] = [KEYS[0]!, KEYS[1]!, KEYS[2]!, KEYS[3]!];

function mix(a: number, b: number, c: number, d: number): number {
  let h = (Math.imul(a, K0) + Math.imul(b, K1) + Math.imul(c, K2) + Math.imul(d, K3)) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

interface Segment {
  /** Four words per slot; an all-zero slot is empty (the nil UUID is tracked apart). */
  table: Uint32Array;
  capacity: number;
  size: number;
  /** Set when the table grows in place. */
  buffer: ArrayBuffer | null;
}

/** Shared by every set: one segment's IDs while it is rehashed in place. */
let scratch = new Uint32Array(0);

export class UuidSet {
  #segments: Segment[] = [];
  #size = 0;
  #hasNil = false;

  /**
   * `initialCapacity` IDs fit before any segment grows. `maxSize` is how many
   * the set may come to hold: from a million on, segments grow in place, each
   * reserving address space (not memory) for twice its share.
   */
  constructor(initialCapacity = 0, maxSize = 0) {
    const perSegment = Math.max(FIRST_CAPACITY, Math.ceil(initialCapacity / SEGMENTS / MAX_LOAD));
    const reserve = maxSize >= IN_PLACE_FROM ? Math.ceil(((maxSize / SEGMENTS) * 2) / MAX_LOAD) + perSegment : 0;
    for (let i = 0; i < SEGMENTS; i += 1) {
      const buffer = reserve > 0 ? new ArrayBuffer(perSegment * WORDS * 4, { maxByteLength: reserve * WORDS * 4 }) : null;
      this.#segments.push({ table: buffer ? new Uint32Array(buffer) : new Uint32Array(perSegment * WORDS), capacity: perSegment, size: 0, buffer });
    }
  }

  get size(): number {
    return this.#size;
  }

  /** Adds a UUID (any case, with dashes); returns false when it was already there. */
  add(uuid: string): boolean {
    // 8-4-4-4-12 hex digits read as four 32-bit words.
    const a = hexWord(uuid, 0);
    const b = ((Number.parseInt(uuid.slice(9, 13), 16) << 16) | Number.parseInt(uuid.slice(14, 18), 16)) >>> 0;
    const c = ((Number.parseInt(uuid.slice(19, 23), 16) << 16) | Number.parseInt(uuid.slice(24, 28), 16)) >>> 0;
    const d = hexWord(uuid, 28);
    return this.addWords(a, b, c, d);
  }

  /** Adds a UUID kept as 16 raw bytes at `at`; returns false when it was already there. */
  addBytes(bytes: Uint8Array, at: number): boolean {
    return this.addWords(wordAt(bytes, at), wordAt(bytes, at + 4), wordAt(bytes, at + 8), wordAt(bytes, at + 12));
  }

  /** Adds a UUID given as four 32-bit words (big-endian); returns false when it was already there. */
  addWords(a: number, b: number, c: number, d: number): boolean {
    if ((a | b | c | d) === 0) {
      if (this.#hasNil) return false;
      this.#hasNil = true;
      this.#size += 1;
      return true;
    }
    const hash = mix(a, b, c, d);
    const segment = this.#segments[hash >>> 24]!;
    if (segment.size + 1 > segment.capacity * MAX_LOAD) grow(segment);
    if (!insert(segment, hash, a, b, c, d)) return false;
    this.#size += 1;
    return true;
  }

  /** Calls `each` with the four words of every member. */
  forEachWords(each: (a: number, b: number, c: number, d: number) => void): void {
    if (this.#hasNil) each(0, 0, 0, 0);
    for (const { table, capacity } of this.#segments) {
      for (let at = 0; at < capacity * WORDS; at += WORDS) {
        const a = table[at]!;
        const b = table[at + 1]!;
        const c = table[at + 2]!;
        const d = table[at + 3]!;
        if ((a | b | c | d) !== 0) each(a, b, c, d);
      }
    }
  }
}

function insert(segment: Segment, hash: number, a: number, b: number, c: number, d: number): boolean {
  const { table, capacity } = segment;
  let slot = (hash & 0xffffff) % capacity;
  for (;;) {
    const at = slot * WORDS;
    const x = table[at]!;
    const y = table[at + 1]!;
    const z = table[at + 2]!;
    const w = table[at + 3]!;
    if ((x | y | z | w) === 0) {
      table[at] = a;
      table[at + 1] = b;
      table[at + 2] = c;
      table[at + 3] = d;
      segment.size += 1;
      return true;
    }
    if (x === a && y === b && z === c && w === d) return false;
    slot = slot + 1 === capacity ? 0 : slot + 1;
  }
}

function grow(segment: Segment): void {
  const oldCapacity = segment.capacity;
  const capacity = Math.ceil(oldCapacity * GROWTH);
  const words = oldCapacity * WORDS;
  let old: Uint32Array;
  const buffer = segment.buffer;
  if (buffer && capacity * WORDS * 4 <= buffer.maxByteLength) {
    if (scratch.length < words) scratch = new Uint32Array(Math.ceil(words * GROWTH));
    scratch.set(segment.table.subarray(0, words));
    old = scratch;
    buffer.resize(capacity * WORDS * 4);
    segment.table = new Uint32Array(buffer);
    segment.table.fill(0, 0, words);
  } else {
    // Small sets, and a segment that outgrew its reservation: a new table.
    old = segment.table;
    segment.table = new Uint32Array(capacity * WORDS);
    segment.buffer = null;
  }
  segment.capacity = capacity;
  segment.size = 0;
  for (let at = 0; at < words; at += WORDS) {
    const a = old[at]!;
    const b = old[at + 1]!;
    const c = old[at + 2]!;
    const d = old[at + 3]!;
    if ((a | b | c | d) !== 0) insert(segment, mix(a, b, c, d), a, b, c, d);
  }
}
