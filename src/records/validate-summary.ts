// Validates candidate records against the public schema, then the rules a schema
// cannot express. Reasons name a field path and a rule, never a value.

import type { ValidateFunction } from 'ajv';
import schema from '../../schema/session-summary.v1.json' with { type: 'json' };
import type { SessionSummary } from './session-summary.ts';
import generatedValidator from '../generated/summary-validator.ts';
import { parseTimestamp } from './timestamp.ts';

/** A valid summary comes with its start and end as epoch milliseconds, parsed once. */
export type Validated =
  { ok: true; summary: SessionSummary; startedMs: number; endedMs: number } | { ok: false; reason: string };

function propertyNamesOf(node: unknown, into: Set<string>): Set<string> {
  if (node !== null && typeof node === 'object') {
    for (const [key, child] of Object.entries(node)) {
      if (key === 'properties' && child !== null && typeof child === 'object') {
        for (const name of Object.keys(child)) into.add(name);
      }
      propertyNamesOf(child, into);
    }
  }
  return into;
}

// Path segments that are not schema property names came from the data (map keys,
// array indexes) and are replaced, so a reason never carries a submitted string.
export const KNOWN_SEGMENTS: ReadonlySet<string> = propertyNamesOf(schema, new Set<string>());

export function safePath(instancePath: string): string {
  if (instancePath === '') return '/';
  return instancePath
    .split('/')
    .map((segment, index) => (index === 0 || KNOWN_SEGMENTS.has(segment) ? segment : '*'))
    .join('/');
}

// ajv compiled the schema at build time (scripts/build-validator.ts); a run loads only the generated code.
const validateSchema = generatedValidator as unknown as ValidateFunction<SessionSummary>;

/** Checks one parsed value; a failure carries a reason code such as "schema:/os/platform:enum". */
export function validateSummary(value: unknown): Validated {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, reason: 'not-an-object' };
  }
  if (!validateSchema(value)) {
    const error = validateSchema.errors?.[0];
    const reason = error ? `schema:${safePath(error.instancePath)}:${error.keyword}` : 'schema';
    return { ok: false, reason };
  }
  const summary = value;
  const startedMs = parseTimestamp(summary.started_at);
  const endedMs = parseTimestamp(summary.ended_at);
  if (endedMs < startedMs) {
    return { ok: false, reason: 'ended-before-started' };
  }
  if (summary.error_lines > summary.log_lines) {
    return { ok: false, reason: 'error-lines-exceed-log-lines' };
  }
  return { ok: true, summary, startedMs, endedMs };
}
