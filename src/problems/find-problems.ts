// Finds the problems in a run's configuration cells: the smallest descriptions
// that explain the excess errors, each tested exactly, with the chance of any
// false problem in the run held at alpha.
//
// 1. Every pattern (a cell, a platform from a version on, a release on every
//    platform, a platform on every version...) with enough sessions is a
//    hypothesis, tested with Fisher's one-sided exact test against the rest.
// 2. Tarone's method sets one level for the whole family, counting only the
//    patterns that could ever reach it.
// 3. Greedily, the most significant pattern that is coherent (no part of it is
//    clean), has its excess spread over enough installations, and whose cells
//    not yet explained still stand on their own, becomes a problem. The rest
//    are then tested against a reference without the problems found.

import type { ConfigCell, EventCell } from '../aggregate/cell-events.ts';
import { createCellView, tableOf } from './cell-view.ts';
import type { Counts } from './cell-view.ts';
import { logFisherGreater, logFisherGreaterMid, logFisherLess, logMinimumFisher } from './hypergeometric.ts';
import { installSpread } from './install-spread.ts';
import type { InstallEvidence } from './install-spread.ts';
import { kindOf, matches, patternKey } from './pattern.ts';
import type { Pattern, ProblemKind } from './pattern.ts';
import { indexPatterns } from './pattern-index.ts';
import { taroneLevel } from './tarone.ts';
import { baselinesOf } from './version-baselines.ts';
import type { VersionCounts } from './version-baselines.ts';

export type { Counts } from './cell-view.ts';
export type { InstallEvidence } from './install-spread.ts';
export type { VersionCounts } from './version-baselines.ts';

export interface ProblemRule {
  /** The configuration fields, in the order of each cell's values. */
  fields: string[];
  /** The chance of any false problem in one run. */
  alpha: number;
  minSessions: number;
  minInstallations: number;
  /** A problem's rate must be at least this multiple of its reference rate. */
  minRateRatio: number;
  errorRateThreshold: number;
}

export interface Problem {
  /** The measure and the pattern: one key, one problem. */
  key: string;
  pattern: Pattern;
  measure: string | null;
  kind: ProblemKind;
  /** The cells it covers, as indices into the input's configs. */
  configs: number[];
  counts: Counts;
  /** Every session outside the problem and outside the other problems found. */
  reference: Counts;
  /** log p of Fisher's test (mid-p) of the cells not explained by an earlier problem, against the reference. */
  logP: number;
  /** The level (log) it is held to: its family's share of alpha, Tarone-adjusted. */
  logLevel: number;
  installs: InstallEvidence;
  detected: boolean;
  /** Why it is or is not a problem, in words. */
  verdict: string;
  /** App versions it was seen on, oldest first. */
  versions: string[];
  /** The last version before it on the same anchor, with enough sessions and clean. */
  lastGood: VersionCounts | null;
  /** Newer versions on the same anchor that run clean on enough sessions. */
  fixedIn: VersionCounts[];
  /** The right baseline in words: the version before on the same anchor, or the others on the same versions. */
  comparison: (Counts & { label: string }) | null;
}

export interface ProblemSearch {
  problems: Problem[];
  /** Per family (configuration cells, wider descriptions): the level each test is held to (log), the hypotheses, and how many Tarone's count kept. */
  levels: { logLevel: number; hypotheses: number; testable: number }[];
  /** The figures of any pattern, detected or not (for issues of problems no longer found). */
  evaluate(pattern: Pattern, measure: string | null): Problem;
}

/** A part of a pattern is clean below this one-sided p against the pattern and above it against the reference. */
const CLEAN_P = Math.log(0.01);
/** The share of alpha for configuration cells; the wider descriptions, with more sessions each, get the rest. */
const CELL_SHARE = 0.8;
/**
 * The share of alpha the tests spend. The mid-p test is close to its nominal level but not
 * always below it; keeping 15% back holds the whole run under alpha with room to spare
 * (healthy runs without installation IDs: 3.4-3.9% with alpha 0.05, against 4.0-4.5% spending all).
 */
const ALPHA_SPENT = 0.85;

interface Candidate {
  key: string;
  pattern: Pattern;
  measure: string | null;
  members: number[];
  sessions: number;
  events: number;
  /** 0: a configuration cell; 1: a wider description. */
  family: 0 | 1;
  /** The smallest log p the pattern could reach, and the level it is tested at. */
  minimum: number;
  logLevel: number;
}

export function problemKey(pattern: Pattern, measure: string | null): string {
  return `${measure === null ? '' : `${JSON.stringify(measure)}:`}${patternKey(pattern)}`;
}

export function findProblems(
  configs: readonly ConfigCell[],
  eventCells: readonly EventCell[],
  rule: ProblemRule,
): ProblemSearch {
  const view = createCellView(configs, eventCells);
  const { totalSessions, byMeasure, eventsAt, countsOf, referenceWithout } = view;

  const indexed = indexPatterns(
    rule.fields,
    configs.map((cell) => cell.values),
    configs.map((cell) => cell.sessions),
  );
  const candidates: Candidate[] = [];
  // Two families, each with its share of alpha: configuration cells, and the wider descriptions.
  const minimums: [number[], number[]] = [[], []];
  for (const entry of indexed) {
    if (entry.sessions < rule.minSessions) continue;
    const members = entry.members();
    const family = entry.pattern.every((term) => term.op === 'is') ? 0 : 1;
    for (const [measure, cells] of byMeasure) {
      const total = view.totalEvents(measure);
      const minimum = logMinimumFisher(entry.sessions, total, totalSessions);
      minimums[family].push(minimum);
      let events = 0;
      for (const member of members) events += cells.get(member)?.events ?? 0;
      if (events === 0) continue;
      candidates.push({
        key: problemKey(entry.pattern, measure),
        pattern: entry.pattern,
        measure,
        members,
        sessions: entry.sessions,
        events,
        family,
        minimum,
        logLevel: 0,
      });
    }
  }
  const cellShare = minimums[1].length === 0 ? 1 : minimums[0].length === 0 ? 0 : CELL_SHARE;
  const spent = rule.alpha * ALPHA_SPENT;
  const levels = [
    taroneLevel(minimums[0], spent * cellShare),
    taroneLevel(minimums[1], spent * (1 - cellShare)),
  ] as const;
  const testOf = logFisherGreaterMid;
  for (const candidate of candidates) candidate.logLevel = levels[candidate.family].logLevel;
  const live = candidates.filter((candidate) => candidate.minimum <= candidate.logLevel);

  // Cells already explained, per measure, and the sessions and events they take out of the reference.
  const explained = new Map<string | null, Uint8Array>();
  const explainedOf = (measure: string | null) => {
    let flags = explained.get(measure);
    if (!flags) explained.set(measure, (flags = new Uint8Array(configs.length)));
    return flags;
  };
  /** Sessions and events of the explained cells, per measure: kept as cells are explained. */
  const explainedCounts = new Map<string | null, Counts>();

  /** Sessions and events of `members` not yet explained, and the reference without any explained cell. */
  function residual(
    members: readonly number[],
    measure: string | null,
  ): { own: Counts; cells: number[]; reference: Counts } {
    const flags = explainedOf(measure);
    let sessions = 0;
    let events = 0;
    const cells: number[] = [];
    for (const member of members) {
      if (flags[member]) continue;
      cells.push(member);
      sessions += configs[member]!.sessions;
      events += eventsAt(measure, member);
    }
    const out = explainedCounts.get(measure) ?? { sessions: 0, events: 0 };
    const reference = {
      sessions: totalSessions - out.sessions - sessions,
      events: view.totalEvents(measure) - out.events - events,
    };
    return { own: { sessions, events }, cells, reference };
  }

  /** A value of a field the pattern leaves open (or spans, for since) with enough sessions and clean: the pattern overstates. */
  function cleanPart(
    pattern: Pattern,
    cells: readonly number[],
    measure: string | null,
    own: Counts,
    reference: Counts,
  ): string | null {
    /** Whether a part with enough sessions is significantly below the pattern (at `level`) and not above the rest. */
    const clean = (part: Counts, level: number) => {
      if (part.sessions < rule.minSessions) return false;
      if (
        logFisherLess({
          events: part.events,
          sessions: part.sessions,
          totalEvents: own.events,
          totalSessions: own.sessions,
        }) >= level
      )
        return false;
      return logFisherGreater(tableOf(part, reference)) >= CLEAN_P;
    };
    for (let field = 0; field < pattern.length; field += 1) {
      const term = pattern[field]!;
      if (term.op === 'is') continue;
      const parts = new Map<string, Counts>();
      for (const cell of cells) {
        const value = configs[cell]!.values[field]!;
        const part = parts.get(value) ?? { sessions: 0, events: 0 };
        part.sessions += configs[cell]!.sessions;
        part.events += eventsAt(measure, cell);
        parts.set(value, part);
      }
      if (parts.size < 2) continue;
      // One test per part: held together at CLEAN_P, so many small parts do not find a clean one by chance.
      const level = CLEAN_P - Math.log(parts.size);
      for (const [value, part] of parts) if (clean(part, level)) return `${term.field} ${value}`;
    }
    // Cell by cell too: two problems side by side ("Windows from 2.4.0" and "2.5.0 everywhere")
    // must not pass as one wide one whose every row and column holds a bad cell.
    if (cells.length > 1) {
      const level = CLEAN_P - Math.log(cells.length);
      for (const cell of cells) {
        if (clean({ sessions: configs[cell]!.sessions, events: eventsAt(measure, cell) }, level))
          return configs[cell]!.values.join(', ');
      }
    }
    return null;
  }

  function installEvidence(
    cells: readonly number[],
    measure: string | null,
    own: Counts,
    reference: Counts,
    logLevel: number,
  ): InstallEvidence {
    return installSpread(view, cells, measure, own, reference, rule, testOf, logLevel);
  }

  type Scored = { candidate: Candidate; logP: number; own: Counts; cells: number[]; reference: Counts };
  const memberSets = new Map<Candidate, Set<number>>();
  const setOf = (candidate: Candidate) => {
    let set = memberSets.get(candidate);
    if (!set) memberSets.set(candidate, (set = new Set(candidate.members)));
    return set;
  };
  /** The cells of `outer` not in `inner`, when inner's cells are all in outer and fewer; else null. */
  function extension(outer: Scored, inner: Scored): number[] | null {
    if (outer.candidate.measure !== inner.candidate.measure || inner.cells.length >= outer.cells.length) return null;
    const set = setOf(outer.candidate);
    if (!inner.cells.every((cell) => set.has(cell))) return null;
    const within = new Set(inner.cells);
    return outer.cells.filter((cell) => !within.has(cell));
  }
  /** Whether `cells` error more than the reference (which still holds them), at `logLevel` and by min-rate-ratio. */
  function elevated(cells: readonly number[], measure: string | null, reference: Counts, logLevel: number): boolean {
    const part = countsOf(cells, measure);
    const rest = { sessions: reference.sessions - part.sessions, events: reference.events - part.events };
    if (part.sessions === 0 || rest.sessions <= 0) return false;
    if (part.events / part.sessions < rule.minRateRatio * (rest.events / rest.sessions)) return false;
    return testOf(tableOf(part, rest)) <= logLevel;
  }
  /**
   * From the most significant acceptable pattern to the description the data supports:
   * narrower while the part outside a significant narrower pattern is not itself significant,
   * then wider while a significant wider pattern's extra cells are: a wider description is
   * claimed only when its extra part meets the standard of a problem of its own.
   */
  function settle(start: Scored, pool: readonly Scored[]): Scored {
    let current = start;
    for (let moved = true; moved;) {
      moved = false;
      for (const inner of pool) {
        const extra = extension(current, inner);
        if (extra && !elevated(extra, current.candidate.measure, inner.reference, current.candidate.logLevel)) {
          current = inner;
          moved = true;
          break;
        }
      }
    }
    const wider = pool
      .map((outer) => ({ outer, extra: extension(outer, current) }))
      .filter(({ extra }) => extra !== null)
      .sort((a, b) => b.outer.own.sessions - a.outer.own.sessions);
    for (const { outer, extra } of wider) {
      if (elevated(extra!, current.candidate.measure, current.reference, outer.candidate.logLevel)) return outer;
    }
    return current;
  }

  const problems: Problem[] = [];
  const taken = new Set<string>();
  for (;;) {
    const scored: Scored[] = [];
    for (const candidate of live) {
      if (taken.has(candidate.key)) continue;
      const { own, cells, reference } = residual(candidate.members, candidate.measure);
      if (own.sessions < rule.minSessions || own.events === 0 || reference.sessions === 0) continue;
      const rate = own.events / own.sessions;
      if (rate < rule.errorRateThreshold || rate < rule.minRateRatio * (reference.events / reference.sessions))
        continue;
      const logP = testOf(tableOf(own, reference));
      if (logP <= candidate.logLevel) scored.push({ candidate, logP, own, cells, reference });
    }
    scored.sort(
      (a, b) => a.logP - b.logP || b.own.sessions - a.own.sessions || (a.candidate.key < b.candidate.key ? -1 : 1),
    );
    const acceptable = scored.filter(({ candidate, own, cells, reference }) => {
      if (cleanPart(candidate.pattern, cells, candidate.measure, own, reference) !== null) return false;
      return installEvidence(cells, candidate.measure, own, reference, candidate.logLevel).spread;
    });
    const chosen = acceptable.length > 0 ? settle(acceptable[0]!, acceptable) : undefined;
    if (!chosen) break;
    taken.add(chosen.candidate.key);
    const problem = describe(chosen.candidate.pattern, chosen.candidate.measure, chosen.candidate.members, true);
    problem.logP = chosen.logP;
    problem.logLevel = chosen.candidate.logLevel;
    problem.installs = installEvidence(
      chosen.cells,
      chosen.candidate.measure,
      chosen.own,
      chosen.reference,
      chosen.candidate.logLevel,
    );
    problem.verdict = verdictOf(problem);
    problems.push(problem);
    const flags = explainedOf(chosen.candidate.measure);
    const out = explainedCounts.get(chosen.candidate.measure) ?? { sessions: 0, events: 0 };
    for (const member of chosen.candidate.members) {
      if (flags[member]) continue;
      flags[member] = 1;
      out.sessions += configs[member]!.sessions;
      out.events += eventsAt(chosen.candidate.measure, member);
    }
    explainedCounts.set(chosen.candidate.measure, out);
  }
  // The reference and the baselines of each problem leave out every other problem found, not only the earlier ones.
  for (const problem of problems) {
    const others = problems.filter((other) => other !== problem && other.measure === problem.measure);
    problem.reference = referenceWithout(
      problem.configs,
      others.flatMap((other) => other.configs),
      problem.measure,
    );
    const mine = new Set(problem.configs);
    const exclude = new Set(others.flatMap((other) => other.configs).filter((config) => !mine.has(config)));
    Object.assign(
      problem,
      baselinesOf(
        view,
        rule.fields,
        rule.minSessions,
        problem.pattern,
        problem.measure,
        problem.configs,
        problem.counts,
        exclude,
      ),
    );
  }

  function verdictOf(problem: Problem): string {
    if (problem.detected)
      return 'significantly worse than the other sessions, with the excess spread over enough installations';
    if (problem.counts.sessions < rule.minSessions)
      return `too few sessions (${problem.counts.sessions} < ${rule.minSessions})`;
    if (problem.logP > problem.logLevel) return 'not significantly worse than the other sessions';
    if (!problem.installs.spread) return `the excess comes from fewer than ${rule.minInstallations} installations`;
    return 'explained by another problem, or part of it is clean';
  }

  /** The figures and the baselines a reader needs, for any pattern. */
  function describe(pattern: Pattern, measure: string | null, members: number[], detected: boolean): Problem {
    const counts = countsOf(members, measure);
    const { versions, lastGood, fixedIn, comparison } = baselinesOf(
      view,
      rule.fields,
      rule.minSessions,
      pattern,
      measure,
      members,
      counts,
    );
    const reference = referenceWithout(members, [], measure);
    const logP = counts.events > 0 && reference.sessions > 0 ? testOf(tableOf(counts, reference)) : 0;
    const problem: Problem = {
      key: problemKey(pattern, measure),
      pattern,
      measure,
      kind: kindOf(pattern),
      configs: members,
      counts,
      reference,
      logP,
      logLevel: levels[pattern.every((term) => term.op === 'is') ? 0 : 1].logLevel,
      installs: { known: false, affected: 0, heaviest: [], spread: false },
      detected,
      verdict: '',
      versions,
      lastGood,
      fixedIn,
      comparison,
    };
    if (!detected) {
      problem.installs = installEvidence(members, measure, counts, reference, problem.logLevel);
      problem.verdict = counts.sessions === 0 ? 'no sessions in this run' : verdictOf(problem);
    }
    return problem;
  }

  return {
    problems,
    levels: levels.map((level, family) => ({
      logLevel: level.logLevel,
      hypotheses: minimums[family]!.length,
      testable: level.testable,
    })),
    evaluate(pattern, measure) {
      const members: number[] = [];
      for (let cell = 0; cell < configs.length; cell += 1)
        if (matches(pattern, configs[cell]!.values)) members.push(cell);
      return describe(pattern, measure, members, false);
    },
  };
}
