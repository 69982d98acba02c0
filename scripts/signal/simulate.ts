// Seeded simulation of the problem rule: healthy populations (binomial noise
// around one baseline rate), and populations with one planted problem of each
// kind. Each is judged by the product's rule and, on the same data, by the
// reference: an exact one-sided binomial test of every cell against the other
// sessions' rate, with Bonferroni control over the cells.

import { findProblems } from '../../src/problems/find-problems.ts';
import type { ConfigCell, EventCell } from '../../src/aggregate/cell-events.ts';
import type { ProblemRule } from '../../src/problems/find-problems.ts';
import { logBinomialGreater } from '../../src/problems/hypergeometric.ts';
import { seededRandom } from '../../test/fixtures/synthetic-summaries.ts';

export type PlantKind = 'none' | 'cell' | 'since-version' | 'release' | 'platform' | 'single-installation';
export const PLANT_KINDS: PlantKind[] = ['cell', 'since-version', 'release', 'platform', 'single-installation'];

/** The seeded generator of the test fixtures: the same sequence on every machine. */
export const random = seededRandom;

export interface Population {
  platforms: number;
  versions: number;
  /** With error_kind grouping: how many exception classes share the errors. */
  kinds: number;
}

/** 15, 60 and 500 configurations as platforms × versions. */
export const SIZES: Record<number, Population> = {
  15: { platforms: 3, versions: 5, kinds: 0 },
  60: { platforms: 5, versions: 12, kinds: 0 },
  500: { platforms: 10, versions: 50, kinds: 0 },
};

export interface SimCell {
  platform: string;
  version: string;
  sessions: number;
  /** Errored sessions per exception class ('' without kinds). */
  events: Map<string, number>;
  byInstall: Map<string, Map<string, number>>;
  withInstall: number;
  installs: number;
  planted: boolean;
}

export interface World {
  cells: SimCell[];
  baseline: number;
  plant: PlantKind;
}

const MULTIPLIER = 3;

/**
 * One population: sessions per configuration log-uniform from 20 to 1,000, about four
 * sessions per installation, one baseline rate from 1% to 8% shared by all.
 */
export function makeWorld(size: Population, plant: PlantKind, next: () => number): World {
  const baseline = 0.01 + 0.07 * next();
  const platforms = Array.from(
    { length: size.platforms },
    (_, i) =>
      ['linux', 'windows', 'darwin', 'freebsd', 'android', 'ios', 'openbsd', 'netbsd', 'aix', 'sunos'][i] ?? `os${i}`,
  );
  const versions = Array.from({ length: size.versions }, (_, i) => `2.${Math.floor(i / 3)}.${i % 3}`);
  const kinds = size.kinds > 0 ? Array.from({ length: size.kinds }, (_, i) => `Error${i}`) : [''];
  // Zipf-like shares for exception classes.
  const kindWeights = kinds.map((_, i) => 1 / (i + 1));
  const kindTotal = kindWeights.reduce((a, b) => a + b, 0);
  const sessionsOf = () => Math.round(Math.exp(Math.log(20) + (Math.log(1000) - Math.log(20)) * next()));
  const layout = platforms.flatMap((platform) =>
    versions.map((version) => ({ platform, version, sessions: sessionsOf() })),
  );
  // Which cells are planted, and at what rate.
  const planted = new Set<number>();
  const big = layout.map((cell, index) => ({ cell, index })).filter(({ cell }) => cell.sessions >= 100);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!;
  let heavyCell = -1;
  if (plant === 'cell' && big.length > 0) planted.add(pick(big).index);
  if (plant === 'since-version') {
    const platform = pick(platforms);
    const from = versions.length - Math.min(3, versions.length);
    layout.forEach((cell, index) => {
      if (cell.platform === platform && versions.indexOf(cell.version) >= from) planted.add(index);
    });
  }
  if (plant === 'release') {
    const version = versions[versions.length - 1 - Math.floor(next() * Math.min(3, versions.length))]!;
    layout.forEach((cell, index) => {
      if (cell.version === version) planted.add(index);
    });
  }
  if (plant === 'platform') {
    const platform = pick(platforms);
    layout.forEach((cell, index) => {
      if (cell.platform === platform) planted.add(index);
    });
  }
  if (plant === 'single-installation') heavyCell = pick(layout.map((_, index) => index));
  // A planted problem must have at least 100 sessions.
  if (planted.size > 0) {
    const total = [...planted].reduce((sum, index) => sum + layout[index]!.sessions, 0);
    if (total < 100) {
      const first = [...planted][0]!;
      layout[first]!.sessions += 100 - total;
    }
  }
  const cells: SimCell[] = layout.map((cell, index) => {
    const rate = planted.has(index) ? Math.min(0.95, baseline * MULTIPLIER) : baseline;
    const events = new Map<string, number>();
    const byInstall = new Map<string, Map<string, number>>();
    let remaining = cell.sessions;
    let install = 0;
    if (index === heavyCell) {
      // One installation crashing 40 times among 20 healthy installations of about 4 sessions each.
      remaining = 80;
      cell.sessions = 80 + 40;
      for (let s = 0; s < 40; s += 1) record(`heavy-${index}`, kinds[0]!);
    }
    while (remaining > 0) {
      // Sessions per installation: geometric with mean 4.
      let sessions = 1;
      while (next() < 0.75 && sessions < remaining) sessions += 1;
      sessions = Math.min(sessions, remaining);
      remaining -= sessions;
      const id = `i${index}-${install++}`;
      for (let s = 0; s < sessions; s += 1) {
        if (next() >= rate) continue;
        let draw = next() * kindTotal;
        let kind = 0;
        while (kind < kinds.length - 1 && draw >= kindWeights[kind]!) draw -= kindWeights[kind++]!;
        record(id, kinds[kind]!);
      }
    }
    function record(id: string, kind: string): void {
      events.set(kind, (events.get(kind) ?? 0) + 1);
      let map = byInstall.get(kind);
      if (!map) byInstall.set(kind, (map = new Map()));
      map.set(id, (map.get(id) ?? 0) + 1);
    }
    return {
      platform: cell.platform,
      version: cell.version,
      sessions: cell.sessions,
      events,
      byInstall,
      withInstall: cell.sessions,
      installs: install + (index === heavyCell ? 1 : 0),
      planted: planted.has(index) || index === heavyCell,
    };
  });
  return { cells, baseline, plant };
}

export interface Judgement {
  /** Problems filed, and how many of them are false (less than half their sessions in planted cells). */
  filed: number;
  falseFiled: number;
  /** The planted problem was filed. */
  found: boolean;
  /** Cells covered by a false problem. */
  falseCells: number;
}

export function ruleFor(kinds: boolean, options: Partial<ProblemRule> = {}): ProblemRule {
  return {
    fields: ['os.platform', 'app.version'],
    alpha: 0.05,
    minSessions: 10,
    minInstallations: 3,
    minRateRatio: 1.5,
    errorRateThreshold: 0,
    ...options,
    ...(kinds ? {} : {}),
  };
}

/** The product's rule on one world. */
export function judgeProduct(world: World, rule: ProblemRule): Judgement {
  const configs: ConfigCell[] = world.cells.map((cell) => ({
    values: [cell.platform, cell.version],
    sessions: cell.sessions,
    withInstall: cell.withInstall,
    installs: cell.installs,
  }));
  const eventCells: EventCell[] = [];
  world.cells.forEach((cell, config) => {
    for (const [kind, events] of cell.events) {
      eventCells.push({
        config,
        measure: kind === '' ? null : kind,
        events,
        byInstall: cell.byInstall.get(kind)!,
        unattributed: 0,
      });
    }
  });
  const search = findProblems(configs, eventCells, rule);
  let falseFiled = 0;
  let found = false;
  const falseCells = new Set<number>();
  for (const problem of search.problems) {
    const plantedSessions = problem.configs
      .filter((config) => world.cells[config]!.planted)
      .reduce((sum, config) => sum + world.cells[config]!.sessions, 0);
    const isTrue =
      world.plant !== 'none' && world.plant !== 'single-installation' && plantedSessions * 2 >= problem.counts.sessions;
    if (isTrue) found = true;
    else {
      falseFiled += 1;
      for (const config of problem.configs) falseCells.add(config);
    }
  }
  if (world.plant === 'single-installation')
    found = search.problems.some((problem) => problem.configs.some((config) => world.cells[config]!.planted));
  return { filed: search.problems.length, falseFiled, found, falseCells: falseCells.size };
}

/** The reference: each cell (and exception class) against the other sessions' rate, exact binomial, Bonferroni. */
export function judgeReference(world: World, alpha = 0.05): Judgement {
  const kinds = new Set<string>();
  for (const cell of world.cells) for (const kind of cell.events.keys()) kinds.add(kind);
  const total = world.cells.reduce((sum, cell) => sum + cell.sessions, 0);
  const tests = world.cells.length * Math.max(1, kinds.size);
  const level = Math.log(alpha / tests);
  let filed = 0;
  let falseFiled = 0;
  let found = false;
  const falseCells = new Set<number>();
  for (const kind of kinds) {
    const totalEvents = world.cells.reduce((sum, cell) => sum + (cell.events.get(kind) ?? 0), 0);
    world.cells.forEach((cell, index) => {
      const events = cell.events.get(kind) ?? 0;
      if (events === 0) return;
      const rate = (totalEvents - events) / (total - cell.sessions);
      if (logBinomialGreater(events, cell.sessions, rate) > level) return;
      filed += 1;
      const isTrue = cell.planted && world.plant !== 'single-installation';
      if (cell.planted) found = true;
      if (!isTrue) {
        falseFiled += 1;
        falseCells.add(index);
      }
    });
  }
  return { filed, falseFiled, found, falseCells: falseCells.size };
}

export interface Tally {
  runs: number;
  /** Runs that filed at least one false issue. */
  runsWithFalse: number;
  falseCells: number;
  cells: number;
  found: number;
  filed: number;
}

export function emptyTally(): Tally {
  return { runs: 0, runsWithFalse: 0, falseCells: 0, cells: 0, found: 0, filed: 0 };
}

export function count(tally: Tally, judgement: Judgement, cells: number): void {
  tally.runs += 1;
  if (judgement.falseFiled > 0) tally.runsWithFalse += 1;
  tally.falseCells += judgement.falseCells;
  tally.cells += cells;
  if (judgement.found) tally.found += 1;
  tally.filed += judgement.filed;
}

export interface SizeResult {
  configurations: number;
  healthy: { product: Tally; reference: Tally };
  planted: Record<string, { product: Tally; reference: Tally }>;
}

/** Healthy and planted runs for one population size, seeded. */
export function simulateSize(
  configurations: number,
  population: Population,
  runs: { healthy: number; planted: number },
  seed: number,
  rule: ProblemRule,
): SizeResult {
  const next = random(seed);
  const healthy = { product: emptyTally(), reference: emptyTally() };
  for (let run = 0; run < runs.healthy; run += 1) {
    const world = makeWorld(population, 'none', next);
    count(healthy.product, judgeProduct(world, rule), world.cells.length);
    count(healthy.reference, judgeReference(world, rule.alpha), world.cells.length);
  }
  const planted: SizeResult['planted'] = {};
  for (const kind of PLANT_KINDS) {
    const pair = { product: emptyTally(), reference: emptyTally() };
    for (let run = 0; run < runs.planted; run += 1) {
      const world = makeWorld(population, kind, next);
      count(pair.product, judgeProduct(world, rule), world.cells.length);
      count(pair.reference, judgeReference(world, rule.alpha), world.cells.length);
    }
    planted[kind] = pair;
  }
  return { configurations, healthy, planted };
}
