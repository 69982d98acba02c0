// Property-based tests over the stages that face untrusted text.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { RECORD_MAX_BYTES, RECORD_MAX_DEPTH } from '../src/limits.ts';
import type { ParsedRecord } from '../src/records/parse-records.ts';
import { isDateTime } from '../src/records/timestamp.ts';
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

/** Nesting of a parsed JSON value: 0 for a scalar, 1 for a flat object or array. */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value as object);
  return 1 + children.reduce((deepest: number, child) => Math.max(deepest, depthOf(child)), 0);
}

/** What a line of NDJSON is, worked out with the platform's own decoder and parser. */
function expectedLine(line: Uint8Array): { ok: true; value: unknown } | { ok: false; reasons: string[] } | null {
  if (line.every((byte) => byte === 0x20 || byte === 0x09 || byte === 0x0d)) return null;
  if (line.byteLength > RECORD_MAX_BYTES) return { ok: false, reasons: ['record-too-large'] };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(line);
  } catch {
    return { ok: false, reasons: ['not-utf8'] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Unparseable text with brackets enough to pass the limit may be refused for its depth first.
    return { ok: false, reasons: ['invalid-json', 'record-too-deep'] };
  }
  return depthOf(value) > RECORD_MAX_DEPTH ? { ok: false, reasons: ['record-too-deep'] } : { ok: true, value };
}

/** The NDJSON records of `bytes` by the model: split at newlines after a byte order mark, blank lines dropped. */
function expectedLines(bytes: Uint8Array) {
  const bom = bytes.byteLength >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i <= body.byteLength; i += 1) {
    if (i === body.byteLength || body[i] === 0x0a) {
      if (i > start || i < body.byteLength) lines.push(body.subarray(start, i));
      start = i + 1;
    }
  }
  return lines.map(expectedLine).filter((line) => line !== null);
}

function assertRecords(actual: ParsedRecord[], expected: ReturnType<typeof expectedLines>) {
  assert.equal(actual.length, expected.length);
  actual.forEach((record, i) => {
    const want = expected[i]!;
    if (want.ok) assert.deepEqual(record, want);
    else assert.ok(!record.ok && want.reasons.includes(record.reason), JSON.stringify([record, want]));
  });
}

/** Bytes that are often NDJSON: JSON values, junk, blank lines and broken UTF-8 joined by newlines. */
const ndjsonish = fc
  .array(
    fc.oneof(
      fc.jsonValue({ maxDepth: 10 }).map((value) => new TextEncoder().encode(JSON.stringify(value))),
      fc.uint8Array({ maxLength: 40 }),
      fc
        .constantFrom(' \t\r', '', '{"a":', '[[[[[[[[[1]]]]]]]]]', '{"a":[[[[[[[1]]]]]]]}')
        .map((text) => new TextEncoder().encode(text)),
    ),
    { maxLength: 6 },
  )
  .chain((parts) =>
    fc.boolean().map((bom) => {
      const joined = parts.flatMap((part, i) => (i === 0 ? [...part] : [0x0a, ...part]));
      return new Uint8Array(bom ? [0xef, 0xbb, 0xbf, ...joined] : joined);
    }),
  );

test('the record parser never throws, and reads NDJSON line by line as the platform parses each line', () => {
  fc.assert(
    fc.property(fc.oneof(fc.uint8Array({ maxLength: 256 }), ndjsonish), (bytes) => {
      assertRecords([...parseRecords(bytes, 'jsonl')], expectedLines(bytes));
    }),
    settings,
  );
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
      const bytes = new TextEncoder().encode(text);
      assertRecords([...parseRecords(bytes, 'jsonl')], expectedLines(bytes));
    }),
    settings,
  );
});

test('a JSON file is one record, or one per element of an array, as the platform parses it', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.jsonValue({ maxDepth: 10 }).map((value) => new TextEncoder().encode(JSON.stringify(value))),
        fc.uint8Array({ maxLength: 256 }),
      ),
      (bytes) => {
        const records = [...parseRecords(bytes, 'json')];
        let text: string;
        try {
          text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          assert.deepEqual(records, [{ ok: false, reason: 'not-utf8' }]);
          return;
        }
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch {
          assert.equal(records.length, 1);
          assert.ok(!records[0]!.ok && ['invalid-json', 'record-too-deep'].includes(records[0]!.reason));
          return;
        }
        // An array may nest one level deeper than a record, its elements being the records.
        if (depthOf(value) > RECORD_MAX_DEPTH + 1)
          assert.deepEqual(records, [{ ok: false, reason: 'record-too-deep' }]);
        else if (Array.isArray(value))
          assert.deepEqual(
            records,
            value.map((element: unknown) => ({ ok: true, value: element })),
          );
        else assert.deepEqual(records, [{ ok: true, value }]);
      },
    ),
    settings,
  );
});

/** The schema compiled here by ajv itself, then the two rules across fields: what the validator must accept. */
const schemaCheck = (() => {
  const ajv = new Ajv2020({ strict: true, allErrors: false });
  ajv.addFormat('date-time', isDateTime);
  return ajv.compile(JSON.parse(readFileSync(new URL('../schema/session-summary.v1.json', import.meta.url), 'utf8')));
})();
function expectedValid(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  if (!schemaCheck(value)) return false;
  const record = value as Record<string, unknown>;
  return (
    Date.parse(record['ended_at'] as string) >= Date.parse(record['started_at'] as string) &&
    (record['error_lines'] as number) <= (record['log_lines'] as number)
  );
}

/** A valid summary with a few fields replaced by any JSON value (or both counts by one), removed, or joined by an unknown one. */
const nearSummary = fc
  .array(
    fc.tuple(
      fc.constantFrom(...Object.keys(validSummary), 'os.platform', 'app.version', 'extra', 'both-counts'),
      fc.oneof(
        fc.jsonValue({ maxDepth: 2 }),
        fc.constant(undefined),
        // Small counts and nearby times, so the rules across fields meet their edges.
        fc.nat(3),
        fc.constantFrom('2026-03-01T10:00:00Z', '2026-03-01T10:00:00.5Z', '2026-03-01T11:00:00+01:00'),
      ),
    ),
    { maxLength: 3 },
  )
  .map((edits) => {
    const record = structuredClone(validSummary) as Record<string, any>;
    for (const [path, value] of edits) {
      if (path === 'both-counts') {
        record['log_lines'] = record['error_lines'] = value;
        continue;
      }
      const [outer, inner] = path.split('.') as [string, string | undefined];
      const holder = inner && record[outer] && typeof record[outer] === 'object' ? record[outer] : record;
      const key = inner && holder !== record ? inner : outer;
      if (value === undefined) delete holder[key];
      else holder[key] = value;
    }
    return record;
  });

test('the privacy guard and validator never throw, and the validator accepts exactly what ajv and the two rules do', () => {
  let accepted = 0;
  fc.assert(
    fc.property(
      fc.oneof(fc.jsonValue(), fc.anything({ withNullPrototype: true, withObjectString: true }), nearSummary),
      (value) => {
        const verdict = validateSummary(value);
        assert.equal(verdict.ok, expectedValid(value));
        if (value === null || typeof value !== 'object' || Array.isArray(value))
          assert.deepEqual(verdict, { ok: false, reason: 'not-an-object' });
        if (verdict.ok) accepted += 1;
        // The guard finds a value or nothing; what passes both is what screen() lets in.
        const finding = findPrivateData(value, safePath);
        assert.equal(screen(value), finding === null && verdict.ok);
      },
    ),
    settings,
  );
  // Near-valid records are a third of the draws; many of them stay valid.
  assert.ok(accepted > RUNS / 50, `only ${accepted} of ${RUNS} drawn values were valid`);
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
