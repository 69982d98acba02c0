// Each log preset on a sample log shaped like what that library writes: first
// and last timestamp, lines, error lines and exception classes, counted by hand.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { LOG_PRESETS, presetPattern } from '../src/intake/formats/log-presets.ts';
import { compileLogPattern, isErrorLevel, readLog, toIso } from '../src/intake/formats/session-log.ts';

const sample = (name: string) => readFileSync(new URL(`./fixtures/logs/${name}.log`, import.meta.url), 'utf8');

// [preset, sample, first, last, lines, error lines, error kinds]
const CASES: [string, string, string, string, number, number, Record<string, number>][] = [
  // The ERROR line and the traceback (its header counts, its class is named).
  ['python', 'python', '2026-11-20T10:00:00.123Z', '2026-11-20T10:04:59.000Z', 8, 2, { PermissionError: 1 }],
  ['go-slog', 'go-slog', '2026-11-20T10:00:00.123Z', '2026-11-20T10:04:59.000Z', 4, 1, {}],
  ['go-slog-json', 'go-slog-json', '2026-11-20T10:00:00.123Z', '2026-11-20T10:04:59.000Z', 4, 1, {}],
  // No levels in Go's log: the line that says error, and the panic below the last timestamp.
  ['go-log', 'go-log', '2026-11-20T10:00:00.000Z', '2026-11-20T10:04:59.000Z', 9, 2, { panic: 1 }],
  ['rust-env-logger', 'rust-env-logger', '2026-11-20T10:00:00.000Z', '2026-11-20T10:04:59.000Z', 4, 1, {}],
  // Colour codes dropped; the ERROR line and the panic.
  ['rust-tracing', 'rust-tracing', '2026-11-20T10:00:00.123Z', '2026-11-20T10:04:59.000Z', 7, 2, { panic: 1 }],
  // Numeric levels: 50 (error) and 60 (fatal) are errors; epoch milliseconds and ISO strings both read.
  ['pino', 'pino', '2026-11-20T10:00:00.123Z', '2026-11-20T10:04:59.000Z', 4, 1, {}],
  ['pino', 'bunyan', '2026-11-20T10:00:00.123Z', '2026-11-20T10:04:59.000Z', 3, 1, {}],
];

for (const [preset, name, first, last, lines, errorLines, errorKinds] of CASES) {
  test(`the ${preset} preset reads ${name}.log`, () => {
    const figures = readLog(sample(name), compileLogPattern(presetPattern(preset)!));
    assert.deepEqual(figures, { firstAt: first, lastAt: last, lines, errorLines, errorKinds });
  });
}

test('every preset is tested, and the Python default reads none of the other layouts', () => {
  assert.deepEqual(new Set(CASES.map(([preset]) => preset)), new Set(Object.keys(LOG_PRESETS)));
  const python = compileLogPattern(presetPattern('python')!);
  for (const name of ['go-slog', 'go-slog-json', 'go-log', 'pino', 'bunyan'])
    assert.equal(readLog(sample(name), python), null, name);
});

test('levels and timestamps as the layouts write them', () => {
  for (const level of ['ERROR', 'error', 'Fatal', 'CRITICAL', 'panic', '"ERROR"', '50', '60'])
    assert.equal(isErrorLevel(level), true, level);
  for (const level of ['INFO', 'WARN', 'warning', '30', '40', '49', '', undefined])
    assert.equal(isErrorLevel(level), false, String(level));
  assert.equal(toIso('2026/11/20 10:00:02'), '2026-11-20T10:00:02.000Z');
  assert.equal(toIso('1795168802789'), '2026-11-20T10:00:02.789Z');
  assert.equal(toIso('1795168802'), '2026-11-20T10:00:02.000Z');
  assert.equal(toIso('"2026-11-20T10:00:02.789Z"'), '2026-11-20T10:00:02.789Z');
  assert.equal(toIso('2026-11-20T12:00:02+02:00'), '2026-11-20T10:00:02.000Z');
  assert.equal(toIso('not a time'), null);
});
