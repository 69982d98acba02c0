import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createAggregator } from '../src/aggregate/aggregate-groups.ts';
import { percentile } from './fixtures/percentile.ts';
import type { SessionSummary } from '../src/records/session-summary.ts';

let serial = 0;
function session(overrides: Partial<SessionSummary> & { seconds?: number; at?: string } = {}): SessionSummary {
  serial += 1;
  const { seconds = 60, at = '2026-03-01T10:00:00.000Z', ...rest } = overrides;
  return {
    schema_version: 1,
    session_id: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    app: { name: 'octo-cli', version: '1.0.0' },
    os: { platform: 'linux' },
    started_at: at,
    ended_at: new Date(Date.parse(at) + seconds * 1000).toISOString(),
    log_lines: 100,
    error_lines: 0,
    ...rest,
  };
}

test('nearest-rank percentiles', () => {
  assert.equal(percentile([], 0.5), 0);
  assert.equal(percentile([5], 0.95), 5);
  assert.equal(percentile([1, 2, 3, 4], 0.5), 2);
  assert.equal(
    percentile(
      Array.from({ length: 100 }, (_, i) => i + 1),
      0.95,
    ),
    95,
  );
});

test('figures per group: sessions, errors, crashes, lines, durations, kinds, installs, runs', () => {
  const aggregator = createAggregator(['os.platform']);
  const install = 'aaaaaaaa-0000-4000-8000-000000000000';
  aggregator.add(session({ seconds: 10, install_id: install, at: '2026-03-01T09:00:00.000Z' }), null);
  aggregator.add(
    session({
      seconds: 20,
      error_lines: 3,
      install_id: install.toUpperCase(),
      error_kinds: { KeyError: 2, OSError: 1 },
    }),
    {
      id: 7,
      branch: 'main',
      url: 'u7',
    },
  );
  aggregator.add(
    session({ seconds: 30, outcome: 'crash', error_kinds: { KeyError: 1 }, at: '2026-03-02T09:00:00.000Z' }),
    { id: 9, branch: null, url: 'u9' },
  );
  aggregator.add(session({ seconds: 40, outcome: 'ok' }), { id: 9, branch: null, url: 'u9' });
  aggregator.add(session({ os: { platform: 'darwin' } }), null);

  const [linux, darwin] = aggregator.groups();
  assert.deepEqual(darwin?.fields, [{ name: 'os.platform', value: 'darwin' }]);
  assert.equal(darwin?.errorRate, 0);
  assert.ok(linux);
  assert.equal(linux.sessions, 4);
  assert.equal(linux.erroredSessions, 2);
  assert.equal(linux.errorRate, 0.5);
  assert.equal(linux.crashes, 1);
  assert.equal(linux.errorLines, 3);
  assert.equal(linux.logLines, 400);
  assert.equal(linux.installs, 1, 'install IDs compare case-insensitively');
  // Durations come from a quantile sketch: within 1% of the exact value.
  assert.ok(Math.abs(linux.durationMedianSeconds - 20) <= 0.2, String(linux.durationMedianSeconds));
  // With four sessions the sketch's rank (q × (n − 1)) falls on the third value.
  assert.ok(Math.abs(linux.durationP95Seconds - 30) <= 0.3, String(linux.durationP95Seconds));
  assert.equal(linux.firstSessionAt, '2026-03-01T09:00:00.000Z');
  assert.equal(linux.lastSessionAt, '2026-03-02T09:00:00.000Z');
  // By the sessions that raised a class (then its lines); `count` stays the lines, for templates written before.
  assert.deepEqual(linux.topErrorKinds, [
    { kind: 'KeyError', sessions: 2, lines: 3, count: 3 },
    { kind: 'OSError', sessions: 1, lines: 1, count: 1 },
  ]);
  // Only runs that carried errored sessions are evidence, newest first.
  assert.deepEqual(linux.runs, [
    { id: 9, url: 'u9', branch: null, erroredSessions: 1 },
    { id: 7, url: 'u7', branch: 'main', erroredSessions: 1 },
  ]);
});

test('groups come most errored first, and group keys cannot collide through separators', () => {
  const aggregator = createAggregator(['app.name', 'app.version']);
  aggregator.add(session({ app: { name: 'a.b', version: 'c' } }), null);
  aggregator.add(session({ app: { name: 'a', version: 'b.c' }, error_lines: 1 }), null);
  const groups = aggregator.groups();
  assert.equal(groups.length, 2);
  assert.deepEqual(
    groups.map((group) => group.fields.map((field) => field.value).join('|')),
    ['a|b.c', 'a.b|c'],
  );
});

test('duration quantiles stay within 1% of the exact ones on many sessions', () => {
  const aggregator = createAggregator([]);
  const durations: number[] = [];
  for (let i = 0; i < 20_000; i += 1) {
    const seconds = 1 + ((i * 7919) % 10_000) / 3;
    durations.push(seconds);
    aggregator.add(session({ seconds }), null);
  }
  const sorted = durations.sort((a, b) => a - b);
  const [all] = aggregator.groups();
  for (const [estimate, exact] of [
    [all!.durationMedianSeconds, percentile(sorted, 0.5)],
    [all!.durationP95Seconds, percentile(sorted, 0.95)],
  ] as const) {
    assert.ok(Math.abs(estimate - exact) / exact <= 0.01 + 1e-9, `${estimate} vs ${exact}`);
  }
});

test('error_kind grouping gives each exception class on each configuration its own group', () => {
  const aggregator = createAggregator(['os.platform', 'error_kind']);
  const run = { id: 3, branch: 'main', url: 'u3' };
  for (let i = 0; i < 10; i += 1)
    aggregator.add(
      session({
        os: { platform: 'windows' },
        error_lines: i < 4 ? 1 : 0,
        ...(i < 4 ? { error_kinds: { PermissionError: 2 } } : {}),
      }),
      run,
    );
  aggregator.add(
    session({ os: { platform: 'windows' }, error_lines: 2, error_kinds: { KeyError: 1, PermissionError: 1 } }),
    null,
  );
  for (let i = 0; i < 20; i += 1)
    aggregator.add(
      session({
        os: { platform: 'linux' },
        error_lines: i < 2 ? 1 : 0,
        ...(i < 2 ? { error_kinds: { KeyError: 1 } } : {}),
      }),
      null,
    );
  const groups = aggregator.groups();
  const find = (platform: string, kind: string) =>
    groups.find((group) => group.fields[0]!.value === platform && group.fields[1]!.value === kind)!;
  assert.deepEqual(groups.map((group) => group.fields.map((field) => field.value).join(' ')).sort(), [
    'linux KeyError',
    'windows KeyError',
    'windows PermissionError',
  ]);
  const permission = find('windows', 'PermissionError');
  assert.deepEqual([permission.sessions, permission.erroredSessions, permission.errorRate], [11, 5, 5 / 11]);
  assert.deepEqual(permission.topErrorKinds, [{ kind: 'PermissionError', sessions: 5, lines: 9, count: 9 }]);
  assert.deepEqual(permission.runs, [{ id: 3, url: 'u3', branch: 'main', erroredSessions: 4 }]);
  assert.deepEqual(permission.population, { sessions: 31, erroredSessions: 5 });
  assert.deepEqual(find('linux', 'KeyError').population, { sessions: 31, erroredSessions: 3 });
  assert.notEqual(permission.fingerprint, find('windows', 'KeyError').fingerprint);
});

test('per-day buckets: sessions and errored sessions by the UTC day a session started, floored, oldest first', () => {
  const aggregator = createAggregator(['os.platform']);
  // 2026-03-01: three sessions, one errored at 23:59:59; 2026-03-02: two, both errored, one at 15:00 (a rounding day would move it).
  aggregator.add(session({ at: '2026-03-01T00:00:00.000Z' }), null);
  aggregator.add(session({ at: '2026-03-01T12:30:00.000Z' }), null);
  aggregator.add(session({ at: '2026-03-01T23:59:59.000Z', error_lines: 2 }), null);
  aggregator.add(session({ at: '2026-03-02T15:00:00.000Z', outcome: 'crash' }), null);
  aggregator.add(session({ at: '2026-03-02T00:00:00.001Z', error_lines: 1 }), null);
  const [linux] = aggregator.groups();
  assert.deepEqual(linux!.days, [
    { day: '2026-03-01', sessions: 3, erroredSessions: 1 },
    { day: '2026-03-02', sessions: 2, erroredSessions: 2 },
  ]);
});

test('installations of a cell: one session with an ID beside sessions without counts one installation, and the search sees the rest unattributed', () => {
  const aggregator = createAggregator(['os.platform']);
  aggregator.add(session({ install_id: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed', error_lines: 1 }), null);
  for (let i = 0; i < 4; i += 1) aggregator.add(session({ error_lines: 1 }), null);
  const [linux] = aggregator.groups();
  assert.equal(linux!.installs, 1);
  const { configs, events } = aggregator.cells();
  assert.deepEqual(configs, [{ values: ['linux'], sessions: 5, withInstall: 1, installs: 1 }]);
  assert.equal(events[0]!.byInstall.size, 1);
  assert.equal(events[0]!.unattributed, 4);
});
