// Markdown tables and Mermaid charts (GitHub renders `xychart-beta` in issues
// and job summaries) built from figures. Labels here are dates and numbers the
// tool computed, or values already escaped by the caller.

import { formatPercent } from './format.ts';

export interface DayPoint {
  day: string;
  sessions: number;
  erroredSessions: number;
  rate: number;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

function xAxis(days: readonly DayPoint[]): string {
  return `[${days.map((point) => `"${point.day.slice(5)}"`).join(', ')}]`;
}

/** Daily errored-session rate as a line, in percent. */
export function rateChart(days: readonly DayPoint[]): string {
  if (!Array.isArray(days) || days.length === 0) return '_No sessions to chart._';
  const top = Math.min(100, Math.max(5, Math.ceil(Math.max(...days.map((point) => point.rate * 100)) / 5) * 5));
  return [
    '```mermaid',
    'xychart-beta',
    '    title "Errored-session rate per day (%)"',
    `    x-axis ${xAxis(days)}`,
    `    y-axis "errored %" 0 --> ${top}`,
    `    line [${days.map((point) => round1(point.rate * 100)).join(', ')}]`,
    '```',
  ].join('\n');
}

/** Sessions per day as bars. */
export function sessionsChart(days: readonly DayPoint[]): string {
  if (!Array.isArray(days) || days.length === 0) return '_No sessions to chart._';
  return [
    '```mermaid',
    'xychart-beta',
    '    title "Sessions per day"',
    `    x-axis ${xAxis(days)}`,
    `    y-axis "sessions" 0 --> ${Math.max(1, ...days.map((point) => point.sessions))}`,
    `    bar [${days.map((point) => point.sessions).join(', ')}]`,
    '```',
  ].join('\n');
}

/** Horizontal bars of the worst groups' rates, for the job summary. */
export function worstGroupsChart(groups: readonly { label: string; rate: number }[]): string {
  if (groups.length === 0) return '';
  const labels = groups.map((group) => `"${group.label.replace(/["\\]/g, '')}"`).join(', ');
  return [
    '```mermaid',
    'xychart-beta horizontal',
    '    title "Errored-session rate of the worst groups (%)"',
    `    x-axis [${labels}]`,
    `    y-axis "errored %" 0 --> ${Math.min(100, Math.max(5, Math.ceil(Math.max(...groups.map((group) => group.rate * 100)) / 5) * 5))}`,
    `    bar [${groups.map((group) => round1(group.rate * 100)).join(', ')}]`,
    '```',
  ].join('\n');
}

function cell(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : formatPercent(value);
  return String(value ?? '').replace(/\|/g, '&#124;').replace(/[\r\n]+/g, ' ');
}

/** A Markdown table of `rows` with the given columns (object keys), headed by the key names. */
export function markdownTable(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  if (!Array.isArray(rows) || rows.length === 0 || columns.length === 0) return '';
  return [`| ${columns.join(' | ')} |`, `|${columns.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${columns.map((column) => cell(row[column])).join(' | ')} |`)].join('\n');
}
