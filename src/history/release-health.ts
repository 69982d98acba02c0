// Release health from the history: per app version still in use, its adoption,
// crash-free sessions and installations, errored-session rate, and how it
// compares with the release before it at the same age (days since each was
// first seen), judged by Fisher's exact test as problems are.

import { OTHER } from '../aggregate/accumulator.ts';
import { compareVersions } from '../aggregate/versions.ts';
import { wilsonInterval } from '../aggregate/wilson-interval.ts';
import type { Interval } from '../aggregate/wilson-interval.ts';
import { logFisherGreaterMid } from '../problems/hypergeometric.ts';
import { DAY_MS } from './history.ts';
import { lastDayOf } from './trend.ts';
import type { History } from './history.ts';
import { kmvApproximate, kmvCount, kmvUnion } from './kmv.ts';

/** Weeks of release health shown: adoption and weekly rates. */
export const HEALTH_WEEKS = 12;
/** A version is in use when it had sessions in this many last days. */
export const IN_USE_DAYS = 28;
/** Versions listed by name; older ones are counted together. */
export const HEALTH_VERSIONS = 10;

export interface WeekFigures {
  sessions: number;
  errored: number;
  crashed: number;
  installs: number;
}

export interface SameAge {
  previous: string;
  /** Days since each was first seen that are compared. */
  days: number;
  mine: { sessions: number; errored: number };
  theirs: { sessions: number; errored: number };
  verdict: 'worse' | 'better' | 'no clear difference' | 'too few sessions' | 'history too short';
  /** One-sided mid-p of the verdict's direction (the smaller of the two). */
  p: number;
}

export interface VersionHealth {
  version: string;
  firstDay: string;
  /** Over the weeks shown. */
  sessions: number;
  errored: number;
  crashed: number;
  installs: number;
  crashedInstalls: number;
  installsApproximate: boolean;
  crashFreeSessions: Interval & { rate: number };
  crashFreeInstalls: Interval & { rate: number };
  erroredRate: Interval & { rate: number };
  weeks: WeekFigures[];
  sameAge: SameAge | null;
}

export interface ReleaseHealth {
  /** Week labels (first day, month-day), oldest first. */
  weeks: { label: string; first: string; last: string }[];
  /** Public versions in use, newest first. */
  versions: VersionHealth[];
  /** Every other session: older versions, and versions on fewer than the publication minimum of installations. */
  rest: { label: string; weeks: WeekFigures[] };
  totals: WeekFigures[];
  /** Days the history holds, and its first day. */
  historyDays: number;
  since: string | null;
  level: number;
}

interface VersionDays {
  days: Map<number, DayFigures>;
  first: number;
  last: number;
}

const dayText = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const rateOf = (events: number, trials: number, confidence: number) => ({
  rate: trials > 0 ? events / trials : 0,
  ...wilsonInterval(events, trials, confidence),
});

type DayFigures = { sessions: number; errored: number; crashed: number; installs: number[]; crashedInstalls: number[] };

/** Adds one day's figures into `days`, installations as the union of the sketches. */
function addDay(days: Map<number, DayFigures>, day: number, figures: DayFigures): void {
  const held = days.get(day);
  if (!held) {
    days.set(day, {
      sessions: figures.sessions,
      errored: figures.errored,
      crashed: figures.crashed,
      installs: [...figures.installs],
      crashedInstalls: [...figures.crashedInstalls],
    });
    return;
  }
  held.sessions += figures.sessions;
  held.errored += figures.errored;
  held.crashed += figures.crashed;
  held.installs = kmvUnion([held.installs, figures.installs]);
  held.crashedInstalls = kmvUnion([held.crashedInstalls, figures.crashedInstalls]);
}

/**
 * The publication rule, week by week: a configuration counts toward a version's published figures
 * in a week only when it had at least `min` installations that week (weeks end on `last`). A
 * version-week is then a sum of configurations that each have the minimum, as every published
 * cell of a run is; the rest of the week's sessions count in "older and other versions" alone.
 */
function publicByWeek(history: History, last: number, min: number): (day: number, key: string) => boolean {
  const weekOf = (day: number) => Math.floor((last - day) / 7);
  const sketches = new Map<string, number[][]>();
  for (const [day, figures] of history.days) {
    for (const [key, entry] of figures.entries) {
      const id = `${weekOf(day)}\u0001${key}`;
      const list = sketches.get(id);
      if (list) list.push(entry.installs);
      else sketches.set(id, [entry.installs]);
    }
  }
  const published = new Set([...sketches].filter(([, list]) => kmvCount(kmvUnion(list)) >= min).map(([id]) => id));
  return (day, key) => published.has(`${weekOf(day)}\u0001${key}`);
}

/** Every version's days, summed over its configurations (installations as the union of their sketches). */
function byVersion(
  history: History,
  include: (day: number, key: string) => boolean = () => true,
): Map<string, VersionDays> {
  const at = history.fields.indexOf('app.version');
  const versions = new Map<string, VersionDays>();
  for (const [day, figures] of history.days) {
    for (const [key, entry] of figures.entries) {
      if (!include(day, key)) continue;
      const version = entry.values[at]!;
      let mine = versions.get(version);
      if (!mine) versions.set(version, (mine = { days: new Map(), first: day, last: day }));
      mine.first = Math.min(mine.first, day);
      mine.last = Math.max(mine.last, day);
      addDay(mine.days, day, entry);
    }
  }
  return versions;
}

function sum(
  days: VersionDays['days'],
  from: number,
  to: number,
): { sessions: number; errored: number; crashed: number; installs: number[]; crashedInstalls: number[] } {
  const total = { sessions: 0, errored: 0, crashed: 0, installs: [] as number[], crashedInstalls: [] as number[] };
  const installs: number[][] = [];
  const crashed: number[][] = [];
  for (const [day, figures] of days) {
    if (day < from || day > to) continue;
    total.sessions += figures.sessions;
    total.errored += figures.errored;
    total.crashed += figures.crashed;
    installs.push(figures.installs);
    crashed.push(figures.crashedInstalls);
  }
  total.installs = kmvUnion(installs);
  total.crashedInstalls = kmvUnion(crashed);
  return total;
}

/**
 * Release health as of `now`. `minInstallations` is the publication rule: a version seen on fewer
 * installations in the whole history is not named. `confidence` sets the intervals and, split
 * over the comparisons made (both directions), the level of the same-age verdicts.
 */
export function releaseHealth(
  history: History,
  options: { now: Date; confidence: number; minInstallations: number; minSessions: number },
): ReleaseHealth {
  const last = lastDayOf(options.now);
  const weeks = Array.from({ length: HEALTH_WEEKS }, (_, index) => {
    const weekLast = last - (HEALTH_WEEKS - 1 - index) * 7;
    return { first: weekLast - 6, last: weekLast };
  });
  const versions = byVersion(history, publicByWeek(history, last, options.minInstallations));
  const everything = byVersion(history);
  const historyFirst = Math.min(...history.days.keys());
  const isPublic = (days: VersionDays) =>
    kmvCount(kmvUnion([...days.days.values()].map((day) => day.installs))) >= options.minInstallations;
  const publicVersions = [...versions]
    .filter(([version, days]) => version !== OTHER && isPublic(days))
    .sort((a, b) => compareVersions(b[0], a[0]));
  // In use: seen at all in the last days, on any configuration; its figures are its published configurations'.
  const inUse = publicVersions
    .filter(([version]) => everything.get(version)!.last > last - IN_USE_DAYS)
    .slice(0, HEALTH_VERSIONS);
  const comparisons = inUse.length;
  const level = (1 - options.confidence) / Math.max(1, 2 * comparisons);

  const weekOf = (days: VersionDays['days']) =>
    weeks.map((week) => {
      const total = sum(days, week.first, week.last);
      return {
        sessions: total.sessions,
        errored: total.errored,
        crashed: total.crashed,
        installs: kmvCount(total.installs),
      };
    });

  const health: VersionHealth[] = inUse.map(([version, days]) => {
    const window = sum(days.days, weeks[0]!.first, last);
    const installs = kmvCount(window.installs);
    const crashedInstalls = Math.min(installs, kmvCount(window.crashedInstalls));
    // The release before it in semver order that the history has seen, public or not named.
    const previous = publicVersions.map(([name]) => name).find((name) => compareVersions(name, version) < 0) ?? null;
    let sameAge: SameAge | null = null;
    if (previous) {
      const theirs = versions.get(previous)!;
      // Ages count from the first day each was seen at all, on any configuration.
      const firstMine = everything.get(version)!.first;
      const firstTheirs = everything.get(previous)!.first;
      const age = last - firstMine + 1;
      const mine = sum(days.days, firstMine, firstMine + age - 1);
      const before = sum(theirs.days, firstTheirs, firstTheirs + age - 1);
      const figures = {
        mine: { sessions: mine.sessions, errored: mine.errored },
        theirs: { sessions: before.sessions, errored: before.errored },
      };
      if (firstTheirs <= historyFirst) {
        // The previous release was out before the history began: its first days are not in it.
        sameAge = { previous, days: age, ...figures, verdict: 'history too short', p: 1 };
      } else if (mine.sessions < options.minSessions || before.sessions < options.minSessions) {
        sameAge = { previous, days: age, ...figures, verdict: 'too few sessions', p: 1 };
      } else {
        const totals = { totalEvents: mine.errored + before.errored, totalSessions: mine.sessions + before.sessions };
        const worse = Math.exp(logFisherGreaterMid({ events: mine.errored, sessions: mine.sessions, ...totals }));
        const better = Math.exp(logFisherGreaterMid({ events: before.errored, sessions: before.sessions, ...totals }));
        const verdict = worse < level ? 'worse' : better < level ? 'better' : 'no clear difference';
        sameAge = { previous, days: age, ...figures, verdict, p: Math.min(worse, better) };
      }
    }
    return {
      version,
      firstDay: dayText(everything.get(version)!.first),
      sessions: window.sessions,
      errored: window.errored,
      crashed: window.crashed,
      installs,
      crashedInstalls,
      installsApproximate: kmvApproximate(window.installs),
      crashFreeSessions: rateOf(window.sessions - window.crashed, window.sessions, options.confidence),
      crashFreeInstalls: rateOf(installs - crashedInstalls, installs, options.confidence),
      erroredRate: rateOf(window.errored, window.sessions, options.confidence),
      weeks: weekOf(days.days),
      sameAge,
    };
  });

  // Everything not listed, as one series, and every session, for shares.
  const merged = (filter: (version: string) => boolean): VersionDays['days'] => {
    const all: VersionDays['days'] = new Map();
    for (const [version, days] of everything) {
      if (!filter(version)) continue;
      for (const [day, figures] of days.days) addDay(all, day, figures);
    }
    return all;
  };
  // The rest: every session of the week less the shown versions' published ones.
  const totals = weekOf(merged(() => true));
  const shownWeeks = health.map((version) => version.weeks);
  const rest = totals.map((week, index) => ({
    sessions: week.sessions - shownWeeks.reduce((sum, weeks) => sum + weeks[index]!.sessions, 0),
    errored: week.errored - shownWeeks.reduce((sum, weeks) => sum + weeks[index]!.errored, 0),
    crashed: week.crashed - shownWeeks.reduce((sum, weeks) => sum + weeks[index]!.crashed, 0),
    installs: Math.max(0, week.installs - shownWeeks.reduce((sum, weeks) => sum + weeks[index]!.installs, 0)),
  }));
  return {
    weeks: weeks.map((week) => ({
      label: dayText(week.first).slice(5),
      first: dayText(week.first),
      last: dayText(week.last),
    })),
    versions: health,
    rest: { label: 'older and other versions', weeks: rest },
    totals,
    historyDays: history.days.size,
    since: history.days.size > 0 ? dayText(historyFirst) : null,
    level,
  };
}
