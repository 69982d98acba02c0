import type { SessionSummary } from './session-summary.js';
/** A valid summary comes with its start and end as epoch milliseconds, parsed once. */
export type Validated = {
    ok: true;
    summary: SessionSummary;
    startedMs: number;
    endedMs: number;
} | {
    ok: false;
    reason: string;
};
export declare const KNOWN_SEGMENTS: ReadonlySet<string>;
export declare function safePath(instancePath: string): string;
/** Checks one parsed value; a failure carries a reason code such as "schema:/os/platform:enum". */
export declare function validateSummary(value: unknown): Validated;
