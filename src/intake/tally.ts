// What intake counts: inputs, records, rejections by reason, and what was
// accepted. Tallies of disjoint parts of the input add up.

import { isRecord, PartialFormatError } from '../records/session-records.ts';

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

export function bump(counts: Record<string, number>, key: string): void {
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

export const TALLY_COUNTS = [
  'inputsRead',
  'itemsRead',
  'bytesRead',
  'records',
  'accepted',
  'rejected',
  'duplicates',
  'outsideWindow',
] as const;
export const TALLY_MAPS = ['skipped', 'rejectedReasons', 'privacy'] as const;

/** Adds the counts of `tally` to `total`; the first limit reached is kept. */
export function addTally(total: IntakeTally, tally: IntakeTally): void {
  for (const name of TALLY_COUNTS) total[name] += tally[name];
  for (const name of TALLY_MAPS)
    for (const [key, count] of Object.entries(tally[name])) total[name][key] = (total[name][key] ?? 0) + count;
  total.limitReached ??= tally.limitReached;
}

/** Tallies of disjoint parts of the input, added up; the first limit reached is kept. */
export function sumTallies(tallies: IntakeTally[]): IntakeTally {
  const total = emptyTally();
  for (const tally of tallies) addTally(total, tally);
  return total;
}

/** Says which run limit stopped reading, and what the figures cover. */
export function limitMessage(tally: IntakeTally): string {
  return (
    `Stopped reading at the run limit "${tally.limitReached}": the figures cover the ${tally.inputsRead} input(s), ` +
    `${tally.records} record(s) and ${tally.bytesRead} byte(s) read before it; the rest was not read.`
  );
}

/** A tally read back from a partial or the state, checked field by field. */
export function tallyOf(value: unknown): IntakeTally {
  if (!isRecord(value)) throw new PartialFormatError('the end line carries no tally');
  for (const name of TALLY_COUNTS) {
    if (!Number.isSafeInteger(value[name]) || (value[name] as number) < 0)
      throw new PartialFormatError(`the tally's ${name} is not a count`);
  }
  for (const name of TALLY_MAPS) {
    const map = value[name];
    if (!isRecord(map) || !Object.values(map).every((count) => Number.isSafeInteger(count) && (count as number) >= 0)) {
      throw new PartialFormatError(`the tally's ${name} is not a map of counts`);
    }
  }
  const limit = value['limitReached'];
  if (limit !== null && limit !== 'max-artifacts' && limit !== 'max-bytes' && limit !== 'max-records')
    throw new PartialFormatError("the tally's limitReached is unknown");
  return value as unknown as IntakeTally;
}
