// Telemetry formats the intake understands, and how a record's shape tells them apart.

export const RECORD_FORMATS = ['session-summary', 'hasura-cli', 'segment'] as const;
export const FORMATS = ['auto', ...RECORD_FORMATS, 'log'] as const;

export type RecordFormatName = (typeof RECORD_FORMATS)[number];
export type FormatSetting = (typeof FORMATS)[number];

const has = (value: Record<string, unknown>, key: string) => Object.prototype.hasOwnProperty.call(value, key);

/** The format a parsed record looks like, or null when it looks like none. */
export function recordShape(value: unknown): RecordFormatName | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  if (has(record, 'schema_version') || has(record, 'session_id')) return 'session-summary';
  if (has(record, 'execution_id') && has(record, 'is_error') && has(record, 'os_platform')) return 'hasura-cli';
  if (typeof record['event'] === 'string' && (record['type'] === 'track' || has(record, 'messageId'))) return 'segment';
  return null;
}
