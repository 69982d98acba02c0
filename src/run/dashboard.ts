// The body of the dashboard issue (input report-issue): the run's figures by
// platform, app version and runtime, the OS × version table with its issue
// links, the sessions outside every problem, and release health.

import type { Aggregator } from '../aggregate/aggregate-groups.ts';
import type { GroupFigures } from '../aggregate/accumulator.ts';
import { judgeGroups } from '../aggregate/flag-groups.ts';
import type { JudgedGroup } from '../aggregate/flag-groups.ts';
import type { ReleaseHealth } from '../history/release-health.ts';
import { daysWithout, sumDays } from '../history/trend.ts';
import { renderUsageReport } from '../report/usage-report.ts';
import type { MatrixCell } from '../report/usage-report.ts';
import { knownFields } from '../records/field-table.ts';
import type { GroupField, Settings } from '../settings.ts';

export interface DashboardInput {
  settings: Settings;
  /** The run's figures grouped by any fields of the publication. */
  grouped: (fields: GroupField[]) => Aggregator;
  /** Every session of the run as one group, or null when there is none. */
  everything: GroupFigures | null;
  /** The configurations of group-by, judged: the flagged ones are covered by a problem. */
  groups: JudgedGroup[];
  matrix: MatrixCell[];
  now: Date;
  windowStart: Date;
  publication: string | null;
  health: ReleaseHealth | null;
}

export function dashboardBody(input: DashboardInput): string {
  const { settings, grouped, everything } = input;
  const covered = input.groups.filter((group) => group.flagged);
  return renderUsageReport({
    all: everything,
    byOs: grouped(['os.platform']).groups(),
    byVersion: judgeGroups(grouped(['app.version']).groups(), settings),
    // Empty when the schema has no runtime version.
    byRuntime: knownFields(['runtime.version']).length > 0 ? grouped(knownFields(['runtime.version'])).groups() : [],
    matrix: input.matrix,
    lookbackDays: settings.lookbackDays,
    asOf: input.now,
    windowStart: input.windowStart,
    confidence: settings.confidence,
    outsideProblems:
      covered.length > 0 && everything
        ? daysWithout(everything.days, sumDays(covered.map((group) => group.days)))
        : null,
    publication: input.publication,
    health: input.health,
  });
}
