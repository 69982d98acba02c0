// Reads the session-summary schema into the one field table everything that
// knows fields reads (src/generated/summary-fields.ts): the fast path's fields,
// character classes and limits, the configuration fields the codecs carry, the
// groupable fields, the summary's type, and a hash of it all that versions the
// partial and state formats. `npm run build` writes it; a test fails when the
// committed file is not what the schema gives.
//
// A field the fast path cannot read exactly as ajv would (a pattern of another
// shape, a keyword it does not know) is marked "slow": lines holding it take
// the full way, so the fast path stays a subset of what ajv accepts whatever
// the schema says.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ConfigField, FieldTable, TopField } from '../src/records/field-types.ts';

export const FIELDS_PATH = fileURLToPath(new URL('../src/generated/summary-fields.ts', import.meta.url));
const SCHEMA_PATH = fileURLToPath(new URL('../schema/session-summary.v1.json', import.meta.url));

type Node = Record<string, unknown>;

/** The patterns the fast path's own readers implement; another pattern for these roles is read the full way. */
const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const TIMESTAMP_PATTERN =
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})$';

/** Fields whose meaning the engine knows by name; every other string or enum field is configuration. */
const ROLES: Record<string, TopField['kind']> = {
  schema_version: 'const',
  session_id: 'uuid',
  install_id: 'uuid',
  started_at: 'timestamp',
  ended_at: 'timestamp',
  log_lines: 'count',
  error_lines: 'count',
  outcome: 'outcome',
  error_kinds: 'kinds',
};

/** Keywords that only annotate. */
const ANNOTATIONS = new Set([
  'description',
  'title',
  '$comment',
  'examples',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
]);
const TOP_KEYWORDS = new Set([
  '$schema',
  '$id',
  '$defs',
  'type',
  'additionalProperties',
  'required',
  'properties',
  ...ANNOTATIONS,
]);

function isNode(value: unknown): value is Node {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A node with its local $ref merged in; null when the two disagree on a keyword (then the field is slow). */
function resolve(root: Node, node: Node): Node | null {
  const ref = node['$ref'];
  if (typeof ref !== 'string') return node;
  const match = /^#\/\$defs\/([^/]+)$/.exec(ref);
  const defs = root['$defs'];
  if (!match || !isNode(defs) || !isNode(defs[match[1]!])) return null;
  const target = resolve(root, defs[match[1]!] as Node);
  if (!target) return null;
  const merged: Node = { ...target };
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' || ANNOTATIONS.has(key)) continue;
    if (key in merged && JSON.stringify(merged[key]) !== JSON.stringify(value)) return null;
    merged[key] = value;
  }
  return merged;
}

function onlyKeywords(node: Node, allowed: readonly string[]): boolean {
  return Object.keys(node).every((key) => ANNOTATIONS.has(key) || allowed.includes(key));
}

/** The ASCII characters one pattern atom matches, as four 32-bit words; quote, backslash and controls never (the fast path reads no escapes). */
function classBits(atom: string): number[] | null {
  let regex: RegExp;
  try {
    regex = new RegExp(`^(?:${atom})$`);
  } catch {
    return null;
  }
  const bits = [0, 0, 0, 0];
  for (let code = 0x20; code < 0x7f; code += 1) {
    if (code === 0x22 || code === 0x5c) continue;
    if (regex.test(String.fromCharCode(code))) bits[code >>> 5]! |= 1 << (code & 31);
  }
  return bits.map((word) => word >>> 0);
}

/** One atom: a bracket class, an escaped character or a plain one. */
const ATOM = String.raw`(\[(?:\\.|[^\]\\])+\]|\\[^dDwWsSbB]|[^\\^$.|?*+()[\]{}])`;
const QUANTIFIER = String.raw`(\{(\d+)(?:,(\d*))?\}|\*|\+|\?)`;
const ONE_ATOM = new RegExp(`^\\^${ATOM}${QUANTIFIER}\\$$`);
const TWO_ATOMS = new RegExp(`^\\^${ATOM}${ATOM}${QUANTIFIER}?\\$$`);

function repeat(quantifier: string | undefined, low: string | undefined, high: string | undefined): [number, number] {
  if (quantifier === undefined) return [1, 1];
  if (quantifier === '*') return [0, Infinity];
  if (quantifier === '+') return [1, Infinity];
  if (quantifier === '?') return [0, 1];
  const min = Number(low);
  return [min, high === undefined ? min : high === '' ? Infinity : Number(high)];
}

/** A pattern of one class repeated, or a first class then another repeated: classes and length bounds; null for any other shape. */
export function simplePattern(pattern: string): { first: number[]; rest: number[]; min: number; max: number } | null {
  const one = ONE_ATOM.exec(pattern);
  if (one) {
    const bits = classBits(one[1]!);
    const [min, max] = repeat(one[2], one[3], one[4]);
    return bits && { first: bits, rest: bits, min, max };
  }
  const two = TWO_ATOMS.exec(pattern);
  if (two) {
    const first = classBits(two[1]!);
    const rest = classBits(two[2]!);
    const [low, high] = repeat(two[3], two[4], two[5]);
    // A string of length 1 or more whose first character is in `first`; with a rest of {0,0} only one character.
    return first && rest && { first, rest, min: 1 + low, max: 1 + high };
  }
  return null;
}

/** Dotted class names, first class then rest repeated, segments joined by dots: the first and rest classes, or null. */
function dottedPattern(pattern: string): { first: number[]; rest: number[] } | null {
  const match = new RegExp(`^\\^${ATOM}${ATOM}\\*\\(\\\\\\.${ATOM}${ATOM}\\*\\)\\*\\$$`).exec(pattern);
  if (!match || match[1] !== match[3] || match[2] !== match[4]) return null;
  const first = classBits(match[1]!);
  const rest = classBits(match[2]!);
  return first && rest && { first, rest };
}

const MAX_FAST_LENGTH = 255;

/** A configuration leaf (a string, nullable string or string enum), or null when the node is none of those. */
function leafOf(
  root: Node,
  raw: Node,
  path: string,
  parent: string | null,
  key: string,
  required: boolean,
  parentRequired: boolean,
  slot: number,
): ConfigField | null {
  const node = resolve(root, raw);
  const base = {
    path,
    parent,
    key,
    slot,
    required,
    parentRequired,
    pattern: node && typeof node['pattern'] === 'string' ? node['pattern'] : null,
    minLength: node && typeof node['minLength'] === 'number' ? node['minLength'] : 0,
    maxLength: node && typeof node['maxLength'] === 'number' ? node['maxLength'] : null,
  };
  if (!node) return { ...base, kind: 'slow', nullable: true, values: [], first: [], rest: [], min: 0, max: 0 };
  const enumValues = Array.isArray(node['enum'])
    ? (node['enum'] as unknown[])
    : 'const' in node
      ? [node['const']]
      : null;
  if (enumValues) {
    const strings = enumValues.filter((value): value is string => typeof value === 'string');
    const nullable = enumValues.includes(null);
    if (strings.length + (nullable ? 1 : 0) !== enumValues.length || strings.length === 0) return null;
    const plain =
      strings.every((value) => /^[\x20-\x7e]*$/.test(value) && !/["\\]/.test(value)) &&
      onlyKeywords(node, ['enum', 'const', 'type']);
    return {
      ...base,
      kind: plain && strings.length < 255 ? 'enum' : 'slow',
      nullable,
      values: strings,
      first: [],
      rest: [],
      min: 0,
      max: 0,
    };
  }
  const type = node['type'];
  const types = Array.isArray(type) ? type : [type];
  if (!types.includes('string') || !types.every((name) => name === 'string' || name === 'null')) return null;
  const nullable = types.includes('null');
  const slow = { ...base, kind: 'slow' as const, nullable, values: [], first: [], rest: [], min: 0, max: 0 };
  if (!onlyKeywords(node, ['type', 'minLength', 'maxLength', 'pattern'])) return slow;
  const shape = typeof node['pattern'] === 'string' ? simplePattern(node['pattern']) : null;
  if (!shape) return slow;
  const min = Math.max(shape.min, typeof node['minLength'] === 'number' ? node['minLength'] : 0);
  const max = Math.min(shape.max, typeof node['maxLength'] === 'number' ? node['maxLength'] : Infinity);
  if (max > MAX_FAST_LENGTH || min > max) return slow;
  return { ...base, kind: 'string', nullable, values: [], first: shape.first, rest: shape.rest, min, max };
}

function countOf(node: Node | null): { min: number; max: number } | null {
  if (!node || node['type'] !== 'integer' || !onlyKeywords(node, ['type', 'minimum', 'maximum'])) return null;
  const min = typeof node['minimum'] === 'number' ? node['minimum'] : -Infinity;
  const max = typeof node['maximum'] === 'number' ? node['maximum'] : Infinity;
  // The fast path reads plain non-negative integers of at most 13 digits.
  if (!Number.isInteger(min) || min < 0 || !Number.isFinite(max) || max >= 1e13) return null;
  return { min, max };
}

function topFieldOf(root: Node, name: string, raw: Node, required: boolean, configs: ConfigField[]): TopField {
  const slow: TopField = { name, required, kind: 'slow' };
  const role = ROLES[name];
  const node = resolve(root, raw);
  if (role) {
    if (!node) return slow;
    switch (role) {
      case 'const':
        return typeof node['const'] === 'number' &&
          Number.isInteger(node['const']) &&
          node['const'] >= 0 &&
          onlyKeywords(node, ['const'])
          ? { name, required, kind: 'const', value: node['const'] }
          : slow;
      case 'uuid':
        return node['pattern'] === UUID_PATTERN &&
          node['type'] === 'string' &&
          onlyKeywords(node, ['type', 'minLength', 'maxLength', 'pattern'])
          ? { name, required, kind: 'uuid' }
          : slow;
      case 'timestamp': {
        const max = typeof node['maxLength'] === 'number' ? node['maxLength'] : Infinity;
        return node['pattern'] === TIMESTAMP_PATTERN &&
          node['format'] === 'date-time' &&
          node['type'] === 'string' &&
          onlyKeywords(node, ['type', 'format', 'maxLength', 'pattern'])
          ? { name, required, kind: 'timestamp', max: Math.min(max, 64) }
          : slow;
      }
      case 'count': {
        const bounds = countOf(node);
        return bounds ? { name, required, kind: 'count', ...bounds } : slow;
      }
      case 'outcome': {
        const values = node['enum'];
        const plain =
          Array.isArray(values) &&
          values.length > 0 &&
          values.length < 255 &&
          values.every((value) => typeof value === 'string' && /^[\x20-\x7e]*$/.test(value) && !/["\\]/.test(value));
        return plain && onlyKeywords(node, ['enum'])
          ? { name, required, kind: 'outcome', values: values as string[] }
          : slow;
      }
      case 'kinds': {
        const names = isNode(node['propertyNames']) ? resolve(root, node['propertyNames']) : null;
        const counts = countOf(
          isNode(node['additionalProperties']) ? resolve(root, node['additionalProperties']) : null,
        );
        if (
          !names ||
          !counts ||
          node['type'] !== 'object' ||
          !onlyKeywords(node, ['type', 'maxProperties', 'propertyNames', 'additionalProperties'])
        )
          return slow;
        if (names['type'] !== 'string' || !onlyKeywords(names, ['type', 'maxLength', 'pattern', 'not'])) return slow;
        const not = names['not'];
        const forbidden =
          not === undefined
            ? []
            : isNode(not) && Array.isArray(not['enum']) && Object.keys(not).length === 1
              ? not['enum']
              : null;
        if (!forbidden || !forbidden.every((value) => typeof value === 'string')) return slow;
        const pattern = typeof names['pattern'] === 'string' ? names['pattern'] : null;
        const dotted = pattern ? dottedPattern(pattern) : null;
        const simple = pattern && !dotted ? simplePattern(pattern) : null;
        const shape = dotted ?? simple;
        if (!shape) return slow;
        const maxLength = Math.min(
          typeof names['maxLength'] === 'number' ? names['maxLength'] : Infinity,
          simple ? simple.max : Infinity,
        );
        const minLength = simple ? simple.min : 1;
        const maxKinds = typeof node['maxProperties'] === 'number' ? node['maxProperties'] : Infinity;
        if (maxLength > MAX_FAST_LENGTH || maxKinds > 255) return slow;
        return {
          name,
          required,
          kind: 'kinds',
          dotted: dotted !== null,
          first: shape.first,
          rest: shape.rest,
          minLength,
          maxLength,
          maxKinds,
          forbidden: forbidden as string[],
          ...counts,
        };
      }
      default:
        return slow;
    }
  }
  // Configuration: a leaf, or an object of leaves.
  if (node && node['type'] === 'object') {
    const properties = node['properties'];
    const inner = Array.isArray(node['required']) ? (node['required'] as string[]) : [];
    if (
      !isNode(properties) ||
      node['additionalProperties'] !== false ||
      !onlyKeywords(node, ['type', 'properties', 'required', 'additionalProperties'])
    )
      return slow;
    const slots: number[] = [];
    for (const [key, child] of Object.entries(properties)) {
      if (!isNode(child)) return slow;
      const leaf = leafOf(root, child, `${name}.${key}`, name, key, inner.includes(key), required, configs.length);
      if (!leaf) return slow;
      slots.push(leaf.slot);
      configs.push(leaf);
    }
    return { name, required, kind: 'object', slots };
  }
  if (!node) return slow;
  const leaf = leafOf(root, raw, name, null, name, required, true, configs.length);
  if (!leaf) return slow;
  configs.push(leaf);
  return { name, required, kind: 'leaf', slot: leaf.slot };
}

/** The field table of a schema. */
export function fieldTable(schema: Node): FieldTable {
  const properties = isNode(schema['properties']) ? schema['properties'] : {};
  const required = Array.isArray(schema['required']) ? (schema['required'] as string[]) : [];
  const configs: ConfigField[] = [];
  const top = Object.entries(properties).map(([name, node]) =>
    topFieldOf(schema, name, isNode(node) ? node : {}, required.includes(name), configs),
  );
  const fast =
    schema['type'] === 'object' &&
    schema['additionalProperties'] === false &&
    Object.keys(schema).every((key) => TOP_KEYWORDS.has(key)) &&
    top.length <= 30;
  const groupable = [
    ...configs.map((field) => field.path),
    ...top.filter((field) => field.kind === 'outcome').map((field) => field.name),
    'error_kind',
  ];
  const body = { fast, top, configs, groupable };
  const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 12);
  return { ...body, hash };
}

/** The TypeScript type of one schema node, for the generated SessionSummary. */
function typeOf(root: Node, raw: Node, indent: string): string {
  const node = resolve(root, raw) ?? raw;
  const enumValues = Array.isArray(node['enum'])
    ? (node['enum'] as unknown[])
    : 'const' in node
      ? [node['const']]
      : null;
  if (enumValues) return enumValues.map((value) => JSON.stringify(value)).join(' | ');
  const type = node['type'];
  const types = (Array.isArray(type) ? type : [type]) as string[];
  const parts = types.map((name) => {
    if (name === 'string') return 'string';
    if (name === 'integer' || name === 'number') return 'number';
    if (name === 'boolean') return 'boolean';
    if (name === 'null') return 'null';
    if (name === 'array') return 'unknown[]';
    if (name === 'object') {
      if (isNode(node['properties'])) return objectType(root, node, indent);
      return isNode(node['additionalProperties'])
        ? `Record<string, ${typeOf(root, node['additionalProperties'], indent)}>`
        : 'Record<string, unknown>';
    }
    return 'unknown';
  });
  return parts.join(' | ');
}

function objectType(root: Node, node: Node, indent: string): string {
  const required = Array.isArray(node['required']) ? (node['required'] as string[]) : [];
  const lines = Object.entries(node['properties'] as Node).map(([key, child]) => {
    const doc =
      isNode(child) && typeof child['description'] === 'string' ? `${indent}  /** ${child['description']} */\n` : '';
    return `${doc}${indent}  ${key}${required.includes(key) ? '' : '?'}: ${typeOf(root, child as Node, `${indent}  `)};`;
  });
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/** Top-level names of configuration, in the schema's order. */
function configTops(table: FieldTable): string[] {
  return [...new Set(table.configs.map((field) => field.parent ?? field.key))];
}

export function fieldsSource(schema: Node = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Node): string {
  const table = fieldTable(schema);
  const title = typeof schema['title'] === 'string' ? schema['title'] : 'A session summary';
  return [
    '// Generated by scripts/build-fields.ts from schema/session-summary.v1.json (npm run build); do not edit.',
    "import type { FieldTable } from '../records/field-types.ts';",
    '',
    `/** ${title}: the shape of a valid summary. */`,
    `export interface SessionSummary ${objectType(schema, schema, '')}`,
    '',
    '/** Every field the schema defines, as the fast path, the codecs and the grouping read them. */',
    `export const FIELD_TABLE: FieldTable = ${JSON.stringify(table, null, 2)};`,
    '',
    '/** Copies the configuration fields a summary has from its shared configuration: generated, so each is a plain property store. */',
    'export function copyConfig(target: Record<string, unknown>, config: Record<string, unknown>): void {',
    ...configTops(table).map(
      (top) =>
        `  if (config[${JSON.stringify(top)}] !== undefined) target[${JSON.stringify(top)}] = config[${JSON.stringify(top)}];`,
    ),
    '}',
    '',
    '/** Fields a run can group by. */',
    `export const GROUP_FIELDS = ${JSON.stringify(table.groupable)} as const;`,
    '',
  ].join('\n');
}

/** Writes the field table where src/records/field-table.ts imports it. */
export async function writeFields(): Promise<void> {
  await writeFile(FIELDS_PATH, fieldsSource());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await writeFields();
