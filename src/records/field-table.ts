// What the code knows of the summary's fields, all read from the table generated
// from the schema (src/generated/summary-fields.ts): the configuration fields
// sessions share, how to read one from a summary, and how to build a shared
// configuration from its values.

import { FIELD_TABLE, GROUP_FIELDS } from '../generated/summary-fields.ts';
import type { SessionSummary } from '../generated/summary-fields.ts';
import type { ConfigField } from './field-types.ts';

export { FIELD_TABLE, GROUP_FIELDS };

/** A field a run can group by. */
export type GroupField = (typeof GROUP_FIELDS)[number];

/** Fields of a summary that are the same for every session of one configuration. */
export type SessionConfig = Omit<
  SessionSummary,
  | 'schema_version'
  | 'session_id'
  | 'install_id'
  | 'started_at'
  | 'ended_at'
  | 'log_lines'
  | 'error_lines'
  | 'outcome'
  | 'error_kinds'
>;

export const CONFIG_FIELDS: readonly ConfigField[] = FIELD_TABLE.configs;

/** The outcomes the schema lists, in its order; empty when it has none. */
export const OUTCOME_VALUES: readonly string[] = FIELD_TABLE.top.flatMap((field) =>
  field.kind === 'outcome' ? field.values : [],
);

/** Version of the field table: formats that store fields carry it, and refuse another. */
export const FIELDS_HASH = FIELD_TABLE.hash;

/** Whether `name` is a field a run can group by. */
function isGroupField(name: string): name is GroupField {
  return (GROUP_FIELDS as readonly string[]).includes(name);
}

/** The fields of `order` this schema has, in that order: policies name fields a schema may not keep. */
export function knownFields(order: readonly string[]): GroupField[] {
  return order.filter(isGroupField);
}

/** Whether a string is a value the schema allows for the configuration field at `path` (a setting that stands in for it). */
export function fieldAllows(path: string, value: string): boolean {
  const field = CONFIG_FIELDS.find((candidate) => candidate.path === path);
  if (!field) return false;
  if (field.kind === 'enum') return field.values.includes(value);
  const length = [...value].length;
  if (length < field.minLength || (field.maxLength !== null && length > field.maxLength)) return false;
  return field.pattern === null || new RegExp(field.pattern).test(value);
}

type Loose = Record<string, unknown>;

/** A configuration field's value on a summary: its string, null when it says null, undefined when absent. */
export function configValue(summary: object, field: ConfigField): string | null | undefined {
  const holder = field.parent === null ? (summary as Loose) : ((summary as Loose)[field.parent] as Loose | undefined);
  if (holder === undefined || holder === null) return undefined;
  return holder[field.key] as string | null | undefined;
}

/**
 * The configuration with these values by slot (undefined: absent, null: null).
 * An object whose every field is absent is left out, as a summary without it.
 */
export function configOf(values: readonly (string | null | undefined)[]): SessionConfig {
  const config: Loose = {};
  for (const field of CONFIG_FIELDS) {
    const value = values[field.slot];
    if (value === undefined) continue;
    if (field.parent === null) config[field.key] = value;
    else ((config[field.parent] ??= {}) as Loose)[field.key] = value;
  }
  return config as SessionConfig;
}
