// The one UUID codec, held to the platform's own parsing of hex text.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  uuidAsciiToBytes,
  uuidText,
  uuidTextToBytes,
  uuidWords,
  UuidWordsSink,
  wordAt,
} from '../src/uuid/uuid-codec.ts';
import { seededRandom } from './fixtures/synthetic-summaries.ts';

const random = seededRandom(16);
function randomUuid(): string {
  const hex = Array.from({ length: 32 }, () => '0123456789abcdefABCDEF'[Math.floor(random() * 22)]).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
/** The 16 bytes of UUID text, by Number.parseInt over each pair of digits. */
const bytesOf = (uuid: string) =>
  Uint8Array.from(uuid.replaceAll('-', '').match(/../g)!, (pair) => Number.parseInt(pair, 16));

test('text, bytes and words agree with parseInt over the hex digits, in either case', () => {
  for (let i = 0; i < 500; i += 1) {
    const uuid =
      i === 0
        ? '00000000-0000-0000-0000-000000000000'
        : i === 1
          ? 'FFFFFFFF-ffff-FFFF-ffff-FFFFFFFFFFFF'
          : randomUuid();
    const bytes = bytesOf(uuid);
    const hex = uuid.replaceAll('-', '');
    assert.deepEqual(
      uuidWords(uuid),
      [0, 8, 16, 24].map((at) => Number.parseInt(hex.slice(at, at + 8), 16)),
      uuid,
    );
    const out = new Uint8Array(20);
    uuidTextToBytes(uuid, out, 2);
    assert.deepEqual(out.subarray(2, 18), bytes);
    assert.equal(uuidText(out, 2), uuid.toLowerCase());
    const ascii = new TextEncoder().encode(` ${uuid} `);
    const fromAscii = new Uint8Array(17);
    assert.equal(uuidAsciiToBytes(ascii, 1, fromAscii, 1), true);
    assert.deepEqual(fromAscii.subarray(1), bytes);
    for (let w = 0; w < 4; w += 1) assert.equal(wordAt(bytes, w * 4), Number.parseInt(hex.slice(w * 8, w * 8 + 8), 16));
  }
});

test('ASCII that is not 8-4-4-4-12 hex digits is refused, wherever the fault is', () => {
  const good = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed';
  for (let at = 0; at < good.length; at += 1) {
    for (const bad of at === 8 || at === 13 || at === 18 || at === 23
      ? ['x', '0', '_']
      : ['g', 'G', '-', '/', ':', '@', '`']) {
      const text = good.slice(0, at) + bad + good.slice(at + 1);
      assert.equal(uuidAsciiToBytes(new TextEncoder().encode(text), 0, new Uint8Array(16), 0), false, text);
    }
  }
  // Bytes past 127 are no hex digit either.
  const high = new TextEncoder().encode(good);
  high[0] = 0xc3;
  assert.equal(uuidAsciiToBytes(high, 0, new Uint8Array(16), 0), false);
});

test('a set of IDs takes an ID as text or as bytes through the same four words', () => {
  class Words extends UuidWordsSink<string> {
    addWords(a: number, b: number, c: number, d: number) {
      return [a, b, c, d].map((word) => word.toString(16).padStart(8, '0')).join(' ');
    }
  }
  const sink = new Words();
  const uuid = '1B9D6BCD-bbfd-4b2d-9b5d-ab8dfbbd4bed';
  assert.equal(sink.add(uuid), '1b9d6bcd bbfd4b2d 9b5dab8d fbbd4bed');
  const bytes = new Uint8Array([9, ...bytesOf(uuid)]);
  assert.equal(sink.addBytes(bytes, 1), '1b9d6bcd bbfd4b2d 9b5dab8d fbbd4bed');
});

test('bytes are written to exactly the 16 places asked for: the bytes around them stay', () => {
  for (let i = 0; i < 200; i += 1) {
    const uuid = randomUuid();
    const ascii = new TextEncoder().encode(uuid);
    for (const write of [
      (out: Uint8Array) => uuidTextToBytes(uuid, out, 5),
      (out: Uint8Array) => assert.equal(uuidAsciiToBytes(ascii, 0, out, 5), true),
    ]) {
      const out = new Uint8Array(32).fill(0xa5);
      write(out);
      assert.deepEqual(out.subarray(5, 21), bytesOf(uuid));
      assert.deepEqual([...out.subarray(0, 5), ...out.subarray(21)], new Array<number>(16).fill(0xa5), uuid);
    }
  }
});
