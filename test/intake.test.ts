import assert from 'node:assert/strict';
import { test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { intake } from '../src/intake/intake.ts';
import type { SessionSummary } from '../src/records/session-summary.ts';
import type { RunRef, Source, SourceEvent } from '../src/sources/source.ts';

function source(events: SourceEvent[]): Source {
  return {
    describe: () => 'memory',
    read: async function* () {
      yield* events;
    },
  };
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
  const lines = [
    inWindow,
    summary(2, '2026-04-01T00:00:00Z'),
    summary(3, '2026-05-11T00:00:00Z'),
    summary(4, '2026-05-10T12:05:00Z'),
  ]
    .map((row) => JSON.stringify(row))
    .concat(['{oops'])
    .join('\n');
  const zip = zipSync({
    'x.jsonl': strToU8(lines),
    'dup.json': strToU8(JSON.stringify([upper])),
    'readme.md': strToU8('hi'),
  });
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
    inputsRead: 1,
    itemsRead: 2,
    bytesRead: lines.length + JSON.stringify([upper]).length,
    skipped: { 'artifact-expired': 1, 'unsupported-file-type': 1 },
    records: 6,
    accepted: 2,
    rejected: 2,
    rejectedReasons: { 'started-in-future': 1, 'invalid-json': 1 },
    privacy: {},
    duplicates: 1,
    outsideWindow: 1,
    limitReached: null,
  });
});

const ndjson = (rows: unknown[]) => new TextEncoder().encode(rows.map((row) => JSON.stringify(row)).join('\n'));
const file = (name: string, rows: unknown[]): SourceEvent => ({
  kind: 'item',
  origin: name,
  name,
  bytes: ndjson(rows),
  run: null,
});

test('private data is rejected under "privacy" with only the field path and rule kept', async () => {
  const ok = summary(1, '2026-05-09T00:00:00Z');
  const tally = await intake({
    sources: [
      source([
        file('a.jsonl', [
          ok,
          { ...summary(2, '2026-05-09T00:00:00Z'), os: { platform: 'linux', version: '192.168.10.4' } },
          { ...summary(3, '2026-05-09T00:00:00Z'), contact: 'jane.doe@example.org' },
          { ...summary(4, '2026-05-09T00:00:00Z'), error_kinds: { ghp_abcdefghijklmnopqrstuvwxyz0123456789: 1 } },
        ]),
      ]),
    ],
    windowStart: new Date('2026-05-03T12:00:00Z'),
    now,
    onSession: () => {},
  });
  assert.equal(tally.accepted, 1);
  assert.deepEqual(tally.rejectedReasons, { privacy: 3 });
  assert.deepEqual(tally.privacy, { '/os/version ipv4': 1, '/* email': 1, '/error_kinds/* github-token': 1 });
  assert.doesNotMatch(JSON.stringify(tally), /192\.168|jane|ghp_/);
});

test('a run limit stops reading, says which, and keeps what was read', async () => {
  const rows = Array.from({ length: 10 }, (_, i) => summary(10 + i, '2026-05-09T00:00:00Z'));
  const base = { windowStart: new Date('2026-05-03T12:00:00Z'), now, onSession: () => {} };
  const events = [file('a.jsonl', rows.slice(0, 4)), file('b.jsonl', rows.slice(4, 8)), file('c.jsonl', rows.slice(8))];
  const byRecords = await intake({
    ...base,
    sources: [source(events)],
    limits: { maxInputs: 10, maxBytes: 1e9, maxRecords: 6 },
  });
  assert.deepEqual([byRecords.accepted, byRecords.records, byRecords.limitReached], [6, 6, 'max-records']);
  const byInputs = await intake({
    ...base,
    sources: [source(events)],
    limits: { maxInputs: 2, maxBytes: 1e9, maxRecords: 100 },
  });
  assert.deepEqual([byInputs.accepted, byInputs.inputsRead, byInputs.limitReached], [8, 2, 'max-artifacts']);
  const byBytes = await intake({
    ...base,
    sources: [source(events)],
    limits: { maxInputs: 10, maxBytes: ndjson(rows.slice(0, 4)).byteLength + 10, maxRecords: 100 },
  });
  assert.deepEqual([byBytes.accepted, byBytes.itemsRead, byBytes.limitReached], [4, 1, 'max-bytes']);
});

test('a plain summary padded past the record limit is refused as too large, and the lines around it still count', async () => {
  const plain = (id: number) => JSON.stringify(summary(id, '2026-05-09T00:00:00Z'));
  // Valid JSON and a valid summary, only longer than one record may be.
  const padded = plain(2).replace('"log_lines"', `${' '.repeat(64 * 1024)}"log_lines"`);
  const text = [plain(1), padded, plain(3)].join('\n');
  const seen: string[] = [];
  const tally = await intake({
    sources: [source([{ kind: 'item', origin: 'file', name: 'x.jsonl', bytes: strToU8(text), run: null }])],
    windowStart: new Date('2026-05-03T12:00:00Z'),
    now,
    onSession: (accepted) => seen.push(accepted.session_id),
  });
  assert.deepEqual(seen, [
    summary(1, '2026-05-09T00:00:00Z').session_id,
    summary(3, '2026-05-09T00:00:00Z').session_id,
  ]);
  assert.equal(tally.records, 3);
  assert.deepEqual(tally.rejectedReasons, { 'record-too-large': 1 });
});

test('the fast-path switch: on, plain NDJSON summaries are read from their bytes; off, every line is parsed the full way', async () => {
  const line = JSON.stringify(summary(1, '2026-05-10T10:00:00.000Z'));
  const kinds = async (fastPath: boolean) => {
    const seen: string[] = [];
    const tally = await intake({
      sources: [
        source([
          {
            kind: 'item',
            origin: 'a.jsonl',
            name: 'a.jsonl',
            bytes: strToU8(`${line}\n${line.replace('-000000000001', '-000000000002')}\n`),
            run: null,
          },
        ]),
      ],
      windowStart: new Date('2026-05-04T00:00:00Z'),
      now,
      fastPath,
      onSession: (session) => seen.push(session.constructor.name),
    });
    assert.equal(tally.accepted, 2);
    return seen;
  };
  assert.deepEqual(await kinds(true), ['CompactSummary', 'CompactSummary']);
  assert.deepEqual(await kinds(false), ['Object', 'Object']);
});
