// The data a template sees for one group. Every string that came from a summary
// is escaped for Markdown here, before any template touches it.

import type { JudgedGroup } from '../aggregate/flag-groups.ts';
import { groupLabel } from '../aggregate/group-key.ts';
import { escapeMarkdown } from './markdown-escape.ts';

export interface IssueContext {
  group: {
    fingerprint: string;
    /** "os.platform windows, app.version 2.4.0" */
    label: string;
    fields: { name: string; value: string }[];
  };
  figures: {
    sessions: number;
    erroredSessions: number;
    errorRate: number;
    crashes: number;
    errorLines: number;
    logLines: number;
    installs: number;
    /** True when `installs` is an estimate: past 16,384 installations a group counts them approximately. */
    installsApproximate: boolean;
    firstSessionAt: string;
    lastSessionAt: string;
    durationMedianSeconds: number;
    durationP95Seconds: number;
  };
  baseline: { sessions: number; erroredSessions: number; errorRate: number | null };
  /** Wilson score interval of the errored-session rate at rule.confidence. */
  interval: { low: number; high: number };
  flagged: boolean;
  /** Sessions per UTC day, oldest first, with the day's errored-session rate. */
  days: { day: string; sessions: number; erroredSessions: number; rate: number }[];
  /** App versions seen in the group, oldest first. */
  appVersions: string[];
  topErrorKinds: { kind: string; count: number }[];
  runs: { id: number; url: string; branch: string; erroredSessions: number }[];
  rule: { minSessions: number; errorRateThreshold: number; lookbackDays: number; confidence: number; verdict: string };
}

export interface RuleContext {
  minSessions: number;
  errorRateThreshold: number;
  lookbackDays: number;
  confidence: number;
}

/**
 * The context for one group. `escape` is escapeMarkdown for bodies and
 * escapeTitle for titles, which GitHub shows as plain text.
 */
export function issueContext(group: JudgedGroup, rule: RuleContext, escape: (value: string) => string = escapeMarkdown): IssueContext {
  const fields = group.fields.map((field) => ({ name: field.name, value: escape(field.value) }));
  return {
    group: {
      fingerprint: group.fingerprint,
      label: groupLabel(fields),
      fields,
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
      firstSessionAt: group.firstSessionAt,
      lastSessionAt: group.lastSessionAt,
      durationMedianSeconds: group.durationMedianSeconds,
      durationP95Seconds: group.durationP95Seconds,
    },
    baseline: group.baseline,
    interval: group.interval,
    flagged: group.flagged,
    days: group.days.map((bucket) => ({ ...bucket, rate: bucket.erroredSessions / bucket.sessions })),
    appVersions: group.appVersions.map(escape),
    topErrorKinds: group.topErrorKinds.map((entry) => ({ kind: escape(entry.kind), count: entry.count })),
    runs: group.runs.map((run) => ({
      id: run.id,
      url: run.url,
      branch: run.branch === null ? '(unknown)' : escape(run.branch),
      erroredSessions: run.erroredSessions,
    })),
    rule: { ...rule, verdict: group.verdict },
  };
}
