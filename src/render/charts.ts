// Markdown tables and Mermaid charts (GitHub renders `xychart-beta` in issues
// and job summaries) built from figures. Labels here are dates and numbers the
// tool computed, or values already escaped by the caller.
//
// xychart-beta has no legend and no gap in a line: the bars carry the subject
// (a bar is left out where a bucket has too few sessions for a rate), the line
// carries the comparison, and a line of text above each chart says which is which.

import { formatPercent } from './format.ts';
import { RATE_MIN_SESSIONS, trendOf } from '../history/trend.ts';
import type { Trend } from '../history/trend.ts';

export interface DayPoint {
  day: string;
  sessions: number;
  erroredSessions: number;
  rate?: number;
}

/**
 * Colours readable on the light and the dark chart backgrounds alike (3:1 or more on
 * #ffffff and on Mermaid's dark #333333, lines included): red for the subject's
 * errors, blue for the comparison, grey for sessions.
 */
export const CHART_COLOURS = { errors: '#e5534b', comparison: '#388bfd', sessions: '#8c959f' } as const;
/** Height of every chart, in pixels (Mermaid's default is 500). */
export const CHART_HEIGHT = 300;

const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * A bar that is not drawn. Mermaid draws a bar from the plot's bottom edge, which sits
 * half a label below 0, so a 0 bar is a stub that reads as 0%. A value one axis height
 * below 0 gives the bar a negative height, which SVG does not draw: a gap.
 */
const GAP = (top: number) => -top;

/** Mermaid's init directive: the chart's height and its series' colours, in order. */
function init(palette: readonly string[], height = CHART_HEIGHT): string {
  return `%%{init: {"xyChart": {"height": ${height}}, "themeVariables": {"xyChart": {"plotColorPalette": "${palette.join(', ')}"}}}}%%`;
}

/** The top of a percent axis: a multiple of 5, at least 5, at most 100. */
function percentTop(rates: readonly number[]): number {
  return Math.min(100, Math.max(5, Math.ceil(Math.max(0, ...rates.map((rate) => rate * 100)) / 5) * 5));
}

/** The top of a count axis: at least 10, so that Mermaid's ticks (d3's 1-2-5 steps) fall on whole numbers. */
function countTop(counts: readonly number[]): number {
  return Math.max(10, Math.ceil(Math.max(0, ...counts)));
}

/** Days as given (old templates pass `days`): a trend over the days they span, with nothing to compare. */
function asTrend(input: Trend | readonly DayPoint[], subject = 'these sessions'): Trend | null {
  if (!Array.isArray(input))
    return input && typeof input === 'object' && Array.isArray((input as Trend).buckets) ? (input as Trend) : null;
  const days = (input as readonly DayPoint[]).filter((point) => point && typeof point.day === 'string');
  if (days.length === 0) return null;
  const sorted = days.map((point) => point.day).sort();
  const end = new Date(Date.parse(`${sorted.at(-1)!.slice(0, 10)}T00:00:00Z`) + 86_400_000);
  if (!Number.isFinite(end.getTime())) return null;
  return trendOf({ days, start: new Date(`${sorted[0]!.slice(0, 10)}T00:00:00Z`), end, subject });
}

function xAxis(trend: Trend): string {
  return `[${trend.buckets.map((bucket) => `"${bucket.label}"`).join(', ')}]`;
}

function sessionsOf(trend: Trend): number {
  return trend.buckets.reduce((sum, bucket) => sum + bucket.sessions, 0);
}

/**
 * Errored-session rate per bucket, in percent: the subject as bars (none where a bucket
 * has fewer than RATE_MIN_SESSIONS of its sessions), the comparison as a line. The line
 * follows the buckets when each has enough sessions, else it is the comparison's rate
 * over the whole window, and the caption says so.
 */
export function rateChart(input: Trend | readonly DayPoint[]): string {
  const trend = asTrend(input);
  if (!trend || sessionsOf(trend) === 0) return '_No sessions to chart._';
  const enough = (sessions: number) => sessions >= (trend.minRateSessions || RATE_MIN_SESSIONS);
  const bars = trend.buckets.map((bucket) =>
    enough(bucket.sessions) ? bucket.erroredSessions / bucket.sessions : null,
  );
  if (bars.every((bar) => bar === null)) {
    return `_No ${trend.unit} had ${trend.minRateSessions} or more sessions of ${trend.subject}: too few for a rate per ${trend.unit}._`;
  }
  let line: number[] | null = null;
  let lineText = '';
  if (trend.comparison) {
    const otherSessions = trend.buckets.reduce((sum, bucket) => sum + bucket.otherSessions, 0);
    const otherErrored = trend.buckets.reduce((sum, bucket) => sum + bucket.otherErrored, 0);
    if (trend.buckets.every((bucket) => enough(bucket.otherSessions))) {
      line = trend.buckets.map((bucket) => bucket.otherErrored / bucket.otherSessions);
      lineText = ` Blue line: ${trend.comparison}.`;
    } else if (otherSessions > 0) {
      line = trend.buckets.map(() => otherErrored / otherSessions);
      lineText = ` Blue line: ${trend.comparison}, over the whole window (some ${trend.unit}s had too few for a rate of their own).`;
    }
  }
  const rates = [...bars.map((bar) => bar ?? 0), ...(line ?? [])];
  const top = percentTop(rates);
  const gaps = bars.some((bar) => bar === null)
    ? ` A ${trend.unit} with fewer than ${trend.minRateSessions} of its sessions has no bar.`
    : '';
  return [
    `_Errored-session rate per ${trend.unit} (%). Red bars: ${trend.subject}.${gaps}${lineText}_`,
    '',
    '```mermaid',
    init(line ? [CHART_COLOURS.errors, CHART_COLOURS.comparison] : [CHART_COLOURS.errors]),
    'xychart-beta',
    `    title "Errored-session rate per ${trend.unit} (%)"`,
    `    x-axis ${xAxis(trend)}`,
    `    y-axis "errored %" 0 --> ${top}`,
    `    bar [${bars.map((bar) => (bar === null ? GAP(top) : round1(bar * 100))).join(', ')}]`,
    ...(line ? [`    line [${line.map((rate) => round1(rate * 100)).join(', ')}]`] : []),
    '```',
  ].join('\n');
}

/** Sessions per bucket as grey bars, the errored ones as red bars in front of them. */
export function sessionsChart(input: Trend | readonly DayPoint[]): string {
  const trend = asTrend(input);
  if (!trend || sessionsOf(trend) === 0) return '_No sessions to chart._';
  const top = countTop(trend.buckets.map((bucket) => bucket.sessions));
  return [
    `_Sessions per ${trend.unit} (${trend.subject}). Grey: all of them; red: those that errored._`,
    '',
    '```mermaid',
    init([CHART_COLOURS.sessions, CHART_COLOURS.errors]),
    'xychart-beta',
    `    title "Sessions per ${trend.unit}"`,
    `    x-axis ${xAxis(trend)}`,
    `    y-axis "sessions" 0 --> ${top}`,
    `    bar [${trend.buckets.map((bucket) => bucket.sessions).join(', ')}]`,
    // No red stub where nothing errored: the grey stub already reads 0.
    `    bar [${trend.buckets.map((bucket) => (bucket.erroredSessions > 0 ? bucket.erroredSessions : GAP(top))).join(', ')}]`,
    '```',
  ].join('\n');
}

/** Horizontal bars of the worst groups' rates, for the job summary. Labels are stripped of quotes and backslashes. */
export function worstGroupsChart(groups: readonly { label: string; rate: number }[]): string {
  if (groups.length === 0) return '';
  const labels = groups.map((group) => `"${group.label.replace(/["\\]/g, '')}"`).join(', ');
  return [
    '```mermaid',
    init([CHART_COLOURS.errors], Math.max(CHART_HEIGHT, 80 + 32 * groups.length)),
    'xychart-beta horizontal',
    '    title "Errored-session rate of the worst groups (%)"',
    `    x-axis [${labels}]`,
    `    y-axis "errored %" 0 --> ${percentTop(groups.map((group) => group.rate))}`,
    `    bar [${groups.map((group) => round1(group.rate * 100)).join(', ')}]`,
    '```',
  ].join('\n');
}

function cell(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : formatPercent(value);
  return String(value ?? '')
    .replace(/\|/g, '&#124;')
    .replace(/[\r\n]+/g, ' ');
}

/**
 * A Markdown table of `rows` with the given columns (object keys). A column is headed by
 * its key, or by the text after ":" in "key:Heading". Columns of numbers are right-aligned.
 */
export function markdownTable(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  if (!Array.isArray(rows) || rows.length === 0 || columns.length === 0) return '';
  const keys = columns.map((column) => (column.includes(':') ? column.slice(0, column.indexOf(':')) : column));
  const headings = columns.map((column) => (column.includes(':') ? column.slice(column.indexOf(':') + 1) : column));
  const numeric = keys.map((key) => rows.every((row) => typeof row[key] === 'number'));
  return [
    `| ${headings.map((heading) => cell(heading)).join(' | ')} |`,
    `|${numeric.map((isNumber) => (isNumber ? '---:' : '---')).join('|')}|`,
    ...rows.map((row) => `| ${keys.map((key) => cell(row[key])).join(' | ')} |`),
  ].join('\n');
}
