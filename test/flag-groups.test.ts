import assert from 'node:assert/strict';
import { test } from 'node:test';
import { judgeGroups } from '../src/aggregate/flag-groups.ts';
import { groupFigures as group } from './fixtures/group-figures.ts';

test('flags groups with enough sessions at or above the threshold, with the rest as baseline', () => {
  const judged = judgeGroups([group('a', 10, 1), group('b', 9, 9), group('c', 100, 4), group('d', 20, 1)], { minSessions: 10, errorRateThreshold: 0.05 });
  assert.deepEqual(
    judged.map((entry) => [entry.fields[0]?.value, entry.flagged, entry.verdict]),
    [
      ['a', true, 'error rate at or above threshold'],
      ['b', false, 'too few sessions (9 < 10)'],
      ['c', false, 'error rate below threshold'],
      ['d', true, 'error rate at or above threshold'],
    ],
  );
  assert.deepEqual(judged[0]?.baseline, { sessions: 129, erroredSessions: 14, errorRate: 14 / 129 });
});

test('a lone group has no baseline rate', () => {
  const [only] = judgeGroups([group('a', 10, 5)], { minSessions: 1, errorRateThreshold: 0.5 });
  assert.deepEqual(only?.baseline, { sessions: 0, erroredSessions: 0, errorRate: null });
  assert.equal(only?.flagged, true);
});
