import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ARCHIVE_MAX_BYTES } from '../src/limits.ts';
import { createPathSource } from '../src/sources/path-source.ts';
import type { SourceEvent } from '../src/sources/source.ts';

async function read(
  patterns: string[],
  cwd: string,
  options: { logsInFolders?: boolean } = {},
): Promise<SourceEvent[]> {
  const events: SourceEvent[] = [];
  for await (const event of createPathSource(patterns, cwd, null, options).read()) events.push(event);
  return events;
}

const describeEvent = (event: SourceEvent) =>
  event.kind === 'item'
    ? `read ${event.origin}`
    : event.kind === 'skip'
      ? `skip ${event.origin}: ${event.reason}`
      : `held ${event.origin}`;

test('files, folders (recursively) and globs, each file once', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cra-path-'));
  await mkdir(join(dir, 'data', 'nested'), { recursive: true });
  await writeFile(join(dir, 'data', 'a.json'), '{}');
  await writeFile(join(dir, 'data', 'nested', 'b.ndjson'), '{}');
  await writeFile(join(dir, 'data', 'notes.txt'), 'x');
  await writeFile(join(dir, 'c.jsonl'), '{}');
  await writeFile(join(dir, 'd.txt'), 'x');
  const events = await read(['data', 'data/a.json', '*.jsonl', 'd.txt', 'missing/*.json'], dir);
  assert.deepEqual(events.map(describeEvent), [
    'read data/a.json',
    'read data/nested/b.ndjson',
    // A file of no record format in a folder is counted, not dropped unseen.
    'skip data/notes.txt: unsupported-file-type',
    'read c.jsonl',
    'skip d.txt: unsupported-file-type',
    'skip missing/*.json: path-not-found',
  ]);
});

test('a .log found in a folder is read only with format log; named on its own it is read; an empty folder is said', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cra-path-'));
  await mkdir(join(dir, 'logs'));
  await mkdir(join(dir, 'empty'));
  await writeFile(join(dir, 'logs', 'debug.log'), 'x');
  await writeFile(join(dir, 'app.log'), 'x');
  assert.deepEqual((await read(['logs', 'app.log', 'empty'], dir)).map(describeEvent), [
    'skip logs/debug.log: log-file-in-folder',
    'read app.log',
    'skip empty: folder-empty',
  ]);
  assert.deepEqual((await read(['logs'], dir, { logsInFolders: true })).map(describeEvent), ['read logs/debug.log']);
});

test('local NDJSON past the per-file limit is streamed, not skipped; other formats keep the limit', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cra-path-'));
  // A sparse file: its size is past ARCHIVE_MAX_BYTES without writing 256 MiB.
  const { open } = await import('node:fs/promises');
  for (const name of ['big.jsonl', 'big.json']) {
    const handle = await open(join(dir, name), 'w');
    await handle.truncate(ARCHIVE_MAX_BYTES + 1);
    await handle.close();
  }
  const events = await read(['big.jsonl', 'big.json'], dir);
  assert.deepEqual(events.map(describeEvent), ['read big.jsonl', 'skip big.json: file-too-large']);
  assert.ok(events[0]!.kind === 'item' && events[0]!.stream !== undefined, 'the NDJSON file is a stream');
});

test('"-" is standard input when the caller gives it, and a counted skip when it does not', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cra-path-'));
  async function* chunks() {
    yield new TextEncoder().encode('{"a":1}\n');
    yield new TextEncoder().encode('{"a":2}\n');
  }
  const events: SourceEvent[] = [];
  for await (const event of createPathSource(['-'], dir, null, { stdin: chunks }).read()) events.push(event);
  assert.deepEqual(events.map(describeEvent), ['read standard input']);
  assert.ok(
    events[0]!.kind === 'item' &&
      events[0]!.name === 'stdin.jsonl' &&
      new TextDecoder().decode(events[0]!.bytes) === '{"a":1}\n{"a":2}\n',
  );
  assert.deepEqual((await read(['-'], dir)).map(describeEvent), ['skip standard input: stdin-not-available']);
});

test('gzip of records is read through: NDJSON as a stream, a JSON array whole, the same sessions as the plain files', async () => {
  const { gzipSync } = await import('node:zlib');
  const { intake } = await import('../src/intake/intake.ts');
  const { generateSummaries, demoProfiles } = await import('./fixtures/synthetic-summaries.ts');
  const end = new Date('2026-11-21T00:00:00Z');
  const rows = generateSummaries({ seed: 9, appName: 'octo-cli', end, days: 7, profiles: demoProfiles() });
  const ndjson =
    rows
      .slice(0, 300)
      .map((row) => JSON.stringify(row))
      .join('\n') + '\n';
  const array = JSON.stringify(rows.slice(300));
  const dir = await mkdtemp(join(tmpdir(), 'cra-path-'));
  await mkdir(join(dir, 'plain'));
  await mkdir(join(dir, 'gz'));
  await writeFile(join(dir, 'plain', 'a.jsonl'), ndjson);
  await writeFile(join(dir, 'plain', 'b.json'), array);
  await writeFile(join(dir, 'gz', 'a.jsonl.gz'), gzipSync(ndjson));
  await writeFile(join(dir, 'gz', 'b.json.gz'), gzipSync(array));
  await writeFile(join(dir, 'gz', 'c.ndjson.gz'), gzipSync(''));
  // Not records: a gzip of text, and one cut short.
  await writeFile(join(dir, 'gz', 'notes.txt.gz'), gzipSync('hello'));
  await writeFile(join(dir, 'gz', 'cut.jsonl.gz'), gzipSync(ndjson).subarray(0, 200));
  // A bomb: 20 MB of newlines in about 20 KB, past the 200x ratio a zip entry may have.
  await writeFile(join(dir, 'gz', 'bomb.jsonl.gz'), gzipSync(Buffer.alloc(20_000_000, 0x0a), { level: 9 }));
  const events = await read(['gz'], dir);
  assert.deepEqual(events.map(describeEvent), [
    'read gz/a.jsonl.gz',
    'read gz/b.json.gz',
    'skip gz/bomb.jsonl.gz: gzip-bomb',
    'read gz/c.ndjson.gz',
    'skip gz/cut.jsonl.gz: gzip-corrupt',
    'skip gz/notes.txt.gz: unsupported-file-type',
  ]);
  const first = events[0]!;
  assert.ok(
    first.kind === 'item' &&
      first.name.endsWith('a.jsonl') &&
      first.stream !== undefined &&
      first.size === Buffer.byteLength(ndjson),
    'NDJSON in gzip is a stream counted at its decompressed size',
  );
  const sessions = async (folder: string) => {
    const seen: string[] = [];
    const tally = await intake({
      sources: [createPathSource([folder], dir)],
      windowStart: new Date('2026-11-01T00:00:00Z'),
      now: end,
      onSession: (summary) => seen.push(summary.session_id),
    });
    return { seen: seen.sort(), tally };
  };
  const plain = await sessions('plain');
  const zipped = await sessions('gz');
  assert.equal(plain.seen.length, rows.length);
  assert.deepEqual(zipped.seen, plain.seen);
  assert.equal(zipped.tally.bytesRead, plain.tally.bytesRead);
  assert.deepEqual(zipped.tally.skipped, { 'gzip-bomb': 1, 'gzip-corrupt': 1, 'unsupported-file-type': 1 });
});

test('gzip on standard input is read through', async () => {
  const { gzipSync } = await import('node:zlib');
  const dir = await mkdtemp(join(tmpdir(), 'cra-path-'));
  const chunks = () =>
    (async function* () {
      yield new Uint8Array(gzipSync('{"a":1}\n'));
    })();
  const events: SourceEvent[] = [];
  for await (const event of createPathSource(['-'], dir, null, { stdin: chunks }).read()) events.push(event);
  assert.ok(
    events[0]!.kind === 'item' &&
      events[0]!.name === 'stdin.jsonl' &&
      new TextDecoder().decode(events[0]!.bytes) === '{"a":1}\n',
  );
  const broken = () =>
    (async function* () {
      yield new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2]);
    })();
  const skipped: SourceEvent[] = [];
  for await (const event of createPathSource(['-'], dir, null, { stdin: broken }).read()) skipped.push(event);
  assert.deepEqual(skipped.map(describeEvent), ['skip standard input: gzip-corrupt']);
});
