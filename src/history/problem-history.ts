// A problem's own past from the history: its weekly trend beyond the window,
// against all other sessions, and the newer releases on the same platform (or
// the same other fields) as their figures accumulate, with "fixed in" said once
// the history holds enough sessions to show the release significantly better.

import { OTHER } from '../aggregate/accumulator.ts';
import { compareVersions } from '../aggregate/versions.ts';
import { logFisherGreaterMid } from '../problems/hypergeometric.ts';
import { matches, VERSION_FIELD } from '../problems/pattern.ts';
import type { Pattern } from '../problems/pattern.ts';
import { lastDayOf, RATE_MIN_SESSIONS } from './trend.ts';
import type { Trend, TrendBucket } from './trend.ts';
import { DAY_MS } from './history.ts';
import type { History } from './history.ts';
import { HEALTH_WEEKS } from './release-health.ts';

export interface FixedFigures {
  version: string;
  sessions: number;
  erroredSessions: number;
  rate: number;
  /** Significantly below the problem's own rate over the history (Fisher's mid-p at 1 - confidence). */
  confirmed: boolean;
}

export interface ProblemHistory {
  /** The history's first day. */
  since: string;
  /** Weekly, over the last 12 weeks (the history's days only), against all other sessions. */
  trend: Trend;
  /** Newer releases on the problem's other fields, oldest first, with at least min-sessions sessions. */
  fixed: FixedFigures[];
}

const dayText = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * `fields` are the problem search's configuration fields (the pattern's order); `versions` the
 * versions the problem was seen on; `measure` an exception class, or null for errored sessions.
 */
export function problemHistory(
  history: History,
  problem: { pattern: Pattern; measure: string | null; versions: readonly string[] },
  fields: readonly string[],
  options: { now: Date; confidence: number; minSessions: number },
): ProblemHistory | null {
  if (history.days.size === 0) return null;
  const at = fields.map((field) => history.fields.indexOf(field as (typeof history.fields)[number]));
  if (at.some((index) => index < 0)) return null;
  const versionAt = history.fields.indexOf(VERSION_FIELD);
  const own = new Set(problem.versions);
  const newest = [...own].sort(compareVersions).at(-1) ?? null;
  // The problem's other fields: where a newer release would show the fix.
  const anchor: Pattern = problem.pattern.map((term) =>
    term.field === VERSION_FIELD ? { field: term.field, op: 'any' } : term,
  );
  const last = lastDayOf(options.now);
  const first = last - HEALTH_WEEKS * 7 + 1;
  const buckets: TrendBucket[] = Array.from({ length: HEALTH_WEEKS }, (_, index) => {
    const start = first + index * 7;
    return {
      label: dayText(start).slice(5),
      first: dayText(start),
      last: dayText(start + 6),
      sessions: 0,
      erroredSessions: 0,
      otherSessions: 0,
      otherErrored: 0,
    };
  });
  const mine = { sessions: 0, errored: 0 };
  const newer = new Map<string, { sessions: number; errored: number }>();
  for (const [day, figures] of history.days) {
    const bucket = day >= first && day <= last ? buckets[Math.floor((day - first) / 7)]! : null;
    for (const entry of figures.entries.values()) {
      const values = at.map((index) => entry.values[index]!);
      const version = entry.values[versionAt]!;
      const errored = problem.measure === null ? entry.errored : (entry.kinds[problem.measure] ?? 0);
      if (matches(problem.pattern, values) && own.has(version)) {
        mine.sessions += entry.sessions;
        mine.errored += errored;
        if (bucket) {
          bucket.sessions += entry.sessions;
          bucket.erroredSessions += errored;
        }
      } else {
        if (bucket) {
          bucket.otherSessions += entry.sessions;
          bucket.otherErrored += errored;
        }
        // "(other)" (rare configurations folded together) is no release.
        if (newest !== null && version !== OTHER && compareVersions(version, newest) > 0 && matches(anchor, values)) {
          const held = newer.get(version) ?? { sessions: 0, errored: 0 };
          held.sessions += entry.sessions;
          held.errored += errored;
          newer.set(version, held);
        }
      }
    }
  }
  const level = 1 - options.confidence;
  const fixed = [...newer]
    .filter(
      ([, figures]) =>
        figures.sessions >= options.minSessions && figures.errored * mine.sessions < mine.errored * figures.sessions,
    )
    .sort((a, b) => compareVersions(a[0], b[0]))
    .map(([version, figures]) => {
      const totals = { totalEvents: figures.errored + mine.errored, totalSessions: figures.sessions + mine.sessions };
      const p = Math.exp(logFisherGreaterMid({ events: mine.errored, sessions: mine.sessions, ...totals }));
      return {
        version,
        sessions: figures.sessions,
        erroredSessions: figures.errored,
        rate: figures.errored / figures.sessions,
        confirmed: p < level,
      };
    });
  const since = dayText(Math.min(...history.days.keys()));
  return {
    since,
    trend: {
      unit: 'week',
      bucketDays: 7,
      buckets,
      subject: 'this problem',
      comparison: 'all other sessions',
      minRateSessions: RATE_MIN_SESSIONS,
    },
    fixed,
  };
}
