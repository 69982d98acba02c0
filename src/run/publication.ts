// What a run publishes is a sum over: the fields of the one aggregator, how many
// configurations it keeps live, and the report built from the findings.

import { buildReport } from '../report/run-report.ts';
import type { RunReport } from '../report/run-report.ts';
import type { GroupField, Settings } from '../settings.ts';
import { knownFields } from '../records/field-table.ts';

export function reportOf(
  settings: Settings,
  findings: Pick<
    Parameters<typeof buildReport>[0],
    'now' | 'windowStart' | 'intake' | 'groups' | 'matrix' | 'problems' | 'issues' | 'folded' | 'recoded'
  >,
): RunReport {
  return buildReport({
    ...findings,
    lookbackDays: settings.lookbackDays,
    dryRun: settings.dryRun,
    groupBy: settings.groupBy,
    rule: {
      minSessions: settings.minSessions,
      errorRateThreshold: settings.errorRateThreshold,
      confidence: settings.confidence,
      minInstallations: settings.minInstallations,
      minRateRatio: settings.minRateRatio,
      minPublishedInstallations: settings.minPublishedInstallations,
    },
  });
}

/** The fields every published figure is a sum over: group-by, then those of the OS × version table and the dashboard. */
export function publicationFields(settings: Settings): GroupField[] {
  const fields = [...settings.groupBy];
  // Fields a schema may not have are left out (knownFields).
  const wanted = knownFields(['os.platform', 'app.version', ...(settings.reportIssue ? ['runtime.version'] : [])]);
  for (const field of wanted) if (!fields.includes(field)) fields.push(field);
  return fields;
}

/** Configurations kept at once while reading: memory stays bounded whatever the input (about 1.3 KB each). */
export function liveConfigurations(settings: Settings): number {
  return Math.max(LIVE_CONFIGURATIONS, 4 * settings.maxConfigurations);
}

export const LIVE_CONFIGURATIONS = 100_000;
