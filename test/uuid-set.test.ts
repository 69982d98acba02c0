import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { UuidSet } from '../src/uuid/uuid-set.ts';

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
