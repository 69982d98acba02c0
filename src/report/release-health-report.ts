// The dashboard's release health: a table per version in use, an adoption
// chart, and weekly tables, from the history kept across runs.

import { CHART_HEIGHT } from '../render/charts.ts';
import { formatCount, formatInterval, formatPercent, formatPValue } from '../render/format.ts';
import { escapeMarkdown } from '../render/markdown-escape.ts';
import { RATE_MIN_SESSIONS } from '../render/trend.ts';
import type { ReleaseHealth, SameAge, WeekFigures } from '../history/release-health.ts';

/** Series colours of the adoption chart, newest version first, with the square a reader matches each to. */
const SERIES = [
  { colour: '#e5534b', square: '🟥' },
  { colour: '#388bfd', square: '🟦' },
  { colour: '#3fb950', square: '🟩' },
  { colour: '#d29922', square: '🟧' },
  { colour: '#a371f7', square: '🟪' },
] as const;
/** Versions drawn as their own line; the others join the last series. */
const CHART_VERSIONS = SERIES.length - 1;

function sameAgeText(sameAge: SameAge | null): string {
  if (!sameAge) return 'the first release the history knows';
  const previous = escapeMarkdown(sameAge.previous);
  const rates = `${formatPercent(sameAge.mine.errored / Math.max(1, sameAge.mine.sessions))} against ${formatPercent(sameAge.theirs.errored / Math.max(1, sameAge.theirs.sessions))}`;
  const over = `over its first ${sameAge.days} day${sameAge.days === 1 ? '' : 's'}`;
  switch (sameAge.verdict) {
    case 'worse':
      return `🔴 worse than ${previous} ${over}: ${rates} of sessions errored (p ${formatPValue(sameAge.p)})`;
    case 'better':
      return `🟢 better than ${previous} ${over}: ${rates} (p ${formatPValue(sameAge.p)})`;
    case 'no clear difference':
      return `no clear difference from ${previous} ${over}: ${rates}`;
    case 'too few sessions':
      return `too few sessions yet to compare with ${previous} (${formatCount(sameAge.mine.sessions)} and ${formatCount(sameAge.theirs.sessions)})`;
    case 'history too short':
      return `${previous} came out before the history began: no same-age comparison`;
  }
}

const percentOf = (part: number, whole: number) => (whole > 0 ? `${Math.round((100 * part) / whole)}%` : '—');

function weekRow(label: string, weeks: readonly WeekFigures[], cell: (week: WeekFigures, index: number) => string): string {
  return `| ${label} | ${weeks.map(cell).join(' | ')} |`;
}

/** The release health section, or a line saying what it needs. */
export function releaseHealthSection(health: ReleaseHealth | null | undefined): string {
  if (health === undefined) return '';
  if (health === null || health.historyDays === 0) {
    return ['### Release health', '', 'Release health needs the history kept across runs: set `state-path` (kept with `actions/cache`) or `history-path`.'].join('\n');
  }
  const lines = ['### Release health', ''];
  lines.push(
    `From the history kept across runs: ${formatCount(health.historyDays)} day${health.historyDays === 1 ? '' : 's'} since ${health.since}. ` +
      `Versions with sessions in the last 28 days, newest first; figures over the last ${health.weeks.length} weeks; intervals and verdicts at the run's confidence.`,
  );
  if (health.versions.length === 0) {
    lines.push('', 'No version was seen on enough installations to be named.');
    return lines.join('\n');
  }
  lines.push(
    '',
    '| version | first seen | sessions | installations | crash-free sessions | crash-free installations | errored-session rate | against the release before, at the same age |',
    '|---|---|---:|---:|---:|---:|---:|---|',
    ...health.versions.map(
      (version) =>
        `| ${escapeMarkdown(version.version)} | ${version.firstDay} | ${formatCount(version.sessions)} | ${version.installsApproximate ? 'about ' : ''}${formatCount(version.installs)} | ` +
        `${formatPercent(version.crashFreeSessions.rate)} (${formatInterval(version.crashFreeSessions)}) | ${formatPercent(version.crashFreeInstalls.rate)} (${formatInterval(version.crashFreeInstalls)}) | ` +
        `${formatPercent(version.erroredRate.rate)} (${formatInterval(version.erroredRate)}) | ${sameAgeText(version.sameAge)} |`,
    ),
  );

  // Adoption: the newest versions as lines of their own, every other session as one.
  const drawn = health.versions.slice(0, CHART_VERSIONS);
  const others = health.versions.slice(CHART_VERSIONS);
  const rest = health.rest.weeks.map((week, index) => ({
    ...week,
    sessions: week.sessions + others.reduce((sum, version) => sum + version.weeks[index]!.sessions, 0),
  }));
  const series = [...drawn.map((version) => ({ label: escapeMarkdown(version.version), weeks: version.weeks })), { label: 'older and other versions', weeks: rest }];
  const legend = series.map((each, index) => `${SERIES[index]!.square} ${each.label}`).join(' · ');
  const share = (weeks: readonly WeekFigures[]) => weeks.map((week, index) => (health.totals[index]!.sessions > 0 ? Math.round((1000 * week.sessions) / health.totals[index]!.sessions) / 10 : 0));
  lines.push(
    '',
    `_Adoption: each version's share of the week's sessions, in %. ${legend}._`,
    '',
    '```mermaid',
    `%%{init: {"xyChart": {"height": ${CHART_HEIGHT}}, "themeVariables": {"xyChart": {"plotColorPalette": "${series.map((_, index) => SERIES[index]!.colour).join(', ')}"}}}}%%`,
    'xychart-beta',
    '    title "Share of sessions per week (%)"',
    `    x-axis [${health.weeks.map((week) => `"${week.label}"`).join(', ')}]`,
    '    y-axis "sessions %" 0 --> 100',
    ...series.map((each) => `    line [${share(each.weeks).join(', ')}]`),
    '```',
  );

  // Week by week: errored-session rate, and adoption by installations.
  const header = `| version | ${health.weeks.map((week) => week.label).join(' | ')} |`;
  const rule = `|---|${health.weeks.map(() => '---:').join('|')}|`;
  lines.push(
    '',
    `#### Errored-session rate by week`,
    '',
    `Weeks start on the day shown; — where a version had fewer than ${RATE_MIN_SESSIONS} sessions.`,
    '',
    header,
    rule,
    ...health.versions.map((version) => weekRow(escapeMarkdown(version.version), version.weeks, (week) => (week.sessions >= RATE_MIN_SESSIONS ? formatPercent(week.errored / week.sessions) : '—'))),
    '',
    '#### Share of installations by week',
    '',
    header,
    rule,
    ...health.versions.map((version) => weekRow(escapeMarkdown(version.version), version.weeks, (week, index) => percentOf(week.installs, health.totals[index]!.installs))),
  );
  return lines.join('\n');
}
