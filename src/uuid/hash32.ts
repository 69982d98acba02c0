// The one 32-bit hash: MurmurHash3's finalizer, over 32-bit words (a UUID's
// four, or a byte string four bytes a step), keyed per process where outsiders
// must not choose inputs that share a hash, unkeyed where the hash outlives it.

/** A bijective 32-bit finalizer (xor-shifts and odd multipliers): every input bit moves every output bit. */
export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** An unkeyed hash of four words, each through the finalizer before the next joins; `seed` gives independent hashes of the same words. */
export function hashWords(a: number, b: number, c: number, d: number, seed = 0x9e3779b9): number {
  return fmix(fmix(fmix(fmix(a ^ seed) ^ b) ^ c) ^ d);
}

const KEYS = crypto.getRandomValues(new Uint32Array(6));
const K0 = KEYS[0]!;
const K1 = KEYS[1]!;
const K2 = KEYS[2]!;
const K3 = KEYS[3]!;
const K4 = KEYS[4]! | 1;
const BYTES_KEY = KEYS[5]!;

/**
 * The first word `a` mixed with a keyed hash of b, c, d. For fixed b, c, d it
 * is a bijection of `a` (a PackedUuidSet keeps it in place of `a`), and it is a
 * well-spread 32-bit hash of the whole ID. Each word passes through the
 * finalizer with the per-process key before the next joins, so submitted IDs
 * cannot be chosen to share a hash without knowing the key.
 */
export function spread(a: number, b: number, c: number, d: number): number {
  const h = fmix(fmix(fmix(b ^ K1) ^ c ^ K2) ^ d ^ K3);
  return fmix(Math.imul(a ^ h ^ K0, K4));
}

/** A keyed hash of bytes [start, end), four bytes a step, kept to 30 bits: a small integer, which a Map hashes fastest. */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = BYTES_KEY ^ Math.imul(end - start, 0x9e3779b1);
  let i = start;
  for (; i + 4 <= end; i += 4) {
    hash = Math.imul(
      hash ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)),
      0xcc9e2d51,
    );
    hash = Math.imul((hash << 15) | (hash >>> 17), 0x1b873593);
  }
  for (; i < end; i += 1) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  return fmix(hash) & 0x3fffffff;
}
