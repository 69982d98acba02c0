// Turns the bytes of one file (or zip entry) into candidate records. Nothing here
// trusts the bytes: every failure is a value with a reason code.

import { JSON_FILE_MAX_BYTES, RECORD_MAX_BYTES, RECORD_MAX_DEPTH } from '../limits.ts';
import { CLOSE, CLOSE_BRACKET, NEWLINE, OPEN, OPEN_BRACKET, QUOTE } from './fast-path/bytes.ts';

export type ParsedRecord = { ok: true; value: unknown } | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Only spaces, tabs and carriage returns between start and end. */
export function blankLine(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i += 1) {
    const byte = bytes[i]!;
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) return false;
  }
  return true;
}
const BACKSLASH = 0x5c;

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
    } else if (code === OPEN || code === OPEN_BRACKET) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (code === CLOSE || code === CLOSE_BRACKET) {
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
  if (manyBrackets(text, maxDepth) && jsonDepth(text, maxDepth) > maxDepth)
    return { ok: false, reason: 'record-too-deep' };
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
  const records: ParsedRecord[] = [];
  eachLine(bytes, (block, start, end) => {
    const record = parseLine(block, start, end);
    if (record) records.push(record);
    return true;
  });
  yield* records;
}

/**
 * Receives one NDJSON line as a span of `bytes`; `bytes[end]` is a newline or
 * past the end. Returns false to stop reading.
 */
export type LineSink = (bytes: Uint8Array, start: number, end: number) => boolean;

/**
 * Takes a line from its start alone: returns where the line ends (its newline,
 * or the end of the bytes) when it took it, LEAVE_LINE to hand it to the sink,
 * STOP_READING to stop.
 */
export type LineReader = (bytes: Uint8Array, start: number) => number;
export const LEAVE_LINE = -1;
export const STOP_READING = -2;

/**
 * Hands every line of NDJSON bytes to `sink`, after a leading byte order mark.
 * `first`, when given, is offered each line before it: a line it takes needs
 * no search for its newline.
 */
export function eachLine(bytes: Uint8Array, sink: LineSink, first?: LineReader): boolean {
  let start = hasBom(bytes) ? 3 : 0;
  const length = bytes.byteLength;
  while (start < length) {
    if (first) {
      const taken = first(bytes, start);
      if (taken === STOP_READING) return false;
      if (taken !== LEAVE_LINE) {
        start = taken + 1;
        continue;
      }
    }
    let end = bytes.indexOf(NEWLINE, start);
    if (end === -1) end = length;
    if (!sink(bytes, start, end)) return false;
    start = end + 1;
  }
  return true;
}

function hasBom(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** One NDJSON line, or null for a blank one. */
export function parseLine(bytes: Uint8Array, start: number, end: number): ParsedRecord | null {
  if (end - start > RECORD_MAX_BYTES) return { ok: false, reason: 'record-too-large' };
  if (blankLine(bytes, start, end)) return null;
  const line = decode(bytes.subarray(start, end));
  return line === null ? { ok: false, reason: 'not-utf8' } : tryParse(line, RECORD_MAX_DEPTH);
}

/**
 * NDJSON from a stream of chunks, as blocks of whole lines: memory holds one
 * chunk and at most one partial line (up to the record limit), whatever the
 * file's size. A line longer than the limit (`maxLine`, the record limit unless
 * said) comes once as a block of just its first maxLine + 1 bytes, so that it reads as too large, and the rest
 * of it is dropped. A block is a view of its chunk or a copy; nothing is read
 * from a chunk once a view of it is out, so the consumer may move the chunk's
 * buffer to another thread.
 */
export async function* lineBlocks(
  chunks: AsyncIterable<Uint8Array>,
  maxLine = RECORD_MAX_BYTES,
): AsyncGenerator<Uint8Array> {
  // Copies of the pieces of the line that runs past the chunks read so far: joined once, when it ends.
  let parts: Uint8Array[] = [];
  let partLength = 0;
  let skipping = false;
  let first = true;
  const keep = (piece: Uint8Array) => {
    parts.push(piece);
    partLength += piece.byteLength;
  };
  const joined = (tail?: Uint8Array): Uint8Array => {
    const out = concatAll(tail ? [...parts, tail] : parts);
    parts = [];
    partLength = 0;
    return out;
  };
  for await (const chunk of chunks) {
    // A plain view: on a Node Buffer, slice() makes no copy, and the pieces kept below must be copies.
    let bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (first) {
      // Three bytes tell whether a byte order mark starts the file; fewer are kept until more come.
      if (partLength + bytes.byteLength < 3) {
        keep(bytes.slice());
        continue;
      }
      if (partLength > 0) bytes = joined(bytes);
      if (hasBom(bytes)) bytes = bytes.subarray(3);
      first = false;
    }
    let start = 0;
    if (partLength > 0 || skipping) {
      const newline = bytes.indexOf(NEWLINE);
      if (newline === -1) {
        if (!skipping) {
          keep(bytes.slice());
          if (partLength > maxLine) {
            yield joined().subarray(0, maxLine + 1);
            skipping = true;
          }
        }
        continue;
      }
      if (skipping) skipping = false;
      else {
        // Only the line that spans the chunks is copied.
        const line = joined(bytes.subarray(0, newline));
        yield line.byteLength > maxLine ? line.subarray(0, maxLine + 1) : line;
      }
      start = newline + 1;
    }
    const last = bytes.lastIndexOf(NEWLINE);
    const whole = last >= start ? bytes.subarray(start, last) : null;
    if (whole) start = last + 1;
    // The tail is copied before the block goes out: nothing is read from a chunk after its block.
    const rest = bytes.byteLength - start;
    let tooLong: Uint8Array | null = null;
    if (rest > maxLine) {
      tooLong = bytes.slice(start, start + maxLine + 1);
      skipping = true;
    } else if (rest > 0) {
      keep(bytes.slice(start));
    }
    if (whole) yield whole;
    if (tooLong) yield tooLong;
  }
  if (partLength > 0 && !skipping) {
    const tail = joined();
    yield first && hasBom(tail) ? tail.subarray(3) : tail;
  }
}

function concatAll(pieces: readonly Uint8Array[]): Uint8Array {
  if (pieces.length === 1) return pieces[0]!;
  let length = 0;
  for (const piece of pieces) length += piece.byteLength;
  const out = new Uint8Array(length);
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.byteLength;
  }
  return out;
}

/**
 * The lines of a stream of chunks as text, read only as they are asked for: the
 * one line reader behind every NDJSON file (lineBlocks, then eachLine). A line
 * that is not UTF-8 is null. Lines past `maxLine` bytes come cut, as lineBlocks
 * cuts them.
 */
export async function* textLines(
  chunks: AsyncIterable<Uint8Array>,
  maxLine = RECORD_MAX_BYTES,
): AsyncGenerator<string | null> {
  for await (const block of lineBlocks(chunks, maxLine)) {
    const lines: (string | null)[] = [];
    eachLine(block, (bytes, start, end) => {
      lines.push(decode(bytes.subarray(start, end)));
      return true;
    });
    yield* lines;
  }
}
