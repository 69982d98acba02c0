// An exact set of UUIDs kept as 16 raw bytes each in typed arrays, for sets of
// up to some tens of thousands (a group's installs): about a tenth of the
// memory of a Set of strings. The set is split into 16 segments, each an
// open-addressing table that grows alone, by a quarter, when it is 90% full:
// growing never holds a second copy of everything. A 16-bit tag per slot keeps
// probing to one or two cache lines. The run's session IDs, millions of them,
// go into a PackedUuidSet instead.

import { spread } from './hash32.ts';
import { UuidWordsSink } from './uuid-codec.ts';

const WORDS = 4;
const SEGMENTS = 16;
const MAX_LOAD = 0.9;
const GROWTH = 1.25;
const FIRST_CAPACITY = 8;

interface Segment {
  /** Four words per slot. */
  table: Uint32Array;
  /** One tag per slot: 0 for an empty slot, else 16 bits of the ID's hash, so probing reads two bytes a slot. */
  tags: Uint16Array;
  capacity: number;
  size: number;
}

export class UuidSet extends UuidWordsSink<boolean> {
  #segments: Segment[] = [];
  #size = 0;

  constructor() {
    super();
    for (let i = 0; i < SEGMENTS; i += 1) {
      this.#segments.push({
        table: new Uint32Array(FIRST_CAPACITY * WORDS),
        tags: new Uint16Array(FIRST_CAPACITY),
        capacity: FIRST_CAPACITY,
        size: 0,
      });
    }
  }

  get size(): number {
    return this.#size;
  }

  /** Adds a UUID given as four 32-bit words (big-endian); returns false when it was already there. */
  override addWords(a: number, b: number, c: number, d: number): boolean {
    const hash = spread(a, b, c, d);
    const segment = this.#segments[hash >>> 28]!;
    if (segment.size + 1 > segment.capacity * MAX_LOAD) grow(segment);
    if (!insert(segment, hash, a, b, c, d)) return false;
    this.#size += 1;
    return true;
  }

  /** Calls `each` with the four words of every member. */
  forEachWords(each: (a: number, b: number, c: number, d: number) => void): void {
    // One loop over every slot of every segment: nested loops made V8 compile the inner one anew for each segment.
    let segment = this.#segments[0]!;
    for (let index = 0, slot = 0; index < SEGMENTS;) {
      if (slot === segment.capacity) {
        index += 1;
        slot = 0;
        if (index < SEGMENTS) segment = this.#segments[index]!;
        continue;
      }
      if (segment.tags[slot] !== 0) {
        const at = slot * WORDS;
        each(segment.table[at]!, segment.table[at + 1]!, segment.table[at + 2]!, segment.table[at + 3]!);
      }
      slot += 1;
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
  const { table: old, tags: oldTags, capacity: oldCapacity } = segment;
  const capacity = Math.ceil(oldCapacity * GROWTH);
  segment.table = new Uint32Array(capacity * WORDS);
  segment.tags = new Uint16Array(capacity);
  segment.capacity = capacity;
  segment.size = 0;
  for (let slot = 0; slot < oldCapacity; slot += 1) {
    if (oldTags[slot] === 0) continue;
    const at = slot * WORDS;
    const a = old[at]!;
    const b = old[at + 1]!;
    const c = old[at + 2]!;
    const d = old[at + 3]!;
    insert(segment, spread(a, b, c, d), a, b, c, d);
  }
}
