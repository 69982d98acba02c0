// The engine shared by the action and the command line: sources in, issues and a
// report out. Clock, sources, tracker and templates are handed in by the caller.

import { createAggregator } from './aggregate/aggregate-groups.ts';
import { judgeGroups } from './aggregate/flag-groups.ts';
import { groupLabel } from './aggregate/group-key.ts';
import { intake, limitMessage } from './records/intake.ts';
import { issueContext } from './render/issue-context.ts';
import { escapeMarkdown, escapeTitle } from './render/markdown-escape.ts';
import type { IssueRenderer } from './render/issue-templates.ts';
import { buildReport } from './report/run-report.ts';
import type { RunReport } from './report/run-report.ts';
import { lookbackStart } from './settings.ts';
import type { Settings } from './settings.ts';
import type { Source } from './sources/source.ts';
import { applyPlan } from './trackers/apply-plan.ts';
import type { IssueTracker } from './trackers/issue-tracker.ts';
import { issuesByFingerprint, planIssues } from './trackers/plan-issues.ts';
import type { GroupDraft } from './trackers/plan-issues.ts';

export interface Logger {
  info(message: string): void;
  warning(message: string): void;
}

export interface TriageDeps {
  sources: Source[];
  tracker: IssueTracker;
  renderer: IssueRenderer;
  now: Date;
  log: Logger;
}

export async function runTriage(settings: Settings, deps: TriageDeps): Promise<RunReport> {
  const { log, now } = deps;
  const windowStart = lookbackStart(now, settings.lookbackDays);
  for (const source of deps.sources) log.info(`Reading ${source.describe()}`);

  const aggregator = createAggregator(settings.groupBy);
  const tally = await intake({ sources: deps.sources, windowStart, now, onSession: aggregator.add });
  log.info(
    `Read ${tally.records} records: ${tally.accepted} sessions, ${tally.rejected} rejected, ` +
      `${tally.duplicates} duplicates, ${tally.outsideWindow} outside the ${settings.lookbackDays}-day window.`,
  );
  for (const [reason, count] of Object.entries(tally.rejectedReasons)) log.warning(`Rejected ${count} record(s): ${reason}`);
  for (const [reason, count] of Object.entries(tally.skipped)) log.warning(`Skipped ${count} input(s): ${reason}`);
  for (const [finding, count] of Object.entries(tally.privacy)) log.warning(`Rejected ${count} record(s) carrying private data: ${finding}`);
  if (tally.limitReached) log.warning(limitMessage(tally));

  const groups = judgeGroups(aggregator.groups(), settings);
  const rule = { minSessions: settings.minSessions, errorRateThreshold: settings.errorRateThreshold, lookbackDays: settings.lookbackDays };
  const drafts: GroupDraft[] = groups
    .filter((group) => group.flagged)
    .map((group) => {
      const text = deps.renderer.render(issueContext(group, rule, escapeTitle), issueContext(group, rule, escapeMarkdown));
      return { fingerprint: group.fingerprint, label: groupLabel(group.fields), ...text };
    });

  let issues: Awaited<ReturnType<typeof applyPlan>> = [];
  if (drafts.length > 0) {
    log.info(`${drafts.length} group(s) flagged; checking ${deps.tracker.describe()}`);
    const existing = await deps.tracker.listIssues(settings.labels[0]!);
    const plan = planIssues(drafts, existing, settings.maxNewIssues);
    issues = await applyPlan(plan, {
      tracker: deps.tracker,
      labels: settings.labels,
      dryRun: settings.dryRun,
      log: log.info,
      existingNow: async () => new Set(issuesByFingerprint(await deps.tracker.listIssues(settings.labels[0]!)).keys()),
    });
  } else {
    log.info('No group is flagged.');
  }

  return buildReport({
    now,
    windowStart,
    lookbackDays: settings.lookbackDays,
    dryRun: settings.dryRun,
    groupBy: settings.groupBy,
    rule: { minSessions: settings.minSessions, errorRateThreshold: settings.errorRateThreshold },
    intake: tally,
    groups,
    issues,
  });
}
