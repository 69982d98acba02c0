import type { FieldTable } from '../records/field-types.js';
/** Session summary, version 1: the shape of a valid summary. */
export interface SessionSummary {
    schema_version: 1;
    /** Random per session; used only to count a re-uploaded session once. */
    session_id: string;
    /** Random per installation; tells one noisy machine from a trend. */
    install_id?: string;
    app: {
        name: string;
        version: string;
    };
    runtime?: {
        name: string;
        version: string;
    };
    os: {
        platform: "linux" | "darwin" | "windows" | "freebsd" | "other";
        version?: string;
        arch?: "x64" | "arm64" | "x86" | "arm" | "other";
    };
    /** CI vendor name such as GITHUB_ACTIONS, or null outside CI. */
    ci?: string | null;
    started_at: string;
    ended_at: string;
    /** Session size: lines logged in the session. */
    log_lines: number;
    /** Error lines logged in the session; never more than log_lines. */
    error_lines: number;
    outcome?: "ok" | "error" | "crash";
    /** Exception class name to how often it was raised. Class names only, never messages. */
    error_kinds?: Record<string, number>;
}
/** Every field the schema defines, as the fast path, the codecs and the grouping read them. */
export declare const FIELD_TABLE: FieldTable;
/** Copies the configuration fields a summary has from its shared configuration: generated, so each is a plain property store. */
export declare function copyConfig(target: Record<string, unknown>, config: Record<string, unknown>): void;
/** Fields a run can group by. */
export declare const GROUP_FIELDS: readonly ["app.name", "app.version", "runtime.name", "runtime.version", "os.platform", "os.version", "os.arch", "ci", "outcome", "error_kind"];
