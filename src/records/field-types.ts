// The shape of the field table scripts/build-fields.ts generates from the schema
// (src/generated/summary-fields.ts).

/**
 * A configuration field: a string, nullable string or string enum that sessions
 * of one configuration share, at the top level or one object down. Character
 * classes are the printable ASCII characters a pattern allows, as four 32-bit
 * words (bit c of word c >> 5); lengths count characters.
 */
export interface ConfigField {
  /** Dotted path, e.g. "os.version", which is also its group-by name. */
  path: string;
  /** The top-level object holding it, or null for a top-level field. */
  parent: string | null;
  key: string;
  /** Its place in a configuration's values. */
  slot: number;
  /** "slow": valid values are strings, but the fast path cannot check them; lines with it take the full way. */
  kind: 'string' | 'enum' | 'slow';
  nullable: boolean;
  /** Whether its object (or the summary, at the top) requires it. */
  required: boolean;
  /** Whether the summary requires its object; true at the top level. */
  parentRequired: boolean;
  values: string[];
  /** The schema's own pattern and lengths of a string field, as written (null: none). */
  pattern: string | null;
  minLength: number;
  maxLength: number | null;
  first: number[];
  rest: number[];
  min: number;
  max: number;
}

/** A top-level field: a role the engine knows by name, configuration, or one the fast path leaves to the full way. */
export type TopField = { name: string; required: boolean } & (
  | { kind: 'const'; value: number }
  | { kind: 'uuid' }
  | { kind: 'timestamp'; max: number }
  | { kind: 'count'; min: number; max: number }
  | { kind: 'outcome'; values: string[] }
  | {
      kind: 'kinds';
      dotted: boolean;
      first: number[];
      rest: number[];
      minLength: number;
      maxLength: number;
      maxKinds: number;
      forbidden: string[];
      min: number;
      max: number;
    }
  | { kind: 'leaf'; slot: number }
  | { kind: 'object'; slots: number[] }
  | { kind: 'slow' }
);

export interface FieldTable {
  /** False when the schema says something at its top level the fast path does not read: then every line takes the full way. */
  fast: boolean;
  top: TopField[];
  configs: ConfigField[];
  /** Configuration paths, then "outcome" when the schema has it, then "error_kind". */
  groupable: string[];
  /** SHA-256 of the rest, 12 hex digits: the partial and state formats carry it. */
  hash: string;
}
