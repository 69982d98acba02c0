// Accumulates sessions into groups and computes each group's figures.

import { CompactSummary } from '../records/compact-summary.ts';
import type { SessionConfig } from '../records/compact-summary.ts';
import type { SessionSummary } from '../records/session-summary.ts';
import { parseTimestamp } from '../records/timestamp.ts';
import { sessionErrored } from '../records/session-summary.ts';
import type { GroupField } from '../settings.ts';
import type { RunRef } from '../sources/source.ts';
import { fingerprintOf, groupValues } from './group-key.ts';
import { sortVersions } from './versions.ts';
import { InstallCounter } from './install-counter.ts';
import { EventTracker } from './cell-events.ts';
import type { ConfigCell, EventCell } from './cell-events.ts';
import { uuidWords, wordAt } from './uuid-words.ts';
import { DDSketch } from '@datadog/sketches-js';

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
  topErrorKinds: { kind: string; count: number }[];
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

interface Accumulator {
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
  errorKinds: Map<string, number> | null;
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

interface KindFigures {
  sessions: number;
  occurrences: number;
  days: Map<number, number>;
  runs: Map<number, RunEvidence>;
  by: EventTracker;
}

/** Durations are kept in a DDSketch: quantiles within 1% relative error, memory by range not count. */
export const DURATION_ACCURACY = 0.01;
const DAY_MS = 86_400_000;

function quantile(group: Accumulator, q: number): number {
  if (!group.durations) return Number.isNaN(group.firstDuration) ? 0 : Math.max(0, group.firstDuration);
  return group.durations.count === 0 ? 0 : Math.max(0, group.durations.getValueAtQuantile(q));
}

/** One more session duration: kept as is while it is the only one, then in the sketch. */
function acceptDuration(group: Accumulator, seconds: number): void {
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

function mergeDurations(into: Accumulator, from: Accumulator): void {
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
function figuresOf(group: Accumulator, fields: readonly GroupField[]): GroupFigures {
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
      .map(([kind, count]) => ({ kind, count }))
      .sort((a, b) => b.count - a.count || (a.kind < b.kind ? -1 : 1))
      .slice(0, TOP_ERROR_KINDS),
    runs: [...(group.runs?.values() ?? [])].sort((a, b) => b.id - a.id).slice(0, EVIDENCE_RUNS),
    days: [...group.days]
      .sort((a, b) => a[0] - b[0])
      .map(([day, bucket]) => ({ day: new Date(day * DAY_MS).toISOString().slice(0, 10), ...bucket })),
    appVersions: group.versions ? sortVersions([...group.versions]) : group.version === null ? [] : [group.version],
    singleInstall: !group.installs.approximate && group.installs.size === 1 && group.withInstall === group.sessions,
  };
}

function addVersion(group: Accumulator, version: string): void {
  if (group.versions) group.versions.add(version);
  else if (group.version === null) group.version = version;
  else if (group.version !== version) group.versions = new Set([group.version, version]);
}

/** An empty cell: its structures made on first need. */
function newAccumulator(values: string[]): Accumulator {
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
function track(tracker: EventTracker, compact: CompactSummary | null, summary: SessionSummary, hasInstall: boolean): void {
  if (!hasInstall) tracker.addUnattributed();
  else if (compact) {
    const at = compact.installAt;
    tracker.add(wordAt(compact.bytes, at), wordAt(compact.bytes, at + 4), wordAt(compact.bytes, at + 8), wordAt(compact.bytes, at + 12));
  } else tracker.add(...uuidWords(summary.install_id!));
}

/** The configuration cells and their events, for the problem search; `keys[i]` names configs[i] for combine(). */
export interface CellTable {
  /** The configuration fields (group-by without error_kind). */
  fields: GroupField[];
  configs: ConfigCell[];
  events: EventCell[];
  keys: string[];
}

export interface Aggregator {
  /** `times` saves parsing the timestamps again when the caller already did. */
  add(summary: SessionSummary, run: RunRef | null, times?: { startedMs: number; endedMs: number }): void;
  /** Figures of every group, most errored sessions first. */
  groups(): GroupFigures[];
  cells(): CellTable;
  /**
   * Figures of several configurations' sessions taken together, counting as errored
   * those of `measure` (null: errored sessions; else the sessions that raised that class).
   * A field whose value differs between them reads "(several)".
   */
  combine(keys: readonly string[], measure: string | null): GroupFigures;
  /**
   * Past `max` configurations, folds the long tail away: first every configuration with
   * fewer than `minSessions` sessions (none can be a problem on its own), then the ones
   * with the fewest sessions, until `max` are left. Folded configurations leave every
   * later figure and the problem search; what was folded is returned, counted.
   */
  fold(max: number, minSessions: number): FoldedConfigurations;
}

/** Configurations folded away by Aggregator.fold, counted. */
export interface FoldedConfigurations {
  configurations: number;
  sessions: number;
  erroredSessions: number;
}

export const SEVERAL = '(several)';

export function createAggregator(groupBy: readonly GroupField[]): Aggregator {
  const byKey = new Map<string, Accumulator>();
  const kindAt = groupBy.indexOf('error_kind');
  const configFields = kindAt === -1 ? groupBy : groupBy.filter((field) => field !== 'error_kind');
  let totalSessions = 0;
  const totalByKind = new Map<string, number>();
  // Summaries that share a configuration object find their group by it, without building a key.
  const byConfig = configFields.includes('outcome') ? null : new Map<SessionConfig, Accumulator>();

  /** The group of a summary's configuration values, made on first sight. */
  function groupOf(summary: SessionSummary): Accumulator {
    const values = groupValues(summary, configFields);
    // Schema-valid values never hold a NUL, so joining on it cannot collide.
    const key = values.join('\u0000');
    let group = byKey.get(key);
    if (!group) {
      group = newAccumulator(values);
      byKey.set(key, group);
    }
    return group;
  }

  /** One group per exception class of a configuration: its sessions, and those that raised the class. */
  function expandKinds(group: Accumulator): GroupFigures[] {
    const base = figuresOf(group, configFields);
    // base.days is in this (ascending) order of the group's day numbers.
    const dayNumbers = [...group.days.keys()].sort((a, b) => a - b);
    return [...(group.kinds ?? [])].map(([kind, figures]) => {
      const values = [...group.values];
      values.splice(kindAt, 0, kind);
      return {
        ...base,
        fingerprint: fingerprintOf(groupBy, values),
        fields: groupBy.map((name, index) => ({ name, value: values[index]! })),
        erroredSessions: figures.sessions,
        errorRate: figures.sessions / group.sessions,
        topErrorKinds: [{ kind, count: figures.occurrences }],
        runs: [...figures.runs.values()].sort((a, b) => b.id - a.id).slice(0, EVIDENCE_RUNS),
        days: base.days.map((bucket, index) => ({ ...bucket, erroredSessions: figures.days.get(dayNumbers[index]!) ?? 0 })),
        population: { sessions: totalSessions, erroredSessions: totalByKind.get(kind) ?? 0 },
      };
    });
  }

  return {
    add(summary, run, times) {
      const compact = summary instanceof CompactSummary ? summary : null;
      let group = compact && byConfig ? byConfig.get(compact.config) : undefined;
      if (!group) {
        group = groupOf(summary);
        if (compact && byConfig) byConfig.set(compact.config, group);
      }
      const started = times ? times.startedMs : parseTimestamp(summary.started_at);
      const errored = sessionErrored(summary);
      group.sessions += 1;
      if (errored) group.errored += 1;
      if (summary.outcome === 'crash') group.crashes += 1;
      group.errorLines += summary.error_lines;
      group.logLines += summary.log_lines;
      const hasInstall = compact ? compact.installAt >= 0 : summary.install_id !== undefined;
      if (hasInstall) {
        if (compact) group.installs.addBytes(compact.bytes, compact.installAt);
        else group.installs.add(summary.install_id!);
        group.withInstall += 1;
      }
      if (errored) track((group.erroredBy ??= new EventTracker()), compact, summary, hasInstall);
      addVersion(group, summary.app.version);
      const day = Math.floor(started / DAY_MS);
      let bucket = group.days.get(day);
      if (!bucket) {
        bucket = { sessions: 0, erroredSessions: 0 };
        group.days.set(day, bucket);
      }
      bucket.sessions += 1;
      if (errored) bucket.erroredSessions += 1;
      if (started < group.first) group.first = started;
      if (started > group.last) group.last = started;
      acceptDuration(group, ((times ? times.endedMs : parseTimestamp(summary.ended_at)) - started) / 1000);
      totalSessions += 1;
      const kinds = summary.error_kinds;
      if (kinds) {
        for (const kind in kinds) {
          if (!Object.prototype.hasOwnProperty.call(kinds, kind)) continue;
          const counts = (group.errorKinds ??= new Map());
          counts.set(kind, (counts.get(kind) ?? 0) + kinds[kind]!);
          if (kindAt === -1) continue;
          const byKind = (group.kinds ??= new Map());
          let figures = byKind.get(kind);
          if (!figures) {
            figures = { sessions: 0, occurrences: 0, days: new Map(), runs: new Map(), by: new EventTracker() };
            byKind.set(kind, figures);
          }
          figures.sessions += 1;
          figures.occurrences += kinds[kind]!;
          track(figures.by, compact, summary, hasInstall);
          figures.days.set(day, (figures.days.get(day) ?? 0) + 1);
          totalByKind.set(kind, (totalByKind.get(kind) ?? 0) + 1);
          if (run) {
            const evidence = figures.runs.get(run.id) ?? { id: run.id, url: run.url, branch: run.branch, erroredSessions: 0 };
            evidence.erroredSessions += 1;
            figures.runs.set(run.id, evidence);
          }
        }
      }
      if (errored && run) {
        const runs = (group.runs ??= new Map());
        const evidence = runs.get(run.id) ?? { id: run.id, url: run.url, branch: run.branch, erroredSessions: 0 };
        evidence.erroredSessions += 1;
        runs.set(run.id, evidence);
      }
    },
    cells() {
      const configs: ConfigCell[] = [];
      const events: EventCell[] = [];
      const keys: string[] = [];
      for (const [key, group] of byKey) {
        const config = configs.length;
        configs.push({ values: group.values, sessions: group.sessions, withInstall: group.withInstall, installs: group.installs.size });
        keys.push(key);
        if (kindAt === -1) {
          if (group.errored > 0) events.push({ config, measure: null, events: group.errored, byInstall: group.erroredBy!.byInstall, unattributed: group.erroredBy!.unattributed });
          continue;
        }
        for (const [kind, figures] of group.kinds ?? []) events.push({ config, measure: kind, events: figures.sessions, byInstall: figures.by.byInstall, unattributed: figures.by.unattributed });
      }
      return { fields: [...configFields], configs, events, keys };
    },
    combine(keys, measure) {
      const parts = keys.map((key) => byKey.get(key)).filter((group) => group !== undefined);
      const values = configFields.map((_, index) => {
        const first = parts[0]?.values[index] ?? SEVERAL;
        return parts.every((part) => part.values[index] === first) ? first : SEVERAL;
      });
      const merged = newAccumulator(values);
      const addRun = (evidence: RunEvidence) => {
        const runs = (merged.runs ??= new Map());
        const mine = runs.get(evidence.id);
        if (mine) mine.erroredSessions += evidence.erroredSessions;
        else runs.set(evidence.id, { ...evidence });
      };
      for (const part of parts) {
        merged.sessions += part.sessions;
        merged.crashes += part.crashes;
        merged.errorLines += part.errorLines;
        merged.logLines += part.logLines;
        merged.withInstall += part.withInstall;
        merged.installs.mergeFrom(part.installs);
        merged.first = Math.min(merged.first, part.first);
        merged.last = Math.max(merged.last, part.last);
        mergeDurations(merged, part);
        for (const version of part.versions ?? (part.version === null ? [] : [part.version])) addVersion(merged, version);
        const kind = measure === null ? null : (part.kinds?.get(measure) ?? null);
        for (const [day, bucket] of part.days) {
          const mine = merged.days.get(day) ?? { sessions: 0, erroredSessions: 0 };
          mine.sessions += bucket.sessions;
          mine.erroredSessions += measure === null ? bucket.erroredSessions : (kind?.days.get(day) ?? 0);
          merged.days.set(day, mine);
        }
        if (measure === null) {
          merged.errored += part.errored;
          const counts = (merged.errorKinds ??= new Map());
          for (const [name, count] of part.errorKinds ?? []) counts.set(name, (counts.get(name) ?? 0) + count);
          for (const evidence of part.runs?.values() ?? []) addRun(evidence);
        } else if (kind) {
          merged.errored += kind.sessions;
          const counts = (merged.errorKinds ??= new Map());
          counts.set(measure, (counts.get(measure) ?? 0) + kind.occurrences);
          for (const evidence of kind.runs.values()) addRun(evidence);
        }
      }
      if (parts.length === 0) merged.first = merged.last = 0;
      return figuresOf(merged, configFields);
    },
    fold(max, minSessions) {
      const folded: FoldedConfigurations = { configurations: 0, sessions: 0, erroredSessions: 0 };
      if (byKey.size <= max) return folded;
      const order = [...byKey].sort((a, b) => a[1].sessions - b[1].sessions || (a[0] < b[0] ? -1 : 1));
      let left = byKey.size;
      for (const [key, group] of order) {
        if (left <= max && group.sessions >= minSessions) break;
        byKey.delete(key);
        left -= 1;
        folded.configurations += 1;
        folded.sessions += group.sessions;
        folded.erroredSessions += group.errored;
      }
      byConfig?.clear();
      return folded;
    },
    groups() {
      const result: GroupFigures[] = [];
      for (const group of byKey.values()) {
        if (kindAt !== -1) {
          result.push(...expandKinds(group));
          continue;
        }
        result.push(figuresOf(group, groupBy));
      }
      return result.sort(
        (a, b) => b.erroredSessions - a.erroredSessions || b.sessions - a.sessions || (a.fingerprint < b.fingerprint ? -1 : 1),
      );
    },
  };
}
