// Accumulates sessions into groups and computes each group's figures.

import type { SessionSummary } from '../records/session-summary.ts';
import { sessionErrored } from '../records/session-summary.ts';
import type { GroupField } from '../settings.ts';
import type { RunRef } from '../sources/source.ts';
import { fingerprintOf, groupValues } from './group-key.ts';
import { sortVersions } from './versions.ts';

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
  installs: Set<string>;
  first: number;
  last: number;
  durations: number[];
  errorKinds: Map<string, number>;
  runs: Map<number, RunEvidence>;
  days: Map<string, DayBucket>;
  versions: Set<string>;
  withInstall: number;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1]!;
}

export interface Aggregator {
  add(summary: SessionSummary, run: RunRef | null): void;
  /** Figures of every group, most errored sessions first. */
  groups(): GroupFigures[];
}

export function createAggregator(groupBy: readonly GroupField[]): Aggregator {
  const byKey = new Map<string, Accumulator>();
  return {
    add(summary, run) {
      const values = groupValues(summary, groupBy);
      const key = JSON.stringify(values);
      let group = byKey.get(key);
      if (!group) {
        group = {
          values,
          sessions: 0,
          errored: 0,
          crashes: 0,
          errorLines: 0,
          logLines: 0,
          installs: new Set(),
          first: Number.POSITIVE_INFINITY,
          last: Number.NEGATIVE_INFINITY,
          durations: [],
          errorKinds: new Map(),
          runs: new Map(),
          days: new Map(),
          versions: new Set(),
          withInstall: 0,
        };
        byKey.set(key, group);
      }
      const started = Date.parse(summary.started_at);
      const errored = sessionErrored(summary);
      group.sessions += 1;
      if (errored) group.errored += 1;
      if (summary.outcome === 'crash') group.crashes += 1;
      group.errorLines += summary.error_lines;
      group.logLines += summary.log_lines;
      if (summary.install_id) {
        group.installs.add(summary.install_id.toLowerCase());
        group.withInstall += 1;
      }
      group.versions.add(summary.app.version);
      const day = new Date(started).toISOString().slice(0, 10);
      const bucket = group.days.get(day) ?? { day, sessions: 0, erroredSessions: 0 };
      bucket.sessions += 1;
      if (errored) bucket.erroredSessions += 1;
      group.days.set(day, bucket);
      group.first = Math.min(group.first, started);
      group.last = Math.max(group.last, started);
      group.durations.push((Date.parse(summary.ended_at) - started) / 1000);
      for (const [kind, count] of Object.entries(summary.error_kinds ?? {})) {
        group.errorKinds.set(kind, (group.errorKinds.get(kind) ?? 0) + count);
      }
      if (errored && run) {
        const evidence = group.runs.get(run.id) ?? { id: run.id, url: run.url, branch: run.branch, erroredSessions: 0 };
        evidence.erroredSessions += 1;
        group.runs.set(run.id, evidence);
      }
    },
    groups() {
      const result: GroupFigures[] = [];
      for (const group of byKey.values()) {
        const durations = [...group.durations].sort((a, b) => a - b);
        result.push({
          fingerprint: fingerprintOf(groupBy, group.values),
          fields: groupBy.map((name, index) => ({ name, value: group.values[index]! })),
          sessions: group.sessions,
          erroredSessions: group.errored,
          crashes: group.crashes,
          errorLines: group.errorLines,
          logLines: group.logLines,
          errorRate: group.errored / group.sessions,
          installs: group.installs.size,
          firstSessionAt: new Date(group.first).toISOString(),
          lastSessionAt: new Date(group.last).toISOString(),
          durationMedianSeconds: percentile(durations, 0.5),
          durationP95Seconds: percentile(durations, 0.95),
          topErrorKinds: [...group.errorKinds]
            .map(([kind, count]) => ({ kind, count }))
            .sort((a, b) => b.count - a.count || (a.kind < b.kind ? -1 : 1))
            .slice(0, TOP_ERROR_KINDS),
          runs: [...group.runs.values()].sort((a, b) => b.id - a.id).slice(0, EVIDENCE_RUNS),
          days: [...group.days.values()].sort((a, b) => (a.day < b.day ? -1 : 1)),
          appVersions: sortVersions([...group.versions]),
          singleInstall: group.installs.size === 1 && group.withInstall === group.sessions,
        });
      }
      return result.sort(
        (a, b) => b.erroredSessions - a.erroredSessions || b.sessions - a.sessions || (a.fingerprint < b.fingerprint ? -1 : 1),
      );
    },
  };
}
