// A mergeable distinct count: the K smallest 32-bit hashes seen (K minimum
// values). Exact while fewer than K distinct values were added; past that an
// estimate within about 1/sqrt(K - 2) (13% at K = 64). The union of two
// sketches is the sketch of the union, so days and configurations add up
// without counting an installation twice.

import { hashWords as hashUuidWords } from '../uuid/hash32.ts';

export const KMV_SIZE = 64;

/**
 * A 32-bit hash of a UUID given as four big-endian words, the same in every process and every
 * run (a history outlives them), so the same installation always lands on the same hash.
 */
export function hashWords(a: number, b: number, c: number, d: number): number {
  // Unkeyed, unlike the ID sets' hash: a history outlives the process.
  return hashUuidWords(a, b, c, d);
}

/** Adds `hash` to `sketch` (ascending, distinct), keeping the K smallest. */
export function kmvAdd(sketch: number[], hash: number, size = KMV_SIZE): void {
  if (sketch.length >= size && hash >= sketch[sketch.length - 1]!) return;
  let low = 0;
  let high = sketch.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sketch[middle]! < hash) low = middle + 1;
    else high = middle;
  }
  if (sketch[low] === hash) return;
  sketch.splice(low, 0, hash);
  if (sketch.length > size) sketch.pop();
}

/** The sketch of the union of `sketches`. */
export function kmvUnion(sketches: Iterable<readonly number[]>, size = KMV_SIZE): number[] {
  const all = new Set<number>();
  for (const sketch of sketches) for (const hash of sketch) all.add(hash);
  return [...all].sort((a, b) => a - b).slice(0, size);
}

/** Distinct values the sketch stands for: its length while not full, else (K - 1) over the K-th smallest hash's share of the range. */
export function kmvCount(sketch: readonly number[], size = KMV_SIZE): number {
  if (sketch.length < size) return sketch.length;
  return Math.round((size - 1) / ((sketch[size - 1]! + 1) / 2 ** 32));
}

/** Whether kmvCount is an estimate rather than exact. */
export function kmvApproximate(sketch: readonly number[], size = KMV_SIZE): boolean {
  return sketch.length >= size;
}

/** Packed as base64 of big-endian 32-bit words: about 5.3 characters a hash in JSON. */
export function kmvEncode(sketch: readonly number[]): string {
  const bytes = Buffer.alloc(sketch.length * 4);
  sketch.forEach((hash, index) => bytes.writeUInt32BE(hash, index * 4));
  return bytes.toString('base64');
}

/** The sketch `kmvEncode` wrote, or null when the text is not one (not base64 of whole words, not ascending, too long). */
export function kmvDecode(text: unknown, size = KMV_SIZE): number[] | null {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % 4 !== 0 || bytes.length / 4 > size) return null;
  const sketch: number[] = [];
  for (let at = 0; at < bytes.length; at += 4) {
    const hash = bytes.readUInt32BE(at);
    if (sketch.length > 0 && hash <= sketch[sketch.length - 1]!) return null;
    sketch.push(hash);
  }
  return sketch;
}
