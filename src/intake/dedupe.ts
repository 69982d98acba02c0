// The one deduplicator: a session uploaded twice (a re-run, an artifact read by
// two shards) counts once, the first copy in reading order. Used by the intake on
// one thread, by the main thread over worker threads, and by the merge of partials.

import { CompactSummary } from '../records/compact-summary.ts';
import type { SessionSummary } from '../records/session-summary.ts';
import { PackedUuidSet } from '../uuid/packed-uuid-set.ts';

export interface Deduplicator {
  /** Whether this is the first sighting of the summary's session ID (then it is remembered). */
  first(summary: SessionSummary): boolean;
}

/** A deduplicator for up to `capacity` sessions (the run's record limit). */
export function createDeduplicator(capacity: number): Deduplicator {
  const seen = new PackedUuidSet(capacity);
  return {
    first: (summary) =>
      summary instanceof CompactSummary ? seen.addBytes(summary.bytes, summary.idAt) : seen.add(summary.session_id),
  };
}
