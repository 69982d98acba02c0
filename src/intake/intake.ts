// Reads every source, parses each record, screens it for private data,
// validates it, drops what falls outside the window and counts each session
// once. Bad input is counted under a reason, never thrown; a run limit stops
// reading and says so.

import { RECORD_MAX_BYTES } from '../limits.ts';
import type { RunRef, Source, SourceEvent, SourceItem } from '../sources/source.ts';
import { zipEntries } from './zip-entries.ts';
import { createHash } from 'node:crypto';
import { adaptRecord, summaryFromLog } from './formats/adapt-record.ts';
import type { AdapterSettings } from './formats/adapt-record.ts';
import { readLog } from './formats/session-log.ts';
import { createDeduplicator } from './dedupe.ts';
import { DEFAULT_LIMITS, defaultAdapter } from './intake-defaults.ts';
import type { RunLimits } from './intake-defaults.ts';
import {
  blankLine,
  decode,
  eachLine,
  LEAVE_LINE,
  lineBlocks,
  parseLine,
  parseRecords,
  STOP_READING,
} from '../records/parse-records.ts';
import { recordFormatOf } from '../sources/file-kinds.ts';
import { SummaryScanner } from '../records/fast-path/summary-scanner.ts';
import { CLOCK_REASON, InputCapture, eachStoredSession } from './input-result.ts';
import type { InputResult } from './input-result.ts';
import { addTally, bump, emptyTally } from './tally.ts';
import type { IntakeTally } from './tally.ts';
import type { ParsedRecord } from '../records/parse-records.ts';
import { findPrivateData } from '../records/privacy-guard.ts';
import type { SessionSummary } from '../records/session-summary.ts';
import { KNOWN_SEGMENTS, safePath, validateSummary } from '../records/validate-summary.ts';

/** Sessions may start this far after "now" before they count as clock errors. */
export const CLOCK_SKEW_MS = 10 * 60 * 1000;

export interface SessionTimes {
  startedMs: number;
  endedMs: number;
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
  limits?: RunLimits;
  /** False leaves duplicates to the caller (worker threads: the main thread sees every session). */
  dedupe?: boolean;
  /** Results kept across runs, by input key: a held input is replayed from it, a keyed one read is handed to it. */
  cache?: InputCache;
  /** False reads every line the full way (JSON.parse, privacy guard, ajv): parity tests run both ways. True by default. */
  fastPath?: boolean;
}

/**
 * Results of reading inputs, kept across runs by the inputs' keys (the artifact
 * state is one): intake asks it for the inputs a source says are held, and hands
 * it the result of each keyed input it reads whole.
 */
export interface InputCache {
  /** The result kept for this key, or null. */
  take(key: string): InputResult | null;
  put(key: string, result: InputResult): void;
}

export async function intake(options: IntakeOptions): Promise<IntakeTally> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const tally = emptyTally();
  const dedupe = options.dedupe ?? true;
  const seen = dedupe ? createDeduplicator(limits.maxRecords) : null;
  const windowStart = options.windowStart.getTime();
  const latestStart = options.now.getTime() + CLOCK_SKEW_MS;

  const reject = (reason: string) => {
    tally.rejected += 1;
    bump(tally.rejectedReasons, reason);
  };

  const adapter: AdapterSettings = options.adapter ?? defaultAdapter();

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
    capture?.add(checked.summary, run, checked);
    admit(checked.summary, run, checked);
  };

  /** A valid summary: counted once if it started inside the window and not in the future. */
  const admit = (summary: SessionSummary, run: RunRef | null, times: SessionTimes): void => {
    const startedMs = times.startedMs;
    if (startedMs > latestStart) {
      reject(CLOCK_REASON);
      return;
    }
    if (startedMs < windowStart) {
      tally.outsideWindow += 1;
      return;
    }
    if (seen && !seen.first(summary)) {
      tally.duplicates += 1;
      return;
    }
    tally.accepted += 1;
    options.onSession(summary, run, times);
  };

  /** Collects the result of the input being read, when its source keeps results. */
  let capture: InputCapture | null = null;

  /** An input read in an earlier run: its counts, then its sessions as if read now. */
  const replay = (result: InputResult): void => {
    if (tally.records + result.tally.records > limits.maxRecords) {
      tally.limitReached = 'max-records';
      return;
    }
    if (tally.bytesRead + result.tally.bytesRead > limits.maxBytes) {
      tally.limitReached = 'max-bytes';
      return;
    }
    addTally(tally, result.tally);
    eachStoredSession(result, admit);
  };

  // Plain session summaries are read straight from their bytes; any other line takes the full way.
  const scanner =
    options.fastPath !== false && (adapter.format === 'auto' || adapter.format === 'session-summary')
      ? new SummaryScanner()
      : null;

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

  /** A summary the scanner read: counted and admitted. False once the limit stops reading. */
  const takeScanned = (summary: SessionSummary & SessionTimes, run: RunRef | null): boolean => {
    if (!countRecord()) return false;
    capture?.add(summary, run, summary);
    admit(summary, run, summary);
    return true;
  };

  /** One NDJSON line the full way, counted and read. False once the limit stops reading. */
  const takeLine = (bytes: Uint8Array, start: number, end: number, run: RunRef | null): boolean => {
    if (end - start > RECORD_MAX_BYTES) return take({ ok: false, reason: 'record-too-large' }, run);
    if (blankLine(bytes, start, end)) return true;
    return take(parseLine(bytes, start, end)!, run);
  };

  /**
   * Every line of NDJSON bytes. The scanner reads each line from its start and
   * finds the line's end on the way; only the lines it leaves (not plain
   * summaries, or too large) are searched for their newline and go the full way.
   */
  const takeLines = (bytes: Uint8Array, run: RunRef | null): boolean => {
    const sink = (block: Uint8Array, start: number, end: number) => takeLine(block, start, end, run);
    if (!scanner) return eachLine(bytes, sink);
    return eachLine(bytes, sink, (block, start) => {
      const summary = scanner.scanLine(block, start);
      if (!summary || scanner.lineEnd - start > RECORD_MAX_BYTES) return LEAVE_LINE;
      return takeScanned(summary, run) ? scanner.lineEnd : STOP_READING;
    });
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
    if (item.stream && format === 'jsonl') {
      for await (const block of lineBlocks(item.stream())) if (!takeLines(block, item.run)) return;
      return;
    }
    if (format === 'jsonl') {
      takeLines(item.bytes, item.run);
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
    if (event.kind === 'held' || !event.continued) {
      if (tally.inputsRead >= limits.maxInputs) {
        tally.limitReached = 'max-artifacts';
        return;
      }
      tally.inputsRead += 1;
      position += 1;
      options.onInput?.({ source, seq: event.seq ?? position });
    }
    if (event.kind === 'held') {
      const result = options.cache?.take(event.key) ?? null;
      if (result) replay(result);
      else bump(tally.skipped, 'held-result-missing');
      return;
    }
    const cache = options.cache;
    const key = event.key;
    capture = cache && key !== undefined ? new InputCapture(tally) : null;
    await readInput(event);
    // A result cut short by a run limit is not kept.
    if (capture && !tally.limitReached) cache!.put(key!, capture.finish(tally));
    capture = null;
  };

  const readInput = async (event: SourceItem): Promise<void> => {
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
