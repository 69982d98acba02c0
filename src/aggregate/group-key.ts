// How a summary maps to its group, and the stable fingerprint that finds a group's
// issue again across runs.

import { createHash } from 'node:crypto';
import { CONFIG_FIELDS, configValue } from '../records/field-table.ts';
import type { GroupField } from '../records/field-table.ts';
import type { SessionSummary } from '../records/session-summary.ts';

/** Shown for a grouping field the summary does not carry. */
export const UNSET = '(unset)';

const CONFIG_BY_PATH = new Map(CONFIG_FIELDS.map((field) => [field.path, field]));

export function fieldValue(summary: SessionSummary, field: GroupField): string {
  const config = CONFIG_BY_PATH.get(field);
  if (config) return configValue(summary, config) ?? UNSET;
  // The outcome; error_kind is expanded per exception class by the aggregator: a session's own value is not one string.
  if ((field as string) === 'outcome') return summary.outcome ?? UNSET;
  return UNSET;
}

export function groupValues(summary: SessionSummary, fields: readonly GroupField[]): string[] {
  return fields.map((field) => fieldValue(summary, field));
}

/** 16 hex digits of SHA-256 over the field names and values. */
export function fingerprintOf(fields: readonly GroupField[], values: readonly string[]): string {
  const canonical = JSON.stringify(fields.map((field, index) => [field, values[index]]));
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

/** "os.platform windows, app.version 2.4.0": unescaped, for logs and reports. */
export function groupLabel(fields: readonly { name: string; value: string }[]): string {
  return fields.map((field) => `${field.name} ${field.value}`).join(', ');
}
