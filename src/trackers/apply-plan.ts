// The one place that writes issues. Dry runs stop here, and say what they would do.

import type { IssueTracker } from './issue-tracker.ts';
import type { PlannedAction } from './plan-issues.ts';

export interface AppliedAction {
  kind: PlannedAction['kind'];
  fingerprint: string;
  label: string;
  title: string;
  /** Issue number and link, when the issue exists (or was just created). */
  number: number | null;
  url: string | null;
  /** True when the write was skipped because of dry-run. */
  dryRun: boolean;
}

export interface ApplyOptions {
  tracker: IssueTracker;
  labels: string[];
  dryRun: boolean;
  log: (message: string) => void;
  /**
   * Fingerprints that have an issue now. Asked once, right before the first
   * create, so a run that raced another (or follows one that died halfway)
   * does not open a second issue for a group.
   */
  existingNow?: () => Promise<ReadonlySet<string>>;
}

export async function applyPlan(plan: readonly PlannedAction[], options: ApplyOptions): Promise<AppliedAction[]> {
  const { tracker, dryRun, log } = options;
  const results: AppliedAction[] = [];
  const writes = plan.filter((action) => action.kind === 'create' || action.kind === 'update');
  let existing: ReadonlySet<string> = new Set();
  if (!dryRun && plan.some((action) => action.kind === 'create')) {
    if (options.existingNow) existing = await options.existingNow();
    await tracker.ensureLabels(options.labels);
  }
  for (const action of plan) {
    const base = { kind: action.kind, fingerprint: action.draft.fingerprint, label: action.draft.label, title: action.draft.title, dryRun };
    switch (action.kind) {
      case 'create': {
        if (dryRun) {
          log(`[dry-run] would open an issue: ${action.draft.title}`);
          results.push({ ...base, number: null, url: null });
        } else if (existing.has(action.draft.fingerprint)) {
          log(`Not opened, another run opened it meanwhile: ${action.draft.title}`);
          results.push({ ...base, kind: 'unchanged', number: null, url: null });
        } else {
          const issue = await tracker.createIssue({ title: action.draft.title, body: action.draft.body, labels: options.labels });
          log(`Opened issue #${issue.number}: ${issue.title}`);
          results.push({ ...base, number: issue.number, url: issue.url });
        }
        break;
      }
      case 'update': {
        if (dryRun) {
          log(`[dry-run] would update issue #${action.issue.number}: ${action.issue.title}`);
        } else {
          await tracker.updateIssue(action.issue.number, { body: action.draft.body });
          log(`Updated issue #${action.issue.number}: ${action.issue.title}`);
        }
        results.push({ ...base, title: action.issue.title, number: action.issue.number, url: action.issue.url });
        break;
      }
      case 'unchanged':
      case 'closed':
        results.push({ ...base, title: action.issue.title, number: action.issue.number, url: action.issue.url, dryRun: false });
        break;
      case 'deferred':
        log(`Not opened (max-new-issues reached): ${action.draft.title}`);
        results.push({ ...base, number: null, url: null, dryRun: false });
        break;
    }
  }
  if (dryRun && writes.length > 0) log(`[dry-run] ${writes.length} issue write(s) skipped.`);
  return results;
}
