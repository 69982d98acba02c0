import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orderedPool } from '../src/sources/ordered-pool.ts';

test('results come in input order with at most `limit` tasks in flight', async () => {
  let inFlight = 0;
  let peak = 0;
  const task = async (n: number) => {
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    await new Promise((resolve) => setTimeout(resolve, (7 - n) * 3));
    inFlight -= 1;
    return n * 10;
  };
  const results: number[] = [];
  for await (const result of orderedPool([1, 2, 3, 4, 5, 6], 3, task)) results.push(result);
  assert.deepEqual(results, [10, 20, 30, 40, 50, 60]);
  assert.equal(peak, 3);
});

test('an empty list yields nothing', async () => {
  const results: number[] = [];
  for await (const result of orderedPool([], 4, async (n: number) => n)) results.push(result);
  assert.deepEqual(results, []);
});
