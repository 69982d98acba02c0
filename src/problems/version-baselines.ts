// What a reader compares a problem with: the version before it on the same
// anchor (and whether it ran clean), newer versions that run clean ("fixed
// in?"), or, for a description without a version, the others on the same versions.

import { OTHER } from '../aggregate/recode-rare.ts';
import { compareVersions } from '../aggregate/versions.ts';
import { logFisherLess } from './hypergeometric.ts';
import { anchorOf, matches, VERSION_FIELD } from './pattern.ts';
import type { Pattern } from './pattern.ts';
import type { CellView, Counts } from './cell-view.ts';

export interface VersionCounts extends Counts {
  version: string;
}

export interface Baselines {
  /** App versions the cells were seen on, oldest first. */
  versions: string[];
  lastGood: VersionCounts | null;
  fixedIn: VersionCounts[];
  comparison: (Counts & { label: string }) | null;
}

/** A version is "clean" against the problem below this one-sided p. */
const CLEAN_VERSION_P = Math.log(0.05);

function below(entry: Counts, problem: Counts): boolean {
  return (
    logFisherLess({
      events: entry.events,
      sessions: entry.sessions,
      totalEvents: entry.events + problem.events,
      totalSessions: entry.sessions + problem.sessions,
    }) < CLEAN_VERSION_P
  );
}

/** `exclude`: cells of other problems, left out of every comparison so one problem does not hide another's baseline. */
export function baselinesOf(
  view: CellView,
  fields: readonly string[],
  minSessions: number,
  pattern: Pattern,
  measure: string | null,
  members: readonly number[],
  counts: Counts,
  exclude: ReadonlySet<number> = new Set(),
): Baselines {
  const { configs } = view;
  const versionAt = fields.indexOf(VERSION_FIELD);
  // "(other)" (versions hidden by the publication rule) is no release: not seen, not last good, not fixed in.
  const versions =
    versionAt < 0
      ? []
      : [...new Set(members.map((cell) => configs[cell]!.values[versionAt]!))]
          .filter((version) => version !== OTHER)
          .sort(compareVersions);
  const result: Baselines = { versions, lastGood: null, fixedIn: [], comparison: null };
  if (versionAt < 0 || versions.length === 0) return result;
  const versionTerm = pattern[versionAt]!;
  if (versionTerm.op === 'any') {
    // No version in the description: the other values of its fixed fields, on the same versions.
    const same = new Set(versions);
    let sessions = 0;
    let events = 0;
    for (let cell = 0; cell < configs.length; cell += 1) {
      if (exclude.has(cell) || matches(pattern, configs[cell]!.values) || !same.has(configs[cell]!.values[versionAt]!))
        continue;
      sessions += configs[cell]!.sessions;
      events += view.eventsAt(measure, cell);
    }
    const fixed = pattern.filter((term) => term.op === 'is').map((term) => term.field);
    if (sessions > 0)
      result.comparison = {
        label: `on the other ${fixed.join(' and ')} values of the same versions`,
        sessions,
        events,
      };
    return result;
  }
  // The same anchor on other versions: the version before, and newer ones that run clean.
  const anchor = anchorOf(pattern);
  const byVersion = new Map<string, Counts>();
  for (let cell = 0; cell < configs.length; cell += 1) {
    if (exclude.has(cell) || !matches(anchor, configs[cell]!.values)) continue;
    const version = configs[cell]!.values[versionAt]!;
    if (version === OTHER) continue;
    const entry = byVersion.get(version) ?? { sessions: 0, events: 0 };
    entry.sessions += configs[cell]!.sessions;
    entry.events += view.eventsAt(measure, cell);
    byVersion.set(version, entry);
  }
  const first = versions[0]!;
  const last = versions.at(-1)!;
  const older = [...byVersion.keys()].filter((version) => compareVersions(version, first) < 0).sort(compareVersions);
  const previous = older.reverse().find((version) => byVersion.get(version)!.sessions >= minSessions);
  if (previous !== undefined) {
    const entry = byVersion.get(previous)!;
    result.comparison = { label: `in ${previous}`, ...entry };
    if (below(entry, counts)) result.lastGood = { version: previous, ...entry };
  }
  for (const version of [...byVersion.keys()]
    .filter((candidate) => compareVersions(candidate, last) > 0)
    .sort(compareVersions)) {
    const entry = byVersion.get(version)!;
    if (entry.sessions >= minSessions && below(entry, counts)) result.fixedIn.push({ version, ...entry });
  }
  return result;
}
