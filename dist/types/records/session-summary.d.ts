import type { SessionSummary } from '../generated/summary-fields.js';
export type { SessionSummary };
export type Outcome = NonNullable<SessionSummary['outcome']>;
/** A session errored when it logged an error line or did not end ok. */
export declare function sessionErrored(summary: SessionSummary): boolean;
