// The time axis of every chart: the whole window, day by day (quiet days are
// zero sessions, not left out), or week by week once a window passes 14 days,
// so that no chart carries more than MAX_BUCKETS labels.

import type { DayBucket } from '../aggregate/accumulator.ts';

/** A bucket's rate is drawn only from this many of its sessions: below it, one session swings it by 10 points or more. */
export const RATE_MIN_SESSIONS = 10;
/** The most x-axis labels a chart carries. */
export const MAX_BUCKETS = 16;
/** Windows up to this many days are drawn day by day. */
export const DAILY_UP_TO_DAYS = 14;

const DAY_MS = 86_400_000;

export interface TrendBucket {
  /** The bucket's first UTC day as month-day ("11-14"): the x-axis label. */
  label: string;
  /** The bucket's first and last UTC days (YYYY-MM-DD). */
  first: string;
  last: string;
  sessions: number;
  erroredSessions: number;
  /** The comparison's sessions and errored sessions in the bucket (0 without a comparison). */
  otherSessions: number;
  otherErrored: number;
}

export interface Trend {
  /** "day", "week" or "N weeks": what one bucket spans. */
  unit: string;
  bucketDays: number;
  buckets: TrendBucket[];
  /** What the bars stand for: "this problem", "all sessions". */
  subject: string;
  /** What the line stands for ("all other sessions"), or null when nothing is compared. */
  comparison: string | null;
  minRateSessions: number;
}

export interface TrendInput {
  /** The subject's sessions per UTC day, in any order; days absent had none. */
  days: readonly DayBucket[];
  /** The window: its first instant and the run's time. Days outside it that hold sessions widen the axis. */
  start: Date;
  end: Date;
  subject: string;
  /** The comparison's sessions per day, and its name. */
  others?: readonly DayBucket[] | null;
  comparison?: string | null;
}

/** The last UTC day (number since the epoch) a run at `time` has sessions of: a run at midnight has none of its own day yet. */
export function lastDayOf(time: Date): number {
  return Math.floor((time.getTime() - 1) / DAY_MS);
}

/** Days a bucket spans for a window of `days` days: 1 up to two weeks, then whole weeks, enough of them to stay within MAX_BUCKETS. */
export function bucketDaysFor(days: number): number {
  if (days <= DAILY_UP_TO_DAYS) return 1;
  return 7 * Math.ceil(days / (7 * MAX_BUCKETS));
}

function dayNumber(day: string): number {
  const time = Date.parse(`${day.slice(0, 10)}T00:00:00Z`);
  return Number.isFinite(time) ? Math.floor(time / DAY_MS) : Number.NaN;
}

function dayString(number: number): string {
  return new Date(number * DAY_MS).toISOString().slice(0, 10);
}

function unitOf(bucketDays: number): string {
  if (bucketDays === 1) return 'day';
  if (bucketDays === 7) return 'week';
  return bucketDays % 7 === 0 ? `${bucketDays / 7} weeks` : `${bucketDays} days`;
}

/**
 * Buckets the window from its first to its last day. Buckets end on the last day
 * (the run's day), so the newest bucket is always a whole one; the oldest may be
 * shorter. Sessions on a day outside the window still land in a bucket.
 */
export function trendOf(input: TrendInput): Trend {
  const known = (days: readonly DayBucket[] | null | undefined) =>
    (Array.isArray(days) ? days : [])
      .map((bucket) => ({ day: dayNumber(bucket.day), sessions: bucket.sessions, errored: bucket.erroredSessions }))
      .filter((bucket) => Number.isFinite(bucket.day));
  const mine = known(input.days);
  const others = known(input.others);
  const seen = [...mine, ...others].map((bucket) => bucket.day);
  const windowFirst = Math.floor(input.start.getTime() / DAY_MS);
  const windowLast = Math.max(windowFirst, lastDayOf(input.end));
  let first = windowFirst;
  let last = windowLast;
  for (const day of seen) {
    if (day < first) first = day;
    if (day > last) last = day;
  }
  const bucketDays = bucketDaysFor(last - first + 1);
  const count = Math.ceil((last - first + 1) / bucketDays);
  const buckets: TrendBucket[] = [];
  for (let index = 0; index < count; index += 1) {
    const bucketLast = last - (count - 1 - index) * bucketDays;
    const bucketFirst = Math.max(first, bucketLast - bucketDays + 1);
    const start = dayString(bucketFirst);
    buckets.push({
      label: start.slice(5),
      first: start,
      last: dayString(bucketLast),
      sessions: 0,
      erroredSessions: 0,
      otherSessions: 0,
      otherErrored: 0,
    });
  }
  const at = (day: number) => buckets[count - 1 - Math.floor((last - day) / bucketDays)]!;
  for (const bucket of mine) {
    const into = at(bucket.day);
    into.sessions += bucket.sessions;
    into.erroredSessions += bucket.errored;
  }
  for (const bucket of others) {
    const into = at(bucket.day);
    into.otherSessions += bucket.sessions;
    into.otherErrored += bucket.errored;
  }
  const comparison = input.comparison && others.length > 0 ? input.comparison : null;
  return {
    unit: unitOf(bucketDays),
    bucketDays,
    buckets,
    subject: input.subject,
    comparison,
    minRateSessions: RATE_MIN_SESSIONS,
  };
}

/** Each day's figures less `part`'s: "all other sessions" from all of them and one problem's. */
export function daysWithout(all: readonly DayBucket[], part: readonly DayBucket[]): DayBucket[] {
  const less = new Map(part.map((bucket) => [bucket.day, bucket]));
  return all
    .map((bucket) => {
      const minus = less.get(bucket.day);
      return minus
        ? {
            day: bucket.day,
            sessions: Math.max(0, bucket.sessions - minus.sessions),
            erroredSessions: Math.max(0, bucket.erroredSessions - minus.erroredSessions),
          }
        : { ...bucket };
    })
    .filter((bucket) => bucket.sessions > 0);
}

/** The sum of several sets of days, by day. */
export function sumDays(sets: readonly (readonly DayBucket[])[]): DayBucket[] {
  const sum = new Map<string, DayBucket>();
  for (const days of sets) {
    for (const bucket of days) {
      const mine = sum.get(bucket.day);
      if (mine) {
        mine.sessions += bucket.sessions;
        mine.erroredSessions += bucket.erroredSessions;
      } else sum.set(bucket.day, { ...bucket });
    }
  }
  return [...sum.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}
