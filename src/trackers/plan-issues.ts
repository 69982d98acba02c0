// Decides what happens to each problem's issue, the way a crash tracker would:
// open, update, reopen on regression, close after recovery, close duplicates,
// or leave alone when a maintainer said so. Pure: the plan is data, applied (or
// not) elsewhere.

import type { ProblemGroup } from '../problems/judge-problems.ts';
import { newerThanAll, sortVersions } from '../aggregate/versions.ts';
import { formatPercent } from '../render/format.ts';
import { logBinomialGreater } from '../problems/hypergeometric.ts';
import type { TrackedIssue } from './issue-tracker.ts';
import { composeBody, composeSection, fingerprintIn, sectionOf, stateIn } from './managed-section.ts';
import type { IssueState } from './managed-section.ts';

const DAY_MS = 86_400_000;
/** Recent days count as recovered when they err less than the filed rate at this one-sided p. */
const RECOVERED_P = 0.001;

export interface GroupDraft {
  fingerprint: string;
  /** "os.platform windows, app.version 2.4.0 and later", unescaped, for logs and reports. */
  label: string;
  title: string;
  /** The rendered body template, without the markers. */
  rendered: string;
  group: ProblemGroup;
  /** Labels for a new issue: the configured ones and any dimension labels. */
  labels: string[];
  /** The problem's issue, when it has one (see matchIssues). */
  issue: TrackedIssue | null;
  /** Open issues of the same problem, closed as its duplicates. */
  duplicates: TrackedIssue[];
}

export interface PlanOptions {
  groupBy: string[];
  maxNewIssues: number;
  ignoreLabel: string;
  closeAfterDays: number;
  commentOnChange: boolean;
  errorRateThreshold: number;
  minRateRatio: number;
  confidence: number;
  now: Date;
  /** The newest app version among all of the run's sessions; kept in each issue written. */
  newestVersion: string | null;
  /** Open issues whose problem is hidden by the publication rule this run: not gone, so left as they are. */
  held?: ReadonlySet<number>;
}

export type PlannedAction =
  | { kind: 'create'; draft: GroupDraft; body: string }
  | { kind: 'update'; draft: GroupDraft; issue: TrackedIssue; body: string; comment: string | null }
  | { kind: 'reopen'; draft: GroupDraft; issue: TrackedIssue; body: string; comment: string }
  | { kind: 'close'; draft: GroupDraft | null; issue: TrackedIssue; body: string | null; comment: string }
  | { kind: 'duplicate'; draft: GroupDraft; issue: TrackedIssue; comment: string }
  | { kind: 'unchanged'; draft: GroupDraft; issue: TrackedIssue }
  | { kind: 'closed'; draft: GroupDraft; issue: TrackedIssue }
  | { kind: 'muted'; draft: GroupDraft | null; issue: TrackedIssue }
  | { kind: 'deferred'; draft: GroupDraft }
  | { kind: 'report'; draft: null; issue: TrackedIssue | null; title: string; body: string };

/** Existing issues by the fingerprint in their body; the oldest open one wins when a race made two. */
export function issuesByFingerprint(issues: readonly TrackedIssue[]): Map<string, TrackedIssue> {
  const found = new Map<string, TrackedIssue>();
  for (const issue of [...issues].sort((a, b) => a.number - b.number)) {
    const fingerprint = fingerprintIn(issue.body);
    if (!fingerprint) continue;
    const current = found.get(fingerprint);
    if (!current || (current.state === 'closed' && issue.state === 'open')) found.set(fingerprint, issue);
  }
  return found;
}

/** The newest app version any session of any run had shown when the issue was last written. */
function newestSeen(previous: IssueState | null, newestVersion: string | null): string | null {
  const known = [previous?.newestSeen, newestVersion].filter(
    (version): version is string => typeof version === 'string',
  );
  return known.length === 0 ? null : sortVersions(known).at(-1)!;
}

function stateFor(
  draft: GroupDraft,
  previous: IssueState | null,
  groupBy: string[],
  newestVersion: string | null,
): IssueState {
  const problem = draft.group.problem;
  return {
    v: 2,
    groupBy,
    pattern: JSON.stringify(
      problem.pattern.map((term) => (term.op === 'any' ? [term.field] : [term.field, term.op, term.value])),
    ),
    measure: problem.measure,
    anchor: problem.anchor,
    versions: sortVersions([...new Set([...(previous?.versions ?? []), ...draft.group.appVersions])]),
    ...(newestSeen(previous, newestVersion) === null ? {} : { newestSeen: newestSeen(previous, newestVersion)! }),
    sessions: draft.group.sessions,
    erroredSessions: draft.group.erroredSessions,
    errorRate: draft.group.errorRate,
    // The rate when the problem was last found: recovery is judged against it, not against the latest figures.
    ...(draft.group.flagged
      ? { foundRate: draft.group.errorRate }
      : previous?.foundRate !== undefined
        ? { foundRate: previous.foundRate }
        : {}),
  };
}

function figures(group: ProblemGroup, confidence: number): string {
  const interval = `${Math.round(confidence * 100)}% interval ${formatPercent(group.interval.low)}–${formatPercent(group.interval.high)}`;
  const baseline =
    group.baseline.errorRate === null
      ? ''
      : ` against ${formatPercent(group.baseline.errorRate)} for the other sessions`;
  return `${formatPercent(group.errorRate)} of ${group.sessions} sessions errored (${group.erroredSessions}; ${interval})${baseline}`;
}

/**
 * True when the problem recovered over the last `days` UTC days: every day had no sessions or
 * a rate below the threshold and below min-rate-ratio times the rate it is compared with, and
 * those days (or the whole window) together erred significantly less than when the problem was
 * last found (`filedRate`), so that a few quiet days of a small configuration do not close a live problem.
 */
export function cleanFor(
  group: ProblemGroup | null,
  days: number,
  options: Pick<PlanOptions, 'errorRateThreshold' | 'minRateRatio' | 'now'>,
  filedRate: number | null = null,
): boolean {
  if (!group) return true;
  const today = Date.UTC(options.now.getUTCFullYear(), options.now.getUTCMonth(), options.now.getUTCDate());
  const since = new Date(today - (days - 1) * DAY_MS).toISOString().slice(0, 10);
  const first = group.days[0]?.day;
  // The problem must have been watched for the whole stretch, not just appeared below it.
  if (first !== undefined && first > since) return false;
  const reference = group.baseline.errorRate ?? 0;
  const limit = Math.max(options.errorRateThreshold, options.minRateRatio * reference);
  const recent = group.days.filter((bucket) => bucket.day >= since);
  if (!recent.every((bucket) => bucket.erroredSessions / bucket.sessions < limit || bucket.erroredSessions === 0))
    return false;
  const sessions = recent.reduce((sum, bucket) => sum + bucket.sessions, 0);
  const errored = recent.reduce((sum, bucket) => sum + bucket.erroredSessions, 0);
  if (sessions === 0 || filedRate === null || filedRate <= 0) return true;
  // P(at most `errored` of `sessions` at the filed rate) below RECOVERED_P, over the last days or the whole window:
  // a small configuration's few recent sessions rarely show it, its week of sessions does once the bad days left.
  const atMost = (count: number, of: number) => -Math.expm1(logBinomialGreater(count + 1, of, Math.min(1, filedRate)));
  if (atMost(errored, sessions) < RECOVERED_P) return true;
  const windowSessions = group.days.reduce((sum, bucket) => sum + bucket.sessions, 0);
  const windowErrored = group.days.reduce((sum, bucket) => sum + bucket.erroredSessions, 0);
  return windowSessions > sessions && atMost(windowErrored, windowSessions) < RECOVERED_P;
}

function changedByTwo(previous: IssueState | null, rate: number): boolean {
  if (!previous) return false;
  if (previous.errorRate === 0) return rate > 0;
  return rate / previous.errorRate > 2 || rate / previous.errorRate < 0.5;
}

export function planIssues(
  drafts: readonly GroupDraft[],
  existing: readonly TrackedIssue[],
  options: PlanOptions,
): PlannedAction[] {
  const plan: PlannedAction[] = [];
  let created = 0;
  const seen = new Set<number>();
  const muted = (issue: TrackedIssue) =>
    issue.labels.includes(options.ignoreLabel) ||
    (issue.state === 'closed' && (issue.stateReason === 'not_planned' || issue.stateReason === 'duplicate'));
  for (const draft of drafts) {
    const issue = draft.issue;
    const group = draft.group;
    for (const twin of draft.duplicates) {
      seen.add(twin.number);
      if (muted(twin) || twin.state !== 'open' || !issue) continue;
      plan.push({
        kind: 'duplicate',
        draft,
        issue: twin,
        comment: `Duplicate of #${issue.number}, which tracks the same problem (${draft.label}) from now on.`,
      });
    }
    if (!issue) {
      if (!group.flagged) continue;
      if (created >= options.maxNewIssues) {
        plan.push({ kind: 'deferred', draft });
        continue;
      }
      created += 1;
      plan.push({
        kind: 'create',
        draft,
        body: composeBody(
          null,
          draft.rendered,
          draft.fingerprint,
          stateFor(draft, null, options.groupBy, options.newestVersion),
        ),
      });
      continue;
    }
    seen.add(issue.number);
    const previous = stateIn(issue.body);
    // Closed as not planned (or as a duplicate of another issue) is a maintainer's "no": never touched again.
    if (muted(issue)) {
      plan.push({ kind: 'muted', draft, issue });
      continue;
    }
    // Not found, and part of it hidden under "(other)" this run: its figures here leave sessions out.
    if (!group.flagged && options.held?.has(issue.number)) {
      plan.push({ kind: 'unchanged', draft, issue });
      continue;
    }
    const body = composeBody(
      issue.body,
      draft.rendered,
      draft.fingerprint,
      stateFor(draft, previous, options.groupBy, options.newestVersion),
    );
    const newer = group.flagged && previous ? newerThanAll(group.appVersions, previous.versions) : [];
    if (issue.state === 'closed') {
      // A regression reopens only in a release newer than any the run had seen when the issue was last written:
      // a version that was out all along and now crosses the line is noise, or another problem.
      const released = previous?.newestSeen === undefined ? newer : newerThanAll(newer, [previous.newestSeen]);
      if (released.length > 0) {
        const version = released.at(-1)!;
        plan.push({
          kind: 'reopen',
          draft,
          issue,
          body,
          comment: `Regressed in ${version}: ${figures(group, options.confidence)}.`,
        });
      } else {
        plan.push({ kind: 'closed', draft, issue });
      }
      continue;
    }
    if (
      !group.flagged &&
      options.closeAfterDays > 0 &&
      cleanFor(group, options.closeAfterDays, options, previous?.foundRate ?? previous?.errorRate ?? null)
    ) {
      const comment =
        `No longer found, and recovered over the last ${options.closeAfterDays} day(s), each of them clean: ` +
        `${figures(group, options.confidence)}. Closing as completed; a regression in a newer version reopens it.`;
      // Marked as closed by this tool: the same description found again on these versions files anew, never reopens.
      const closedBody = composeBody(issue.body, draft.rendered, draft.fingerprint, {
        ...stateFor(draft, previous, options.groupBy, options.newestVersion),
        closedByTool: true,
      });
      plan.push({ kind: 'close', draft, issue, body: closedBody, comment });
      continue;
    }
    if (sectionOf(issue.body) === sectionOf(body)) {
      plan.push({ kind: 'unchanged', draft, issue });
      continue;
    }
    let comment: string | null = null;
    if (newer.length > 0 && previous && previous.versions.length > 0) {
      comment = `Also seen in ${newer.join(', ')}: ${figures(group, options.confidence)}.`;
    } else if (options.commentOnChange && previous && changedByTwo(previous, group.errorRate)) {
      comment = `The errored-session rate moved from ${formatPercent(previous.errorRate)} (${previous.erroredSessions} of ${previous.sessions}) to ${formatPercent(group.errorRate)} (${group.erroredSessions} of ${group.sessions}) since the last update.`;
    }
    plan.push({ kind: 'update', draft, issue, body, comment });
  }
  // Open issues of this grouping whose problem has no session left in the window.
  if (options.closeAfterDays > 0) {
    for (const issue of [...existing].sort((a, b) => a.number - b.number)) {
      if (
        seen.has(issue.number) ||
        options.held?.has(issue.number) ||
        issue.state !== 'open' ||
        !fingerprintIn(issue.body)
      )
        continue;
      const previous = stateIn(issue.body);
      // Only issues filed under the same grouping: another grouping's problems are not "gone".
      if (!previous || previous.groupBy.join(',') !== options.groupBy.join(',')) continue;
      if (issue.labels.includes(options.ignoreLabel)) {
        plan.push({ kind: 'muted', draft: null, issue });
        continue;
      }
      plan.push({
        kind: 'close',
        draft: null,
        issue,
        body: null,
        comment: `No sessions of this problem in the last ${options.closeAfterDays} day(s) or more. Closing as completed; a regression in a newer version reopens it.`,
      });
    }
  }
  return plan;
}

/** The dashboard issue: found by its marker, created once, rewritten only when it changed. */
export function planReportIssue(
  existing: readonly TrackedIssue[],
  marker: string,
  title: string,
  rendered: string,
): PlannedAction | null {
  const issue =
    [...existing]
      .sort((a, b) => a.number - b.number)
      .find((candidate) => candidate.state === 'open' && candidate.body.includes(marker)) ?? null;
  const body = composeSection(issue?.body ?? null, rendered, marker);
  if (issue && sectionOf(issue.body) === sectionOf(body)) return null;
  return { kind: 'report', draft: null, issue, title, body };
}
