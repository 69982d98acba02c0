// Decides which groups are problems worth an issue.

import type { GroupFigures } from './aggregate-groups.ts';

export interface FlagRule {
  minSessions: number;
  errorRateThreshold: number;
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
}

export function judgeGroups(groups: readonly GroupFigures[], rule: FlagRule): JudgedGroup[] {
  const totalSessions = groups.reduce((sum, group) => sum + group.sessions, 0);
  const totalErrored = groups.reduce((sum, group) => sum + group.erroredSessions, 0);
  return groups.map((group) => {
    const others = totalSessions - group.sessions;
    const othersErrored = totalErrored - group.erroredSessions;
    const baseline: Baseline = {
      sessions: others,
      erroredSessions: othersErrored,
      errorRate: others > 0 ? othersErrored / others : null,
    };
    let flagged = false;
    let verdict: string;
    if (group.sessions < rule.minSessions) {
      verdict = `too few sessions (${group.sessions} < ${rule.minSessions})`;
    } else if (group.errorRate < rule.errorRateThreshold) {
      verdict = 'error rate below threshold';
    } else {
      flagged = true;
      verdict = 'error rate at or above threshold';
    }
    return { ...group, flagged, verdict, baseline };
  });
}
