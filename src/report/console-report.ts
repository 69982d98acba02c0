// The plain-text table the command line prints.

import { formatCount, formatPercent } from '../render/format.ts';
import { limitMessage } from '../records/intake.ts';
import type { RunReport } from './run-report.ts';

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n');
}

export function formatConsoleReport(report: RunReport): string {
  const { totals, intake } = report;
  const lines: string[] = [];
  const rows = [
    [...report.groupBy, 'sessions', 'errored', 'rate', 'flagged', 'issue'],
    ...report.groups.map((group) => [
      ...group.fields.map((field) => field.value),
      formatCount(group.sessions),
      formatCount(group.erroredSessions),
      formatPercent(group.errorRate),
      group.flagged ? 'yes' : 'no',
      group.issue ? `${group.issue.action}${group.issue.number ? ` #${group.issue.number}` : ''}` : '',
    ]),
  ];
  lines.push(table(rows), '');
  lines.push(
    `${totals.sessions} sessions, ${totals.rejected} rejected, ${intake.duplicates} duplicates, ` +
      `${intake.outsideWindow} outside window; ${totals.groups} groups, ${totals.flagged} flagged; ` +
      `issues: ${totals.created} opened, ${totals.updated} updated, ${totals.unchanged} unchanged, ` +
      `${totals.reopened} reopened, ${totals.closedNow} closed as recovered, ${totals.closed} closed by maintainers, ` +
      `${totals.muted} muted, ${totals.deferred} deferred${report.dryRun ? ' (dry run: nothing written)' : ''}.`,
  );
  for (const [reason, count] of Object.entries(intake.rejectedReasons)) lines.push(`  rejected ${count}: ${reason}`);
  for (const [finding, count] of Object.entries(intake.privacy)) lines.push(`  private data ${count}: ${finding}`);
  for (const [reason, count] of Object.entries(intake.skipped)) lines.push(`  skipped ${count}: ${reason}`);
  if (intake.limitReached) lines.push(`warning: ${limitMessage(intake)}`);
  return lines.join('\n');
}
