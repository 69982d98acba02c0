// The drafts of a run's problem issues: each problem found, matched with its
// issue, and each issue whose problem is no longer found, with current figures.

import type { GroupFigures } from '../aggregate/aggregate-groups.ts';
import type { JudgedGroup } from '../aggregate/flag-groups.ts';
import type { ProblemFindings, ProblemGroup } from '../problems/judge-problems.ts';
import { matches, patternFromKey } from '../problems/pattern.ts';
import { stateIn } from './managed-section.ts';
import { issueContext } from '../render/issue-context.ts';
import type { RunDays } from '../render/issue-context.ts';
import type { ProblemHistory } from '../history/problem-history.ts';
import type { IssueRenderer } from '../render/issue-templates.ts';
import { escapeMarkdown, escapeTitle } from '../render/markdown-escape.ts';
import type { GroupField, Settings } from '../settings.ts';
import type { TrackedIssue } from './issue-tracker.ts';
import { matchIssues } from './match-issues.ts';
import { sortVersions } from '../aggregate/versions.ts';
import type { GroupDraft, PlanOptions } from './plan-issues.ts';

/** Short label prefixes for dimension labels, e.g. os:windows, version:2.4.0; another field's is its path with dashes. */
const DIMENSION_PREFIX: Record<string, string> = {
  'app.name': 'app',
  'app.version': 'version',
  'runtime.name': 'runtime',
  'runtime.version': 'runtime-version',
  'os.platform': 'os',
  'os.version': 'os-version',
  'os.arch': 'arch',
  ci: 'ci',
  outcome: 'outcome',
  error_kind: 'error',
};

export function dimensionLabels(group: ProblemGroup): string[] {
  // One label per field the problem fixes; GitHub caps label names at 50 characters.
  const fixed = group.problem.pattern
    .filter((term) => term.op === 'is')
    .map((term) => ({ name: term.field as GroupField, value: (term as { value: string }).value }));
  if (group.problem.measure !== null) fixed.push({ name: 'error_kind', value: group.problem.measure });
  return fixed.map((field) =>
    `${DIMENSION_PREFIX[field.name] ?? field.name.replaceAll('.', '-')}:${field.value}`.slice(0, 50),
  );
}

export type DraftSettings = Pick<
  Settings,
  'groupBy' | 'minSessions' | 'errorRateThreshold' | 'lookbackDays' | 'confidence' | 'dimensionLabels'
> &
  Partial<Pick<Settings, 'ignoreLabel'>>;

export function planOptions(
  settings: Pick<
    Settings,
    | 'groupBy'
    | 'maxNewIssues'
    | 'ignoreLabel'
    | 'closeAfterDays'
    | 'commentOnChange'
    | 'errorRateThreshold'
    | 'minRateRatio'
    | 'confidence'
  >,
  now: Date,
  newestVersion: string | null,
): PlanOptions {
  return {
    newestVersion,
    groupBy: settings.groupBy,
    maxNewIssues: settings.maxNewIssues,
    ignoreLabel: settings.ignoreLabel,
    closeAfterDays: settings.closeAfterDays,
    commentOnChange: settings.commentOnChange,
    errorRateThreshold: settings.errorRateThreshold,
    minRateRatio: settings.minRateRatio,
    confidence: settings.confidence,
    now,
  };
}

/**
 * Open issues whose problem matches a configuration the publication rule hid this run
 * (`hidden`, with their own values): its sessions are in an "(other)" cell, not gone, so
 * the issue is neither closed nor rewritten with figures that leave them out.
 */
export function heldByRule(
  existing: readonly TrackedIssue[],
  fields: readonly string[],
  hiddenCells: readonly Pick<GroupFigures, 'fields'>[],
): Set<number> {
  const held = new Set<number>();
  if (hiddenCells.length === 0) return held;
  const hidden = hiddenCells.map((cell) =>
    fields.map((field) => cell.fields.find((each) => each.name === field)?.value ?? ''),
  );
  for (const issue of existing) {
    const state = issue.state === 'open' ? stateIn(issue.body) : null;
    if (state?.v !== 2 || !state.pattern) continue;
    const pattern = patternFromKey(state.pattern);
    if (pattern && pattern.length === fields.length && hidden.some((values) => matches(pattern, values)))
      held.add(issue.number);
  }
  return held;
}

/** The newest app version among the run's cells, or null without sessions. */
export function newestVersionOf(cells: readonly JudgedGroup[]): string | null {
  const versions = new Set(cells.flatMap((cell) => cell.appVersions));
  return versions.size === 0 ? null : sortVersions([...versions]).at(-1)!;
}

export interface DraftInput {
  settings: DraftSettings;
  findings: ProblemFindings;
  /** The judged cells of the run's grouping. */
  cells: readonly JudgedGroup[];
  existing: readonly TrackedIssue[];
  renderer: IssueRenderer;
  /** The run's window and days: the charts' time axis and comparison. */
  run?: RunDays | null;
  /** A problem's past from the history kept across runs, when there is one. */
  pastOf?: ((group: ProblemGroup) => ProblemHistory | null) | null;
}

export function draftProblemIssues({
  settings,
  findings,
  cells,
  existing,
  renderer,
  run,
  pastOf,
}: DraftInput): GroupDraft[] {
  const problems = findings.problems;
  // Per-cell fingerprints, as earlier releases filed them: adopted by the problem that covers the cell.
  const cellKeys = new Map(cells.map((cell) => [cell.fingerprint, cell]));
  const legacyOf = (problem: ProblemGroup) =>
    cells.filter((cell) => cell.flagged && findings.covers(problem, cell)).map((cell) => cell.fingerprint);
  const match = matchIssues(
    problems.map((problem) => ({
      anchor: problem.problem.anchor,
      pattern: problem.problem.pattern,
      measure: problem.problem.measure,
      versions: problem.appVersions,
      legacy: legacyOf(problem),
    })),
    existing,
    settings.groupBy,
  );
  const rule = {
    minSessions: settings.minSessions,
    errorRateThreshold: settings.errorRateThreshold,
    lookbackDays: settings.lookbackDays,
    confidence: settings.confidence,
    ignoreLabel: settings.ignoreLabel ?? 'crash-report:ignore',
  };
  const draftOf = (group: ProblemGroup, issue: TrackedIssue | null, duplicates: TrackedIssue[]): GroupDraft => {
    const past = pastOf ? pastOf(group) : null;
    const text = renderer.render(
      issueContext(group, rule, escapeTitle, run, past),
      issueContext(group, rule, escapeMarkdown, run, past),
    );
    return {
      fingerprint: group.fingerprint,
      label: group.problem.label,
      title: text.title,
      rendered: text.body,
      group,
      labels: settings.dimensionLabels ? dimensionLabels(group) : [],
      issue,
      duplicates,
    };
  };
  const drafts: GroupDraft[] = problems.map((problem, index) =>
    draftOf(problem, match.found[index]!.issue, match.found[index]!.duplicates),
  );
  // Issues of problems no longer found keep their figures: a v2 issue by its stored pattern, an earlier per-cell one by its cell.
  for (const orphan of match.orphans) {
    let revisited: ProblemGroup | null = null;
    if (orphan.state.v === 2) {
      const pattern = patternFromKey(orphan.state.pattern!);
      if (pattern && pattern.length === findings.fields.length)
        revisited = findings.revisit(pattern, orphan.state.measure ?? null);
    } else {
      const cell = cellKeys.get(orphan.fingerprint);
      if (cell) revisited = findings.revisitCell(cell);
    }
    if (revisited && revisited.sessions > 0) drafts.push(draftOf(revisited, orphan.issue, []));
  }
  return drafts;
}
