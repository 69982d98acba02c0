import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { spread } from '../src/uuid/hash32.ts';
import { PackedUuidSet } from '../src/uuid/packed-uuid-set.ts';
import { seededRandom } from './fixtures/synthetic-summaries.ts';

const hex = (value: number, digits: number) => (value >>> 0).toString(16).padStart(digits, '0');
const uuidOf = (a: number, b: number, c: number, d: number) =>
  `${hex(a, 8)}-${hex(b >>> 16, 4)}-${hex(b & 0xffff, 4)}-${hex(c >>> 16, 4)}-${hex(c & 0xffff, 4)}${hex(d, 8)}`;

/** Adds every ID to the set and to a Set of strings, and checks they agree at each step. */
function agree(ids: string[], set = new PackedUuidSet(ids.length)): void {
  const plain = new Set<string>();
  for (const id of ids) {
    const key = id.toLowerCase();
    assert.equal(set.add(id), !plain.has(key), `${id}: the sets disagree`);
    plain.add(key);
  }
  assert.equal(set.size, plain.size);
}

test('agrees with a Set of strings on random UUIDs with repeats, across many merges', () => {
  fc.assert(
    fc.property(
      fc.array(fc.uuid(), { maxLength: 4000, size: 'max' }),
      fc.array(fc.nat(), { maxLength: 2000, size: 'max' }),
      (ids, repeats) => {
        // Repeats come after the first copies, so some meet their first copy merged, some still waiting.
        const list = [...ids];
        for (const [at, index] of repeats.entries())
          list.splice(
            (at * 7919) % (list.length + 1),
            0,
            (ids[index % Math.max(1, ids.length)] ?? '00000000-0000-0000-0000-000000000000').toUpperCase(),
          );
        agree(list);
      },
    ),
    { numRuns: 60 },
  );
});

test('IDs that differ in one word only, and the extremes, are told apart', () => {
  const ids: string[] = [];
  for (let i = 0; i < 3000; i += 1) {
    ids.push(uuidOf(i, 0, 0, 0), uuidOf(0, i, 0, 0), uuidOf(0, 0, i, 0), uuidOf(0, 0, 0, i));
    ids.push(
      uuidOf(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff - i),
      uuidOf(0x80000000, 0x80000000 + i, 0x7fffffff, 0x80000000),
    );
  }
  agree([...ids, ...ids.slice(0, 5000).reverse()]);
});

test('words given as signed or unsigned integers are the same ID', () => {
  const set = new PackedUuidSet();
  assert.equal(set.addWords(-1, -2, -3, -4), true);
  assert.equal(set.addWords(0xffffffff, 0xfffffffe, 0xfffffffd, 0xfffffffc), false);
  const bytes = new Uint8Array(16).fill(0xff);
  bytes[15] = 0xfc;
  bytes[11] = 0xfd;
  bytes[7] = 0xfe;
  assert.equal(set.addBytes(bytes, 0), false);
  assert.equal(set.add('ffffffff-ffff-fffe-ffff-fffdfffffffc'), false);
  assert.equal(set.size, 1);
});

test('two and a half million IDs past a reservation of one million: every one added once, every repeat refused', () => {
  const set = new PackedUuidSet(1 << 20);
  // Beside the first word, one of the others varies and two are fixed: among millions, some IDs share
  // their mixed first word with one whose fixed words are the same, and only the varying word tells them apart.
  const words = (i: number): [number, number, number, number] => {
    const varying = Math.imul(i, 0x85ebca6b) >>> 0;
    const first = Math.imul(i, 0x9e3779b1) >>> 0;
    if (i % 3 === 0) return [first, varying, 0x40008000, 0x12345678];
    if (i % 3 === 1) return [first, 0x40008000, varying, 0x12345678];
    return [first, 0x40008000, 0x12345678, varying];
  };
  for (let i = 1; i <= 2_500_000; i += 1) assert.ok(set.addWords(...words(i)), `ID ${i} was refused`);
  assert.equal(set.size, 2_500_000);
  for (let i = 1; i <= 2_500_000; i += 997) assert.ok(!set.addWords(...words(i)), `ID ${i} was taken twice`);
  assert.equal(set.size, 2_500_000);
});

/** Adds random fillers, none in the buckets (top 16 bits of x) named, until the waiting table is merged. */
function fillUntilMerged(set: PackedUuidSet, avoid: readonly number[], seed: number): void {
  const random = seededRandom(seed);
  const word = () => Math.floor(random() * 2 ** 32);
  for (let added = 0; added < 1100;) {
    const words = [word(), word(), word(), word()] as const;
    if (avoid.includes(spread(...words) >>> 16)) continue;
    set.addWords(...words);
    added += 1;
  }
}

test('merged members whose mixed first words share 16 or all 32 bits are still told apart', () => {
  // x is the first word mixed with the other three under a per-process key: pairs are found by search, here.
  const random = seededRandom(40);
  const word = () => Math.floor(random() * 2 ** 32);
  const [b, c, d] = [word(), word(), word()];
  // Same b, c, d; x one bucket apart with the same low half: the lower one must not find the upper one.
  const byLow = new Map<number, number[]>();
  let pair: [number, number] | null = null;
  for (let a = 0; pair === null; a += 1) {
    const x = spread(a, b, c, d);
    for (const other of byLow.get(x & 0xffff) ?? [])
      if (Math.abs((spread(other, b, c, d) >>> 16) - (x >>> 16)) === 1) pair = [other, a];
    byLow.set(x & 0xffff, [...(byLow.get(x & 0xffff) ?? []), a]);
  }
  const [lower, upper] = [...pair].sort((p, q) => spread(p, b, c, d) - spread(q, b, c, d)) as [number, number];
  const apart = new PackedUuidSet();
  apart.addWords(upper, b, c, d);
  fillUntilMerged(apart, [spread(lower, b, c, d) >>> 16, spread(upper, b, c, d) >>> 16], 41);
  assert.equal(apart.addWords(lower, b, c, d), true, 'the ID one bucket below is new');
  assert.equal(apart.addWords(upper, b, c, d), false);

  // Two IDs with the same x (other b, c, d): both merged, each found again.
  const byX = new Map<number, [number, number, number, number]>();
  let same: [number, number, number, number][] | null = null;
  while (same === null) {
    const words = [word(), word(), word(), word()] as [number, number, number, number];
    const x = spread(...words);
    const seen = byX.get(x);
    if (seen) same = [seen, words];
    byX.set(x, words);
  }
  const twins = new PackedUuidSet();
  for (const words of same) assert.equal(twins.addWords(...words), true);
  fillUntilMerged(twins, [spread(...same[0]!) >>> 16], 42);
  for (const words of same) assert.equal(twins.addWords(...words), false, 'found again after the merge');
});
