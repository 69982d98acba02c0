// The fast path of intake: reads one NDJSON line that is a plain session summary
// straight from its bytes, checking every rule of the schema, the rules after it
// and the privacy guard on the way, without building JSON objects or strings.
// What it checks comes from the field table generated from the schema
// (field-readers.ts), so a schema change reaches it with the build.
//
// It only ever says "valid, and here it is" or "not sure": escapes, non-ASCII
// bytes, duplicate keys, numbers written as 1.0 or 1e3, unknown fields, fields
// whose rules it cannot check and every invalid value return null, and the
// caller takes the line the full way (JSON.parse, privacy guard, ajv), which then
// gives the reason. So the fast path can never accept what the full way would
// refuse; a differential test holds it to that.

import { CompactSummary } from '../compact-summary.ts';
import type { SessionConfig } from '../compact-summary.ts';
import { CONFIG_FIELDS, configOf } from '../field-table.ts';
import { privacyRuleFor } from '../privacy-guard.ts';
import type { Outcome } from '../session-summary.ts';
import { timestampMs } from '../timestamp.ts';
import {
  CLOSE,
  COLON,
  COMMA,
  NEWLINE,
  OPEN,
  QUOTE,
  equalBytes,
  plainString,
  sameBytes,
  skip,
  whichWord,
} from './bytes.ts';
import {
  CONST_VALUE,
  ENDED_MAX,
  ERROR_BOUNDS,
  FAST,
  KINDS,
  LOG_BOUNDS,
  MAX_KEY_BYTES,
  OUTCOME_BYTES,
  OUTCOMES,
  READERS_BY_FIRST,
  REQUIRED_BITS,
  SLOT_CLASSES,
  SLOT_ENUM,
  SLOT_MAX,
  SLOT_MIN,
  SLOT_WORDS,
  STARTED_MAX,
  TOP_READERS,
  V_CONST,
  V_INSTALL,
  V_KINDS,
  V_OBJECT,
  V_SESSION,
} from './field-readers.ts';
import type { TopReader } from './field-readers.ts';
import { uuidAsciiToBytes } from '../../uuid/uuid-codec.ts';
import { InternTable } from './intern-table.ts';
import { addLayout, layoutOf } from './layout.ts';
import type { Layout } from './layout.ts';

export { InternTable, MAX_BUCKET } from './intern-table.ts';

const SLOTS = CONFIG_FIELDS.length;
// The slot tables as this module's own constants: the scan's inner loops read them on every value.
const ENUM = SLOT_ENUM;
const CLASSES = SLOT_CLASSES;
const MIN = SLOT_MIN;
const MAX = SLOT_MAX;
const WORDS = SLOT_WORDS;
const LOG_MIN = LOG_BOUNDS.min;
const LOG_MAX = LOG_BOUNDS.max;
const ERROR_MIN = ERROR_BOUNDS.min;
const ERROR_MAX = ERROR_BOUNDS.max;
const STARTED_LENGTH = STARTED_MAX;
const ENDED_LENGTH = ENDED_MAX;
const OUTCOME_WORDS = OUTCOME_BYTES;
const BY_FIRST = READERS_BY_FIRST;
/** The error kinds' bit among the top-level fields, 0 when the schema has none. */
const KINDS_BIT = TOP_READERS.find((reader) => reader.value === V_KINDS)?.bit ?? 0;
const SLAB_BYTES = 1 << 16;
/** Values a line can hold: each field once, each configuration field once. */
const MAX_VALUES = TOP_READERS.length + SLOTS;
/** Layouts kept per scanner, the most recently matched first. */
export const MAX_LAYOUTS = 4;
/** With all layouts in use, lines read between learning one more (each learnt one costs a second reading of its line). */
const RELEARN_AFTER = 256;
/** Slots whose values are strings a person could write (not an enum's), checked by the privacy guard. */
const FREE_TEXT = CONFIG_FIELDS.map((field) => field.kind === 'string');

/**
 * The configuration behind canonical key bytes: slot by slot a tag (0 absent,
 * 1 null, 2 a string, 3 an enum's value) and a length and the string, or the
 * value's place in its enum.
 */
function configFromKey(text: string): SessionConfig | null {
  const values: (string | null | undefined)[] = [];
  let at = 0;
  for (let slot = 0; slot < SLOTS; slot += 1) {
    const tag = text.charCodeAt(at);
    const length = tag === 2 ? text.charCodeAt(at + 1) : 0;
    const value =
      tag === 3
        ? CONFIG_FIELDS[slot]!.values[text.charCodeAt(at + 1)]!
        : tag === 2
          ? text.slice(at + 2, at + 2 + length)
          : tag === 1
            ? null
            : undefined;
    if (tag === 2 && FREE_TEXT[slot] && privacyRuleFor(value as string) !== null) return null;
    values.push(value);
    at += 2 + length;
  }
  return configOf(values);
}

/** The top-level field whose name starts at `start` and is closed by a quote; null for any other key. */
function readerAt(b: Uint8Array, start: number, end: number): TopReader | null {
  const first = b[start]!;
  if (first >= 128) return null;
  const readers = BY_FIRST[first]!;
  for (let n = 0; n < readers.length; n += 1) {
    const reader = readers[n]!;
    const close = start + reader.name.length;
    if (close < end && b[close] === QUOTE && equalBytes(b, start, close, reader.name)) return reader;
  }
  return null;
}

export class SummaryScanner {
  readonly #configs = new InternTable<SessionConfig>(configFromKey);
  readonly #kinds = new InternTable<string>((kind) => (privacyRuleFor(kind) === null ? kind : null));
  /** Where the IDs of accepted sessions are kept; a new slab when this one is full. */
  #slab = new Uint8Array(SLAB_BYTES);
  #slabAt = 0;
  readonly #key = new Uint8Array(MAX_KEY_BYTES);
  /** The key of the last configuration found, and that configuration (null before the first). */
  readonly #lastKey = new Uint8Array(MAX_KEY_BYTES);
  #lastConfig: SessionConfig | null = null;
  /** Spans of the configuration's values: [start, end) pairs, by slot; -1 when absent. */
  readonly #spans = new Int32Array(Math.max(SLOTS, 1) * 2);
  /** Of enum slots: which of its values. */
  readonly #codes = new Uint8Array(Math.max(SLOTS, 1));
  /** Error kinds of the current line: spans and counts. */
  readonly #kindSpans = new Int32Array(Math.max(KINDS.maxKinds, 1) * 2);
  readonly #kindCounts = new Float64Array(Math.max(KINDS.maxKinds, 1));
  #kindCount = 0;
  // Values of the current line.
  #number = 0;
  #ms = 0;
  /** Length of the last date-time read (see #timestamp). */
  #timestampLength = 24;
  #code = 0;
  /** Slots the line sets to null, one bit each. */
  #nulls = 0;
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
    return FAST ? this.#scan(bytes, start, end, false) : null;
  }

  /**
   * The summary on the line that starts at `start`, or null when it must take
   * the full way; its end goes to `lineEnd`. The scan finds the end of the line
   * as it reads (a newline cannot occur inside a summary it takes), which
   * spares the caller a search for the newline.
   */
  scanLine(bytes: Uint8Array, start: number): CompactSummary | null {
    if (!FAST) return null;
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
    if (layouts.length === MAX_LAYOUTS && this.#sinceLearnt < RELEARN_AFTER)
      return this.#scan(bytes, start, bytes.length, true);
    this.#recording = true;
    this.#valueCount = 0;
    const summary = this.#scan(bytes, start, bytes.length, true);
    this.#recording = false;
    if (summary) {
      const count = this.#valueCount;
      const layout = layoutOf(
        bytes,
        start,
        this.lineEnd,
        this.#valueKinds.slice(0, count),
        this.#valueStarts,
        this.#valueEnds,
        this.#installed,
        this.#nulls,
      );
      addLayout(this.#layouts, layout, MAX_LAYOUTS);
      this.#sinceLearnt = 0;
    }
    return summary;
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
    if (from === 0) this.#reset(layout.installed, layout.nulls);
    else {
      this.#installed = layout.installed;
      this.#nulls = layout.nulls;
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
    this.#reset(false, 0);
    let seen = 0;
    let i = skip(b, start, end);
    if (b[i] !== OPEN) return null;
    i = skip(b, i + 1, end);
    for (;;) {
      if (b[i] !== QUOTE || i + 1 >= end) return null;
      const reader = readerAt(b, i + 1, end);
      if (reader === null || (seen & reader.bit) !== 0) return null;
      seen |= reader.bit;
      i = skip(b, i + 2 + reader.name.length, end);
      if (b[i] !== COLON) return null;
      i = skip(b, i + 1, end);
      const valueAt = i;
      // The values a layout reads; the rest (the constant, a null, the keys inside objects) is its literal text.
      const value = reader.value;
      if (value === V_CONST) {
        i = this.#count(b, i, end, CONST_VALUE);
        if (i < 0 || this.#number !== CONST_VALUE) return null;
      } else if (value === V_OBJECT) {
        i = this.#object(reader, b, i, end);
      } else if (value < V_SESSION && b[i] === 0x6e) {
        i = this.#null(value, b, i, end);
      } else {
        i = this.#readValue(value, b, i, end, idAt);
        if (value === V_INSTALL) this.#installed = true;
        if (recording && i >= 0) this.#value(value, valueAt, i);
      }
      if (i < 0) return null;
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
    if ((i !== end && !(toNewline && b[i] === NEWLINE)) || (seen & REQUIRED_BITS) !== REQUIRED_BITS) return null;
    return this.#finish(b, i, idAt, (seen & KINDS_BIT) !== 0);
  }

  /** Forgets the values of the line read before. */
  #reset(installed: boolean, nulls: number): void {
    this.#spans.fill(-1);
    this.#kindCount = 0;
    this.#installed = installed;
    this.#nulls = nulls;
    this.#started = 0;
    this.#ended = 0;
    this.#logLines = 0;
    this.#errorLines = 0;
    this.#outcome = -1;
  }

  /** `null` for the configuration field in `slot`, when the schema allows it. */
  #null(slot: number, b: Uint8Array, i: number, end: number): number {
    if (!CONFIG_FIELDS[slot]!.nullable || i + 4 > end || b[i + 1] !== 0x75 || b[i + 2] !== 0x6c || b[i + 3] !== 0x6c)
      return -1;
    this.#nulls |= 1 << slot;
    return i + 4;
  }

  /**
   * A value of `kind` at `i` (the values a layout reads, and the scan all its
   * plain ones): its end, or -1. What it holds goes to the spans or the fields
   * of the current line.
   */
  #readValue(kind: number, b: Uint8Array, i: number, end: number, idAt: number): number {
    // Literal cases, not the imported names: a switch over constants is a jump table.
    switch (kind) {
      case 64: // V_SESSION
        return this.#uuid(b, i, end, idAt);
      case 65: // V_INSTALL
        return this.#uuid(b, i, end, idAt + 16);
      case 66: // V_STARTED
        i = this.#timestamp(b, i, end, STARTED_LENGTH);
        this.#started = this.#ms;
        return i;
      case 67: // V_ENDED
        i = this.#timestamp(b, i, end, ENDED_LENGTH);
        this.#ended = this.#ms;
        return i;
      case 68: // V_LOG
        i = this.#count(b, i, end, LOG_MAX);
        this.#logLines = this.#number;
        return this.#number < LOG_MIN ? -1 : i;
      case 69: // V_ERROR
        i = this.#count(b, i, end, ERROR_MAX);
        this.#errorLines = this.#number;
        return this.#number < ERROR_MIN ? -1 : i;
      case 70: // V_OUTCOME
        i = this.#word(b, i, end, OUTCOME_WORDS);
        this.#outcome = this.#code;
        return i;
      case 71: // V_KINDS
        return this.#errorKinds(b, i, end);
      default:
        return this.#slotValue(kind, b, i, end);
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
    const summary = new CompactSummary(
      config,
      this.#slab,
      idAt,
      this.#installed ? idAt + 16 : -1,
      this.#started,
      this.#ended,
      this.#logLines,
      this.#errorLines,
    );
    if (this.#outcome >= 0) summary.outcome = OUTCOMES[this.#outcome]! as Outcome;
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
    return uuidAsciiToBytes(b, i + 1, this.#slab, at) ? i + 38 : -1;
  }

  /** The value of the configuration field in `slot`: one of its enum's words, or a string of its classes and lengths. Its span goes to the slot. */
  #slotValue(slot: number, b: Uint8Array, i: number, end: number): number {
    if (b[i] !== QUOTE) return -1;
    const start = i + 1;
    let k = start;
    if (ENUM[slot] === 1) {
      k = plainString(b, start, end);
      const code = k < 0 ? -1 : whichWord(b, start, k, WORDS[slot]!);
      if (code < 0) return -1;
      this.#codes[slot] = code;
    } else {
      const base = slot << 7;
      for (; k < end; k += 1) {
        const code = b[k]!;
        if (code === QUOTE) break;
        if (code >= 128 || (CLASSES[base + code]! & 2) === 0) return -1;
      }
      const length = k - start;
      // An empty string's "first character" is the quote, in no class: so min 0 is checked by length alone.
      if (
        k >= end ||
        length < MIN[slot]! ||
        length > MAX[slot]! ||
        (length > 0 && (CLASSES[base + b[start]!]! & 1) === 0)
      )
        return -1;
    }
    this.#spans[2 * slot] = start;
    this.#spans[2 * slot + 1] = k;
    return k + 1;
  }

  /** An object of configuration fields, in any order, each at most once, the required ones present. */
  #object(reader: TopReader, b: Uint8Array, i: number, end: number): number {
    if (b[i] !== OPEN) return -1;
    i = skip(b, i + 1, end);
    const { keys, slots } = reader;
    for (;;) {
      if (b[i] !== QUOTE) return -1;
      const keyEnd = plainString(b, i + 1, end);
      if (keyEnd < 0) return -1;
      let n = 0;
      while (n < keys.length && !equalBytes(b, i + 1, keyEnd, keys[n]!)) n += 1;
      if (n === keys.length) return -1;
      const slot = slots[n]!;
      if (this.#spans[2 * slot]! >= 0 || (this.#nulls & (1 << slot)) !== 0) return -1;
      i = skip(b, keyEnd + 1, end);
      if (b[i] !== COLON) return -1;
      i = skip(b, i + 1, end);
      const valueAt = i;
      if (b[i] === 0x6e) {
        i = this.#null(slot, b, i, end);
      } else {
        i = this.#slotValue(slot, b, i, end);
        if (i >= 0 && this.#recording) this.#value(slot, valueAt, i);
      }
      if (i < 0) return -1;
      i = skip(b, i, end);
      if (b[i] === COMMA) {
        i = skip(b, i + 1, end);
        continue;
      }
      if (b[i] !== CLOSE) return -1;
      for (const required of reader.requiredSlots)
        if (this.#spans[2 * required]! < 0 && (this.#nulls & (1 << required)) === 0) return -1;
      return i + 1;
    }
  }

  /** One of `words`, as a string; its index in #code. */
  #word(b: Uint8Array, i: number, end: number, words: readonly Uint8Array[]): number {
    if (b[i] !== QUOTE) return -1;
    const close = plainString(b, i + 1, end);
    if (close < 0) return -1;
    this.#code = whichWord(b, i + 1, close, words);
    return this.#code < 0 ? -1 : close + 1;
  }

  /** A date-time string of at most `max` characters; its epoch milliseconds in #ms. */
  #timestamp(b: Uint8Array, i: number, end: number, max: number): number {
    if (b[i] !== QUOTE) return -1;
    // A producer writes its date-times alike: first try the length of the last one. timestampMs
    // checks every byte before the quote (none is a quote or an escape), so this finds the same quote.
    const guess = i + 1 + this.#timestampLength;
    if (guess < end && b[guess] === QUOTE && this.#timestampLength <= max) {
      this.#ms = timestampMs(b, i + 1, guess);
      if (!Number.isNaN(this.#ms)) return guess + 1;
    }
    const close = plainString(b, i + 1, end);
    if (close < 0 || close - i - 1 > max) return -1;
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
    const { classes, dotted } = KINDS;
    for (;;) {
      if (b[i] !== QUOTE || this.#kindCount >= KINDS.maxKinds) return -1;
      const start = i + 1;
      let k = start;
      let segmentStart = true;
      for (; k < end; k += 1) {
        const code = b[k]!;
        if (code === QUOTE) break;
        if (code >= 128) return -1;
        if (dotted && code === 0x2e) {
          if (segmentStart) return -1;
          segmentStart = true;
          continue;
        }
        if ((classes[code]! & (segmentStart ? 1 : 2)) === 0) return -1;
        if (dotted || k === start) segmentStart = false;
      }
      const length = k - start;
      if (
        k >= end ||
        (dotted && segmentStart) ||
        length < KINDS.minLength ||
        length > KINDS.maxLength ||
        whichWord(b, start, k, KINDS.forbidden) >= 0
      )
        return -1;
      for (let other = 0; other < this.#kindCount; other += 1) {
        const otherStart = this.#kindSpans[2 * other]!;
        const otherEnd = this.#kindSpans[2 * other + 1]!;
        if (sameBytes(b, otherStart, otherEnd, start, k)) return -1;
      }
      this.#kindSpans[2 * this.#kindCount] = start;
      this.#kindSpans[2 * this.#kindCount + 1] = k;
      i = skip(b, k + 1, end);
      if (b[i] !== COLON) return -1;
      i = this.#count(b, skip(b, i + 1, end), end, KINDS.max);
      if (i < 0 || this.#number < KINDS.min) return -1;
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
    const nulls = this.#nulls;
    let at = 0;
    for (let slot = 0; slot < SLOTS; slot += 1) {
      const start = spans[2 * slot]!;
      if (start < 0) {
        key[at] = (nulls >>> slot) & 1;
        key[at + 1] = 0;
        at += 2;
        continue;
      }
      if (ENUM[slot] === 1) {
        key[at] = 3;
        key[at + 1] = this.#codes[slot]!;
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

  /**
   * Whether #config would build the key of the last configuration found: the same walk, comparing
   * instead of copying. A deliberate pairing with #config: one walk that both builds and compares
   * would cost a branch per byte on the hottest path.
   */
  #sameAsLastKey(b: Uint8Array): boolean {
    const key = this.#lastKey;
    const spans = this.#spans;
    const nulls = this.#nulls;
    let at = 0;
    for (let slot = 0; slot < SLOTS; slot += 1) {
      const start = spans[2 * slot]!;
      if (start < 0) {
        if (key[at] !== ((nulls >>> slot) & 1)) return false;
        at += 2;
        continue;
      }
      if (ENUM[slot] === 1) {
        if (key[at] !== 3 || key[at + 1] !== this.#codes[slot]) return false;
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
