// Exact tails held to sums computed term by term in another way (products of
// ratios from the distribution's definition), and Tarone's level to a hand count.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  logBinomialGreater,
  logFisherGreater,
  logFisherGreaterMid,
  logFisherLess,
  logMinimumFisher,
} from '../src/problems/hypergeometric.ts';
import { taroneLevel } from '../src/problems/tarone.ts';

/** C(n, k) as a float product: fine for the small tables here. */
function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let result = 1;
  for (let i = 1; i <= k; i += 1) result = (result * (n - k + i)) / i;
  return result;
}
function hyper(total: number, marked: number, drawn: number, k: number): number {
  return (choose(marked, k) * choose(total - marked, drawn - k)) / choose(total, drawn);
}

test('Fisher tails match the hypergeometric sums, both sides and mid-p', () => {
  const tables = [
    [3, 10, 5, 40],
    [0, 10, 5, 40],
    [5, 10, 5, 40],
    [17, 60, 40, 300],
    [1, 200, 3, 1000],
    [24, 60, 32, 504],
  ] as const;
  for (const [events, sessions, totalEvents, totalSessions] of tables) {
    let greater = 0;
    let less = 0;
    for (let k = 0; k <= Math.min(sessions, totalEvents); k += 1) {
      const p = hyper(totalSessions, totalEvents, sessions, k);
      if (k >= events) greater += p;
      if (k <= events) less += p;
    }
    const table = { events, sessions, totalEvents, totalSessions };
    const mid = greater - hyper(totalSessions, totalEvents, sessions, events) / 2;
    assert.ok(
      Math.abs(Math.exp(logFisherGreater(table)) - greater) < 1e-12 * Math.max(1, greater),
      `greater ${table.events}/${table.sessions}`,
    );
    assert.ok(Math.abs(Math.exp(logFisherLess(table)) - less) < 1e-12, `less ${table.events}/${table.sessions}`);
    assert.ok(Math.abs(Math.exp(logFisherGreaterMid(table)) - mid) < 1e-12, `mid ${table.events}/${table.sessions}`);
  }
  // Tails far below what a double holds stay ordered in log space.
  const huge = logFisherGreater({ events: 5000, sessions: 10000, totalEvents: 6000, totalSessions: 1_000_000 });
  const larger = logFisherGreater({ events: 4000, sessions: 10000, totalEvents: 6000, totalSessions: 1_000_000 });
  assert.ok(huge < larger && larger < -1000);
  // The smallest p a pattern could reach is all events in it.
  assert.ok(Math.abs(Math.exp(logMinimumFisher(5, 10, 40)) - hyper(40, 10, 5, 5)) < 1e-15);
});

test('binomial upper tails match the sums', () => {
  for (const [successes, trials, rate] of [
    [3, 20, 0.05],
    [17, 562, 0.0125],
    [0, 10, 0.3],
    [10, 10, 0.5],
  ] as const) {
    let sum = 0;
    for (let k = successes; k <= trials; k += 1) sum += choose(trials, k) * rate ** k * (1 - rate) ** (trials - k);
    assert.ok(Math.abs(Math.exp(logBinomialGreater(successes, trials, rate)) - sum) < 1e-12, `${successes}/${trials}`);
  }
});

test("Tarone's level counts only the hypotheses that could reach it", () => {
  // Five hypotheses; two could never reach 0.05 / 3 (their minimum p is 0.2 and 0.03).
  const minimums = [1e-6, 1e-4, 0.001, 0.03, 0.2].map(Math.log);
  const { logLevel, testable } = taroneLevel(minimums, 0.05);
  // k = 1: 3 reach 0.05 (> 1); k = 2: 3 reach 0.025 (> 2); k = 3: 3 reach 0.0167: stop.
  assert.equal(testable, 3);
  assert.ok(Math.abs(Math.exp(logLevel) - 0.05 / 3) < 1e-15);
  // Bonferroni would have used 0.05 / 5.
  assert.deepEqual(taroneLevel([], 0.05).testable, 0);
});
