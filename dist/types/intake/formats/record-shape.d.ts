export declare const RECORD_FORMATS: readonly ["session-summary", "hasura-cli", "segment"];
export declare const FORMATS: readonly ["auto", "session-summary", "hasura-cli", "segment", "log"];
export type RecordFormatName = (typeof RECORD_FORMATS)[number];
export type FormatSetting = (typeof FORMATS)[number];
/** The format a parsed record looks like, or null when it looks like none. */
export declare function recordShape(value: unknown): RecordFormatName | null;
