// The shape of a valid session summary: generated from schema/session-summary.v1.json.

import type { SessionSummary as SchemaSummary } from '../generated/summary-fields.ts';

/**
 * The roles the engine knows by name beyond the required ones, optional here so
 * that the code still reads a schema that drops one (a summary then never has it).
 */
interface Roles {
  install_id?: string;
  outcome?: string;
  error_kinds?: Record<string, number>;
}

/** A valid summary: the schema's fields (generated), read with the engine's roles. */
export type SessionSummary = SchemaSummary & Roles;
export type Outcome = NonNullable<SessionSummary['outcome']>;

/** A session errored when it logged an error line or did not end ok. */
export function sessionErrored(summary: SessionSummary): boolean {
  return summary.error_lines > 0 || (summary.outcome !== undefined && summary.outcome !== 'ok');
}
