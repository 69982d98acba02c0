import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { validateSummary } from '../src/records/validate-summary.ts';

const valid = {
  schema_version: 1,
  session_id: 'ddfa9c33-0693-457d-9026-c7f456c43322',
  install_id: 'e462ce20-42dd-40fd-9549-edfb92f80455',
  app: { name: 'hasura-cli', version: 'v0.4.27' },
  runtime: { name: 'go', version: '1.22.1' },
  os: { platform: 'linux', version: '6.5.0-1025-azure', arch: 'x64' },
  ci: 'TRAVIS',
  started_at: '2019-01-21T11:36:07.86783+00:00',
  ended_at: '2019-01-21T11:36:09Z',
  log_lines: 12,
  error_lines: 0,
  outcome: 'ok',
  error_kinds: { 'requests.exceptions.ConnectionError': 2 },
};

describe('validateSummary', () => {
  test('accepts a complete summary and a minimal one', () => {
    assert.equal(validateSummary(valid).ok, true);
    const { install_id, runtime, ci, outcome, error_kinds, ...minimal } = valid;
    assert.equal(validateSummary({ ...minimal, os: { platform: 'other' } }).ok, true);
    assert.equal(validateSummary({ ...valid, ci: null }).ok, true);
  });

  const cases: [string, unknown, string][] = [
    ['an array', [valid], 'not-an-object'],
    ['a string', 'x', 'not-an-object'],
    ['another schema version', { ...valid, schema_version: 2 }, 'schema:/schema_version:const'],
    ['an unknown field', { ...valid, user_email: 'x' }, 'schema:/:additionalProperties'],
    ['an unknown nested field', { ...valid, os: { platform: 'linux', hostname: 'box' } }, 'schema:/os:additionalProperties'],
    ['an unknown platform', { ...valid, os: { platform: 'plan9' } }, 'schema:/os/platform:enum'],
    ['a free-text version', { ...valid, app: { name: 'x', version: '1.0 (my laptop)' } }, 'schema:/app/version:pattern'],
    ['a time without zone', { ...valid, started_at: '2019-01-21T11:36:07' }, 'schema:/started_at:pattern'],
    ['an impossible date', { ...valid, started_at: '2019-02-30T11:36:07Z' }, 'schema:/started_at:format'],
    ['a negative count', { ...valid, log_lines: -1 }, 'schema:/log_lines:minimum'],
    ['a fractional count', { ...valid, error_lines: 0.5 }, 'schema:/error_lines:type'],
    ['a lower-case CI name', { ...valid, ci: 'travis' }, 'schema:/ci:pattern'],
    ['a message as error kind', { ...valid, error_kinds: { 'could not open file': 1 } }, 'schema:/error_kinds:pattern'],
    ['a prototype key as error kind', JSON.parse('{"error_kinds":{"__proto__":1}}'), 'schema:/:required'],
    ['33 error kinds', { ...valid, error_kinds: Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`E${i}`, 1])) }, 'schema:/error_kinds:maxProperties'],
    ['more error lines than lines', { ...valid, error_lines: 13 }, 'error-lines-exceed-log-lines'],
    ['an end before the start', { ...valid, ended_at: '2019-01-21T11:36:00Z' }, 'ended-before-started'],
  ];
  for (const [name, value, reason] of cases) {
    test(`rejects ${name} as ${reason}`, () => {
      assert.deepEqual(validateSummary(value), { ok: false, reason });
    });
  }

  test('a prototype key inside a valid record is refused', () => {
    const record = JSON.parse(JSON.stringify(valid).replace('"requests.exceptions.ConnectionError"', '"__proto__"'));
    assert.deepEqual(validateSummary(record), { ok: false, reason: 'schema:/error_kinds:not' });
  });

  test('reasons never carry submitted keys', () => {
    const result = validateSummary({ ...valid, error_kinds: { 'alice@example.com': 'x' } });
    assert.equal(result.ok, false);
    assert.doesNotMatch(JSON.stringify(result), /alice/);
  });

  test("Hasura's CLI event sample is not a session summary", async () => {
    const sample = JSON.parse(await readFile(new URL('./fixtures/seeds/hasura-cli-event.json', import.meta.url), 'utf8'));
    assert.deepEqual(validateSummary(sample), { ok: false, reason: 'schema:/:required' });
  });
});
