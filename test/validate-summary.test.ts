import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import fc from 'fast-check';
import ucs2 from 'ajv/dist/runtime/ucs2length.js';
import { VALIDATOR_PATH, validatorSource } from '../scripts/build-validator.ts';
import { isDateTime, parseTimestamp } from '../src/records/timestamp.ts';
import { validateSummary } from '../src/records/validate-summary.ts';
import { codePointLength } from '../src/records/validator-runtime.ts';

const ucs2length = ucs2.default;

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
    [
      'an unknown nested field',
      { ...valid, os: { platform: 'linux', hostname: 'box' } },
      'schema:/os:additionalProperties',
    ],
    ['an unknown platform', { ...valid, os: { platform: 'plan9' } }, 'schema:/os/platform:enum'],
    [
      'a free-text version',
      { ...valid, app: { name: 'x', version: '1.0 (my laptop)' } },
      'schema:/app/version:pattern',
    ],
    ['a time without zone', { ...valid, started_at: '2019-01-21T11:36:07' }, 'schema:/started_at:pattern'],
    ['an impossible date', { ...valid, started_at: '2019-02-30T11:36:07Z' }, 'schema:/started_at:format'],
    ['a negative count', { ...valid, log_lines: -1 }, 'schema:/log_lines:minimum'],
    ['a fractional count', { ...valid, error_lines: 0.5 }, 'schema:/error_lines:type'],
    ['a lower-case CI name', { ...valid, ci: 'travis' }, 'schema:/ci:pattern'],
    ['a message as error kind', { ...valid, error_kinds: { 'could not open file': 1 } }, 'schema:/error_kinds:pattern'],
    ['a prototype key as error kind', JSON.parse('{"error_kinds":{"__proto__":1}}'), 'schema:/:required'],
    [
      '33 error kinds',
      { ...valid, error_kinds: Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`E${i}`, 1])) },
      'schema:/error_kinds:maxProperties',
    ],
    ['more error lines than lines', { ...valid, error_lines: 13 }, 'error-lines-exceed-log-lines'],
    ['an end before the start', { ...valid, ended_at: '2019-01-21T11:36:00Z' }, 'ended-before-started'],
  ];
  for (const [name, value, reason] of cases) {
    test(`rejects ${name} as ${reason}`, () => {
      assert.deepEqual(validateSummary(value), { ok: false, reason });
    });
  }

  test('times are read as RFC 3339 says, whichever separator and year', () => {
    // Date.parse reads "0049-01-01 00:00:00Z" as 2049 and "0050-..." as 1950.
    const checked = validateSummary({
      ...valid,
      started_at: '0049-01-01 00:00:00Z',
      ended_at: '0049-01-01t00:00:01.5z',
    });
    assert.ok(checked.ok);
    assert.equal(checked.startedMs, Date.parse('0049-01-01T00:00:00Z'));
    assert.equal(new Date(checked.startedMs).getUTCFullYear(), 49);
    assert.equal(checked.endedMs - checked.startedMs, 1500);
    const offset = validateSummary({
      ...valid,
      started_at: '2026-01-01 10:00:00+02:00',
      ended_at: '2026-01-01T08:00:00Z',
    });
    assert.ok(offset.ok);
    assert.equal(offset.startedMs, offset.endedMs);
  });

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
    const sample = JSON.parse(
      await readFile(new URL('./fixtures/seeds/hasura-cli-event.json', import.meta.url), 'utf8'),
    );
    assert.deepEqual(validateSummary(sample), { ok: false, reason: 'schema:/:required' });
  });
});

describe('isDateTime', () => {
  const SHAPE =
    /^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})$/;
  const reference = (fullFormats['date-time'] as { validate: (text: string) => boolean }).validate;

  // ajv-formats lets a time through its leap-second branch whenever the UTC time
  // works out to 23:59 or the minute before, even with hour 25 or minute 61
  // (25:50:00+01:51); isDateTime refuses every out-of-range field.
  test('agrees with ajv-formats on every timestamp of the schema pattern, except leap seconds', () => {
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    const stamp = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
        two(19),
        two(39),
        fc.constantFrom('T', 't', ' '),
        two(29),
        two(69),
        two(69),
        fc.option(fc.stringMatching(/^[0-9]{1,9}$/), { nil: undefined }),
        fc.oneof(
          fc.constantFrom('Z', 'z'),
          fc.tuple(fc.constantFrom('+', '-'), two(29), two(69)).map(([sign, h, m]) => `${sign}${h}:${m}`),
        ),
      )
      .map(
        ([y, mo, d, t, h, mi, s, f, z]) => `${y}-${mo}-${d}${t}${h}:${mi}:${s}${f === undefined ? '' : `.${f}`}${z}`,
      );
    let accepted = 0;
    fc.assert(
      fc.property(stamp, (text) => {
        assert.ok(SHAPE.test(text));
        const outOfRange =
          Number(text.slice(11, 13)) > 23 || Number(text.slice(14, 16)) > 59 || Number(text.slice(17, 19)) > 59;
        assert.equal(isDateTime(text), outOfRange ? false : reference(text), text);
        if (isDateTime(text)) accepted += 1;
      }),
      { numRuns: 20_000 },
    );
    assert.ok(accepted > 1000, `only ${accepted} valid timestamps were generated`);
  });

  test('gives the milliseconds of Date.parse, date-time after date-time, whatever the month before', () => {
    const pad = (value: number, width: number) => String(value).padStart(width, '0');
    /** Days in a month of a proleptic Gregorian year, from Date (day 0 of the next month). */
    const daysIn = (year: number, month: number) => {
      const probe = new Date(0);
      probe.setUTCFullYear(year, month, 0);
      return probe.getUTCDate();
    };
    const stamp = fc.record({
      year: fc.oneof(fc.constantFrom(49, 1900, 2000, 2024, 2026, 2100), fc.integer({ min: 0, max: 9999 })),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
      second: fc.integer({ min: 0, max: 59 }),
      millis: fc.integer({ min: 0, max: 999 }),
      more: fc.stringMatching(/^[0-9]{0,6}$/),
      zone: fc.oneof(
        fc.constant('Z'),
        fc
          .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
          .map(([sign, h, m]) => `${sign}${pad(h, 2)}:${pad(m, 2)}`),
      ),
    });
    let compared = 0;
    fc.assert(
      fc.property(fc.array(stamp, { minLength: 1, maxLength: 24 }), (stamps) => {
        for (const { year, month, day, hour, minute, second, millis, more, zone } of stamps) {
          const head = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}.${pad(millis, 3)}`;
          const ms = parseTimestamp(`${head}${more}${zone}`);
          assert.equal(Number.isNaN(ms), day > daysIn(year, month), head);
          if (Number.isNaN(ms)) continue;
          // Digits past the milliseconds are cut, as Date.parse cuts them.
          assert.equal(ms, Date.parse(`${head}${zone}`), `${head}${more}${zone}`);
          compared += 1;
        }
      }),
      { numRuns: 3000 },
    );
    assert.ok(compared > 10_000, `only ${compared} date-times compared`);
  });

  test('refuses a character next to the digits in any digit position', () => {
    const base = '2026-11-18T02:30:29.929+01:30';
    assert.equal(isDateTime(base), true);
    for (let at = 0; at < base.length; at += 1) {
      if (!/[0-9]/.test(base[at]!)) continue;
      // '/' and ':' sit right below and above '0'-'9' in ASCII.
      for (const near of ['/', ':'])
        assert.equal(isDateTime(base.slice(0, at) + near + base.slice(at + 1)), false, `${near} at ${at}`);
    }
  });

  for (const [text, expected] of [
    ['2024-02-29T00:00:00Z', true],
    ['2026-02-29T00:00:00Z', false],
    ['2000-02-29T12:00:00+01:00', true],
    ['1900-02-29T12:00:00Z', false],
    ['2026-04-31T00:00:00Z', false],
    ['2026-01-01T24:00:00Z', false],
    ['2026-01-01T25:50:00+01:51', false],
    ['2026-12-31T23:59:60Z', false],
    ['2026-01-01T00:00:00.123456789-23:59', true],
    ['2026-01-01T00:00:00.1234567890Z', false],
    ['2026-01-01T00:00:00+24:00', false],
    ['2026-01-01T00:00:00', false],
    ['2026-01-01T00:00:00.Z', false],
  ] as const) {
    test(`${text} is ${expected ? 'valid' : 'refused'}`, () => assert.equal(isDateTime(text), expected));
  }
});

describe('the schema validator compiled at build time', () => {
  test('is what the schema compiles to now (run `npm run build` and commit it when this fails)', async () => {
    const committed = await readFile(VALIDATOR_PATH, 'utf8');
    assert.ok(committed === validatorSource(), 'src/generated/summary-validator.ts is stale');
  });

  test('counts string length as ajv does: code points, a lone surrogate as one', () => {
    const units = fc.array(
      fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.constantFrom(0xd800, 0xdbff, 0xdc00, 0xdfff, 0x41)),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          units.map((list) => String.fromCharCode(...list)),
        ),
        (text) => {
          assert.equal(codePointLength(text), ucs2length(text));
        },
      ),
      { numRuns: 20_000 },
    );
  });
});
