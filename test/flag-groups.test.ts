import assert from 'node:assert/strict';
import { test } from 'node:test';
import { judgeGroups } from '../src/aggregate/flag-groups.ts';
import { groupFigures as group } from './fixtures/group-figures.ts';

const rule = { minSessions: 10, errorRateThreshold: 0.05, confidence: 0.95 };

test('flags only groups significantly worse than the rest', () => {
  const judged = judgeGroups(
    [
      group('bad', 100, 40),
      group('noisy-small', 12, 1),
      group('few', 9, 9),
      group('healthy', 1000, 20),
      { ...group('one-machine', 30, 20), singleInstall: true },
    ],
    rule,
  );
  assert.deepEqual(
    judged.map((entry) => [entry.fields[0]?.value, entry.flagged, entry.verdict]),
    [
      ['bad', true, 'significantly worse than the other sessions'],
      ['noisy-small', false, 'not significantly worse than the other sessions'],
      ['few', false, 'too few sessions (9 < 10)'],
      ['healthy', false, 'error rate below threshold'],
      ['one-machine', false, 'all sessions come from one installation'],
    ],
  );
  const bad = judged[0]!;
  assert.deepEqual(bad.baseline, { sessions: 1051, erroredSessions: 50, errorRate: 50 / 1051 });
  assert.ok(bad.interval.low > 0.3 && bad.interval.low < 0.4 && bad.interval.high > 0.4, JSON.stringify(bad.interval));
  assert.equal(judged[1]!.aboveThreshold, true);
  assert.equal(judged[3]!.aboveThreshold, false);
});

test('a higher confidence needs stronger evidence', () => {
  const groups = [group('edge', 40, 5), group('rest', 400, 20)];
  assert.equal(judgeGroups(groups, { ...rule, confidence: 0.8 })[0]?.flagged, true);
  assert.equal(judgeGroups(groups, { ...rule, confidence: 0.99 })[0]?.flagged, false);
});

test('a lone group has no baseline and is judged on the threshold', () => {
  const [only] = judgeGroups([group('a', 10, 5)], { ...rule, minSessions: 1, errorRateThreshold: 0.5 });
  assert.deepEqual(only?.baseline, { sessions: 0, erroredSessions: 0, errorRate: null });
  assert.equal(only?.flagged, true);
  assert.equal(only?.verdict, 'error rate at or above threshold (no other sessions to compare)');
});

test('groups that bring their own population are compared against it', () => {
  const kindGroup = { ...group('windows', 100, 40), population: { sessions: 1000, erroredSessions: 60 } };
  const [judged] = judgeGroups([kindGroup, group('linux', 900, 500)], rule);
  assert.deepEqual(judged?.baseline, { sessions: 900, erroredSessions: 20, errorRate: 20 / 900 });
  assert.equal(judged?.flagged, true);
});

test('a group of exactly min-sessions at exactly the threshold is judged and counts as above it', () => {
  const groups = [
    { ...group('a', 10, 5), errorRate: 0.5 },
    { ...group('b', 1000, 10), errorRate: 0.01 },
  ];
  const [a] = judgeGroups(groups, { minSessions: 10, errorRateThreshold: 0.5, confidence: 0.95 });
  assert.equal(a!.aboveThreshold, true);
  assert.notEqual(a!.verdict, 'too few sessions (10 < 10)');
  assert.equal(a!.verdict, 'significantly worse than the other sessions');
  const [below] = judgeGroups(groups, { minSessions: 11, errorRateThreshold: 0.5, confidence: 0.95 });
  assert.deepEqual([below!.aboveThreshold, below!.verdict], [false, 'too few sessions (10 < 11)']);
  const [under] = judgeGroups(groups, { minSessions: 10, errorRateThreshold: 0.51, confidence: 0.95 });
  assert.deepEqual([under!.aboveThreshold, under!.verdict], [false, 'error rate below threshold']);
});
