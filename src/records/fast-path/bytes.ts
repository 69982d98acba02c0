// Byte-level helpers of JSON text: the bytes that shape it, blanks, plain strings, comparisons.

export const NEWLINE = 0x0a;
export const QUOTE = 0x22;
export const COLON = 0x3a;
export const COMMA = 0x2c;
export const OPEN = 0x7b;
export const CLOSE = 0x7d;
export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;

/** Past JSON whitespace (a line holds no newline). */
export function skip(b: Uint8Array, i: number, end: number): number {
  while (i < end) {
    const code = b[i]!;
    if (code !== 0x20 && code !== 0x09 && code !== 0x0d) break;
    i += 1;
  }
  return i;
}

/** The closing quote of a string of printable ASCII without escapes, or -1. */
export function plainString(b: Uint8Array, i: number, end: number): number {
  for (; i < end; i += 1) {
    const code = b[i]!;
    if (code === QUOTE) return i;
    if (code === 0x5c || code < 0x20 || code >= 0x7f) return -1;
  }
  return -1;
}

/** Whether bytes [start, end) are `word`. */
export function equalBytes(bytes: Uint8Array, start: number, end: number, word: Uint8Array): boolean {
  if (end - start !== word.length) return false;
  for (let i = 0; i < word.length; i += 1) if (bytes[start + i] !== word[i]) return false;
  return true;
}

/** Whether two spans of the same bytes hold the same text. */
export function sameBytes(b: Uint8Array, aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  if (aEnd - aStart !== bEnd - bStart) return false;
  for (let i = 0; i < aEnd - aStart; i += 1) if (b[aStart + i] !== b[bStart + i]) return false;
  return true;
}

/** The index of the word bytes [start, end) spell, or -1. */
export function whichWord(bytes: Uint8Array, start: number, end: number, words: readonly Uint8Array[]): number {
  for (let index = 0; index < words.length; index += 1) if (equalBytes(bytes, start, end, words[index]!)) return index;
  return -1;
}

const ascii = new TextEncoder();

export function encodeAll(words: readonly string[]): Uint8Array[] {
  return words.map((word) => ascii.encode(word));
}
