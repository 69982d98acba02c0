// The one codec of UUIDs: 8-4-4-4-12 hex text (any case), 16 raw bytes, and
// four 32-bit words (big-endian), each to the others; and the one way a set of
// IDs takes an ID as text or as bytes.

/** Value of a hex digit by character code; 255 for any other. */
const HEX_VALUE = new Uint8Array(256).fill(255);
for (let code = 0; code < 128; code += 1) {
  const char = String.fromCharCode(code);
  if (/[0-9A-Fa-f]/.test(char)) HEX_VALUE[code] = Number.parseInt(char, 16);
}
const HEX_TEXT = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
/** Where each byte's two hex digits sit in 8-4-4-4-12 text. */
const HEX_PAIRS = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
const DASH = 0x2d;

/** The big-endian 32-bit word of the 4 bytes at `at`. */
export function wordAt(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

/** A UUID's text (the schema checked it) as four 32-bit words. */
export function uuidWords(uuid: string): [number, number, number, number] {
  const digit = (at: number) => HEX_VALUE[uuid.charCodeAt(at)]!;
  const words: [number, number, number, number] = [0, 0, 0, 0];
  for (let k = 0; k < 16; k += 1) {
    const p = HEX_PAIRS[k]!;
    words[k >> 2] = ((words[k >> 2]! << 8) | (digit(p) << 4) | digit(p + 1)) >>> 0;
  }
  return words;
}

/** The 16 bytes at `at` as lower-case UUID text. */
export function uuidText(bytes: Uint8Array, at: number): string {
  let text = '';
  for (let i = 0; i < 16; i += 1) {
    if (i === 4 || i === 6 || i === 8 || i === 10) text += '-';
    text += HEX_TEXT[bytes[at + i]!];
  }
  return text;
}

/**
 * The UUID text whose 36 characters start at byte `s` of `b` (ASCII), as 16
 * bytes written to `out` at `at`; false, with `out` partly written, when they
 * are not 8-4-4-4-12 hex digits.
 */
export function uuidAsciiToBytes(b: Uint8Array, s: number, out: Uint8Array, at: number): boolean {
  if (b[s + 8] !== DASH || b[s + 13] !== DASH || b[s + 18] !== DASH || b[s + 23] !== DASH) return false;
  for (let k = 0; k < 16; k += 1) {
    const p = s + HEX_PAIRS[k]!;
    const high = HEX_VALUE[b[p]!]!;
    const low = HEX_VALUE[b[p + 1]!]!;
    if ((high | low) > 15) return false;
    out[at + k] = (high << 4) | low;
  }
  return true;
}

/** A UUID's text (the schema checked it) as 16 bytes written to `out` at `at`. */
export function uuidTextToBytes(uuid: string, out: Uint8Array, at: number): void {
  for (let k = 0; k < 16; k += 1) {
    const p = HEX_PAIRS[k]!;
    out[at + k] = (HEX_VALUE[uuid.charCodeAt(p)]! << 4) | HEX_VALUE[uuid.charCodeAt(p + 1)]!;
  }
}

/** What a set of IDs answers to an ID added as text or as bytes: through its words, the one form it keeps. */
export abstract class UuidWordsSink<R> {
  /** Adds a UUID given as four 32-bit words (big-endian). */
  abstract addWords(a: number, b: number, c: number, d: number): R;

  /** Adds a UUID given as text (any case, with dashes). */
  add(uuid: string): R {
    const [a, b, c, d] = uuidWords(uuid);
    return this.addWords(a, b, c, d);
  }

  /** Adds a UUID kept as 16 raw bytes at `at`. */
  addBytes(bytes: Uint8Array, at: number): R {
    return this.addWords(wordAt(bytes, at), wordAt(bytes, at + 4), wordAt(bytes, at + 8), wordAt(bytes, at + 12));
  }
}
