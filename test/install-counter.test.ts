import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EXACT_INSTALLS, InstallCounter } from '../src/aggregate/install-counter.ts';
import { seededRandom, seededUuid } from './fixtures/synthetic-summaries.ts';

const ids = (count: number, seed: number) => {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => seededUuid(random));
};

test('exact up to the limit, strings and bytes alike', () => {
  const counter = new InstallCounter();
  const list = ids(EXACT_INSTALLS, 1);
  for (const id of list) counter.add(id);
  for (const id of list.slice(0, 100)) counter.addBytes(Buffer.from(id.replaceAll('-', ''), 'hex'), 0);
  assert.equal(counter.size, EXACT_INSTALLS);
  assert.equal(counter.approximate, false);
});

test('past the limit: an estimate within 2.5% that neither order nor repeats change', () => {
  for (const count of [EXACT_INSTALLS + 1, 30_000, 50_000, 300_000]) {
    const list = ids(count, count);
    const forward = new InstallCounter();
    for (const id of list) forward.add(id);
    const backward = new InstallCounter();
    for (let i = list.length - 1; i >= 0; i -= 1) {
      backward.add(list[i]!);
      if (i % 3 === 0) backward.add(list[(i * 7) % list.length]!);
    }
    assert.equal(forward.approximate, true);
    assert.equal(backward.size, forward.size, `order and repeats changed the estimate at ${count}`);
    const error = Math.abs(forward.size - count) / count;
    assert.ok(error < 0.025, `estimate ${forward.size} for ${count} is ${(error * 100).toFixed(2)}% off`);
  }
});

test('one installation repeated is one; IDs differing in any one word are two', () => {
  const one = new InstallCounter();
  for (let i = 0; i < 5; i += 1) one.addWords(1, 2, 3, 4);
  assert.equal(one.size, 1);
  for (const other of [
    [9, 2, 3, 4],
    [1, 9, 3, 4],
    [1, 2, 9, 4],
    [1, 2, 3, 9],
  ] as const) {
    const two = new InstallCounter();
    two.addWords(1, 2, 3, 4);
    two.addWords(other[0], other[1], other[2], other[3]);
    two.addWords(1, 2, 3, 4);
    assert.equal(two.size, 2, other.join(' '));
  }
  assert.equal(new InstallCounter().size, 0);
});

test('merges count the union, exact while both are exact, by estimate once either is', () => {
  const list = ids(EXACT_INSTALLS + 5000, 7);
  const fill = (from: number, to: number) => {
    const counter = new InstallCounter();
    for (const id of list.slice(from, to)) counter.add(id);
    return counter;
  };
  // Exact into exact: overlapping sets.
  const small = fill(0, 300);
  small.mergeFrom(fill(200, 500));
  assert.deepEqual([small.size, small.approximate], [500, false]);
  // A single ID, and an empty counter, merge like any other.
  const single = fill(0, 1);
  single.mergeFrom(fill(0, 1));
  assert.equal(single.size, 1);
  single.mergeFrom(new InstallCounter());
  single.mergeFrom(fill(1, 2));
  assert.equal(single.size, 2);
  // An estimate into an exact counter, and the other way: the same estimate as adding every ID to one counter.
  const whole = fill(0, list.length);
  const exactFirst = fill(0, 3000);
  exactFirst.mergeFrom(fill(2000, list.length));
  const estimateFirst = fill(2000, list.length);
  estimateFirst.mergeFrom(fill(0, 3000));
  assert.equal(whole.approximate, true);
  assert.deepEqual([exactFirst.size, exactFirst.approximate], [whole.size, true]);
  assert.deepEqual([estimateFirst.size, estimateFirst.approximate], [whole.size, true]);
  // Two estimates: registers merge by maximum.
  const left = fill(0, EXACT_INSTALLS + 1);
  left.mergeFrom(fill(list.length - EXACT_INSTALLS - 1, list.length));
  assert.equal(left.size, whole.size);
  // An estimate merged into an empty counter is that estimate.
  const empty = new InstallCounter();
  empty.mergeFrom(whole);
  assert.deepEqual([empty.size, empty.approximate], [whole.size, true]);
});
