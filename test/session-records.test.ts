// Compact session records: whatever is written reads back the same, at every
// size a count or a time can have, from plain summaries and compact ones alike.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { SessionRecordReader, SessionRecordWriter } from '../src/records/session-records.ts';
import type { SessionSummary } from '../src/records/session-summary.ts';
import { VALID_SUMMARY } from './fixtures/valid-summary.ts';

const BASE = Date.parse('2026-11-14T00:00:00Z');
const COUNT_MAX = 1_000_000_000_000;
/** Where a 7-bit group, 31 bits or 32 bits end, and the schema's largest count. */
const EDGES = [
  0,
  1,
  127,
  128,
  16_383,
  16_384,
  2 ** 28 - 1,
  2 ** 28,
  2 ** 31 - 1,
  2 ** 31,
  2 ** 32 - 1,
  2 ** 32,
  COUNT_MAX,
];
const count = fc.oneof(fc.constantFrom(...EDGES), fc.integer({ min: 0, max: COUNT_MAX }));
const uuid = fc.uuid().map((id) => id.toUpperCase());

const session = fc.record({
  id: uuid,
  install: fc.option(uuid, { nil: undefined }),
  startOffset: fc.oneof(
    fc.constantFrom(...EDGES.filter((edge) => edge < 2 ** 40)),
    fc.integer({ min: 0, max: 2 ** 40 }),
  ),
  duration: count,
  logLines: count,
  errorLines: count,
  outcome: fc.constantFrom(undefined, 'ok' as const, 'error' as const, 'crash' as const),
  kinds: fc.option(
    fc.dictionary(fc.constantFrom('KeyError', 'OSError', 'E_FAIL'), fc.integer({ min: 1, max: COUNT_MAX }), {
      minKeys: 1,
    }),
    { nil: undefined },
  ),
});

test('records read back exactly what was written, across every varint length', () => {
  fc.assert(
    fc.property(fc.array(session, { minLength: 1, maxLength: 40 }), (sessions) => {
      const summaries = sessions.map((s): SessionSummary => ({
        ...(VALID_SUMMARY as SessionSummary),
        session_id: s.id,
        install_id: s.install,
        started_at: new Date(BASE + s.startOffset).toISOString(),
        ended_at: new Date(BASE + s.startOffset + s.duration).toISOString(),
        log_lines: s.logLines,
        error_lines: s.errorLines,
        outcome: s.outcome,
        error_kinds: s.kinds,
      }));
      const run = { id: 42, branch: 'main', url: 'https://example.invalid/runs/42' };
      const write = (
        writer: SessionRecordWriter,
        list: SessionSummary[],
        times: (summary: SessionSummary, index: number) => { startedMs: number; endedMs: number },
      ) => list.forEach((summary, index) => writer.add(summary, index % 2 === 0 ? run : null, times(summary, index)));
      const readAll = (writer: SessionRecordWriter) => {
        const reader = new SessionRecordReader(BASE);
        const dictionary = writer.takeDictionary();
        for (const config of dictionary.configs) reader.addConfig(config);
        for (const kind of dictionary.kinds) reader.addKind(kind);
        for (const known of dictionary.runs) reader.addRun(known);
        const { bytes, count: written } = writer.takeRecords();
        const out: { summary: SessionSummary & { startedMs: number; endedMs: number }; run: unknown }[] = [];
        reader.read(bytes, written, (decoded) => out.push(decoded));
        return out;
      };
      const plain = new SessionRecordWriter(BASE);
      write(plain, summaries, (_, index) => ({
        startedMs: BASE + sessions[index]!.startOffset,
        endedMs: BASE + sessions[index]!.startOffset + sessions[index]!.duration,
      }));
      const decoded = readAll(plain);
      // Compact summaries (raw ID bytes) written again give the same records.
      const again = new SessionRecordWriter(BASE);
      write(
        again,
        decoded.map((entry) => entry.summary),
        (summary) => summary as SessionSummary & { startedMs: number; endedMs: number },
      );
      const twice = readAll(again);
      for (const list of [decoded, twice]) {
        assert.equal(list.length, sessions.length);
        list.forEach(({ summary, run: decodedRun }, index) => {
          const s = sessions[index]!;
          assert.equal(summary.session_id, s.id.toLowerCase());
          assert.equal(summary.install_id, s.install?.toLowerCase());
          assert.equal(summary.startedMs, BASE + s.startOffset);
          assert.equal(summary.endedMs, BASE + s.startOffset + s.duration);
          assert.equal(summary.log_lines, s.logLines);
          assert.equal(summary.error_lines, s.errorLines);
          assert.equal(summary.outcome, s.outcome);
          assert.deepEqual(summary.error_kinds && { ...summary.error_kinds }, s.kinds && { ...s.kinds });
          assert.deepEqual(decodedRun, index % 2 === 0 ? run : null);
        });
      }
    }),
    { numRuns: 300 },
  );
});
