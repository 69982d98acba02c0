import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatCount, formatDuration, formatPercent } from '../src/render/format.ts';

test('percentages keep two significant decimals below 10%', () => {
  assert.equal(formatPercent(0.4), '40.0%');
  assert.equal(formatPercent(0.0186), '1.86%');
  assert.equal(formatPercent(0), '0.0%');
  assert.equal(formatPercent(null), 'n/a');
  assert.equal(formatPercent(Number.NaN), 'n/a');
});

test('counts get thousands separators', () => {
  assert.equal(formatCount(0), '0');
  assert.equal(formatCount(1234567), '1,234,567');
});

test('durations read as s, m s, h m', () => {
  assert.equal(formatDuration(42.4), '42s');
  assert.equal(formatDuration(502), '8m 22s');
  assert.equal(formatDuration(7325), '2h 2m');
  assert.equal(formatDuration(-1), 'n/a');
});
