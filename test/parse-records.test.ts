import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lineBlocks, parseRecords } from '../src/records/parse-records.ts';
import { recordFormatOf } from '../src/sources/file-kinds.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

test('recordFormatOf picks the parser from the extension', () => {
  assert.equal(recordFormatOf('a/b.JSON'), 'json');
  assert.equal(recordFormatOf('x.jsonl'), 'jsonl');
  assert.equal(recordFormatOf('x.ndjson'), 'jsonl');
  assert.equal(recordFormatOf('x.json.txt'), null);
  assert.equal(recordFormatOf('x.zip'), null);
});

test('a JSON object is one record, an array is one per element', () => {
  assert.deepEqual([...parseRecords(bytes('{"a":1}'), 'json')], [{ ok: true, value: { a: 1 } }]);
  assert.deepEqual(
    [...parseRecords(bytes('[{"a":1},2]'), 'json')],
    [
      { ok: true, value: { a: 1 } },
      { ok: true, value: 2 },
    ],
  );
});

test('NDJSON yields one result per non-blank line, bad lines do not hide good ones', () => {
  const results = [...parseRecords(bytes('{"a":1}\r\n\n  \n{"a":\n{"a":3}'), 'jsonl')];
  assert.deepEqual(results, [
    { ok: true, value: { a: 1 } },
    { ok: false, reason: 'invalid-json' },
    { ok: true, value: { a: 3 } },
  ]);
});

test('a UTF-8 byte order mark is tolerated, other encodings are rejected', () => {
  assert.deepEqual(
    [...parseRecords(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('{"a":1}')]), 'json')],
    [{ ok: true, value: { a: 1 } }],
  );
  assert.deepEqual(
    [...parseRecords(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 'jsonl')],
    [{ ok: false, reason: 'not-utf8' }],
  );
});

test('"__proto__" keys stay plain data', () => {
  const [result] = [...parseRecords(bytes('{"__proto__":{"polluted":true}}'), 'json')];
  assert.ok(result?.ok);
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
});

/** With `detach`, each block's buffer is moved away once read, as worker threads do with large chunks. */
async function collect(chunks: Uint8Array[], detach = false): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const block of lineBlocks(
    (async function* () {
      yield* chunks;
    })(),
  )) {
    out.push(...parseRecords(block, 'jsonl'));
    if (detach && block.buffer instanceof ArrayBuffer && !block.buffer.detached) block.buffer.transfer();
  }
  return out;
}

test('streamed NDJSON gives what whole-file parsing gives, wherever the chunks split', async () => {
  const fc = (await import('fast-check')).default;
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.oneof(
          fc.jsonValue().map((value) => JSON.stringify(value)),
          fc.constantFrom('', '  ', '{bad', '\r', '"\u00e9\u4e2d"'),
        ),
        { maxLength: 12 },
      ),
      fc.boolean(),
      fc.array(fc.nat({ max: 40 }), { maxLength: 8 }),
      async (lines, bom, cuts) => {
        const text = (bom ? '\ufeff' : '') + lines.join('\n');
        const bytes = new TextEncoder().encode(text);
        const points = [...new Set(cuts.map((cut) => cut % (bytes.byteLength + 1)))].sort((a, b) => a - b);
        const chunks: Uint8Array[] = [];
        let last = 0;
        for (const point of points) {
          chunks.push(bytes.subarray(last, point));
          last = point;
        }
        chunks.push(bytes.subarray(last));
        const whole = [...parseRecords(bytes, 'jsonl')];
        assert.deepEqual(await collect(chunks), whole);
        // Chunks with buffers of their own (Node Buffers, as file streams give), each moved
        // away after its block: nothing is lost.
        const owned = chunks.map((chunk) => {
          const copy = Buffer.alloc(chunk.byteLength);
          copy.set(chunk);
          return copy;
        });
        assert.deepEqual(await collect(owned, true), whole);
      },
    ),
    { numRuns: 2000 },
  );
});

test('an over-long streamed line is one rejection and the next line still counts', async () => {
  const long = `{"x":"${'a'.repeat(70_000)}"}`;
  const bytes = new TextEncoder().encode(`${long}\n{"ok":1}\n`);
  const chunks = [bytes.subarray(0, 30_000), bytes.subarray(30_000, 69_000), bytes.subarray(69_000)];
  assert.deepEqual(await collect(chunks), [
    { ok: false, reason: 'record-too-large' },
    { ok: true, value: { ok: 1 } },
  ]);
});
