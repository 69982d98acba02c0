// Which existing issue each problem belongs to.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fingerprintOf } from '../src/aggregate/group-key.ts';
import { anchorKeyOf, problemFingerprint } from '../src/problems/judge-problems.ts';
import { patternKey } from '../src/problems/pattern.ts';
import type { Pattern } from '../src/problems/pattern.ts';
import type { TrackedIssue } from '../src/trackers/issue-tracker.ts';
import { composeBody, fingerprintIn } from '../src/trackers/managed-section.ts';
import type { IssueState } from '../src/trackers/managed-section.ts';
import { matchIssues } from '../src/trackers/match-issues.ts';

const groupBy = ['os.platform', 'app.version'];
const windows = (version: Pattern[1]): Pattern => [{ field: 'os.platform', op: 'is', value: 'windows' }, version];
const since = (value: string) => windows({ field: 'app.version', op: 'since', value });
const cell = (value: string) => windows({ field: 'app.version', op: 'is', value });
const release: Pattern = [
  { field: 'os.platform', op: 'any' },
  { field: 'app.version', op: 'is', value: '2.5.0' },
];

function issue(
  number: number,
  pattern: Pattern,
  versions: string[],
  extra: Partial<TrackedIssue> = {},
  state: Partial<IssueState> = {},
): TrackedIssue {
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
  return {
    number,
    title: `#${number}`,
    body,
    state: 'open',
    stateReason: null,
    labels: ['crash-report'],
    url: `u${number}`,
    ...extra,
  };
}
const problem = (pattern: Pattern, versions: string[], legacy: string[] = []) => ({
  anchor: anchorKeyOf(pattern, null),
  pattern,
  measure: null,
  versions,
  legacy,
});

/** An issue filed per configuration cell by an earlier release (state v1, the cell's fingerprint). */
const perCell = (number: number, version: string, extra: Partial<TrackedIssue> = {}): TrackedIssue => ({
  ...issue(number, cell(version), [version]),
  body: composeBody(null, 'old', fingerprintOf(groupBy as never, ['windows', version]), {
    v: 1,
    groupBy,
    versions: [version],
    sessions: 10,
    erroredSessions: 5,
    errorRate: 0.5,
  }),
  ...extra,
});

test('the next broken release finds the open issue of the same place', () => {
  const existing = [issue(4, since('2.4.0'), ['2.4.0', '2.4.1', '2.5.0'])];
  const match = matchIssues([problem(since('2.4.0'), ['2.4.0', '2.4.1', '2.5.0', '2.6.0'])], existing, groupBy);
  assert.equal(match.found[0]!.issue?.number, 4);
  assert.deepEqual(match.orphans, []);
  // Once the old versions leave the window the description starts later: still the same issue.
  assert.equal(
    matchIssues([problem(since('2.5.0'), ['2.5.0', '2.6.0'])], existing, groupBy).found[0]!.issue?.number,
    4,
  );
});

test('a description that widens or narrows keeps its open issue; an unrelated place does not take it', () => {
  const existing = [issue(7, cell('2.5.0'), ['2.5.0'])];
  assert.equal(matchIssues([problem(release, ['2.5.0'])], existing, groupBy).found[0]!.issue?.number, 7);
  const linux: Pattern = [
    { field: 'os.platform', op: 'is', value: 'linux' },
    { field: 'app.version', op: 'is', value: '2.4.0' },
  ];
  const other = matchIssues([problem(linux, ['2.4.0'])], existing, groupBy);
  assert.equal(other.found[0]!.issue, null);
  assert.deepEqual(
    other.orphans.map((orphan) => orphan.issue.number),
    [7],
  );
});

test('an issue this tool closed takes the problem back only for a newer release; one a maintainer closed takes it back on known versions', () => {
  const byTool = issue(
    3,
    cell('2.4.0'),
    ['2.4.0'],
    { state: 'closed', stateReason: 'completed' },
    { closedByTool: true, newestSeen: '2.5.0' },
  );
  assert.equal(
    matchIssues([problem(cell('2.4.0'), ['2.4.0'])], [byTool], groupBy).found[0]!.issue,
    null,
    'found again on known versions: a new issue, not a reopen',
  );
  assert.equal(
    matchIssues([problem(since('2.4.0'), ['2.4.0', '2.6.0'])], [byTool], groupBy).found[0]!.issue?.number,
    3,
    '2.6.0 is newer than any release seen at the close',
  );
  const byMaintainer = issue(5, cell('2.4.0'), ['2.4.0'], { state: 'closed', stateReason: 'completed' });
  assert.equal(matchIssues([problem(cell('2.4.0'), ['2.4.0'])], [byMaintainer], groupBy).found[0]!.issue?.number, 5);
});

test('per-cell issues of earlier releases: the oldest open one is adopted, the other open ones are duplicates, closed ones stay as they are', () => {
  const fingerprints = ['2.4.0', '2.4.1', '2.5.0'].map((version) =>
    fingerprintOf(groupBy as never, ['windows', version]),
  );
  const existing = [
    perCell(9, '2.4.1'),
    perCell(2, '2.4.0', { state: 'closed', stateReason: 'completed' }),
    perCell(12, '2.5.0'),
  ];
  const match = matchIssues([problem(since('2.4.0'), ['2.4.0', '2.4.1', '2.5.0'], fingerprints)], existing, groupBy);
  assert.equal(match.found[0]!.issue?.number, 9);
  assert.deepEqual(
    match.found[0]!.duplicates.map((twin) => twin.number),
    [12],
  );
  assert.deepEqual(match.orphans, []);
});

test('where a problem is, and its fingerprint, are pinned: issues are found again by them', () => {
  const anchor = anchorKeyOf(since('2.4.0'), null);
  // The anchor leaves the version out: the next release, or a window that no longer holds 2.4.0, is the same place.
  assert.equal(anchor, '[null,"[[\\"os.platform\\",\\"is\\",\\"windows\\"],[\\"app.version\\"]]"]');
  assert.equal(anchorKeyOf(cell('2.6.0'), null), anchor);
  assert.equal(problemFingerprint(groupBy, anchor), '50f8da05c9d42361');
});

test("issues of another grouping, or with no fingerprint, are not this run's; unclaimed ones with a state are orphans", () => {
  const otherGrouping = issue(20, cell('2.4.0'), ['2.4.0'], {}, { groupBy: ['os.platform'] });
  const noFingerprint: TrackedIssue = { ...issue(21, cell('2.4.0'), ['2.4.0']), body: 'written by hand' };
  const linux: Pattern = [
    { field: 'os.platform', op: 'is', value: 'linux' },
    { field: 'app.version', op: 'is', value: '2.3.0' },
  ];
  const unrelated = issue(22, linux, ['2.3.0']);
  const match = matchIssues([problem(cell('2.4.0'), ['2.4.0'])], [otherGrouping, noFingerprint, unrelated], groupBy);
  assert.equal(match.found[0]!.issue, null, "neither the other grouping's issue nor the handwritten one");
  assert.deepEqual(
    match.orphans.map((orphan) => [orphan.issue.number, orphan.fingerprint]),
    [[22, '0000000000000022']],
  );
});

test('the issue whose versions the problem shares comes first, open before closed; then an open one of the same place; two open twins: the other is a duplicate', () => {
  const openOld = issue(30, since('2.4.0'), ['2.4.0']);
  const openNow = issue(31, since('2.4.0'), ['2.5.0']);
  const closedNow = issue(29, since('2.4.0'), ['2.5.0'], { state: 'closed', stateReason: 'completed' });
  const shared = matchIssues([problem(since('2.4.0'), ['2.5.0'])], [closedNow, openOld, openNow], groupBy).found[0]!;
  assert.equal(shared.issue?.number, 31, 'open and on 2.5.0');
  assert.deepEqual(shared.duplicates, []);
  // Only the closed one shares the versions: it still comes before an open one on other versions.
  assert.equal(
    matchIssues([problem(since('2.4.0'), ['2.5.0'])], [closedNow, openOld], groupBy).found[0]!.issue?.number,
    29,
  );
  // Two open issues on the same versions: the oldest leads, the other closes as its duplicate.
  const twin = issue(32, since('2.4.0'), ['2.5.0']);
  const twins = matchIssues([problem(since('2.4.0'), ['2.5.0'])], [twin, openNow], groupBy).found[0]!;
  assert.deepEqual([twins.issue?.number, twins.duplicates.map((each) => each.number)], [31, [32]]);
  // No versions shared: the open issue of the same place continues.
  assert.equal(
    matchIssues([problem(since('2.4.0'), ['2.6.0'])], [closedNow, openOld], groupBy).found[0]!.issue?.number,
    30,
  );
});

test("all of a place's issues closed by maintainers and none on these versions: the one with the newest versions takes it back", () => {
  const older = issue(40, since('2.4.0'), ['2.4.0'], { state: 'closed', stateReason: 'completed' });
  const newer = issue(41, since('2.4.0'), ['2.4.1'], { state: 'closed', stateReason: 'completed' });
  const sameNewest = issue(39, since('2.4.0'), ['2.4.1'], { state: 'closed', stateReason: 'completed' });
  assert.equal(matchIssues([problem(since('2.4.0'), ['2.6.0'])], [older, newer], groupBy).found[0]!.issue?.number, 41);
  // Equal newest versions: the lower number.
  assert.equal(
    matchIssues([problem(since('2.4.0'), ['2.6.0'])], [newer, sameNewest, older], groupBy).found[0]!.issue?.number,
    39,
  );
});

test('closed by this tool: the newest version it had seen is the bar, stored versions or newestSeen alike', () => {
  const closed = { state: 'closed' as const, stateReason: 'completed' as const };
  // Without newestSeen, its versions set the bar.
  const byVersions = issue(50, cell('2.4.0'), ['2.4.0', '2.4.1'], closed, { closedByTool: true });
  assert.equal(
    matchIssues([problem(since('2.4.0'), ['2.4.1'])], [byVersions], groupBy).found[0]!.issue,
    null,
    '2.4.1 was seen at the close',
  );
  assert.equal(matchIssues([problem(since('2.4.0'), ['2.4.2'])], [byVersions], groupBy).found[0]!.issue?.number, 50);
  // newestSeen above its versions raises the bar.
  const bySeen = issue(51, cell('2.4.0'), ['2.4.0'], closed, { closedByTool: true, newestSeen: '2.6.0' });
  assert.equal(matchIssues([problem(since('2.4.0'), ['2.5.0'])], [bySeen], groupBy).found[0]!.issue, null);
  assert.equal(
    matchIssues([problem(since('2.4.0'), ['2.6.0'])], [bySeen], groupBy).found[0]!.issue,
    null,
    'equal is not newer',
  );
  assert.equal(matchIssues([problem(since('2.4.0'), ['2.6.1'])], [bySeen], groupBy).found[0]!.issue?.number, 51);
  // Nothing seen at all: any version takes it back.
  const empty = issue(52, cell('2.4.0'), [], closed, { closedByTool: true });
  assert.equal(matchIssues([problem(since('2.4.0'), ['2.4.0'])], [empty], groupBy).found[0]!.issue?.number, 52);
});

test('a wider or narrower description keeps an open issue only of the same exception class, and a claimed issue is not taken twice', () => {
  const kinds = issue(
    60,
    cell('2.5.0'),
    ['2.5.0'],
    {},
    { measure: 'KeyError', anchor: anchorKeyOf(cell('2.5.0'), 'KeyError') },
  );
  const wider = {
    anchor: anchorKeyOf(release, 'ValueError'),
    pattern: release,
    measure: 'ValueError',
    versions: ['2.5.0'],
    legacy: [],
  };
  assert.equal(matchIssues([wider], [kinds], groupBy).found[0]!.issue, null, 'another class');
  const same = { ...wider, anchor: anchorKeyOf(release, 'KeyError'), measure: 'KeyError' };
  assert.equal(matchIssues([same], [kinds], groupBy).found[0]!.issue?.number, 60);
  // Two problems that both nest with one issue: the first takes it, the second files its own.
  const plain = issue(61, cell('2.5.0'), ['2.5.0']);
  const both = matchIssues([problem(release, ['2.5.0']), problem(cell('2.5.0'), ['2.5.0'])], [plain], groupBy).found;
  assert.deepEqual(
    both.map((each) => each.issue?.number ?? null),
    [61, null],
  );
  // A closed issue is not kept by a wider description.
  const closed = issue(62, cell('2.5.0'), ['2.5.0'], { state: 'closed', stateReason: 'completed' });
  assert.equal(matchIssues([problem(release, ['2.5.0'])], [closed], groupBy).found[0]!.issue, null);
});

test('per-cell issues beside an issue of the same place: the place keeps its issue, the open per-cell ones close as its duplicates', () => {
  const place = issue(50, since('2.4.0'), ['2.4.0']);
  const cells = [
    perCell(3, '2.4.0'),
    perCell(4, '2.4.1', { state: 'closed', stateReason: 'completed' }),
    perCell(5, '2.5.0'),
  ];
  const legacy = ['2.4.0', '2.4.1', '2.5.0'].map((version) => fingerprintOf(groupBy as never, ['windows', version]));
  const match = matchIssues([problem(since('2.4.0'), ['2.4.1', '2.5.0'], legacy)], [...cells, place], groupBy);
  assert.equal(match.found[0]!.issue?.number, 50, 'the issue of the place, not the oldest per-cell one');
  assert.deepEqual(
    match.found[0]!.duplicates.map((twin) => twin.number),
    [3, 5],
  );
  assert.deepEqual(match.orphans, [], 'the closed per-cell issue is claimed, left as it is');
});

test('an issue whose stored state cannot be read is no orphan: nothing says what it was, so nothing closes it', () => {
  const linux: Pattern = [
    { field: 'os.platform', op: 'is', value: 'linux' },
    { field: 'app.version', op: 'is', value: '2.2.0' },
  ];
  const damaged: TrackedIssue = {
    ...issue(60, linux, ['2.3.0']),
    body: issue(60, linux, ['2.3.0']).body.replace('"v":2', '"v":9'),
  };
  const readable = issue(61, linux, ['2.2.0']);
  const match = matchIssues([problem(cell('2.4.0'), ['2.4.0'])], [damaged, readable], groupBy);
  assert.deepEqual(
    match.orphans.map((orphan) => orphan.issue.number),
    [61],
  );
});

describe('rules of matchIssues at their edges', () => {
  const closed = { state: 'closed' as const, stateReason: 'completed' as const };

  test("an issue that shares some of the problem's versions shares them: it comes before an open issue on other versions", () => {
    const openElsewhere = issue(70, since('2.4.0'), ['2.3.0']);
    const closedShared = issue(71, since('2.4.0'), ['2.5.0'], closed);
    const found = matchIssues([problem(since('2.4.0'), ['2.5.0', '2.6.0'])], [openElsewhere, closedShared], groupBy)
      .found[0]!;
    assert.equal(found.issue?.number, 71);
  });

  test('the newest version an issue knew is the highest, in whatever order its state lists them', () => {
    // Closed by this tool having seen 2.5.0: a problem on 2.4.5 does not take it back.
    const tool = issue(72, since('2.4.0'), ['2.5.0', '2.4.0'], closed, { closedByTool: true });
    assert.equal(matchIssues([problem(since('2.4.0'), ['2.4.5'])], [tool], groupBy).found[0]!.issue, null);
    // All closed by maintainers, none on these versions: the one whose highest version is newest, not whose last is.
    const a = issue(73, since('2.4.0'), ['2.5.0', '2.4.0'], closed);
    const b = issue(74, since('2.4.0'), ['2.4.1'], closed);
    assert.equal(matchIssues([problem(since('2.4.0'), ['2.6.0'])], [a, b], groupBy).found[0]!.issue?.number, 73);
  });

  test('closed issues of a place with no versions stored come after those with versions; among equals the lowest number', () => {
    const none = issue(75, since('2.4.0'), [], closed);
    const some = issue(80, since('2.4.0'), ['1.0.0'], closed);
    assert.equal(matchIssues([problem(since('2.4.0'), ['2.6.0'])], [none, some], groupBy).found[0]!.issue?.number, 80);
    // Whichever number is lower.
    const later = issue(86, since('2.4.0'), [], closed);
    assert.equal(matchIssues([problem(since('2.4.0'), ['2.6.0'])], [some, later], groupBy).found[0]!.issue?.number, 80);
    // Two that stored none: the lower number.
    assert.equal(matchIssues([problem(since('2.4.0'), ['2.6.0'])], [later, none], groupBy).found[0]!.issue?.number, 75);
    const ties = [84, 81, 83, 82, 85].map((number) => issue(number, since('2.4.0'), ['2.4.1'], closed));
    assert.equal(matchIssues([problem(since('2.4.0'), ['2.6.0'])], ties, groupBy).found[0]!.issue?.number, 81);
  });

  test("an open issue stays the problem's even when its state says this tool once closed it (a maintainer reopened it)", () => {
    // Another cell of the same place, so no wider or narrower description takes it either.
    const reopened = issue(76, cell('2.5.0'), ['2.5.0'], {}, { closedByTool: true });
    assert.equal(
      matchIssues([problem(cell('2.4.0'), ['2.4.0'])], [reopened], groupBy).found[0]!.issue?.number,
      76,
      'open: no newer release needed',
    );
  });

  test('a per-cell issue of another cell is not adopted, and one whose state cannot be read still is by its fingerprint', () => {
    const other = perCell(77, '2.3.0');
    const unreadable = perCell(78, '2.4.0');
    const damaged = { ...unreadable, body: unreadable.body.replace('"v":1', '"v":7') };
    const legacy = [fingerprintOf(groupBy as never, ['windows', '2.4.0'])];
    const found = matchIssues([problem(since('2.4.0'), ['2.4.0'], legacy)], [other, damaged], groupBy).found[0]!;
    assert.equal(found.issue?.number, 78);
    assert.deepEqual(found.duplicates, []);
  });

  test('a state without a fingerprint is no issue of this tool, and a stored pattern that cannot be read takes nothing', () => {
    const unmarked = issue(79, since('2.4.0'), ['2.4.0']);
    const noFingerprint = {
      ...unmarked,
      body: unmarked.body.replace(/<!-- crash-report-aggregator:fingerprint=[0-9a-f]{16} -->\n?/, ''),
    };
    assert.equal(fingerprintIn(noFingerprint.body), null);
    const wider: Pattern = [
      { field: 'os.platform', op: 'is', value: 'linux' },
      { field: 'app.version', op: 'any' },
    ];
    const garbled = issue(86, wider, ['2.4.0'], {}, { pattern: 'not a pattern' });
    const match = matchIssues([problem(cell('2.4.0'), ['2.4.0'])], [noFingerprint, garbled], groupBy);
    assert.equal(match.found[0]!.issue, null);
    assert.deepEqual(
      match.orphans.map((orphan) => orphan.issue.number),
      [86],
    );
  });
});
