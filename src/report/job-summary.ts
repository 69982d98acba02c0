// The job summary a maintainer sees on the run page: every group, what was filed,
// and what was rejected or skipped and why.

import { escapeHtml } from '../render/markdown-escape.ts';
import { worstGroupsChart } from '../render/charts.ts';
import { formatCount, formatInterval, formatPercent } from '../render/format.ts';
import { matrixTable } from './usage-report.ts';
import { limitMessage } from '../intake/tally.ts';
import type { RunReport } from './run-report.ts';
import { publicationNote } from './run-report.ts';

/** The part of @actions/core's summary this module uses. */
export interface SummaryWriter {
  addHeading(text: string, level?: number | string): SummaryWriter;
  addRaw(text: string, addEOL?: boolean): SummaryWriter;
  addTable(rows: ({ data: string; header?: boolean } | string)[][]): SummaryWriter;
  addList(items: string[], ordered?: boolean): SummaryWriter;
  write(): Promise<unknown>;
}

export const SUMMARY_MAX_GROUPS = 200;

const ACTION_WORDS: Record<string, string> = {
  create: 'opened',
  update: 'updated',
  reopen: 'reopened: regressed in a newer version',
  close: 'closed: recovered',
  unchanged: 'unchanged',
  closed: 'closed by a maintainer, left alone',
  muted: 'muted (not planned, or ignore label), left alone',
  deferred: 'not opened: max-new-issues reached',
  duplicate: "closed as a duplicate of the problem's issue",
  report: 'dashboard written',
};

/** `html` must already be safe; only the URL is escaped here. */
function link(url: string | null, html: string): string {
  return url && /^https?:\/\//.test(url) ? `<a href="${escapeHtml(url)}">${html}</a>` : html;
}

function reasonRows(counts: Record<string, number>): string[][] {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([reason, count]) => [`<code>${escapeHtml(reason)}</code>`, formatCount(count)]);
}

/**
 * An HTML table whose figure columns are right-aligned (`align`, which GitHub's sanitiser
 * keeps; @actions/core's addTable has no alignment). Headings and cells must be safe HTML.
 */
export function htmlTable(
  headings: readonly string[],
  rows: readonly (readonly string[])[],
  right: readonly boolean[],
): string {
  const align = (index: number) => (right[index] ? ' align="right"' : '');
  const head = `<tr>${headings.map((heading, index) => `<th${align(index)}>${heading}</th>`).join('')}</tr>`;
  const body = rows
    .map((row) => `<tr>${row.map((cell, index) => `<td${align(index)}>${cell}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table>\n${head}\n${body}\n</table>\n`;
}

/** An interval that does not break at its dash (word joiners either side). */
function unbroken(text: string): string {
  return text.replace(/–/g, '\u2060–\u2060');
}

export function composeJobSummary(report: RunReport, summary: SummaryWriter): SummaryWriter {
  const { totals, intake } = report;
  const partial = report.partial;
  if (partial) {
    summary.addHeading(`Crash report triage: shard ${partial.shard.index} of ${partial.shard.count}`, 2);
    summary.addRaw(
      `<p>${formatCount(partial.sessions)} sessions from this shard's ${formatCount(intake.inputsRead)} input(s) ` +
        `(${formatCount(intake.records)} records read; ${formatCount(totals.rejected)} rejected, ${formatCount(intake.duplicates)} duplicates, ` +
        `${formatCount(intake.outsideWindow)} outside the ${report.window.lookbackDays}-day window) were written to ` +
        `<code>${escapeHtml(partial.path)}</code> (${formatCount(partial.bytes)} bytes). The merge job counts them with the other shards and files the issues.</p>`,
      true,
    );
  } else {
    summary.addHeading('Crash report triage', 2);
    if (report.merged)
      summary.addRaw(`<p>Merged from the partials of ${formatCount(report.merged.shards)} shard(s).</p>`, true);
    summary.addRaw(
      `<p>${formatCount(totals.sessions)} sessions in ${formatCount(totals.groups)} groups ` +
        `(${formatCount(intake.records)} records read; ${formatCount(totals.rejected)} rejected, ` +
        `${formatCount(intake.duplicates)} duplicates, ${formatCount(intake.outsideWindow)} outside the ${report.window.lookbackDays}-day window). ` +
        `<strong>${formatCount(totals.problems)} problem(s)</strong>, covering ${formatCount(totals.flagged)} group(s): a problem needs at least ${formatCount(report.rule.minSessions)} sessions, ` +
        `a rate significantly above the other sessions' (the run's tests held together at a ${formatPercent(1 - report.rule.confidence)} chance of any false issue)` +
        `${report.rule.errorRateThreshold > 0 ? ` and at least ${formatPercent(report.rule.errorRateThreshold)}` : ''}, and its excess spread over at least ${formatCount(report.rule.minInstallations)} installations.</p>`,
      true,
    );
  }
  if (report.folded.configurations > 0) {
    summary.addRaw(
      `<p>⚠️ <strong>${formatCount(report.folded.configurations)} configuration(s) folded</strong> into "other configurations" ` +
        `(${formatCount(report.folded.sessions)} sessions, ${formatCount(report.folded.erroredSessions)} errored): the run had more than max-configurations distinct configurations, ` +
        `as when a producer writes a build hash into a version. They are left out of the problem search and the tables.</p>`,
      true,
    );
  }
  const publication = partial ? null : publicationNote(report.rule.minPublishedInstallations, report.recoded);
  if (publication) summary.addRaw(`<p>${escapeHtml(publication)}</p>`, true);
  if (intake.limitReached)
    summary.addRaw(`<p>⚠️ <strong>Not everything was read.</strong> ${escapeHtml(limitMessage(intake))}</p>`, true);
  const waiting = intake.skipped['artifact-deferred-rate-limit'] ?? 0;
  if (waiting > 0)
    summary.addRaw(
      `<p>⏳ <strong>${formatCount(waiting)} artifact(s) wait for the next run:</strong> the REST budget fell to the reserve kept for issue writes.</p>`,
      true,
    );
  if (report.dryRun)
    summary.addRaw(
      '<p><strong>Dry run:</strong> nothing was written; the issue list says what would have been.</p>',
      true,
    );

  if (report.problems.length > 0 && !partial) {
    summary.addHeading('Problems', 3);
    const problemHeader = [
      'problem',
      'sessions',
      'errored',
      'rate',
      'compared with',
      'installations affected',
      'issue',
    ];
    const problemRows = report.problems.slice(0, SUMMARY_MAX_GROUPS).map((problem) => {
      const scope = problem.problem.openFields.map((field) => `, every ${escapeHtml(field)}`).join('');
      const compared = problem.problem.comparison
        ? `${formatPercent(problem.problem.comparison.errorRate)} ${escapeHtml(problem.problem.comparison.label)}`
        : `${formatPercent(problem.baseline.errorRate)} in all other sessions`;
      const installs = problem.problem.installs.known
        ? `${formatCount(problem.problem.installs.affected)} of ${formatCount(problem.problem.installs.reporting)}`
        : 'no IDs: sessions stand in';
      return [
        `${escapeHtml(problem.problem.label)}${scope}`,
        formatCount(problem.sessions),
        formatCount(problem.erroredSessions),
        formatPercent(problem.errorRate),
        compared,
        installs,
        problem.issue?.number
          ? link(problem.issue.url, `#${problem.issue.number}`)
          : problem.issue
            ? escapeHtml(ACTION_WORDS[problem.issue.action] ?? problem.issue.action)
            : '',
      ];
    });
    summary.addRaw(htmlTable(problemHeader, problemRows, [false, true, true, true, false, true, false]), true);
  }

  const level = `${Number((report.rule.confidence * 100).toFixed(1))}%`;
  const header = [
    ...report.groupBy.map(escapeHtml),
    'sessions',
    'errored',
    'rate',
    `${level} interval`,
    'all other sessions',
    'problem',
  ];
  const rows = report.groups.slice(0, SUMMARY_MAX_GROUPS).map((group) => [
    ...group.fields.map((field) => escapeHtml(field.value)),
    formatCount(group.sessions),
    formatCount(group.erroredSessions),
    formatPercent(group.errorRate),
    unbroken(formatInterval(group.interval)),
    formatPercent(group.baseline.errorRate),
    // Covered: its problem's issue. "part of no problem" says no more than "no"; other verdicts (too few sessions) say why.
    group.flagged
      ? `🔴 ${group.issue?.number ? link(group.issue.url, `#${group.issue.number}`) : 'yes'}`
      : group.verdict === 'part of no problem' || group.verdict === ''
        ? 'no'
        : `no: ${escapeHtml(group.verdict)}`,
  ]);
  if (rows.length > 0 && !partial) {
    summary.addHeading('Configurations', 3);
    summary.addRaw(
      htmlTable(header, rows, [...report.groupBy.map(() => false), true, true, true, true, true, false]),
      true,
    );
  }
  if (report.groups.length > SUMMARY_MAX_GROUPS) {
    summary.addRaw(
      `<p>Only the ${SUMMARY_MAX_GROUPS} groups with the most errored sessions are listed; the JSON report has all ${report.groups.length}.</p>`,
      true,
    );
  }

  if (report.matrix.length > 0) {
    summary.addHeading('Errored-session rate by app version and OS', 3);
    summary.addRaw(`\n\n${matrixTable(report.matrix)}\n\n`, true);
    const large = report.groups.filter((group) => group.sessions >= report.rule.minSessions);
    const worst = [...large]
      .sort((a, b) => b.errorRate - a.errorRate)
      .slice(0, 8)
      .map((group) => ({ label: group.fields.map((field) => field.value).join(' '), rate: group.errorRate }));
    if (worst.length > 0) {
      summary.addRaw(`\n\n${worstGroupsChart(worst)}\n\n`, true);
      const small = report.groups.length - large.length;
      if (small > 0)
        summary.addRaw(
          `<p>The chart leaves out ${formatCount(small)} group(s) with fewer than ${formatCount(report.rule.minSessions)} sessions (min-sessions): their rates swing too far to rank.</p>`,
          true,
        );
    }
  }
  if (report.issues.length > 0) {
    summary.addHeading('Issues', 3);
    summary.addList(
      report.issues.map((issue) => {
        const verb =
          issue.kind === 'report'
            ? issue.dryRun
              ? 'dashboard would be written'
              : ACTION_WORDS[issue.kind]
            : issue.dryRun
              ? `would be ${ACTION_WORDS[issue.kind]}`
              : ACTION_WORDS[issue.kind];
        const target = issue.number ? link(issue.url, `#${issue.number}`) : escapeHtml(issue.title);
        return `${target} (${escapeHtml(issue.label)}): ${verb}`;
      }),
    );
    // A dry run shows the dashboard it would write, so it can be tried before it is turned on.
    const dashboard = report.issues.find((issue) => issue.kind === 'report' && issue.dryRun && issue.body);
    if (dashboard)
      summary.addRaw(
        `<details><summary>The dashboard this run would write</summary>\n\n${dashboard.body}\n\n</details>\n`,
        true,
      );
  }
  const rejected = reasonRows(intake.rejectedReasons);
  if (rejected.length > 0) {
    summary.addHeading('Rejected records', 3);
    summary.addRaw(htmlTable(['reason', 'records'], rejected, [false, true]), true);
  }
  const privacy = reasonRows(intake.privacy);
  if (privacy.length > 0) {
    summary.addHeading('Records rejected for private data', 3);
    summary.addRaw('<p>Only the field and the rule are shown; the values were dropped unread.</p>', true);
    summary.addRaw(htmlTable(['field and rule', 'records'], privacy, [false, true]), true);
  }
  const skipped = reasonRows(intake.skipped);
  if (skipped.length > 0) {
    summary.addHeading('Skipped inputs', 3);
    summary.addRaw(htmlTable(['reason', 'inputs'], skipped, [false, true]), true);
  }
  if (report.state) {
    summary.addRaw(
      `<p>State: ${formatCount(report.state.fromState)} artifact(s) taken from the kept state without a download, ${formatCount(report.state.stored)} downloaded, read and stored, ${formatCount(report.state.dropped)} dropped from it.</p>`,
      true,
    );
  }
  if (report.history) {
    const history = report.history;
    summary.addRaw(
      `<p>History: ${formatCount(history.days)} day(s)${history.since ? ` since ${escapeHtml(history.since)}` : ''} of daily figures for release health; ` +
        `${formatCount(history.replaced)} day(s) read by this run, ${formatCount(history.kept)} kept from a fuller reading, ${formatCount(history.dropped)} dropped as older than history-days` +
        `${history.bytes === null ? ' (not written: dry run)' : ` (${formatCount(history.bytes)} bytes)`}.</p>`,
      true,
    );
  }
  if (report.requests) {
    summary.addRaw(
      `<p>GitHub REST requests: ${formatCount(report.requests.reads)} reads, ${formatCount(report.requests.writes)} writes.</p>`,
      true,
    );
  }
  return summary;
}
