import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { UuidSet } from '../src/uuid/uuid-set.ts';
import { seededRandom } from './fixtures/synthetic-summaries.ts';

test('exact membership across growth, case-insensitively', () => {
  const set = new UuidSet();
  const ids = Array.from(
    { length: 5000 },
    (_, i) => `${i.toString(16).padStart(8, '0')}-0000-4000-8000-${(i * 7).toString(16).padStart(12, '0')}`,
  );
  for (const id of ids) assert.equal(set.add(id), true);
  assert.equal(set.size, 5000);
  for (const id of ids) assert.equal(set.add(id.toUpperCase()), false);
  assert.equal(set.size, 5000);
});

test('agrees with a Set of strings on random UUIDs with repeats', () => {
  fc.assert(
    fc.property(fc.array(fc.uuid(), { maxLength: 200 }), fc.array(fc.nat(), { maxLength: 50 }), (ids, repeats) => {
      const list = [
        ...ids,
        ...repeats.map((index) => ids[index % Math.max(1, ids.length)]).filter((id): id is string => id !== undefined),
      ];
      const compact = new UuidSet();
      const plain = new Set<string>();
      for (const id of list)
        assert.equal(compact.add(id), !plain.has(id.toLowerCase()) && (plain.add(id.toLowerCase()), true));
      assert.equal(compact.size, plain.size);
    }),
    { numRuns: 2000 },
  );
});

test('the nil UUID is a member like any other', () => {
  const set = new UuidSet();
  assert.equal(set.add('00000000-0000-0000-0000-000000000000'), true);
  assert.equal(set.add('00000000-0000-0000-0000-000000000000'), false);
  assert.equal(set.add('00000000-0000-0000-0000-000000000001'), true);
  assert.equal(set.size, 2);
});

test('a million IDs: every one added once, every repeat refused', () => {
  const set = new UuidSet();
  const id = (i: number) =>
    `${((i * 2654435761) >>> 0).toString(16).padStart(8, '0')}-${(i & 0xffff).toString(16).padStart(4, '0')}-4000-8000-${i.toString(16).padStart(12, '0')}`;
  for (let i = 0; i < 1_000_000; i += 1) assert.ok(set.add(id(i)));
  for (let i = 0; i < 1_000_000; i += 7919) assert.ok(!set.add(id(i)));
  assert.equal(set.size, 1_000_000);
});

const textOf = (a: number, b: number, c: number, d: number) =>
  [a, b, c, d].map((word) => (word >>> 0).toString(16).padStart(8, '0')).join('');

test('every member is listed once, as it was added, at every size across growth; an empty set lists none', () => {
  const random = seededRandom(21);
  const word = () => Math.floor(random() * 2 ** 32);
  for (const count of [0, 1, 7, 8, 9, 100, 5000]) {
    const set = new UuidSet();
    const added = new Set<string>();
    // The nil UUID among them: an empty slot holds zeros too, and must not be listed for it.
    if (count > 0) {
      set.addWords(0, 0, 0, 0);
      added.add(textOf(0, 0, 0, 0));
    }
    while (added.size < count) {
      const words = [word(), word(), word(), word()] as const;
      set.addWords(...words);
      added.add(textOf(...words));
    }
    const listed: string[] = [];
    set.forEachWords((a, b, c, d) => listed.push(textOf(a, b, c, d)));
    assert.equal(listed.length, count, `${count} members`);
    assert.deepEqual(new Set(listed), added);
  }
});

test('IDs that differ in one word only are told apart, among hundreds of thousands that share the other three', () => {
  // With 16-bit tags, a probe meets another ID's equal tag now and then; only the four words then decide.
  for (const varied of [0, 1, 2, 3]) {
    const set = new UuidSet();
    const words = [0x1b9d6bcd, 0xbbfd4b2d, 0x9b5dab8d, 0xfbbd4bed];
    for (let i = 0; i < 300_000; i += 1) {
      words[varied] = Math.imul(i, 0x9e3779b1) >>> 0;
      assert.equal(set.addWords(words[0]!, words[1]!, words[2]!, words[3]!), true, `word ${varied}, ID ${i}`);
    }
    assert.equal(set.size, 300_000);
  }
});
