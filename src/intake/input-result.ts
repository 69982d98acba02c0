// What reading one input gives, apart from the run that reads it: its counts
// (records, rejections by reason, bytes) and every valid session in reading
// order, as compact records. What depends on the run (its window, its clock,
// the sessions other inputs already brought) is left out, so a later run can
// take this instead of downloading and reading the input again, and count
// exactly what reading it would have counted.

import { SessionRecordReader, SessionRecordWriter } from '../records/session-records.ts';
import type { ConfigTuple } from '../records/session-records.ts';
import type { SessionSummary } from '../records/session-summary.ts';
import type { RunRef } from '../sources/source.ts';
import { emptyTally, TALLY_COUNTS, TALLY_MAPS } from './tally.ts';
import type { IntakeTally } from './tally.ts';

/** A rejection that depends on the run's clock: decided again when the result is used. */
export const CLOCK_REASON = 'started-in-future';

export interface InputResult {
  /** The input's own counts; accepted, duplicates and clock rejections are left to the run using it. */
  tally: IntakeTally;
  /** Every valid session (records of SessionRecordWriter with base 0). */
  records: Uint8Array;
  count: number;
  dictionary: { configs: ConfigTuple[]; kinds: string[]; runs: RunRef[] };
}

/** Collects one input's result while intake reads it. */
export class InputCapture {
  readonly #before: IntakeTally;
  readonly #records = new SessionRecordWriter(0);
  /** Sessions before 1970: outside every window a run can have, and not encodable from base 0. */
  #ancient = 0;

  constructor(tally: IntakeTally) {
    this.#before = structuredClone(tally);
  }

  add(summary: SessionSummary, run: RunRef | null, times: { startedMs: number; endedMs: number }): void {
    if (times.startedMs < 0) this.#ancient += 1;
    else this.#records.add(summary, run, times);
  }

  /** The result, from the tally before and after the input was read. */
  finish(after: IntakeTally): InputResult {
    const tally = emptyTally();
    for (const name of TALLY_COUNTS) tally[name] = after[name] - this.#before[name];
    for (const name of TALLY_MAPS) {
      for (const [key, count] of Object.entries(after[name])) {
        const added = count - (this.#before[name][key] ?? 0);
        if (added > 0) tally[name][key] = added;
      }
    }
    const clock = tally.rejectedReasons[CLOCK_REASON] ?? 0;
    delete tally.rejectedReasons[CLOCK_REASON];
    tally.rejected -= clock;
    tally.inputsRead = 0;
    tally.accepted = 0;
    tally.duplicates = 0;
    tally.outsideWindow = this.#ancient;
    const { bytes, count } = this.#records.takeRecords();
    return { tally, records: bytes, count, dictionary: this.#records.takeDictionary() };
  }
}

/** Every session of a result, in reading order; malformed records throw PartialFormatError. */
export function eachStoredSession(
  result: InputResult,
  each: (summary: SessionSummary, run: RunRef | null, times: { startedMs: number; endedMs: number }) => void,
): void {
  const reader = new SessionRecordReader(0);
  for (const config of result.dictionary.configs) reader.addConfig(config);
  for (const kind of result.dictionary.kinds) reader.addKind(kind);
  for (const run of result.dictionary.runs) reader.addRun(run);
  reader.read(result.records, result.count, ({ summary, run }) => each(summary, run, summary));
}
