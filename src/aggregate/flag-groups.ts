// Decides which groups are problems worth an issue.

import type { GroupFigures } from './aggregate-groups.ts';
import { wilsonInterval } from './wilson-interval.ts';
import type { Interval } from './wilson-interval.ts';

export interface FlagRule {
  minSessions: number;
  errorRateThreshold: number;
  /** Confidence of the Wilson interval whose lower bound must clear the baseline. */
  confidence: number;
}

export interface Baseline {
  sessions: number;
  erroredSessions: number;
  /** Errored-session rate of every session outside the group; null when there are none. */
  errorRate: number | null;
}

export interface JudgedGroup extends GroupFigures {
  flagged: boolean;
  /** Why the group is or is not flagged, in words. */
  verdict: string;
  baseline: Baseline;
  /** Wilson score interval of the errored-session rate. */
  interval: Interval;
  /** At or above threshold with enough sessions: counts toward close-after-days when false. */
  aboveThreshold: boolean;
}

export function judgeGroups(groups: readonly GroupFigures[], rule: FlagRule): JudgedGroup[] {
  const totalSessions = groups.reduce((sum, group) => sum + group.sessions, 0);
  const totalErrored = groups.reduce((sum, group) => sum + group.erroredSessions, 0);
  return groups.map((group) => {
    // Kind groups overlap (one session can raise several kinds): they bring their own population.
    const others = (group.population?.sessions ?? totalSessions) - group.sessions;
    const othersErrored = (group.population?.erroredSessions ?? totalErrored) - group.erroredSessions;
    const baseline: Baseline = {
      sessions: others,
      erroredSessions: othersErrored,
      errorRate: others > 0 ? othersErrored / others : null,
    };
    const interval = wilsonInterval(group.erroredSessions, group.sessions, rule.confidence);
    const aboveThreshold = group.sessions >= rule.minSessions && group.errorRate >= rule.errorRateThreshold;
    let flagged = false;
    let verdict: string;
    if (group.sessions < rule.minSessions) {
      verdict = `too few sessions (${group.sessions} < ${rule.minSessions})`;
    } else if (group.errorRate < rule.errorRateThreshold) {
      verdict = 'error rate below threshold';
    } else if (group.singleInstall) {
      verdict = 'all sessions come from one installation';
    } else if (baseline.errorRate !== null && interval.low <= baseline.errorRate) {
      verdict = 'not significantly worse than the other sessions';
    } else {
      flagged = true;
      verdict =
        baseline.errorRate === null
          ? 'error rate at or above threshold (no other sessions to compare)'
          : 'significantly worse than the other sessions';
    }
    return { ...group, flagged, verdict, baseline, interval, aboveThreshold };
  });
}
