// A set of UUIDs kept as 16 raw bytes each in typed arrays: exact, and about a
// tenth of the memory of a Set of strings. The set is split into 256 segments
// that grow one at a time (by half), so growing never holds a second copy of
// everything, and little space sits empty.

const WORDS = 4;
const SEGMENTS = 256;
const MAX_LOAD = 0.8;
const FIRST_CAPACITY = 8;

interface Segment {
  /** Four words per slot; an all-zero slot is empty (the nil UUID is tracked apart). */
  table: Uint32Array;
  capacity: number;
  size: number;
}

export function hexWord(text: string, at: number): number {
  return Number.parseInt(text.slice(at, at + 8), 16) >>> 0;
}

export function wordAt(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

function mix(a: number, b: number, c: number, d: number): number {
  let h = Math.imul(a ^ Math.imul(d, 0x9e3779b1) ^ (c >>> 7) ^ Math.imul(b, 0x27d4eb2d), 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return Math.imul(h, 0xc2b2ae35) >>> 0;
}

export class UuidSet {
  #segments: Segment[] = [];
  #size = 0;
  #hasNil = false;

  constructor(initialCapacity = 0) {
    const perSegment = Math.max(FIRST_CAPACITY, Math.ceil(initialCapacity / SEGMENTS / MAX_LOAD));
    for (let i = 0; i < SEGMENTS; i += 1) this.#segments.push({ table: new Uint32Array(perSegment * WORDS), capacity: perSegment, size: 0 });
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

  /** Calls `each` with the four words of every member. */
  forEachWords(each: (a: number, b: number, c: number, d: number) => void): void {
    if (this.#hasNil) each(0, 0, 0, 0);
    for (const { table } of this.#segments) {
      for (let at = 0; at < table.length; at += WORDS) {
        const a = table[at]!;
        const b = table[at + 1]!;
        const c = table[at + 2]!;
        const d = table[at + 3]!;
        if ((a | b | c | d) !== 0) each(a, b, c, d);
      }
    }
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
  const old = segment.table;
  const oldCapacity = segment.capacity;
  segment.capacity = Math.ceil(oldCapacity * 1.5);
  segment.table = new Uint32Array(segment.capacity * WORDS);
  segment.size = 0;
  for (let slot = 0; slot < oldCapacity; slot += 1) {
    const at = slot * WORDS;
    const a = old[at]!;
    const b = old[at + 1]!;
    const c = old[at + 2]!;
    const d = old[at + 3]!;
    if ((a | b | c | d) !== 0) insert(segment, mix(a, b, c, d), a, b, c, d);
  }
}
