export declare const DEFAULT_LOG_PATTERN = "^(?<ts>\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})?)\\W{0,5}(?:\\S+\\W{1,5})??(?<level>DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL|FATAL|EXCEPTION)\\b";
/** Whether a captured level is an error one: a name (any case, quotes dropped) or a number of 50 or more. */
export declare function isErrorLevel(level: string | undefined): boolean;
export interface LogFigures {
    firstAt: string;
    lastAt: string;
    lines: number;
    errorLines: number;
    errorKinds: Record<string, number>;
}
export declare class LogPatternError extends Error {
}
/** Compiles a user's pattern; it needs named groups `ts` and `level`. */
export declare function compileLogPattern(source: string): RegExp;
/** Reads a timestamp as written in a log (ISO 8601, `2026/11/20 10:00:00`, or Unix seconds or milliseconds); one without a zone is taken as UTC. */
export declare function toIso(stamp: string): string | null;
/** Figures of one log, or null when no line carries a timestamp. */
export declare function readLog(text: string, pattern?: RegExp): LogFigures | null;
