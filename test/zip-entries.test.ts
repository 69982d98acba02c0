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

test('a large NDJSON entry that cannot be opened is skipped as zip-invalid, and the archive stops there', async () => {
  const { STREAM_FROM_BYTES } = await import('../src/sources/path-source.ts');
  // Stored, not deflated, so its ratio is 1; its local header's signature is broken while the
  // central directory still lists it.
  const big = strToU8('{"a":1}\n'.repeat(Math.ceil(STREAM_FROM_BYTES / 8) + 1));
  const zip = zipSync({ 'big.jsonl': [big, { level: 0 }], 'after.json': strToU8('{"a":2}') });
  assert.deepEqual([...zip.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04]);
  zip[2] = 0;
  const seen: string[] = [];
  for await (const event of zipEntries(item(zip))) {
    if (event.kind === 'item' && event.stream) {
      let bytes = 0;
      for await (const chunk of event.stream()) bytes += chunk.byteLength;
      seen.push(`streamed ${event.name}: ${bytes} bytes of ${event.size}`);
    } else seen.push(outcome(event));
  }
  assert.deepEqual(seen, [
    `streamed big.jsonl: 0 bytes of ${big.byteLength}`,
    'skip artifact a (#1) (entry 1): zip-invalid',
  ]);
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

test('each entry is named after the archive, and an archive extension counts only at the end of a name', async () => {
  const events = await expand(
    zipSync({ 'logs/data.zip.json': strToU8('{}'), 'x.ZIP': strToU8('PK'), 'b/c.jsonl': strToU8('{}') }),
  );
  assert.deepEqual(
    events.map((event) => `${event.kind} ${event.origin}`),
    ['item artifact a (#1)/logs/data.zip.json', 'skip artifact a (#1) (entry 2)', 'item artifact a (#1)/b/c.jsonl'],
  );
  assert.ok(!unsafeEntryName('dir/at:12.json'), 'a colon past the start is not a drive');
});

test('names are UTF-8 when the entry says so, and read byte for byte (CP437 as Latin-1) when not', async () => {
  const zip = zipSync({ 'café.json': strToU8('{}') });
  assert.deepEqual((await expand(patchZip(zip, 'café.json', { flags: 0x800 }))).map(outcome), ['read café.json: {}']);
  assert.deepEqual((await expand(patchZip(zip, 'café.json', { flags: 0 }))).map(outcome), ['read cafÃ©.json: {}']);
});

test('a central directory that breaks after the first entry: that entry is read, then the archive is one skip', async () => {
  const zip = zipSync({ 'a.json': strToU8('{"a":1}'), 'b.json': strToU8('{"b":2}') });
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const headers: number[] = [];
  for (let i = 0; i + 4 <= zip.length; i += 1) if (view.getUint32(i, true) === 0x02014b50) headers.push(i);
  assert.equal(headers.length, 2);
  const broken = zip.slice();
  broken[headers[1]!] = 0;
  assert.deepEqual((await expand(broken)).map(outcome), ['read a.json: {"a":1}', 'skip artifact a (#1): zip-invalid']);
});

test('the limits at their edges: declared sizes of exactly 512 MiB, 64 KiB at any ratio, a ratio of exactly 200', async () => {
  // Entries declaring 256 MiB (2 MiB that do not compress: 128:1): declared sizes of exactly the limit are allowed.
  const random = seededRandom(12);
  const filler = Uint8Array.from({ length: 2 * 1024 * 1024 }, () => Math.floor(random() * 256));
  const half = ZIP_MAX_UNCOMPRESSED_BYTES / 2;
  let zip: Uint8Array = zipSync({ 'a.jsonl': filler, 'b.jsonl': filler, 'c.json': strToU8('{}') }, { level: 1 });
  // c.json's 2 bytes count too: 256 MiB + (256 MiB - 2) + 2 is exactly the limit.
  zip = patchZip(patchZip(zip, 'a.jsonl', { uncompressedSize: half }), 'b.jsonl', { uncompressedSize: half - 2 });
  assert.deepEqual(
    (await expand(zip)).map((event) => (event.kind === 'item' ? `item ${event.name}` : event.reason)),
    ['item a.jsonl', 'item b.jsonl', 'item c.json'],
  );
  // 64 KiB of one character compresses far past 200:1, but is too small to be a bomb; one byte more is one.
  const text = (length: number) => strToU8(`"${'a'.repeat(length - 2)}"`);
  assert.deepEqual(
    (await expand(zipSync({ 'small.json': text(65_536) }, { level: 9 }))).map((e) => e.kind),
    ['item'],
  );
  assert.deepEqual((await expand(zipSync({ 'big.json': text(65_537) }, { level: 9 }))).map(outcome), [
    'skip artifact a (#1): zip-bomb',
  ]);
  // Declared at exactly 200 times its compressed size: not a bomb (the lie shows when it inflates).
  const noise = Uint8Array.from({ length: 1000 }, () => Math.floor(random() * 256));
  const plain = zipSync({ 'n.json': noise }, { level: 1 });
  const compressed = new DataView(plain.buffer, plain.byteOffset).getUint32(18, true);
  assert.ok(200 * compressed > 65_536);
  const atRatio = patchZip(plain, 'n.json', { uncompressedSize: 200 * compressed });
  assert.deepEqual((await expand(atRatio)).map(outcome), ['skip artifact a (#1) (entry 1): zip-size-mismatch']);
  const pastRatio = patchZip(plain, 'n.json', { uncompressedSize: 200 * compressed + 1 });
  assert.deepEqual((await expand(pastRatio)).map(outcome), ['skip artifact a (#1): zip-bomb']);
});

test('NDJSON entries of up to 4 MiB are read whole, larger ones as they inflate; JSON is always read whole', async () => {
  const random = seededRandom(4);
  const line = () =>
    `{"x":"${Math.floor(random() * 2 ** 48)
      .toString(16)
      .padStart(12, '0')}"}\n`;
  const ndjson = (size: number) => {
    let text = '';
    while (text.length < size - 40) text += line();
    return strToU8(text.padEnd(size - 1, ' ') + '\n');
  };
  const exact = ndjson(4 * 1024 * 1024);
  assert.equal(exact.length, 4 * 1024 * 1024);
  const events = await expand(
    zipSync({ 'exact.jsonl': exact, 'over.jsonl': ndjson(4 * 1024 * 1024 + 1), 'doc.json': strToU8('[1]') }),
  );
  assert.deepEqual(
    events.map((event) =>
      event.kind === 'item'
        ? `${event.name} ${event.bytes.length} ${event.stream ? 'streamed' : 'whole'}`
        : event.reason,
    ),
    [`exact.jsonl ${4 * 1024 * 1024} whole`, 'over.jsonl 0 streamed', 'doc.json 3 whole'],
  );
  // Each names the archive and itself, streamed or not.
  assert.deepEqual(
    events.map((event) => event.origin),
    ['artifact a (#1)/exact.jsonl', 'artifact a (#1)/over.jsonl', 'artifact a (#1)/doc.json'],
  );
});
