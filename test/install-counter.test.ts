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
  for (const count of [EXACT_INSTALLS + 1, 50_000, 300_000]) {
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
