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
export interface ProducerInput {
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
export interface SummarizeInput extends ProducerInput {
    logText: string;
    /**
     * How log lines carry their timestamp and level: a RegExp with the named groups `ts` and
     * `level`, or a preset's name (python, go-slog, go-slog-json, go-log, rust-env-logger,
     * rust-tracing, pino). Python logging when absent.
     */
    logPattern?: RegExp | string;
}
/** A session told by its figures, without a log: a CI step that knows how it ended. */
export interface CountsInput extends ProducerInput {
    startedAt: Date;
    endedAt: Date;
    logLines: number;
    errorLines: number;
    outcome: 'ok' | 'error' | 'crash';
    errorKinds?: Record<string, number>;
}
export type SummarizeResult = {
    ok: true;
    summary: SessionSummary;
} | {
    ok: false;
    reason: string;
};
export declare function summarizeSession(input: SummarizeInput): SummarizeResult;
/** A summary from figures alone (no log): checked like one from a log. */
export declare function summarizeCounts(input: CountsInput): SummarizeResult;
