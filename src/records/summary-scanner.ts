// The fast path of intake: reads one NDJSON line that is a plain session summary
// straight from its bytes, checking every rule of the schema, the rules after it
// and the privacy guard on the way, without building JSON objects or strings.
//
// It only ever says "valid, and here it is" or "not sure": escapes, non-ASCII
// bytes, duplicate keys, numbers written as 1.0 or 1e3, unknown fields and every
// invalid value return null, and the caller takes the line the full way
// (JSON.parse, privacy guard, ajv), which then gives the reason. So the fast path
// can never accept what the full way would refuse; a differential test holds it
// to that.

import { CompactSummary, sessionConfig } from './compact-summary.ts';
import type { SessionConfig } from './compact-summary.ts';
import { privacyRuleFor } from './privacy-guard.ts';
import { timestampMs } from './timestamp.ts';
import type { Arch, Outcome, Platform } from './session-summary.ts';

const NEWLINE = 0x0a;
const QUOTE = 0x22;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN = 0x7b;
const CLOSE = 0x7d;

// Top-level fields, one bit each.
const SCHEMA = 1;
const SESSION = 2;
const INSTALL = 4;
const APP = 8;
const RUNTIME = 16;
const OS = 32;
const CI = 64;
const STARTED = 128;
const ENDED = 256;
const LOG = 512;
const ERROR = 1024;
const OUTCOME = 2048;
const KINDS = 4096;
const REQUIRED = SCHEMA | SESSION | APP | OS | STARTED | ENDED | LOG | ERROR;

const FIELDS: [string, number][] = [
  ['schema_version', SCHEMA],
  ['session_id', SESSION],
  ['install_id', INSTALL],
  ['app', APP],
  ['runtime', RUNTIME],
  ['os', OS],
  ['ci', CI],
  ['started_at', STARTED],
  ['ended_at', ENDED],
  ['log_lines', LOG],
  ['error_lines', ERROR],
  ['outcome', OUTCOME],
  ['error_kinds', KINDS],
];

// Character classes of the schema's patterns, one bit each, by ASCII code.
const ALNUM = 1; // [A-Za-z0-9]: first character of a name or version
const NAME = 2; // [A-Za-z0-9._-]
const VERSION = 4; // [A-Za-z0-9._+-]
const CI_FIRST = 8; // [A-Z]
const CI_REST = 16; // [A-Z0-9_]
const KIND_FIRST = 32; // [A-Za-z_]
const KIND_REST = 64; // [A-Za-z0-9_]

const CLASSES = new Uint8Array(128);
for (let code = 0; code < 128; code += 1) {
  const char = String.fromCharCode(code);
  let bits = 0;
  if (/[A-Za-z0-9]/.test(char)) bits |= ALNUM | NAME | VERSION | KIND_REST;
  if (/[._-]/.test(char)) bits |= NAME | VERSION;
  if (char === '+') bits |= VERSION;
  if (/[A-Z]/.test(char)) bits |= CI_FIRST | CI_REST;
  if (/[0-9_]/.test(char)) bits |= CI_REST;
  if (/[A-Za-z_]/.test(char)) bits |= KIND_FIRST | KIND_REST;
  CLASSES[code] = bits;
}

/** Value of a hex digit by byte; 255 for any other byte. */
const HEX_VALUE = new Uint8Array(256).fill(255);
for (let code = 0; code < 128; code += 1) {
  const char = String.fromCharCode(code);
  if (/[0-9A-Fa-f]/.test(char)) HEX_VALUE[code] = Number.parseInt(char, 16);
}

/** Where each byte's two hex digits sit in 8-4-4-4-12 text. */
const HEX_PAIRS = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

const PLATFORMS: Platform[] = ['linux', 'darwin', 'windows', 'freebsd', 'other'];
const ARCHES: Arch[] = ['x64', 'arm64', 'x86', 'arm', 'other'];
const OUTCOMES: Outcome[] = ['ok', 'error', 'crash'];
/** Property names the schema refuses as error kinds. */
const FORBIDDEN_KINDS = ['__proto__', 'constructor', 'prototype'];

const ascii = new TextEncoder();
const latin1 = new TextDecoder('latin1');
const encodeAll = (words: readonly string[]) => words.map((word) => ascii.encode(word));
const FIELD_BYTES = FIELDS.map(([name, bit]) => [ascii.encode(name), bit] as const);
/** Length of each field's name, by its bit. */
/** Length of each field's name, by the position of its bit (a dense array: bits are powers of two). */
const FIELD_LENGTH: number[] = Array.from({ length: FIELDS.length }, (_, index) => FIELDS.find(([, bit]) => bit === 1 << index)![0].length);
const PLATFORM_BYTES = encodeAll(PLATFORMS);
const ARCH_BYTES = encodeAll(ARCHES);
const OUTCOME_BYTES = encodeAll(OUTCOMES);
const FORBIDDEN_BYTES = encodeAll(FORBIDDEN_KINDS);
const NAME_BYTES = ascii.encode('name');
const VERSION_BYTES = ascii.encode('version');
const PLATFORM_KEY = ascii.encode('platform');
const ARCH_KEY = ascii.encode('arch');

const MAX_COUNT = 1_000_000_000_000;
const MAX_KIND_COUNT = 1_000_000_000;
const MAX_KINDS = 32;
const MAX_KIND_LENGTH = 128;
const MAX_NAME_LENGTH = 64;
/** Distinct configurations and error kinds remembered; past these, new ones take the full way. */
const MAX_INTERNED = 65_536;
/** Entries that may share a hash in an intern table. */
export const MAX_BUCKET = 8;
const SLAB_BYTES = 1 << 16;

// Spans of the configuration's strings: [start, end) pairs, by slot.
const APP_NAME = 0;
const APP_VERSION = 1;
const RUNTIME_NAME = 2;
const RUNTIME_VERSION = 3;
const OS_VERSION = 4;
const CI_VALUE = 5;
const SLOTS = 6;
/** Arch code of a summary without os.arch. */
const NO_ARCH = 255;

// What a value of a layout is (see Layout); string values use their slot's number (APP_NAME to CI_VALUE).
const V_SESSION = 16;
const V_INSTALL = 17;
const V_PLATFORM = 18;
const V_ARCH = 19;
const V_STARTED = 20;
const V_ENDED = 21;
const V_LOG = 22;
const V_ERROR = 23;
const V_OUTCOME = 24;
const V_KINDS = 25;
/** The kind of value of each field, by the position of its bit; -1 for those read otherwise (schema_version, app, runtime, os, ci). */
const FIELD_VALUES: number[] = [-1, V_SESSION, V_INSTALL, -1, -1, -1, -1, V_STARTED, V_ENDED, V_LOG, V_ERROR, V_OUTCOME, V_KINDS];
/** Values a line can hold: each field once, app and runtime two each, os three. */
const MAX_VALUES = 16;
/** Layouts kept per scanner, the most recently matched first. */
export const MAX_LAYOUTS = 4;
/** With all layouts in use, lines read between learning one more (each learnt one costs a second reading of its line). */
const RELEARN_AFTER = 256;

/**
 * The layout of a line the scan took: its bytes cut into literal text and
 * values. Producers write every summary alike (same keys, same order, same
 * blanks), so a later line whose literal text is byte for byte the same has
 * the same fields, each once, in the same places; only its values need
 * reading, by the very routines the scan uses. A line that differs anywhere
 * is read by the scan, as before.
 */
interface Layout {
  /** Kind of each value, in order. */
  values: Uint8Array;
  /** Literal text before each value, and after the last one (to the end of the line, blanks included). */
  literals: Uint8Array[];
  /**
   * The same for comparing four bytes at a time: every literal's whole words
   * (little-endian), one literal after another; where literal k's words start
   * (and, at k + 1, end); and its last four bytes as a word, compared when its
   * length is not a multiple of four (the two may overlap). A literal shorter
   * than four bytes is compared byte by byte.
   */
  words: Uint32Array;
  wordStarts: Int32Array;
  tails: Uint32Array;
  lengths: Int32Array;
  installed: boolean;
  ciNull: boolean;
  hasKinds: boolean;
  /** By other layout: how many leading literal-and-value steps the two have in common. */
  shared: Map<Layout, number>;
}

/** Steps two layouts begin with alike: same literal text, then same kind of value. */
function sharedSteps(a: Layout, b: Layout): number {
  const steps = Math.min(a.values.length, b.values.length);
  let k = 0;
  while (k < steps && a.values[k] === b.values[k] && equalBytes(a.literals[k]!, 0, a.literals[k]!.length, b.literals[k]!)) k += 1;
  return k;
}

function equalBytes(bytes: Uint8Array, start: number, end: number, word: Uint8Array): boolean {
  if (end - start !== word.length) return false;
  for (let i = 0; i < word.length; i += 1) if (bytes[start + i] !== word[i]) return false;
  return true;
}

function sameBytes(b: Uint8Array, aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  if (aEnd - aStart !== bEnd - bStart) return false;
  for (let i = 0; i < aEnd - aStart; i += 1) if (b[aStart + i] !== b[bStart + i]) return false;
  return true;
}

function whichWord(bytes: Uint8Array, start: number, end: number, words: readonly Uint8Array[]): number {
  for (let index = 0; index < words.length; index += 1) if (equalBytes(bytes, start, end, words[index]!)) return index;
  return -1;
}

/** Per process, so nobody outside knows which byte strings share a hash. */
const HASH_SEED = crypto.getRandomValues(new Uint32Array(1))[0]!;

/** A keyed hash of bytes [start, end), four bytes a step. */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = HASH_SEED ^ Math.imul(end - start, 0x9e3779b1);
  let i = start;
  for (; i + 4 <= end; i += 4) {
    hash = Math.imul(hash ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)), 0xcc9e2d51);
    hash = Math.imul((hash << 15) | (hash >>> 17), 0x1b873593);
  }
  for (; i < end; i += 1) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  // Kept to 30 bits: a small integer, which a Map hashes fastest.
  return hash & 0x3fffffff;
}

interface Interned<T> {
  key: Uint8Array;
  /** Null when a string of it breaks a privacy rule: such records take the full way, which reports it. */
  value: T | null;
}

/**
 * Values found by their bytes: each distinct byte string is decoded and checked
 * once. A bucket holds at most MAX_BUCKET entries: byte strings made to share a
 * hash cost a bounded search each, and those past the bound take the full way.
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

/**
 * The configuration behind canonical key bytes: platform and arch codes, then
 * slot by slot a tag (0 absent, 1 null, 2 a string), a length and the string.
 */
function configFromKey(text: string): SessionConfig | null {
  const tags: number[] = [];
  const values: string[] = [];
  let at = 2;
  for (let slot = 0; slot < SLOTS; slot += 1) {
    const length = text.charCodeAt(at + 1);
    tags.push(text.charCodeAt(at));
    values.push(text.slice(at + 2, at + 2 + length));
    at += 2 + length;
  }
  for (let slot = 0; slot < SLOTS; slot += 1) if (tags[slot] === 2 && privacyRuleFor(values[slot]!) !== null) return null;
  const runtime = tags[RUNTIME_NAME] === 2 ? { name: values[RUNTIME_NAME]!, version: values[RUNTIME_VERSION]! } : null;
  const ci = tags[CI_VALUE] === 2 ? values[CI_VALUE]! : tags[CI_VALUE] === 1 ? null : undefined;
  const archCode = text.charCodeAt(1);
  return sessionConfig(values[APP_NAME]!, values[APP_VERSION]!, runtime, PLATFORMS[text.charCodeAt(0)]!, tags[OS_VERSION] === 2 ? values[OS_VERSION]! : null, archCode === NO_ARCH ? null : ARCHES[archCode]!, ci);
}

export class SummaryScanner {
  readonly #configs = new InternTable<SessionConfig>(configFromKey);
  readonly #kinds = new InternTable<string>((kind) => (privacyRuleFor(kind) === null ? kind : null));
  /** Where the IDs of accepted sessions are kept; a new slab when this one is full. */
  #slab = new Uint8Array(SLAB_BYTES);
  #slabAt = 0;
  readonly #key = new Uint8Array(2 + SLOTS * (2 + MAX_NAME_LENGTH));
  /** The key of the last configuration found, and that configuration (null before the first). */
  readonly #lastKey = new Uint8Array(2 + SLOTS * (2 + MAX_NAME_LENGTH));
  #lastConfig: SessionConfig | null = null;
  readonly #spans = new Int32Array(SLOTS * 2);
  /** Error kinds of the current line: spans and counts. */
  readonly #kindSpans = new Int32Array(MAX_KINDS * 2);
  readonly #kindCounts = new Float64Array(MAX_KINDS);
  #kindCount = 0;
  // Values of the current line.
  #number = 0;
  #ms = 0;
  /** Length of the last date-time read (see #timestamp). */
  #timestampLength = 24;
  #code = 0;
  #platform = 0;
  #arch = 0;
  #ciNull = false;
  #installed = false;
  /** Known layouts, and what the scan records of a line's values to learn one (see Layout). */
  readonly #layouts: Layout[] = [];
  #sinceLearnt = 0;
  #recording = false;
  readonly #valueStarts = new Int32Array(MAX_VALUES);
  readonly #valueEnds = new Int32Array(MAX_VALUES);
  readonly #valueKinds = new Uint8Array(MAX_VALUES);
  #valueCount = 0;
  #viewed: Uint8Array | null = null;
  #view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
  /** Where the last layout failed to match: at the literal (or, with #failedInValue, the value) of this step, at this byte. */
  #failedStep = 0;
  #failedInValue = false;
  #failedAt = 0;
  // Values of the line a layout is reading, kept across a resumed match (see scanLine).
  #started = 0;
  #ended = 0;
  #logLines = 0;
  #errorLines = 0;
  #outcome = -1;

  /** Where the line read by the last successful scan or scanLine ends: at its newline, or the end of the bytes. */
  lineEnd = 0;
  /** Lines scanLine read by a known layout (see Layout). */
  linesByLayout = 0;

  /** The summary on bytes [start, end), or null when the line must take the full way. */
  scan(bytes: Uint8Array, start: number, end: number): CompactSummary | null {
    return this.#scan(bytes, start, end, false);
  }

  /**
   * The summary on the line that starts at `start`, or null when it must take
   * the full way; its end goes to `lineEnd`. The scan finds the end of the line
   * as it reads (a newline cannot occur inside a summary it takes), which
   * spares the caller a search for the newline.
   */
  scanLine(bytes: Uint8Array, start: number): CompactSummary | null {
    const layouts = this.#layouts;
    let failed: Layout | null = null;
    for (let n = 0; n < layouts.length; n += 1) {
      const layout = layouts[n]!;
      let from = 0;
      let at = start;
      if (failed) {
        // A layout that begins like the one that just failed fails there too; one that parts
        // from it exactly at the literal text that failed goes on from there.
        const shared = failed.shared.get(layout) ?? 0;
        if (this.#failedStep < shared) continue;
        if (this.#failedStep === shared && !this.#failedInValue) {
          from = shared;
          at = this.#failedAt;
        }
      }
      const summary = this.#matchLayout(layout, bytes, from, at);
      if (!summary) {
        failed = layout;
        continue;
      }
      // The most recently matched goes first.
      for (let m = n; m > 0; m -= 1) layouts[m] = layouts[m - 1]!;
      layouts[0] = layout;
      this.linesByLayout += 1;
      return summary;
    }
    this.#sinceLearnt += 1;
    if (layouts.length === MAX_LAYOUTS && this.#sinceLearnt < RELEARN_AFTER) return this.#scan(bytes, start, bytes.length, true);
    this.#recording = true;
    this.#valueCount = 0;
    const summary = this.#scan(bytes, start, bytes.length, true);
    this.#recording = false;
    if (summary) this.#learn(bytes, start);
    return summary;
  }

  /** Keeps the layout of the line just scanned (from `start` to lineEnd), as the most recent. */
  #learn(b: Uint8Array, start: number): void {
    const count = this.#valueCount;
    const literals: Uint8Array[] = [];
    let from = start;
    for (let k = 0; k < count; k += 1) {
      literals.push(b.slice(from, this.#valueStarts[k]!));
      from = this.#valueEnds[k]!;
    }
    literals.push(b.slice(from, this.lineEnd));
    const values = this.#valueKinds.slice(0, count);
    const wordStarts = new Int32Array(literals.length + 1);
    for (let k = 0; k < literals.length; k += 1) wordStarts[k + 1] = wordStarts[k]! + (literals[k]!.length >>> 2);
    const words = new Uint32Array(wordStarts[literals.length]!);
    const tails = new Uint32Array(literals.length);
    const lengths = Int32Array.from(literals, (literal) => literal.length);
    for (const [k, literal] of literals.entries()) {
      // Read as #matchLayout reads the line, so the two agree by construction.
      const view = new DataView(literal.buffer, literal.byteOffset, literal.byteLength);
      for (let w = 0; w < literal.length >>> 2; w += 1) words[wordStarts[k]! + w] = view.getUint32(4 * w, true);
      if (literal.length >= 4) tails[k] = view.getUint32(literal.length - 4, true);
    }
    const layout: Layout = { values, literals, words, wordStarts, tails, lengths, installed: this.#installed, ciNull: this.#ciNull, hasKinds: values.includes(V_KINDS), shared: new Map() };
    if (this.#layouts.length === MAX_LAYOUTS) {
      const dropped = this.#layouts.pop()!;
      for (const other of this.#layouts) other.shared.delete(dropped);
    }
    for (const other of this.#layouts) {
      const steps = sharedSteps(layout, other);
      layout.shared.set(other, steps);
      other.shared.set(layout, steps);
    }
    this.#layouts.unshift(layout);
    this.#sinceLearnt = 0;
  }

  /** While the scan records a layout: the value of `kind` spans [start, end). */
  #value(kind: number, start: number, end: number): void {
    const n = this.#valueCount;
    this.#valueKinds[n] = kind;
    this.#valueStarts[n] = start;
    this.#valueEnds[n] = end;
    this.#valueCount = n + 1;
  }

  /**
   * The line at byte `i` read by a known layout from its literal `from` on (the
   * values before it read already), or null when it does not follow it: where,
   * in #failedStep and the fields after it.
   */
  #matchLayout(layout: Layout, b: Uint8Array, from: number, i: number): CompactSummary | null {
    const end = b.length;
    const idAt = this.#newIds();
    if (from === 0) this.#reset(layout.installed, layout.ciNull);
    else {
      this.#installed = layout.installed;
      this.#ciNull = layout.ciNull;
    }
    const { values, words, wordStarts, tails, lengths } = layout;
    const view = this.#viewOf(b);
    for (let k = from; k <= values.length; k += 1) {
      const length = lengths[k]!;
      let same = i + length <= end;
      if (same) {
        const last = wordStarts[k + 1]!;
        for (let w = wordStarts[k]!, at = i; w < last; w += 1, at += 4) {
          if (view.getUint32(at, true) !== words[w]) {
            same = false;
            break;
          }
        }
        if (same && (length & 3) !== 0) {
          if (length >= 4) same = view.getUint32(i + length - 4, true) === tails[k];
          else for (let j = 0; same && j < length; j += 1) same = b[i + j] === layout.literals[k]![j];
        }
      }
      if (!same) {
        this.#failedStep = k;
        this.#failedInValue = false;
        this.#failedAt = i;
        return null;
      }
      i += length;
      if (k === values.length) break;
      i = this.#readValue(values[k]!, b, i, end, idAt);
      if (i < 0) {
        this.#failedStep = k;
        this.#failedInValue = true;
        return null;
      }
    }
    // The layout's last literal ends where its line did: here the line must end too.
    if (i !== end && b[i] !== NEWLINE) {
      // Not at a step another layout could go on from.
      this.#failedStep = values.length + 1;
      return null;
    }
    return this.#finish(b, i, idAt, layout.hasKinds);
  }

  /** A DataView of the bytes being read, made once per buffer. */
  #viewOf(b: Uint8Array): DataView<ArrayBufferLike> {
    if (this.#viewed !== b) {
      this.#viewed = b;
      this.#view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    }
    return this.#view;
  }

  /** Where the next summary's IDs go: room for two in the slab. */
  #newIds(): number {
    if (this.#slabAt + 32 > this.#slab.length) {
      this.#slab = new Uint8Array(SLAB_BYTES);
      this.#slabAt = 0;
    }
    return this.#slabAt;
  }

  /** With `toNewline`, the line may end at a newline before `end`. */
  #scan(bytes: Uint8Array, start: number, end: number, toNewline: boolean): CompactSummary | null {
    // Reads may look one byte past the line, where a newline or the buffer's end must be.
    const b = end < bytes.length && bytes[end] !== NEWLINE ? bytes.subarray(0, end) : bytes;
    const idAt = this.#newIds();
    const recording = this.#recording;
    this.#reset(false, false);
    let seen = 0;
    let i = skip(b, start, end);
    if (b[i] !== OPEN) return null;
    i = skip(b, i + 1, end);
    for (;;) {
      if (b[i] !== QUOTE || i + 1 >= end) return null;
      const field = fieldAt(b, i + 1, end);
      if (field === 0 || (seen & field) !== 0) return null;
      seen |= field;
      const position = 31 - Math.clz32(field);
      i = skip(b, i + 2 + FIELD_LENGTH[position]!, end);
      if (b[i] !== COLON) return null;
      i = skip(b, i + 1, end);
      const valueAt = i;
      // The values a layout reads; the rest (schema_version, "ci": null, the keys inside app, runtime and os) is its literal text.
      let value = FIELD_VALUES[position]!;
      if (value >= 0) {
        i = this.#readValue(value, b, i, end, idAt);
        if (field === INSTALL) this.#installed = true;
      } else if (field === SCHEMA) {
        i = this.#count(b, i, end, 1);
        if (i < 0 || this.#number !== 1) return null;
      } else if (field === CI) {
        i = this.#ci(b, i, end);
        if (!this.#ciNull) value = CI_VALUE;
      } else {
        i = field === OS ? this.#os(b, i, end) : this.#pair(b, i, end, field === APP ? APP_NAME : RUNTIME_NAME);
      }
      if (i < 0) return null;
      if (recording && value >= 0) this.#value(value, valueAt, i);
      i = skip(b, i, end);
      if (b[i] === COMMA) {
        i = skip(b, i + 1, end);
        continue;
      }
      if (b[i] !== CLOSE) return null;
      i = skip(b, i + 1, end);
      break;
    }
    // After the object, only the end of the line: its newline, or the end of the span.
    if ((i !== end && !(toNewline && b[i] === NEWLINE)) || (seen & REQUIRED) !== REQUIRED) return null;
    return this.#finish(b, i, idAt, (seen & KINDS) !== 0);
  }

  /** Forgets the values of the line read before. */
  #reset(installed: boolean, ciNull: boolean): void {
    this.#spans.fill(-1);
    this.#kindCount = 0;
    this.#platform = -1;
    this.#arch = NO_ARCH;
    this.#installed = installed;
    this.#ciNull = ciNull;
    this.#started = 0;
    this.#ended = 0;
    this.#logLines = 0;
    this.#errorLines = 0;
    this.#outcome = -1;
  }

  /**
   * A value of `kind` at `i` (the values a layout reads, and the scan all its
   * plain ones): its end, or -1. What it holds goes to the spans or the fields
   * of the current line.
   */
  #readValue(kind: number, b: Uint8Array, i: number, end: number, idAt: number): number {
    switch (kind) {
      case V_SESSION:
        return this.#uuid(b, i, end, idAt);
      case V_INSTALL:
        return this.#uuid(b, i, end, idAt + 16);
      case APP_NAME:
      case RUNTIME_NAME:
        return this.#classString(b, i, end, ALNUM, NAME, 1, MAX_NAME_LENGTH, kind);
      case APP_VERSION:
      case RUNTIME_VERSION:
      case OS_VERSION:
        return this.#classString(b, i, end, ALNUM, VERSION, 1, MAX_NAME_LENGTH, kind);
      case CI_VALUE:
        return this.#classString(b, i, end, CI_FIRST, CI_REST, 2, 32, CI_VALUE);
      case V_PLATFORM:
        i = this.#word(b, i, end, PLATFORM_BYTES);
        this.#platform = this.#code;
        return i;
      case V_ARCH:
        i = this.#word(b, i, end, ARCH_BYTES);
        this.#arch = this.#code;
        return i;
      case V_STARTED:
        i = this.#timestamp(b, i, end);
        this.#started = this.#ms;
        return i;
      case V_ENDED:
        i = this.#timestamp(b, i, end);
        this.#ended = this.#ms;
        return i;
      case V_LOG:
        i = this.#count(b, i, end, MAX_COUNT);
        this.#logLines = this.#number;
        return i;
      case V_ERROR:
        i = this.#count(b, i, end, MAX_COUNT);
        this.#errorLines = this.#number;
        return i;
      case V_OUTCOME:
        i = this.#word(b, i, end, OUTCOME_BYTES);
        this.#outcome = this.#code;
        return i;
      default:
        return this.#errorKinds(b, i, end);
    }
  }

  /** The rules across fields, the shared configuration and error kinds, and the summary of a line read up to its end `i`. */
  #finish(b: Uint8Array, i: number, idAt: number, hasKinds: boolean): CompactSummary | null {
    if (this.#ended < this.#started || this.#errorLines > this.#logLines) return null;
    const config = this.#config(b);
    if (!config) return null;
    let kinds: Record<string, number> | undefined;
    if (hasKinds) {
      kinds = {};
      for (let k = 0; k < this.#kindCount; k += 1) {
        const entry = this.#kinds.find(b, this.#kindSpans[2 * k]!, this.#kindSpans[2 * k + 1]!);
        if (!entry || entry.value === null) return null;
        kinds[entry.value] = this.#kindCounts[k]!;
      }
    }
    const summary = new CompactSummary(config, this.#slab, idAt, this.#installed ? idAt + 16 : -1, this.#started, this.#ended, this.#logLines, this.#errorLines);
    if (this.#outcome >= 0) summary.outcome = OUTCOMES[this.#outcome]!;
    if (kinds) summary.error_kinds = kinds;
    this.#slabAt += this.#installed ? 32 : 16;
    this.lineEnd = i;
    return summary;
  }

  /** A non-negative integer written plainly, at most `max`; its value in #number. */
  #count(b: Uint8Array, i: number, end: number, max: number): number {
    const start = i;
    let value = 0;
    while (i < end) {
      const digit = b[i]! - 48;
      if (digit < 0 || digit > 9) break;
      value = value * 10 + digit;
      i += 1;
    }
    const length = i - start;
    // No digits, a leading zero, too many digits, or a fraction or exponent next.
    if (length === 0 || length > 13 || (length > 1 && b[start] === 48) || value > max) return -1;
    const next = b[i];
    if (next === 0x2e || next === 0x65 || next === 0x45) return -1;
    this.#number = value;
    return i;
  }

  /** A UUID string, its 16 bytes written to the slab at `at`. */
  #uuid(b: Uint8Array, i: number, end: number, at: number): number {
    if (i + 38 > end || b[i] !== QUOTE || b[i + 37] !== QUOTE) return -1;
    const s = i + 1;
    if (b[s + 8] !== 0x2d || b[s + 13] !== 0x2d || b[s + 18] !== 0x2d || b[s + 23] !== 0x2d) return -1;
    const slab = this.#slab;
    for (let k = 0; k < 16; k += 1) {
      const p = s + HEX_PAIRS[k]!;
      const high = HEX_VALUE[b[p]!]!;
      const low = HEX_VALUE[b[p + 1]!]!;
      if ((high | low) > 15) return -1;
      slab[at + k] = (high << 4) | low;
    }
    return i + 38;
  }

  /** A string of one class with its first character in `first`, 1 to `max` long; its span goes to `slot`. */
  #classString(b: Uint8Array, i: number, end: number, first: number, rest: number, min: number, max: number, slot: number): number {
    if (b[i] !== QUOTE) return -1;
    const start = i + 1;
    let k = start;
    for (; k < end; k += 1) {
      const code = b[k]!;
      if (code === QUOTE) break;
      if (code >= 128 || (CLASSES[code]! & rest) === 0) return -1;
    }
    const length = k - start;
    if (k >= end || length < min || length > max || (CLASSES[b[start]!]! & first) === 0) return -1;
    this.#spans[2 * slot] = start;
    this.#spans[2 * slot + 1] = k;
    return k + 1;
  }

  /** {"name": ..., "version": ...} of app or runtime, in either order. */
  #pair(b: Uint8Array, i: number, end: number, slot: number): number {
    if (b[i] !== OPEN) return -1;
    i = skip(b, i + 1, end);
    for (;;) {
      if (b[i] !== QUOTE) return -1;
      const keyEnd = plainString(b, i + 1, end);
      if (keyEnd < 0) return -1;
      const isName = equalBytes(b, i + 1, keyEnd, NAME_BYTES);
      if (!isName && !equalBytes(b, i + 1, keyEnd, VERSION_BYTES)) return -1;
      const target = isName ? slot : slot + 1;
      if (this.#spans[2 * target]! >= 0) return -1;
      i = skip(b, keyEnd + 1, end);
      if (b[i] !== COLON) return -1;
      i = skip(b, i + 1, end);
      const valueAt = i;
      i = this.#readValue(target, b, i, end, -1);
      if (i < 0) return -1;
      if (this.#recording) this.#value(target, valueAt, i);
      i = skip(b, i, end);
      if (b[i] === COMMA) {
        i = skip(b, i + 1, end);
        continue;
      }
      if (b[i] !== CLOSE || this.#spans[2 * slot]! < 0 || this.#spans[2 * slot + 2]! < 0) return -1;
      return i + 1;
    }
  }

  /** {"platform": ..., "version"?: ..., "arch"?: ...} */
  #os(b: Uint8Array, i: number, end: number): number {
    if (b[i] !== OPEN) return -1;
    i = skip(b, i + 1, end);
    for (;;) {
      if (b[i] !== QUOTE) return -1;
      const keyEnd = plainString(b, i + 1, end);
      if (keyEnd < 0) return -1;
      const keyStart = i + 1;
      i = skip(b, keyEnd + 1, end);
      if (b[i] !== COLON) return -1;
      i = skip(b, i + 1, end);
      let value: number;
      if (equalBytes(b, keyStart, keyEnd, PLATFORM_KEY)) {
        if (this.#platform >= 0) return -1;
        value = V_PLATFORM;
      } else if (equalBytes(b, keyStart, keyEnd, VERSION_BYTES)) {
        if (this.#spans[2 * OS_VERSION]! >= 0) return -1;
        value = OS_VERSION;
      } else if (equalBytes(b, keyStart, keyEnd, ARCH_KEY)) {
        if (this.#arch !== NO_ARCH) return -1;
        value = V_ARCH;
      } else {
        return -1;
      }
      const valueAt = i;
      i = this.#readValue(value, b, i, end, -1);
      if (i < 0) return -1;
      if (this.#recording) this.#value(value, valueAt, i);
      i = skip(b, i, end);
      if (b[i] === COMMA) {
        i = skip(b, i + 1, end);
        continue;
      }
      if (b[i] !== CLOSE || this.#platform < 0) return -1;
      return i + 1;
    }
  }

  /** A CI vendor name or null. */
  #ci(b: Uint8Array, i: number, end: number): number {
    if (b[i] === 0x6e) {
      if (i + 4 > end || b[i + 1] !== 0x75 || b[i + 2] !== 0x6c || b[i + 3] !== 0x6c) return -1;
      this.#ciNull = true;
      return i + 4;
    }
    return this.#classString(b, i, end, CI_FIRST, CI_REST, 2, 32, CI_VALUE);
  }

  /** One of `words`, as a string; its index in #code. */
  #word(b: Uint8Array, i: number, end: number, words: readonly Uint8Array[]): number {
    if (b[i] !== QUOTE) return -1;
    const close = plainString(b, i + 1, end);
    if (close < 0) return -1;
    this.#code = whichWord(b, i + 1, close, words);
    return this.#code < 0 ? -1 : close + 1;
  }

  /** A date-time string; its epoch milliseconds in #ms. */
  #timestamp(b: Uint8Array, i: number, end: number): number {
    if (b[i] !== QUOTE) return -1;
    // A producer writes its date-times alike: first try the length of the last one. timestampMs
    // checks every byte before the quote (none is a quote or an escape), so this finds the same quote.
    const guess = i + 1 + this.#timestampLength;
    if (guess < end && b[guess] === QUOTE) {
      this.#ms = timestampMs(b, i + 1, guess);
      if (!Number.isNaN(this.#ms)) return guess + 1;
    }
    const close = plainString(b, i + 1, end);
    if (close < 0) return -1;
    this.#ms = timestampMs(b, i + 1, close);
    if (Number.isNaN(this.#ms)) return -1;
    this.#timestampLength = close - i - 1;
    return close + 1;
  }

  /** {"Class.Name": count, ...}: spans and counts kept for interning once the line is known good. */
  #errorKinds(b: Uint8Array, i: number, end: number): number {
    if (b[i] !== OPEN) return -1;
    i = skip(b, i + 1, end);
    if (b[i] === CLOSE) return i + 1;
    for (;;) {
      if (b[i] !== QUOTE || this.#kindCount >= MAX_KINDS) return -1;
      const start = i + 1;
      let k = start;
      let segmentStart = true;
      for (; k < end; k += 1) {
        const code = b[k]!;
        if (code === QUOTE) break;
        if (code >= 128) return -1;
        if (code === 0x2e) {
          if (segmentStart) return -1;
          segmentStart = true;
          continue;
        }
        if ((CLASSES[code]! & (segmentStart ? KIND_FIRST : KIND_REST)) === 0) return -1;
        segmentStart = false;
      }
      if (k >= end || segmentStart || k - start > MAX_KIND_LENGTH || whichWord(b, start, k, FORBIDDEN_BYTES) >= 0) return -1;
      for (let other = 0; other < this.#kindCount; other += 1) {
        const otherStart = this.#kindSpans[2 * other]!;
        const otherEnd = this.#kindSpans[2 * other + 1]!;
        if (sameBytes(b, otherStart, otherEnd, start, k)) return -1;
      }
      this.#kindSpans[2 * this.#kindCount] = start;
      this.#kindSpans[2 * this.#kindCount + 1] = k;
      i = skip(b, k + 1, end);
      if (b[i] !== COLON) return -1;
      i = this.#count(b, skip(b, i + 1, end), end, MAX_KIND_COUNT);
      if (i < 0 || this.#number < 1) return -1;
      this.#kindCounts[this.#kindCount] = this.#number;
      this.#kindCount += 1;
      i = skip(b, i, end);
      if (b[i] === COMMA) {
        i = skip(b, i + 1, end);
        continue;
      }
      return b[i] === CLOSE ? i + 1 : -1;
    }
  }

  /** The shared configuration of the current line, or null when it must take the full way. */
  #config(b: Uint8Array): SessionConfig | null {
    // A producer's lines come in long runs of one configuration: the last one found, when this line's key would be the same bytes.
    if (this.#lastConfig && this.#sameAsLastKey(b)) return this.#lastConfig;
    const key = this.#key;
    const spans = this.#spans;
    key[0] = this.#platform;
    key[1] = this.#arch;
    let at = 2;
    for (let slot = 0; slot < SLOTS; slot += 1) {
      const start = spans[2 * slot]!;
      if (start < 0) {
        key[at] = slot === CI_VALUE && this.#ciNull ? 1 : 0;
        key[at + 1] = 0;
        at += 2;
        continue;
      }
      const end = spans[2 * slot + 1]!;
      key[at] = 2;
      key[at + 1] = end - start;
      at += 2;
      for (let k = start; k < end; k += 1) key[at++] = b[k]!;
    }
    const config = this.#configs.find(key, 0, at)?.value ?? null;
    if (config) this.#lastKey.set(key.subarray(0, at));
    this.#lastConfig = config;
    return config;
  }

  /** Whether #config would build the key of the last configuration found: the same walk, comparing instead of copying. */
  #sameAsLastKey(b: Uint8Array): boolean {
    const key = this.#lastKey;
    const spans = this.#spans;
    if (key[0] !== this.#platform || key[1] !== this.#arch) return false;
    let at = 2;
    for (let slot = 0; slot < SLOTS; slot += 1) {
      const start = spans[2 * slot]!;
      if (start < 0) {
        if (key[at] !== (slot === CI_VALUE && this.#ciNull ? 1 : 0)) return false;
        at += 2;
        continue;
      }
      const end = spans[2 * slot + 1]!;
      if (key[at] !== 2 || key[at + 1] !== end - start) return false;
      at += 2;
      for (let k = start; k < end; k += 1) if (key[at++] !== b[k]) return false;
    }
    return true;
  }
}

/** Past JSON whitespace (a line holds no newline). */
function skip(b: Uint8Array, i: number, end: number): number {
  while (i < end) {
    const code = b[i]!;
    if (code !== 0x20 && code !== 0x09 && code !== 0x0d) break;
    i += 1;
  }
  return i;
}

/** The closing quote of a string of printable ASCII without escapes, or -1. */
function plainString(b: Uint8Array, i: number, end: number): number {
  for (; i < end; i += 1) {
    const code = b[i]!;
    if (code === QUOTE) return i;
    if (code === 0x5c || code < 0x20 || code >= 0x7f) return -1;
  }
  return -1;
}

/** Field names by their first letter, and their bits. */
const NAMES_BY_FIRST: Uint8Array[][] = Array.from({ length: 128 }, (_, code) => FIELD_BYTES.filter(([word]) => word[0] === code).map(([word]) => word));
const BITS_BY_FIRST: number[][] = Array.from({ length: 128 }, (_, code) => FIELD_BYTES.filter(([word]) => word[0] === code).map(([, bit]) => bit));

/** The bit of the field whose name starts at `start` and is closed by a quote; 0 for any other key. */
function fieldAt(b: Uint8Array, start: number, end: number): number {
  const first = b[start]!;
  if (first >= 128) return 0;
  const names = NAMES_BY_FIRST[first]!;
  for (let n = 0; n < names.length; n += 1) {
    const word = names[n]!;
    const close = start + word.length;
    if (close < end && b[close] === QUOTE && equalBytes(b, start, close, word)) return BITS_BY_FIRST[first]![n]!;
  }
  return 0;
}
