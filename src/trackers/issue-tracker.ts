// Where issues live: GitHub, or a folder of Markdown files for local runs.

export interface TrackedIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  /** GitHub's state_reason: completed, not_planned, reopened, or null. */
  stateReason: string | null;
  labels: string[];
  /** Where a maintainer reads the issue: a web URL or a file path. */
  url: string;
}

export interface IssueDraft {
  title: string;
  body: string;
  labels: string[];
}

export interface IssueChanges {
  title?: string;
  body?: string;
  state?: 'open' | 'closed';
  /** With state closed: completed or not_planned. */
  stateReason?: 'completed' | 'not_planned' | 'reopened';
}

export interface IssueTracker {
  /** One line naming where issues go, for logs. */
  describe(): string;
  /** Every issue, open or closed, that carries the label. */
  listIssues(label: string): Promise<TrackedIssue[]>;
  /** Creates any of the labels that do not exist yet. */
  ensureLabels(labels: string[]): Promise<void>;
  createIssue(draft: IssueDraft): Promise<TrackedIssue>;
  updateIssue(number: number, changes: IssueChanges): Promise<TrackedIssue>;
  addComment(number: number, body: string): Promise<void>;
}
