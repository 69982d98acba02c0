import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ARCHIVE_MAX_BYTES } from '../src/limits.ts';
import { createPathSource } from '../src/sources/path-source.ts';
import type { SourceEvent } from '../src/sources/source.ts';

async function read(patterns: string[], cwd: string, options: { logsInFolders?: boolean } = {}): Promise<SourceEvent[]> {
  const events: SourceEvent[] = [];
  for await (const event of createPathSource(patterns, cwd, null, options).read()) events.push(event);
  return events;
}

const describeEvent = (event: SourceEvent) => (event.kind === 'item' ? `read ${event.origin}` : `skip ${event.origin}: ${event.reason}`);

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
  assert.deepEqual((await read(['logs', 'app.log', 'empty'], dir)).map(describeEvent), ['skip logs/debug.log: log-file-in-folder', 'read app.log', 'skip empty: folder-empty']);
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
  assert.ok(events[0]!.kind === 'item' && events[0]!.name === 'stdin.jsonl' && new TextDecoder().decode(events[0]!.bytes) === '{"a":1}\n{"a":2}\n');
  assert.deepEqual((await read(['-'], dir)).map(describeEvent), ['skip standard input: stdin-not-available']);
});
