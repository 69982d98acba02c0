// Installation evidence: the most events a heavy user could plausibly report,
// held to a Poisson tail summed here another way (backwards, in log space, with
// log k! as a sum of logarithms).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConfigCell, EventCell } from '../src/aggregate/cell-events.ts';
import { createCellView } from '../src/problems/cell-view.ts';
import type { Table } from '../src/problems/hypergeometric.ts';
import { installSpread, plausibleMost } from '../src/problems/install-spread.ts';

/** P(X > k) for X ~ Poisson(lambda), summed from the far tail inwards. */
function upperTail(lambda: number, k: number): number {
  let logFactorial = 0;
  for (let j = 2; j <= k + 1; j += 1) logFactorial += Math.log(j);
  let sum = 0;
  let logPmf = -lambda + (k + 1) * Math.log(lambda) - logFactorial;
  const terms: number[] = [];
  for (let j = k + 1; j < k + 1 + 20 * Math.ceil(Math.sqrt(lambda) + 10); j += 1) {
    terms.push(Math.exp(logPmf));
    logPmf += Math.log(lambda) - Math.log(j + 1);
  }
  for (let i = terms.length - 1; i >= 0; i -= 1) sum += terms[i]!;
  return sum;
}

/** The smallest k whose upper tail is at most 1e-3. */
function expectedMost(lambda: number): number {
  let k = 0;
  while (upperTail(lambda, k) > 1e-3) k += 1;
  return k;
}

test('the most events a heavy user plausibly reports: the 99.9% Poisson quantile, then a normal bound past 500', () => {
  for (const lambda of [0.0005, 0.01, 0.3, 1, 2.5, 7, 20, 64, 150, 333, 499]) {
    assert.equal(plausibleMost(lambda), expectedMost(lambda), `lambda ${lambda}`);
  }
  // Worked by hand: Poisson(1) has P(X > 5) = 0.000594 and P(X > 4) = 0.00366, so 5.
  assert.equal(plausibleMost(1), 5);
  // Past 500: lambda + 4 standard deviations, rounded up.
  assert.equal(plausibleMost(900), 900 + 120);
  assert.equal(plausibleMost(500.25), Math.ceil(500.25 + 4 * Math.sqrt(500.25)));
  assert.equal(plausibleMost(500), expectedMost(500), 'exactly 500 is still summed');
  // No rate, a negative one or none at all: nothing is plausible, nothing is left out for it.
  for (const lambda of [0, -3, Number.NaN]) assert.equal(plausibleMost(lambda), 0, `lambda ${lambda}`);
});

interface CellSpec {
  sessions: number;
  withInstall: number;
  installs: number;
  /** Events per installation key. */
  events?: Record<string, number>;
  unattributed?: number;
  measure?: string | null;
}

/** A cell view of hand-written cells, every cell's events under its measure (errored sessions by default). */
function viewOf(cells: CellSpec[]) {
  const configs: ConfigCell[] = cells.map((cell, i) => ({
    values: [`c${i}`],
    sessions: cell.sessions,
    withInstall: cell.withInstall,
    installs: cell.installs,
  }));
  const eventCells: EventCell[] = cells.flatMap((cell, config) => {
    if (!cell.events && !cell.unattributed) return [];
    const byInstall = new Map(Object.entries(cell.events ?? {}));
    const unattributed = cell.unattributed ?? 0;
    const events = [...byInstall.values()].reduce((sum, count) => sum + count, 0) + unattributed;
    return [{ config, measure: cell.measure ?? null, events, byInstall, unattributed }];
  });
  return createCellView(configs, eventCells);
}

/** A test of the table that records what it was given and answers `logP`. */
function recordingTest(logP: number) {
  const tables: Table[] = [];
  return {
    tables,
    test: (table: Table) => {
      tables.push(table);
      return logP;
    },
  };
}

const SIGNIFICANT = -50;
const LEVEL = -10;

/** installSpread of `cells` (the first by default), its test answering `logP` and recording the tables it was given. */
function spreadOf(
  view: ReturnType<typeof viewOf>,
  own: { sessions: number; events: number },
  reference: { sessions: number; events: number },
  rule: { minInstallations: number; minRateRatio: number },
  { cells = [0], logP = SIGNIFICANT }: { cells?: number[]; logP?: number } = {},
) {
  const probe = recordingTest(logP);
  const evidence = installSpread(view, cells, null, own, reference, rule, probe.test, LEVEL);
  return { evidence, tables: probe.tables };
}

test('a crash loop is left out whole: one installation far past what a heavy user could report', () => {
  // 1,000 sessions of 100 installations; one installation errored 200 times, ten others 3 times each.
  const events: Record<string, number> = { loop: 200 };
  for (let i = 0; i < 10; i += 1) events[`i${i}`] = 3;
  const view = viewOf([{ sessions: 1000, withInstall: 1000, installs: 100, events }]);
  const own = { sessions: 1000, events: 230 };
  const reference = { sessions: 10_000, events: 100 };
  const { evidence, tables: probeTables } = spreadOf(view, own, reference, { minInstallations: 3, minRateRatio: 2 });
  // Without the loop the rest run at 30 / 800 = 0.0375 a session; a heavy user (4 × 10 sessions)
  // expects 1.5 events, and Poisson(1.5) passes 6 with probability 0.00047 (5: 0.0014), so 6 is the most.
  assert.equal(plausibleMost(1.5), 6);
  assert.deepEqual(evidence, { known: true, affected: 11, heaviest: [200, 3], spread: true });
  // The loop's 200 events and its 200 sessions go; the 3s are under the cap (max(3, 2 × 3) = 6) and stay.
  assert.deepEqual(probeTables, [{ events: 30, sessions: 800, totalEvents: 130, totalSessions: 10_800 }]);
});

test('the heaviest installations are cut down to twice the median when that is more than the min-installations-th', () => {
  // 1,000 sessions of 10 installations (100 each): a heavy user expects about 16 events, plausibly up to about 30,
  // so no one is an outlier. Median of [25, 20, 8, 6, 4, 2] is 6; the third heaviest is 8; the cap is 12.
  const view = viewOf([
    { sessions: 1000, withInstall: 1000, installs: 10, events: { a: 25, b: 20, c: 8, d: 6, e: 4, f: 2 } },
  ]);
  const { evidence, tables: probeTables } = spreadOf(
    view,
    { sessions: 1000, events: 65 },
    { sessions: 9000, events: 90 },
    { minInstallations: 3, minRateRatio: 2 },
  );
  assert.deepEqual(evidence, { known: true, affected: 6, heaviest: [25, 20], spread: true });
  // (25 - 12) + (20 - 12) = 21 events and sessions go.
  assert.deepEqual(probeTables, [{ events: 44, sessions: 979, totalEvents: 134, totalSessions: 9979 }]);
});

test('the heaviest installations are cut down to the min-installations-th heaviest when that is more', () => {
  // Median of [25, 20, 15, 3, 2, 2, 1] is 3 (twice: 6); the third heaviest is 15, so the cap is 15.
  const view = viewOf([
    { sessions: 1000, withInstall: 1000, installs: 10, events: { a: 25, b: 20, c: 15, d: 3, e: 2, f: 2, g: 1 } },
  ]);
  const { evidence, tables: probeTables } = spreadOf(
    view,
    { sessions: 1000, events: 68 },
    { sessions: 9000, events: 90 },
    { minInstallations: 3, minRateRatio: 2 },
  );
  assert.deepEqual(evidence, { known: true, affected: 7, heaviest: [25, 20], spread: true });
  // (25 - 15) + (20 - 15) = 15 go.
  assert.deepEqual(probeTables, [{ events: 53, sessions: 985, totalEvents: 143, totalSessions: 9985 }]);
});

test('sessions without an ID count one installation each, and only min-installations of them stand in the ranking', () => {
  // 300 sessions, 200 with an ID from 20 installations: 20 + 100 = 120 installations.
  // Errors: a 4, b 3, and 5 from sessions without an ID. Ranking: [4, 3, 1, 1, 1] (three of the five stand in).
  const view = viewOf([{ sessions: 300, withInstall: 200, installs: 20, events: { a: 4, b: 3 }, unattributed: 5 }]);
  const { evidence, tables: probeTables } = spreadOf(
    view,
    { sessions: 300, events: 12 },
    { sessions: 3000, events: 15 },
    { minInstallations: 3, minRateRatio: 2 },
  );
  // Without a: 8 events in 296 sessions; a heavy user has 4 × 300 / 120 = 10 sessions, so λ = 0.27:
  // P(X > 2) = 0.0027 and P(X > 3) = 0.00016, so at most 3 and a (4) is an outlier.
  assert.equal(plausibleMost((8 / 296) * 4 * (300 / 120)), 3);
  assert.deepEqual(evidence, { known: true, affected: 7, heaviest: [4, 3], spread: true });
  // Removed: a's 4, and b cut to the cap max(1, 2 × 1) = 2, so 1 more.
  assert.deepEqual(probeTables, [{ events: 7, sessions: 295, totalEvents: 22, totalSessions: 3295 }]);
});

test('installations are merged across the cells of a problem, and only its measure counts', () => {
  // Two cells of 500 sessions, 5 installations each (10 in all); installation a errs in both.
  const view = viewOf([
    { sessions: 500, withInstall: 500, installs: 5, events: { a: 15, b: 20, c: 4 } },
    { sessions: 500, withInstall: 500, installs: 5, events: { a: 10, d: 8, e: 6, f: 2 } },
    // Another exception class in the first cell's configuration is not this problem's.
    { sessions: 0, withInstall: 0, installs: 0 },
  ]);
  const other: EventCell = {
    config: 0,
    measure: 'OtherError',
    events: 400,
    byInstall: new Map([['z', 400]]),
    unattributed: 0,
  };
  const withOther = createCellView(view.configs, [...view.byMeasure.get(null)!.values(), other]);
  const { evidence, tables: probeTables } = spreadOf(
    withOther,
    { sessions: 1000, events: 65 },
    { sessions: 9000, events: 90 },
    { minInstallations: 3, minRateRatio: 2 },
    { cells: [0, 1] },
  );
  // Merged: a 25, b 20, d 8, e 6, c 4, f 2: the ranking of the cap test above.
  assert.deepEqual(evidence, { known: true, affected: 6, heaviest: [25, 20], spread: true });
  assert.deepEqual(probeTables, [{ events: 44, sessions: 979, totalEvents: 134, totalSessions: 9979 }]);
});

test('with min-installations 1 nothing is left out or cut, and one installation may make a problem', () => {
  const view = viewOf([{ sessions: 50, withInstall: 50, installs: 1, events: { only: 40 } }]);
  const { evidence, tables: probeTables } = spreadOf(
    view,
    { sessions: 50, events: 40 },
    { sessions: 5000, events: 50 },
    { minInstallations: 1, minRateRatio: 2 },
  );
  assert.deepEqual(evidence, { known: true, affected: 1, heaviest: [], spread: true });
  assert.deepEqual(probeTables, [{ events: 40, sessions: 50, totalEvents: 90, totalSessions: 5050 }]);
});

test('too few installations, too low a rate once the heaviest are cut, or a test above the level: not spread', () => {
  const rule = { minInstallations: 3, minRateRatio: 2 };
  const reference = { sessions: 9000, events: 90 };
  // Two installations only (min-installations 3): not spread, whatever the test says.
  const two = viewOf([{ sessions: 1000, withInstall: 1000, installs: 10, events: { a: 12, b: 10 } }]);
  assert.equal(
    installSpread(two, [0], null, { sessions: 1000, events: 22 }, reference, rule, () => SIGNIFICANT, LEVEL).spread,
    false,
  );
  // Exactly three installations: spread (the count is at least min-installations).
  const three = viewOf([{ sessions: 1000, withInstall: 1000, installs: 10, events: { a: 12, b: 10, c: 8 } }]);
  assert.equal(
    installSpread(three, [0], null, { sessions: 1000, events: 30 }, reference, rule, () => SIGNIFICANT, LEVEL).spread,
    true,
  );
  // The test exactly at the level is significant; just above it is not.
  assert.equal(
    installSpread(three, [0], null, { sessions: 1000, events: 30 }, reference, rule, () => LEVEL, LEVEL).spread,
    true,
  );
  assert.equal(
    installSpread(three, [0], null, { sessions: 1000, events: 30 }, reference, rule, () => LEVEL + 1e-9, LEVEL).spread,
    false,
  );
  // Cut to the cap (max(8, 2 × 10) = 20 leaves them), the rate is 30 / 1000 = 0.03: exactly 3 × the reference's 0.01
  // passes a ratio of 3 and fails one of 3.5.
  assert.equal(
    installSpread(
      three,
      [0],
      null,
      { sessions: 1000, events: 30 },
      reference,
      { minInstallations: 3, minRateRatio: 3 },
      () => SIGNIFICANT,
      LEVEL,
    ).spread,
    true,
  );
  assert.equal(
    installSpread(
      three,
      [0],
      null,
      { sessions: 1000, events: 30 },
      reference,
      { minInstallations: 3, minRateRatio: 3.5 },
      () => SIGNIFICANT,
      LEVEL,
    ).spread,
    false,
  );
});

test('without any installation ID, sessions stand in for installations and the spread is not checked', () => {
  const view = viewOf([{ sessions: 400, withInstall: 0, installs: 0, unattributed: 9 }]);
  const { evidence, tables: probeTables } = spreadOf(
    view,
    { sessions: 400, events: 9 },
    { sessions: 4000, events: 10 },
    { minInstallations: 3, minRateRatio: 2 },
    { logP: 0 },
  );
  assert.deepEqual(evidence, { known: false, affected: 9, heaviest: [], spread: true });
  assert.deepEqual(probeTables, [], 'no test is run');
});

test('one installation that is every session of the problem is an outlier of itself: nothing is left', () => {
  // Its 5 sessions all errored: no other sessions give a typical rate, so any event is past the plausible most.
  const view = viewOf([{ sessions: 5, withInstall: 5, installs: 1, events: { only: 5 } }]);
  const { evidence } = spreadOf(
    view,
    { sessions: 5, events: 5 },
    { sessions: 5000, events: 10 },
    { minInstallations: 2, minRateRatio: 2 },
  );
  assert.deepEqual(evidence, { known: true, affected: 1, heaviest: [5], spread: false });
});

test("the typical rate leaves the heaviest installation's events and sessions out", () => {
  // 1,000 sessions of 10 installations; one errs 8 times, four others once each.
  // Without the heaviest: 4 events in 992 sessions, a heavy user (4 × 100 sessions) expects 1.61,
  // so at most 7 (P(X > 7) = 0.0005). Counting the heaviest in (12 in 1,000: 4.8 expected, at most 13)
  // would keep its 8 events.
  assert.equal(plausibleMost((4 / 992) * 400), expectedMost((4 / 992) * 400));
  assert.equal(plausibleMost((4 / 992) * 400), 7);
  assert.equal(plausibleMost((12 / 1000) * 400), 13);
  const loop = viewOf([
    { sessions: 1000, withInstall: 1000, installs: 10, events: { heavy: 8, a: 1, b: 1, c: 1, d: 1 } },
  ]);
  const { evidence, tables: probeTables } = spreadOf(
    loop,
    { sessions: 1000, events: 12 },
    { sessions: 9000, events: 9 },
    { minInstallations: 3, minRateRatio: 2 },
  );
  assert.deepEqual(evidence, { known: true, affected: 5, heaviest: [8, 1], spread: true });
  assert.deepEqual(probeTables, [{ events: 4, sessions: 992, totalEvents: 13, totalSessions: 9992 }]);

  // 100 sessions of 20 installations: one errs 20 times, two others 12 times each. Without the
  // heaviest, 24 events in 80 sessions; a heavy user (4 × 5 sessions) expects 6, at most 15, so both
  // twelves stay. (24 in 120 sessions would expect 4, at most 11, and leave out every installation.)
  assert.equal(plausibleMost(6), expectedMost(6));
  assert.equal(plausibleMost(6), 15);
  assert.equal(plausibleMost(4), 11);
  const twelves = viewOf([{ sessions: 100, withInstall: 100, installs: 20, events: { heavy: 20, a: 12, b: 12 } }]);
  const { evidence: spread, tables: secondTables } = spreadOf(
    twelves,
    { sessions: 100, events: 44 },
    { sessions: 900, events: 9 },
    { minInstallations: 2, minRateRatio: 2 },
  );
  assert.deepEqual(spread, { known: true, affected: 3, heaviest: [20], spread: true });
  // The cap is max(12, 2 × 12) = 24: the twelves are not cut.
  assert.deepEqual(secondTables, [{ events: 24, sessions: 80, totalEvents: 33, totalSessions: 980 }]);
});
