// The dashboard: how the application is used and where it breaks, across every
// session in the window. Rendered as Markdown for the report issue.

import type { GroupFigures } from '../aggregate/aggregate-groups.ts';
import type { JudgedGroup } from '../aggregate/flag-groups.ts';
import { rateChart, sessionsChart } from '../render/charts.ts';
import { formatCount, formatDuration, formatPercent } from '../render/format.ts';
import { escapeMarkdown } from '../render/markdown-escape.ts';

export const REPORT_MARKER = '<!-- crash-report-aggregator:usage-report -->';
export const REPORT_TITLE = 'Crash report: usage and errors';

export interface UsageFigures {
  all: GroupFigures | null;
  byOs: GroupFigures[];
  byVersion: GroupFigures[];
  byRuntime: GroupFigures[];
  /** Errored-session rate per OS and app version, judged like issue groups. */
  matrix: JudgedGroup[];
  lookbackDays: number;
  /** What the publication rule did, when it hid any configuration. */
  publication?: string | null;
}

function breakdown(title: string, groups: readonly GroupFigures[], total: number): string {
  if (groups.length === 0) return '';
  const rows = [...groups]
    .sort((a, b) => b.sessions - a.sessions)
    .slice(0, 25)
    .map((group) => `| ${escapeMarkdown(group.fields[0]?.value ?? '')} | ${formatCount(group.sessions)} | ${formatPercent(group.sessions / total)} | ${formatCount(group.erroredSessions)} | ${formatPercent(group.errorRate)} |`);
  return [`### ${title}`, '', '| | sessions | share | errored | errored rate |', '|---|---:|---:|---:|---:|', ...rows].join('\n');
}

/** OS × app version table of errored-session rates; flagged cells carry 🔴. */
export function matrixTable(matrix: readonly JudgedGroup[], maxVersions = 8): string {
  if (matrix.length === 0) return '';
  const platforms = [...new Set(matrix.map((group) => group.fields[0]!.value))].sort();
  const bySessions = new Map<string, number>();
  for (const group of matrix) bySessions.set(group.fields[1]!.value, (bySessions.get(group.fields[1]!.value) ?? 0) + group.sessions);
  const versions = [...bySessions].sort((a, b) => b[1] - a[1]).slice(0, maxVersions).map(([version]) => version).sort();
  const cell = (platform: string, version: string) => {
    const group = matrix.find((candidate) => candidate.fields[0]!.value === platform && candidate.fields[1]!.value === version);
    if (!group) return '';
    return `${group.flagged ? '🔴 ' : ''}${formatPercent(group.errorRate)} of ${formatCount(group.sessions)}`;
  };
  return [
    `| OS \\ version | ${versions.map(escapeMarkdown).join(' | ')} |`,
    `|---|${versions.map(() => '---:').join('|')}|`,
    ...platforms.map((platform) => `| ${escapeMarkdown(platform)} | ${versions.map((version) => cell(platform, version)).join(' | ')} |`),
  ].join('\n');
}

export function renderUsageReport(figures: UsageFigures): string {
  const { all } = figures;
  if (!all) return `## ${REPORT_TITLE}\n\nNo sessions in the last ${figures.lookbackDays} days.`;
  const days = all.days.map((bucket) => ({ ...bucket, rate: bucket.erroredSessions / bucket.sessions }));
  const kinds = all.topErrorKinds.map((entry) => `| ${escapeMarkdown(entry.kind)} | ${formatCount(entry.count)} |`);
  return [
    `## ${REPORT_TITLE}`,
    '',
    `${formatCount(all.sessions)} sessions in the last ${figures.lookbackDays} days, ${formatCount(all.erroredSessions)} errored (${formatPercent(all.errorRate)}), ${formatCount(all.crashes)} crashed, from ${all.installsApproximate ? 'about ' : ''}${formatCount(all.installs)} installations that sent an install ID.`,
    '',
    '### Errored-session rate by OS and app version',
    '',
    matrixTable(figures.matrix),
    '',
    '### Trend',
    '',
    rateChart(days),
    '',
    sessionsChart(days),
    '',
    breakdown('Sessions by OS', figures.byOs, all.sessions),
    '',
    breakdown('Sessions by app version', figures.byVersion, all.sessions),
    '',
    breakdown('Sessions by runtime version', figures.byRuntime, all.sessions),
    '',
    '### Session duration',
    '',
    `Median ${formatDuration(all.durationMedianSeconds)}, 95th percentile ${formatDuration(all.durationP95Seconds)}.`,
    '',
    '### Most frequent error kinds',
    '',
    kinds.length > 0 ? ['| error kind | count |', '|---|---:|', ...kinds].join('\n') : 'No error kinds reported.',
    '',
    `<sub>Updated by crash-report-aggregator on each run from anonymous session summaries; 🔴 marks configurations covered by a problem.${figures.publication ? ` ${escapeMarkdown(figures.publication)}` : ''} Text above or below this section is kept.</sub>`,
  ].join('\n');
}
