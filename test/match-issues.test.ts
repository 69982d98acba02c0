// Which existing issue each problem belongs to.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fingerprintOf } from '../src/aggregate/group-key.ts';
import { anchorKeyOf, problemFingerprint } from '../src/problems/judge-problems.ts';
import { patternKey } from '../src/problems/pattern.ts';
import type { Pattern } from '../src/problems/pattern.ts';
import type { TrackedIssue } from '../src/trackers/issue-tracker.ts';
import { composeBody } from '../src/trackers/managed-section.ts';
import type { IssueState } from '../src/trackers/managed-section.ts';
import { matchIssues } from '../src/trackers/match-issues.ts';

const groupBy = ['os.platform', 'app.version'];
const windows = (version: Pattern[1]): Pattern => [{ field: 'os.platform', op: 'is', value: 'windows' }, version];
const since = (value: string) => windows({ field: 'app.version', op: 'since', value });
const cell = (value: string) => windows({ field: 'app.version', op: 'is', value });
const release: Pattern = [{ field: 'os.platform', op: 'any' }, { field: 'app.version', op: 'is', value: '2.5.0' }];

function issue(number: number, pattern: Pattern, versions: string[], extra: Partial<TrackedIssue> = {}, state: Partial<IssueState> = {}): TrackedIssue {
  const body = composeBody(null, 'figures', `${number}`.padStart(16, '0'), {
    v: 2,
    groupBy,
    pattern: patternKey(pattern),
    measure: null,
    anchor: anchorKeyOf(pattern, null),
    versions,
    sessions: 100,
    erroredSessions: 25,
    errorRate: 0.25,
    ...state,
  });
  return { number, title: `#${number}`, body, state: 'open', stateReason: null, labels: ['crash-report'], url: `u${number}`, ...extra };
}
const problem = (pattern: Pattern, versions: string[], legacy: string[] = []) => ({ anchor: anchorKeyOf(pattern, null), pattern, measure: null, versions, legacy });

test('the next broken release finds the open issue of the same place', () => {
  const existing = [issue(4, since('2.4.0'), ['2.4.0', '2.4.1', '2.5.0'])];
  const match = matchIssues([problem(since('2.4.0'), ['2.4.0', '2.4.1', '2.5.0', '2.6.0'])], existing, groupBy);
  assert.equal(match.found[0]!.issue?.number, 4);
  assert.deepEqual(match.orphans, []);
  // Once the old versions leave the window the description starts later: still the same issue.
  assert.equal(matchIssues([problem(since('2.5.0'), ['2.5.0', '2.6.0'])], existing, groupBy).found[0]!.issue?.number, 4);
});

test('a description that widens or narrows keeps its open issue; an unrelated place does not take it', () => {
  const existing = [issue(7, cell('2.5.0'), ['2.5.0'])];
  assert.equal(matchIssues([problem(release, ['2.5.0'])], existing, groupBy).found[0]!.issue?.number, 7);
  const linux: Pattern = [{ field: 'os.platform', op: 'is', value: 'linux' }, { field: 'app.version', op: 'is', value: '2.4.0' }];
  const other = matchIssues([problem(linux, ['2.4.0'])], existing, groupBy);
  assert.equal(other.found[0]!.issue, null);
  assert.deepEqual(other.orphans.map((orphan) => orphan.issue.number), [7]);
});

test('an issue this tool closed takes the problem back only for a newer release; one a maintainer closed takes it back on known versions', () => {
  const byTool = issue(3, cell('2.4.0'), ['2.4.0'], { state: 'closed', stateReason: 'completed' }, { closedByTool: true, newestSeen: '2.5.0' });
  assert.equal(matchIssues([problem(cell('2.4.0'), ['2.4.0'])], [byTool], groupBy).found[0]!.issue, null, 'found again on known versions: a new issue, not a reopen');
  assert.equal(matchIssues([problem(since('2.4.0'), ['2.4.0', '2.6.0'])], [byTool], groupBy).found[0]!.issue?.number, 3, '2.6.0 is newer than any release seen at the close');
  const byMaintainer = issue(5, cell('2.4.0'), ['2.4.0'], { state: 'closed', stateReason: 'completed' });
  assert.equal(matchIssues([problem(cell('2.4.0'), ['2.4.0'])], [byMaintainer], groupBy).found[0]!.issue?.number, 5);
});

test('per-cell issues of earlier releases: the oldest open one is adopted, the other open ones are duplicates, closed ones stay as they are', () => {
  const legacy = (number: number, version: string, state: 'open' | 'closed' = 'open'): TrackedIssue => ({
    number,
    title: `old ${version}`,
    body: composeBody(null, 'old', fingerprintOf(groupBy as never, ['windows', version]), { v: 1, groupBy, versions: [version], sessions: 10, erroredSessions: 5, errorRate: 0.5 }),
    state,
    stateReason: state === 'closed' ? 'completed' : null,
    labels: ['crash-report'],
    url: `u${number}`,
  });
  const fingerprints = ['2.4.0', '2.4.1', '2.5.0'].map((version) => fingerprintOf(groupBy as never, ['windows', version]));
  const existing = [legacy(9, '2.4.1'), legacy(2, '2.4.0', 'closed'), legacy(12, '2.5.0')];
  const match = matchIssues([problem(since('2.4.0'), ['2.4.0', '2.4.1', '2.5.0'], fingerprints)], existing, groupBy);
  assert.equal(match.found[0]!.issue?.number, 9);
  assert.deepEqual(match.found[0]!.duplicates.map((twin) => twin.number), [12]);
  assert.deepEqual(match.orphans, []);
});

test('where a problem is, and its fingerprint, are pinned: issues are found again by them', () => {
  const anchor = anchorKeyOf(since('2.4.0'), null);
  // The anchor leaves the version out: the next release, or a window that no longer holds 2.4.0, is the same place.
  assert.equal(anchor, '[null,"[[\\"os.platform\\",\\"is\\",\\"windows\\"],[\\"app.version\\"]]"]');
  assert.equal(anchorKeyOf(cell('2.6.0'), null), anchor);
  assert.equal(problemFingerprint(groupBy, anchor), '50f8da05c9d42361');
});
