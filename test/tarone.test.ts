// Tarone's level against a brute force over every k, on random families.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { taroneLevel } from '../src/problems/tarone.ts';
import { seededRandom } from './fixtures/synthetic-summaries.ts';

/** The smallest k with at most k hypotheses able to reach alpha / k, found by counting at every k. */
function bruteForce(minimums: readonly number[], alpha: number): { level: number; testable: number } {
  for (let k = 1; k <= minimums.length; k += 1) {
    const level = alpha / k;
    const count = minimums.filter((minimum) => Math.exp(minimum) <= level * (1 + 1e-12)).length;
    if (count <= k) return { level, testable: count };
  }
  return { level: alpha, testable: 0 };
}

test('the level and the count match a brute force over every k, whatever the order of the minimums, and the input is left as it was', () => {
  const random = seededRandom(31);
  for (let run = 0; run < 2000; run += 1) {
    const size = Math.floor(random() * 40);
    // Log minimums from certainly reachable (-30) to unreachable (0), negative and positive spread.
    const minimums = Array.from({ length: size }, () => -30 * random() ** 2);
    const copy = [...minimums];
    const alpha = [0.05, 0.01, 0.15][run % 3]!;
    const { logLevel, testable } = taroneLevel(minimums, alpha);
    const expected = bruteForce(minimums, alpha);
    assert.equal(testable, expected.testable, `run ${run}`);
    assert.ok(
      Math.abs(Math.exp(logLevel) - expected.level) <= expected.level * 1e-12,
      `run ${run}: ${Math.exp(logLevel)} against ${expected.level}`,
    );
    assert.deepEqual(minimums, copy, 'the minimums are not sorted in place');
  }
  // A minimum exactly at alpha / k counts as reaching it.
  const atLevel = taroneLevel([Math.log(0.025), Math.log(0.025)], 0.05);
  assert.equal(atLevel.testable, 2);
  assert.ok(Math.abs(Math.exp(atLevel.logLevel) - 0.025) < 1e-15);
});
