// Installation evidence: the most events a heavy user could plausibly report,
// held to a Poisson tail summed here another way (backwards, in log space, with
// log k! as a sum of logarithms).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plausibleMost } from '../src/problems/install-spread.ts';

/** P(X > k) for X ~ Poisson(lambda), summed from the far tail inwards. */
function upperTail(lambda: number, k: number): number {
  let logFactorial = 0;
  for (let j = 2; j <= k + 1; j += 1) logFactorial += Math.log(j);
  let sum = 0;
  let logPmf = -lambda + (k + 1) * Math.log(lambda) - logFactorial;
  const terms: number[] = [];
  for (let j = k + 1; j < k + 1 + 20 * Math.ceil(Math.sqrt(lambda) + 10); j += 1) {
    terms.push(Math.exp(logPmf));
    logPmf += Math.log(lambda) - Math.log(j + 1);
  }
  for (let i = terms.length - 1; i >= 0; i -= 1) sum += terms[i]!;
  return sum;
}

/** The smallest k whose upper tail is at most 1e-3. */
function expectedMost(lambda: number): number {
  let k = 0;
  while (upperTail(lambda, k) > 1e-3) k += 1;
  return k;
}

test('the most events a heavy user plausibly reports: the 99.9% Poisson quantile, then a normal bound past 500', () => {
  for (const lambda of [0.0005, 0.01, 0.3, 1, 2.5, 7, 20, 64, 150, 333, 499]) {
    assert.equal(plausibleMost(lambda), expectedMost(lambda), `lambda ${lambda}`);
  }
  // Worked by hand: Poisson(1) has P(X > 5) = 0.000594 and P(X > 4) = 0.00366, so 5.
  assert.equal(plausibleMost(1), 5);
  // Past 500: lambda + 4 standard deviations, rounded up.
  assert.equal(plausibleMost(900), 900 + 120);
  assert.equal(plausibleMost(500.25), Math.ceil(500.25 + 4 * Math.sqrt(500.25)));
  assert.equal(plausibleMost(500), expectedMost(500), 'exactly 500 is still summed');
  // No rate, a negative one or none at all: nothing is plausible, nothing is left out for it.
  for (const lambda of [0, -3, Number.NaN]) assert.equal(plausibleMost(lambda), 0, `lambda ${lambda}`);
});
