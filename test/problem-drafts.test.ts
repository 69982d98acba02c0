// The drafts of a run's problem issues, from a population aggregated here: which issue each
// problem takes, which issues of problems no longer found are looked at again, and the labels.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createAggregator } from '../src/aggregate/aggregate-groups.ts';
import { fingerprintOf } from '../src/aggregate/group-key.ts';
import type { JudgedGroup } from '../src/aggregate/flag-groups.ts';
import { anchorKeyOf, findRunProblems } from '../src/problems/judge-problems.ts';
import type { ProblemGroup } from '../src/problems/judge-problems.ts';
import { patternKey } from '../src/problems/pattern.ts';
import type { Pattern } from '../src/problems/pattern.ts';
import type { IssueContext } from '../src/render/issue-context.ts';
import type { IssueRenderer } from '../src/render/issue-templates.ts';
import type { SessionSummary } from '../src/records/session-summary.ts';
import type { TrackedIssue } from '../src/trackers/issue-tracker.ts';
import { composeBody } from '../src/trackers/managed-section.ts';
import type { IssueState } from '../src/trackers/managed-section.ts';
import { dimensionLabels, draftProblemIssues, newestVersionOf, planOptions } from '../src/trackers/problem-drafts.ts';
import type { DraftSettings } from '../src/trackers/problem-drafts.ts';

const START = Date.parse('2026-03-01T10:00:00Z');
let serial = 0;

/** `count` sessions of one configuration over 20 installations, the first `errored` of them errored. */
function sessions(platform: string, version: string, count: number, errored: number, kind = 'KeyError') {
  return Array.from({ length: count }, (_, n): SessionSummary => {
    serial += 1;
    return {
      schema_version: 1,
      session_id: `5d0c7a1e-0000-4000-8000-${String(serial).padStart(12, '0')}`,
      install_id: `1b9d6bcd-0000-4000-8000-${String((n % 20) + 1).padStart(6, '0')}${platform.length}${version.replaceAll('.', '').padStart(5, '0')}`,
      app: { name: 'octo', version },
      os: { platform: platform as SessionSummary['os']['platform'] },
      started_at: new Date(START + n * 60_000).toISOString(),
      ended_at: new Date(START + n * 60_000 + 1000).toISOString(),
      log_lines: 10,
      error_lines: n < errored ? 1 : 0,
      ...(n < errored ? { error_kinds: { [kind]: 1 } } : {}),
    };
  });
}

const groupBy = ['os.platform', 'app.version'] as const;
const settings: DraftSettings = {
  groupBy: [...groupBy],
  minSessions: 10,
  errorRateThreshold: 0,
  lookbackDays: 7,
  confidence: 0.95,
  dimensionLabels: false,
};

/** Windows breaks from 2.4.0 on; linux 2.5.0 is a cell of its own, healthy. */
function run(rows = population(), draftSettings: DraftSettings = settings) {
  const aggregator = createAggregator(draftSettings.groupBy);
  for (const row of rows) aggregator.add(row, null);
  const findings = findRunProblems(aggregator, {
    ...draftSettings,
    minInstallations: 3,
    minRateRatio: 1.5,
  });
  const cells: JudgedGroup[] = aggregator
    .groups()
    .map((group) => findings.judgeCell({ ...group, flagged: false, verdict: '' } as JudgedGroup));
  return { findings, cells };
}
const population = () => [
  ...sessions('windows', '2.3.0', 100, 2),
  ...sessions('windows', '2.4.0', 100, 60),
  ...sessions('windows', '2.5.0', 100, 60),
  ...sessions('linux', '2.3.0', 100, 2),
  ...sessions('linux', '2.4.0', 100, 2),
  ...sessions('linux', '2.5.0', 100, 2),
];

/** A renderer that keeps the body contexts it was given. */
function recorder() {
  const contexts: IssueContext[] = [];
  const renderer: IssueRenderer = {
    render(title, body) {
      contexts.push(body);
      return { title: `title of ${title.group.label}`, body: 'body' };
    },
  };
  return { contexts, renderer };
}

const windowsSince: Pattern = [
  { field: 'os.platform', op: 'is', value: 'windows' },
  { field: 'app.version', op: 'since', value: '2.4.0' },
];

function issue(number: number, state: Partial<IssueState> & Pick<IssueState, 'v'>, extra: Partial<TrackedIssue> = {}) {
  return {
    number,
    title: `#${number}`,
    body: composeBody(null, 'figures', `${number}`.padStart(16, '0'), {
      groupBy: [...groupBy],
      versions: ['2.4.0'],
      sessions: 100,
      erroredSessions: 25,
      errorRate: 0.25,
      ...state,
    }),
    state: 'open',
    stateReason: null,
    labels: ['crash-report'],
    url: `u${number}`,
    ...extra,
  } satisfies TrackedIssue;
}
/** An issue filed for one cell by an earlier release: the cell's fingerprint and a v1 state. */
function perCellIssue(number: number, values: [string, string]): TrackedIssue {
  const filed = issue(number, { v: 1 });
  filed.body = composeBody(null, 'old', fingerprintOf([...groupBy], values), {
    v: 1,
    groupBy: [...groupBy],
    versions: [values[1]],
    sessions: 100,
    erroredSessions: 60,
    errorRate: 0.6,
  });
  return filed;
}
const problemIssue = (number: number, pattern: Pattern, measure: string | null = null) =>
  issue(number, { v: 2, pattern: patternKey(pattern), measure, anchor: anchorKeyOf(pattern, measure) });

test('a problem takes the open issue of its place, with its label and no dimension labels unless asked', () => {
  const { findings, cells } = run();
  const { contexts, renderer } = recorder();
  const drafts = draftProblemIssues({
    settings,
    findings,
    cells,
    existing: [problemIssue(7, windowsSince)],
    renderer,
  });
  assert.deepEqual(
    drafts.map((draft) => [draft.label, draft.issue?.number, draft.labels, draft.title, draft.rendered]),
    [
      [
        'os.platform windows, app.version 2.4.0 and later',
        7,
        [],
        'title of os.platform windows, app.version 2.4.0 and later',
        'body',
      ],
    ],
  );
  assert.equal(drafts[0]!.fingerprint, findings.problems[0]!.fingerprint);
  // Without an ignore label in the settings, the footer names the default one.
  assert.equal(contexts[0]!.rule.ignoreLabel, 'crash-report:ignore');
  const muted = recorder();
  draftProblemIssues({
    settings: { ...settings, ignoreLabel: 'muted', dimensionLabels: true },
    findings,
    cells,
    existing: [],
    renderer: muted.renderer,
  });
  assert.equal(muted.contexts[0]!.rule.ignoreLabel, 'muted');
  const labelled = draftProblemIssues({
    settings: { ...settings, dimensionLabels: true },
    findings,
    cells,
    existing: [],
    renderer,
  });
  assert.deepEqual(labelled[0]!.labels, ['os:windows']);
  assert.equal(labelled[0]!.issue, null);
});

test('an issue filed for one cell by an earlier release is taken by the problem that covers the flagged cell', () => {
  const { findings, cells } = run();
  const legacy = perCellIssue(3, ['windows', '2.4.0']);
  const drafts = draftProblemIssues({ settings, findings, cells, existing: [legacy], renderer: recorder().renderer });
  assert.deepEqual(
    drafts.map((draft) => [draft.label, draft.issue?.number]),
    [['os.platform windows, app.version 2.4.0 and later', 3]],
  );
  // The cell must be flagged: an issue of a cell the run does not flag is not taken, but looked at again.
  const unflagged = cells.map((cell) => ({ ...cell, flagged: false }));
  const again = draftProblemIssues({
    settings,
    findings,
    cells: unflagged,
    existing: [legacy],
    renderer: recorder().renderer,
  });
  assert.deepEqual(
    again.map((draft) => [draft.label, draft.issue?.number ?? null]),
    [
      ['os.platform windows, app.version 2.4.0 and later', null],
      ['os.platform windows, app.version 2.4.0', 3],
    ],
  );
  assert.deepEqual([again[1]!.group.sessions, again[1]!.group.erroredSessions], [100, 60]);
});

test('issues of problems no longer found are looked at again by their stored pattern and class, if any sessions remain', () => {
  const { findings, cells } = run();
  const linux: Pattern = [
    { field: 'os.platform', op: 'is', value: 'linux' },
    { field: 'app.version', op: 'any' },
  ];
  const freebsd: Pattern = [
    { field: 'os.platform', op: 'is', value: 'freebsd' },
    { field: 'app.version', op: 'any' },
  ];
  const existing = [
    problemIssue(11, linux),
    problemIssue(12, linux, 'KeyError'),
    // No session of it in this run: nothing to write.
    problemIssue(13, freebsd),
    // A stored pattern of another grouping's length: not looked at.
    issue(14, { v: 2, pattern: patternKey([linux[0]!]), measure: null, anchor: anchorKeyOf([linux[0]!], null) }),
  ];
  const drafts = draftProblemIssues({ settings, findings, cells, existing, renderer: recorder().renderer });
  const orphans = drafts.filter((draft) => draft.issue !== null && draft.issue.number > 10);
  assert.deepEqual(
    orphans.map((draft) => [draft.issue!.number, draft.label, draft.group.sessions, draft.group.erroredSessions]),
    [
      [11, 'os.platform linux', 300, 6],
      // Looked at again with its class; this grouping does not count classes, so none of it is errored.
      [12, 'os.platform linux', 300, 0],
    ],
  );
  assert.equal(orphans[1]!.group.problem.measure, 'KeyError');
  assert.deepEqual(orphans[0]!.duplicates, []);
});

test('dimension labels: one per fixed field by its short prefix, the class as error:, at most 50 characters', () => {
  const labelsOf = (pattern: Pattern, measure: string | null = null) =>
    dimensionLabels({ problem: { pattern, measure } } as unknown as ProblemGroup);
  const is = (field: string, value: string) => ({ field, op: 'is' as const, value });
  assert.deepEqual(
    labelsOf([
      is('app.name', 'octo'),
      is('app.version', '2.4.0'),
      is('runtime.name', 'node'),
      is('runtime.version', '22.1.0'),
      is('os.platform', 'linux'),
      is('os.version', '6.8'),
      is('os.arch', 'arm64'),
      is('ci', 'GITHUB_ACTIONS'),
      is('outcome', 'crash'),
    ]),
    [
      'app:octo',
      'version:2.4.0',
      'runtime:node',
      'runtime-version:22.1.0',
      'os:linux',
      'os-version:6.8',
      'arch:arm64',
      'ci:GITHUB_ACTIONS',
      'outcome:crash',
    ],
  );
  // Open and since terms name no value; a field the table added reads as its path with dashes.
  assert.deepEqual(
    labelsOf(
      [
        { field: 'os.platform', op: 'any' },
        { field: 'app.version', op: 'since', value: '2.4.0' },
        is('os.kernel', '6.8'),
      ],
      'KeyError',
    ),
    ['os-kernel:6.8', 'error:KeyError'],
  );
  const long = labelsOf([is('os.platform', 'x'.repeat(60))]);
  assert.equal(long[0], `os:${'x'.repeat(47)}`);
});

test('the newest version among the cells, by version order; none without sessions', () => {
  const cell = (appVersions: string[]) => ({ appVersions }) as unknown as JudgedGroup;
  assert.equal(newestVersionOf([cell(['2.9.0', '2.10.0']), cell(['2.4.0'])]), '2.10.0');
  assert.equal(newestVersionOf([cell(['1.0.0-rc.1', '1.0.0'])]), '1.0.0');
  assert.equal(newestVersionOf([cell([])]), null);
  assert.equal(newestVersionOf([]), null);
});

test('an issue filed for a cell this run has no sessions of is not drafted; plan options come from the settings', () => {
  const { findings, cells } = run();
  const gone = perCellIssue(5, ['freebsd', '2.4.0']);
  const drafts = draftProblemIssues({ settings, findings, cells, existing: [gone], renderer: recorder().renderer });
  assert.deepEqual(
    drafts.map((draft) => draft.issue?.number ?? null),
    [null],
  );
  const now = new Date('2026-04-10T00:00:00Z');
  assert.deepEqual(
    planOptions(
      {
        groupBy: ['os.platform'],
        maxNewIssues: 3,
        ignoreLabel: 'mute',
        closeAfterDays: 2,
        commentOnChange: false,
        errorRateThreshold: 0.1,
        minRateRatio: 2,
        confidence: 0.9,
      },
      now,
      '2.5.0',
    ),
    {
      newestVersion: '2.5.0',
      groupBy: ['os.platform'],
      maxNewIssues: 3,
      ignoreLabel: 'mute',
      closeAfterDays: 2,
      commentOnChange: false,
      errorRateThreshold: 0.1,
      minRateRatio: 2,
      confidence: 0.9,
      now,
    },
  );
});
