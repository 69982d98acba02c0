// Turns the bytes of one file (or zip entry) into candidate records. Nothing here
// trusts the bytes: every failure is a value with a reason code.

import { JSON_FILE_MAX_BYTES, RECORD_MAX_BYTES, RECORD_MAX_DEPTH } from '../limits.ts';

export type ParsedRecord = { ok: true; value: unknown } | { ok: false; reason: string };

export type RecordFormat = 'json' | 'jsonl' | 'log';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const NEWLINE = 0x0a;

/** Only spaces, tabs and carriage returns between start and end. */
function blank(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i += 1) {
    const byte = bytes[i]!;
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) return false;
  }
  return true;
}
const BACKSLASH = 0x5c;

/** The record format a file name announces, or null when it is not a record file. */
export function recordFormatOf(name: string): RecordFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  if (lower.endsWith('.log')) return 'log';
  return null;
}

/** Deepest nesting of objects and arrays in JSON text, outside strings. */
export function jsonDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i += 1;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth -= 1;
    }
  }
  return deepest;
}

export function decode(bytes: Uint8Array): string | null {
  try {
    // The decoder drops a leading UTF-8 byte order mark.
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** At least `limit + 1` opening brackets? Only then can nesting exceed the limit. */
function manyBrackets(text: string, limit: number): boolean {
  let seen = 0;
  for (let i = text.indexOf('{'); i !== -1; i = text.indexOf('{', i + 1)) if (++seen > limit) return true;
  for (let i = text.indexOf('['); i !== -1; i = text.indexOf('[', i + 1)) if (++seen > limit) return true;
  return false;
}

function tryParse(text: string, maxDepth: number): ParsedRecord {
  if (manyBrackets(text, maxDepth) && jsonDepth(text, maxDepth) > maxDepth) return { ok: false, reason: 'record-too-deep' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, reason: 'invalid-json' };
  }
}

/** Parses a file into records: a JSON object or array of objects, or one JSON value per line. */
export function* parseRecords(bytes: Uint8Array, format: 'json' | 'jsonl'): Generator<ParsedRecord> {
  if (format === 'json' && bytes.byteLength > JSON_FILE_MAX_BYTES) {
    yield { ok: false, reason: 'file-too-large' };
    return;
  }
  if (format === 'json') {
    const text = decode(bytes);
    if (text === null) {
      yield { ok: false, reason: 'not-utf8' };
      return;
    }
    // An array of records may nest one level deeper than a record.
    const parsed = tryParse(text, RECORD_MAX_DEPTH + 1);
    if (parsed.ok && Array.isArray(parsed.value)) {
      for (const value of parsed.value) yield { ok: true, value };
    } else if (parsed.ok && bytes.byteLength > RECORD_MAX_BYTES) {
      yield { ok: false, reason: 'record-too-large' };
    } else {
      yield parsed;
    }
    return;
  }
  // One line at a time, decoded from the bytes, so a large file never becomes one large string.
  let start = hasBom(bytes) ? 3 : 0;
  while (start < bytes.byteLength) {
    let end = bytes.indexOf(NEWLINE, start);
    if (end === -1) end = bytes.byteLength;
    const record = parseLine(bytes, start, end);
    if (record) yield record;
    start = end + 1;
  }
}

function hasBom(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** One NDJSON line, or null for a blank one. */
function parseLine(bytes: Uint8Array, start: number, end: number): ParsedRecord | null {
  if (end - start > RECORD_MAX_BYTES) return { ok: false, reason: 'record-too-large' };
  if (blank(bytes, start, end)) return null;
  const line = decode(bytes.subarray(start, end));
  return line === null ? { ok: false, reason: 'not-utf8' } : tryParse(line, RECORD_MAX_DEPTH);
}

/**
 * NDJSON from a stream of chunks: memory holds one chunk and at most one
 * partial line (up to the record limit), whatever the file's size.
 */
export async function* parseRecordStream(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<ParsedRecord> {
  let carry: Uint8Array | null = null;
  let skipping = false;
  let first = true;
  for await (const chunk of chunks) {
    let bytes: Uint8Array = carry ? concat(carry, chunk) : chunk;
    carry = null;
    if (first && bytes.byteLength >= 3) {
      if (hasBom(bytes)) bytes = bytes.subarray(3);
      first = false;
    }
    let start = 0;
    for (;;) {
      const end = bytes.indexOf(NEWLINE, start);
      if (end === -1) break;
      if (skipping) skipping = false;
      else {
        const record = parseLine(bytes, start, end);
        if (record) yield record;
      }
      start = end + 1;
    }
    const rest = bytes.byteLength - start;
    if (skipping) continue;
    if (rest > RECORD_MAX_BYTES) {
      // An over-long line: report it once and drop bytes until its end.
      yield { ok: false, reason: 'record-too-large' };
      skipping = true;
    } else if (rest > 0) {
      carry = bytes.slice(start);
    }
  }
  if (carry && !skipping) {
    const record = parseLine(carry, 0, carry.byteLength);
    if (record) yield record;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a, 0);
  out.set(b, a.byteLength);
  return out;
}
