import assert from 'node:assert/strict';
import { test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import type { SourceEvent, SourceItem } from '../src/sources/source.ts';
import { unsafeEntryName, zipEntries } from '../src/sources/zip-entries.ts';
import { patchZip, symlinkZip } from './fixtures/zip-tools.ts';

const item = (bytes: Uint8Array): SourceItem => ({ kind: 'item', origin: 'artifact a (#1)', name: '1.zip', bytes, run: { id: 3, branch: null, url: 'u' } });

async function expand(bytes: Uint8Array): Promise<SourceEvent[]> {
  const events: SourceEvent[] = [];
  for await (const event of zipEntries(item(bytes))) events.push(event);
  return events;
}
const outcome = (event: SourceEvent) => (event.kind === 'item' ? `read ${event.name}: ${new TextDecoder().decode(event.bytes)}` : `skip ${event.origin}: ${event.reason}`);

test('entries come out in archive order, in memory, with their run', async () => {
  const events = await expand(zipSync({ 'b/2.jsonl': strToU8('{}'), 'a.json': strToU8('[]'), 'dir/': new Uint8Array() }));
  assert.deepEqual(events.map(outcome), ['read b/2.jsonl: {}', 'read a.json: []']);
  assert.deepEqual(events[0]?.kind === 'item' && events[0].run, { id: 3, branch: null, url: 'u' });
});

test('unsafe names, nested archives, other files and symlinks are skipped with reasons; the rest is read', async () => {
  const events = await expand(
    zipSync({
      '../escape.json': strToU8('{}'),
      'C:/drive.json': strToU8('{}'),
      'inner.zip': zipSync({ 'x.json': strToU8('{}') }),
      'notes.txt': strToU8('hi'),
      'ok.json': strToU8('{}'),
    }),
  );
  assert.deepEqual(events.map(outcome), [
    'skip artifact a (#1) (entry 1): zip-unsafe-entry-name',
    'skip artifact a (#1) (entry 2): zip-unsafe-entry-name',
    'skip artifact a (#1) (entry 3): zip-nested-archive',
    'skip artifact a (#1) (entry 4): unsupported-file-type',
    'read ok.json: {}',
  ]);
  assert.deepEqual((await expand(symlinkZip('link.json', '/etc/passwd'))).map(outcome), ['skip artifact a (#1) (entry 1): zip-symlink']);
});

test('a declared size that is not what inflates stops the archive', async () => {
  const zip = zipSync({ 'a.json': strToU8('{"a":1}'), 'b.json': strToU8('{"b":"'.padEnd(200, 'x') + '"}') });
  const lying = patchZip(zip, 'b.json', { uncompressedSize: 20 });
  assert.deepEqual((await expand(lying)).map(outcome), ['read a.json: {"a":1}', 'skip artifact a (#1) (entry 2): zip-size-mismatch']);
});

test('a zip bomb is refused before it inflates', async () => {
  const events = await expand(zipSync({ 'bomb.json': new Uint8Array(50 * 1024 * 1024) }, { level: 9 }));
  assert.deepEqual(events.map(outcome), ['skip artifact a (#1): zip-bomb']);
});

test('bytes that are not a zip, empty and truncated zips are one skipped input', async () => {
  assert.deepEqual((await expand(strToU8('not a zip at all'))).map(outcome), ['skip artifact a (#1): zip-invalid']);
  assert.deepEqual((await expand(new Uint8Array())).map(outcome), ['skip artifact a (#1): zip-invalid']);
  const zip = zipSync({ 'a.json': strToU8('{}') });
  assert.deepEqual((await expand(zip.subarray(0, zip.length - 10))).map(outcome), ['skip artifact a (#1): zip-invalid']);
  assert.deepEqual((await expand(zipSync({}))).map(outcome), []);
});

test('unsafeEntryName', () => {
  for (const name of ['/abs.json', '..', 'a/../b.json', 'a\\b.json', 'c:x.json', 'a\0.json']) assert.ok(unsafeEntryName(name), name);
  for (const name of ['a.json', 'a/b..c.json', '...json']) assert.ok(!unsafeEntryName(name), name);
});
