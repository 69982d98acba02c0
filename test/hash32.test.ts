// The 32-bit hashes: the unkeyed ones outlive the process (a kept history's sketches are made of
// them), so they are held to MurmurHash3's finalizer computed here on BigInts and to pinned values;
// the keyed ones are held to what their callers rely on.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fmix, hashBytes, hashWords, spread } from '../src/uuid/hash32.ts';
import { seededRandom } from './fixtures/synthetic-summaries.ts';

const M32 = (1n << 32n) - 1n;
/** MurmurHash3's fmix32, on BigInts. */
function fmixReference(value: number): number {
  let h = BigInt(value >>> 0);
  h ^= h >> 16n;
  h = (h * 0x85ebca6bn) & M32;
  h ^= h >> 13n;
  h = (h * 0xc2b2ae35n) & M32;
  h ^= h >> 16n;
  return Number(h);
}

test("fmix is MurmurHash3's finalizer", () => {
  const random = seededRandom(32);
  const inputs = [0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff, 0xdeadbeef];
  for (let i = 0; i < 2000; i += 1) inputs.push(Math.floor(random() * 2 ** 32));
  for (const input of inputs) assert.equal(fmix(input), fmixReference(input), `fmix(${input})`);
  // Known values of the finalizer.
  assert.equal(fmix(0), 0);
  assert.equal(fmix(1), 0x514e28b7);
});

test('hashWords: each word through the finalizer before the next joins, seeded; pinned, since kept histories hold it', () => {
  const reference = (a: number, b: number, c: number, d: number, seed = 0x9e3779b9) =>
    fmixReference((fmixReference((fmixReference((fmixReference((a ^ seed) >>> 0) ^ b) >>> 0) ^ c) >>> 0) ^ d) >>> 0);
  const random = seededRandom(4);
  const word = () => Math.floor(random() * 2 ** 32);
  for (let i = 0; i < 500; i += 1) {
    const [a, b, c, d, seed] = [word(), word(), word(), word(), word()];
    assert.equal(hashWords(a, b, c, d), reference(a, b, c, d));
    assert.equal(hashWords(a, b, c, d, seed), reference(a, b, c, d, seed));
  }
  // Pinned: a change here makes every kept history's installation sketches wrong.
  assert.equal(hashWords(0, 0, 0, 0).toString(16), PINNED_ZERO);
  assert.equal(hashWords(0x1b9d6bcd, 0xbbfd4b2d, 0x9b5dab8d, 0xfbbd4bed).toString(16), PINNED_ID);
});

test('spread: a bijection of the first word for fixed others, moved by every bit of every word', () => {
  const random = seededRandom(9);
  const word = () => Math.floor(random() * 2 ** 32);
  const [b, c, d] = [word(), word(), word()];
  const seen = new Set<number>();
  for (let a = 0; a < 1 << 16; a += 1) seen.add(spread(a * 65_521, b, c, d));
  assert.equal(seen.size, 1 << 16, 'no two first words share a value');
  for (let trial = 0; trial < 50; trial += 1) {
    const words = [word(), word(), word(), word()] as [number, number, number, number];
    const base = spread(...words);
    assert.ok(base >= 0 && base <= 0xffffffff && Number.isInteger(base));
    for (let w = 0; w < 4; w += 1)
      for (let bit = 0; bit < 32; bit += 1) {
        const flipped = [...words] as [number, number, number, number];
        flipped[w] = (flipped[w]! ^ (1 << bit)) >>> 0;
        assert.notEqual(spread(...flipped), base, `word ${w} bit ${bit}`);
      }
  }
  // Well spread: sequential IDs that differ only in their last word fill 256 buckets evenly.
  const buckets = new Array<number>(256).fill(0);
  for (let i = 0; i < 25_600; i += 1) buckets[spread(0x1b9d6bcd, 0xbbfd4b2d, 0x9b5dab8d, i) >>> 24]! += 1;
  assert.ok(chiSquare(buckets) < 350, `chi-square ${chiSquare(buckets)} over 255 degrees of freedom`);
});

test('hashBytes: 30 bits, moved by every byte and by the length, well spread', () => {
  const random = seededRandom(30);
  for (let length = 0; length <= 13; length += 1) {
    const bytes = Uint8Array.from({ length: length + 4 }, () => Math.floor(random() * 256));
    const base = hashBytes(bytes, 2, 2 + length);
    assert.ok(base >= 0 && base < 2 ** 30);
    for (let i = 2; i < 2 + length; i += 1) {
      const changed = bytes.slice();
      changed[i] = changed[i]! ^ 0x01;
      assert.notEqual(hashBytes(changed, 2, 2 + length), base, `length ${length}, byte ${i - 2}`);
    }
    // Only the span counts: bytes around it do not.
    const around = bytes.slice();
    around[0] = around[0]! ^ 0xff;
    around[length + 3] = around[length + 3]! ^ 0xff;
    assert.equal(hashBytes(around, 2, 2 + length), base);
  }
  // The same bytes anywhere in any buffer hash alike, whatever comes just before or just after them.
  for (let length = 0; length <= 13; length += 1) {
    const content = Uint8Array.from({ length }, () => Math.floor(random() * 256));
    const at = (offset: number) => {
      const buffer = Uint8Array.from({ length: offset + length + 3 }, () => Math.floor(random() * 256));
      buffer.set(content, offset);
      return hashBytes(buffer, offset, offset + length);
    };
    const first = at(0);
    for (const offset of [1, 3, 4, 7, 12]) assert.equal(at(offset), first, `length ${length} at ${offset}`);
  }
  const zeros = new Uint8Array(8);
  assert.notEqual(hashBytes(zeros, 0, 4), hashBytes(zeros, 0, 5), 'a longer run of zeros is another string');
  const buckets = new Array<number>(256).fill(0);
  const text = new TextEncoder();
  for (let i = 0; i < 25_600; i += 1) {
    const bytes = text.encode(`2.${i % 97}.${i}`);
    buckets[hashBytes(bytes, 0, bytes.length) >>> 22]! += 1;
  }
  assert.ok(chiSquare(buckets) < 350, `chi-square ${chiSquare(buckets)} over 255 degrees of freedom`);
});

/** Pearson's statistic against equal counts; 255 degrees of freedom: mean 255, 350 is past its 99.9th percentile. */
function chiSquare(counts: number[]): number {
  const expected = counts.reduce((a, b) => a + b, 0) / counts.length;
  return counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
}

const PINNED_ZERO = '37dd7702';
const PINNED_ID = '52b8cbe0';
