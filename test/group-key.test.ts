import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldValue, fingerprintOf, groupLabel, groupValues, UNSET } from '../src/aggregate/group-key.ts';
import type { SessionSummary } from '../src/records/session-summary.ts';

const summary: SessionSummary = {
  schema_version: 1,
  session_id: '00000000-0000-4000-8000-000000000000',
  app: { name: 'octo-cli', version: '2.4.0' },
  os: { platform: 'windows', arch: 'x64' },
  started_at: '2026-01-01T00:00:00Z',
  ended_at: '2026-01-01T00:01:00Z',
  log_lines: 1,
  error_lines: 0,
};

test('fields missing from a summary group under "(unset)"', () => {
  assert.deepEqual(groupValues(summary, ['os.platform', 'app.version', 'runtime.version', 'ci']), [
    'windows',
    '2.4.0',
    UNSET,
    UNSET,
  ]);
  assert.equal(fieldValue({ ...summary, ci: null }, 'ci'), UNSET);
  assert.equal(fieldValue({ ...summary, runtime: { name: 'python', version: '3.12.1' } }, 'runtime.name'), 'python');
});

test('fingerprints are stable, 16 hex digits, and depend on fields and values', () => {
  const a = fingerprintOf(['os.platform', 'app.version'], ['windows', '2.4.0']);
  assert.match(a, /^[0-9a-f]{16}$/);
  assert.equal(a, fingerprintOf(['os.platform', 'app.version'], ['windows', '2.4.0']));
  assert.notEqual(a, fingerprintOf(['os.platform', 'app.version'], ['windows', '2.4.1']));
  assert.notEqual(a, fingerprintOf(['app.version', 'os.platform'], ['windows', '2.4.0']));
  // No separator trick makes two groups collide.
  assert.notEqual(
    fingerprintOf(['os.platform', 'app.version'], ['a,b', 'c']),
    fingerprintOf(['os.platform', 'app.version'], ['a', 'b,c']),
  );
});

test('groupLabel names fields and values', () => {
  assert.equal(
    groupLabel([
      { name: 'os.platform', value: 'linux' },
      { name: 'app.version', value: '1.0' },
    ]),
    'os.platform linux, app.version 1.0',
  );
});

test('fingerprints are pinned: a change orphans every issue filed before it', () => {
  // sha256('[["os.platform","windows"],["app.version","2.4.0"]]'), first 16 hex digits: the per-cell
  // fingerprint of issues filed by earlier releases, which the problem model adopts by it.
  assert.equal(fingerprintOf(['os.platform', 'app.version'], ['windows', '2.4.0']), 'e65ab54ec1a97cfd');
});

test('a field a summary does not carry reads "(unset)"; the outcome is a field of its own', () => {
  assert.equal(UNSET, '(unset)');
  const bare = { ...summary } as Partial<SessionSummary>;
  delete bare.outcome;
  delete bare.runtime;
  assert.equal(fieldValue(bare as SessionSummary, 'outcome' as never), '(unset)');
  assert.equal(fieldValue(bare as SessionSummary, 'runtime.version'), '(unset)');
  assert.equal(fieldValue({ ...summary, outcome: 'crash' }, 'outcome' as never), 'crash');
  // error_kind has no one value per session: the aggregator expands it.
  assert.equal(fieldValue(summary, 'error_kind' as never), '(unset)');
});
