// npm run signal: the seeded simulation of the problem rule. For 15, 60 and 500
// configurations (and 60 with error_kind grouping) it prints the share of runs
// that file any false issue, the per-configuration false rate, the recall of
// planted problems by kind, and the same figures for the reference (an exact
// binomial test per cell with Bonferroni control) on the same data.
//
//   node scripts/signal.ts [--healthy N] [--planted N] [--populations N] [--seed N]
//
// Then thirty daily runs over steady populations through the product's own
// aggregation, search, drafts, planner and local issue store.

import { parseArgs } from 'node:util';
import { PLANT_KINDS, ruleFor, simulateSize, SIZES } from './signal/simulate.ts';
import type { Population, Tally } from './signal/simulate.ts';
import { simulateLifecycle } from './signal/lifecycle.ts';

const { values } = parseArgs({
  options: {
    healthy: { type: 'string', default: '200' },
    planted: { type: 'string', default: '100' },
    seed: { type: 'string', default: '20261207' },
    populations: { type: 'string', default: '20' },
  },
});
const runs = { healthy: Number(values.healthy), planted: Number(values.planted) };
const seed = Number(values.seed);
const percent = (part: number, whole: number) => (whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}%`);
const perCell = (tally: Tally) =>
  tally.cells === 0 ? 'n/a' : `${((100 * tally.falseCells) / tally.cells).toFixed(3)}%`;

const cases: { name: string; configurations: number; population: Population }[] = [
  { name: '15 configurations', configurations: 15, population: SIZES[15]! },
  { name: '60 configurations', configurations: 60, population: SIZES[60]! },
  { name: '500 configurations', configurations: 500, population: SIZES[500]! },
  { name: '60 configurations x 8 error kinds', configurations: 60, population: { ...SIZES[60]!, kinds: 8 } },
];
console.log(
  `Seed ${seed}; ${runs.healthy} healthy runs and ${runs.planted} runs per planted kind per size; planted problems are 3x the baseline with at least 100 sessions.`,
);
console.log(
  '| population | rule | runs with a false issue | false configurations | ' +
    PLANT_KINDS.map((kind) => (kind === 'single-installation' ? 'single installation filed' : `${kind} found`)).join(
      ' | ',
    ) +
    ' |',
);
console.log('|---|---|---:|---:|' + PLANT_KINDS.map(() => '---:').join('|') + '|');
for (const [index, entry] of cases.entries()) {
  const started = Date.now();
  const result = simulateSize(
    entry.configurations,
    entry.population,
    runs,
    seed + index,
    ruleFor(entry.population.kinds > 0),
  );
  for (const side of ['product', 'reference'] as const) {
    const healthy = result.healthy[side];
    const planted = PLANT_KINDS.map((kind) =>
      percent(result.planted[kind]![side].found, result.planted[kind]![side].runs),
    );
    console.log(
      `| ${entry.name} | ${side} | ${percent(healthy.runsWithFalse, healthy.runs)} | ${perCell(healthy)} | ${planted.join(' | ')} |`,
    );
  }
  console.error(`${entry.name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// Thirty daily runs over steady populations, a 7-day window, close-after-days 3.
const populations = Number(values.populations);
console.log('');
console.log(
  `Thirty daily runs, lookback 7 days, close-after-days 3; ${populations} steady populations per row (the planted problem starts on day 10).`,
);
console.log(
  '| population | problem | false issues opened per 30 days | populations with a false issue | issues opened twice or reopened | issues closed | planted problem filed | runs from found to filed (max) | closed while still broken |',
);
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
for (const [platforms, versions] of [
  [3, 5],
  [5, 12],
] as const) {
  for (const plantFrom of [null, 10]) {
    const started = Date.now();
    let falseOpened = 0;
    let withFalse = 0;
    let twice = 0;
    let closed = 0;
    let filed = 0;
    let worstDelay = 0;
    let brokenClosed = 0;
    for (let index = 0; index < populations; index += 1) {
      const result = await simulateLifecycle({
        platforms,
        versions,
        days: 30,
        lookbackDays: 7,
        closeAfterDays: 3,
        plantFrom,
        seed: seed + 1000 * platforms + 100 * (plantFrom ?? 0) + index,
      });
      falseOpened += result.falseOpened;
      if (result.falseOpened > 0) withFalse += 1;
      twice += result.openedTwice;
      closed += result.closed;
      if (result.filedOn !== null) filed += 1;
      if (result.foundOn !== null && result.filedOn !== null)
        worstDelay = Math.max(worstDelay, result.filedOn - result.foundOn);
      brokenClosed += result.closedWhileBroken;
    }
    const plantedCells = plantFrom === null ? 'none' : 'one cell at 3x';
    console.log(
      `| ${platforms * versions} configurations | ${plantedCells} | ${(falseOpened / populations).toFixed(2)} | ${withFalse} of ${populations} | ${twice} | ${closed} | ${plantFrom === null ? 'n/a' : `${filed} of ${populations}`} | ${plantFrom === null ? 'n/a' : worstDelay} | ${plantFrom === null ? 'n/a' : brokenClosed} |`,
    );
    console.error(`lifecycle ${platforms * versions} ${plantedCells}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
