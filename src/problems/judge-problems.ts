// From the run's configuration cells to the problems worth an issue, each with
// the figures of all its sessions taken together, and to each cell's verdict.

import { createHash } from 'node:crypto';
import type { Aggregator, GroupFigures } from '../aggregate/aggregate-groups.ts';
import type { Baseline, JudgedGroup } from '../aggregate/flag-groups.ts';
import { wilsonInterval } from '../aggregate/wilson-interval.ts';
import type { GroupField } from '../settings.ts';
import { findProblems } from './find-problems.ts';
import type { Problem, ProblemRule, ProblemSearch, VersionCounts } from './find-problems.ts';
import { anchorOf, openFields, patternKey } from './pattern.ts';
import type { Pattern, ProblemKind } from './pattern.ts';

/** What sets a problem apart from a cell, for templates, the planner and the report. */
export interface ProblemInfo {
  /** The pattern and measure, as stored in the hidden state. */
  pattern: Pattern;
  measure: string | null;
  kind: ProblemKind;
  /** Where the problem is, whatever versions it spans: issues are found again by it. */
  anchor: string;
  /** "os.platform windows, app.version 2.4.0 and later", unescaped. */
  label: string;
  /** The fields it does not depend on. */
  openFields: string[];
  /** Configuration cells it covers. */
  cells: number;
  versions: string[];
  lastGood: VersionCounts | null;
  fixedIn: VersionCounts[];
  comparison: { label: string; sessions: number; erroredSessions: number; errorRate: number } | null;
  installs: {
    /** False when no session carried an installation ID: sessions stand in for installations. */
    known: boolean;
    /** Installations with an errored session (sessions, when not known). */
    affected: number;
    /** Installations reporting in the problem's cells. */
    reporting: number;
    approximate: boolean;
  };
  /** One-sided p of the test, and the level it was held to. */
  pValue: number;
  level: number;
}

export interface ProblemGroup extends JudgedGroup {
  problem: ProblemInfo;
}

export interface ProblemSettings {
  groupBy: GroupField[];
  minSessions: number;
  minInstallations: number;
  minRateRatio: number;
  errorRateThreshold: number;
  /** 1 - confidence is the chance of any false problem in a run. */
  confidence: number;
}

export interface ProblemFindings {
  problems: ProblemGroup[];
  /** The configuration fields (group-by without error_kind). */
  fields: string[];
  /** A cell's judgement given the problems: flagged when a problem covers it, with the problem in its verdict. */
  judgeCell(cell: JudgedGroup): JudgedGroup;
  /** Whether the problem covers the cell (a group of the main grouping). */
  covers(problem: ProblemGroup, cell: JudgedGroup): boolean;
  /** The figures of one cell as a problem of its own, for issues filed per cell by earlier releases. */
  revisitCell(cell: JudgedGroup): ProblemGroup;
  search: ProblemSearch;
  /** The figures of a problem no longer found, from its stored pattern. */
  revisit(pattern: Pattern, measure: string | null): ProblemGroup;
}

/** A stable fingerprint of where a problem is (its anchor and measure), under a grouping. */
export function problemFingerprint(groupBy: readonly string[], anchor: string): string {
  return createHash('sha256')
    .update(JSON.stringify(['problem', groupBy, anchor]))
    .digest('hex')
    .slice(0, 16);
}

export function anchorKeyOf(pattern: Pattern, measure: string | null): string {
  return JSON.stringify([measure, patternKey(anchorOf(pattern))]);
}

/** Every group-by field with its value in the problem, and whether the problem fixes it. */
function fieldsOf(
  pattern: Pattern,
  measure: string | null,
  groupBy: readonly GroupField[],
): (GroupFigures['fields'][number] & { fixed: boolean })[] {
  let term = 0;
  return groupBy.map((name) => {
    if (name === 'error_kind') return { name, value: measure ?? '(any)', fixed: measure !== null };
    const entry = pattern[term++]!;
    if (entry.op === 'any') return { name, value: '(any)', fixed: false };
    return { name, value: entry.op === 'since' ? `${entry.value} and later` : entry.value, fixed: true };
  });
}

export function findRunProblems(aggregator: Aggregator, settings: ProblemSettings): ProblemFindings {
  const table = aggregator.cells();
  const rule: ProblemRule = {
    fields: table.fields,
    alpha: 1 - settings.confidence,
    minSessions: settings.minSessions,
    minInstallations: settings.minInstallations,
    minRateRatio: settings.minRateRatio,
    errorRateThreshold: settings.errorRateThreshold,
  };
  const search = findProblems(table.configs, table.events, rule);

  function groupOf(problem: Problem): ProblemGroup {
    const figures = aggregator.combine(
      problem.configs.map((config) => table.keys[config]!),
      problem.measure,
    );
    const anchor = anchorKeyOf(problem.pattern, problem.measure);
    const baseline: Baseline = {
      sessions: problem.reference.sessions,
      erroredSessions: problem.reference.events,
      errorRate: problem.reference.sessions > 0 ? problem.reference.events / problem.reference.sessions : null,
    };
    const rate = (counts: { sessions: number; events: number }) =>
      counts.sessions > 0 ? counts.events / counts.sessions : 0;
    const fields = fieldsOf(problem.pattern, problem.measure, settings.groupBy);
    return {
      ...figures,
      fingerprint: problemFingerprint(settings.groupBy, anchor),
      fields: fields.map(({ name, value }) => ({ name, value })),
      flagged: problem.detected,
      verdict: problem.verdict,
      baseline,
      interval: wilsonInterval(figures.erroredSessions, figures.sessions, settings.confidence),
      aboveThreshold: figures.sessions >= settings.minSessions && figures.errorRate >= settings.errorRateThreshold,
      problem: {
        pattern: problem.pattern,
        measure: problem.measure,
        kind: problem.kind,
        anchor,
        label: fields
          .filter((field) => field.fixed)
          .map((field) => `${field.name} ${field.value}`)
          .join(', '),
        openFields: openFields(problem.pattern),
        cells: problem.configs.length,
        versions: problem.versions,
        lastGood: problem.lastGood,
        fixedIn: problem.fixedIn,
        comparison: problem.comparison && {
          label: problem.comparison.label,
          sessions: problem.comparison.sessions,
          erroredSessions: problem.comparison.events,
          errorRate: rate(problem.comparison),
        },
        installs: {
          known: problem.installs.known,
          affected: problem.installs.affected,
          reporting: figures.installs,
          approximate: figures.installsApproximate,
        },
        pValue: Math.exp(problem.logP),
        level: Math.exp(problem.logLevel),
      },
    };
  }

  const problems = search.problems.map(groupOf);
  // Which problems cover each cell, by the measure and the aggregator's cell key.
  const kindAt = settings.groupBy.indexOf('error_kind');
  const cellKey = (cell: JudgedGroup) => {
    const values = cell.fields.filter((field) => field.name !== 'error_kind').map((field) => field.value);
    return `${JSON.stringify(kindAt === -1 ? null : cell.fields[kindAt]!.value)}|${values.join('\u0000')}`;
  };
  const coveredBy = new Map<string, ProblemGroup[]>();
  search.problems.forEach((problem, index) => {
    for (const config of problem.configs) {
      const key = `${JSON.stringify(problem.measure)}|${table.keys[config]}`;
      const list = coveredBy.get(key) ?? [];
      list.push(problems[index]!);
      coveredBy.set(key, list);
    }
  });
  function judgeCell(cell: JudgedGroup): JudgedGroup {
    const covering = coveredBy.get(cellKey(cell));
    if (covering)
      return {
        ...cell,
        flagged: true,
        verdict: `part of the problem ${covering.map((problem) => problem.problem.label).join('; ')}`,
      };
    const verdict =
      cell.sessions < settings.minSessions
        ? `too few sessions (${cell.sessions} < ${settings.minSessions})`
        : 'part of no problem';
    return { ...cell, flagged: false, verdict };
  }
  return {
    problems,
    fields: table.fields,
    judgeCell,
    covers: (problem, cell) => coveredBy.get(cellKey(cell))?.includes(problem) ?? false,
    revisitCell(cell) {
      const values = cell.fields.filter((field) => field.name !== 'error_kind');
      const pattern: Pattern = values.map((field) => ({ field: field.name, op: 'is', value: field.value }));
      return groupOf(search.evaluate(pattern, kindAt === -1 ? null : cell.fields[kindAt]!.value));
    },
    search,
    revisit: (pattern, measure) => groupOf(search.evaluate(pattern, measure)),
  };
}
