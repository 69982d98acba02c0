// Reads every source, parses each record, screens it for private data,
// validates it, drops what falls outside the window and counts each session
// once. Bad input is counted under a reason, never thrown; a run limit stops
// reading and says so.

import { RECORD_MAX_BYTES, RUN_MAX_ARTIFACTS, RUN_MAX_BYTES, RUN_MAX_RECORDS } from '../limits.ts';
import type { RunRef, Source, SourceEvent, SourceItem } from '../sources/source.ts';
import { zipEntries } from '../sources/zip-entries.ts';
import { createHash } from 'node:crypto';
import { UuidSet } from '../aggregate/uuid-set.ts';
import { adaptRecord, summaryFromLog } from '../formats/adapt-record.ts';
import type { AdapterSettings } from '../formats/adapt-record.ts';
import { compileLogPattern, DEFAULT_LOG_PATTERN, readLog } from '../formats/session-log.ts';
import { CompactSummary } from './compact-summary.ts';
import { blankLine, decode, eachLine, lineBlocks, parseLine, parseRecords, recordFormatOf } from './parse-records.ts';
import { SummaryScanner } from './summary-scanner.ts';
import type { ParsedRecord } from './parse-records.ts';
import { findPrivateData } from './privacy-guard.ts';
import type { SessionSummary } from './session-summary.ts';
import { KNOWN_SEGMENTS, safePath, validateSummary } from './validate-summary.ts';

/** Sessions may start this far after "now" before they count as clock errors. */
export const CLOCK_SKEW_MS = 10 * 60 * 1000;

export interface SessionTimes {
  startedMs: number;
  endedMs: number;
}

export type RunLimit = 'max-artifacts' | 'max-bytes' | 'max-records';

export interface IntakeTally {
  /** Artifacts and files taken from the sources. */
  inputsRead: number;
  /** Record files read (files, zip entries). */
  itemsRead: number;
  /** Uncompressed bytes of record files read. */
  bytesRead: number;
  /** Inputs or zip entries not read, by reason. */
  skipped: Record<string, number>;
  records: number;
  /** Valid, in-window, first-seen sessions. */
  accepted: number;
  rejected: number;
  rejectedReasons: Record<string, number>;
  /** Records rejected by the privacy guard, by "field-path rule"; values are never kept. */
  privacy: Record<string, number>;
  duplicates: number;
  outsideWindow: number;
  /** The run limit that stopped reading, if one did; the figures cover what was read. */
  limitReached: RunLimit | null;
}

export interface IntakeOptions {
  sources: Source[];
  /** Which telemetry formats to read; session summaries only when absent. */
  adapter?: AdapterSettings;
  windowStart: Date;
  now: Date;
  /** Called once per accepted session; `times` are its start and end in epoch milliseconds. */
  onSession: (summary: SessionSummary, run: RunRef | null, times: SessionTimes) => void;
  /**
   * Called before the records of each input a source yields: `source` is the
   * source's position in `sources`, `seq` the input's place in its reading order.
   */
  onInput?: (input: { source: number; seq: number }) => void;
  limits?: { maxInputs: number; maxBytes: number; maxRecords: number };
  /** False leaves duplicates to the caller (worker threads: the main thread sees every session). */
  dedupe?: boolean;
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

export function emptyTally(): IntakeTally {
  return {
    inputsRead: 0,
    itemsRead: 0,
    bytesRead: 0,
    skipped: {},
    records: 0,
    accepted: 0,
    rejected: 0,
    rejectedReasons: {},
    privacy: {},
    duplicates: 0,
    outsideWindow: 0,
    limitReached: null,
  };
}

export const TALLY_COUNTS = ['inputsRead', 'itemsRead', 'bytesRead', 'records', 'accepted', 'rejected', 'duplicates', 'outsideWindow'] as const;
export const TALLY_MAPS = ['skipped', 'rejectedReasons', 'privacy'] as const;

/** Tallies of disjoint parts of the input, added up; the first limit reached is kept. */
export function sumTallies(tallies: IntakeTally[]): IntakeTally {
  const total = emptyTally();
  for (const tally of tallies) {
    for (const name of TALLY_COUNTS) total[name] += tally[name];
    for (const name of TALLY_MAPS) for (const [key, count] of Object.entries(tally[name])) total[name][key] = (total[name][key] ?? 0) + count;
    total.limitReached ??= tally.limitReached;
  }
  return total;
}

/** Says which run limit stopped reading, and what the figures cover. */
export function limitMessage(tally: IntakeTally): string {
  return (
    `Stopped reading at the run limit "${tally.limitReached}": the figures cover the ${tally.inputsRead} input(s), ` +
    `${tally.records} record(s) and ${tally.bytesRead} byte(s) read before it; the rest was not read.`
  );
}

export async function intake(options: IntakeOptions): Promise<IntakeTally> {
  const limits = options.limits ?? { maxInputs: RUN_MAX_ARTIFACTS, maxBytes: RUN_MAX_BYTES, maxRecords: RUN_MAX_RECORDS };
  const tally = emptyTally();
  const dedupe = options.dedupe ?? true;
  const seen = new UuidSet(dedupe ? 1024 : 0, dedupe ? limits.maxRecords : 0);
  const windowStart = options.windowStart.getTime();
  const latestStart = options.now.getTime() + CLOCK_SKEW_MS;

  const reject = (reason: string) => {
    tally.rejected += 1;
    bump(tally.rejectedReasons, reason);
  };

  const adapter: AdapterSettings = options.adapter ?? { format: 'session-summary', appName: null, appVersion: null, logPattern: compileLogPattern(DEFAULT_LOG_PATTERN) };

  /** Counts one candidate record and, if it passes every check, hands it on. */
  const screen = (value: unknown, run: RunRef | null): void => {
    const adapted = adaptRecord(value, adapter);
    if (!adapted.ok) {
      if (adapted.skip) bump(tally.skipped, adapted.reason);
      else reject(adapted.reason);
      return;
    }
    const finding = findPrivateData(adapted.value, safePath, KNOWN_SEGMENTS);
    if (finding) {
      reject('privacy');
      bump(tally.privacy, `${finding.path} ${finding.rule}`);
      return;
    }
    const checked = validateSummary(adapted.value);
    if (!checked.ok) {
      reject(checked.reason);
      return;
    }
    admit(checked.summary, run, checked);
  };

  /** A valid summary: counted once if it started inside the window and not in the future. */
  const admit = (summary: SessionSummary, run: RunRef | null, times: SessionTimes): void => {
    const startedMs = times.startedMs;
    if (startedMs > latestStart) {
      reject('started-in-future');
      return;
    }
    if (startedMs < windowStart) {
      tally.outsideWindow += 1;
      return;
    }
    if (dedupe && !(summary instanceof CompactSummary ? seen.addBytes(summary.bytes, summary.idAt) : seen.add(summary.session_id))) {
      tally.duplicates += 1;
      return;
    }
    tally.accepted += 1;
    options.onSession(summary, run, times);
  };

  // Plain session summaries are read straight from their bytes; any other line takes the full way.
  const scanner = adapter.format === 'auto' || adapter.format === 'session-summary' ? new SummaryScanner() : null;

  /** Counts one more record; false (and the limit noted) when the run's record limit is reached. */
  const countRecord = (): boolean => {
    if (tally.records >= limits.maxRecords) {
      tally.limitReached = 'max-records';
      return false;
    }
    tally.records += 1;
    return true;
  };

  /** One parsed record of a file: counted, then screened or rejected. False once the limit stops reading. */
  const take = (parsed: ParsedRecord, run: RunRef | null): boolean => {
    if (!countRecord()) return false;
    if (parsed.ok) screen(parsed.value, run);
    else reject(parsed.reason);
    return true;
  };

  /** One NDJSON line, counted and read. False once the limit stops reading. */
  const takeLine = (bytes: Uint8Array, start: number, end: number, run: RunRef | null): boolean => {
    if (end - start > RECORD_MAX_BYTES) return take({ ok: false, reason: 'record-too-large' }, run);
    if (blankLine(bytes, start, end)) return true;
    const summary = scanner?.scan(bytes, start, end);
    if (!summary) return take(parseLine(bytes, start, end)!, run);
    if (!countRecord()) return false;
    admit(summary, run, summary);
    return true;
  };

  const readRecords = async (item: SourceItem): Promise<void> => {
    const fileFormat = recordFormatOf(item.name);
    // With format "log", every text file is a session log.
    const format = adapter.format === 'log' && fileFormat !== null ? 'log' : fileFormat;
    if (format === null || (format === 'log' && adapter.format !== 'auto' && adapter.format !== 'log')) {
      bump(tally.skipped, 'unsupported-file-type');
      return;
    }
    const size = item.size ?? (item.stream ? 0 : item.bytes.byteLength);
    if (tally.bytesRead + size > limits.maxBytes) {
      tally.limitReached = 'max-bytes';
      return;
    }
    if (!item.continued) tally.itemsRead += 1;
    tally.bytesRead += size;
    const sink = (bytes: Uint8Array, start: number, end: number) => takeLine(bytes, start, end, item.run);
    if (item.stream && format === 'jsonl') {
      for await (const block of lineBlocks(item.stream())) if (!eachLine(block, sink)) return;
      return;
    }
    if (format === 'jsonl') {
      eachLine(item.bytes, sink);
      return;
    }
    if (format === 'log') {
      if (!countRecord()) return;
      const text = decode(item.bytes);
      if (text === null) return reject('not-utf8');
      const figures = readLog(text, adapter.logPattern);
      if (!figures) return reject('log-without-timestamps');
      screen(summaryFromLog(figures, createHash('sha256').update(item.bytes).digest('hex'), adapter), item.run);
      return;
    }
    for (const parsed of parseRecords(item.bytes, 'json')) if (!take(parsed, item.run)) return;
  };

  let position = 0;
  const consume = async (event: SourceEvent, source: number): Promise<void> => {
    if (event.kind === 'skip') {
      bump(tally.skipped, event.reason);
      return;
    }
    if (!event.continued) {
      if (tally.inputsRead >= limits.maxInputs) {
        tally.limitReached = 'max-artifacts';
        return;
      }
      tally.inputsRead += 1;
      position += 1;
      options.onInput?.({ source, seq: event.seq ?? position });
    }
    if (!event.name.toLowerCase().endsWith('.zip')) {
      await readRecords(event);
      return;
    }
    for await (const entry of zipEntries(event)) {
      if (entry.kind === 'skip') bump(tally.skipped, entry.reason);
      else await readRecords(entry);
      if (tally.limitReached) return;
    }
  };

  for (const [index, source] of options.sources.entries()) {
    for await (const event of source.read()) {
      await consume(event, index);
      if (tally.limitReached) return tally;
    }
  }
  return tally;
}
