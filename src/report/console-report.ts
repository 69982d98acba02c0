// The plain-text table the command line prints.

import { formatCount, formatPercent } from '../render/format.ts';
import { limitMessage } from '../intake/tally.ts';
import type { RunReport } from './run-report.ts';

/** Groups printed in the table, most errored first; the rest are counted on one line. */
export const CONSOLE_MAX_GROUPS = 50;

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => rows.reduce((widest, row) => Math.max(widest, row[column]!.length), 0));
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function formatConsoleReport(report: RunReport): string {
  const { totals, intake } = report;
  const lines: string[] = [];
  if (report.partial) {
    const { shard, path, sessions, bytes } = report.partial;
    lines.push(
      `Shard ${shard.index} of ${shard.count}: ${sessions} sessions from ${intake.inputsRead} input(s), ${totals.rejected} rejected, ` +
        `${intake.duplicates} duplicates, ${intake.outsideWindow} outside window; written to ${path} (${bytes} bytes).`,
    );
    return [...lines, ...reasonLines(report)].join('\n');
  }
  const rows = [
    [...report.groupBy, 'sessions', 'errored', 'rate', 'flagged', 'issue'],
    ...report.groups
      .slice(0, CONSOLE_MAX_GROUPS)
      .map((group) => [
        ...group.fields.map((field) => field.value),
        formatCount(group.sessions),
        formatCount(group.erroredSessions),
        formatPercent(group.errorRate),
        group.flagged ? 'yes' : 'no',
        group.issue ? `${group.issue.action}${group.issue.number ? ` #${group.issue.number}` : ''}` : '',
      ]),
  ];
  lines.push(table(rows));
  if (report.groups.length > CONSOLE_MAX_GROUPS) {
    const rest = report.groups.slice(CONSOLE_MAX_GROUPS);
    const sessions = rest.reduce((sum, group) => sum + group.sessions, 0);
    const errored = rest.reduce((sum, group) => sum + group.erroredSessions, 0);
    lines.push(
      `... and ${rest.length} more group(s) with fewer errored sessions: ${formatCount(sessions)} sessions, ${formatCount(errored)} errored (all in the JSON report)`,
    );
  }
  lines.push('');
  for (const problem of report.problems) {
    const scope = problem.problem.openFields.map((field) => `, every ${field}`).join('');
    const issue = problem.issue
      ? `; ${problem.issue.action}${problem.issue.number ? ` #${problem.issue.number}` : ''}`
      : '';
    const installs = problem.problem.installs.known
      ? `${problem.problem.installs.affected} of ${problem.problem.installs.reporting} installations`
      : 'no installation IDs';
    lines.push(
      `problem: ${problem.problem.label}${scope}: ${formatPercent(problem.errorRate)} of ${formatCount(problem.sessions)} sessions errored ` +
        `(${formatPercent(problem.baseline.errorRate)} elsewhere), ${installs}${issue}`,
    );
  }
  if (report.problems.length > 0) lines.push('');
  lines.push(
    `${totals.sessions} sessions, ${totals.rejected} rejected, ${intake.duplicates} duplicates, ` +
      `${intake.outsideWindow} outside window; ${totals.groups} groups, ${totals.problems} problem(s) covering ${totals.flagged}; ` +
      `issues: ${totals.created} opened, ${totals.updated} updated, ${totals.unchanged} unchanged, ` +
      `${totals.reopened} reopened, ${totals.closedNow} closed as recovered, ${totals.closed} closed by maintainers, ` +
      `${totals.muted} muted, ${totals.deferred} deferred, ${totals.duplicates} closed as duplicates${report.dryRun ? ' (dry run: nothing written)' : ''}.`,
  );
  if (report.merged) lines.push(`Merged from the partials of ${report.merged.shards} shard(s).`);
  if (report.folded.configurations > 0) {
    lines.push(
      `warning: ${report.folded.configurations} configuration(s) with ${report.folded.sessions} sessions (${report.folded.erroredSessions} errored) folded past max-configurations and left out of the problem search.`,
    );
  }
  return [...lines, ...reasonLines(report)].join('\n');
}

function reasonLines({ intake }: RunReport): string[] {
  const lines: string[] = [];
  for (const [reason, count] of Object.entries(intake.rejectedReasons)) lines.push(`  rejected ${count}: ${reason}`);
  for (const [finding, count] of Object.entries(intake.privacy)) lines.push(`  private data ${count}: ${finding}`);
  for (const [reason, count] of Object.entries(intake.skipped)) lines.push(`  skipped ${count}: ${reason}`);
  if (intake.limitReached) lines.push(`warning: ${limitMessage(intake)}`);
  return lines;
}
