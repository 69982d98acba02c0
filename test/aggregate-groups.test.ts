import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createAggregator } from '../src/aggregate/aggregate-groups.ts';
import type { Aggregator, RunEvidence } from '../src/aggregate/aggregate-groups.ts';
import { fieldValue, fingerprintOf } from '../src/aggregate/group-key.ts';
import { sortVersions } from '../src/aggregate/versions.ts';
import { SummaryScanner } from '../src/records/fast-path/summary-scanner.ts';
import { sessionErrored } from '../src/records/session-summary.ts';
import type { SessionSummary } from '../src/records/session-summary.ts';
import type { GroupField } from '../src/settings.ts';
import type { RunRef } from '../src/sources/source.ts';
import { percentile } from './fixtures/percentile.ts';
import { seededRandom, seededUuid } from './fixtures/synthetic-summaries.ts';

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

// The aggregator read a second time: every figure of every group counted here from the sessions
// themselves (lists and sets, no accumulators), for plain summaries and for the compact ones the fast
// path makes of the same lines, grouped, projected, by exception class, and combined.

const DAY = 86_400_000;
// More runs than a group lists (EVIDENCE_RUNS, 10): the newest are kept.
const RUNS: RunRef[] = [1, 2, 3, 12, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14].map((id) => ({
  id,
  url: `https://example.test/runs/${id}`,
  branch: id === 3 ? null : 'main',
}));

function randomSessions(seed: number, count: number): { summary: SessionSummary; run: RunRef | null }[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const installs = Array.from({ length: 1 + Math.floor(random() * 12) }, () => seededUuid(random));
  const kinds = [
    'KeyError',
    'ValueError',
    'OSError',
    'acme.Failure',
    'TimeoutError',
    'IndexError',
    'ZeroDivisionError',
  ];
  return Array.from({ length: count }, () => {
    const outcome = pick(['ok', 'ok', 'ok', 'error', 'crash'] as const);
    const errorLines = outcome === 'ok' && random() < 0.7 ? 0 : Math.floor(random() * 5);
    const raised: Record<string, number> = {};
    if (errorLines > 0)
      for (let k = Math.floor(random() * 4); k > 0; k -= 1) raised[pick(kinds)] = 1 + Math.floor(random() * 5);
    const started = Date.UTC(2026, 2, 1) + Math.floor(random() * 6 * DAY);
    const summary: SessionSummary = {
      schema_version: 1,
      session_id: seededUuid(random),
      app: { name: 'octo-cli', version: pick(['2.3.0', '2.4.0', '2.10.0', '2.4.0-rc.1']) },
      runtime: { name: 'python', version: pick(['3.11.7', '3.12.1']) },
      os: { platform: pick(['linux', 'windows', 'darwin'] as const), version: pick(['10', '11']) },
      started_at: new Date(started).toISOString(),
      ended_at: new Date(started + Math.floor(random() * 4000) * (random() < 0.5 ? 1000 : 1)).toISOString(),
      log_lines: Math.floor(random() * 500),
      error_lines: errorLines,
      outcome,
      error_kinds: raised,
    };
    const install = random() < 0.8 ? pick(installs) : null;
    if (install) summary.install_id = random() < 0.2 ? install.toUpperCase() : install;
    return { summary, run: random() < 0.7 ? pick(RUNS) : null };
  });
}

/** A group's figures from its sessions, as the GroupFigures documentation describes them; durations apart. */
function figuresAgain(
  fields: GroupField[],
  values: string[],
  rows: { summary: SessionSummary; run: RunRef | null }[],
  measure?: string,
) {
  const errored = (row: (typeof rows)[number]) =>
    measure === undefined ? sessionErrored(row.summary) : (row.summary.error_kinds ?? {})[measure] !== undefined;
  const starts = rows.map((row) => Date.parse(row.summary.started_at));
  const ids = rows.flatMap((row) => (row.summary.install_id ? [row.summary.install_id.toLowerCase()] : []));
  const kinds = new Map<string, { sessions: number; lines: number }>();
  for (const row of rows)
    for (const [kind, lines] of Object.entries(row.summary.error_kinds ?? {}))
      if (measure === undefined || kind === measure) {
        const entry = kinds.get(kind) ?? { sessions: 0, lines: 0 };
        kinds.set(kind, { sessions: entry.sessions + 1, lines: entry.lines + lines });
      }
  const runs = new Map<number, RunEvidence>();
  for (const row of rows)
    if (row.run && errored(row)) {
      const entry = runs.get(row.run.id) ?? { ...row.run, erroredSessions: 0 };
      runs.set(row.run.id, { ...entry, erroredSessions: entry.erroredSessions + 1 });
    }
  const days = [...new Set(starts.map((start) => Math.floor(start / DAY)))].sort((a, b) => a - b);
  const erroredCount = rows.filter(errored).length;
  return {
    fingerprint: fingerprintOf(fields, values),
    fields: fields.map((name, index) => ({ name, value: values[index]! })),
    sessions: rows.length,
    erroredSessions: erroredCount,
    crashes: rows.filter((row) => row.summary.outcome === 'crash').length,
    errorLines: rows.reduce((sum, row) => sum + row.summary.error_lines, 0),
    logLines: rows.reduce((sum, row) => sum + row.summary.log_lines, 0),
    errorRate: erroredCount / rows.length,
    installs: new Set(ids).size,
    installsApproximate: false,
    firstSessionAt: new Date(Math.min(...starts)).toISOString(),
    lastSessionAt: new Date(Math.max(...starts)).toISOString(),
    topErrorKinds: [...kinds]
      .map(([kind, { sessions, lines }]) => ({ kind, sessions, lines, count: lines }))
      .sort((a, b) => b.sessions - a.sessions || b.lines - a.lines || (a.kind < b.kind ? -1 : 1))
      .slice(0, 5),
    runs: [...runs.values()].sort((a, b) => b.id - a.id).slice(0, 10),
    days: days.map((day) => {
      const on = rows.filter((row) => Math.floor(Date.parse(row.summary.started_at) / DAY) === day);
      return {
        day: new Date(day * DAY).toISOString().slice(0, 10),
        sessions: on.length,
        erroredSessions: on.filter(errored).length,
      };
    }),
    appVersions: sortVersions([...new Set(rows.map((row) => row.summary.app.version))]),
    singleInstall: ids.length === rows.length && new Set(ids).size === 1,
  };
}

/** Durations are kept in a sketch of 1% relative accuracy: each quantile within 1% of a sample next to its rank. */
function nearQuantile(durations: number[], q: number, figure: number): boolean {
  const sorted = [...durations].sort((a, b) => a - b);
  const rank = q * (sorted.length - 1);
  return [Math.floor(rank), Math.ceil(rank)].some(
    (at) => Math.abs(figure - sorted[at]!) <= 0.0101 * sorted[at]! + 1e-9,
  );
}

function compareWithSecondReading(
  aggregator: Aggregator,
  fields: GroupField[],
  rows: { summary: SessionSummary; run: RunRef | null }[],
  label: string,
) {
  const byKind = fields.includes('error_kind');
  const expected: ReturnType<typeof figuresAgain>[] = [];
  const durations = new Map<string, number[]>();
  const configFields = fields.filter((field) => field !== 'error_kind');
  const cells = new Map<string, typeof rows>();
  for (const row of rows) {
    const key = JSON.stringify(configFields.map((field) => fieldValue(row.summary, field)));
    cells.set(key, [...(cells.get(key) ?? []), row]);
  }
  for (const [key, cellRows] of cells) {
    const values = JSON.parse(key) as string[];
    const seconds = cellRows.map(
      (row) => (Date.parse(row.summary.ended_at) - Date.parse(row.summary.started_at)) / 1000,
    );
    if (!byKind) {
      expected.push(figuresAgain(fields, values, cellRows));
      durations.set(fingerprintOf(fields, values), seconds);
      continue;
    }
    const raised = new Set(cellRows.flatMap((row) => Object.keys(row.summary.error_kinds ?? {})));
    for (const kind of raised) {
      const named = [...values];
      named.splice(fields.indexOf('error_kind'), 0, kind);
      const figures = figuresAgain(fields, named, cellRows, kind);
      const everyKind = rows.filter((row) => (row.summary.error_kinds ?? {})[kind] !== undefined).length;
      expected.push({ ...figures, population: { sessions: rows.length, erroredSessions: everyKind } } as never);
      durations.set(fingerprintOf(fields, named), seconds);
    }
  }
  expected.sort(
    (a, b) =>
      b.erroredSessions - a.erroredSessions || b.sessions - a.sessions || (a.fingerprint < b.fingerprint ? -1 : 1),
  );
  const actual = aggregator.groups();
  for (const group of actual) {
    const seconds = durations.get(group.fingerprint)!;
    assert.ok(
      nearQuantile(seconds, 0.5, group.durationMedianSeconds),
      `${label}: median ${group.durationMedianSeconds}`,
    );
    assert.ok(nearQuantile(seconds, 0.95, group.durationP95Seconds), `${label}: p95 ${group.durationP95Seconds}`);
  }
  const withoutDurations = actual.map(({ durationMedianSeconds: _m, durationP95Seconds: _p, ...rest }) => rest);
  assert.deepEqual(withoutDurations, expected, label);
}

test('every figure of every group agrees with a second reading of the sessions: plain and compact, projected, by exception class', () => {
  const scanner = new SummaryScanner();
  for (let seed = 1; seed <= 40; seed += 1) {
    const rows = randomSessions(seed, 50 + seed * 5);
    const fields: GroupField[] =
      seed % 3 === 0 ? ['os.platform', 'error_kind', 'app.version'] : ['os.platform', 'app.version', 'os.version'];
    const plain = createAggregator(fields);
    const compact = createAggregator(fields);
    let compacted = 0;
    const fastForms: SessionSummary[] = [];
    for (const { summary, run } of rows) {
      plain.add(summary, run);
      const bytes = Buffer.from(JSON.stringify(summary));
      const fast = scanner.scan(bytes, 0, bytes.length);
      if (fast) compacted += 1;
      compact.add(fast ?? summary, run);
      fastForms.push(fast ?? summary);
    }
    assert.ok(compacted > rows.length / 2, `seed ${seed}: the fast path took ${compacted} of ${rows.length}`);
    compareWithSecondReading(plain, fields, rows, `seed ${seed}, plain`);
    compareWithSecondReading(compact, fields, rows, `seed ${seed}, compact`);
    const fewer = fields.filter((field) => field !== 'os.version');
    compareWithSecondReading(plain.project(fewer), fewer, rows, `seed ${seed}, projected`);
    compareWithSecondReading(plain.project(['os.platform']), ['os.platform'], rows, `seed ${seed}, one field`);
    if (fields.includes('error_kind')) {
      // Exception classes of several configurations merged into one.
      const merged: GroupField[] = ['os.platform', 'error_kind'];
      const classes = plain.project(merged);
      compareWithSecondReading(classes, merged, rows, `seed ${seed}, classes merged`);
      // Each class over every configuration: seen in more runs than a group lists.
      compareWithSecondReading(plain.project(['error_kind']), ['error_kind'], rows, `seed ${seed}, classes alone`);
      // Each class's events per installation are merged too: they still add up to its events.
      for (const cell of classes.cells().events)
        assert.equal(
          [...cell.byInstall.values()].reduce((sum, count) => sum + count, cell.unattributed),
          cell.events,
          `seed ${seed}: ${cell.measure} per installation`,
        );
    }

    // The cells the problem search reads: each configuration's sessions and installations, and its events
    // (errored sessions, or sessions that raised each class) per installation.
    const configFields = fields.filter((field) => field !== 'error_kind');
    const keyOf = (row: (typeof rows)[number]) =>
      configFields.map((field) => fieldValue(row.summary, field)).join('\u0000');
    const table = plain.cells();
    const { keys } = table;
    assert.deepEqual(table.fields, configFields);
    assert.deepEqual(new Set(keys), new Set(rows.map(keyOf)), `seed ${seed}: cells`);
    keys.forEach((key, config) => {
      const members = rows.filter((row) => keyOf(row) === key);
      const ids = members.flatMap((row) => (row.summary.install_id ? [row.summary.install_id.toLowerCase()] : []));
      assert.deepEqual(
        table.configs[config],
        { values: key.split('\u0000'), sessions: members.length, withInstall: ids.length, installs: new Set(ids).size },
        `seed ${seed}: cell ${key}`,
      );
      const measures: (string | null)[] = fields.includes('error_kind')
        ? [...new Set(members.flatMap((row) => Object.keys(row.summary.error_kinds ?? {})))]
        : [null];
      const expected = measures
        .map((measure) => {
          const events = members.filter((row) =>
            measure === null ? sessionErrored(row.summary) : (row.summary.error_kinds ?? {})[measure] !== undefined,
          );
          const perInstall = new Map<string, number>();
          for (const row of events)
            if (row.summary.install_id) {
              const id = row.summary.install_id.toLowerCase();
              perInstall.set(id, (perInstall.get(id) ?? 0) + 1);
            }
          return {
            measure,
            events: events.length,
            byInstall: [...perInstall.values()].sort((a, b) => a - b),
            unattributed: events.filter((row) => !row.summary.install_id).length,
          };
        })
        .filter((cell) => cell.events > 0)
        .sort((a, b) => String(a.measure).localeCompare(String(b.measure)));
      const actual = table.events
        .filter((cell) => cell.config === config)
        .map((cell) => ({
          measure: cell.measure,
          events: cell.events,
          byInstall: [...cell.byInstall.values()].sort((a, b) => a - b),
          unattributed: cell.unattributed,
        }))
        .sort((a, b) => String(a.measure).localeCompare(String(b.measure)));
      assert.deepEqual(actual, expected, `seed ${seed}: events of ${key}`);
    });

    // Folding the long tail: fewest sessions first (then by key), until at most `max` are left, none under
    // min-sessions, and the folded ones have min-installations between them (tried around what the ones
    // folded for `max` alone hold: exactly, one more, two more); with room for every configuration, none.
    const installations = (members: typeof rows) =>
      new Set(members.flatMap((row) => (row.summary.install_id ? [row.summary.install_id.toLowerCase()] : []))).size +
      members.filter((row) => !row.summary.install_id).length;
    const order = [...new Set(rows.map(keyOf))]
      .map((key) => ({ key, members: rows.filter((row) => keyOf(row) === key) }))
      .sort((a, b) => a.members.length - b.members.length || (a.key < b.key ? -1 : 1));
    const half = Math.floor(keys.length / 2);
    const forMax = installations(order.slice(0, order.length - half).flatMap((entry) => entry.members));
    for (const [max, minSessions, minInstallations] of [
      [half, 1 + (seed % 6), forMax + (seed % 3)],
      [half, 1, forMax + (seed % 3)],
      [keys.length, 1, 1 + (seed % 3)],
    ] as const) {
      const foldedRows: typeof rows = [];
      let left = order.length;
      const enough = () => foldedRows.length === 0 || installations(foldedRows) >= minInstallations;
      let foldedCount = 0;
      if (left > max || !enough())
        for (const { members } of order) {
          if (left <= max && members.length >= minSessions && enough()) break;
          foldedRows.push(...members);
          foldedCount += 1;
          left -= 1;
        }
      const folding = plain.project(configFields);
      assert.deepEqual(
        folding.fold(max, minSessions, minInstallations),
        {
          configurations: foldedCount,
          sessions: foldedRows.length,
          erroredSessions: foldedRows.filter((row) => sessionErrored(row.summary)).length,
        },
        `seed ${seed}: folded to ${max}, ${minSessions} sessions, ${minInstallations} installations`,
      );
      assert.equal(folding.cells().keys.length, left, `seed ${seed}: left after folding`);
    }
    // A live limit: past `live` configurations, before a new one is made, the half with the fewest sessions
    // (then by key) is folded; one folded and seen again starts afresh.
    const live = 3 + (seed % 5);
    const limited = createAggregator(configFields, { live });
    const kept = new Map<string, number>();
    const gone = { configurations: 0, sessions: 0 };
    for (const [index, row] of rows.entries()) {
      // The compact form: a configuration folded away must not be found again through its interned configuration.
      limited.add(fastForms[index]!, row.run);
      const key = keyOf(row);
      if (kept.size >= live && !kept.has(key)) {
        const smallest = [...kept].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
        for (const [name, sessions] of smallest.slice(0, kept.size - Math.floor(live / 2))) {
          kept.delete(name);
          gone.configurations += 1;
          gone.sessions += sessions;
        }
      }
      kept.set(key, (kept.get(key) ?? 0) + 1);
    }
    assert.deepEqual(
      new Map(limited.cells().configs.map((config) => [config.values.join('\u0000'), config.sessions])),
      kept,
      `seed ${seed}: kept under a live limit of ${live}`,
    );
    const { erroredSessions: _errored, ...liveFolded } = limited.fold(Number.POSITIVE_INFINITY, 0, 0);
    assert.deepEqual(liveFolded, gone, `seed ${seed}: folded under a live limit`);

    // A second fold asks for more installations than the first folded: it folds on until they are there.
    const twice = plain.project(configFields);
    twice.fold(half, 1, 0);
    const first = order.slice(0, order.length - half);
    const wanted = installations(first.flatMap((entry) => entry.members)) + 1;
    let more = 0;
    while (
      first.length + more < order.length &&
      installations(order.slice(0, first.length + more).flatMap((entry) => entry.members)) < wanted
    )
      more += 1;
    const after = twice.fold(keys.length, 1, wanted);
    assert.equal(after.configurations, first.length + more, `seed ${seed}: folded again`);

    // Several configurations taken together, counting errored sessions or one exception class.
    const random = seededRandom(seed * 7);
    for (let round = 0; round < 6; round += 1) {
      const chosen = keys.filter(() => random() < 0.3).slice(0, 1 + Math.floor(random() * 4));
      const members = rows.filter((row) =>
        chosen.includes(configFields.map((field) => fieldValue(row.summary, field)).join('\u0000')),
      );
      if (members.length === 0) continue;
      const raised = [...new Set(members.flatMap((row) => Object.keys(row.summary.error_kinds ?? {})))];
      const measure =
        fields.includes('error_kind') && raised.length > 0 && round % 2 === 0 ? raised[round % raised.length]! : null;
      const values = configFields.map((field) => {
        const seen = new Set(members.map((row) => fieldValue(row.summary, field)));
        return seen.size === 1 ? [...seen][0]! : '(several)';
      });
      const { durationMedianSeconds: _m, durationP95Seconds: _p, ...combined } = plain.combine(chosen, measure);
      assert.deepEqual(
        combined,
        figuresAgain(configFields, values, members, measure ?? undefined),
        `seed ${seed}: combined ${chosen.length}`,
      );
    }
  }
});

test('combining nothing gives empty figures; a projection to a field the sessions were not grouped by is refused', () => {
  const aggregator = createAggregator(['os.platform', 'app.version']);
  aggregator.add(session({ os: { platform: 'windows' }, app: { name: 'octo-cli', version: '2.4.0' } }), null);
  for (const keys of [[], ['linux\u00002.4.0']]) {
    const empty = aggregator.combine(keys, null);
    assert.deepEqual(
      [
        empty.sessions,
        empty.erroredSessions,
        empty.errorRate,
        empty.appVersions,
        empty.fields.map((field) => field.value),
      ],
      [0, 0, 0, [], ['(several)', '(several)']],
      JSON.stringify(keys),
    );
    assert.equal(empty.firstSessionAt, '1970-01-01T00:00:00.000Z');
  }
  // A known key beside an unknown one: the known one's figures alone.
  assert.equal(aggregator.combine(['windows\u00002.4.0', 'linux\u00002.4.0'], null).sessions, 1);
  assert.throws(() => aggregator.project(['os.version']), {
    message: 'Cannot group by os.version the sessions grouped by os.platform, app.version',
  });
  assert.throws(() => aggregator.project(['os.platform', 'error_kind']), {
    message: 'Cannot group by os.platform, error_kind the sessions grouped by os.platform, app.version',
  });
  assert.equal(aggregator.project(['app.version']).groups()[0]!.sessions, 1);
  assert.equal(createAggregator(['os.platform', 'error_kind']).project(['error_kind']).groups().length, 0);
});

test('grouped by outcome (no compact configuration shortcut), folding, the live limit and the publication rule still work', () => {
  const rows = randomSessions(77, 300);
  const scanner = new SummaryScanner();
  const aggregator = createAggregator(['os.platform', 'outcome', 'app.version'], { live: 6 });
  for (const { summary, run } of rows) {
    const bytes = Buffer.from(JSON.stringify(summary));
    aggregator.add(scanner.scan(bytes, 0, bytes.length) ?? summary, run);
  }
  const folded = aggregator.fold(3, 1, 1);
  const recoded = aggregator.recode(2, ['app.version', 'outcome', 'os.platform']);
  const kept = aggregator.groups().reduce((sum, group) => sum + group.sessions, 0);
  assert.ok(aggregator.cells().configs.length <= 3);
  assert.equal(
    kept + folded.sessions,
    rows.length,
    `${kept} kept, ${folded.sessions} folded, ${recoded.sessions} recoded`,
  );
});
