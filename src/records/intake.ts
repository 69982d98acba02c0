// Reads every source, parses and validates each record, drops what falls outside
// the window and counts each session once. Bad input is counted, never thrown.

import type { RunRef, Source, SourceEvent } from '../sources/source.ts';
import { zipEntries } from '../sources/zip-entries.ts';
import { parseRecords, recordFormatOf } from './parse-records.ts';
import type { SessionSummary } from './session-summary.ts';
import { validateSummary } from './validate-summary.ts';

/** Sessions may start this far after "now" before they count as clock errors. */
export const CLOCK_SKEW_MS = 10 * 60 * 1000;

export interface IntakeTally {
  /** Files, artifacts and zip entries whose bytes were read. */
  itemsRead: number;
  /** Sources or entries not read, by reason. */
  skipped: Record<string, number>;
  records: number;
  /** Valid, in-window, first-seen sessions. */
  accepted: number;
  rejected: number;
  rejectedReasons: Record<string, number>;
  duplicates: number;
  outsideWindow: number;
}

export interface IntakeOptions {
  sources: Source[];
  windowStart: Date;
  now: Date;
  onSession: (summary: SessionSummary, run: RunRef | null) => void;
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

export async function intake(options: IntakeOptions): Promise<IntakeTally> {
  const tally: IntakeTally = {
    itemsRead: 0,
    skipped: {},
    records: 0,
    accepted: 0,
    rejected: 0,
    rejectedReasons: {},
    duplicates: 0,
    outsideWindow: 0,
  };
  const seen = new Set<string>();
  const windowStart = options.windowStart.getTime();
  const latestStart = options.now.getTime() + CLOCK_SKEW_MS;

  const reject = (reason: string) => {
    tally.rejected += 1;
    bump(tally.rejectedReasons, reason);
  };

  const consume = (event: SourceEvent): void => {
    if (event.kind === 'skip') {
      bump(tally.skipped, event.reason);
      return;
    }
    if (event.name.toLowerCase().endsWith('.zip')) {
      for (const entry of zipEntries(event)) consume(entry);
      return;
    }
    const format = recordFormatOf(event.name);
    if (format === null) {
      bump(tally.skipped, 'unsupported-file-type');
      return;
    }
    tally.itemsRead += 1;
    for (const parsed of parseRecords(event.bytes, format)) {
      tally.records += 1;
      if (!parsed.ok) {
        reject(parsed.reason);
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
      options.onSession(summary, event.run);
    }
  };

  for (const source of options.sources) {
    for await (const event of source.read()) consume(event);
  }
  return tally;
}
