// The dashboard: how the application is used and where it breaks, across every
// session in the window. Rendered as Markdown for the report issue.

import type { DayBucket } from '../aggregate/accumulator.ts';
import { OTHER } from '../aggregate/accumulator.ts';
import type { GroupFigures } from '../aggregate/aggregate-groups.ts';
import type { JudgedGroup } from '../aggregate/flag-groups.ts';
import { compareVersions } from '../aggregate/versions.ts';
import { rateChart, sessionsChart } from '../render/charts.ts';
import { formatCount, formatDuration, formatInterval, formatPercent } from '../render/format.ts';
import { escapeMarkdown } from '../render/markdown-escape.ts';
import { trendOf } from '../history/trend.ts';
import type { ReleaseHealth } from '../history/release-health.ts';
import { releaseHealthSection } from './release-health-report.ts';

export const REPORT_MARKER = '<!-- crash-report-aggregator:usage-report -->';
export const REPORT_TITLE = 'Crash report: usage and errors';

/** An issue a figure stands for: linked where the tracker gives a web address. */
export interface IssueLink {
  number: number;
  url: string | null;
}

/** An OS × app version cell, with the issues of the problems that cover it. */
export type MatrixCell = JudgedGroup & { issues?: IssueLink[] };

export interface UsageFigures {
  all: GroupFigures | null;
  byOs: GroupFigures[];
  /** Per app version, judged (for its interval). */
  byVersion: JudgedGroup[];
  byRuntime: GroupFigures[];
  /** Errored-session rate per OS and app version, judged like issue groups. */
  matrix: MatrixCell[];
  lookbackDays: number;
  /** The run's time and the window's first instant: the dashboard's "as of". */
  asOf?: Date;
  windowStart?: Date;
  confidence?: number;
  /** Sessions outside every problem, by day: the trend's comparison line (null or absent: no problem). */
  outsideProblems?: DayBucket[] | null;
  /** What the publication rule did, when it hid any configuration. */
  publication?: string | null;
  /** Release health from the history (null: no history kept; absent: not asked for). */
  health?: ReleaseHealth | null;
}

function issueRef(link: IssueLink): string {
  return link.url && /^https?:\/\//.test(link.url) ? `[#${link.number}](${link.url})` : `#${link.number}`;
}

function breakdown(title: string, groups: readonly GroupFigures[], total: number): string {
  if (groups.length === 0) return '';
  const rows = [...groups]
    .sort((a, b) => b.sessions - a.sessions)
    .slice(0, 25)
    .map(
      (group) =>
        `| ${escapeMarkdown(group.fields[0]?.value ?? '')} | ${formatCount(group.sessions)} | ${formatPercent(group.sessions / total)} | ${formatCount(group.erroredSessions)} | ${formatPercent(group.errorRate)} |`,
    );
  return [
    `### ${title}`,
    '',
    '| | sessions | share | errored | errored rate |',
    '|---|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

/** Versions in semver order, "(other)" after every release. */
function versionOrder(a: string, b: string): number {
  if (a === OTHER || b === OTHER) return a === b ? 0 : a === OTHER ? 1 : -1;
  return compareVersions(a, b);
}

/** Versions newest first in semver order, "(other)" still last. */
function newestFirst(a: string, b: string): number {
  return a === OTHER || b === OTHER ? versionOrder(a, b) : compareVersions(b, a);
}

/**
 * Errored-session rates by app version (rows: the `maxVersions` with the most sessions,
 * newest first in semver order) and OS (columns: platforms are few, versions many, so
 * the table grows down, not past the page's width). Flagged cells carry 🔴 and the issues
 * of the problems that cover them.
 */
export function matrixTable(matrix: readonly MatrixCell[], maxVersions = 10): string {
  if (matrix.length === 0) return '';
  const platforms = [...new Set(matrix.map((group) => group.fields[0]!.value))].sort((a, b) =>
    a === OTHER ? 1 : b === OTHER ? -1 : a < b ? -1 : a > b ? 1 : 0,
  );
  const bySessions = new Map<string, number>();
  for (const group of matrix)
    bySessions.set(group.fields[1]!.value, (bySessions.get(group.fields[1]!.value) ?? 0) + group.sessions);
  const versions = [...bySessions]
    .sort((a, b) => b[1] - a[1])
    .slice(0, maxVersions)
    .map(([version]) => version)
    .sort(newestFirst);
  const cell = (platform: string, version: string) => {
    const group = matrix.find(
      (candidate) => candidate.fields[0]!.value === platform && candidate.fields[1]!.value === version,
    );
    if (!group) return '';
    const issues =
      group.flagged && group.issues && group.issues.length > 0 ? ` ${group.issues.map(issueRef).join(' ')}` : '';
    return `${group.flagged ? '🔴 ' : ''}${formatPercent(group.errorRate)} of ${formatCount(group.sessions)}${issues}`;
  };
  const note =
    bySessions.size > versions.length
      ? `\n\nThe ${versions.length} app versions with the most sessions, of ${bySessions.size}.`
      : '';
  return (
    [
      `| version \\ OS | ${platforms.map(escapeMarkdown).join(' | ')} |`,
      `|---|${platforms.map(() => '---:').join('|')}|`,
      ...versions.map(
        (version) =>
          `| ${escapeMarkdown(version)} | ${platforms.map((platform) => cell(platform, version)).join(' | ')} |`,
      ),
    ].join('\n') + note
  );
}

/** Per app version, newest first in semver order: sessions, share, errored-session rate with its interval. */
export function versionTable(
  groups: readonly JudgedGroup[],
  total: number,
  confidence: number,
  maxVersions = 25,
): string {
  if (groups.length === 0) return '';
  const shown = [...groups].sort((a, b) => b.sessions - a.sessions).slice(0, maxVersions);
  const rows = shown
    .sort((a, b) => newestFirst(a.fields[0]?.value ?? '', b.fields[0]?.value ?? ''))
    .map(
      (group) =>
        `| ${escapeMarkdown(group.fields[0]?.value ?? '')} | ${formatCount(group.sessions)} | ${formatPercent(group.sessions / total)} | ${formatCount(group.erroredSessions)} | ${formatPercent(group.errorRate)} | ${formatInterval(group.interval)} |`,
    );
  const note =
    groups.length > shown.length ? `\n\nThe ${shown.length} versions with the most sessions of ${groups.length}.` : '';
  return (
    [
      '### App versions',
      '',
      `| version | sessions | share | errored | errored rate | ${formatPercent(confidence)} interval |`,
      '|---|---:|---:|---:|---:|---:|',
      ...rows,
    ].join('\n') + note
  );
}

/** A UTC day, YYYY-MM-DD. */
function dayOf(time: Date): string {
  return time.toISOString().slice(0, 10);
}

export function renderUsageReport(figures: UsageFigures): string {
  const { all } = figures;
  const asOf = figures.asOf ?? null;
  const start = figures.windowStart ?? (asOf ? new Date(asOf.getTime() - figures.lookbackDays * 86_400_000) : null);
  // A date, not a time: a re-run the same day with nothing new writes nothing.
  const window =
    asOf && start
      ? `As of ${dayOf(asOf)}: sessions started from ${dayOf(start)} on (the last ${figures.lookbackDays} days).`
      : `Sessions of the last ${figures.lookbackDays} days.`;
  // GitHub shows the issue's title (REPORT_TITLE) right above: the body does not repeat it.
  // A quiet window still has its history: release health shows what was kept.
  if (!all)
    return [
      window,
      '',
      'No sessions in the window.',
      ...(figures.health !== undefined ? ['', releaseHealthSection(figures.health)] : []),
    ].join('\n');
  const kinds = all.topErrorKinds.map(
    (entry) => `| ${escapeMarkdown(entry.kind)} | ${formatCount(entry.sessions)} | ${formatCount(entry.lines)} |`,
  );
  const trend = trendOf({
    days: all.days,
    start: start ?? new Date(Date.parse(`${all.firstSessionAt.slice(0, 10)}T00:00:00Z`)),
    end: asOf ?? new Date(Date.parse(`${all.lastSessionAt.slice(0, 10)}T00:00:00Z`) + 86_400_000),
    subject: 'all sessions',
    others: figures.outsideProblems ?? null,
    comparison: figures.outsideProblems ? 'the sessions outside every problem' : null,
  });
  return [
    window,
    '',
    `${formatCount(all.sessions)} sessions, ${formatCount(all.erroredSessions)} errored (${formatPercent(all.errorRate)}), ${formatCount(all.crashes)} crashed, from ${all.installsApproximate ? 'about ' : ''}${formatCount(all.installs)} installations that sent an install ID.`,
    '',
    '### Errored-session rate by app version and OS',
    '',
    matrixTable(figures.matrix),
    '',
    versionTable(figures.byVersion, all.sessions, figures.confidence ?? 0.95),
    '',
    ...(figures.health !== undefined ? [releaseHealthSection(figures.health), ''] : []),
    '### Trend',
    '',
    rateChart(trend),
    '',
    sessionsChart(trend),
    '',
    breakdown('Sessions by OS', figures.byOs, all.sessions),
    '',
    breakdown('Sessions by runtime version', figures.byRuntime, all.sessions),
    '',
    '### Session duration',
    '',
    `Median ${formatDuration(all.durationMedianSeconds)}, 95th percentile ${formatDuration(all.durationP95Seconds)}.`,
    '',
    '### Error kinds',
    '',
    kinds.length > 0
      ? ['| error kind | sessions | error lines |', '|---|---:|---:|', ...kinds].join('\n')
      : 'No error kinds reported.',
    '',
    `<sub>Updated by crash-report-aggregator from anonymous session summaries when the figures change. 🔴 marks configurations covered by a problem, with its issue.${figures.publication ? ` ${escapeMarkdown(figures.publication)}` : ''} Text above or below this section is kept.</sub>`,
  ].join('\n');
}
