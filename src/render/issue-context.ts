// The data a template sees for one group. Every string that came from a summary
// is escaped for Markdown here, before any template touches it.

import type { GroupFigures } from '../aggregate/accumulator.ts';
import type { DayBucket } from '../aggregate/accumulator.ts';
import type { ProblemGroup } from '../problems/judge-problems.ts';
import { escapeMarkdown } from './markdown-escape.ts';
import { daysWithout, trendOf } from '../history/trend.ts';
import type { Trend } from '../history/trend.ts';
import type { ProblemHistory } from '../history/problem-history.ts';

export interface VersionFigures {
  version: string;
  sessions: number;
  erroredSessions: number;
  rate: number;
  /** For "fixed in": the history shows the version significantly better than the problem (false: not yet, or no history). */
  confirmed: boolean;
}

export interface IssueContext {
  group: {
    fingerprint: string;
    /** "os.platform windows, app.version 2.4.0 and later": the fields the problem fixes. */
    label: string;
    /** Every group-by field: its value, "2.4.0 and later", or "(any)" where the problem does not depend on it. */
    fields: { name: string; value: string }[];
  };
  problem: {
    /** configuration, since-version, release, platform or slice. */
    kind: string;
    /** "a configuration", "a platform from a version on", ...: the kind in words. */
    kindText: string;
    /** The fields whose value does not matter: the problem shows on all of them. */
    openFields: string[];
    /** With error_kind grouping: the exception class; else empty. */
    errorKind: string;
    cells: number;
    /** The last version before it, on the same platform (or the same other fields), that ran clean on enough sessions. */
    lastGood: VersionFigures | null;
    hasLastGood: boolean;
    /** Newer versions that run clean on enough sessions: "fixed in?". */
    fixedIn: VersionFigures[];
    /** What a reader compares with: the version before on the same platform, or the others on the same versions. */
    comparison: { label: string; sessions: number; erroredSessions: number; rate: number } | null;
    hasComparison: boolean;
    installs: { known: boolean; affected: number; reporting: number; approximate: boolean };
    pValue: number;
    level: number;
  };
  /** A problem's figures, as GroupFigures has them, but first and last session as UTC days (YYYY-MM-DD): issues are public, so never the time a person worked. */
  figures: Pick<
    GroupFigures,
    | 'sessions'
    | 'erroredSessions'
    | 'errorRate'
    | 'crashes'
    | 'errorLines'
    | 'logLines'
    | 'installs'
    | 'installsApproximate'
    | 'firstSessionAt'
    | 'lastSessionAt'
    | 'durationMedianSeconds'
    | 'durationP95Seconds'
  >;
  baseline: { sessions: number; erroredSessions: number; errorRate: number | null };
  /** Wilson score interval of the errored-session rate at rule.confidence. */
  interval: { low: number; high: number };
  flagged: boolean;
  /** Sessions per UTC day that had any, oldest first, with the day's errored-session rate. */
  days: { day: string; sessions: number; erroredSessions: number; rate: number }[];
  /** The whole window by day (or week past 14 days), with all other sessions to compare: what the charts draw. */
  trend: Trend;
  /** The problem's last 12 weeks from the history kept across runs, with its first day; null without a history. */
  history: { since: string; trend: Trend } | null;
  /** App versions seen in the group, oldest first. */
  appVersions: string[];
  /** The classes raised most: sessions that raised each, and the error lines they logged (`count` is `lines`). */
  topErrorKinds: { kind: string; sessions: number; lines: number; count: number }[];
  runs: { id: number; url: string; branch: string; erroredSessions: number }[];
  /** alpha = 1 - confidence: the chance of any false issue in a run over healthy data. */
  rule: {
    minSessions: number;
    errorRateThreshold: number;
    lookbackDays: number;
    confidence: number;
    alpha: number;
    verdict: string;
    ignoreLabel: string;
  };
}

export interface RuleContext {
  minSessions: number;
  errorRateThreshold: number;
  lookbackDays: number;
  confidence: number;
  /** The label that mutes an issue, named in the footer (escaped here). */
  ignoreLabel?: string;
}

/** The run's window and every session's days, for the charts' time axis and comparison. */
export interface RunDays {
  start: Date;
  end: Date;
  /** Every session of the run by day, counting as errored those that raised `measure` (null: any errored session). */
  daysOf(measure: string | null): DayBucket[];
}

/** The window and comparison of `group`'s charts: all other sessions of the run, or none without `run`. */
export function trendOfGroup(group: ProblemGroup, run: RunDays | null | undefined): Trend {
  if (!run) {
    const days = group.days.map((bucket) => bucket.day).sort();
    const start = days.length > 0 ? new Date(`${days[0]}T00:00:00Z`) : new Date(0);
    const end = days.length > 0 ? new Date(Date.parse(`${days.at(-1)}T00:00:00Z`) + 86_400_000) : new Date(86_400_000);
    return trendOf({ days: group.days, start, end, subject: 'this problem' });
  }
  const others = daysWithout(run.daysOf(group.problem.measure), group.days);
  return trendOf({
    days: group.days,
    start: run.start,
    end: run.end,
    subject: 'this problem',
    others,
    comparison: 'all other sessions',
  });
}

/**
 * The context for one group. `escape` is escapeMarkdown for bodies and
 * escapeTitle for titles, which GitHub shows as plain text.
 */
const KIND_TEXT: Record<string, string> = {
  configuration: 'one configuration',
  'since-version': 'a platform from a version on',
  release: 'a release on every platform',
  platform: 'a platform on every version',
  slice: 'a set of configurations',
};

export function issueContext(
  group: ProblemGroup,
  rule: RuleContext,
  escape: (value: string) => string = escapeMarkdown,
  run?: RunDays | null,
  past?: ProblemHistory | null,
): IssueContext {
  const fields = group.fields.map((field) => ({ name: field.name, value: escape(field.value) }));
  const problem = group.problem;
  const version = (entry: { version: string; sessions: number; events: number }): VersionFigures => ({
    version: escape(entry.version),
    sessions: entry.sessions,
    erroredSessions: entry.events,
    rate: entry.sessions > 0 ? entry.events / entry.sessions : 0,
    confirmed: false,
  });
  // With a history, newer releases are judged on every session it kept, not the window's alone.
  const fixedIn =
    past && past.fixed.length > 0
      ? past.fixed.map((entry) => ({ ...entry, version: escape(entry.version) }))
      : problem.fixedIn.map(version);
  return {
    group: {
      fingerprint: group.fingerprint,
      label: escape(problem.label),
      fields,
    },
    problem: {
      kind: problem.kind,
      kindText: KIND_TEXT[problem.kind] ?? problem.kind,
      openFields: problem.openFields,
      errorKind: problem.measure === null ? '' : escape(problem.measure),
      cells: problem.cells,
      lastGood: problem.lastGood && version(problem.lastGood),
      hasLastGood: problem.lastGood !== null,
      fixedIn,
      comparison: problem.comparison && {
        ...problem.comparison,
        label: escape(problem.comparison.label),
        rate: problem.comparison.errorRate,
      },
      hasComparison: problem.comparison !== null,
      installs: problem.installs,
      pValue: problem.pValue,
      level: problem.level,
    },
    figures: {
      sessions: group.sessions,
      erroredSessions: group.erroredSessions,
      errorRate: group.errorRate,
      crashes: group.crashes,
      errorLines: group.errorLines,
      logLines: group.logLines,
      installs: group.installs,
      installsApproximate: group.installsApproximate,
      firstSessionAt: group.firstSessionAt.slice(0, 10),
      lastSessionAt: group.lastSessionAt.slice(0, 10),
      durationMedianSeconds: group.durationMedianSeconds,
      durationP95Seconds: group.durationP95Seconds,
    },
    baseline: group.baseline,
    interval: group.interval,
    flagged: group.flagged,
    days: group.days.map((bucket) => ({ ...bucket, rate: bucket.erroredSessions / bucket.sessions })),
    trend: trendOfGroup(group, run),
    history: past ? { since: past.since, trend: past.trend } : null,
    appVersions: group.appVersions.map(escape),
    topErrorKinds: group.topErrorKinds.map((entry) => ({
      kind: escape(entry.kind),
      sessions: entry.sessions,
      lines: entry.lines,
      count: entry.lines,
    })),
    runs: group.runs.map((run) => ({
      id: run.id,
      url: run.url,
      branch: run.branch === null ? '(unknown)' : escape(run.branch),
      erroredSessions: run.erroredSessions,
    })),
    rule: {
      minSessions: rule.minSessions,
      errorRateThreshold: rule.errorRateThreshold,
      lookbackDays: rule.lookbackDays,
      confidence: rule.confidence,
      alpha: 1 - rule.confidence,
      verdict: group.verdict,
      ignoreLabel: escape(rule.ignoreLabel ?? 'crash-report:ignore'),
    },
  };
}
