import assert from 'node:assert/strict';
import { test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import type { SourceItem } from '../src/sources/source.ts';
import { zipEntries } from '../src/sources/zip-entries.ts';

const item = (bytes: Uint8Array): SourceItem => ({ kind: 'item', origin: 'artifact a (#1)', name: '1.zip', bytes, run: null });

test('entries come out in name order, in memory, with their run', () => {
  const zip = zipSync({ 'b/2.jsonl': strToU8('{}'), 'a.json': strToU8('[]'), 'dir/': new Uint8Array() });
  const events = [...zipEntries(item(zip))];
  assert.deepEqual(
    events.map((event) => (event.kind === 'item' ? [event.name, event.origin, new TextDecoder().decode(event.bytes)] : event)),
    [
      ['a.json', 'artifact a (#1)/a.json', '[]'],
      ['b/2.jsonl', 'artifact a (#1)/b/2.jsonl', '{}'],
    ],
  );
});

test('unsafe names and nested archives are skipped with reasons, the rest is read', () => {
  const zip = zipSync({
    '../escape.json': strToU8('{}'),
    'C:/drive.json': strToU8('{}'),
    'inner.zip': zipSync({ 'x.json': strToU8('{}') }),
    'ok.json': strToU8('{}'),
  });
  const events = [...zipEntries(item(zip))];
  const reasons = events.filter((event) => event.kind === 'skip').map((event) => event.kind === 'skip' && event.reason);
  assert.deepEqual(reasons.sort(), ['zip-nested-archive', 'zip-unsafe-entry-name', 'zip-unsafe-entry-name']);
  assert.deepEqual(events.filter((event) => event.kind === 'item').map((event) => event.kind === 'item' && event.name), ['ok.json']);
  // Skip reasons never echo the hostile entry name.
  assert.doesNotMatch(JSON.stringify(events.filter((event) => event.kind === 'skip')), /escape|drive/);
});

test('bytes that are not a zip are one skipped input', () => {
  assert.deepEqual([...zipEntries(item(strToU8('not a zip at all')))], [{ kind: 'skip', origin: 'artifact a (#1)', reason: 'zip-invalid' }]);
});
