// Installations are the unit of evidence: whether a description's excess errors
// are spread over enough installations, or carried by one or two of them.

import { installationsOf } from '../aggregate/installations.ts';
import type { Table } from './hypergeometric.ts';
import { tableOf } from './cell-view.ts';
import type { CellView, Counts } from './cell-view.ts';

export interface InstallEvidence {
  /** False when no session of the problem carried an installation ID: sessions stand in for installations. */
  known: boolean;
  /** Installations with at least one event (sessions without an ID count one each). */
  affected: number;
  /** Events of the heaviest installations, the ones left out when checking the spread. */
  heaviest: number[];
  /** True when the events stay significant without the heaviest min-installations - 1 installations. */
  spread: boolean;
}

export interface SpreadRule {
  minInstallations: number;
  minRateRatio: number;
}

/** A heavy user has up to this many times the average sessions of an installation. */
const HEAVY_USER = 4;
/** An installation is an outlier when a heavy user would report more events with this probability at most. */
const OUTLIER_P = 1e-3;

/** The smallest count a Poisson(lambda) exceeds with probability below OUTLIER_P. */
export function plausibleMost(lambda: number): number {
  if (!(lambda > 0)) return 0;
  if (lambda > 500) return Math.ceil(lambda + 4 * Math.sqrt(lambda));
  let term = Math.exp(-lambda);
  let cumulative = term;
  let k = 0;
  while (1 - cumulative > OUTLIER_P) {
    k += 1;
    term *= lambda / k;
    cumulative += term;
  }
  return k;
}

/**
 * The installation evidence of `cells` for `measure`, whose events and sessions are `own`
 * against `reference`; `test` is the log p of a table, held to `logLevel`.
 */
export function installSpread(
  view: CellView,
  cells: readonly number[],
  measure: string | null,
  own: Counts,
  reference: Counts,
  rule: SpreadRule,
  test: (table: Table) => number,
  logLevel: number,
): InstallEvidence {
  const merged = new Map<string, number>();
  let without = 0;
  let withInstall = 0;
  for (const cell of cells) {
    withInstall += view.configs[cell]!.withInstall;
    const events = view.byMeasure.get(measure)?.get(cell);
    if (!events) continue;
    without += events.unattributed;
    for (const [install, count] of events.byInstall) merged.set(install, (merged.get(install) ?? 0) + count);
  }
  const known = withInstall > 0;
  // Heaviest first; sessions without an ID (one event each) stand in for at most min-installations
  // installations, after every installation with an ID (each has at least one event).
  const counts = [...merged.values()].sort((a, b) => b - a);
  for (let i = 0; i < Math.min(without, rule.minInstallations); i += 1) counts.push(1);
  const affected = known ? merged.size + without : own.events;
  if (!known) return { known, affected, heaviest: [], spread: true };
  // An installation with more events than a heavy user of the problem could plausibly
  // have is left out whole: a crash loop is one installation's story, not the problem's.
  const installs = cells.reduce((sum, cell) => sum + installationsOf(view.configs[cell]!), 0);
  const top = counts[0] ?? 0;
  const typicalRate = own.sessions > top ? Math.max(0, own.events - top) / (own.sessions - top) : 0;
  // With min-installations 1 one installation may make a problem, and none is left out.
  const most =
    installs > 0 && rule.minInstallations > 1
      ? plausibleMost(typicalRate * HEAVY_USER * (own.sessions / installs))
      : Number.POSITIVE_INFINITY;
  const kept = counts.filter((count) => count <= most);
  const outliers =
    own.events -
    kept.reduce((sum, count) => sum + count, 0) -
    Math.max(0, without - Math.min(without, rule.minInstallations));
  // The heaviest of the rest are cut down to the min-installations-th heaviest, or to twice
  // what the median affected installation reports if that is more: an excess carried by fewer
  // installations goes, one spread over more stays, and ordinary spread costs little.
  const median = kept.length > 0 ? kept[Math.floor(kept.length / 2)]! : 0;
  const cap = Math.max(kept[rule.minInstallations - 1] ?? 0, 2 * median);
  const heaviest = counts.slice(0, Math.max(0, rule.minInstallations - 1));
  const removed =
    outliers +
    kept.slice(0, Math.max(0, rule.minInstallations - 1)).reduce((sum, count) => sum + Math.max(0, count - cap), 0);
  const rest = { sessions: own.sessions - removed, events: own.events - removed };
  const enough =
    rest.events > 0 && rest.events / rest.sessions >= rule.minRateRatio * (reference.events / reference.sessions);
  const spread = kept.length >= rule.minInstallations && enough && test(tableOf(rest, reference)) <= logLevel;
  return { known, affected, heaviest, spread };
}
