// Finds each problem's issue among the existing ones: by where the problem is
// (its anchor), not by its cells, so the next broken release updates the same
// issue. Issues filed per configuration cell by earlier releases are adopted:
// the oldest becomes the problem's issue, the other open ones are its duplicates.

import { compareVersions } from '../aggregate/versions.ts';
import type { TrackedIssue } from './issue-tracker.ts';
import { fingerprintIn, stateIn } from './managed-section.ts';
import type { IssueState } from './managed-section.ts';
import { nested, patternFromKey } from '../problems/pattern.ts';
import type { Pattern } from '../problems/pattern.ts';

export interface ProblemToMatch {
  anchor: string;
  pattern: Pattern;
  measure: string | null;
  versions: readonly string[];
  /** Per-cell fingerprints of its cells, as earlier releases filed them. */
  legacy: readonly string[];
}

export interface IssueMatch {
  /** Per problem, in the order given: its issue, and open issues of the same problem to close as duplicates. */
  found: { issue: TrackedIssue | null; duplicates: TrackedIssue[] }[];
  /** Issues of this grouping that no problem claimed, with their stored state. */
  orphans: { issue: TrackedIssue; state: IssueState; fingerprint: string }[];
}

function overlaps(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return b.some((version) => set.has(version));
}

function newestOf(versions: readonly string[]): string | null {
  return versions.length === 0 ? null : [...versions].sort(compareVersions).at(-1)!;
}

export function matchIssues(
  problems: readonly ProblemToMatch[],
  existing: readonly TrackedIssue[],
  groupBy: readonly string[],
): IssueMatch {
  const grouping = groupBy.join(',');
  const parsed = [...existing]
    .sort((a, b) => a.number - b.number)
    .map((issue) => ({ issue, state: stateIn(issue.body), fingerprint: fingerprintIn(issue.body) }))
    .filter(
      (entry) => entry.fingerprint !== null && (entry.state === null || entry.state.groupBy.join(',') === grouping),
    );
  const claimed = new Set<number>();
  const found = problems.map((problem) => {
    // An issue this tool closed after recovery takes the problem back only for a release newer than any it had seen:
    // found again on the versions it knew, the problem gets an issue of its own rather than a reopen (noise must not flap).
    const takesBack = (state: IssueState) => {
      if (!state.closedByTool) return true;
      const known = [...state.versions, ...(state.newestSeen === undefined ? [] : [state.newestSeen])];
      const newest = newestOf(known);
      return newest === null || problem.versions.some((version) => compareVersions(version, newest) > 0);
    };
    const mine = parsed.filter(
      (entry) =>
        !claimed.has(entry.issue.number) &&
        entry.state?.v === 2 &&
        entry.state.anchor === problem.anchor &&
        (entry.issue.state === 'open' || takesBack(entry.state)),
    );
    const legacy = new Set(problem.legacy);
    const adopted = parsed.filter(
      (entry) => !claimed.has(entry.issue.number) && entry.state?.v !== 2 && legacy.has(entry.fingerprint!),
    );
    const open = (entry: (typeof parsed)[number]) => entry.issue.state === 'open';
    const overlapping = mine.filter((entry) => overlaps(entry.state!.versions, problem.versions));
    // Same versions first; else an open issue the problem continues; else a closed one, which may reopen.
    let primary = overlapping.find(open) ?? overlapping[0] ?? mine.find(open) ?? null;
    // The same problem described more widely or more narrowly than yesterday (a cell that turns out
    // to be the whole release, or the reverse) keeps its open issue.
    primary ??=
      parsed.find((entry) => {
        if (
          claimed.has(entry.issue.number) ||
          !open(entry) ||
          entry.state?.v !== 2 ||
          (entry.state.measure ?? null) !== problem.measure
        )
          return false;
        const stored = patternFromKey(entry.state.pattern!);
        return stored !== null && nested(stored, problem.pattern);
      }) ?? null;
    if (!primary) primary = adopted.find(open) ?? adopted[0] ?? null;
    if (!primary && mine.length > 0) {
      // Newest versions first; an issue that stored none comes last (compareVersions would put "" after every release).
      const newest = (entry: (typeof parsed)[number]) => newestOf(entry.state!.versions);
      const byNewest = (a: (typeof parsed)[number], b: (typeof parsed)[number]) => {
        const [left, right] = [newest(a), newest(b)];
        if (left === null || right === null) return Number(left === null) - Number(right === null);
        return compareVersions(right, left);
      };
      primary = [...mine].sort((a, b) => byNewest(a, b) || a.issue.number - b.issue.number)[0]!;
    }
    const twins = [...overlapping, ...adopted].filter((entry) => entry !== primary && open(entry));
    for (const entry of [primary, ...twins, ...adopted]) if (entry) claimed.add(entry.issue.number);
    return { issue: primary?.issue ?? null, duplicates: twins.map((entry) => entry.issue) };
  });
  const orphans = parsed
    .filter((entry) => !claimed.has(entry.issue.number) && entry.state !== null)
    .map((entry) => ({ issue: entry.issue, state: entry.state!, fingerprint: entry.fingerprint! }));
  return { found, orphans };
}
