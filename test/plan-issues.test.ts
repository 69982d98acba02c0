import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ProblemGroup } from '../src/problems/judge-problems.ts';
import type { TrackedIssue } from '../src/trackers/issue-tracker.ts';
import { composeBody, fingerprintIn, SECTION_BEGIN, SECTION_END, stateIn } from '../src/trackers/managed-section.ts';
import { cleanFor, issuesByFingerprint, planIssues, planReportIssue } from '../src/trackers/plan-issues.ts';
import type { GroupDraft, PlanOptions } from '../src/trackers/plan-issues.ts';
import { heldByRule } from '../src/trackers/problem-drafts.ts';
import { judgedGroup } from './fixtures/group-figures.ts';

const now = new Date('2026-04-10T12:00:00Z');
const options: PlanOptions = {
  groupBy: ['os.platform'],
  maxNewIssues: 10,
  ignoreLabel: 'crash-report:ignore',
  closeAfterDays: 0,
  commentOnChange: true,
  errorRateThreshold: 0.05,
  minRateRatio: 1.5,
  confidence: 0.95,
  now,
  newestVersion: null,
};

function group(
  name: string,
  sessions: number,
  errored: number,
  flagged: boolean,
  extra: Partial<ProblemGroup> = {},
): ProblemGroup {
  return {
    ...judgedGroup(name, sessions, errored, flagged),
    appVersions: ['1.0.0'],
    days: [{ day: '2026-04-10', sessions, erroredSessions: errored }],
    ...extra,
  };
}
function draft(
  g: ProblemGroup,
  rendered = `figures of ${g.fields[0]!.value}: ${g.erroredSessions}/${g.sessions}`,
): GroupDraft {
  return {
    fingerprint: g.fingerprint,
    label: g.fields[0]!.value,
    title: `T ${g.fields[0]!.value}`,
    rendered,
    group: g,
    labels: [],
    issue: null,
    duplicates: [],
  };
}
function issueFor(
  number: number,
  d: GroupDraft,
  extra: Partial<TrackedIssue> = {},
  versions = ['1.0.0'],
): TrackedIssue {
  const problem = d.group.problem;
  const pattern = JSON.stringify([['os.platform', 'is', d.group.fields[0]!.value]]);
  const body = composeBody(null, d.rendered, d.fingerprint, {
    v: 2,
    groupBy: ['os.platform'],
    pattern,
    measure: null,
    anchor: problem.anchor,
    versions,
    sessions: d.group.sessions,
    erroredSessions: d.group.erroredSessions,
    errorRate: d.group.errorRate,
    ...(d.group.flagged ? { foundRate: d.group.errorRate } : {}),
  });
  return {
    number,
    title: `edited ${number}`,
    body,
    state: 'open',
    stateReason: null,
    labels: ['crash-report'],
    url: `u${number}`,
    ...extra,
  };
}
/** planIssues with each draft's issue found by fingerprint, as matchIssues does for per-cell issues. */
function planMatched(drafts: GroupDraft[], existing: TrackedIssue[], opts: PlanOptions) {
  const known = issuesByFingerprint(existing);
  return planIssues(
    drafts.map((d) => ({ ...d, issue: known.get(d.fingerprint) ?? null })),
    existing,
    opts,
  );
}
const kinds = (plan: ReturnType<typeof planIssues>) =>
  plan.map((action) => `${action.kind}${'issue' in action && action.issue ? ` #${action.issue.number}` : ''}`);

describe('planIssues', () => {
  test('opens flagged groups up to max-new-issues, leaves unflagged groups without issues alone', () => {
    const drafts = ['a', 'b', 'c']
      .map((name) => draft(group(name, 100, 40, true)))
      .concat(draft(group('d', 100, 1, false)));
    const plan = planMatched(drafts, [], { ...options, maxNewIssues: 2 });
    assert.deepEqual(kinds(plan), ['create', 'create', 'deferred']);
    const created = plan[0]!;
    assert.ok(created.kind === 'create');
    assert.equal(fingerprintIn(created.body), drafts[0]!.fingerprint);
    assert.deepEqual(stateIn(created.body), {
      v: 2,
      groupBy: ['os.platform'],
      pattern: '[["os.platform","is","a"]]',
      measure: null,
      anchor: '[null,"[[\\"os.platform\\",\\"is\\",\\"a\\"]]"]',
      versions: ['1.0.0'],
      sessions: 100,
      erroredSessions: 40,
      errorRate: 0.4,
      foundRate: 0.4,
    });
  });

  test('unchanged figures make no write; changed figures update only the managed section', () => {
    const g = group('a', 100, 40, true);
    const existing = issueFor(1, draft(g));
    existing.body = `Maintainer notes above.\n\n${existing.body}\n\nSee also #99.`;
    assert.deepEqual(kinds(planMatched([draft(g)], [existing], options)), ['unchanged #1']);
    const grown = group('a', 120, 50, true);
    const [update] = planMatched([draft(grown)], [existing], options);
    assert.ok(update?.kind === 'update');
    assert.ok(update.body.startsWith(`Maintainer notes above.\n\n${SECTION_BEGIN}\nfigures of a: 50/120`));
    assert.ok(update.body.endsWith(`${SECTION_END}\n\nSee also #99.`));
    assert.equal(update.comment, null, 'a move of less than a factor of two adds no comment');
  });

  test('a rate that doubles (or halves) adds a comment with old and new figures', () => {
    const existing = issueFor(1, draft(group('a', 100, 10, true)));
    const [update] = planMatched([draft(group('a', 100, 30, true))], [existing], options);
    assert.ok(update?.kind === 'update');
    assert.equal(
      update.comment,
      'The errored-session rate moved from 10.0% (10 of 100) to 30.0% (30 of 100) since the last update.',
    );
    const [quiet] = planMatched([draft(group('a', 100, 30, true))], [existing], { ...options, commentOnChange: false });
    assert.ok(quiet?.kind === 'update' && quiet.comment === null);
  });

  test('closed as completed reopens only on a version newer than all seen before', () => {
    const closed = issueFor(1, draft(group('a', 100, 40, true)), { state: 'closed', stateReason: 'completed' }, [
      '1.0.0',
      '1.1.0',
    ]);
    const older = group('a', 100, 40, true, { appVersions: ['1.0.0', '1.1.0'] });
    assert.deepEqual(kinds(planMatched([draft(older)], [closed], options)), ['closed #1']);
    const newer = group('a', 100, 40, true, { appVersions: ['1.1.0', 'v1.2.0-beta.1'] });
    const [reopen] = planMatched([draft(newer)], [closed], options);
    assert.ok(reopen?.kind === 'reopen');
    assert.match(reopen.comment, /^Regressed in v1\.2\.0-beta\.1: 40\.0% of 100 sessions errored \(40; 95% interval /);
    assert.deepEqual(stateIn(reopen.body)?.versions, ['1.0.0', '1.1.0', 'v1.2.0-beta.1']);
    const notFlagged = group('a', 100, 1, false, { appVersions: ['2.0.0'] });
    assert.deepEqual(kinds(planMatched([draft(notFlagged)], [closed], options)), ['closed #1']);
  });

  test('closed as a duplicate stays closed, even on a newer version', () => {
    const d = draft(group('a', 100, 40, true, { appVersions: ['9.0.0'] }));
    const duplicate = issueFor(1, draft(group('a', 10, 1, true)), { state: 'closed', stateReason: 'duplicate' });
    assert.deepEqual(kinds(planMatched([d], [duplicate], options)), ['muted #1']);
  });

  test('not planned and the ignore label mute an issue for good', () => {
    const d = draft(group('a', 100, 40, true, { appVersions: ['9.0.0'] }));
    const notPlanned = issueFor(1, d, {
      state: 'closed',
      stateReason: 'not_planned',
      body: issueFor(1, draft(group('a', 10, 1, true))).body,
    });
    const ignored = issueFor(2, draft(group('b', 10, 1, true)), { labels: ['crash-report', 'crash-report:ignore'] });
    assert.deepEqual(
      kinds(
        planMatched([d, draft(group('b', 100, 90, true))], [notPlanned, ignored], { ...options, closeAfterDays: 3 }),
      ),
      ['muted #1', 'muted #2'],
    );
  });

  test('close-after-days closes a recovered group, and one with no sessions left', () => {
    const recovered = group('a', 300, 3, false, {
      days: ['2026-04-06', '2026-04-07', '2026-04-08', '2026-04-09', '2026-04-10'].map((day, index) => ({
        day,
        sessions: 60,
        erroredSessions: index === 0 ? 30 : 0,
      })),
    });
    const gone = draft(group('e', 100, 50, true));
    // Filed when half the sessions errored: three days of 0 of 60 are a recovery.
    const existing = [issueFor(1, draft(group('a', 60, 30, true))), issueFor(2, gone)];
    const plan = planMatched([draft(recovered)], existing, { ...options, closeAfterDays: 3 });
    assert.deepEqual(kinds(plan), ['close #1', 'close #2']);
    const [close] = plan;
    assert.ok(close?.kind === 'close');
    assert.match(
      close.comment,
      /^No longer found, and recovered over the last 3 day\(s\), each of them clean: 1\.00% of 300 sessions errored/,
    );
    assert.equal(stateIn(close.body)?.closedByTool, true);
    // Filed at 1%: 0 of 180 since is no evidence of recovery, so the issue stays open.
    assert.deepEqual(
      kinds(planMatched([draft(recovered)], [issueFor(1, draft(recovered))], { ...options, closeAfterDays: 3 })),
      ['unchanged #1'],
    );
    // Four days back still had the bad day.
    assert.deepEqual(kinds(planMatched([draft(recovered)], existing.slice(0, 1), { ...options, closeAfterDays: 5 })), [
      'update #1',
    ]);
    // An issue filed under another grouping is not "gone".
    const other = {
      ...existing[1]!,
      body: existing[1]!.body.replace('"groupBy":["os.platform"]', '"groupBy":["app.version"]'),
    };
    assert.deepEqual(kinds(planMatched([], [other], { ...options, closeAfterDays: 3 })), []);
  });

  test('an issue whose configurations the publication rule hides this run is held: neither closed as gone nor as recovered', () => {
    const recovered = group('a', 300, 3, false, {
      days: ['2026-04-06', '2026-04-07', '2026-04-08', '2026-04-09', '2026-04-10'].map((day, index) => ({
        day,
        sessions: 60,
        erroredSessions: index === 0 ? 30 : 0,
      })),
    });
    const existing = [issueFor(1, draft(group('a', 60, 30, true))), issueFor(2, draft(group('e', 100, 50, true)))];
    const held = new Set([1, 2]);
    // Without the hold, #1 reads as recovered and #2 as gone.
    assert.deepEqual(kinds(planMatched([draft(recovered)], existing, { ...options, closeAfterDays: 3 })), [
      'close #1',
      'close #2',
    ]);
    assert.deepEqual(kinds(planMatched([draft(recovered)], existing, { ...options, closeAfterDays: 3, held })), [
      'unchanged #1',
    ]);
    // Held or not, a problem found this run is written as usual.
    const found = draft(group('a', 60, 40, true));
    assert.deepEqual(kinds(planMatched([found], existing.slice(0, 1), { ...options, closeAfterDays: 3, held })), [
      'update #1',
    ]);
  });

  test("heldByRule holds open issues whose pattern matches a hidden configuration, under the grouping's fields", () => {
    const existing = [
      issueFor(1, draft(group('freebsd', 60, 30, true))),
      issueFor(2, draft(group('linux', 60, 30, true))),
      issueFor(3, draft(group('darwin', 60, 30, true)), { state: 'closed' }),
    ];
    const hidden = [
      {
        fields: [
          { name: 'os.platform' as const, value: 'freebsd' },
          { name: 'os.version' as const, value: '14.1' },
        ],
      },
      { fields: [{ name: 'os.platform' as const, value: 'darwin' }] },
    ];
    assert.deepEqual([...heldByRule(existing, ['os.platform'], hidden)], [1]);
    assert.deepEqual([...heldByRule(existing, ['os.platform'], [])], []);
    // Under a grouping of two fields, a stored pattern of one field is another grouping's: not held.
    const twoFields = [
      {
        fields: [
          { name: 'os.platform' as const, value: 'freebsd' },
          { name: 'os.version' as const, value: '14.1' },
        ],
      },
    ];
    assert.deepEqual([...heldByRule(existing, ['os.platform', 'os.version'], twoFields)], []);
    // An issue filed per cell by an earlier release (state v1) has no pattern to match.
    const v1 = { ...existing[0]!, body: existing[0]!.body.replace('"v":2', '"v":1') };
    assert.deepEqual([...heldByRule([v1], ['os.platform'], hidden)], []);
  });

  test('cleanFor needs the group watched for the whole stretch', () => {
    const fresh = group('a', 10, 0, false, { days: [{ day: '2026-04-10', sessions: 10, erroredSessions: 0 }] });
    assert.equal(cleanFor(fresh, 3, { errorRateThreshold: 0.05, minRateRatio: 1.5, now }), false);
    assert.equal(cleanFor(fresh, 1, { errorRateThreshold: 0.05, minRateRatio: 1.5, now }), true);
    assert.equal(cleanFor(null, 3, { errorRateThreshold: 0.05, minRateRatio: 1.5, now }), true);
  });

  test('when a race made two issues, the oldest open one is used', () => {
    const d = draft(group('a', 1, 1, true));
    const found = issuesByFingerprint([issueFor(8, d), issueFor(5, d, { state: 'closed' }), issueFor(6, d)]);
    assert.equal(found.get(d.fingerprint)?.number, 6);
  });
});

test('the report issue is created once and rewritten only when it changed', () => {
  const first = planReportIssue([], '<!-- r -->', 'Dashboard', 'figures 1');
  assert.ok(first?.kind === 'report' && first.issue === null);
  const issue: TrackedIssue = {
    number: 3,
    title: 'Dashboard',
    body: `notes\n${first.body}`,
    state: 'open',
    stateReason: null,
    labels: ['crash-report'],
    url: 'u3',
  };
  assert.equal(planReportIssue([issue], '<!-- r -->', 'Dashboard', 'figures 1'), null);
  const next = planReportIssue([issue], '<!-- r -->', 'Dashboard', 'figures 2');
  assert.ok(
    next?.kind === 'report' &&
      next.issue?.number === 3 &&
      next.body.startsWith('notes\n') &&
      next.body.includes('figures 2'),
  );
});

describe('the managed section', () => {
  test('a body cut to fit stays within 65,536 characters, note included, at a section heading', () => {
    const huge = Array.from({ length: 4000 }, (_, index) => `### Section ${index}\n\n${'x'.repeat(40)}`).join('\n\n');
    const body = composeBody(null, huge, '0123456789abcdef', {
      v: 1,
      groupBy: ['os.platform'],
      versions: [],
      sessions: 1,
      erroredSessions: 0,
      errorRate: 0,
    });
    assert.ok(body.length <= 65_536, `${body.length} characters`);
    assert.ok(body.length > 65_000, 'the cut keeps as much as fits');
    assert.match(
      body,
      /\n\n> \*\*Note:\*\* this report was cut to fit GitHub's issue size limit; the full figures are in the run's JSON report\.\n\n<!-- crash-report-aggregator:fingerprint=0123456789abcdef -->/,
    );
    // Maintainer text around it counts toward the limit too.
    const around = `${'m'.repeat(5000)}\n\n${body}\n\n${'n'.repeat(5000)}`;
    assert.ok(
      composeBody(around, huge, '0123456789abcdef', {
        v: 1,
        groupBy: ['os.platform'],
        versions: [],
        sessions: 1,
        erroredSessions: 0,
        errorRate: 0,
      }).length <= 65_536,
    );
  });

  test('updates replace the section in place, keeping exactly one pair of markers', () => {
    const state = {
      v: 1 as const,
      groupBy: ['os.platform'],
      versions: [],
      sessions: 1,
      erroredSessions: 0,
      errorRate: 0,
    };
    let body = `Above.\n\n${composeBody(null, 'first', '0123456789abcdef', state)}\n\nBelow.`;
    for (const text of ['second', 'third', 'fourth']) body = composeBody(body, text, '0123456789abcdef', state);
    assert.equal(body.split(SECTION_BEGIN).length - 1, 1);
    assert.equal(body.split(SECTION_END).length - 1, 1);
    assert.match(body, /^Above\.\n\n<!-- crash-report-aggregator:begin -->\nfourth\n\n/);
    assert.match(body, /<!-- crash-report-aggregator:end -->\n\nBelow\.$/);
  });
});

test('an open issue of a problem gone from the window carrying the ignore label is left alone, not closed', () => {
  const gone = issueFor(3, draft(group('abc', 100, 50, true)), { labels: ['crash-report', 'crash-report:ignore'] });
  assert.deepEqual(kinds(planIssues([], [gone], { ...options, closeAfterDays: 3 })), ['muted #3']);
  const plain = issueFor(4, draft(group('def', 100, 50, true)));
  assert.deepEqual(kinds(planIssues([], [plain], { ...options, closeAfterDays: 3 })), ['close #4']);
});

/** cleanFor's rule as the planner applies it: threshold 5%, ratio 1.5, the test's day. */
const watch = { errorRateThreshold: 0.05, minRateRatio: 1.5, now };
/** Day buckets written as [day, sessions, errored sessions]. */
const days = (...buckets: [string, number, number][]) =>
  buckets.map(([day, sessions, erroredSessions]) => ({ day, sessions, erroredSessions }));

describe('the rules of planning, each at its edge', () => {
  test('cleanFor: each day strictly below the limit, the larger of the threshold and the ratio times the baseline', () => {
    // Baseline 4%: the limit is max(5%, 1.5 × 4% = 6%) = 6%.
    const at = (errored: number) =>
      group('a', 100, errored, false, {
        baseline: { sessions: 1000, erroredSessions: 40, errorRate: 0.04 },
        days: days(['2026-04-08', 100, 0], ['2026-04-09', 100, 0], ['2026-04-10', 100, errored]),
      });
    assert.equal(cleanFor(at(5), 3, watch), true, '5% is under 6%');
    assert.equal(cleanFor(at(6), 3, watch), false, 'exactly the limit is not below it');
    // With a threshold above it, the threshold is the limit.
    assert.equal(cleanFor(at(6), 3, { ...watch, errorRateThreshold: 0.07 }), true);
    assert.equal(cleanFor(at(7), 3, { ...watch, errorRateThreshold: 0.07 }), false);
    // A limit of 0 (no threshold, a clean baseline): days without an errored session are still clean.
    const spotless = group('a', 200, 0, false, {
      baseline: { sessions: 1000, erroredSessions: 0, errorRate: 0 },
      days: days(['2026-04-09', 100, 0], ['2026-04-10', 100, 0]),
    });
    assert.equal(cleanFor(spotless, 2, { ...watch, errorRateThreshold: 0 }), true);
  });

  test('cleanFor: recovered when the last days, or the whole window, are unlikely at the rate it was found at', () => {
    const quiet = (buckets: [string, number, number][]) =>
      group('a', 0, 0, false, {
        baseline: { sessions: 1000, erroredSessions: 200, errorRate: 0.2 },
        days: days(...buckets),
      });
    /** Whether the last two days recovered from `filedRate`. */
    const recovered = (buckets: [string, number, number][], filedRate: number | null) =>
      cleanFor(quiet(buckets), 2, watch, filedRate);
    // Found at 50%: 0 errored of 10 has probability 0.5^10 = 0.00098, under 0.001.
    assert.equal(
      recovered(
        [
          ['2026-04-09', 5, 0],
          ['2026-04-10', 5, 0],
        ],
        0.5,
      ),
      true,
    );
    // 0 of 9 (0.0020) is not enough on its own ...
    assert.equal(
      recovered(
        [
          ['2026-04-09', 4, 0],
          ['2026-04-10', 5, 0],
        ],
        0.5,
      ),
      false,
    );
    // ... but the window's 1 of 20 before and since (21 / 2^20 = 0.00002) is.
    assert.equal(
      recovered(
        [
          ['2026-04-05', 11, 1],
          ['2026-04-09', 4, 0],
          ['2026-04-10', 5, 0],
        ],
        0.5,
      ),
      true,
    );
    // 5 errored of 20 (25%, under the 30% limit every day) at a found rate of 50%: P(X <= 5) = 0.021, not recovered.
    assert.equal(
      recovered(
        [
          ['2026-04-09', 10, 2],
          ['2026-04-10', 10, 3],
        ],
        0.5,
      ),
      false,
    );
    // Without a found rate (or with one of 0), clean days are enough.
    assert.equal(
      recovered(
        [
          ['2026-04-09', 10, 2],
          ['2026-04-10', 10, 3],
        ],
        null,
      ),
      true,
    );
    assert.equal(
      recovered(
        [
          ['2026-04-09', 10, 2],
          ['2026-04-10', 10, 3],
        ],
        0,
      ),
      true,
    );
  });

  test('a recovered issue is judged against the rate it was found at, not its last figures', () => {
    const recovered = group('a', 20, 0, false, {
      days: days(['2026-04-08', 10, 0], ['2026-04-09', 5, 0], ['2026-04-10', 5, 0]),
    });
    const d = draft(recovered);
    // Last written at 1% but found at 50%: 0 of 10 in the last two days is a recovery from 50%.
    const issue = issueFor(1, d);
    issue.body = composeBody(null, 'old', d.fingerprint, {
      ...stateIn(issue.body)!,
      errorRate: 0.01,
      foundRate: 0.5,
    });
    assert.deepEqual(kinds(planIssues([{ ...d, issue }], [issue], { ...options, closeAfterDays: 2 })), ['close #1']);
    // Found at 1%: no evidence.
    issue.body = composeBody(null, 'old', d.fingerprint, { ...stateIn(issue.body)!, foundRate: 0.01 });
    assert.deepEqual(kinds(planIssues([{ ...d, issue }], [issue], { ...options, closeAfterDays: 2 })), ['update #1']);
  });

  test('the state keeps the newest version ever seen, the found rate of an issue not found now, and open terms', () => {
    const d = draft(group('a', 100, 5, false, { appVersions: ['2.9.0'] }));
    const issue = issueFor(1, d);
    issue.body = composeBody(null, 'old', d.fingerprint, {
      ...stateIn(issue.body)!,
      newestSeen: '2.10.0',
      foundRate: 0.3,
    });
    const stateAfter = (newestVersion: string | null, body = issue.body) => {
      const [action] = planIssues([{ ...d, issue: { ...issue, body } }], [issue], { ...options, newestVersion });
      assert.ok(action && 'body' in action && action.body, JSON.stringify(action));
      return stateIn(action.body)!;
    };
    assert.equal(stateAfter('2.9.0').newestSeen, '2.10.0', 'by version order, not text');
    assert.equal(stateAfter('2.11.0').newestSeen, '2.11.0');
    assert.equal(stateAfter(null).newestSeen, '2.10.0');
    assert.equal(stateAfter(null).foundRate, 0.3, 'not found now: the found rate stays');
    const plain = composeBody(null, 'old', d.fingerprint, { ...stateIn(issueFor(1, d).body)! });
    assert.equal('newestSeen' in stateAfter(null, plain), false);
    assert.equal('foundRate' in stateAfter(null, plain), false);
    // A created issue's state stores an open term by its field alone.
    const wide = draft(group('w', 100, 50, true));
    wide.group = {
      ...wide.group,
      problem: { ...wide.group.problem, pattern: [{ field: 'os.platform', op: 'any' }] },
    };
    const [created] = planIssues([wide], [], { ...options, newestVersion: '3.0.0' });
    assert.ok(created?.kind === 'create');
    assert.equal(stateIn(created.body)!.pattern, '[["os.platform"]]');
    assert.equal(stateIn(created.body)!.newestSeen, '3.0.0');
    const [none] = planIssues([wide], [], options);
    assert.ok(none?.kind === 'create');
    assert.equal('newestSeen' in stateIn(none.body)!, false);
  });

  test('comments give the figures, with the baseline only when there is one', () => {
    const gone = group('a', 100, 1, false, {
      days: days(['2026-04-09', 50, 0], ['2026-04-10', 50, 1]),
      interval: { low: 0.0002, high: 0.0545 },
    });
    const filed = issueFor(1, draft(group('a', 100, 50, true)));
    const [close] = planMatched([draft(gone)], [filed], { ...options, closeAfterDays: 2 });
    assert.ok(close?.kind === 'close');
    assert.equal(
      close.comment,
      'No longer found, and recovered over the last 2 day(s), each of them clean: 1.00% of 100 sessions errored (1; 95% interval 0.02%–5.45%). Closing as completed; a regression in a newer version reopens it.',
    );
    const compared = { ...gone, baseline: { sessions: 900, erroredSessions: 9, errorRate: 0.01 } };
    const [again] = planMatched([draft(compared)], [filed], { ...options, closeAfterDays: 2 });
    assert.ok(again?.kind === 'close');
    assert.match(again.comment, /\(1; 95% interval 0\.02%–5\.45%\) against 1\.00% for the other sessions\. Closing/);
  });

  test('a rate that doubled or halved is commented on; exactly double or half is not; from 0, any errors are', () => {
    const at = (previousRate: number, errored: number) => {
      const d = draft(group('a', 100, errored, true));
      const issue = issueFor(1, d);
      issue.body = composeBody(null, 'old', d.fingerprint, {
        ...stateIn(issue.body)!,
        errorRate: previousRate,
        sessions: 100,
        erroredSessions: Math.round(previousRate * 100),
      });
      const [action] = planIssues([{ ...d, issue }], [issue], options);
      assert.ok(action?.kind === 'update');
      return action.comment;
    };
    assert.equal(at(0.1, 20), null, 'exactly twice');
    assert.match(
      at(0.1, 21) ?? '',
      /^The errored-session rate moved from 10\.0% \(10 of 100\) to 21\.0% \(21 of 100\)/,
    );
    assert.equal(at(0.2, 10), null, 'exactly half');
    assert.match(at(0.2, 9) ?? '', /moved from 20\.0%/);
    assert.match(at(0, 1) ?? '', /moved from 0\.0% \(0 of 100\) to 1\.00% \(1 of 100\)/);
    // An issue without a previous state has nothing to compare with.
    const d = draft(group('a', 100, 30, true));
    const withState = issueFor(1, d);
    const bare = { ...withState, body: withState.body.replace(/<!-- crash-report-aggregator:state \{.*?\} -->/, '') };
    assert.equal(stateIn(bare.body), null);
    const [action] = planIssues([{ ...d, issue: bare }], [bare], options);
    assert.ok(action?.kind === 'update');
    assert.equal(action.comment, null);
  });

  test('closed as completed is not muted: a regression in a newer release reopens; "not planned" or a duplicate stays shut', () => {
    const d = draft(group('a', 100, 50, true, { appVersions: ['1.0.0', '1.1.0'] }));
    const closed = (stateReason: TrackedIssue['stateReason']) => issueFor(1, d, { state: 'closed', stateReason });
    assert.deepEqual(kinds(planIssues([{ ...d, issue: closed('completed') }], [], options)), ['reopen #1']);
    assert.deepEqual(kinds(planIssues([{ ...d, issue: closed('not_planned') }], [], options)), ['muted #1']);
    assert.deepEqual(kinds(planIssues([{ ...d, issue: closed('duplicate') }], [], options)), ['muted #1']);
    // Reopened only for a version newer than the newest the run had seen when it was last written.
    const seen = closed('completed');
    seen.body = composeBody(null, 'old', d.fingerprint, { ...stateIn(seen.body)!, newestSeen: '1.1.0' });
    assert.deepEqual(kinds(planIssues([{ ...d, issue: seen }], [], options)), ['closed #1']);
    seen.body = composeBody(null, 'old', d.fingerprint, { ...stateIn(seen.body)!, newestSeen: '1.0.5' });
    const [reopen] = planIssues([{ ...d, issue: seen }], [], options);
    assert.ok(reopen?.kind === 'reopen');
    assert.match(reopen.comment, /^Regressed in 1\.1\.0: 50\.0% of 100 sessions errored/);
  });

  test('a twin is closed as a duplicate only when it is open, not muted, and the problem has an issue', () => {
    const d = draft(group('a', 100, 50, true));
    const main = issueFor(1, d);
    const twin = (extra: Partial<TrackedIssue> = {}) => issueFor(2, d, extra);
    const plan = (duplicates: TrackedIssue[], issue: TrackedIssue | null = main) =>
      kinds(planIssues([{ ...d, issue, duplicates }], [], options)).filter((kind) => kind.endsWith('#2'));
    assert.deepEqual(plan([twin()]), ['duplicate #2']);
    assert.deepEqual(plan([twin({ state: 'closed', stateReason: 'completed' })]), []);
    assert.deepEqual(plan([twin({ labels: ['crash-report:ignore'] })]), []);
    assert.deepEqual(plan([twin()], null), []);
    const [dup] = planIssues([{ ...d, issue: main, duplicates: [twin()] }], [], options);
    assert.ok(dup?.kind === 'duplicate');
    assert.equal(dup.comment, 'Duplicate of #1, which tracks the same problem (a) from now on.');
  });

  test('"also seen in" only for an issue that stored versions; nothing is closed with close-after-days 0', () => {
    const d = draft(group('a', 100, 50, true, { appVersions: ['1.0.0', '1.1.0'] }));
    const [also] = planIssues([{ ...d, issue: issueFor(1, d) }], [], options);
    assert.ok(also?.kind === 'update');
    assert.match(also.comment ?? '', /^Also seen in 1\.1\.0: 50\.0% of 100 sessions errored/);
    const [none] = planIssues([{ ...d, issue: issueFor(1, d, {}, []) }], [], options);
    assert.ok(none?.kind === 'update');
    assert.equal(none.comment, null);
    // Gone from the window, but close-after-days is 0: left open.
    const gone = issueFor(3, draft(group('e', 100, 50, true)));
    assert.deepEqual(kinds(planIssues([], [gone], options)), []);
    // Several gone: closed in the order they were filed, each with the same words.
    const older = issueFor(2, draft(group('f', 100, 50, true)));
    const plan = planIssues([], [gone, older], { ...options, closeAfterDays: 4 });
    assert.deepEqual(kinds(plan), ['close #2', 'close #3']);
    assert.ok(plan[0]?.kind === 'close');
    assert.equal(
      plan[0].comment,
      'No sessions of this problem in the last 4 day(s) or more. Closing as completed; a regression in a newer version reopens it.',
    );
  });

  test('issues by fingerprint: those without one are left out, and the oldest open issue wins', () => {
    const d = draft(group('a', 100, 50, true));
    const found = issuesByFingerprint([
      issueFor(5, d),
      issueFor(3, d),
      { ...issueFor(9, d), body: 'written by hand' },
      issueFor(1, d, { state: 'closed', stateReason: 'completed' }),
    ]);
    assert.deepEqual([...found.keys()], [d.fingerprint]);
    assert.equal(found.get(d.fingerprint)!.number, 3);
  });

  test('the report issue is the oldest open one with the marker', () => {
    const marker = '<!-- crash-report-aggregator:dashboard -->';
    const withMarker = (number: number, extra: Partial<TrackedIssue> = {}): TrackedIssue => ({
      number,
      title: 'Dashboard',
      body: `${marker}\nold ${number}`,
      state: 'open',
      stateReason: null,
      labels: [],
      url: `u${number}`,
      ...extra,
    });
    const action = planReportIssue(
      [withMarker(8), withMarker(4), withMarker(2, { state: 'closed' }), { ...withMarker(1), body: 'other' }],
      marker,
      'Dashboard',
      'new figures',
    );
    assert.ok(action?.kind === 'report');
    assert.equal(action.issue?.number, 4);
  });
});

describe('planning: what must not happen', () => {
  const stateless = (issue: TrackedIssue) => ({
    ...issue,
    body: issue.body.replace(/<!-- crash-report-aggregator:state \{.*?\} -->/, ''),
  });

  test('cleanFor: no sessions in the last days is recovered; recovered recent days count whatever came before', () => {
    const g = (buckets: [string, number, number][]) => group('a', 0, 0, false, { days: days(...buckets) });
    assert.equal(cleanFor(group('a', 0, 0, false, { days: [] }), 3, watch, 0.5), true);
    // Only days before the stretch: nothing since, recovered.
    assert.equal(cleanFor(g([['2026-04-05', 20, 10]]), 2, watch, 0.5), true);
    // 0 of 10 in the last two days at a found rate of 50% is a recovery, though the window's 10 of 30 is not.
    assert.equal(
      cleanFor(
        g([
          ['2026-04-05', 20, 10],
          ['2026-04-09', 5, 0],
          ['2026-04-10', 5, 0],
        ]),
        2,
        watch,
        0.5,
      ),
      true,
    );
  });

  test('a problem found this run is never closed, and close-after-days 0 closes nothing, whatever the days say', () => {
    const quiet = days(['2026-04-08', 10, 0], ['2026-04-09', 10, 0], ['2026-04-10', 10, 0]);
    const found = draft(group('a', 30, 0, true, { days: quiet }));
    const filed = issueFor(1, draft(group('a', 100, 50, true)));
    assert.deepEqual(kinds(planIssues([{ ...found, issue: filed }], [filed], { ...options, closeAfterDays: 2 })), [
      'update #1',
    ]);
    const notFound = draft(group('a', 30, 0, false, { days: quiet }));
    assert.deepEqual(kinds(planIssues([{ ...notFound, issue: filed }], [filed], options)), ['update #1']);
    assert.deepEqual(kinds(planIssues([{ ...notFound, issue: filed }], [filed], { ...options, closeAfterDays: 2 })), [
      'close #1',
    ]);
  });

  test('issues without a stored state are updated, kept closed, or judged against no found rate, without failing', () => {
    const quiet = days(['2026-04-09', 10, 0], ['2026-04-10', 10, 0]);
    const notFound = draft(group('a', 20, 0, false, { days: quiet }));
    const open = stateless(issueFor(1, notFound));
    assert.deepEqual(kinds(planIssues([{ ...notFound, issue: open }], [open], options)), ['update #1']);
    assert.deepEqual(kinds(planIssues([{ ...notFound, issue: open }], [open], { ...options, closeAfterDays: 2 })), [
      'close #1',
    ]);
    const found = draft(group('a', 100, 50, true, { appVersions: ['1.0.0', '2.0.0'] }));
    const closed = stateless(issueFor(2, found, { state: 'closed', stateReason: 'completed' }));
    assert.deepEqual(kinds(planIssues([{ ...found, issue: closed }], [], options)), ['closed #2']);
    // An update of an issue without state keeps no found rate of its own.
    const [update] = planIssues([{ ...notFound, issue: open }], [open], options);
    assert.ok(update?.kind === 'update');
    assert.equal('foundRate' in stateIn(update.body)!, false);
  });

  test('a twin closed as a duplicate is not also closed as gone; two closed issues of one place keep the oldest', () => {
    const d = draft(group('a', 100, 50, true));
    const main = issueFor(1, d);
    const twin = issueFor(2, d);
    assert.deepEqual(
      kinds(planIssues([{ ...d, issue: main, duplicates: [twin] }], [main, twin], { ...options, closeAfterDays: 3 })),
      ['duplicate #2', 'unchanged #1'],
    );
    const found = issuesByFingerprint([
      issueFor(7, d, { state: 'closed', stateReason: 'completed' }),
      issueFor(4, d, { state: 'closed', stateReason: 'completed' }),
    ]);
    assert.equal(found.get(d.fingerprint)!.number, 4);
  });

  test('"also seen in" lists every new version; a rate of 0 that stays 0 is no change', () => {
    const d = draft(group('a', 100, 50, true, { appVersions: ['1.0.0', '1.1.0', '1.2.0'] }));
    const [also] = planIssues([{ ...d, issue: issueFor(1, d) }], [], options);
    assert.ok(also?.kind === 'update');
    assert.match(also.comment ?? '', /^Also seen in 1\.1\.0, 1\.2\.0: /);
    const zero = draft(group('z', 100, 0, true));
    const issue = issueFor(2, zero);
    issue.body = composeBody(null, 'old', zero.fingerprint, { ...stateIn(issue.body)!, errorRate: 0, sessions: 50 });
    const [same] = planIssues([{ ...zero, issue }], [issue], options);
    assert.ok(same?.kind === 'update');
    assert.equal(same.comment, null);
  });
});

test('a closed issue of a problem gone from the window is left as it is', () => {
  const gone = issueFor(3, draft(group('e', 100, 50, true)), { state: 'closed', stateReason: 'completed' });
  assert.deepEqual(kinds(planIssues([], [gone], { ...options, closeAfterDays: 3 })), []);
});
