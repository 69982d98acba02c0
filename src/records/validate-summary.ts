// Validates candidate records against the public schema, then the rules a schema
// cannot express. Reasons name a field path and a rule, never a value.

import { Ajv2020 } from 'ajv/dist/2020.js';
import schema from '../../schema/session-summary.v1.json' with { type: 'json' };
import type { SessionSummary } from './session-summary.ts';

/** A valid summary comes with its start and end as epoch milliseconds, parsed once. */
export type Validated = { ok: true; summary: SessionSummary; startedMs: number; endedMs: number } | { ok: false; reason: string };

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

function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i += 1) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * RFC 3339 date-time (the profile the schema's pattern allows), checked by
 * character codes: real calendar days, hours to 23, minutes and seconds to 59,
 * offsets to ±23:59. A leap second is refused: no clock a program reads shows
 * one, and Date cannot hold it.
 */
export function isDateTime(text: string): boolean {
  const length = text.length;
  if (length < 20 || length > 40) return false;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  const separator = text.charCodeAt(10);
  if (year < 0 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || (separator !== 84 && separator !== 116 && separator !== 32)) return false;
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!)) return false;
  let at = 19;
  if (text.charCodeAt(at) === 46) {
    const start = at + 1;
    for (at = start; at < length && digits(text, at, 1) >= 0; at += 1);
    if (at === start || at - start > 9) return false;
  }
  const zone = text.charCodeAt(at);
  if (zone === 90 || zone === 122) return at + 1 === length;
  if ((zone !== 43 && zone !== 45) || at + 6 !== length || text.charCodeAt(at + 3) !== 58) return false;
  const offsetHours = digits(text, at + 1, 2);
  const offsetMinutes = digits(text, at + 4, 2);
  return offsetHours >= 0 && offsetHours <= 23 && offsetMinutes >= 0 && offsetMinutes <= 59;
}

function compile() {
  // Every pattern of the schema is ASCII, so no regular expression needs the u flag.
  const ajv = new Ajv2020({ strict: true, allErrors: false, coerceTypes: false, useDefaults: false, unicodeRegExp: false });
  ajv.addFormat('date-time', { type: 'string', validate: isDateTime });
  return ajv.compile<SessionSummary>(schema);
}

const validateSchema = compile();

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
  const startedMs = Date.parse(summary.started_at);
  const endedMs = Date.parse(summary.ended_at);
  if (endedMs < startedMs) {
    return { ok: false, reason: 'ended-before-started' };
  }
  if (summary.error_lines > summary.log_lines) {
    return { ok: false, reason: 'error-lines-exceed-log-lines' };
  }
  return { ok: true, summary, startedMs, endedMs };
}
