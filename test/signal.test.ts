// A small, seeded run of the simulator behind `npm run signal`, with hard bounds:
// false issues over healthy data stay rare, recall stays near the exact-test
// reference on the same data, and one noisy installation is never filed.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { simulateLifecycle } from '../scripts/signal/lifecycle.ts';
import { ruleFor, simulateSize, SIZES } from '../scripts/signal/simulate.ts';

test('15 and 60 configurations: at most 5% of healthy runs file a false issue, recall within reach of the reference', () => {
  for (const configurations of [15, 60]) {
    const result = simulateSize(
      configurations,
      SIZES[configurations]!,
      { healthy: 60, planted: 30 },
      4242 + configurations,
      ruleFor(false),
    );
    assert.ok(
      result.healthy.product.runsWithFalse <= 3,
      `${configurations}: ${result.healthy.product.runsWithFalse} of 60 healthy runs filed a false issue`,
    );
    for (const kind of ['cell', 'since-version', 'release', 'platform']) {
      const { product, reference } = result.planted[kind]!;
      // 30 runs: 4 runs are 13 points, the room the sampling noise needs.
      assert.ok(
        product.found >= reference.found - 4,
        `${configurations} ${kind}: product ${product.found}, reference ${reference.found} of 30`,
      );
    }
    // A problem that happens to cover that cell can still come from noise elsewhere, at the false-issue rate.
    assert.ok(
      result.planted['single-installation']!.product.found <= 1,
      `one installation crashing 40 times was filed in ${result.planted['single-installation']!.product.found} of 30 runs`,
    );
    assert.equal(
      result.planted['single-installation']!.reference.found,
      30,
      'the per-session reference files the noisy installation every time',
    );
  }
});

test('thirty daily runs: no issue opens twice, a planted problem is filed within two runs of being found and not closed while it lasts', async () => {
  for (let index = 0; index < 3; index += 1) {
    const healthy = await simulateLifecycle({
      platforms: 3,
      versions: 5,
      days: 30,
      lookbackDays: 7,
      closeAfterDays: 3,
      plantFrom: null,
      seed: 77 + index,
    });
    assert.equal(healthy.runs, 30);
    assert.equal(healthy.openedTwice, 0, `healthy population ${index}: an issue opened twice`);
    const planted = await simulateLifecycle({
      platforms: 3,
      versions: 5,
      days: 30,
      lookbackDays: 7,
      closeAfterDays: 3,
      plantFrom: 10,
      seed: 177 + index,
    });
    assert.equal(planted.openedTwice, 0, `planted population ${index}: an issue opened twice`);
    assert.ok(
      planted.foundOn !== null && planted.foundOn >= 10,
      `planted population ${index}: found on ${planted.foundOn}`,
    );
    assert.ok(
      planted.filedOn !== null && planted.filedOn - planted.foundOn! <= 2,
      `planted population ${index}: found on ${planted.foundOn}, filed on ${planted.filedOn}`,
    );
    assert.equal(planted.closedWhileBroken, 0, `planted population ${index}: closed while still broken`);
  }
});
