import assert from 'node:assert/strict';
import { test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { intake } from '../src/records/intake.ts';
import type { SessionSummary } from '../src/records/session-summary.ts';
import type { RunRef, Source, SourceEvent } from '../src/sources/source.ts';

function source(events: SourceEvent[]): Source {
  return { describe: () => 'memory', read: async function* () { yield* events; } };
}

const now = new Date('2026-05-10T12:00:00Z');
function summary(id: number, startedAt: string): SessionSummary {
  return {
    schema_version: 1,
    session_id: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
    app: { name: 'a', version: '1' },
    os: { platform: 'linux' },
    started_at: startedAt,
    ended_at: new Date(Date.parse(startedAt) + 1000).toISOString(),
    log_lines: 1,
    error_lines: 0,
  };
}

test('counts every record once under exactly one outcome', async () => {
  const run: RunRef = { id: 5, branch: 'main', url: 'u' };
  const inWindow = summary(1, '2026-05-09T00:00:00Z');
  const upper = { ...summary(1, '2026-05-09T00:00:00Z'), session_id: inWindow.session_id.toUpperCase() };
  const lines = [inWindow, summary(2, '2026-04-01T00:00:00Z'), summary(3, '2026-05-11T00:00:00Z'), summary(4, '2026-05-10T12:05:00Z')]
    .map((row) => JSON.stringify(row))
    .concat(['{oops'])
    .join('\n');
  const zip = zipSync({ 'x.jsonl': strToU8(lines), 'dup.json': strToU8(JSON.stringify([upper])), 'readme.md': strToU8('hi') });
  const seen: [string, RunRef | null][] = [];
  const tally = await intake({
    sources: [
      source([
        { kind: 'item', origin: 'artifact', name: '1.zip', bytes: zip, run },
        { kind: 'skip', origin: 'artifact 2', reason: 'artifact-expired' },
      ]),
    ],
    windowStart: new Date('2026-05-03T12:00:00Z'),
    now,
    onSession: (accepted, from) => seen.push([accepted.session_id, from]),
  });
  assert.deepEqual(seen, [
    [inWindow.session_id, run],
    [summary(4, '2026-05-10T12:05:00Z').session_id, run],
  ]);
  assert.deepEqual(tally, {
    itemsRead: 2,
    skipped: { 'artifact-expired': 1, 'unsupported-file-type': 1 },
    records: 6,
    accepted: 2,
    rejected: 2,
    rejectedReasons: { 'started-in-future': 1, 'invalid-json': 1 },
    duplicates: 1,
    outsideWindow: 1,
  });
});
