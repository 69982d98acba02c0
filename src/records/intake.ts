// Reads every source, parses each record, screens it for private data,
// validates it, drops what falls outside the window and counts each session
// once. Bad input is counted under a reason, never thrown; a run limit stops
// reading and says so.

import { RUN_MAX_ARTIFACTS, RUN_MAX_BYTES, RUN_MAX_RECORDS } from '../limits.ts';
import type { RunRef, Source, SourceEvent, SourceItem } from '../sources/source.ts';
import { zipEntries } from '../sources/zip-entries.ts';
import { parseRecords, recordFormatOf } from './parse-records.ts';
import { findPrivateData } from './privacy-guard.ts';
import type { SessionSummary } from './session-summary.ts';
import { safePath, validateSummary } from './validate-summary.ts';

/** Sessions may start this far after "now" before they count as clock errors. */
export const CLOCK_SKEW_MS = 10 * 60 * 1000;

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
  windowStart: Date;
  now: Date;
  onSession: (summary: SessionSummary, run: RunRef | null) => void;
  limits?: { maxInputs: number; maxBytes: number; maxRecords: number };
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
  const seen = new Set<string>();
  const windowStart = options.windowStart.getTime();
  const latestStart = options.now.getTime() + CLOCK_SKEW_MS;

  const reject = (reason: string) => {
    tally.rejected += 1;
    bump(tally.rejectedReasons, reason);
  };

  const readRecords = (item: SourceItem): void => {
    const format = recordFormatOf(item.name);
    if (format === null) {
      bump(tally.skipped, 'unsupported-file-type');
      return;
    }
    if (tally.bytesRead + item.bytes.byteLength > limits.maxBytes) {
      tally.limitReached = 'max-bytes';
      return;
    }
    tally.itemsRead += 1;
    tally.bytesRead += item.bytes.byteLength;
    for (const parsed of parseRecords(item.bytes, format)) {
      if (tally.records >= limits.maxRecords) {
        tally.limitReached = 'max-records';
        return;
      }
      tally.records += 1;
      if (!parsed.ok) {
        reject(parsed.reason);
        continue;
      }
      const finding = findPrivateData(parsed.value, safePath);
      if (finding) {
        reject('privacy');
        bump(tally.privacy, `${finding.path} ${finding.rule}`);
        continue;
      }
      const checked = validateSummary(parsed.value);
      if (!checked.ok) {
        reject(checked.reason);
        continue;
      }
      const summary = checked.summary;
      const started = Date.parse(summary.started_at);
      if (started > latestStart) {
        reject('started-in-future');
        continue;
      }
      if (started < windowStart) {
        tally.outsideWindow += 1;
        continue;
      }
      const id = summary.session_id.toLowerCase();
      if (seen.has(id)) {
        tally.duplicates += 1;
        continue;
      }
      seen.add(id);
      tally.accepted += 1;
      options.onSession(summary, item.run);
    }
  };

  const consume = async (event: SourceEvent): Promise<void> => {
    if (event.kind === 'skip') {
      bump(tally.skipped, event.reason);
      return;
    }
    if (tally.inputsRead >= limits.maxInputs) {
      tally.limitReached = 'max-artifacts';
      return;
    }
    tally.inputsRead += 1;
    if (!event.name.toLowerCase().endsWith('.zip')) {
      readRecords(event);
      return;
    }
    for await (const entry of zipEntries(event)) {
      if (entry.kind === 'skip') bump(tally.skipped, entry.reason);
      else readRecords(entry);
      if (tally.limitReached) return;
    }
  };

  for (const source of options.sources) {
    for await (const event of source.read()) {
      await consume(event);
      if (tally.limitReached) return tally;
    }
  }
  return tally;
}
