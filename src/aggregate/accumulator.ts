// One cell's running figures (an accumulator), how sessions are added to it and
// cells merged, and the figures it reports.

import { DDSketch } from '@datadog/sketches-js';
import type { CompactSummary } from '../records/compact-summary.ts';
import type { SessionSummary } from '../records/session-summary.ts';
import type { GroupField } from '../settings.ts';
import { EventTracker } from './cell-events.ts';
import { fingerprintOf } from './group-key.ts';
import { InstallCounter } from './install-counter.ts';
import { uuidWords, wordAt } from '../uuid/uuid-codec.ts';
import { sortVersions } from './versions.ts';

/** The value a field reads when the publication rule hid it (see recode-rare.ts). Schema-valid values never hold parentheses. */
export const OTHER = '(other)';

export const TOP_ERROR_KINDS = 5;
export const EVIDENCE_RUNS = 10;

export interface RunEvidence {
  id: number;
  url: string;
  branch: string | null;
  erroredSessions: number;
}

export interface GroupFigures {
  fingerprint: string;
  fields: { name: GroupField; value: string }[];
  sessions: number;
  erroredSessions: number;
  crashes: number;
  errorLines: number;
  logLines: number;
  /** Errored sessions / sessions. */
  errorRate: number;
  /** Distinct install IDs seen; sessions without one are not counted here. */
  installs: number;
  /** True when `installs` is an estimate (past EXACT_INSTALLS, about 0.8% standard error). */
  installsApproximate: boolean;
  firstSessionAt: string;
  lastSessionAt: string;
  durationMedianSeconds: number;
  durationP95Seconds: number;
  /**
   * The exception classes raised most, by the sessions that raised them: `sessions`
   * affected, `lines` the error lines they logged of it (`count`, kept for templates
   * written before, is `lines`).
   */
  topErrorKinds: ErrorKindFigures[];
  /** Workflow runs that carried errored sessions of this group, newest first. */
  runs: RunEvidence[];
  /** Sessions and errored sessions per UTC day the sessions started on, oldest first. */
  days: DayBucket[];
  /** Distinct app versions seen, oldest first by semver. */
  appVersions: string[];
  /** Every session carries an install ID, and it is the same one. */
  singleInstall: boolean;
  /**
   * What the group is compared against, when it is not simply every other
   * group: with error_kind grouping, all sessions and those that raised the kind.
   */
  population?: { sessions: number; erroredSessions: number };
}

export interface DayBucket {
  day: string;
  sessions: number;
  erroredSessions: number;
}

export interface Accumulator {
  values: string[];
  sessions: number;
  errored: number;
  crashes: number;
  errorLines: number;
  logLines: number;
  installs: InstallCounter;
  first: number;
  last: number;
  /** Made on the second session; until then the one duration is kept as is (NaN: none yet). */
  durations: DDSketch | null;
  firstDuration: number;
  // Made on first use: most configurations of a run with many distinct values never need them.
  errorKinds: Map<string, KindCount> | null;
  runs: Map<number, RunEvidence> | null;
  /** By day number since the epoch (UTC). */
  days: Map<number, { sessions: number; erroredSessions: number }>;
  /** The first app version seen, and all of them once there is a second. */
  version: string | null;
  versions: Set<string> | null;
  withInstall: number;
  /** With error_kind grouping: per exception class, the sessions that raised it. */
  kinds: Map<string, KindFigures> | null;
  /** Errored sessions per installation, made on the first errored session. */
  erroredBy: EventTracker | null;
}

/** One exception class in a cell: the sessions that raised it and the error lines they logged of it. */
export interface KindCount {
  sessions: number;
  lines: number;
}

export interface ErrorKindFigures {
  kind: string;
  sessions: number;
  lines: number;
  count: number;
}

/** Adds `sessions` and `lines` of class `name` to `counts`. */
export function addKindCount(counts: Map<string, KindCount>, name: string, sessions: number, lines: number): void {
  const mine = counts.get(name);
  if (mine) {
    mine.sessions += sessions;
    mine.lines += lines;
  } else counts.set(name, { sessions, lines });
}

export interface KindFigures {
  sessions: number;
  occurrences: number;
  days: Map<number, number>;
  runs: Map<number, RunEvidence>;
  by: EventTracker;
}

/** Durations are kept in a DDSketch: quantiles within 1% relative error, memory by range not count. */
export const DURATION_ACCURACY = 0.01;
export const DAY_MS = 86_400_000;

export function quantile(group: Accumulator, q: number): number {
  if (!group.durations) return Number.isNaN(group.firstDuration) ? 0 : Math.max(0, group.firstDuration);
  return group.durations.count === 0 ? 0 : Math.max(0, group.durations.getValueAtQuantile(q));
}

/** One more session duration: kept as is while it is the only one, then in the sketch. */
export function acceptDuration(group: Accumulator, seconds: number): void {
  if (group.durations) {
    group.durations.accept(seconds);
    return;
  }
  if (Number.isNaN(group.firstDuration)) {
    group.firstDuration = seconds;
    return;
  }
  group.durations = new DDSketch({ relativeAccuracy: DURATION_ACCURACY });
  group.durations.accept(group.firstDuration);
  group.durations.accept(seconds);
}

export function mergeDurations(into: Accumulator, from: Accumulator): void {
  if (from.durations) {
    if (!into.durations) {
      into.durations = new DDSketch({ relativeAccuracy: DURATION_ACCURACY });
      if (!Number.isNaN(into.firstDuration)) into.durations.accept(into.firstDuration);
    }
    into.durations.merge(from.durations);
  } else if (!Number.isNaN(from.firstDuration)) {
    acceptDuration(into, from.firstDuration);
  }
}

/** The figures of one accumulated group, named by `fields` (in the order of its values). */
export function figuresOf(group: Accumulator, fields: readonly GroupField[]): GroupFigures {
  return {
    fingerprint: fingerprintOf(fields, group.values),
    fields: fields.map((name, index) => ({ name, value: group.values[index]! })),
    sessions: group.sessions,
    erroredSessions: group.errored,
    crashes: group.crashes,
    errorLines: group.errorLines,
    logLines: group.logLines,
    errorRate: group.sessions > 0 ? group.errored / group.sessions : 0,
    installs: group.installs.size,
    installsApproximate: group.installs.approximate,
    firstSessionAt: new Date(group.first).toISOString(),
    lastSessionAt: new Date(group.last).toISOString(),
    durationMedianSeconds: quantile(group, 0.5),
    durationP95Seconds: quantile(group, 0.95),
    topErrorKinds: [...(group.errorKinds ?? [])]
      .map(([kind, { sessions, lines }]) => ({ kind, sessions, lines, count: lines }))
      .sort((a, b) => b.sessions - a.sessions || b.lines - a.lines || (a.kind < b.kind ? -1 : 1))
      .slice(0, TOP_ERROR_KINDS),
    runs: [...(group.runs?.values() ?? [])].sort((a, b) => b.id - a.id).slice(0, EVIDENCE_RUNS),
    days: [...group.days]
      .sort((a, b) => a[0] - b[0])
      .map(([day, bucket]) => ({ day: new Date(day * DAY_MS).toISOString().slice(0, 10), ...bucket })),
    // "(other)" is no version: it would sort after every release and read as the newest.
    appVersions: (group.versions
      ? sortVersions([...group.versions])
      : group.version === null
        ? []
        : [group.version]
    ).filter((version) => version !== OTHER),
    singleInstall: !group.installs.approximate && group.installs.size === 1 && group.withInstall === group.sessions,
  };
}

export function addVersion(group: Accumulator, version: string): void {
  if (group.versions) group.versions.add(version);
  else if (group.version === null) group.version = version;
  else if (group.version !== version) group.versions = new Set([group.version, version]);
}

/** An empty cell: its structures made on first need. */
export function newAccumulator(values: string[]): Accumulator {
  return {
    values,
    sessions: 0,
    errored: 0,
    crashes: 0,
    errorLines: 0,
    logLines: 0,
    installs: new InstallCounter(),
    first: Number.POSITIVE_INFINITY,
    last: Number.NEGATIVE_INFINITY,
    durations: null,
    firstDuration: Number.NaN,
    errorKinds: null,
    runs: null,
    days: new Map(),
    version: null,
    versions: null,
    withInstall: 0,
    kinds: null,
    erroredBy: null,
  };
}

/** Counts one event against the session's installation. */
export function track(
  tracker: EventTracker,
  compact: CompactSummary | null,
  summary: SessionSummary,
  hasInstall: boolean,
): void {
  if (!hasInstall) tracker.addUnattributed();
  else if (compact) {
    const at = compact.installAt;
    tracker.add(
      wordAt(compact.bytes, at),
      wordAt(compact.bytes, at + 4),
      wordAt(compact.bytes, at + 8),
      wordAt(compact.bytes, at + 12),
    );
  } else tracker.add(...uuidWords(summary.install_id!));
}

/** Counts one session that carried an install ID against `into`'s installations. */
export function countInstall(
  into: { withInstall: number; installs: InstallCounter },
  compact: CompactSummary | null,
  summary: SessionSummary,
): void {
  into.withInstall += 1;
  if (compact) into.installs.addBytes(compact.bytes, compact.installAt);
  else into.installs.add(summary.install_id!);
}

/** Evidence of one run added to a map of runs. */
export function addRun(runs: Map<number, RunEvidence>, evidence: RunEvidence): void {
  const mine = runs.get(evidence.id);
  if (mine) mine.erroredSessions += evidence.erroredSessions;
  else runs.set(evidence.id, { ...evidence });
}

/** The cell of `values` in `cells` (keyed by the values joined on NUL), made empty on first need. */
export function cellOf(cells: Map<string, Accumulator>, values: string[]): Accumulator {
  const key = values.join('\u0000');
  let cell = cells.get(key);
  if (!cell) {
    cell = newAccumulator(values);
    cells.set(key, cell);
  }
  return cell;
}

/** Adds the figures of `from` that do not depend on what counts as errored: sessions, installations, times, durations, versions. */
export function mergeSessions(into: Accumulator, from: Accumulator): void {
  into.sessions += from.sessions;
  into.crashes += from.crashes;
  into.errorLines += from.errorLines;
  into.logLines += from.logLines;
  into.withInstall += from.withInstall;
  into.installs.mergeFrom(from.installs);
  into.first = Math.min(into.first, from.first);
  into.last = Math.max(into.last, from.last);
  mergeDurations(into, from);
  for (const version of from.versions ?? (from.version === null ? [] : [from.version])) addVersion(into, version);
}

/** Adds every figure of `from` to `into`, as if its sessions had been added there. */
export function mergeAccumulator(into: Accumulator, from: Accumulator): void {
  mergeSessions(into, from);
  into.errored += from.errored;
  if (from.errorKinds) {
    const counts = (into.errorKinds ??= new Map());
    for (const [name, count] of from.errorKinds) addKindCount(counts, name, count.sessions, count.lines);
  }
  if (from.runs) {
    const runs = (into.runs ??= new Map());
    for (const evidence of from.runs.values()) addRun(runs, evidence);
  }
  for (const [day, bucket] of from.days) {
    const mine = into.days.get(day);
    if (mine) {
      mine.sessions += bucket.sessions;
      mine.erroredSessions += bucket.erroredSessions;
    } else into.days.set(day, { ...bucket });
  }
  if (from.erroredBy) (into.erroredBy ??= new EventTracker()).mergeFrom(from.erroredBy);
  for (const [kind, figures] of from.kinds ?? []) mergeKind(into, kind, figures);
}

/** Adds one exception class's figures to `into`'s figures of `kind`. */
export function mergeKind(into: Accumulator, kind: string, figures: KindFigures): void {
  const byKind = (into.kinds ??= new Map());
  let mine = byKind.get(kind);
  if (!mine) {
    mine = { sessions: 0, occurrences: 0, days: new Map(), runs: new Map(), by: new EventTracker() };
    byKind.set(kind, mine);
  }
  mine.sessions += figures.sessions;
  mine.occurrences += figures.occurrences;
  for (const [day, count] of figures.days) mine.days.set(day, (mine.days.get(day) ?? 0) + count);
  for (const evidence of figures.runs.values()) addRun(mine.runs, evidence);
  mine.by.mergeFrom(figures.by);
}
