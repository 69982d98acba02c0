// The shape of a valid session summary: generated from schema/session-summary.v1.json.

import type { SessionSummary } from '../generated/summary-fields.ts';

export type { SessionSummary };
export type Outcome = NonNullable<SessionSummary['outcome']>;

/** A session errored when it logged an error line or did not end ok. */
export function sessionErrored(summary: SessionSummary): boolean {
  return summary.error_lines > 0 || (summary.outcome !== undefined && summary.outcome !== 'ok');
}
