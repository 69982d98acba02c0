import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalQuantile, wilsonInterval } from '../src/aggregate/wilson-interval.ts';

const near = (actual: number, expected: number, tolerance: number) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not within ${tolerance} of ${expected}`);

test('normal quantiles match the tables', () => {
  near(normalQuantile(0.975), 1.959964, 1e-6);
  near(normalQuantile(0.995), 2.575829, 1e-6);
  near(normalQuantile(0.5), 0, 1e-12);
  near(normalQuantile(0.01), -2.326348, 1e-6);
  assert.throws(() => normalQuantile(1), /needs 0 < p < 1, got 1$/);
  for (const outside of [0, -0.5, 1.5, Number.NaN])
    assert.throws(() => normalQuantile(outside), new RegExp(`needs 0 < p < 1, got ${outside}$`));
});

test('Wilson intervals match worked values', () => {
  // 24 of 60 at 95%: center 0.406017, half-width 0.120325
  const a = wilsonInterval(24, 60, 0.95);
  near(a.low, 0.28569, 1e-4);
  near(a.high, 0.52634, 1e-4);
  // 0 of 10 at 95%: 0 .. 0.2775
  const b = wilsonInterval(0, 10, 0.95);
  assert.equal(b.low, 0);
  near(b.high, 0.27753, 1e-4);
  // All successes keep the upper bound at 1.
  near(wilsonInterval(10, 10, 0.95).high, 1, 1e-12);
  assert.deepEqual(wilsonInterval(0, 0, 0.95), { low: 0, high: 1 });
  // Higher confidence, wider interval.
  assert.ok(wilsonInterval(24, 60, 0.99).low < a.low);
});
