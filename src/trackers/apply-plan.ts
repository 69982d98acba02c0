// The one place that writes issues. Dry runs stop here, and say what they would do.

import type { IssueTracker } from './issue-tracker.ts';
import { fingerprintIn } from './managed-section.ts';
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
  /** A comment added (or, in a dry run, that would be). */
  comment: string | null;
  /** In a dry run, the dashboard's body that would be written: the job summary shows it. */
  body?: string;
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

const WRITES = new Set<PlannedAction['kind']>(['create', 'update', 'reopen', 'close', 'duplicate', 'report']);

const VERBS: Record<string, string> = {
  create: 'open an issue',
  update: 'update issue',
  reopen: 'reopen issue',
  close: 'close issue',
  duplicate: 'close as a duplicate issue',
  report: 'write the report issue',
};

export async function applyPlan(plan: readonly PlannedAction[], options: ApplyOptions): Promise<AppliedAction[]> {
  const { tracker, dryRun, log } = options;
  const results: AppliedAction[] = [];
  let existing: ReadonlySet<string> = new Set();
  const creates = plan.filter((action) => action.kind === 'create');
  if (!dryRun && (creates.length > 0 || plan.some((action) => action.kind === 'report' && !action.issue))) {
    if (options.existingNow) existing = await options.existingNow();
    await tracker.ensureLabels([...new Set([...options.labels, ...creates.flatMap((action) => action.draft.labels)])]);
  }
  for (const action of plan) {
    const issue = 'issue' in action ? action.issue : null;
    const result: AppliedAction = {
      kind: action.kind,
      fingerprint: action.draft?.fingerprint ?? fingerprintIn(issue?.body) ?? '',
      label: action.draft?.label ?? issue?.title ?? ('title' in action ? action.title : ''),
      title: issue?.title ?? action.draft?.title ?? ('title' in action ? action.title : ''),
      number: issue?.number ?? null,
      url: issue?.url ?? null,
      dryRun: dryRun && WRITES.has(action.kind),
      comment: 'comment' in action ? action.comment : null,
    };
    if (dryRun && WRITES.has(action.kind)) {
      log(
        `[dry-run] would ${VERBS[action.kind]}${issue ? ` #${issue.number}` : ''}: ${result.title}${result.comment ? ` (with a comment)` : ''}`,
      );
      results.push(action.kind === 'report' ? { ...result, body: action.body } : result);
      continue;
    }
    switch (action.kind) {
      case 'create': {
        if (existing.has(action.draft.fingerprint)) {
          log(`Not opened, another run opened it meanwhile: ${action.draft.title}`);
          results.push({ ...result, kind: 'unchanged' });
          break;
        }
        const created = await tracker.createIssue({
          title: action.draft.title,
          body: action.body,
          labels: [...new Set([...options.labels, ...action.draft.labels])],
        });
        log(`Opened issue #${created.number}: ${created.title}`);
        results.push({ ...result, number: created.number, url: created.url });
        break;
      }
      case 'update':
        await tracker.updateIssue(action.issue.number, { body: action.body });
        if (action.comment) await tracker.addComment(action.issue.number, action.comment);
        log(`Updated issue #${action.issue.number}: ${action.issue.title}`);
        results.push(result);
        break;
      case 'reopen':
        await tracker.updateIssue(action.issue.number, { body: action.body, state: 'open', stateReason: 'reopened' });
        await tracker.addComment(action.issue.number, action.comment);
        log(`Reopened issue #${action.issue.number}: ${action.comment}`);
        results.push(result);
        break;
      case 'close':
        await tracker.addComment(action.issue.number, action.comment);
        await tracker.updateIssue(action.issue.number, {
          ...(action.body ? { body: action.body } : {}),
          state: 'closed',
          stateReason: 'completed',
        });
        log(`Closed issue #${action.issue.number}: ${action.issue.title}`);
        results.push(result);
        break;
      case 'duplicate':
        await tracker.addComment(action.issue.number, action.comment);
        await tracker.updateIssue(action.issue.number, { state: 'closed', stateReason: 'not_planned' });
        log(`Closed issue #${action.issue.number} as a duplicate: ${action.comment}`);
        results.push(result);
        break;
      case 'report':
        if (action.issue) {
          await tracker.updateIssue(action.issue.number, { body: action.body });
          log(`Updated the report issue #${action.issue.number}`);
        } else {
          const created = await tracker.createIssue({ title: action.title, body: action.body, labels: options.labels });
          log(`Opened the report issue #${created.number}`);
          result.number = created.number;
          result.url = created.url;
        }
        results.push(result);
        break;
      case 'deferred':
        log(`Not opened (max-new-issues reached): ${action.draft.title}`);
        results.push(result);
        break;
      default:
        results.push(result);
    }
  }
  const skipped = results.filter((result) => result.dryRun).length;
  if (dryRun && skipped > 0) log(`[dry-run] ${skipped} issue write(s) skipped.`);
  return results;
}
