// Property-based tests over the stages that face untrusted text.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseRecords } from '../src/records/parse-records.ts';
import { findPrivateData, privacyRuleFor } from '../src/records/privacy-guard.ts';
import { safePath, validateSummary } from '../src/records/validate-summary.ts';
import { escapeHtml, escapeMarkdown, escapeTitle } from '../src/render/markdown-escape.ts';
import { VALID_SUMMARY } from './fixtures/valid-summary.ts';

const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 10_000);
const settings = { numRuns: RUNS };

/** The intake's gate after parsing: privacy guard, then schema and rules. */
function screen(value: unknown): boolean {
  return findPrivateData(value, safePath) === null && validateSummary(value).ok;
}

const validSummary = { ...VALID_SUMMARY, ci: 'GITHUB_ACTIONS' };
const STRING_FIELDS: [string, string | null][] = [
  ['app', 'name'],
  ['app', 'version'],
  ['runtime', 'name'],
  ['runtime', 'version'],
  ['os', 'version'],
  ['ci', null],
  ['started_at', null],
];

const alnum = (min: number, max: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9]{${min},${max}}$`));
const pii = fc.oneof(
  fc.emailAddress(),
  fc.ipV4(),
  fc.ipV6(),
  alnum(36, 36).map((s) => `ghp_${s}`),
  alnum(22, 60).map((s) => `github_pat_${s}`),
  fc.stringMatching(/^[0-9A-Z]{16}$/).map((s) => `AKIA${s}`),
  alnum(10, 30).map((s) => `xoxb-${s}`),
  fc.tuple(alnum(8, 20), alnum(8, 20), alnum(0, 20)).map(([a, b, c]) => `eyJ${a}.eyJ${b}.${c}`),
  alnum(10, 40).map((s) => `Bearer ${s}`),
  fc.constantFrom('RSA PRIVATE KEY', 'PRIVATE KEY', 'CERTIFICATE').map((kind) => `-----BEGIN ${kind}-----`),
  fc.tuple(fc.constantFrom('/home/', '/Users/', 'C:\\Users\\'), alnum(1, 12)).map(([home, user]) => `${home}${user}`),
  fc
    .tuple(alnum(1, 10), alnum(1, 10), alnum(1, 10))
    .map(([user, pass, host]) => `https://${user}:${pass}@${host}.example`),
);

test('the record parser never throws, whatever the bytes', () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ maxLength: 256 }),
      fc.constantFrom('json' as const, 'jsonl' as const),
      (bytes, format) => {
        for (const record of parseRecords(bytes, format)) assert.equal(typeof record.ok, 'boolean');
      },
    ),
    settings,
  );
  fc.assert(
    fc.property(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.constantFrom('json' as const, 'jsonl' as const),
      (text, format) => {
        for (const record of parseRecords(new TextEncoder().encode(text), format))
          assert.equal(typeof record.ok, 'boolean');
      },
    ),
    settings,
  );
});

test('the privacy guard and validator never throw on any JSON value', () => {
  fc.assert(
    fc.property(fc.oneof(fc.jsonValue(), fc.anything({ withNullPrototype: true, withObjectString: true })), (value) => {
      assert.equal(typeof screen(value), 'boolean');
    }),
    settings,
  );
});

test('no private value gets through, in any string field, with any text around it', () => {
  // Text around the secret is set off by a character the field patterns allow, so
  // the schema alone would not catch it; glued-on digits could make it another value.
  const separator = fc.constantFrom('-', '_', '+', ' ', '/');
  fc.assert(
    fc.property(
      fc.constantFrom(...STRING_FIELDS),
      pii,
      fc.string({ maxLength: 8 }),
      separator,
      fc.string({ maxLength: 8 }),
      ([outer, inner], secret, before, gap, after) => {
        const record = structuredClone(validSummary) as Record<string, any>;
        const value = `${before}${gap}${secret}${gap}${after}`;
        if (inner) record[outer][inner] = value;
        else record[outer] = value;
        assert.equal(screen(record), false);
      },
    ),
    settings,
  );
  // The guard alone catches each kind even where the schema would not look (an error kind's name).
  fc.assert(
    fc.property(
      pii.filter(
        (secret) => !/^[0-9a-f:]*::[0-9a-f:]*$/i.test(secret) || secret.split(':').filter(Boolean).length >= 3,
      ),
      (secret) => {
        const record = { ...validSummary, error_kinds: { [secret]: 1 } };
        const finding = findPrivateData(record, safePath);
        assert.ok(finding, `missed ${secret}`);
        assert.equal(finding.path, '/error_kinds/*');
      },
    ),
    settings,
  );
});

const EXCEPTION_WORDS = [
  'Key',
  'Value',
  'Type',
  'Unicode',
  'Decode',
  'Encode',
  'Connection',
  'Reset',
  'Refused',
  'Permission',
  'Denied',
  'File',
  'Not',
  'Found',
  'Timeout',
  'Http',
  'Request',
  'Invalid',
  'Argument',
  'State',
  'Illegal',
  'Null',
  'Pointer',
  'Index',
  'Out',
  'Of',
  'Bounds',
  'Socket',
  'Closed',
  'Runtime',
  'Assertion',
  'Overflow',
  'Memory',
  'Access',
  'Parse',
  'Json',
  'Syntax',
  'Certificate',
  'Verification',
  'IO',
  'OS',
  'SSL',
  'URL',
  'Module',
  'Import',
  'Attribute',
  'Recursion',
  'Zero',
  'Division',
  'Concurrent',
  'Modification',
  'Unsupported',
  'Operation',
  'Class',
  'Cast',
  'Deadline',
  'Exceeded',
  'Broken',
  'Pipe',
];

test('a valid summary stays valid: the guard does not fire on ordinary values', () => {
  fc.assert(
    fc.property(
      fc.stringMatching(/^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}(-rc\.[0-9])?$/),
      // Exception names are words in CamelCase; letters of random case are what a credential looks like.
      fc
        .array(fc.constantFrom(...EXCEPTION_WORDS), { minLength: 1, maxLength: 5 })
        .chain((words) =>
          fc.constantFrom(
            `${words.join('')}Error`,
            `${words.join('')}Exception`,
            `java.lang.${words.join('')}Exception`,
          ),
        ),
      (version, kind) => {
        assert.equal(privacyRuleFor(version), null);
        assert.ok(screen({ ...validSummary, app: { name: 'octo-cli', version }, error_kinds: { [kind]: 1 } }));
      },
    ),
    settings,
  );
});

test('escaping never throws, is idempotent and leaves no active mention, reference or tag', () => {
  const active = /(?<![&\u200d])[@#][A-Za-z0-9_-]|[<>`|*[\]\r\n]/;
  fc.assert(
    fc.property(
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc.string({ unit: 'binary-ascii', maxLength: 60 }),
      (unicode, ascii) => {
        for (const value of [unicode, ascii, `@${ascii}`, `#${ascii}`, `<${ascii}>`]) {
          const once = escapeMarkdown(value);
          assert.equal(escapeMarkdown(once), once);
          assert.doesNotMatch(once, active);
          const html = escapeHtml(value);
          assert.equal(escapeHtml(html), html);
          assert.doesNotMatch(html, /(?<![&\u200d])[@#][A-Za-z0-9_-]|[<>]/);
          const title = escapeTitle(value);
          assert.equal(escapeTitle(title), title);
          assert.doesNotMatch(title, /(?<![&\u200d])[@#][A-Za-z0-9_-]|[\r\n]/);
        }
      },
    ),
    settings,
  );
});
