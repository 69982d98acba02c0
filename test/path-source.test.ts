import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createPathSource } from '../src/sources/path-source.ts';
import type { SourceEvent } from '../src/sources/source.ts';

async function read(patterns: string[], cwd: string): Promise<SourceEvent[]> {
  const events: SourceEvent[] = [];
  for await (const event of createPathSource(patterns, cwd).read()) events.push(event);
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
    'read c.jsonl',
    'skip d.txt: unsupported-file-type',
    'skip missing/*.json: path-not-found',
  ]);
});
