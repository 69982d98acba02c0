// The figures and words a problem's issue is built from, and each cell's verdict,
// on a population built by hand: counts worked out here, from the population.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createAggregator } from '../src/aggregate/aggregate-groups.ts';
import { findRunProblems } from '../src/problems/judge-problems.ts';
import type { ProblemSettings } from '../src/problems/judge-problems.ts';
import type { SessionSummary } from '../src/records/session-summary.ts';
import type { GroupField } from '../src/settings.ts';

const START = Date.parse('2026-03-01T10:00:00Z');
let serial = 0;

/** `count` sessions of one configuration over `installs` installations; the first `errored` of them errored with `kind`. */
function sessions(
  platform: string,
  version: string,
  count: number,
  errored: number,
  installs = 20,
  kind = 'KeyError',
): SessionSummary[] {
  return Array.from({ length: count }, (_, n) => {
    serial += 1;
    const id = String(serial).padStart(12, '0');
    const bad = n < errored;
    return {
      schema_version: 1,
      session_id: `5d0c7a1e-0000-4000-8000-${id}`,
      install_id: `1b9d6bcd-0000-4000-8000-${String((n % installs) + 1).padStart(6, '0')}${platform.length}${version.replaceAll('.', '').padStart(5, '0')}`,
      app: { name: 'octo', version },
      os: { platform: platform as SessionSummary['os']['platform'] },
      started_at: new Date(START + n * 60_000).toISOString(),
      ended_at: new Date(START + n * 60_000 + 1000).toISOString(),
      log_lines: 10,
      error_lines: bad ? 1 : 0,
      ...(bad ? { error_kinds: { [kind]: 1 } } : {}),
    };
  });
}

function findings(rows: SessionSummary[], groupBy: GroupField[], rule: Partial<ProblemSettings> = {}) {
  const aggregator = createAggregator(groupBy);
  for (const row of rows) aggregator.add(row, null);
  const settings: ProblemSettings = {
    groupBy,
    minSessions: 10,
    minInstallations: 3,
    minRateRatio: 1.5,
    errorRateThreshold: 0,
    confidence: 0.95,
    ...rule,
  };
  return { found: findRunProblems(aggregator, settings), aggregator, settings };
}

// Windows breaks from 2.4.0 on: 60 of 100 sessions err on each of 2.4.0 and 2.5.0; everything else errs 2 in 100.
const population = () => [
  ...sessions('windows', '2.3.0', 100, 2),
  ...sessions('windows', '2.4.0', 100, 60),
  ...sessions('windows', '2.5.0', 100, 60),
  ...sessions('linux', '2.3.0', 100, 2),
  ...sessions('linux', '2.4.0', 100, 2),
  ...sessions('linux', '2.5.0', 100, 2),
  // Too few sessions to judge.
  ...sessions('darwin', '2.5.0', 9, 0),
  // Exactly min-sessions: judged like any other.
  ...sessions('darwin', '2.4.0', 10, 0),
];

test("a problem's fields name what it fixes: a platform, a version and later, any value", () => {
  const { found } = findings(population(), ['os.platform', 'app.version']);
  assert.equal(found.problems.length, 1);
  const problem = found.problems[0]!;
  assert.deepEqual(problem.fields, [
    { name: 'os.platform', value: 'windows' },
    { name: 'app.version', value: '2.4.0 and later' },
  ]);
  assert.deepEqual([problem.sessions, problem.erroredSessions], [200, 120]);
  assert.equal(problem.errorRate, 0.6);
  assert.equal(problem.flagged, true);
  assert.equal(problem.aboveThreshold, true);
  assert.ok(problem.interval.low < 0.6 && problem.interval.high > 0.6);
  // Its comparison: the other sessions it is held to, their rate their own quotient.
  assert.ok(problem.baseline.sessions > 0);
  assert.equal(problem.baseline.errorRate, problem.baseline.erroredSessions / problem.baseline.sessions);
  assert.ok(problem.baseline.errorRate! < 0.05);
});

test('above the threshold: at least min-sessions sessions and at least the threshold rate, each counted at its edge', () => {
  const judged = (rule: Partial<ProblemSettings>) => {
    const { found, aggregator } = findings(population(), ['os.platform', 'app.version'], rule);
    const cell = aggregator
      .groups()
      .find((group) => group.fields.map((field) => field.value).join(' ') === 'windows 2.4.0')!;
    return found.revisitCell({ ...cell, flagged: false, verdict: '' } as never);
  };
  // The cell: 60 of 100 sessions errored.
  assert.equal(judged({}).aboveThreshold, true);
  assert.equal(
    judged({ minSessions: 100, errorRateThreshold: 0.6 }).aboveThreshold,
    true,
    'exactly min-sessions, exactly the threshold',
  );
  assert.equal(judged({ minSessions: 101 }).aboveThreshold, false, 'one session short');
  assert.equal(judged({ errorRateThreshold: 0.61 }).aboveThreshold, false, 'a rate below the threshold');
});

test("each cell's verdict: part of the problem (by its label), too few sessions (with both counts), or part of no problem", () => {
  const { found, aggregator, settings } = findings(population(), ['os.platform', 'app.version']);
  const cells = new Map(
    aggregator.groups().map((group) => [group.fields.map((field) => field.value).join(' '), group]),
  );
  const judge = (key: string) => found.judgeCell({ ...cells.get(key)!, flagged: false, verdict: '' } as never);
  const label = found.problems[0]!.problem.label;
  assert.deepEqual(
    [judge('windows 2.4.0').flagged, judge('windows 2.4.0').verdict],
    [true, `part of the problem ${label}`],
  );
  assert.deepEqual([judge('windows 2.3.0').flagged, judge('windows 2.3.0').verdict], [false, 'part of no problem']);
  assert.deepEqual(
    [judge('darwin 2.5.0').flagged, judge('darwin 2.5.0').verdict],
    [false, `too few sessions (9 < ${settings.minSessions})`],
  );
  assert.deepEqual([judge('darwin 2.4.0').flagged, judge('darwin 2.4.0').verdict], [false, 'part of no problem']);
  assert.equal(found.covers(found.problems[0]!, cells.get('windows 2.5.0') as never), true);
  assert.equal(found.covers(found.problems[0]!, cells.get('linux 2.5.0') as never), false);
});

test('grouped by exception class: the class is a fixed field of the problem, and covers only cells of that class', () => {
  const rows = [
    ...sessions('windows', '2.4.0', 100, 60, 20, 'TimeoutError'),
    ...sessions('windows', '2.3.0', 100, 2, 20, 'KeyError'),
    ...sessions('linux', '2.4.0', 100, 2, 20, 'KeyError'),
    ...sessions('linux', '2.3.0', 100, 2, 20, 'KeyError'),
  ];
  const { found, aggregator } = findings(rows, ['os.platform', 'app.version', 'error_kind']);
  const problem = found.problems.find((candidate) => candidate.problem.measure === 'TimeoutError');
  assert.ok(problem, found.problems.map((candidate) => candidate.problem.label).join('; '));
  assert.deepEqual(problem.fields.at(-1), { name: 'error_kind', value: 'TimeoutError' });
  const cells = aggregator.groups();
  const timeout = cells.find((cell) => cell.fields.some((field) => field.value === 'TimeoutError'))!;
  const key = cells.find(
    (cell) => cell.fields.some((field) => field.value === 'KeyError') && cell.fields[0]!.value === 'windows',
  )!;
  assert.equal(found.covers(problem, timeout as never), true);
  assert.equal(found.covers(problem, key as never), false, 'the same configuration, another class');
  // A cell looked at again is judged on its own configuration and class.
  const again = found.revisitCell(timeout as never);
  assert.deepEqual(
    again.fields.map((field) => field.value),
    ['windows', '2.4.0', 'TimeoutError'],
  );
});

test('a field the problem leaves open reads "(any)" and stays out of its label; so does the class of a problem over every class', () => {
  const rows = [
    ...sessions('windows', '2.4.0', 100, 60, 20, 'TimeoutError'),
    ...sessions('linux', '2.4.0', 100, 2, 20, 'KeyError'),
  ];
  const { found } = findings(rows, ['os.platform', 'app.version', 'error_kind']);
  // Release 2.4.0 on every platform, every class: looked at again from a stored pattern.
  const everywhere = found.revisit(
    [
      { field: 'os.platform', op: 'any' },
      { field: 'app.version', op: 'is', value: '2.4.0' },
    ],
    null,
  );
  assert.deepEqual(everywhere.fields, [
    { name: 'os.platform', value: '(any)' },
    { name: 'app.version', value: '2.4.0' },
    { name: 'error_kind', value: '(any)' },
  ]);
  assert.equal(everywhere.problem.label, 'app.version 2.4.0');
  assert.deepEqual(everywhere.problem.openFields, ['os.platform']);
  // Every errored session of both platforms counts when no class is fixed.
  assert.deepEqual([everywhere.sessions, everywhere.erroredSessions], [200, 62]);
  // With the class fixed, only its sessions count, and the label names it.
  const timeouts = found.revisit(
    [
      { field: 'os.platform', op: 'any' },
      { field: 'app.version', op: 'is', value: '2.4.0' },
    ],
    'TimeoutError',
  );
  assert.equal(timeouts.problem.label, 'app.version 2.4.0, error_kind TimeoutError');
  assert.deepEqual([timeouts.sessions, timeouts.erroredSessions], [200, 60]);
});

test('a cell covered by two problems names both in its verdict, joined by "; "', () => {
  // Windows breaks from 2.4.0 on, and 2.6.0 breaks everywhere: windows 2.6.0 is in both.
  const rows = [
    ...sessions('windows', '2.3.0', 200, 4),
    ...sessions('windows', '2.4.0', 200, 120),
    ...sessions('windows', '2.5.0', 200, 120),
    ...sessions('windows', '2.6.0', 200, 120),
    ...sessions('linux', '2.3.0', 200, 4),
    ...sessions('linux', '2.4.0', 200, 4),
    ...sessions('linux', '2.5.0', 200, 4),
    ...sessions('linux', '2.6.0', 200, 120),
    ...sessions('darwin', '2.3.0', 200, 4),
    ...sessions('darwin', '2.4.0', 200, 4),
    ...sessions('darwin', '2.5.0', 200, 4),
    ...sessions('darwin', '2.6.0', 200, 120),
  ];
  const { found, aggregator } = findings(rows, ['os.platform', 'app.version']);
  const labels = found.problems.map((problem) => problem.problem.label).sort();
  const cell = aggregator
    .groups()
    .find((group) => group.fields.map((field) => field.value).join(' ') === 'windows 2.6.0')!;
  const covering = found.problems.filter((problem) => found.covers(problem, cell as never));
  assert.equal(covering.length, 2, labels.join(' | '));
  const verdict = found.judgeCell({ ...cell, flagged: false, verdict: '' } as never).verdict;
  assert.equal(verdict, `part of the problem ${covering.map((problem) => problem.problem.label).join('; ')}`);
  assert.match(verdict, /; /);
});

test('a cell looked at again under exception-class grouping counts only its class', () => {
  // Windows 2.4.0: 100 sessions with 60 timeouts, 50 more with 10 key errors.
  const rows = [
    ...sessions('windows', '2.4.0', 100, 60, 20, 'TimeoutError'),
    ...sessions('windows', '2.4.0', 50, 10, 20, 'KeyError'),
    ...sessions('linux', '2.4.0', 100, 2, 20, 'KeyError'),
  ];
  const { found, aggregator } = findings(rows, ['os.platform', 'app.version', 'error_kind']);
  const timeout = aggregator
    .groups()
    .find((cell) => cell.fields.map((field) => field.value).join(' ') === 'windows 2.4.0 TimeoutError')!;
  const again = found.revisitCell(timeout as never);
  assert.deepEqual([again.sessions, again.erroredSessions], [150, 60]);
  assert.equal(again.problem.measure, 'TimeoutError');
  // Without the class in the grouping, the same configuration counts every errored session.
  const plain = findings(rows, ['os.platform', 'app.version']);
  const cell = plain.aggregator
    .groups()
    .find((group) => group.fields.map((field) => field.value).join(' ') === 'windows 2.4.0')!;
  const whole = plain.found.revisitCell(cell as never);
  assert.deepEqual([whole.sessions, whole.erroredSessions], [150, 70]);
  assert.equal(whole.problem.measure, null);
});

test("a problem's comparison carries its own rate, and a description of every session has no baseline rate", () => {
  const { found } = findings(population(), ['os.platform', 'app.version']);
  const problem = found.problems[0]!;
  // Windows from 2.4.0 on is compared with Windows 2.3.0: 2 of 100.
  assert.deepEqual(problem.problem.comparison, {
    label: 'in 2.3.0',
    sessions: 100,
    erroredSessions: 2,
    errorRate: 0.02,
  });
  // Every cell at once: nothing is left to compare with.
  const everything = found.revisit(
    [
      { field: 'os.platform', op: 'any' },
      { field: 'app.version', op: 'any' },
    ],
    null,
  );
  assert.deepEqual(everything.baseline, { sessions: 0, erroredSessions: 0, errorRate: null });
  assert.equal(everything.sessions, 619);
});

test("a problem's installations and the run's level: alpha is one less the confidence", () => {
  const { found } = findings(population(), ['os.platform', 'app.version']);
  const problem = found.problems[0]!;
  // Windows 2.4.0 and 2.5.0: 20 installations each, every one of them with errored sessions.
  assert.deepEqual(problem.problem.installs, { known: true, affected: 40, reporting: 40, approximate: false });
  const cells = found.search.levels[0]!;
  assert.ok(
    Math.abs(cells.logLevel - Math.log(((1 - 0.95) * 0.85 * 0.8) / cells.testable)) < 1e-9,
    `${cells.logLevel} for ${cells.testable} testable cells`,
  );
});
