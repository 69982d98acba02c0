// The dashboard's release health: a table per version in use, an adoption
// chart, and weekly tables, from the history kept across runs.

import { CHART_HEIGHT } from '../render/charts.ts';
import { formatCount, formatInterval, formatPercent, formatPValue } from '../render/format.ts';
import { escapeMarkdown } from '../render/markdown-escape.ts';
import { RATE_MIN_SESSIONS } from '../history/trend.ts';
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

/** The release health section, or a line saying what it needs. */
export function releaseHealthSection(health: ReleaseHealth | null | undefined): string {
  if (health === undefined) return '';
  if (health === null) {
    return [
      '### Release health',
      '',
      'Release health needs the history kept across runs: set `state-path` (kept with `actions/cache`) or `history-path`.',
    ].join('\n');
  }
  if (health.historyDays === 0)
    return [
      '### Release health',
      '',
      'The history kept across runs holds no day yet: release health starts with the first sessions.',
    ].join('\n');
  const lines = ['### Release health', ''];
  lines.push(
    `From the history kept across runs: ${formatCount(health.historyDays)} day${health.historyDays === 1 ? '' : 's'} since ${health.since}. ` +
      `Versions with sessions in the last 28 days, newest first; figures over the last ${health.weeks.length} weeks; intervals and verdicts at the run's confidence.`,
  );
  if (health.versions.length === 0) {
    lines.push('', 'No version was seen on enough installations to be named.');
    return lines.join('\n');
  }
  // Intervals under their figure, small: the table stays within the page at ten versions.
  const withInterval = (figure: { rate: number; low: number; high: number }) =>
    `${formatPercent(figure.rate)}<br><sub>${formatInterval(figure)}</sub>`;
  lines.push(
    '',
    '| version | first seen | sessions | installations | crash-free sessions | crash-free installations | errored-session rate |',
    '|---|---|---:|---:|---:|---:|---:|',
    ...health.versions.map(
      (version) =>
        `| ${escapeMarkdown(version.version)} | ${version.firstDay} | ${formatCount(version.sessions)} | ${version.installsApproximate ? 'about ' : ''}${formatCount(version.installs)} | ` +
        `${withInterval(version.crashFreeSessions)} | ${withInterval(version.crashFreeInstalls)} | ${withInterval(version.erroredRate)} |`,
    ),
    '',
    'Against the release before, at the same age:',
    '',
    ...health.versions.map((version) => `- **${escapeMarkdown(version.version)}**: ${sameAgeText(version.sameAge)}.`),
  );

  // Adoption: the newest versions as lines of their own, every other session as one.
  const drawn = health.versions.slice(0, CHART_VERSIONS);
  const others = health.versions.slice(CHART_VERSIONS);
  const rest = health.rest.weeks.map((week, index) => ({
    sessions: week.sessions + others.reduce((sum, version) => sum + version.weeks[index]!.sessions, 0),
    errored: week.errored + others.reduce((sum, version) => sum + version.weeks[index]!.errored, 0),
    crashed: week.crashed + others.reduce((sum, version) => sum + version.weeks[index]!.crashed, 0),
    // Installations of the rest: every installation of the week less those of the versions drawn, at least 0 (sketches estimate).
    installs: Math.max(
      0,
      health.totals[index]!.installs - drawn.reduce((sum, version) => sum + version.weeks[index]!.installs, 0),
    ),
  }));
  const series = [
    ...drawn.map((version) => ({ label: escapeMarkdown(version.version), weeks: version.weeks })),
    { label: 'older and other versions', weeks: rest as readonly WeekFigures[] },
  ];
  const legend = series.map((each, index) => `${SERIES[index]!.square} ${each.label}`).join(' · ');
  const share = (weeks: readonly WeekFigures[]) =>
    weeks.map((week, index) =>
      health.totals[index]!.sessions > 0 ? Math.round((1000 * week.sessions) / health.totals[index]!.sessions) / 10 : 0,
    );
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

  // Week by week, a row a week and a column a version (the newest ones and the rest): it grows down, not past the page.
  const columns = [
    ...drawn.map((version) => ({ label: escapeMarkdown(version.version), weeks: version.weeks })),
    { label: 'older and other', weeks: rest },
  ];
  const header = `| week of | ${columns.map((column) => column.label).join(' | ')} |`;
  const rule = `|---|${columns.map(() => '---:').join('|')}|`;
  const weekly = (cell: (week: WeekFigures, index: number) => string) =>
    health.weeks.map(
      (week, index) => `| ${week.first} | ${columns.map((column) => cell(column.weeks[index]!, index)).join(' | ')} |`,
    );
  lines.push(
    '',
    '#### Errored-session rate by week',
    '',
    `— where a version had fewer than ${RATE_MIN_SESSIONS} sessions that week.`,
    '',
    header,
    rule,
    ...weekly((week) => (week.sessions >= RATE_MIN_SESSIONS ? formatPercent(week.errored / week.sessions) : '—')),
    '',
    '#### Share of installations by week',
    '',
    'An installation that moved to a newer version during a week counts for both.',
    '',
    header,
    rule,
    ...weekly((week, index) => percentOf(week.installs, health.totals[index]!.installs)),
  );
  return lines.join('\n');
}
