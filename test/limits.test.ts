// The limits on untrusted input are published in SECURITY.md, row by row. Each constant of
// src/limits.ts is read back from that table here: a limit changed in one place and not the
// other fails, so a change to what hostile input can do is always a deliberate, documented one.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as limits from '../src/limits.ts';

/** "10,000" → 10000, "512 MiB" → bytes, "4 GiB" → bytes. */
function valueOf(text: string): number {
  const match = /^([\d,]+)(?: (KiB|MiB|GiB))?$/.exec(text.trim());
  assert.ok(match, `"${text}" is a number, with or without a binary unit`);
  const units: Record<string, number> = { KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30 };
  return Number(match[1]!.replaceAll(',', '')) * (match[2] ? units[match[2]]! : 1);
}

test('every limit on untrusted input is the value SECURITY.md publishes', () => {
  const text = readFileSync(new URL('../SECURITY.md', import.meta.url), 'utf8');
  const rows = new Map(
    [...text.matchAll(/^\| ([^|]+) \| ([^|]+) \| [^|]+ \|$/gm)].map((match) => [match[1]!.trim(), match[2]!.trim()]),
  );
  const published = (label: string) => {
    const value = rows.get(label);
    assert.ok(value, `SECURITY.md has a row "${label}"`);
    return valueOf(value);
  };
  const ratioLabel = [...rows.keys()].find((label) => label.startsWith('Compression ratio of one entry over '))!;
  assert.ok(ratioLabel, 'SECURITY.md has the zip ratio row');
  const expected: Record<keyof typeof limits, number> = {
    ZIP_MAX_ENTRIES: published('Entries in one zip'),
    ZIP_MAX_UNCOMPRESSED_BYTES: published('Uncompressed bytes in one zip'),
    ZIP_MAX_RATIO: published(ratioLabel),
    // The size above which the ratio counts is in the ratio row's own label.
    ZIP_RATIO_MIN_BYTES: valueOf(ratioLabel.slice(ratioLabel.lastIndexOf(' over ') + 6)),
    ARCHIVE_MAX_BYTES: published('One artifact or local file'),
    JSON_FILE_MAX_BYTES: published('One `.json` file'),
    RECORD_MAX_BYTES: published('One record (NDJSON line, or a single-object file)'),
    RECORD_MAX_DEPTH: published('Nesting depth of a record'),
    RUN_MAX_ARTIFACTS: published('Artifacts and files per run'),
    RUN_MAX_BYTES: published('Uncompressed bytes per run'),
    RUN_MAX_RECORDS: published('Records per run'),
  };
  assert.deepEqual({ ...limits }, expected);
  // The gzip ratio is the zip ratio, over the same size.
  assert.equal(published('Compression ratio of a local `.gz` file over 64 KiB'), limits.ZIP_MAX_RATIO);
});
