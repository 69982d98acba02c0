import type { SessionSummary } from '../records/session-summary.js';
export interface MachineFacts {
    /** process.platform: linux, darwin, win32, freebsd… */
    platform: string;
    /** os.release(): kernel or OS version. */
    release: string;
    /** os.arch(): x64, arm64, ia32… */
    arch: string;
    env: Record<string, string | undefined>;
}
export declare function detectCi(env: Record<string, string | undefined>): string | null;
/** Why telemetry is off, or null when it is on. */
export declare function optedOut(env: Record<string, string | undefined>, appVariable: string | null): string | null;
export interface SummarizeInput {
    logText: string;
    app: {
        name: string;
        version: string;
    };
    runtime?: {
        name: string;
        version: string;
    };
    machine: MachineFacts;
    newUuid: () => string;
    installId?: string;
}
export type SummarizeResult = {
    ok: true;
    summary: SessionSummary;
} | {
    ok: false;
    reason: string;
};
export declare function summarizeSession(input: SummarizeInput): SummarizeResult;
