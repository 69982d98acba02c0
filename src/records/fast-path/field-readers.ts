// What the fast path reads, derived from the field table the build generates
// from the schema: the top-level fields and how each is read, the character
// classes and limits of each configuration field, and the rules of the roles
// (IDs, times, counts, outcome, error kinds).

import { CONFIG_FIELDS, FIELD_TABLE, OUTCOME_VALUES } from '../field-table.ts';
import type { TopField } from '../field-types.ts';
import { encodeAll } from './bytes.ts';

/** Configuration fields the fast path keeps track of; a schema with more is read the full way. */
const MAX_SLOTS = 30;

/** Whether the fast path reads this schema at all. */
export const FAST = FIELD_TABLE.fast && CONFIG_FIELDS.length <= MAX_SLOTS;

// What a value is, for the scan and the layouts: a configuration slot (0 up) or a role below.
export const V_SESSION = 64;
export const V_INSTALL = 65;
export const V_STARTED = 66;
export const V_ENDED = 67;
export const V_LOG = 68;
export const V_ERROR = 69;
export const V_OUTCOME = 70;
export const V_KINDS = 71;
/** Read as the layout's literal text: the schema's constant. */
export const V_CONST = 72;
/** An object of configuration fields; its keys are literal text, its values slots. */
export const V_OBJECT = 73;

const ROLE_VALUES: Record<string, number> = {
  session_id: V_SESSION,
  install_id: V_INSTALL,
  started_at: V_STARTED,
  ended_at: V_ENDED,
  log_lines: V_LOG,
  error_lines: V_ERROR,
};

/** One top-level field as the scan meets it. */
export interface TopReader {
  name: Uint8Array;
  bit: number;
  /** A slot, or one of the V_ kinds above. */
  value: number;
  field: TopField;
  /** For objects: their fields' keys, slots and whether each is required. */
  keys: Uint8Array[];
  slots: number[];
  requiredSlots: number[];
}

function valueOf(field: TopField): number {
  switch (field.kind) {
    case 'const':
      return V_CONST;
    case 'uuid':
    case 'timestamp':
    case 'count':
      return ROLE_VALUES[field.name] ?? -1;
    case 'outcome':
      return V_OUTCOME;
    case 'kinds':
      return V_KINDS;
    case 'leaf':
      return CONFIG_FIELDS[field.slot]!.kind === 'slow' ? -1 : field.slot;
    case 'object':
      return field.slots.some((slot) => CONFIG_FIELDS[slot]!.kind === 'slow') ? -1 : V_OBJECT;
    case 'slow':
      return -1;
  }
}

const ascii = new TextEncoder();

/** The top-level fields the fast path reads; a line with any other key takes the full way. */
export const TOP_READERS: TopReader[] = FIELD_TABLE.top
  .map((field, position) => ({ field, position }))
  .filter(({ field }) => valueOf(field) >= 0)
  .map(({ field }, index) => {
    const slots = field.kind === 'object' ? field.slots : [];
    return {
      name: ascii.encode(field.name),
      bit: 1 << index,
      value: valueOf(field),
      field,
      keys: slots.map((slot) => ascii.encode(CONFIG_FIELDS[slot]!.key)),
      slots,
      requiredSlots: slots.filter((slot) => CONFIG_FIELDS[slot]!.required),
    };
  });

/** Bits of the fields a summary must have; a required field the fast path cannot read leaves it unreachable. */
export const REQUIRED_BITS = FIELD_TABLE.top.every((field) => !field.required || valueOf(field) >= 0)
  ? TOP_READERS.filter((reader) => reader.field.required).reduce((bits, reader) => bits | reader.bit, 0)
  : -1;

/** Top-level readers by the first byte of their name. */
export const READERS_BY_FIRST: TopReader[][] = Array.from({ length: 128 }, (_, code) =>
  TOP_READERS.filter((reader) => reader.name[0] === code),
);

/** Per character code: bit 1 when it may start the value, bit 2 when it may follow. */
function classTable(first: readonly number[], rest: readonly number[]): Uint8Array {
  const table = new Uint8Array(128);
  for (let code = 0; code < 128; code += 1) {
    const word = code >>> 5;
    const bit = 1 << (code & 31);
    table[code] = ((first[word] ?? 0) & bit ? 1 : 0) | ((rest[word] ?? 0) & bit ? 2 : 0);
  }
  return table;
}

/** The configuration fields as the scan's inner loop reads them, flat by slot: kind (1 enum, 0 string), class tables at 128 × slot, lengths, enum values' bytes. */
export const SLOT_ENUM = Uint8Array.from(CONFIG_FIELDS, (field) => (field.kind === 'enum' ? 1 : 0));
export const SLOT_CLASSES = new Uint8Array(Math.max(CONFIG_FIELDS.length, 1) * 128);
CONFIG_FIELDS.forEach((field, slot) => SLOT_CLASSES.set(classTable(field.first, field.rest), 128 * slot));
export const SLOT_MIN = Int32Array.from(CONFIG_FIELDS, (field) => field.min);
export const SLOT_MAX = Int32Array.from(CONFIG_FIELDS, (field) => field.max);
export const SLOT_WORDS: Uint8Array[][] = CONFIG_FIELDS.map((field) => encodeAll(field.values));

/** Longest canonical configuration key: per slot a tag, a length and at most its longest value. */
export const MAX_KEY_BYTES = CONFIG_FIELDS.reduce((sum, field) => sum + 2 + Math.max(field.max, 1), 0);

function roleOf<K extends TopField['kind']>(kind: K, name?: string): Extract<TopField, { kind: K }> | null {
  const field = FIELD_TABLE.top.find((top) => top.kind === kind && (name === undefined || top.name === name));
  return (field as Extract<TopField, { kind: K }> | undefined) ?? null;
}

export { OUTCOME_VALUES as OUTCOMES };
export const OUTCOME_BYTES = encodeAll(OUTCOME_VALUES);

const logLines = roleOf('count', 'log_lines');
const errorLines = roleOf('count', 'error_lines');
export const LOG_BOUNDS = logLines ? { min: logLines.min, max: logLines.max } : { min: 0, max: 0 };
export const ERROR_BOUNDS = errorLines ? { min: errorLines.min, max: errorLines.max } : { min: 0, max: 0 };
const started = roleOf('timestamp', 'started_at');
const ended = roleOf('timestamp', 'ended_at');
export const STARTED_MAX = started ? started.max : 0;
export const ENDED_MAX = ended ? ended.max : 0;

const kinds = roleOf('kinds');
/** The rules of error kinds: a dotted or a plain class name, its lengths, how many, which names never, and the counts. */
export const KINDS = kinds
  ? {
      dotted: kinds.dotted,
      classes: classTable(kinds.first, kinds.rest),
      minLength: kinds.minLength,
      maxLength: kinds.maxLength,
      maxKinds: kinds.maxKinds,
      forbidden: encodeAll(kinds.forbidden),
      min: kinds.min,
      max: kinds.max,
    }
  : {
      dotted: false,
      classes: new Uint8Array(128),
      minLength: 1,
      maxLength: 0,
      maxKinds: 0,
      forbidden: [],
      min: 1,
      max: 0,
    };

const constant = roleOf('const');
export const CONST_VALUE = constant ? constant.value : -1;
