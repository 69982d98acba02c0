// How a summary maps to its group, and the stable fingerprint that finds a group's
// issue again across runs.

import { createHash } from 'node:crypto';
import type { SessionSummary } from '../records/session-summary.ts';
import type { GroupField } from '../settings.ts';

/** Shown for a grouping field the summary does not carry. */
export const UNSET = '(unset)';

export function fieldValue(summary: SessionSummary, field: GroupField): string {
  switch (field) {
    case 'app.name':
      return summary.app.name;
    case 'app.version':
      return summary.app.version;
    case 'runtime.name':
      return summary.runtime?.name ?? UNSET;
    case 'runtime.version':
      return summary.runtime?.version ?? UNSET;
    case 'os.platform':
      return summary.os.platform;
    case 'os.version':
      return summary.os.version ?? UNSET;
    case 'os.arch':
      return summary.os.arch ?? UNSET;
    case 'ci':
      return summary.ci ?? UNSET;
    case 'outcome':
      return summary.outcome ?? UNSET;
    case 'error_kind':
      // Expanded per exception class by the aggregator; a session's own value is not one string.
      return UNSET;
  }
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
