// Accumulates sessions into groups and computes each group's figures.

import { CompactSummary } from '../records/compact-summary.ts';
import type { SessionConfig } from '../records/compact-summary.ts';
import type { SessionSummary } from '../records/session-summary.ts';
import { parseTimestamp } from '../records/timestamp.ts';
import { sessionErrored } from '../records/session-summary.ts';
import { MAX_PUBLISHED_INSTALLATIONS } from '../settings.ts';
import type { GroupField } from '../settings.ts';
import type { RunRef } from '../sources/source.ts';
import { fingerprintOf, groupValues } from './group-key.ts';
import { EventTracker } from './cell-events.ts';
import type { ConfigCell, EventCell } from './cell-events.ts';
import {
  acceptDuration,
  addKindCount,
  addRun,
  addVersion,
  cellOf,
  countInstall,
  DAY_MS,
  EVIDENCE_RUNS,
  figuresOf,
  mergeAccumulator,
  mergeSessions,
  newAccumulator,
  track,
} from './accumulator.ts';
import type { Accumulator, GroupFigures, RunEvidence } from './accumulator.ts';
import { installationsOf } from './installations.ts';
import { OTHER, recodeRare, recodeRareKinds } from './recode-rare.ts';
import type { KindInstallations, RecodedConfigurations } from './recode-rare.ts';
import { InstallCounter } from './install-counter.ts';

export type { DayBucket, GroupFigures, RunEvidence } from './accumulator.ts';
export { DURATION_ACCURACY, EVIDENCE_RUNS, TOP_ERROR_KINDS } from './accumulator.ts';

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
   * later figure and the problem search; what was folded is returned, counted. Folding goes
   * on until the folded ones have `minInstallations` between them, as a published cell must.
   */
  fold(max: number, minSessions: number, minInstallations?: number): FoldedConfigurations;
  /**
   * The publication rule: a configuration seen on fewer than `min` installations (install
   * IDs, each session without one standing in for its own) is merged into a coarser one
   * whose values in `order` read "(other)", field by field, until every configuration
   * left has `min` installations. Returns the configurations recoded, with their figures.
   */
  recode(min: number, order: readonly GroupField[]): RecodedConfigurations;
  /** A new aggregator of the same sessions grouped by `fields`, each a field of this one's group-by. */
  project(fields: readonly GroupField[]): Aggregator;
}

/** Configurations folded away by Aggregator.fold, counted. */
export interface FoldedConfigurations {
  configurations: number;
  sessions: number;
  erroredSessions: number;
}

export const SEVERAL = '(several)';

/**
 * `live`: at most this many configurations are kept while sessions come in. Past it, the
 * half with the fewest sessions is folded away at once (counted as fold() counts), so
 * memory stays bounded however many distinct values the input holds; a configuration
 * folded early and seen again starts afresh. Unset: no limit.
 */
export function createAggregator(groupBy: readonly GroupField[], options: { live?: number } = {}): Aggregator {
  return aggregatorOver(
    groupBy,
    new Map(),
    { sessions: 0, byKind: new Map(), kindInstalls: new Map() },
    options.live ?? Number.POSITIVE_INFINITY,
  );
}

interface RunTotals {
  sessions: number;
  /** With error_kind grouping: sessions that raised each class. */
  byKind: Map<string, number>;
  /** Each class's sessions and installations, run-wide, for the publication rule. */
  kindInstalls: Map<string, KindInstallations>;
}

/** The aggregator over `byKey` (keyed by the configuration values joined on NUL) and the run's totals. */
function aggregatorOver(
  groupBy: readonly GroupField[],
  byKey: Map<string, Accumulator>,
  totals: RunTotals,
  live = Number.POSITIVE_INFINITY,
): Aggregator {
  const kindAt = groupBy.indexOf('error_kind');
  const configFields = kindAt === -1 ? groupBy : groupBy.filter((field) => field !== 'error_kind');
  const totalByKind = totals.byKind;
  // Summaries that share a configuration object find their group by it, without building a key.
  const byConfig = (configFields as readonly string[]).includes('outcome')
    ? null
    : new Map<SessionConfig, Accumulator>();

  /** The group of a summary's configuration values, made on first sight. */
  function groupOf(summary: SessionSummary): Accumulator {
    const values = groupValues(summary, configFields);
    // Schema-valid values never hold a NUL, so joining on it cannot collide.
    if (byKey.size >= live && !byKey.has(values.join('\u0000'))) foldSmallest(Math.floor(live / 2));
    return cellOf(byKey, values);
  }

  // What fold() and the live limit folded away: counted, with the installations between them.
  const folded: FoldedConfigurations = { configurations: 0, sessions: 0, erroredSessions: 0 };
  const foldedInstalls = newAccumulator([]);
  function foldAway(key: string, group: Accumulator): void {
    byKey.delete(key);
    folded.configurations += 1;
    folded.sessions += group.sessions;
    folded.erroredSessions += group.errored;
    foldedInstalls.sessions += group.sessions;
    foldedInstalls.withInstall += group.withInstall;
    foldedInstalls.installs.mergeFrom(group.installs);
  }
  const smallestFirst = () => [...byKey].sort((a, b) => a[1].sessions - b[1].sessions || (a[0] < b[0] ? -1 : 1));
  /** Folds the configurations with the fewest sessions until `keep` are left. */
  function foldSmallest(keep: number): void {
    for (const [key, group] of smallestFirst()) {
      if (byKey.size <= keep) break;
      foldAway(key, group);
    }
    byConfig?.clear();
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
        topErrorKinds: [{ kind, sessions: figures.sessions, lines: figures.occurrences, count: figures.occurrences }],
        runs: [...figures.runs.values()].sort((a, b) => b.id - a.id).slice(0, EVIDENCE_RUNS),
        days: base.days.map((bucket, index) => ({
          ...bucket,
          erroredSessions: figures.days.get(dayNumbers[index]!) ?? 0,
        })),
        population: { sessions: totals.sessions, erroredSessions: totalByKind.get(kind) ?? 0 },
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
      if (hasInstall) countInstall(group, compact, summary);
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
      totals.sessions += 1;
      const kinds = summary.error_kinds;
      if (kinds) {
        for (const kind in kinds) {
          if (!Object.prototype.hasOwnProperty.call(kinds, kind)) continue;
          const counts = (group.errorKinds ??= new Map());
          addKindCount(counts, kind, 1, kinds[kind]!);
          let seen = totals.kindInstalls.get(kind);
          if (!seen)
            totals.kindInstalls.set(kind, (seen = { sessions: 0, withInstall: 0, installs: new InstallCounter() }));
          seen.sessions += 1;
          // The rule only asks whether a class reached min-published-installations (at most MAX_PUBLISHED_INSTALLATIONS):
          // past that many IDs a class's sessions still count, its IDs no longer need to.
          if (hasInstall) {
            if (seen.installs.size < MAX_PUBLISHED_INSTALLATIONS) countInstall(seen, compact, summary);
            else seen.withInstall += 1;
          }
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
            const evidence = figures.runs.get(run.id) ?? {
              id: run.id,
              url: run.url,
              branch: run.branch,
              erroredSessions: 0,
            };
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
        configs.push({
          values: group.values,
          sessions: group.sessions,
          withInstall: group.withInstall,
          installs: group.installs.size,
        });
        keys.push(key);
        if (kindAt === -1) {
          if (group.errored > 0)
            events.push({
              config,
              measure: null,
              events: group.errored,
              byInstall: group.erroredBy!.byInstall,
              unattributed: group.erroredBy!.unattributed,
            });
          continue;
        }
        // "(other)" names no class: it is shown, never searched as a problem of its own.
        for (const [kind, figures] of group.kinds ?? [])
          if (kind !== OTHER)
            events.push({
              config,
              measure: kind,
              events: figures.sessions,
              byInstall: figures.by.byInstall,
              unattributed: figures.by.unattributed,
            });
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
      const addEvidence = (evidence: RunEvidence) => addRun((merged.runs ??= new Map()), evidence);
      for (const part of parts) {
        mergeSessions(merged, part);
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
          for (const [name, count] of part.errorKinds ?? []) addKindCount(counts, name, count.sessions, count.lines);
          for (const evidence of part.runs?.values() ?? []) addEvidence(evidence);
        } else if (kind) {
          merged.errored += kind.sessions;
          const counts = (merged.errorKinds ??= new Map());
          addKindCount(counts, measure, kind.sessions, kind.occurrences);
          for (const evidence of kind.runs.values()) addEvidence(evidence);
        }
      }
      if (parts.length === 0) merged.first = merged.last = 0;
      return figuresOf(merged, configFields);
    },
    fold(max, minSessions, minInstallations = 1) {
      // The folded configurations are published as one count: they need the installations a published cell needs.
      const enough = () => folded.configurations === 0 || installationsOf(foldedInstalls) >= minInstallations;
      if (byKey.size > max || !enough()) {
        for (const [key, group] of smallestFirst()) {
          if (byKey.size <= max && group.sessions >= minSessions && enough()) break;
          foldAway(key, group);
        }
      }
      byConfig?.clear();
      return { ...folded };
    },
    recode(min, order) {
      byConfig?.clear();
      const result = recodeRare(byKey, configFields, min, order);
      const rare = recodeRareKinds(byKey.values(), totals.kindInstalls, min, result);
      for (const name of rare) {
        const count = totalByKind.get(name);
        if (count === undefined) continue;
        totalByKind.delete(name);
        totalByKind.set(OTHER, (totalByKind.get(OTHER) ?? 0) + count);
      }
      return result;
    },
    project(fields) {
      const projected = fields.filter((field) => field !== 'error_kind');
      const at = projected.map((field) => configFields.indexOf(field));
      if (at.some((index) => index < 0) || (fields.includes('error_kind') && kindAt === -1)) {
        throw new Error(`Cannot group by ${fields.join(', ')} the sessions grouped by ${groupBy.join(', ')}`);
      }
      const into = new Map<string, Accumulator>();
      for (const group of byKey.values())
        mergeAccumulator(
          cellOf(
            into,
            at.map((index) => group.values[index]!),
          ),
          group,
        );
      return aggregatorOver(fields, into, {
        sessions: totals.sessions,
        byKind: new Map(totals.byKind),
        kindInstalls: totals.kindInstalls,
      });
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
        (a, b) =>
          b.erroredSessions - a.erroredSessions || b.sessions - a.sessions || (a.fingerprint < b.fingerprint ? -1 : 1),
      );
    },
  };
}
