// Values found by their bytes: each distinct byte string is decoded and checked once.

import { hashBytes } from '../../uuid/hash32.ts';
import { equalBytes } from './bytes.ts';

/** Distinct configurations and error kinds remembered; past these, new ones take the full way. */
const MAX_INTERNED = 65_536;
/** Entries that may share a hash in an intern table. */
export const MAX_BUCKET = 8;

const latin1 = new TextDecoder('latin1');

export interface Interned<T> {
  key: Uint8Array;
  /** Null when a string of it breaks a privacy rule: such records take the full way, which reports it. */
  value: T | null;
}

/**
 * A bucket holds at most MAX_BUCKET entries: byte strings made to share a hash
 * cost a bounded search each, and those past the bound take the full way.
 */
export class InternTable<T> {
  readonly #byHash = new Map<number, Interned<T>[]>();
  #size = 0;
  readonly #make: (text: string) => T | null;

  constructor(make: (text: string) => T | null) {
    this.#make = make;
  }

  /** The value for these bytes; undefined when they are new and the table or their bucket is full. */
  find(bytes: Uint8Array, start: number, end: number, hash = hashBytes(bytes, start, end)): Interned<T> | undefined {
    let bucket = this.#byHash.get(hash);
    if (bucket) for (const entry of bucket) if (equalBytes(bytes, start, end, entry.key)) return entry;
    if (this.#size >= MAX_INTERNED || (bucket && bucket.length >= MAX_BUCKET)) return undefined;
    const key = bytes.slice(start, end);
    const entry: Interned<T> = { key, value: this.#make(latin1.decode(key)) };
    if (!bucket) {
      bucket = [];
      this.#byHash.set(hash, bucket);
    }
    bucket.push(entry);
    this.#size += 1;
    return entry;
  }
}
