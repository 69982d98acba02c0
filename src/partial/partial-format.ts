// The partial aggregate a shard writes and the merge reads: versioned NDJSON.
//
//   {"format":"crash-report-aggregator/partial","version":1,"shard":{...},...}   header
//   {"config":[...]} {"kind":"..."} {"run":{...}}                              dictionary entries
//   {"input":{"source":0,"seq":-123}}                                          an input begins
//   {"sessions":"<base64 records>","count":N}                                  its sessions
//   {"end":{"tally":{...},"sessions":N}}                                       the shard finished
//
// Sessions are kept as records, not as sketches: a session uploaded twice can land
// in two shards, and only records let the merge count it once, exactly as a full
// run does. Inputs appear in the order a full run reads them, so the merge
// interleaves shards by input and keeps the same first copy of every session.

import { createHash } from 'node:crypto';
import { RUN_MAX_RECORDS } from '../limits.ts';
import { textLines } from '../records/parse-records.ts';
import { createDeduplicator } from '../intake/dedupe.ts';
import { FIELDS_HASH } from '../records/field-table.ts';
import type { SessionTimes } from '../intake/intake.ts';
import { sumTallies, tallyOf } from '../intake/tally.ts';
import type { IntakeTally } from '../intake/tally.ts';
import type { SessionSummary } from '../records/session-summary.ts';
import type { Settings } from '../settings.ts';
import type { Shard } from '../sources/shard.ts';
import type { RunRef } from '../sources/source.ts';
import {
  configTuple,
  isRecord,
  PartialFormatError,
  runRef,
  SessionRecordReader,
  SessionRecordWriter,
} from '../records/session-records.ts';
import type { DecodedSession } from '../records/session-records.ts';

export const PARTIAL_FORMAT = 'crash-report-aggregator/partial';
/** The format's own version, then the field table's: a partial of another schema is refused, never misread. */
export const PARTIAL_VERSION = `2-${FIELDS_HASH}`;
/** Records are written in chunks of about this many bytes (before base64). */
export const CHUNK_BYTES = 1024 * 1024;
/** The longest line a partial holds: a chunk of records in base64, with room for its count and a record past the chunk. */
const PARTIAL_LINE_MAX = 2 * CHUNK_BYTES;

/** The lines of a partial from its bytes, read as they are asked for; a line that is not UTF-8 makes it unreadable. */
export async function* partialLines(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<string> {
  const stream = (async function* () {
    for await (const chunk of chunks) yield chunk;
  })();
  for await (const line of textLines(stream, PARTIAL_LINE_MAX)) {
    if (line === null) throw new PartialFormatError('a line is not UTF-8');
    yield line;
  }
}

export interface PartialHeader {
  format: typeof PARTIAL_FORMAT;
  version: typeof PARTIAL_VERSION;
  shard: Shard;
  now: string;
  windowStart: string;
  lookbackDays: number;
  /** Fingerprint of the settings that decide which sessions are read; every shard must agree. */
  intake: string;
}

/** Where an input sits in a full run's reading order: by source, then by `seq`. */
export interface InputKey {
  source: number;
  seq: number;
}

function before(a: InputKey, b: InputKey): boolean {
  return a.source < b.source || (a.source === b.source && a.seq < b.seq);
}

/** The settings that decide which records a run reads and how it reads them. */
export function intakeFingerprint(settings: Settings): string {
  const relevant = {
    artifactNames: settings.artifactNames,
    paths: settings.paths,
    lookbackDays: settings.lookbackDays,
    format: settings.format,
    appName: settings.appName,
    appVersion: settings.appVersion,
    logPattern: settings.logPattern.source,
    trustForks: settings.trustForks,
    workflows: settings.workflows,
    branches: settings.branches,
  };
  return createHash('sha256').update(JSON.stringify(relevant)).digest('hex').slice(0, 16);
}

export interface PartialWriter {
  /** Inputs must begin in reading order. */
  beginInput(key: InputKey): void;
  add(summary: SessionSummary, run: RunRef | null, times: SessionTimes): void;
  end(tally: IntakeTally): void;
  readonly sessions: number;
}

/** Writes a partial as lines handed to `emit` (without the newline). */
export function createPartialWriter(header: PartialHeader, emit: (line: string) => void): PartialWriter {
  const records = new SessionRecordWriter(Date.parse(header.windowStart));
  let current: InputKey | null = null;
  let announced = false;
  let sessions = 0;

  const flush = () => {
    const dictionary = records.takeDictionary();
    for (const config of dictionary.configs) emit(JSON.stringify({ config }));
    for (const kind of dictionary.kinds) emit(JSON.stringify({ kind }));
    for (const run of dictionary.runs) emit(JSON.stringify({ run }));
    if (records.count === 0) return;
    const { bytes, count } = records.takeRecords();
    emit(
      JSON.stringify({
        sessions: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
        count,
      }),
    );
  };

  emit(JSON.stringify(header));
  return {
    beginInput(key) {
      if (current && !before(current, key))
        throw new Error(`Inputs out of reading order: ${JSON.stringify(key)} after ${JSON.stringify(current)}`);
      flush();
      current = key;
      announced = false;
    },
    add(summary, run, times) {
      if (!current) throw new Error('A session was added before its input began');
      if (!announced) {
        emit(JSON.stringify({ input: current }));
        announced = true;
      }
      records.add(summary, run, times);
      sessions += 1;
      if (records.byteLength >= CHUNK_BYTES) flush();
    },
    end(tally) {
      flush();
      emit(JSON.stringify({ end: { tally, sessions } }));
    },
    get sessions() {
      return sessions;
    },
  };
}

export interface PartialInput {
  /** Shown in errors: a path. */
  name: string;
  lines: AsyncIterable<string>;
}

type Line =
  | { kind: 'input'; key: InputKey }
  | { kind: 'end'; tally: IntakeTally; sessions: number }
  | { kind: 'sessions'; bytes: Uint8Array; count: number }
  | { kind: 'dictionary' };

/** Reads one partial, line by line: dictionary lines go straight into its record reader. */
class PartialCursor {
  readonly name: string;
  readonly header: PartialHeader;
  readonly #lines: AsyncIterator<string>;
  readonly #records: SessionRecordReader;
  /** The input whose sessions come next; null once the end line was read. */
  next: InputKey | null = null;
  last: InputKey | null = null;
  end: { tally: IntakeTally; sessions: number } | null = null;
  read = 0;

  constructor(name: string, header: PartialHeader, lines: AsyncIterator<string>) {
    this.name = name;
    this.header = header;
    this.#lines = lines;
    this.#records = new SessionRecordReader(Date.parse(header.windowStart));
  }

  static async open(input: PartialInput): Promise<PartialCursor> {
    const lines = input.lines[Symbol.asyncIterator]();
    const first = await lines.next();
    if (first.done) throw new PartialFormatError(`${input.name} is empty`);
    let header: unknown;
    try {
      header = JSON.parse(first.value);
    } catch {
      throw new PartialFormatError(`${input.name} does not start with a JSON header`);
    }
    if (!isRecord(header) || header['format'] !== PARTIAL_FORMAT)
      throw new PartialFormatError(`${input.name} is not a crash-report-aggregator partial`);
    if (header['version'] !== PARTIAL_VERSION) {
      throw new PartialFormatError(
        `${input.name} is partial format version ${String(header['version'])}; this release reads version ${PARTIAL_VERSION} (the part after the dash follows the summary schema): write every shard's partial with the release that merges them`,
      );
    }
    const shard = header['shard'];
    if (!isRecord(shard) || !Number.isSafeInteger(shard['index']) || !Number.isSafeInteger(shard['count']))
      throw new PartialFormatError(`${input.name} names no shard`);
    if (Number.isNaN(Date.parse(String(header['windowStart']))) || Number.isNaN(Date.parse(String(header['now']))))
      throw new PartialFormatError(`${input.name} has no valid window`);
    if (!Number.isSafeInteger(header['lookbackDays']) || typeof header['intake'] !== 'string')
      throw new PartialFormatError(`${input.name} has no intake settings`);
    return new PartialCursor(input.name, header as unknown as PartialHeader, lines);
  }

  async #line(): Promise<Line | null> {
    const next = await this.#lines.next();
    if (next.done) return null;
    let value: unknown;
    try {
      value = JSON.parse(next.value);
    } catch {
      throw new PartialFormatError('a line is not JSON');
    }
    if (!isRecord(value)) throw new PartialFormatError('a line is not a JSON object');
    if ('config' in value) {
      this.#records.addConfig(configTuple(value['config']));
      return { kind: 'dictionary' };
    }
    if ('kind' in value) {
      if (typeof value['kind'] !== 'string') throw new PartialFormatError('an error kind entry is not a string');
      this.#records.addKind(value['kind']);
      return { kind: 'dictionary' };
    }
    if ('run' in value) {
      this.#records.addRun(runRef(value['run']));
      return { kind: 'dictionary' };
    }
    if ('input' in value) {
      const key = value['input'];
      if (!isRecord(key) || !Number.isSafeInteger(key['source']) || !Number.isSafeInteger(key['seq']))
        throw new PartialFormatError('an input line has no source and seq');
      return { kind: 'input', key: { source: key['source'] as number, seq: key['seq'] as number } };
    }
    if ('sessions' in value) {
      if (
        typeof value['sessions'] !== 'string' ||
        !Number.isSafeInteger(value['count']) ||
        (value['count'] as number) < 1
      )
        throw new PartialFormatError('a sessions line has no records or count');
      return { kind: 'sessions', bytes: Buffer.from(value['sessions'], 'base64'), count: value['count'] as number };
    }
    if ('end' in value) {
      const end = value['end'];
      if (!isRecord(end) || !Number.isSafeInteger(end['sessions']))
        throw new PartialFormatError('the end line has no session count');
      return { kind: 'end', tally: tallyOf(end['tally']), sessions: end['sessions'] as number };
    }
    throw new PartialFormatError(`a line of an unknown kind (${Object.keys(value).slice(0, 3).join(', ')})`);
  }

  /**
   * Reads up to the next input line or the end line; the sessions met on the way
   * belong to the input before and go to `each` (none may come before the first input).
   */
  async pump(each: ((session: DecodedSession) => void) | null): Promise<void> {
    this.next = null;
    for (;;) {
      const line = await this.#line();
      if (line === null)
        throw new PartialFormatError('it ends without its end line: the shard did not finish writing it');
      if (line.kind === 'dictionary') continue;
      if (line.kind === 'sessions') {
        if (!each) throw new PartialFormatError('sessions come before the first input');
        this.#records.read(line.bytes, line.count, each);
        this.read += line.count;
        continue;
      }
      if (line.kind === 'input') {
        if (this.last && !before(this.last, line.key))
          throw new PartialFormatError('its inputs are out of reading order');
        this.next = line.key;
        this.last = line.key;
        return;
      }
      this.end = { tally: line.tally, sessions: line.sessions };
      if (!(await this.#lines.next()).done) throw new PartialFormatError('lines follow its end line');
      if (this.read !== line.sessions)
        throw new PartialFormatError(`its end line counts ${line.sessions} sessions but it holds ${this.read}`);
      return;
    }
  }
}

export class PartialMergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PartialMergeError';
  }
}

export interface MergeOptions {
  partials: PartialInput[];
  /** Sessions that started before this are outside the merge's window. */
  windowStart: Date;
  lookbackDays: number;
  onSession: (summary: SessionSummary, run: RunRef | null, times: SessionTimes) => void;
}

/**
 * Reads every shard's partial and hands on each session a full run over the same
 * inputs would have accepted, in the same order; returns the combined tally.
 */
export async function mergePartials(options: MergeOptions): Promise<{ tally: IntakeTally; shards: number }> {
  if (options.partials.length === 0) throw new PartialMergeError('No partial to merge.');
  const cursors: PartialCursor[] = [];
  for (const partial of options.partials) {
    try {
      cursors.push(await PartialCursor.open(partial));
    } catch (error) {
      throw new PartialMergeError(
        error instanceof PartialFormatError ? error.message : `${partial.name}: ${String(error)}`,
      );
    }
  }
  const first = cursors[0]!.header;
  const count = first.shard.count;
  const indexes = new Map<number, string>();
  for (const cursor of cursors) {
    const { shard, intake, lookbackDays } = cursor.header;
    if (shard.count !== count)
      throw new PartialMergeError(
        `${cursor.name} is shard ${shard.index}/${shard.count}, but ${cursors[0]!.name} is one of ${count}: every partial must come from the same matrix.`,
      );
    if (shard.index < 1 || shard.index > count)
      throw new PartialMergeError(`${cursor.name} names shard ${shard.index} of ${count}.`);
    const twin = indexes.get(shard.index);
    if (twin) throw new PartialMergeError(`${cursor.name} and ${twin} are both shard ${shard.index}/${count}.`);
    indexes.set(shard.index, cursor.name);
    if (intake !== first.intake)
      throw new PartialMergeError(
        `${cursor.name} was read with other settings than ${cursors[0]!.name} (artifact-name, path, lookback-days, format, app-name, app-version, log-pattern, trust-forks, workflows and branches must match).`,
      );
    if (lookbackDays !== options.lookbackDays)
      throw new PartialMergeError(
        `${cursor.name} was read with lookback-days ${lookbackDays}; this run's is ${options.lookbackDays}.`,
      );
  }
  const missing = Array.from({ length: count }, (_, index) => index + 1).filter((index) => !indexes.has(index));
  if (missing.length > 0)
    throw new PartialMergeError(
      `Shard(s) ${missing.join(', ')} of ${count} are missing: merging without them would undercount every group.`,
    );

  const windowStart = options.windowStart.getTime();
  const seen = createDeduplicator(RUN_MAX_RECORDS);
  let accepted = 0;
  let duplicates = 0;
  let outsideWindow = 0;
  const each = ({ summary, run }: DecodedSession) => {
    if (summary.startedMs < windowStart) {
      outsideWindow += 1;
      return;
    }
    if (!seen.first(summary)) {
      duplicates += 1;
      return;
    }
    accepted += 1;
    options.onSession(summary, run, summary);
  };

  const guarded = async (cursor: PartialCursor, step: () => Promise<void>) => {
    try {
      await step();
    } catch (error) {
      if (error instanceof PartialFormatError) throw new PartialMergeError(`${cursor.name}: ${error.message}`);
      throw error;
    }
  };
  for (const cursor of cursors) await guarded(cursor, () => cursor.pump(null));
  for (;;) {
    let soonest: PartialCursor | null = null;
    for (const cursor of cursors) if (cursor.next && (!soonest || before(cursor.next, soonest.next!))) soonest = cursor;
    if (!soonest) break;
    const cursor = soonest;
    await guarded(cursor, () => cursor.pump(each));
  }

  const tally = sumTallies(cursors.map((cursor) => cursor.end!.tally));
  // Each shard counted its own first copies; the merge keeps the first across shards.
  tally.accepted = accepted;
  tally.duplicates += duplicates;
  tally.outsideWindow += outsideWindow;
  return { tally, shards: count };
}
