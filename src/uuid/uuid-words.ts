// UUIDs as four 32-bit words, and the keyed hash both ID sets use.

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

const KEYS = crypto.getRandomValues(new Uint32Array(5));
const K0 = KEYS[0]!;
const K1 = KEYS[1]!;
const K2 = KEYS[2]!;
const K3 = KEYS[3]!;
const K4 = KEYS[4]! | 1;

/** A bijective 32-bit finalizer (xor-shifts and odd multipliers). */
export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * The first word `a` mixed with a keyed hash of b, c, d. For fixed b, c, d it
 * is a bijection of `a` (a PackedUuidSet keeps it in place of `a`), and it is a
 * well-spread 32-bit hash of the whole ID. Each word passes through the
 * non-linear finalizer with the per-process key before the next joins, so
 * submitted IDs cannot be chosen to share a hash without knowing the key.
 */
export function spread(a: number, b: number, c: number, d: number): number {
  const h = fmix(fmix(fmix(b ^ K1) ^ c ^ K2) ^ d ^ K3);
  return fmix(Math.imul(a ^ h ^ K0, K4)) >>> 0;
}

