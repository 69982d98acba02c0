// Exact tails held to sums computed term by term in another way (products of
// ratios from the distribution's definition), and Tarone's level to a hand count.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  logAdd,
  logBinomialGreater,
  logChoose,
  logFisherGreater,
  logFisherGreaterMid,
  logFisherLess,
  logGamma,
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

// The same tails computed exactly, in rational arithmetic on BigInts: a second way
// that shares nothing with log space, held to the log-space code on tables of every
// shape, the tails far below a double among them.

/** log of a positive BigInt, to about 16 significant digits. */
function bigLog(value: bigint): number {
  const text = value.toString();
  const head = Number(text.slice(0, 17));
  return Math.log(head) + (text.length - Math.min(17, text.length)) * Math.LN10;
}

/** C(n, k) for k = 0..n as BigInts. */
function binomials(n: number): bigint[] {
  const row = [1n];
  for (let k = 0; k < n; k += 1) row.push((row[k]! * BigInt(n - k)) / BigInt(k + 1));
  return row;
}

/** Exact log P(X >= x), log P(X <= x), log P(X = x) of hypergeometric(N, E, n). */
function exactFisher(events: number, sessions: number, totalEvents: number, totalSessions: number) {
  const marked = binomials(totalEvents);
  const unmarked = binomials(totalSessions - totalEvents);
  const all = binomials(totalSessions)[sessions]!;
  const term = (k: number) =>
    k < 0 || k > totalEvents || sessions - k < 0 || sessions - k > totalSessions - totalEvents
      ? 0n
      : marked[k]! * unmarked[sessions - k]!;
  let greater = 0n;
  let less = 0n;
  for (let k = 0; k <= Math.min(sessions, totalEvents); k += 1) {
    if (k >= events) greater += term(k);
    if (k <= events) less += term(k);
  }
  const log = (count: bigint) => (count === 0n ? Number.NEGATIVE_INFINITY : bigLog(count) - bigLog(all));
  return {
    greater: log(greater),
    less: log(less),
    at: log(term(events)),
    mid: log(2n * greater - term(events)) - Math.LN2,
  };
}

/** A seeded generator of the tables: small and large, balanced and lopsided. */
function* tables(count: number): Generator<[number, number, number, number]> {
  let state = 7;
  const random = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4_294_967_296;
  };
  for (let n = 0; n < count; n += 1) {
    const totalSessions = 2 + Math.floor(random() ** 2 * 4000);
    const totalEvents = Math.floor(random() * (totalSessions + 1));
    const sessions = 1 + Math.floor(random() * totalSessions);
    const lo = Math.max(0, sessions - (totalSessions - totalEvents));
    const hi = Math.min(sessions, totalEvents);
    // The events anywhere in the support, often at its ends, where the tails are smallest.
    const pick = random();
    const events = pick < 0.2 ? hi : pick < 0.3 ? lo : lo + Math.floor(random() * (hi - lo + 1));
    yield [events, sessions, totalEvents, totalSessions];
  }
}

const near = (actual: number, expected: number) =>
  actual === expected || Math.abs(actual - expected) <= 1e-8 * Math.max(1, Math.abs(expected));

test('Fisher tails, both sides and mid-p, match exact rational sums on 400 tables, tails below 1e-300 among them', () => {
  let deep = 0;
  for (const [events, sessions, totalEvents, totalSessions] of tables(400)) {
    const table = { events, sessions, totalEvents, totalSessions };
    const exact = exactFisher(events, sessions, totalEvents, totalSessions);
    const label = `${events}/${sessions} of ${totalEvents}/${totalSessions}`;
    assert.ok(
      near(logFisherGreater(table), exact.greater),
      `greater ${label}: ${logFisherGreater(table)} vs ${exact.greater}`,
    );
    assert.ok(near(logFisherLess(table), exact.less), `less ${label}: ${logFisherLess(table)} vs ${exact.less}`);
    assert.ok(
      near(logFisherGreaterMid(table), exact.mid),
      `mid ${label}: ${logFisherGreaterMid(table)} vs ${exact.mid}`,
    );
    if (exact.greater < -690) deep += 1;
  }
  assert.ok(deep >= 5, `only ${deep} tables had a tail below 1e-300`);
  // Outside the support: a count no draw can reach.
  assert.equal(
    logFisherGreater({ events: 6, sessions: 5, totalEvents: 10, totalSessions: 40 }),
    Number.NEGATIVE_INFINITY,
  );
  assert.equal(
    logFisherLess({ events: -1, sessions: 5, totalEvents: 10, totalSessions: 40 }),
    Number.NEGATIVE_INFINITY,
  );
  assert.equal(logFisherGreater({ events: 0, sessions: 5, totalEvents: 10, totalSessions: 40 }), 0);
  assert.equal(logFisherLess({ events: 5, sessions: 5, totalEvents: 10, totalSessions: 40 }), 0);
  assert.equal(
    logFisherGreaterMid({ events: 6, sessions: 5, totalEvents: 10, totalSessions: 40 }),
    Number.NEGATIVE_INFINITY,
  );
});

test('binomial upper tails match exact rational sums, rates of a few percent to one half, far tails included', () => {
  for (const [successes, trials, rateNumerator, rateDenominator] of [
    [3, 20, 1, 20],
    [17, 562, 1, 80],
    [60, 200, 1, 100],
    [150, 400, 1, 2],
    [1, 1000, 3, 1000],
    [999, 1000, 1, 2],
    [400, 400, 7, 10],
  ] as const) {
    const rows = binomials(trials);
    let sum = 0n;
    const q = BigInt(rateDenominator - rateNumerator);
    for (let k = successes; k <= trials; k += 1)
      sum += rows[k]! * BigInt(rateNumerator) ** BigInt(k) * q ** BigInt(trials - k);
    const exact = bigLog(sum) - trials * Math.log(rateDenominator);
    const actual = logBinomialGreater(successes, trials, rateNumerator / rateDenominator);
    assert.ok(
      near(actual, exact),
      `${successes}/${trials} at ${rateNumerator}/${rateDenominator}: ${actual} vs ${exact}`,
    );
  }
  assert.equal(logBinomialGreater(0, 10, 0.3), 0);
  assert.equal(logBinomialGreater(3, 10, 0), Number.NEGATIVE_INFINITY);
  assert.equal(logBinomialGreater(3, 10, 1), 0);
  assert.equal(logBinomialGreater(11, 10, 0.5), Number.NEGATIVE_INFINITY);
});

test('log Γ and log C(n, k) at known values, the reflection below one half included', () => {
  // Γ(1/2) = √π, Γ(1/4) = 3.625609908221908..., Γ(5) = 24.
  assert.ok(Math.abs(logGamma(0.5) - 0.5 * Math.log(Math.PI)) < 1e-13);
  assert.ok(Math.abs(logGamma(0.25) - Math.log(3.625609908221908)) < 1e-13);
  assert.ok(Math.abs(logGamma(5) - Math.log(24)) < 1e-13);
  assert.ok(Math.abs(logChoose(50, 20) - bigLog(binomials(50)[20]!)) < 1e-12);
  assert.equal(logChoose(5, -1), Number.NEGATIVE_INFINITY);
  assert.equal(logChoose(5, 6), Number.NEGATIVE_INFINITY);
  assert.equal(logChoose(5, 0), 0);
  assert.equal(logChoose(5, 5), 0);
  assert.equal(logAdd(Number.NEGATIVE_INFINITY, -3), -3);
  assert.equal(logAdd(-3, Number.NEGATIVE_INFINITY), -3);
  assert.ok(Math.abs(logAdd(Math.log(2), Math.log(5)) - Math.log(7)) < 1e-15);
  assert.ok(Math.abs(logAdd(Math.log(5), Math.log(2)) - Math.log(7)) < 1e-15);
  // Terms of very different size, either way round: the larger leads, nothing overflows.
  assert.equal(logAdd(0, -1000), 0);
  assert.equal(logAdd(-1000, 0), 0);
  assert.ok(Math.abs(logAdd(-800, -800) - (-800 + Math.LN2)) < 1e-12);
});
