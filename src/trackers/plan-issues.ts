// Decides, for each flagged group, whether its issue is opened, updated, left
// alone or deferred. Pure: the plan is data, applied (or not) elsewhere.

import { fingerprintIn } from '../render/issue-templates.ts';
import type { IssueText } from '../render/issue-templates.ts';
import type { TrackedIssue } from './issue-tracker.ts';

export interface GroupDraft extends IssueText {
  fingerprint: string;
  label: string;
}

export type PlannedAction =
  | { kind: 'create'; draft: GroupDraft }
  | { kind: 'update'; draft: GroupDraft; issue: TrackedIssue }
  | { kind: 'unchanged'; draft: GroupDraft; issue: TrackedIssue }
  | { kind: 'closed'; draft: GroupDraft; issue: TrackedIssue }
  | { kind: 'deferred'; draft: GroupDraft };

function normalise(body: string): string {
  return body.replace(/\r\n/g, '\n').trimEnd();
}

/** Existing issues by the fingerprint in their body; the oldest wins when a race made two. */
export function issuesByFingerprint(issues: readonly TrackedIssue[]): Map<string, TrackedIssue> {
  const found = new Map<string, TrackedIssue>();
  for (const issue of [...issues].sort((a, b) => a.number - b.number)) {
    const fingerprint = fingerprintIn(issue.body);
    if (!fingerprint) continue;
    const current = found.get(fingerprint);
    // Prefer the oldest open issue, else the oldest closed one.
    if (!current || (current.state === 'closed' && issue.state === 'open')) found.set(fingerprint, issue);
  }
  return found;
}

export function planIssues(drafts: readonly GroupDraft[], existing: readonly TrackedIssue[], maxNewIssues: number): PlannedAction[] {
  const known = issuesByFingerprint(existing);
  let created = 0;
  return drafts.map((draft): PlannedAction => {
    const issue = known.get(draft.fingerprint);
    if (!issue) {
      if (created >= maxNewIssues) return { kind: 'deferred', draft };
      created += 1;
      return { kind: 'create', draft };
    }
    // A maintainer closed it: that decision stands.
    if (issue.state === 'closed') return { kind: 'closed', draft, issue };
    if (normalise(issue.body) === normalise(draft.body)) return { kind: 'unchanged', draft, issue };
    return { kind: 'update', draft, issue };
  });
}
