// The history's pieces: the distinct-count sketch, the merge of days, the file
// and what a damaged one does, and the size of 180 days of 50 configurations.

import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createHash } from 'node:crypto';
import {
  createHistoryCollector,
  decodeHistory,
  emptyHistory,
  encodeHistory,
  HISTORY_MAX_CONFIGURATIONS,
  historyFields,
  mergeHistory,
} from '../src/history/history.ts';
import { loadHistory, saveHistory } from '../src/run/history-file.ts';
import { problemHistory } from '../src/history/problem-history.ts';
import { releaseHealth } from '../src/history/release-health.ts';
import { releaseHealthSection } from '../src/report/release-health-report.ts';
import { renderUsageReport } from '../src/report/usage-report.ts';
import type { History } from '../src/history/history.ts';
import {
  hashWords,
  kmvAdd,
  kmvApproximate,
  kmvCount,
  kmvDecode,
  kmvEncode,
  kmvUnion,
  KMV_SIZE,
} from '../src/history/kmv.ts';
import { uuidWords } from '../src/uuid/uuid-codec.ts';
import { CompactSummary } from '../src/records/compact-summary.ts';

const hash32 = (id: string) => hashWords(...uuidWords(id));
import type { SessionSummary } from '../src/records/session-summary.ts';
import { seededRandom, seededUuid } from './fixtures/synthetic-summaries.ts';

const DAY = 86_400_000;

test('the sketch counts exactly below 64 distinct values and within 30% past them; a union counts each value once', () => {
  const random = seededRandom(3);
  const ids = Array.from({ length: 5000 }, () => seededUuid(random));
  const sketch: number[] = [];
  for (const id of ids.slice(0, 63)) kmvAdd(sketch, hash32(id));
  for (const id of ids.slice(0, 63)) kmvAdd(sketch, hash32(id));
  assert.equal(kmvCount(sketch), 63);
  for (const size of [100, 1000, 5000]) {
    const big: number[] = [];
    for (const id of ids.slice(0, size)) kmvAdd(big, hash32(id));
    assert.equal(big.length, KMV_SIZE);
    assert.ok(Math.abs(kmvCount(big) - size) / size < 0.3, `${size}: ${kmvCount(big)}`);
  }
  // Two halves that overlap by a third: the union counts the distinct ones.
  const a: number[] = [];
  const b: number[] = [];
  for (const id of ids.slice(0, 40)) kmvAdd(a, hash32(id));
  for (const id of ids.slice(20, 60)) kmvAdd(b, hash32(id));
  assert.equal(kmvCount(kmvUnion([a, b])), 60);
  assert.deepEqual(kmvDecode(kmvEncode(a)), a);
  assert.equal(kmvDecode('not base64!'), null);
  assert.equal(kmvDecode(Buffer.from([0, 0, 0, 2, 0, 0, 0, 1]).toString('base64')), null, 'not ascending');
});

function summary(
  day: number,
  install: string,
  outcome: 'ok' | 'error' | 'crash',
  version = '1.0.0',
  kinds?: Record<string, number>,
): SessionSummary {
  const started = new Date(day * DAY + 3_600_000).toISOString();
  return {
    schema_version: 1,
    session_id: `00000000-0000-4000-8000-${String(Math.floor(Math.random() * 1e12)).padStart(12, '0')}`,
    install_id: install,
    app: { name: 'octo', version },
    os: { platform: 'linux' },
    started_at: started,
    ended_at: started,
    log_lines: 10,
    error_lines: outcome === 'ok' ? 0 : 1,
    outcome,
    ...(kinds ? { error_kinds: kinds } : {}),
  };
}

function collect(rows: SessionSummary[]) {
  const collector = createHistoryCollector(historyFields(['os.platform', 'app.version']));
  for (const row of rows) collector.add(row, Date.parse(row.started_at));
  return collector.days;
}

test('a day is replaced by a reading with as many sessions or more, never added to; days past history-days are dropped', () => {
  const install = 'aaaaaaaa-0000-4000-8000-000000000001';
  const history = emptyHistory(historyFields(['os.platform', 'app.version']));
  const first = collect([summary(100, install, 'ok'), summary(100, install, 'error'), summary(101, install, 'ok')]);
  assert.deepEqual(mergeHistory(history, first, 90), { replaced: 2, kept: 0, dropped: 0 });
  // The same day read again (a re-run): the same figures, not twice them.
  assert.deepEqual(mergeHistory(history, collect([summary(100, install, 'ok'), summary(100, install, 'error')]), 90), {
    replaced: 1,
    kept: 0,
    dropped: 0,
  });
  assert.equal(history.days.get(100)!.sessions, 2);
  // A later reading with an artifact expired (fewer sessions) keeps the fuller one; one with a late artifact replaces it.
  assert.deepEqual(mergeHistory(history, collect([summary(100, install, 'ok')]), 90), {
    replaced: 0,
    kept: 1,
    dropped: 0,
  });
  mergeHistory(
    history,
    collect([
      summary(100, install, 'ok'),
      summary(100, install, 'error'),
      summary(100, install, 'crash', '1.0.0', { KeyError: 2 }),
    ]),
    90,
  );
  const entry = [...history.days.get(100)!.entries.values()][0]!;
  assert.deepEqual(
    [
      entry.values,
      entry.sessions,
      entry.errored,
      entry.crashed,
      kmvCount(entry.installs),
      kmvCount(entry.crashedInstalls),
      entry.kinds,
    ],
    [['linux', '1.0.0'], 3, 2, 1, 1, 1, { KeyError: 1 }],
  );
  // A session without an install ID stands for its own installation.
  const anonymous = collect([
    { ...summary(102, install, 'ok'), install_id: undefined },
    { ...summary(102, install, 'ok'), install_id: undefined },
  ]);
  assert.equal(kmvCount([...anonymous.get(102)!.entries.values()][0]!.installs), 2);
  assert.deepEqual(mergeHistory(history, new Map(), 101), { replaced: 0, kept: 0, dropped: 1 });
  assert.deepEqual([...history.days.keys()], [101]);
});

test('the file round-trips; a damaged, foreign or tampered one restarts the history with a warning and never throws', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cra-history-'));
  const path = join(dir, 'history.json');
  const fields = historyFields(['os.platform', 'app.version']);
  const history: History = emptyHistory(fields);
  mergeHistory(
    history,
    collect([summary(200, 'aaaaaaaa-0000-4000-8000-000000000001', 'error', '2.0.0', { KeyError: 1 })]),
    0,
  );
  const bytes = await saveHistory(path, history);
  assert.equal(bytes, Buffer.byteLength(await readFile(path, 'utf8')));
  const warnings: string[] = [] as string[];
  const back = await loadHistory(path, fields, (message) => warnings.push(message));
  assert.equal(encodeHistory(back), encodeHistory(history));
  assert.equal(warnings.length, 0);
  // No file yet (a first run, an evicted cache): an empty history, and a warning that says so.
  assert.equal((await loadHistory(join(dir, 'none.json'), fields, (message) => warnings.push(message))).days.size, 0);
  assert.deepEqual(warnings, [
    `No history at ${join(dir, 'none.json')} yet: release health starts from this run's window.`,
  ]);
  const text = await readFile(path, 'utf8');
  const cases: [string, string, RegExp][] = [
    ['truncated', text.slice(0, 40), /it is not JSON/],
    ['tampered', text.replace('"2.0.0"', '"2.0.1"'), /its checksum does not match/],
    ['another format', JSON.stringify({ format: 'x' }), /not a history file/],
    ['a newer format version', text.replace('"version":1', '"version":2'), /format version 2/],
  ];
  for (const [name, content, reason] of cases) {
    await writeFile(path, content);
    const seen: string[] = [];
    const loaded = await loadHistory(path, fields, (message) => seen.push(message));
    assert.equal(loaded.days.size, 0, name);
    assert.equal(seen.length, 1, name);
    assert.match(seen[0]!, reason, name);
    assert.match(seen[0]!, /It starts again from this run\./);
  }
  // Kept for other fields (group-by changed): restarted, and said why.
  await writeFile(path, text);
  const seen: string[] = [];
  assert.equal(
    (await loadHistory(path, historyFields(['os.platform', 'os.arch', 'app.version']), (message) => seen.push(message)))
      .days.size,
    0,
  );
  assert.match(
    seen[0]!,
    /keeps other fields \(os\.platform, app\.version\) than group-by asks for now \(os\.platform, os\.arch, app\.version\)/,
  );
  // A valid checksum over damaged values is refused value by value.
  const forged = JSON.parse(text) as { body: { days: Record<string, unknown[][]> } };
  const day = Object.keys(forged.body.days)[0]!;
  forged.body.days[day]![0]![2] = 5;
  const body = JSON.stringify(forged.body);
  const rewritten = `{"format":"crash-report-aggregator/history","version":1,"checksum":"${createHash('sha256').update(body).digest('hex')}","body":${body}}`;
  const refused = decodeHistory(rewritten, fields);
  assert.ok('problem' in refused && /damaged/.test(refused.problem), 'more errored sessions than sessions');
});

test('180 days of 50 configurations, each with a full sketch of installations, fit in a bounded file', () => {
  const fields = historyFields(['os.platform', 'app.version']);
  const history = emptyHistory(fields);
  const random = seededRandom(11);
  for (let day = 0; day < 180; day += 1) {
    const entries = new Map();
    for (let config = 0; config < 50; config += 1) {
      const sketch = (count: number) => {
        const values: number[] = [];
        for (let index = 0; index < count; index += 1) kmvAdd(values, Math.floor(random() * 2 ** 32));
        return values;
      };
      entries.set(String(config), {
        values: ['linux', `1.${config}.0`],
        sessions: 400,
        errored: 40,
        crashed: 10,
        installs: sketch(200),
        erroredInstalls: sketch(40),
        crashedInstalls: sketch(10),
        kinds: { KeyError: 20, TimeoutError: 20 },
      });
    }
    history.days.set(20_000 + day, { sessions: 20_000, entries });
  }
  const bytes = Buffer.byteLength(encodeHistory(history));
  // Each entry: two full sketches of 64 hashes (about 344 characters each), one of 10, and the counts.
  assert.ok(bytes < 9_000_000, `${bytes} bytes`);
  assert.ok(bytes > 5_000_000, `${bytes} bytes: the bound is a real one`);
  process.stdout.write(`# 180 days x 50 configurations, full sketches: ${bytes} bytes\n`);
});

test('a day of 5,000 distinct versions keeps the 1,000 busiest configurations, folds the rest into one "(other)" entry, whatever the order the sessions came in', async () => {
  const rows: SessionSummary[] = [];
  for (let index = 0; index < 5000; index += 1) {
    // Versions 0-99 have three sessions each, the rest one: a producer writing a build hash into its version.
    for (let copy = 0; copy < (index < 100 ? 3 : 1); copy += 1)
      rows.push(
        summary(
          300,
          `aaaaaaaa-0000-4000-8000-${String(index).padStart(12, '0')}`,
          copy === 0 ? 'error' : 'ok',
          `9.0.${index}`,
        ),
      );
  }
  const fields = historyFields(['os.platform', 'app.version']);
  const forward = emptyHistory(fields);
  mergeHistory(forward, collect(rows), 0);
  const backward = emptyHistory(fields);
  mergeHistory(backward, collect([...rows].reverse()), 0);
  assert.equal(encodeHistory(backward), encodeHistory(forward));
  const day = forward.days.get(300)!;
  assert.equal(day.entries.size, HISTORY_MAX_CONFIGURATIONS);
  assert.equal(day.sessions, 5200);
  const entries = [...day.entries.values()];
  assert.equal(
    entries.reduce((sum, entry) => sum + entry.sessions, 0),
    5200,
    'no session lost',
  );
  assert.equal(
    entries.reduce((sum, entry) => sum + entry.errored, 0),
    5000,
  );
  const other = entries.find((entry) => entry.values.every((value) => value === '(other)'))!;
  // The 100 busiest versions and 899 of the others by their values stay; 4,001 one-session versions are folded.
  assert.equal(other.sessions, 4001);
  assert.ok(entries.filter((entry) => entry.sessions === 3).length === 100);
  assert.equal(kmvCount(other.installs) > 3000, true);
  // The file with the folded day reads back.
  assert.ok(!('problem' in decodeHistory(encodeHistory(forward), fields)));
});

test("an installation hashes alike from a compact summary's bytes and from its ID's text, in either case; a session without one stands apart", () => {
  const install = 'AbCdEf01-2345-4678-89ab-cdef01234567';
  const session = '11111111-2222-4333-8444-555555555555';
  const bytes = new Uint8Array([
    ...Buffer.from(session.replace(/-/g, ''), 'hex'),
    ...Buffer.from(install.replace(/-/g, ''), 'hex'),
  ]);
  const started = 300 * DAY + 3_600_000;
  const compact = new CompactSummary(
    { app: { name: 'octo', version: '1.0.0' }, os: { platform: 'linux' } },
    bytes,
    0,
    16,
    started,
    started,
    10,
    0,
  );
  compact.outcome = 'ok';
  const plain = { ...summary(300, install.toLowerCase(), 'ok'), session_id: session };
  const sketchOf = (row: SessionSummary) => [...collect([row]).get(300)!.entries.values()][0]!.installs;
  assert.deepEqual(sketchOf(compact), sketchOf(plain));
  assert.deepEqual(sketchOf({ ...plain, install_id: install.toUpperCase() }), sketchOf(plain));
  // Without an install ID: the session's own, not the install of the same UUID.
  const alone = new CompactSummary(
    { app: { name: 'octo', version: '1.0.0' }, os: { platform: 'linux' } },
    bytes,
    0,
    -1,
    started,
    started,
    10,
    0,
  );
  alone.outcome = 'ok';
  assert.deepEqual(sketchOf(alone), sketchOf({ ...plain, install_id: undefined }));
  assert.notDeepEqual(sketchOf(alone), sketchOf({ ...plain, install_id: session }));
});

test('a problem\'s past: newer releases on its other fields, "(other)" never one of them, confirmed by Fisher\'s test', async () => {
  const fields = historyFields(['os.platform', 'app.version']);
  const history = emptyHistory(fields);
  const rows: SessionSummary[] = [];
  const at = (version: string, platform: 'linux' | 'darwin', sessions: number, errored: number) => {
    for (let index = 0; index < sessions; index += 1)
      rows.push({
        ...summary(
          400,
          `aaaaaaaa-0000-4000-8000-${String(rows.length).padStart(12, '0')}`,
          index < errored ? 'error' : 'ok',
          version,
        ),
        os: { platform },
      });
  };
  at('1.0.0', 'linux', 100, 30); // the problem: linux 1.0.0, 30%
  at('1.1.0', 'linux', 100, 2); // fixed: 2%, far below
  at('1.2.0', 'linux', 20, 5); // 25% of 20: below, not significantly
  at('1.3.0', 'linux', 5, 0); // too few sessions to be listed
  at('1.4.0', 'darwin', 100, 0); // another platform: not this problem's
  at('(other)', 'linux', 100, 0); // rare configurations folded: no release
  mergeHistory(history, collect(rows), 0);
  const past = problemHistory(
    history,
    {
      pattern: [
        { field: 'os.platform', op: 'is', value: 'linux' },
        { field: 'app.version', op: 'is', value: '1.0.0' },
      ],
      measure: null,
      versions: ['1.0.0'],
    },
    ['os.platform', 'app.version'],
    { now: new Date(401 * DAY), confidence: 0.95, minSessions: 10 },
  )!;
  assert.deepEqual(
    past.fixed.map((entry) => [entry.version, entry.sessions, entry.erroredSessions, entry.confirmed]),
    [
      ['1.1.0', 100, 2, true],
      ['1.2.0', 20, 5, false],
    ],
  );
  // The problem's own week holds its 100 sessions; every other session of the day is the comparison.
  const week = past.trend.buckets.at(-1)!;
  assert.deepEqual([week.sessions, week.erroredSessions, week.otherSessions, week.otherErrored], [100, 30, 325, 7]);
});

test('release health says what it needs: no history kept, or a history with no day yet', async () => {
  assert.match(
    releaseHealthSection(null),
    /needs the history kept across runs: set `state-path` \(kept with `actions\/cache`\) or `history-path`\./,
  );
  const empty = releaseHealth(emptyHistory(historyFields(['os.platform', 'app.version'])), {
    now: new Date(401 * DAY),
    confidence: 0.95,
    minInstallations: 5,
    minSessions: 10,
  });
  assert.match(releaseHealthSection(empty), /holds no day yet/);
  assert.equal(releaseHealthSection(undefined), '');
});

test('release health publishes a version-week only from configurations seen on the minimum of installations that week', async () => {
  const fields = historyFields(['os.platform', 'app.version']);
  const history = emptyHistory(fields);
  const rows: SessionSummary[] = [];
  // 2.0.0: on Linux from 6 installations (published), on FreeBSD from 2 (never published on its own).
  for (let index = 0; index < 30; index += 1)
    rows.push(
      summary(
        500,
        `aaaaaaaa-0000-4000-8000-${String(index % 6).padStart(12, '0')}`,
        index < 3 ? 'error' : 'ok',
        '2.0.0',
      ),
    );
  for (let index = 0; index < 10; index += 1)
    rows.push({
      ...summary(
        500,
        `bbbbbbbb-0000-4000-8000-${String(index % 2).padStart(12, '0')}`,
        index < 8 ? 'crash' : 'ok',
        '2.0.0',
      ),
      os: { platform: 'freebsd' },
    });
  mergeHistory(history, collect(rows), 0);
  const health = releaseHealth(history, {
    now: new Date(501 * DAY),
    confidence: 0.95,
    minInstallations: 5,
    minSessions: 10,
  });
  const version = health.versions.find((each) => each.version === '2.0.0')!;
  // The FreeBSD sessions (8 of 10 crashed) are in no figure of 2.0.0: 30 sessions, 3 errored, none crashed.
  assert.deepEqual([version.sessions, version.errored, version.crashed, version.installs], [30, 3, 0, 6]);
  assert.deepEqual(version.weeks.at(-1), { sessions: 30, errored: 3, crashed: 0, installs: 6 });
  // They count in the rest, and in the week's whole.
  assert.deepEqual(
    [health.rest.weeks.at(-1)!.sessions, health.rest.weeks.at(-1)!.crashed, health.totals.at(-1)!.sessions],
    [10, 8, 40],
  );
});

test('a window without sessions still shows the release health the history kept', async () => {
  const history = emptyHistory(historyFields(['os.platform', 'app.version']));
  const rows = Array.from({ length: 30 }, (_, index) =>
    summary(600, `aaaaaaaa-0000-4000-8000-${String(index % 6).padStart(12, '0')}`, 'ok', '3.0.0'),
  );
  mergeHistory(history, collect(rows), 0);
  const health = releaseHealth(history, {
    now: new Date(610 * DAY),
    confidence: 0.95,
    minInstallations: 5,
    minSessions: 10,
  });
  const body = renderUsageReport({
    all: null,
    byOs: [],
    byVersion: [],
    byRuntime: [],
    matrix: [],
    lookbackDays: 7,
    asOf: new Date(610 * DAY),
    health,
  });
  assert.match(body, /No sessions in the window\.\n\n### Release health/);
  assert.match(body, /^\| 3\.0\.0 \| 1971-08-24 \| 30 \| 6 \|/m);
});

test("the sketch's estimate, exactly: (K - 1) over the K-th smallest hash's share of the range; what a sketch file may hold", () => {
  const full = Array.from({ length: KMV_SIZE }, (_, index) => index);
  // The 64th smallest hash is 63: (63 + 1) / 2^32 of the range holds 64 hashes, so 63 / (64 / 2^32) values.
  assert.equal(kmvCount(full), Math.round((63 * 2 ** 32) / 64));
  assert.equal(kmvApproximate(full), true);
  assert.equal(kmvApproximate(full.slice(1)), false);
  assert.equal(kmvCount(full.slice(1)), 63);
  // Text that is not a sketch: not a string, characters outside base64 before or after, not whole words, too long, not ascending.
  assert.equal(kmvDecode(42), null);
  assert.equal(kmvDecode('!AAAAAQ=='), null);
  assert.equal(kmvDecode('AAAAAQ==!'), null);
  assert.equal(kmvDecode(Buffer.from([0, 0, 1]).toString('base64')), null);
  assert.equal(kmvDecode(kmvEncode(Array.from({ length: KMV_SIZE + 1 }, (_, index) => index))), null);
  assert.equal(kmvDecode(kmvEncode([1, 1])), null);
  assert.deepEqual(kmvDecode(kmvEncode([0, 1])), [0, 1]);
  assert.deepEqual(kmvDecode(''), []);
});

test("a problem's past, at its edges: the 12 weeks end on the run's last day, days before them count in its totals only, the same version elsewhere is not the problem", () => {
  const fields = historyFields(['os.platform', 'app.version']);
  const history = emptyHistory(fields);
  const rows: SessionSummary[] = [];
  const at = (
    day: number,
    version: string,
    platform: 'linux' | 'darwin',
    sessions: number,
    errored: number,
    kinds?: Record<string, number>,
  ) => {
    for (let index = 0; index < sessions; index += 1)
      rows.push({
        ...summary(
          day,
          `cccccccc-0000-4000-8000-${String(rows.length).padStart(12, '0')}`,
          index < errored ? 'error' : 'ok',
          version,
          index < errored ? kinds : undefined,
        ),
        os: { platform },
      });
  };
  // The run is at midnight starting day 500: its last day is 499, the 12 weeks run from 416 to 499.
  at(499, '1.0.0', 'linux', 10, 5, { KeyError: 1 });
  at(416, '1.0.0', 'linux', 10, 4);
  at(415, '1.0.0', 'linux', 10, 10); // before the 12 weeks: in the problem's totals, in no week
  at(499, '1.0.0', 'darwin', 10, 0); // the problem's version on another platform: a comparison, not the problem
  at(499, '1.1.0', 'linux', 10, 0); // exactly min-sessions: listed
  at(499, '1.2.0', 'linux', 10, 7); // 70%, above the problem's 19 of 30 (63%): not listed
  mergeHistory(history, collect(rows), 0);
  const options = { now: new Date(500 * DAY), confidence: 0.95, minSessions: 10 };
  const pattern = [
    { field: 'os.platform', op: 'is' as const, value: 'linux' },
    { field: 'app.version', op: 'is' as const, value: '1.0.0' },
  ];
  // Versions given out of order: the newest of them is 1.0.0 whatever their order.
  const past = problemHistory(
    history,
    { pattern, measure: null, versions: ['1.0.0', '0.9.0'] },
    ['os.platform', 'app.version'],
    options,
  )!;
  const buckets = past.trend.buckets;
  assert.deepEqual(
    [
      buckets[0]!.first,
      buckets[0]!.last,
      buckets[1]!.first,
      buckets.at(-1)!.first,
      buckets.at(-1)!.last,
      buckets.at(-1)!.label,
    ],
    ['1971-02-21', '1971-02-27', '1971-02-28', '1971-05-09', '1971-05-15', '05-09'],
  );
  assert.deepEqual(
    [buckets[0]!.sessions, buckets[0]!.erroredSessions, buckets.at(-1)!.sessions, buckets.at(-1)!.erroredSessions],
    [10, 4, 10, 5],
  );
  assert.deepEqual([buckets.at(-1)!.otherSessions, buckets.at(-1)!.otherErrored], [30, 7]);
  assert.equal(
    buckets.reduce((sum, bucket) => sum + bucket.sessions, 0),
    20,
    'day 415 is in no week',
  );
  // The problem's totals (19 of 30 errored, day 415 included) set the bar: 1.1.0 (0 of 10, exactly min-sessions) is listed, 1.2.0 (7 of 10) is not below it.
  assert.deepEqual(
    past.fixed.map((entry) => [entry.version, entry.sessions, entry.erroredSessions]),
    [['1.1.0', 10, 0]],
  );
  // Seen on 1.1.0 too: only 1.2.0 is newer, and at 70% it is no fix.
  assert.deepEqual(
    problemHistory(
      history,
      { pattern, measure: null, versions: ['1.1.0', '1.0.0'] },
      ['os.platform', 'app.version'],
      options,
    )!.fixed,
    [],
  );
  // An exception class as the measure: its sessions, not every errored one.
  const byClass = problemHistory(
    history,
    { pattern, measure: 'KeyError', versions: ['1.0.0'] },
    ['os.platform', 'app.version'],
    options,
  )!;
  assert.deepEqual(
    [
      byClass.trend.buckets.at(-1)!.sessions,
      byClass.trend.buckets.at(-1)!.erroredSessions,
      byClass.trend.buckets[0]!.erroredSessions,
    ],
    [10, 5, 0],
  );
  // No version seen, fields the history does not keep, or no history: no past.
  assert.deepEqual(
    problemHistory(history, { pattern, measure: null, versions: [] }, ['os.platform', 'app.version'], options)!.fixed,
    [],
  );
  assert.equal(
    problemHistory(
      history,
      { pattern: [{ field: 'os.arch', op: 'any' }], measure: null, versions: ['1.0.0'] },
      ['os.arch'],
      options,
    ),
    null,
  );
  assert.equal(
    problemHistory(
      emptyHistory(fields),
      { pattern, measure: null, versions: ['1.0.0'] },
      ['os.platform', 'app.version'],
      options,
    ),
    null,
  );
});

test("a problem's newer releases are listed in semver order, an equal rate is no fix, and its past names what it compares", () => {
  const fields = historyFields(['os.platform', 'app.version']);
  const history = emptyHistory(fields);
  const rows: SessionSummary[] = [];
  const at = (version: string, sessions: number, errored: number) => {
    for (let index = 0; index < sessions; index += 1)
      rows.push(
        summary(
          700,
          `dddddddd-0000-4000-8000-${String(rows.length).padStart(12, '0')}`,
          index < errored ? 'error' : 'ok',
          version,
        ),
      );
  };
  at('1.0.0', 30, 15); // the problem: 50%
  // Arriving newest first, and 1.10.0 after 1.9.0 in semver though before it as text.
  at('1.10.0', 20, 1);
  at('1.9.0', 20, 2);
  at('1.2.0', 20, 10); // exactly the problem's rate: no fix
  mergeHistory(history, collect(rows), 0);
  const past = problemHistory(
    history,
    {
      pattern: [
        { field: 'os.platform', op: 'is', value: 'linux' },
        { field: 'app.version', op: 'is', value: '1.0.0' },
      ],
      measure: null,
      versions: ['1.0.0'],
    },
    ['os.platform', 'app.version'],
    { now: new Date(701 * DAY), confidence: 0.95, minSessions: 10 },
  )!;
  assert.deepEqual(
    past.fixed.map((entry) => entry.version),
    ['1.9.0', '1.10.0'],
  );
  assert.deepEqual(
    [past.trend.subject, past.trend.comparison, past.trend.unit, past.since],
    ['this problem', 'all other sessions', 'week', '1971-12-02'],
  );
  // A field the history keeps beside one it does not: no past.
  assert.equal(
    problemHistory(
      history,
      {
        pattern: [
          { field: 'os.platform', op: 'any' },
          { field: 'os.arch', op: 'any' },
        ],
        measure: null,
        versions: ['1.0.0'],
      },
      ['os.platform', 'os.arch'],
      { now: new Date(701 * DAY), confidence: 0.95, minSessions: 10 },
    ),
    null,
  );
});
