import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EXACT_INSTALLS, InstallCounter } from '../src/aggregate/install-counter.ts';
import { hashWords } from '../src/uuid/hash32.ts';
import { seededRandom, seededUuid } from './fixtures/synthetic-summaries.ts';

const ids = (count: number, seed: number) => {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => seededUuid(random));
};

test('exact up to the limit the README gives (16,384), strings and bytes alike; one more is an estimate', () => {
  assert.equal(EXACT_INSTALLS, 16_384);
  const counter = new InstallCounter();
  const list = ids(16_384, 1);
  for (const id of list) counter.add(id);
  for (const id of list.slice(0, 100)) counter.addBytes(Buffer.from(id.replaceAll('-', ''), 'hex'), 0);
  assert.equal(counter.size, 16_384);
  assert.equal(counter.approximate, false);
  counter.add(ids(1, 2)[0]!);
  assert.equal(counter.approximate, true);
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

/** HyperLogLog's registers (2^14) over the counter's two hashes, computed here from the definition. */
function registersOf(words: readonly (readonly [number, number, number, number])[]): number[] {
  const registers = new Array<number>(2 ** 14).fill(0);
  for (const [a, b, c, d] of words) {
    // The register is the top 14 bits of one hash; the rank is one more than the other's leading zero bits.
    const index = Math.floor((hashWords(a, b, c, d, 0x27d4eb2f) >>> 0) / 2 ** 18);
    const other = hashWords(d, c, b, a, 0x165667b1) >>> 0;
    const rank = 33 - (other === 0 ? 0 : other.toString(2).length);
    registers[index] = Math.max(registers[index]!, rank);
  }
  return registers;
}

function hyperLogLog(registers: readonly number[]): number {
  const m = registers.length;
  const harmonic = registers.reduce((sum, rank) => sum + 2 ** -rank, 0);
  const raw = ((0.7213 / (1 + 1.079 / m)) * m * m) / harmonic;
  const empty = registers.filter((rank) => rank === 0).length;
  // Linear counting while the raw estimate is small and some registers are still empty.
  return Math.round(raw <= 2.5 * m && empty > 0 ? m * Math.log(m / empty) : raw);
}

const wordsOf = (count: number, seed: number) => {
  const random = seededRandom(seed);
  const word = () => Math.floor(random() * 2 ** 32) | 0;
  return Array.from({ length: count }, () => [word(), word(), word(), word()] as const);
};

test("past the limit the figure is HyperLogLog's to the unit: linear counting below 2.5 registers' worth, the raw estimate above", () => {
  for (const count of [EXACT_INSTALLS + 1, 30_000, 45_000, 60_000, 200_000]) {
    const words = wordsOf(count, count);
    const counter = new InstallCounter();
    for (const [a, b, c, d] of words) counter.addWords(a, b, c, d);
    assert.equal(counter.size, hyperLogLog(registersOf(words)), `${count} installations`);
  }
});

test('a counter holding one ID takes in an estimate with that ID in its registers', () => {
  const words = wordsOf(EXACT_INSTALLS + 2000, 99);
  const registers = registersOf(words);
  // An ID whose register no other ID reached: it moves the estimate.
  const alone = wordsOf(100, 100).find((id) => registers[registersOf([id]).findIndex((rank) => rank > 0)] === 0)!;
  const estimate = new InstallCounter();
  for (const [a, b, c, d] of words) estimate.addWords(a, b, c, d);
  const single = new InstallCounter();
  single.addWords(...alone);
  single.mergeFrom(estimate);
  assert.equal(single.size, hyperLogLog(registersOf([...words, alone])));
  assert.notEqual(single.size, estimate.size);
});
