import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRecords, recordFormatOf } from '../src/records/parse-records.ts';

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
  assert.deepEqual([...parseRecords(bytes('[{"a":1},2]'), 'json')], [
    { ok: true, value: { a: 1 } },
    { ok: true, value: 2 },
  ]);
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
  assert.deepEqual([...parseRecords(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('{"a":1}')]), 'json')], [{ ok: true, value: { a: 1 } }]);
  assert.deepEqual([...parseRecords(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 'jsonl')], [{ ok: false, reason: 'not-utf8' }]);
});

test('"__proto__" keys stay plain data', () => {
  const [result] = [...parseRecords(bytes('{"__proto__":{"polluted":true}}'), 'json')];
  assert.ok(result?.ok);
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
});
