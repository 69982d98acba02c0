import { FIELD_TABLE, GROUP_FIELDS } from '../generated/summary-fields.js';
import type { SessionSummary } from '../generated/summary-fields.js';
import type { ConfigField } from './field-types.js';
export { FIELD_TABLE, GROUP_FIELDS };
/** A field a run can group by. */
export type GroupField = (typeof GROUP_FIELDS)[number];
/** Fields of a summary that are the same for every session of one configuration. */
export type SessionConfig = Omit<SessionSummary, 'schema_version' | 'session_id' | 'install_id' | 'started_at' | 'ended_at' | 'log_lines' | 'error_lines' | 'outcome' | 'error_kinds'>;
export declare const CONFIG_FIELDS: readonly ConfigField[];
/** The outcomes the schema lists, in its order; empty when it has none. */
export declare const OUTCOME_VALUES: readonly string[];
/** Version of the field table: formats that store fields carry it, and refuse another. */
export declare const FIELDS_HASH: string;
/** The fields of `order` this schema has, in that order: policies name fields a schema may not keep. */
export declare function knownFields(order: readonly string[]): GroupField[];
/** Whether a string is a value the schema allows for the configuration field at `path` (a setting that stands in for it). */
export declare function fieldAllows(path: string, value: string): boolean;
/** A configuration field's value on a summary: its string, null when it says null, undefined when absent. */
export declare function configValue(summary: object, field: ConfigField): string | null | undefined;
/**
 * The configuration with these values by slot (undefined: absent, null: null).
 * An object whose every field is absent is left out, as a summary without it.
 */
export declare function configOf(values: readonly (string | null | undefined)[]): SessionConfig;
