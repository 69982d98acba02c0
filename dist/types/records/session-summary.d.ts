export type Platform = 'linux' | 'darwin' | 'windows' | 'freebsd' | 'other';
export type Arch = 'x64' | 'arm64' | 'x86' | 'arm' | 'other';
export type Outcome = 'ok' | 'error' | 'crash';
export interface SessionSummary {
    schema_version: 1;
    session_id: string;
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
        platform: Platform;
        version?: string;
        arch?: Arch;
    };
    ci?: string | null;
    started_at: string;
    ended_at: string;
    log_lines: number;
    error_lines: number;
    outcome?: Outcome;
    error_kinds?: Record<string, number>;
}
/** A session errored when it logged an error line or did not end ok. */
export declare function sessionErrored(summary: SessionSummary): boolean;
