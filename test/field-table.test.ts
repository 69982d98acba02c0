// The field table the build reads from the schema: committed as generated, and
// read from patterns the way ajv reads them. Figures here are worked out by hand
// from the schema's text.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { fieldsSource, fieldTable, FIELDS_PATH, simplePattern } from '../scripts/build-fields.ts';
import { classChars } from './fixtures/summary-generator.ts';
import {
  CONFIG_FIELDS,
  configOf,
  configValue,
  FIELDS_HASH,
  GROUP_FIELDS,
  knownFields,
} from '../src/records/field-table.ts';
import schema from '../schema/session-summary.v1.json' with { type: 'json' };

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

test('src/generated/summary-fields.ts is what the schema gives (run `npm run build` when this fails)', async () => {
  assert.ok((await readFile(FIELDS_PATH, 'utf8')) === fieldsSource(), 'src/generated/summary-fields.ts is stale');
});

test('the configuration fields, their slots and the groupable fields of the schema', () => {
  assert.deepEqual(
    CONFIG_FIELDS.map(
      (field) =>
        `${field.slot} ${field.path} ${field.kind}${field.required && field.parentRequired ? ' required' : ''}${field.nullable ? ' nullable' : ''}`,
    ),
    [
      '0 app.name string required',
      '1 app.version string required',
      '2 runtime.name string',
      '3 runtime.version string',
      '4 os.platform enum required',
      '5 os.version string',
      '6 os.arch enum',
      '7 ci string nullable',
    ],
  );
  assert.deepEqual(
    [...GROUP_FIELDS],
    [
      'app.name',
      'app.version',
      'runtime.name',
      'runtime.version',
      'os.platform',
      'os.version',
      'os.arch',
      'ci',
      'outcome',
      'error_kind',
    ],
  );
  assert.match(FIELDS_HASH, /^[0-9a-f]{12}$/);
  assert.deepEqual(knownFields(['os.version', 'os.kernel', 'app.version']), ['os.version', 'app.version']);
});

test('classes and lengths read from the patterns', () => {
  const name = CONFIG_FIELDS.find((field) => field.path === 'app.name')!;
  assert.equal(classChars(name.first).join(''), ALNUM);
  assert.equal(classChars(name.rest).join(''), `-.${ALNUM.slice(0, 10)}${ALNUM.slice(10, 36)}_${ALNUM.slice(36)}`);
  assert.deepEqual([name.min, name.max], [1, 64]);
  const version = CONFIG_FIELDS.find((field) => field.path === 'app.version')!;
  assert.equal(classChars(version.rest).join(''), `+-.${ALNUM.slice(0, 10)}${ALNUM.slice(10, 36)}_${ALNUM.slice(36)}`);
  const ci = CONFIG_FIELDS.find((field) => field.path === 'ci')!;
  assert.equal(classChars(ci.first).join(''), ALNUM.slice(10, 36));
  assert.equal(classChars(ci.rest).join(''), `${ALNUM.slice(0, 36)}_`);
  assert.deepEqual([ci.min, ci.max], [2, 32]);
  assert.deepEqual(CONFIG_FIELDS.find((field) => field.path === 'os.platform')!.values, [
    'linux',
    'darwin',
    'windows',
    'freebsd',
    'other',
  ]);
});

test('pattern shapes: one class repeated, a first class then another; anything else is none', () => {
  const shape = (pattern: string) => {
    const found = simplePattern(pattern);
    return (
      found && {
        first: classChars(found.first).join(''),
        rest: classChars(found.rest).join(''),
        min: found.min,
        max: found.max,
      }
    );
  };
  assert.deepEqual(shape('^[a-c]{2,5}$'), { first: 'abc', rest: 'abc', min: 2, max: 5 });
  assert.deepEqual(shape('^[a-c]+$'), { first: 'abc', rest: 'abc', min: 1, max: Infinity });
  assert.deepEqual(shape('^x[0-9]*$'), { first: 'x', rest: '0123456789', min: 1, max: Infinity });
  assert.deepEqual(shape('^[A-Z][a-z]{0,3}$'), {
    first: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
    rest: 'abcdefghijklmnopqrstuvwxyz',
    min: 1,
    max: 4,
  });
  assert.deepEqual(shape('^[a\\]b]{3}$'), { first: ']ab', rest: ']ab', min: 3, max: 3 });
  // A quote or a backslash is never taken by the fast path (it reads no escapes), whatever the class says.
  assert.deepEqual(shape('^[a"\\\\]{1,2}$'), { first: 'a', rest: 'a', min: 1, max: 2 });
  for (const other of [
    '^(a|b)$',
    '^[a-z]+[0-9]+$',
    '[a-z]{1,3}',
    '^[a-z]{1,3}',
    '^\\d{3}$',
    '^.{1,5}$',
    '^[a-z]{1,3}$|^x$',
  ])
    assert.equal(simplePattern(other), null, other);
});

test('what the fast path cannot check is marked for the full way', () => {
  const changed = structuredClone(schema) as Record<string, any>;
  changed['properties'].app.properties.name = { type: 'string', pattern: '^(a|b)+$' };
  changed['properties'].ci = { type: ['string', 'null'], format: 'hostname' };
  changed['properties'].build = { type: 'integer' };
  changed['properties'].channel = { enum: ['stable', 'beta', null] };
  const table = fieldTable(changed);
  assert.equal(table.configs.find((field) => field.path === 'app.name')!.kind, 'slow');
  assert.equal(table.configs.find((field) => field.path === 'ci')!.kind, 'slow');
  assert.deepEqual(
    table.top.find((field) => field.name === 'build'),
    { name: 'build', required: false, kind: 'slow' },
  );
  const channel = table.configs.find((field) => field.path === 'channel')!;
  assert.deepEqual([channel.kind, channel.nullable, channel.values], ['enum', true, ['stable', 'beta']]);
  assert.ok(table.groupable.includes('channel'));
  assert.equal(table.fast, true);
  assert.notEqual(table.hash, fieldTable(schema).hash);
  assert.equal(
    fieldTable({ ...schema, minProperties: 8 }).fast,
    false,
    'a top-level keyword it does not read turns the fast path off',
  );
  const timestamp = structuredClone(schema) as Record<string, any>;
  timestamp['$defs'].timestamp.pattern = '^[0-9]{4}-[0-9]{2}-[0-9]{2}T.*$';
  assert.equal(
    fieldTable(timestamp).top.find((field) => field.name === 'started_at')!.kind,
    'slow',
    'a date-time pattern its reader does not implement',
  );
});

test('a configuration is built from values by slot and read back', () => {
  const values = ['octo', '2.4.0', undefined, undefined, 'windows', '10.0', 'x64', null];
  const config = configOf(values);
  assert.deepEqual(config, {
    app: { name: 'octo', version: '2.4.0' },
    os: { platform: 'windows', version: '10.0', arch: 'x64' },
    ci: null,
  });
  assert.deepEqual(
    CONFIG_FIELDS.map((field) => configValue(config, field)),
    values,
  );
});
