import assert from 'node:assert/strict';
import { test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import type { SourceItem, SourceSkip } from '../src/sources/source.ts';

type SourceEvent = SourceItem | SourceSkip;
import { ZIP_MAX_UNCOMPRESSED_BYTES } from '../src/limits.ts';
import { unsafeEntryName, zipEntries } from '../src/intake/zip-entries.ts';
import { seededRandom } from './fixtures/synthetic-summaries.ts';
import { patchZip, symlinkZip } from './fixtures/zip-tools.ts';

const item = (bytes: Uint8Array): SourceItem => ({
  kind: 'item',
  origin: 'artifact a (#1)',
  name: '1.zip',
  bytes,
  run: { id: 3, branch: null, url: 'u' },
});

async function expand(bytes: Uint8Array): Promise<SourceEvent[]> {
  const events: SourceEvent[] = [];
  for await (const event of zipEntries(item(bytes))) events.push(event);
  return events;
}
const outcome = (event: SourceEvent) =>
  event.kind === 'item'
    ? `read ${event.name}: ${new TextDecoder().decode(event.bytes)}`
    : `skip ${event.origin}: ${event.reason}`;

test('entries come out in archive order, in memory, with their run', async () => {
  const events = await expand(
    zipSync({ 'b/2.jsonl': strToU8('{}'), 'a.json': strToU8('[]'), 'dir/': new Uint8Array() }),
  );
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
  assert.deepEqual((await expand(symlinkZip('link.json', '/etc/passwd'))).map(outcome), [
    'skip artifact a (#1) (entry 1): zip-symlink',
  ]);
});

test('a declared size that is not what inflates stops the archive', async () => {
  const zip = zipSync({ 'a.json': strToU8('{"a":1}'), 'b.json': strToU8('{"b":"'.padEnd(200, 'x') + '"}') });
  const lying = patchZip(zip, 'b.json', { uncompressedSize: 20 });
  assert.deepEqual((await expand(lying)).map(outcome), [
    'read a.json: {"a":1}',
    'skip artifact a (#1) (entry 2): zip-size-mismatch',
  ]);
});

test('a zip bomb is refused before it inflates', async () => {
  const events = await expand(zipSync({ 'bomb.json': new Uint8Array(50 * 1024 * 1024) }, { level: 9 }));
  assert.deepEqual(events.map(outcome), ['skip artifact a (#1): zip-bomb']);
});

test('bytes that are not a zip, empty and truncated zips are one skipped input', async () => {
  assert.deepEqual((await expand(strToU8('not a zip at all'))).map(outcome), ['skip artifact a (#1): zip-invalid']);
  assert.deepEqual((await expand(new Uint8Array())).map(outcome), ['skip artifact a (#1): zip-invalid']);
  const zip = zipSync({ 'a.json': strToU8('{}') });
  assert.deepEqual((await expand(zip.subarray(0, zip.length - 10))).map(outcome), [
    'skip artifact a (#1): zip-invalid',
  ]);
  assert.deepEqual((await expand(zipSync({}))).map(outcome), []);
});

test('unsafeEntryName', () => {
  for (const name of ['/abs.json', '..', 'a/../b.json', 'a\\b.json', 'c:x.json', 'a\0.json'])
    assert.ok(unsafeEntryName(name), name);
  for (const name of ['a.json', 'a/b..c.json', '...json']) assert.ok(!unsafeEntryName(name), name);
});

test('a large NDJSON entry is read as it inflates, with the figures of reading it whole; a size that lies stops the archive', async () => {
  const { intake } = await import('../src/intake/intake.ts');
  const { STREAM_FROM_BYTES } = await import('../src/sources/path-source.ts');
  const { VALID_SUMMARY } = await import('./fixtures/valid-summary.ts');
  const lines: string[] = [];
  for (let n = 0, size = 0; size <= STREAM_FROM_BYTES + 100_000; n += 1) {
    lines.push(
      n % 1000 === 7
        ? '{"broken":'
        : JSON.stringify({
            ...VALID_SUMMARY,
            session_id: `5d0c7a1e-0000-4000-8000-${(n % 9000).toString(16).padStart(12, '0')}`,
          }),
    );
    size += lines.at(-1)!.length + 1;
  }
  const text = lines.join('\n');
  const run = async (bytes: Uint8Array, name: string) => {
    const sessions: string[] = [];
    const tally = await intake({
      sources: [
        {
          describe: () => 'one input',
          read: async function* () {
            yield { kind: 'item' as const, origin: 'artifact a (#1)', name, bytes, run: null };
          },
        },
      ],
      windowStart: new Date('2026-01-01T00:00:00Z'),
      now: new Date('2026-11-21T00:00:00Z'),
      onSession: (summary) => sessions.push(summary.session_id),
    });
    return { tally: { ...tally, inputsRead: 0 }, sessions };
  };
  const zip = zipSync({ 'big.jsonl': strToU8(text) });
  const streamed = await run(zip, '1.zip');
  const whole = await run(strToU8(text), 'big.jsonl');
  assert.deepEqual(streamed, whole);
  assert.equal(streamed.tally.records, lines.length);
  assert.equal(streamed.tally.rejectedReasons['invalid-json'], Math.ceil((lines.length - 7) / 1000));

  // Declared a little short: the lie shows once inflating passes it.
  const lying = await run(patchZip(zip, 'big.jsonl', { uncompressedSize: text.length - 5000 }), '1.zip');
  assert.deepEqual(lying.tally.skipped, { 'zip-size-mismatch': 1 });
  assert.ok(
    lying.tally.records > 0 && lying.tally.records < lines.length,
    `${lying.tally.records} records read before the lie`,
  );
});

test('an encrypted entry is skipped with its reason and the entries after it are still read', async () => {
  const zip = patchZip(
    zipSync({ 'secret.json': strToU8('{"s":1}'), 'after.json': strToU8('{"a":2}') }),
    'secret.json',
    { flags: 0x1 },
  );
  assert.deepEqual((await expand(zip)).map(outcome), [
    'skip artifact a (#1) (entry 1): zip-encrypted',
    'read after.json: {"a":2}',
  ]);
});

test('the entry-count limit: 10,000 entries are read, 10,001 refuse the archive', async () => {
  const entries = (count: number) =>
    Object.fromEntries(Array.from({ length: count }, (_, index) => [`e${index}.json`, strToU8('{}')]));
  const atLimit = await expand(zipSync(entries(10_000)));
  assert.equal(atLimit.filter((event) => event.kind === 'item').length, 10_000);
  assert.deepEqual((await expand(zipSync(entries(10_001)))).map(outcome), [
    'skip artifact a (#1): zip-too-many-entries',
  ]);
});

test('declared sizes add up across entries: two entries under the limit each, over it together, refuse the archive', async () => {
  // Entries of 2 MiB that do not compress, declaring 300 MiB each: 150:1, under the zip-bomb ratio,
  // each under ZIP_MAX_UNCOMPRESSED_BYTES (512 MiB), 600 MiB together.
  const random = seededRandom(9);
  const filler = Uint8Array.from({ length: 2 * 1024 * 1024 }, () => Math.floor(random() * 256));
  let zip: Uint8Array = zipSync({ 'a.jsonl': filler, 'b.jsonl': filler, 'c.json': strToU8('{}') }, { level: 1 });
  const declared = 300 * 1024 * 1024;
  assert.ok(declared < ZIP_MAX_UNCOMPRESSED_BYTES && 2 * declared > ZIP_MAX_UNCOMPRESSED_BYTES);
  zip = patchZip(patchZip(zip, 'a.jsonl', { uncompressedSize: declared }), 'b.jsonl', { uncompressedSize: declared });
  const events = await expand(zip);
  assert.deepEqual(
    events.map((event) => (event.kind === 'item' ? `stream ${event.name}` : `skip ${event.origin}: ${event.reason}`)),
    ['stream a.jsonl', 'skip artifact a (#1): zip-too-large'],
  );
});
