// The run's findings as one JSON-ready object: what was read, every group's
// figures, and what happened to each issue.

import type { JudgedGroup } from '../aggregate/flag-groups.ts';
import type { ProblemGroup } from '../problems/judge-problems.ts';
import type { FoldedConfigurations } from '../aggregate/aggregate-groups.ts';
import type { RecodedConfigurations } from '../aggregate/recode-rare.ts';
import type { IntakeTally } from '../intake/tally.ts';
import type { Shard } from '../sources/shard.ts';
import type { AppliedAction } from '../trackers/apply-plan.ts';
import type { MatrixCell } from './usage-report.ts';

export interface ProblemReport extends ProblemGroup {
  issue: { action: AppliedAction['kind']; number: number | null; url: string | null } | null;
}

export interface GroupReport extends JudgedGroup {
  issue: { action: AppliedAction['kind']; number: number | null; url: string | null } | null;
}

export interface RunReport {
  reportVersion: 1;
  generatedAt: string;
  dryRun: boolean;
  window: { start: string; end: string; lookbackDays: number };
  groupBy: string[];
  rule: {
    minSessions: number;
    errorRateThreshold: number;
    confidence: number;
    minInstallations: number;
    minRateRatio: number;
    minPublishedInstallations: number;
  };
  intake: IntakeTally;
  totals: {
    sessions: number;
    erroredSessions: number;
    rejected: number;
    groups: number;
    /** Cells covered by a problem. */
    flagged: number;
    /** Problems found: what issues are filed for. */
    problems: number;
    created: number;
    updated: number;
    unchanged: number;
    reopened: number;
    /** Closed by this run after the group recovered. */
    closedNow: number;
    /** Closed by a maintainer and left alone. */
    closed: number;
    /** Closed as not planned, or carrying the ignore label: never touched. */
    muted: number;
    deferred: number;
    /** Open issues closed as duplicates of a problem's issue. */
    duplicates: number;
  };
  /** The problems found, each with its issue. */
  problems: ProblemReport[];
  /** Configurations folded away past max-configurations, counted (all zero when none were). */
  folded: FoldedConfigurations;
  /**
   * Configurations seen on fewer than min-published-installations installations, counted
   * under "(other)" values everywhere else, with their own figures. This file is the only
   * place they appear: it stays on the runner unless the maintainer uploads it.
   */
  recoded: RecodedConfigurations;
  groups: GroupReport[];
  /** Every OS × app version pair, judged like a group, with the issues of the problems covering it. */
  matrix: MatrixCell[];
  issues: AppliedAction[];
  /** REST requests made, when the run talked to GitHub. */
  requests: { reads: number; writes: number } | null;
  /** The history kept across runs: its days, first day, size written (null in a dry run), and what this run did to it. */
  history?: {
    path: string;
    days: number;
    since: string | null;
    bytes: number | null;
    replaced: number;
    kept: number;
    dropped: number;
  } | null;
  /** With state-path: artifacts taken from the kept state, read and stored, whose stored result failed its check, and dropped. */
  state?: { fromState: number; stored: number; rejected: number; dropped: number };
  /** Mode partial: this shard's share, and the partial written for the merge. */
  partial?: { shard: Shard; path: string; sessions: number; bytes: number };
  /** Mode merge: how many shards' partials were combined. */
  merged?: { shards: number; partials: string[] };
}

export function buildReport(input: {
  now: Date;
  windowStart: Date;
  lookbackDays: number;
  dryRun: boolean;
  groupBy: string[];
  rule: {
    minSessions: number;
    errorRateThreshold: number;
    confidence: number;
    minInstallations: number;
    minRateRatio: number;
    minPublishedInstallations: number;
  };
  intake: IntakeTally;
  groups: (JudgedGroup & { problemFingerprint?: string })[];
  problems?: ProblemGroup[];
  folded?: FoldedConfigurations;
  recoded?: RecodedConfigurations;
  matrix?: MatrixCell[];
  issues: AppliedAction[];
}): RunReport {
  const byFingerprint = new Map(
    input.issues.filter((issue) => issue.kind !== 'duplicate').map((issue) => [issue.fingerprint, issue]),
  );
  const count = (kind: AppliedAction['kind']) =>
    input.issues.filter((issue) => issue.kind === kind && !issue.dryRun).length;
  return {
    reportVersion: 1,
    generatedAt: input.now.toISOString(),
    dryRun: input.dryRun,
    window: { start: input.windowStart.toISOString(), end: input.now.toISOString(), lookbackDays: input.lookbackDays },
    groupBy: input.groupBy,
    rule: input.rule,
    intake: input.intake,
    totals: {
      sessions: input.intake.accepted,
      erroredSessions: input.groups.reduce((sum, group) => sum + group.erroredSessions, 0),
      rejected: input.intake.rejected,
      groups: input.groups.length,
      flagged: input.groups.filter((group) => group.flagged).length,
      problems: input.problems?.length ?? 0,
      created: count('create'),
      updated: count('update'),
      unchanged: count('unchanged'),
      reopened: count('reopen'),
      closedNow: count('close'),
      closed: count('closed'),
      muted: count('muted'),
      deferred: count('deferred'),
      duplicates: count('duplicate'),
    },
    folded: input.folded ?? { configurations: 0, sessions: 0, erroredSessions: 0 },
    recoded: input.recoded ?? {
      configurations: 0,
      sessions: 0,
      erroredSessions: 0,
      complementary: 0,
      sessionsStandIn: false,
      kinds: { names: 0, sessions: 0 },
      kindNames: [],
      cells: [],
    },
    problems: (input.problems ?? []).map((problem) => {
      const issue = byFingerprint.get(problem.fingerprint);
      return { ...problem, issue: issue ? { action: issue.kind, number: issue.number, url: issue.url } : null };
    }),
    groups: input.groups.map((group) => {
      const issue = byFingerprint.get(group.problemFingerprint ?? group.fingerprint);
      return { ...group, issue: issue ? { action: issue.kind, number: issue.number, url: issue.url } : null };
    }),
    matrix: input.matrix ?? [],
    issues: input.issues,
    requests: null,
  };
}

/** What the publication rule did, in words fit for public output (no count of what it hid, no value of it); null when it hid nothing and every session carried an install ID. */
export function publicationNote(
  min: number,
  recoded: Pick<RecodedConfigurations, 'configurations' | 'sessionsStandIn' | 'kinds'>,
): string | null {
  const parts: string[] = [];
  if (recoded.configurations > 0) {
    parts.push(
      `Configurations seen on fewer than ${min} installations are never named here: their values read "(other)", ` +
        `and they are counted with other rare configurations in cells of at least ${min} installations (min-published-installations).`,
    );
  }
  if (recoded.kinds.names > 0)
    parts.push(`Exception classes raised on fewer than ${min} installations read "(other)" as well.`);
  const standIn = 'Sessions without an install ID stand in for installations.';
  if (parts.length === 0)
    return recoded.sessionsStandIn
      ? `${standIn} A configuration needs ${min} of them to be named, a problem needs its excess spread over several.`
      : null;
  if (recoded.sessionsStandIn) parts.push(standIn);
  parts.push('The JSON report on the runner lists them.');
  return parts.join(' ');
}
