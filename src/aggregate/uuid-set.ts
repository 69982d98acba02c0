// An exact set of UUIDs kept as 16 raw bytes each in typed arrays: about a
// tenth of the memory of a Set of strings. The set is split into segments (256
// for a large set, 16 for a small one), each an open-addressing table that
// grows alone, by a quarter, when it is 90% full: growing never holds a second
// copy of everything. A 16-bit tag per slot keeps probing to one or two cache
// lines.
//
// In a large set (the run's session IDs) a segment that passes 4,096 slots
// moves into a resizable ArrayBuffer and from then on grows in place, rehashing
// through one scratch buffer shared by all segments: growing leaves no old
// tables for the garbage collector and no holes in the heap, which at ten
// million IDs had cost more memory than the IDs themselves. Smaller tables use
// plain arrays, since every resizable buffer is a mapping of its own.

const WORDS = 4;
/** Segments of a large set; a small one has 16, so its few IDs stay close together. */
const SEGMENTS = 256;
const SMALL_SEGMENTS = 16;
const MAX_LOAD = 0.9;
const GROWTH = 1.25;
const FIRST_CAPACITY = 8;
/** Sets that may hold this many IDs grow their segments in place... */
const IN_PLACE_FROM = 1 << 20;
/** ...once a segment has this many slots: small tables cost little garbage, and each resizable buffer is a mapping. */
const IN_PLACE_SLOTS = 4096;

function hexWord(text: string, at: number): number {
  return Number.parseInt(text.slice(at, at + 8), 16) >>> 0;
}

/** A UUID (8-4-4-4-12 hex digits, any case) as four 32-bit words, big-endian. */
export function uuidWords(uuid: string): [number, number, number, number] {
  const b = ((Number.parseInt(uuid.slice(9, 13), 16) << 16) | Number.parseInt(uuid.slice(14, 18), 16)) >>> 0;
  const c = ((Number.parseInt(uuid.slice(19, 23), 16) << 16) | Number.parseInt(uuid.slice(24, 28), 16)) >>> 0;
  return [hexWord(uuid, 0), b, c, hexWord(uuid, 28)];
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
  /** Four words per slot. */
  table: Uint32Array;
  /** One tag per slot: 0 for an empty slot, else 16 bits of the ID's hash, so probing reads two bytes a slot. */
  tags: Uint16Array;
  capacity: number;
  size: number;
  /** Set once the tables grow in place. */
  buffer: ArrayBuffer | null;
  tagBuffer: ArrayBuffer | null;
  /** Slots the segment may grow to in place; 0 for a small set, or one that outgrew it. */
  reserve: number;
}

/** Shared by every set: one segment's IDs and tags while it is rehashed in place. */
let scratch = new Uint32Array(0);
let scratchTags = new Uint16Array(0);

export class UuidSet {
  #segments: Segment[] = [];
  #size = 0;
  /** The top bits of a hash pick the segment. */
  readonly #shift: number;

  /**
   * `initialCapacity` IDs fit before any segment grows. `maxSize` is how many
   * the set may come to hold: from a million on, segments grow in place, each
   * reserving address space (not memory) for twice its share.
   */
  constructor(initialCapacity = 0, maxSize = 0) {
    const large = maxSize >= IN_PLACE_FROM;
    const segments = large ? SEGMENTS : SMALL_SEGMENTS;
    this.#shift = 32 - Math.log2(segments);
    const perSegment = Math.max(FIRST_CAPACITY, Math.ceil(initialCapacity / segments / MAX_LOAD));
    const reserve = large ? Math.ceil(((maxSize / segments) * 2) / MAX_LOAD) + perSegment : 0;
    for (let i = 0; i < segments; i += 1) {
      this.#segments.push({ table: new Uint32Array(perSegment * WORDS), tags: new Uint16Array(perSegment), capacity: perSegment, size: 0, buffer: null, tagBuffer: null, reserve });
    }
  }

  get size(): number {
    return this.#size;
  }

  /** Adds a UUID (any case, with dashes); returns false when it was already there. */
  add(uuid: string): boolean {
    return this.addWords(...uuidWords(uuid));
  }

  /** Adds a UUID kept as 16 raw bytes at `at`; returns false when it was already there. */
  addBytes(bytes: Uint8Array, at: number): boolean {
    return this.addWords(wordAt(bytes, at), wordAt(bytes, at + 4), wordAt(bytes, at + 8), wordAt(bytes, at + 12));
  }

  /** Adds a UUID given as four 32-bit words (big-endian); returns false when it was already there. */
  addWords(a: number, b: number, c: number, d: number): boolean {
    const hash = mix(a, b, c, d);
    const segment = this.#segments[hash >>> this.#shift]!;
    if (segment.size + 1 > segment.capacity * MAX_LOAD) grow(segment);
    if (!insert(segment, hash, a, b, c, d)) return false;
    this.#size += 1;
    return true;
  }

  /** Calls `each` with the four words of every member. */
  forEachWords(each: (a: number, b: number, c: number, d: number) => void): void {
    for (const { table, tags, capacity } of this.#segments) {
      for (let slot = 0; slot < capacity; slot += 1) {
        const at = slot * WORDS;
        if (tags[slot] !== 0) each(table[at]!, table[at + 1]!, table[at + 2]!, table[at + 3]!);
      }
    }
  }
}

function tagOf(hash: number): number {
  return Math.imul(hash, 0x9e3779b1) >>> 16 || 1;
}

function insert(segment: Segment, hash: number, a: number, b: number, c: number, d: number): boolean {
  const { table, tags, capacity } = segment;
  const tag = tagOf(hash);
  let slot = (hash & 0xffffff) % capacity;
  for (;;) {
    const seen = tags[slot]!;
    if (seen === 0) {
      const at = slot * WORDS;
      tags[slot] = tag;
      table[at] = a;
      table[at + 1] = b;
      table[at + 2] = c;
      table[at + 3] = d;
      segment.size += 1;
      return true;
    }
    if (seen === tag) {
      const at = slot * WORDS;
      if (table[at] === a && table[at + 1] === b && table[at + 2] === c && table[at + 3] === d) return false;
    }
    slot = slot + 1 === capacity ? 0 : slot + 1;
  }
}

function grow(segment: Segment): void {
  const oldCapacity = segment.capacity;
  const capacity = Math.ceil(oldCapacity * GROWTH);
  const words = oldCapacity * WORDS;
  let old: Uint32Array;
  let oldTags: Uint16Array;
  const { buffer, tagBuffer } = segment;
  if (!buffer && segment.reserve >= capacity && capacity >= IN_PLACE_SLOTS) {
    // Large enough to be worth its own mappings: from now on the segment grows in place.
    old = segment.table;
    oldTags = segment.tags;
    segment.buffer = new ArrayBuffer(capacity * WORDS * 4, { maxByteLength: segment.reserve * WORDS * 4 });
    segment.tagBuffer = new ArrayBuffer(capacity * 2, { maxByteLength: segment.reserve * 2 });
    segment.table = new Uint32Array(segment.buffer);
    segment.tags = new Uint16Array(segment.tagBuffer);
  } else if (buffer && tagBuffer && capacity <= segment.reserve) {
    if (scratch.length < words) {
      scratch = new Uint32Array(Math.ceil(words * GROWTH));
      scratchTags = new Uint16Array(Math.ceil(oldCapacity * GROWTH));
    }
    scratch.set(segment.table.subarray(0, words));
    scratchTags.set(segment.tags.subarray(0, oldCapacity));
    old = scratch;
    oldTags = scratchTags;
    buffer.resize(capacity * WORDS * 4);
    tagBuffer.resize(capacity * 2);
    segment.table = new Uint32Array(buffer);
    segment.tags = new Uint16Array(tagBuffer);
    // Tags say which slots hold an ID; the words of empty slots are never read.
    segment.tags.fill(0, 0, oldCapacity);
  } else {
    // Small sets, and a segment that outgrew its reservation: new tables.
    old = segment.table;
    oldTags = segment.tags;
    segment.table = new Uint32Array(capacity * WORDS);
    segment.tags = new Uint16Array(capacity);
    segment.buffer = null;
    segment.tagBuffer = null;
    if (capacity > segment.reserve) segment.reserve = 0;
  }
  segment.capacity = capacity;
  segment.size = 0;
  for (let slot = 0; slot < oldCapacity; slot += 1) {
    if (oldTags[slot] === 0) continue;
    const at = slot * WORDS;
    const a = old[at]!;
    const b = old[at + 1]!;
    const c = old[at + 2]!;
    const d = old[at + 3]!;
    insert(segment, mix(a, b, c, d), a, b, c, d);
  }
}
