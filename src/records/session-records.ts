// Accepted sessions as compact binary records: exactly what aggregation reads of
// each session (its configuration, outcome, counts, times, install, run and error
// kinds), about 45 bytes each. A shard writes them; the merge decodes them in the
// order a full run would have read them, so it can drop duplicates across shards
// and feed the very same aggregators.

import type { RunRef } from '../sources/source.ts';
import { uuidTextToBytes } from '../uuid/uuid-codec.ts';
import { CompactSummary } from './compact-summary.ts';
import type { SessionConfig } from './compact-summary.ts';
import { CONFIG_FIELDS, configOf, configValue, OUTCOME_VALUES } from './field-table.ts';
import type { Outcome, SessionSummary } from './session-summary.ts';

/**
 * What a session shares with others of the same configuration: the value of
 * each configuration field of the schema, by slot, null when absent. A null in
 * the summary reads as absent: neither changes a figure.
 */
export type ConfigTuple = (string | null)[];

export interface DecodedSession {
  /** Its raw ID bytes and times are on the summary itself. */
  summary: CompactSummary;
  run: RunRef | null;
}

/** A record's flags: these two bits, then the outcome's place in the schema's list (0 for none). */
const HAS_INSTALL = 1;
const HAS_KINDS = 2;
const OUTCOMES = [undefined, ...OUTCOME_VALUES] as (Outcome | undefined)[];
/** The latest instant a Date can hold. */
const MAX_TIME_MS = 8.64e15;
/** A record is at most this long without its error kinds. */
const RECORD_BASE_MAX = 16 + 16 + 6 * 9;

export class PartialFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PartialFormatError';
  }
}

/** 16 bytes from `from` at `fromAt`: a loop, cheaper than a view and a native copy for so few. */
function copy16(out: Uint8Array, at: number, from: Uint8Array, fromAt: number): void {
  for (let i = 0; i < 16; i += 1) out[at + i] = from[fromAt + i]!;
}

/** Unsigned integers up to 2^53 in 7-bit groups. */
function putVarint(out: Uint8Array, at: number, value: number): number {
  let rest = value;
  // Most values fit 31 bits, where shifts do what division does, faster.
  if (rest < 0x80000000) {
    while (rest >= 128) {
      out[at++] = (rest & 127) | 128;
      rest >>>= 7;
    }
    out[at++] = rest;
    return at;
  }
  while (rest >= 128) {
    out[at++] = (rest % 128) | 128;
    rest = Math.floor(rest / 128);
  }
  out[at++] = rest;
  return at;
}

/** Encodes sessions, numbering configurations, error kinds and runs as they first appear. */
export class SessionRecordWriter {
  readonly #baseMs: number;
  #buffer = new Uint8Array(1 << 16);
  #at = 0;
  #count = 0;
  readonly #configs = new Map<string, number>();
  /** Configuration numbers of shared configuration objects already seen. */
  readonly #configObjects = new Map<SessionConfig, number>();
  readonly #kinds = new Map<string, number>();
  readonly #runs = new Map<number, number>();
  /** Dictionary entries not yet handed out by takeDictionary(). */
  #newConfigs: ConfigTuple[] = [];
  #newKinds: string[] = [];
  #newRuns: RunRef[] = [];

  /** Sessions must start at or after `baseMs` (the window start). */
  constructor(baseMs: number) {
    this.#baseMs = baseMs;
  }

  get byteLength(): number {
    return this.#at;
  }

  get count(): number {
    return this.#count;
  }

  add(summary: SessionSummary, run: RunRef | null, times: { startedMs: number; endedMs: number }): void {
    const kinds = summary.error_kinds;
    let kindCount = 0;
    if (kinds) for (const kind in kinds) if (Object.prototype.hasOwnProperty.call(kinds, kind)) kindCount += 1;
    this.#reserve(RECORD_BASE_MAX + 9 + kindCount * 18);
    const out = this.#buffer;
    let at = this.#at;
    const compact = summary instanceof CompactSummary ? summary : null;
    if (compact) copy16(out, at, compact.bytes, compact.idAt);
    else uuidTextToBytes(summary.session_id, out, at);
    at += 16;
    at = putVarint(out, at, compact ? this.#sharedConfigIndex(compact) : this.#configIndex(summary));
    const outcome = summary.outcome === undefined ? 0 : OUTCOMES.indexOf(summary.outcome);
    const hasInstall = compact ? compact.installAt >= 0 : Boolean(summary.install_id);
    at = putVarint(out, at, outcome * 4 + (hasInstall ? HAS_INSTALL : 0) + (kindCount > 0 ? HAS_KINDS : 0));
    if (compact && hasInstall) copy16(out, at, compact.bytes, compact.installAt);
    else if (hasInstall) uuidTextToBytes(summary.install_id!, out, at);
    if (hasInstall) at += 16;
    at = putVarint(out, at, times.startedMs - this.#baseMs);
    at = putVarint(out, at, times.endedMs - times.startedMs);
    at = putVarint(out, at, summary.log_lines);
    at = putVarint(out, at, summary.error_lines);
    at = putVarint(out, at, run ? this.#runIndex(run) + 1 : 0);
    if (kindCount > 0) {
      at = putVarint(out, at, kindCount);
      for (const kind in kinds) {
        if (!Object.prototype.hasOwnProperty.call(kinds, kind)) continue;
        at = putVarint(out, at, this.#kindIndex(kind));
        at = putVarint(out, at, kinds[kind]!);
      }
    }
    this.#at = at;
    this.#count += 1;
  }

  /** The records written since the last call, and forgets them. */
  takeRecords(): { bytes: Uint8Array; count: number } {
    const taken = { bytes: this.#buffer.slice(0, this.#at), count: this.#count };
    this.#at = 0;
    this.#count = 0;
    return taken;
  }

  /** Dictionary entries added since the last call: a reader needs them before the records that use them. */
  takeDictionary(): { configs: ConfigTuple[]; kinds: string[]; runs: RunRef[] } {
    const taken = { configs: this.#newConfigs, kinds: this.#newKinds, runs: this.#newRuns };
    this.#newConfigs = [];
    this.#newKinds = [];
    this.#newRuns = [];
    return taken;
  }

  #reserve(bytes: number): void {
    if (this.#at + bytes <= this.#buffer.byteLength) return;
    const grown = new Uint8Array(Math.max(this.#buffer.byteLength * 2, this.#at + bytes));
    grown.set(this.#buffer.subarray(0, this.#at));
    this.#buffer = grown;
  }

  #configIndex(summary: SessionSummary): number {
    const tuple: ConfigTuple = CONFIG_FIELDS.map((field) => configValue(summary, field) ?? null);
    // Schema-valid values hold no control characters; "\u0001" stands for "not set".
    const key = tuple.map((value) => value ?? '\u0001').join('\u0000');
    let index = this.#configs.get(key);
    if (index === undefined) {
      index = this.#configs.size;
      this.#configs.set(key, index);
      this.#newConfigs.push(tuple);
    }
    return index;
  }

  #sharedConfigIndex(summary: CompactSummary): number {
    let index = this.#configObjects.get(summary.config);
    if (index === undefined) {
      index = this.#configIndex(summary);
      this.#configObjects.set(summary.config, index);
    }
    return index;
  }

  #kindIndex(kind: string): number {
    let index = this.#kinds.get(kind);
    if (index === undefined) {
      index = this.#kinds.size;
      this.#kinds.set(kind, index);
      this.#newKinds.push(kind);
    }
    return index;
  }

  #runIndex(run: RunRef): number {
    let index = this.#runs.get(run.id);
    if (index === undefined) {
      index = this.#runs.size;
      this.#runs.set(run.id, index);
      this.#newRuns.push({ id: run.id, branch: run.branch, url: run.url });
    }
    return index;
  }
}

/** Decodes records against the dictionaries read so far; bad bytes throw PartialFormatError. */
export class SessionRecordReader {
  readonly #baseMs: number;
  readonly #configs: SessionConfig[] = [];
  readonly #kinds: string[] = [];
  readonly #runs: RunRef[] = [];

  constructor(baseMs: number) {
    this.#baseMs = baseMs;
  }

  addConfig(tuple: ConfigTuple): void {
    this.#configs.push(configOf(tuple.map((value) => value ?? undefined)));
  }

  addKind(kind: string): void {
    this.#kinds.push(kind);
  }

  addRun(run: RunRef): void {
    this.#runs.push(run);
  }

  /** Calls `each` for every record in `bytes`, which must hold exactly `count` of them. */
  read(bytes: Uint8Array, count: number, each: (session: DecodedSession) => void): void {
    let at = 0;
    const end = bytes.byteLength;
    const varint = (): number => {
      // The first four groups (28 bits) by shifts; longer numbers go on in floating point.
      let value = 0;
      for (let shift = 0; shift < 28; shift += 7) {
        if (at >= end) throw new PartialFormatError('a session record is cut short');
        const byte = bytes[at++]!;
        value |= (byte & 127) << shift;
        if (byte < 128) return value;
      }
      let scale = 2 ** 28;
      for (let length = 4; length < 8; length += 1) {
        if (at >= end) throw new PartialFormatError('a session record is cut short');
        const byte = bytes[at++]!;
        value += (byte & 127) * scale;
        if (byte < 128) return value;
        scale *= 128;
      }
      throw new PartialFormatError('a session record holds a number that is too long');
    };
    for (let n = 0; n < count; n += 1) {
      if (at + 17 > end) throw new PartialFormatError('a session record is cut short');
      const idAt = at;
      at += 16;
      const config = this.#configs[varint()];
      if (!config) throw new PartialFormatError('a session record names a configuration not defined before it');
      const flags = varint();
      if (Math.floor(flags / 4) >= OUTCOMES.length) throw new PartialFormatError('a session record has unknown flags');
      let installAt = -1;
      if (flags & HAS_INSTALL) {
        if (at + 16 > end) throw new PartialFormatError('a session record is cut short');
        installAt = at;
        at += 16;
      }
      const startedMs = this.#baseMs + varint();
      const endedMs = startedMs + varint();
      if (endedMs > MAX_TIME_MS) throw new PartialFormatError('a session record holds a time out of range');
      const logLines = varint();
      const summary = new CompactSummary(config, bytes, idAt, installAt, startedMs, endedMs, logLines, varint());
      const outcome = OUTCOMES[Math.floor(flags / 4)];
      if (outcome) summary.outcome = outcome;
      const runNumber = varint();
      let run: RunRef | null = null;
      if (runNumber > 0) {
        run = this.#runs[runNumber - 1] ?? null;
        if (!run) throw new PartialFormatError('a session record names a run not defined before it');
      }
      if (flags & HAS_KINDS) {
        const kinds: Record<string, number> = {};
        const kindCount = varint();
        for (let k = 0; k < kindCount; k += 1) {
          const kind = this.#kinds[varint()];
          if (kind === undefined)
            throw new PartialFormatError('a session record names an error kind not defined before it');
          kinds[kind] = varint();
        }
        summary.error_kinds = kinds;
      }
      each({ summary, run });
    }
    if (at !== end) throw new PartialFormatError('a chunk of session records holds more bytes than its count says');
  }
}

/** A JSON object (not an array or null): what a stored format's entries must be. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const nullableString = (value: unknown) => value === null || typeof value === 'string';

/** A configuration entry: one string or null per configuration field of the schema, a string where a summary must have one. */
export function configTuple(value: unknown): ConfigTuple {
  if (
    !Array.isArray(value) ||
    value.length !== CONFIG_FIELDS.length ||
    !CONFIG_FIELDS.every((field) =>
      field.required && field.parentRequired
        ? typeof value[field.slot] === 'string'
        : nullableString(value[field.slot]),
    )
  ) {
    throw new PartialFormatError(`a configuration entry is not ${CONFIG_FIELDS.length} strings or nulls`);
  }
  return value as ConfigTuple;
}

export function runRef(value: unknown): RunRef {
  if (
    !isRecord(value) ||
    !Number.isSafeInteger(value['id']) ||
    typeof value['url'] !== 'string' ||
    !nullableString(value['branch'])
  ) {
    throw new PartialFormatError('a run entry is not {id, url, branch}');
  }
  return { id: value['id'] as number, url: value['url'], branch: value['branch'] };
}
