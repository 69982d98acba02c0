// The fast path against the full way (JSON.parse, privacy guard, ajv and the
// rules after it): it may decline any line, but what it accepts the full way
// must accept with the very same figures, and plain valid lines it must accept.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { adaptRecord } from '../src/intake/formats/adapt-record.ts';
import { compileLogPattern, DEFAULT_LOG_PATTERN } from '../src/intake/formats/session-log.ts';
import { parseLine } from '../src/records/parse-records.ts';
import { findPrivateData } from '../src/records/privacy-guard.ts';
import { CONFIG_FIELDS, configValue } from '../src/records/field-table.ts';
import type { SessionSummary } from '../src/records/session-summary.ts';
import { InternTable, MAX_BUCKET, MAX_LAYOUTS, SummaryScanner } from '../src/records/fast-path/summary-scanner.ts';
import { KNOWN_SEGMENTS, safePath, validateSummary } from '../src/records/validate-summary.ts';
import { VALID_SUMMARY } from './fixtures/valid-summary.ts';

const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 10_000);
const encoder = new TextEncoder();
const adapter = {
  format: 'session-summary' as const,
  appName: null,
  appVersion: null,
  logPattern: compileLogPattern(DEFAULT_LOG_PATTERN),
};

type Verdict = { ok: true; summary: SessionSummary; startedMs: number; endedMs: number } | { ok: false };

/** The full way for one line. */
function fullWay(bytes: Uint8Array): Verdict {
  const parsed = parseLine(bytes, 0, bytes.byteLength);
  if (!parsed?.ok) return { ok: false };
  const adapted = adaptRecord(parsed.value, adapter);
  if (!adapted.ok || findPrivateData(adapted.value, safePath, KNOWN_SEGMENTS)) return { ok: false };
  const checked = validateSummary(adapted.value);
  return checked.ok ? checked : { ok: false };
}

/** What aggregation and deduplication read of a summary. */
function facts(summary: SessionSummary, startedMs: number, endedMs: number) {
  return {
    session: summary.session_id.toLowerCase(),
    install: summary.install_id?.toLowerCase() ?? null,
    // Every configuration field the schema defines, read through the table; a null reads as absent.
    config: CONFIG_FIELDS.map((field) => configValue(summary, field) ?? null),
    startedMs,
    endedMs,
    logLines: summary.log_lines,
    errorLines: summary.error_lines,
    outcome: summary.outcome ?? null,
    kinds: summary.error_kinds ? Object.entries(summary.error_kinds) : [],
  };
}

/** Scans one line and holds the answer to the full way's; returns whether the fast path took it. */
function check(scanner: SummaryScanner, line: string): boolean {
  // As intake reads a file: the scan from the line's start finds where it ends, and takes
  // exactly what a scan of the line's span (up to its first newline) takes.
  const inFile = encoder.encode(`${line}\n{"next":true}`);
  const newline = inFile.indexOf(10);
  const fromStart = scanner.scanLine(inFile, 0);
  const foundEnd = scanner.lineEnd;
  const span = scanner.scan(inFile, 0, newline);
  assert.equal(fromStart !== null, span !== null, line);
  if (fromStart && span) {
    assert.equal(foundEnd, newline, line);
    assert.deepEqual(
      facts(fromStart, fromStart.startedMs, fromStart.endedMs),
      facts(span, span.startedMs, span.endedMs),
      line,
    );
  }
  const bytes = encoder.encode(line);
  const fast = scanner.scan(bytes, 0, bytes.byteLength);
  if (!fast) return false;
  const full = fullWay(bytes);
  assert.ok(full.ok, `the fast path accepted a line the full way refuses: ${line}`);
  assert.deepEqual(facts(fast, fast.startedMs, fast.endedMs), facts(full.summary, full.startedMs, full.endedMs), line);
  // The lazily built strings agree too.
  assert.equal(Date.parse(fast.started_at), full.startedMs);
  return true;
}

const pick = <T>(...values: T[]) => fc.constantFrom(...values);
const chars = (alphabet: string, min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength: min, maxLength: max });
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const privacyBait = pick(
  'ghp_abcdefghijklmnopqrstuvwxyz0123',
  'AKIAABCDEFGHIJKLMNOP',
  '10.1.2.3',
  '192.168.0.1',
  'xoxb-1234567890',
  'eyJabcdef.eyJabcdef.sig',
  'github_pat_abcdefghijklmnopqrstu',
);
const name = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(chars(ALNUM, 1, 1), chars(`${ALNUM}._-`, 0, 66)).map(([a, b]) => a + b) },
  { weight: 1, arbitrary: privacyBait },
  { weight: 1, arbitrary: chars(`${ALNUM}._-+ /:@`, 0, 8) },
);
const version = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(chars(ALNUM, 1, 1), chars(`${ALNUM}._+-`, 0, 66)).map(([a, b]) => a + b) },
  { weight: 1, arbitrary: privacyBait },
);
const hex = chars('0123456789abcdefABCDEF', 0, 12);
const uuid = fc.oneof(
  { weight: 9, arbitrary: fc.uuid().chain((id) => fc.boolean().map((upper) => (upper ? id.toUpperCase() : id))) },
  { weight: 1, arbitrary: fc.tuple(hex, hex, hex).map((parts) => parts.join('-')) },
);
const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
const timestamp = fc
  .tuple(
    fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
    two(13),
    two(32),
    pick('T', 't', ' ', 'x'),
    two(24),
    two(60),
    two(60),
    fc.oneof(
      fc.constant(''),
      chars('0123456789', 1, 10).map((digits) => `.${digits}`),
    ),
    fc.oneof(
      pick('Z', 'z', ''),
      fc.tuple(pick('+', '-'), two(24), two(60)).map(([sign, h, m]) => `${sign}${h}:${m}`),
    ),
  )
  .map(([y, mo, d, sep, h, mi, s, frac, zone]) => `${y}-${mo}-${d}${sep}${h}:${mi}:${s}${frac}${zone}`);
const count = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 5000 }) },
  { weight: 1, arbitrary: pick(0, 1, 1e12, 1e12 + 1, -1, 1.5, 2 ** 53) },
);
const kindName = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(chars('abcXYZ_', 1, 1), chars('abcXYZ_019', 0, 10), chars('.abQ_1', 0, 6))
      .map((parts) => parts.join('')),
  },
  { weight: 1, arbitrary: pick('__proto__', 'constructor', 'prototype', 'name', 'a..b', '.a', 'a.', '9a') },
  { weight: 1, arbitrary: privacyBait },
);
const kinds = fc.dictionary(kindName, fc.oneof(fc.integer({ min: 1, max: 1000 }), pick(0, 1e9, 1e9 + 1, -3, 2.5)), {
  maxKeys: 34,
});

/** Records built from VALID_SUMMARY with valid values everywhere, so the full way accepts nearly all. */
const validRecord = fc
  .tuple(
    fc.uuid(),
    fc.option(fc.uuid(), { nil: undefined }),
    fc.tuple(chars(ALNUM, 1, 1), chars(`${ALNUM}._-`, 0, 20)).map(([a, b]) => a + b),
    fc.tuple(chars('0123456789', 1, 1), chars('0123456789.+-ab', 0, 10)).map(([a, b]) => a + b),
    fc.option(pick('x64', 'arm64', 'x86', 'arm', 'other'), { nil: undefined }),
    fc.option(pick('14.4.1', '6.5.0-1025-azure', '10.0.22631'), { nil: undefined }),
    fc.option(pick('ok', 'error', 'crash'), { nil: undefined }),
    fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 }),
    fc.integer({ min: 0, max: 86_400_000 }),
    fc.integer({ min: 0, max: 1000 }),
    fc.integer({ min: 0, max: 1000 }),
    fc.dictionary(
      fc.tuple(chars('abcXYZ_', 1, 1), chars('abcXYZ_019', 0, 10)).map(([a, b]) => a + b),
      fc.integer({ min: 1, max: 100 }),
      { maxKeys: 5 },
    ),
    fc.oneof(fc.constant(undefined), fc.constant(null), pick('GITHUB_ACTIONS', 'CIRCLECI')),
  )
  .map(
    ([
      sessionId,
      installId,
      appName,
      appVersion,
      arch,
      osVersion,
      outcome,
      started,
      duration,
      errors,
      more,
      errorKinds,
      ci,
    ]) => {
      const summary: Record<string, unknown> = {
        ...VALID_SUMMARY,
        session_id: sessionId,
        app: { name: appName, version: appVersion },
        os: { platform: 'darwin', ...(osVersion ? { version: osVersion } : {}), ...(arch ? { arch } : {}) },
        started_at: new Date(started).toISOString(),
        ended_at: new Date(started + duration).toISOString(),
        log_lines: errors + more,
        error_lines: errors,
        error_kinds: errorKinds,
      };
      if (installId) summary['install_id'] = installId;
      else delete summary['install_id'];
      if (outcome) summary['outcome'] = outcome;
      else delete summary['outcome'];
      if (ci === undefined) delete summary['ci'];
      else summary['ci'] = ci;
      return summary;
    },
  );

/** Fields set to wild values: wrong types, out of range, privacy bait, missing, unknown. */
const wildField = fc.oneof(
  fc.tuple(fc.constant('schema_version'), pick<unknown>(2, '1', 0, null)),
  fc.tuple(pick('session_id', 'install_id'), uuid),
  fc.tuple(pick('app', 'runtime'), fc.record({ name, version }, { requiredKeys: [] })),
  fc.tuple(
    fc.constant('os'),
    fc.record(
      {
        platform: pick('linux', 'darwin', 'windows', 'freebsd', 'other', 'Linux', 'beos'),
        version,
        arch: pick('x64', 'arm64', 'x86', 'arm', 'other', 'mips'),
      },
      { requiredKeys: [] },
    ),
  ),
  fc.tuple(
    fc.constant('ci'),
    fc.oneof(fc.constant(null), chars('ABCXYZ_019', 1, 34), pick<unknown>('GITHUB_ACTIONS', 'gitlab', '_X', 7)),
  ),
  fc.tuple(pick('started_at', 'ended_at'), timestamp),
  fc.tuple(pick('log_lines', 'error_lines'), count),
  fc.tuple(fc.constant('outcome'), pick<unknown>('ok', 'error', 'crash', 'OK', 'panic', null)),
  fc.tuple(fc.constant('error_kinds'), kinds),
  fc.tuple(
    pick('extra', 'app', 'os', 'session_id', 'log_lines'),
    fc.oneof(fc.anything({ maxDepth: 1 }), fc.constant(undefined)),
  ),
);

/** Valid records with one to three fields made wild. */
const record = fc.tuple(validRecord, fc.array(wildField, { minLength: 1, maxLength: 3 })).map(([value, wild]) => {
  const out = { ...value };
  for (const [key, field] of wild) {
    if (field === undefined) delete out[key];
    else out[key] = field;
  }
  return out;
});

/** JSON text with blanks between tokens where `blank` says so. */
function spacedJson(value: unknown, blank: () => string): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const parts = Array.isArray(value)
    ? value.map((item) => spacedJson(item, blank))
    : Object.entries(value).map(
        ([key, item]) => `${blank()}${JSON.stringify(key)}${blank()}:${blank()}${spacedJson(item, blank)}${blank()}`,
      );
  return Array.isArray(value) ? `[${parts.join(',')}]` : `{${parts.join(',')}${blank()}}`;
}

/** How a producer writes its records: an order of the keys (by seed) and blanks between tokens, or none. */
const style = fc.record({
  seed: fc.integer(),
  spaced: fc.boolean(),
  blanks: fc.array(pick('', '', '', ' ', '\t', '\r', '  '), { minLength: 1 }),
});
type Style = { seed: number; spaced: boolean; blanks: string[] };

/** The JSON text of a record in a style: records with the same keys come out alike but for their values. */
function render(value: Record<string, unknown>, { seed, spaced, blanks }: Style): string {
  const entries = Object.entries(value).filter(([, item]) => item !== undefined);
  const shuffled = entries
    .map((entry, index) => [((seed * (index + 7)) >>> 0) % 97, entry] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([, entry]) => entry);
  let next = 0;
  const blank = () => (spaced ? blanks[next++ % blanks.length]! : '');
  return blank() + spacedJson(Object.fromEntries(shuffled), blank) + blank();
}

/** The JSON text of a record, with its keys in a random order and now and then blanks between tokens. */
const line = (values: fc.Arbitrary<Record<string, unknown>>) =>
  fc.tuple(values, style).map(([value, how]) => render(value, how));

test('whatever the fast path accepts, the full way accepts with the same figures', () => {
  const scanner = new SummaryScanner();
  let taken = 0;
  fc.assert(
    fc.property(line(record), (text) => {
      if (check(scanner, text)) taken += 1;
    }),
    { numRuns: RUNS },
  );
  // The generator makes valid records often enough for the comparison to mean something.
  assert.ok(taken > RUNS / 50, `only ${taken} of ${RUNS} records were taken by the fast path`);
});

/** One to three byte edits: deletions, insertions, replacements and repeats of JSON's own characters and some traps. */
const edits = fc.array(
  fc.tuple(
    fc.nat(),
    pick('delete', 'insert', 'replace', 'duplicate'),
    fc.oneof(
      chars('{}[]":,.-+eE0159aZ_\\ \t', 1, 3),
      pick('\\u0061', 'null', '"a":1,', '\u00e9', '1.0', '"session_id":"x",'),
    ),
  ),
  { minLength: 1, maxLength: 3 },
);

function edit(text: string, changes: [number, string, string][]): string {
  let edited = text;
  for (const [at, kind, piece] of changes) {
    const position = at % (edited.length + 1);
    if (kind === 'delete') edited = edited.slice(0, position) + edited.slice(position + piece.length);
    else if (kind === 'insert') edited = edited.slice(0, position) + piece + edited.slice(position);
    else if (kind === 'replace') edited = edited.slice(0, position) + piece + edited.slice(position + piece.length);
    else edited = edited.slice(0, position) + edited.slice(position, position + 12) + edited.slice(position);
  }
  return edited;
}

test('lines edited byte by byte are never accepted wrongly', () => {
  const scanner = new SummaryScanner();
  fc.assert(
    fc.property(line(validRecord), edits, (text, changes) => {
      check(scanner, edit(text, changes));
    }),
    { numRuns: RUNS },
  );
});

/** Whether two values have the same keys all the way down. */
function sameShape(a: unknown, b: unknown): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object')
    return typeof a === typeof b && (a === null) === (b === null);
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => key in b && sameShape((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  );
}

/** A record with the keys of `shape`, and the values of `values` where they have the same shape (error kinds whatever their names). */
function withKeysOf(shape: Record<string, unknown>, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(shape))
    out[key] = key === 'error_kinds' || sameShape(value, values[key]) ? (values[key] ?? value) : value;
  return out;
}

/**
 * What one producer writes, line after line: records of two to four shapes
 * (which optional fields they have) in one style, so in as many layouts, with
 * varying values; now and then a field made wild or the line edited byte by byte.
 */
const producerLines = fc
  .tuple(
    fc.array(validRecord, { minLength: 2, maxLength: 4 }),
    fc.array(
      fc.tuple(
        fc.nat(),
        validRecord,
        fc.oneof(
          { weight: 6, arbitrary: fc.constant(null) },
          { weight: 1, arbitrary: wildField.map((field) => ({ field })) },
          { weight: 1, arbitrary: edits.map((changes) => ({ changes })) },
        ),
      ),
      { minLength: 2, maxLength: 16 },
    ),
    style,
  )
  .map(([shapes, lines, how]) =>
    lines.map(([which, values, twist]) => {
      const record = withKeysOf(shapes[which % shapes.length]!, values);
      if (twist && 'field' in twist) {
        const [key, field] = twist.field;
        if (field === undefined) delete record[key];
        else record[key] = field;
      }
      const text = render(record, how);
      return twist && 'changes' in twist ? edit(text, twist.changes) : text;
    }),
  );

test("a producer's lines, read one after another, are read by their layouts with the figures of the scan and of the full way", () => {
  let lines = 0;
  let byLayout = 0;
  fc.assert(
    fc.property(producerLines, (texts) => {
      const scanner = new SummaryScanner();
      for (const text of texts) check(scanner, text);
      lines += texts.length;
      byLayout += scanner.linesByLayout;
    }),
    { numRuns: RUNS },
  );
  // Most lines follow a layout learnt before them: the comparison is above all of the layouts' reading.
  assert.ok(byLayout > lines / 3, `only ${byLayout} of ${lines} lines were read by a layout`);
});

test("lines that repeat the last line's configuration, or differ from it in one part, each get their own", () => {
  const { app, runtime, os } = VALID_SUMMARY;
  // Each differs from the first in one place: a byte, a length, a value moved to another slot, a part left out or null.
  const variants: Record<string, unknown>[] = [
    {},
    { app: { ...app, version: '2.4.1' } },
    { app: { ...app, version: '2.4.00' } },
    { app: { ...app, name: 'octo-clj' } },
    { app: { ...app, version: runtime.version }, runtime: { ...runtime, version: app.version } },
    { runtime: { ...runtime, name: 'pythom' } },
    { runtime: undefined },
    { os: { ...os, platform: 'darwin' } },
    { os: { ...os, arch: 'arm64' } },
    { os: { platform: os.platform, version: os.version } },
    { os: { platform: os.platform, arch: os.arch } },
    { os: { ...os, version: '6.5.1' } },
    { ci: 'GITHUB_ACTIONS' },
    { ci: 'GITHUB_ACTIONT' },
    { ci: undefined },
  ];
  const text = (variant: Record<string, unknown>) => JSON.stringify({ ...VALID_SUMMARY, ...variant });
  fc.assert(
    fc.property(fc.array(fc.nat(variants.length - 1), { minLength: 2, maxLength: 40 }), (picks) => {
      const scanner = new SummaryScanner();
      // check() holds each line's configuration to the full way's: one taken from the line before would differ.
      for (const pick of picks) assert.ok(check(scanner, text(variants[pick]!)), text(variants[pick]!));
    }),
    { numRuns: Math.min(RUNS, 2000) },
  );
});

test('date-times of several lengths one after another, and a quote where the last one ended, are read as the full way reads them', () => {
  const scanner = new SummaryScanner();
  const times = [
    '2026-03-01T10:00:00Z',
    '2026-03-01T10:00:00.123Z',
    '2026-03-01T10:00:00.123Z',
    '2026-03-01T10:00:00.123456+01:00',
    '2026-03-01T10:00:00Z',
    '2026-03-01T10:00:00.1Z',
    '2026-03-01T10:00:00.123Z',
  ];
  for (const started of times)
    assert.ok(check(scanner, JSON.stringify({ ...VALID_SUMMARY, started_at: started })), started);
  // An escaped quote, or the end of a longer string, where the last date-time's length ends: the full way decides.
  for (const started of [
    '2026-03-01T10:00:00.12"3',
    '2026-03-01T10:00:00.123Zx',
    '2026-03-01T10:00:00.123',
    '2026-03-01T10:00:00.123Z ',
  ]) {
    assert.ok(check(scanner, JSON.stringify({ ...VALID_SUMMARY, started_at: '2026-03-01T09:00:00.000Z' })));
    assert.equal(check(scanner, JSON.stringify({ ...VALID_SUMMARY, started_at: started })), false, started);
  }
});

test('layouts: a line that differs from every known one in any byte outside its values is read by the scan, and more layouts than are kept still read right', () => {
  const text = (changes: Record<string, unknown>) => JSON.stringify({ ...VALID_SUMMARY, ...changes });
  const scanner = new SummaryScanner();
  assert.equal(check(scanner, text({})), true);
  assert.equal(
    check(
      scanner,
      text({
        session_id: 'dc0f0a6c-1111-4aaa-8bbb-000000000002',
        log_lines: 7,
        error_lines: 1,
        error_kinds: { OSError: 1 },
        outcome: 'crash',
      }),
    ),
    true,
  );
  // The first line's layout read the second (check reads each line once by scanLine).
  assert.equal(scanner.linesByLayout, 1);
  // Values the layout reads are checked as the scan checks them, rules across fields too.
  assert.equal(check(scanner, text({ log_lines: 1.5 })), false);
  assert.equal(check(scanner, text({ error_lines: 101 })), false);
  assert.equal(check(scanner, text({ app: { name: 'octo-cli', version: '-1' } })), false);
  assert.equal(check(scanner, text({}).replace('"KeyError"', '"__proto__"')), false);
  // The last literal is one byte long (the closing brace): compared too.
  assert.equal(check(scanner, text({}).replace(/}$/, ']')), false);
  // A blank, another key order, a missing field: not the layout, but the scan takes them.
  const layoutReads = scanner.linesByLayout;
  assert.equal(check(scanner, text({}).replace('"log_lines":', '"log_lines": ')), true);
  assert.equal(check(scanner, JSON.stringify(Object.fromEntries(Object.entries(VALID_SUMMARY).reverse()))), true);
  assert.equal(check(scanner, text({ install_id: undefined })), true);
  assert.equal(check(scanner, `${text({})} `), true);
  assert.equal(scanner.linesByLayout, layoutReads);
  // Eight layouts in turn, twice as many as are kept: every line is still read, and right.
  const styles = Array.from(
    { length: 2 * MAX_LAYOUTS },
    (_, n) => (changes: Record<string, unknown>) => spacedJson({ ...VALID_SUMMARY, ...changes }, () => ' '.repeat(n)),
  );
  for (let round = 0; round < 300; round += 1) {
    for (const write of styles) assert.equal(check(scanner, write({ log_lines: 100 + round })), true);
  }
});

test('plain valid summaries are all taken by the fast path', () => {
  fc.assert(
    fc.property(line(validRecord), (text) => {
      const full = fullWay(encoder.encode(text));
      // A new scanner each time: one that has met 65,536 configurations sends new ones the full way.
      assert.equal(check(new SummaryScanner(), text), full.ok, text);
    }),
    { numRuns: RUNS },
  );
});

test('the fast path declines what it leaves to the full way', () => {
  const scanner = new SummaryScanner();
  const base = JSON.stringify(VALID_SUMMARY);
  const declined = [
    base.replace('"octo-cli"', '"octo\\u002dcli"'), // an escape: valid, but the full way decodes it
    base.replace('"log_lines":100', '"log_lines":100.0'),
    base.replace('"log_lines":100', '"log_lines":1e2'),
    base.replace('"error_lines":2', '"error_lines":2,"error_lines":3'),
    base.replace('"name":"octo-cli"', '"name":"ghp_abcdefghijklmnopqrstuvwxyz0123"'),
    base.replace('"KeyError":2', '"KeyError":2,"AKIAABCDEFGHIJKLMNOP":1'),
    base.replace('"linux"', '"linux","kernel":"6"'),
    base.replace('"2026-03-01T10:05:00Z"', '"2026-02-29T10:05:00Z"'),
    base.replace('"2026-03-01T10:05:00Z"', '"2026-03-01T10:05:60Z"'),
    base.replace('"2026-03-01T10:05:00Z"', '"2026-03-01T09:05:00Z"'),
    base.replace('"error_lines":2', '"error_lines":101'),
    base.replace('"KeyError":2', '"__proto__":2'),
    `${base} x`,
    base.slice(0, -1),
  ];
  for (const text of declined) assert.equal(check(scanner, text), false, text);
  // The same line with blanks around every token is still taken.
  assert.equal(check(scanner, ` ${spacedJson(VALID_SUMMARY, () => ' \t')}\r`), true);
});

test('a line is read within its span, whatever follows it in the buffer', () => {
  const scanner = new SummaryScanner();
  const text = JSON.stringify(VALID_SUMMARY);
  // Cut inside the closing quote of the last timestamp... with more bytes after the span.
  const bytes = encoder.encode(`${text}{"more":1}`);
  assert.notEqual(scanner.scan(bytes, 0, text.length), null);
  const cut = encoder.encode(text.replace('"outcome":"error","error_kinds":{"KeyError":2}}', '"outcome":"error"}'));
  assert.equal(scanner.scan(cut, 0, cut.length - 5), null);
});

test('past 65,536 distinct configurations, new ones take the full way and known ones stay fast', () => {
  const scanner = new SummaryScanner();
  const withVersion = (version: string) => JSON.stringify({ ...VALID_SUMMARY, app: { name: 'octo-cli', version } });
  for (let n = 0; n < 65_536; n += 1) assert.equal(check(scanner, withVersion(`1.${n}`)), true);
  assert.equal(check(scanner, withVersion('2.0')), false);
  assert.equal(check(scanner, withVersion('1.7')), true);
});

test('byte strings made to share a hash cost a bounded search: past the bound they take the full way', () => {
  const table = new InternTable<string>((text) => text);
  const keys = Array.from({ length: MAX_BUCKET + 3 }, (_, n) => encoder.encode(`kind-${n}`));
  // One hash for all, as if an attacker had found a collision.
  const found = keys.map((key) => table.find(key, 0, key.length, 12345));
  assert.deepEqual(
    found.map((entry) => entry?.value),
    keys.map((key, n) => (n < MAX_BUCKET ? new TextDecoder().decode(key) : undefined)),
  );
  // Those interned are still found; other hashes are not affected.
  assert.equal(table.find(keys[0]!, 0, keys[0]!.length, 12345)?.value, 'kind-0');
  const other = encoder.encode('other');
  assert.equal(table.find(other, 0, other.length)?.value, 'other');
});
