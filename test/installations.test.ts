// One notion of an installation: each distinct install ID, and each session without one.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { installationsOf } from '../src/aggregate/installations.ts';

test('installations: distinct IDs, counted or held in a set, plus one for each session without an ID', () => {
  assert.equal(installationsOf({ sessions: 10, withInstall: 10, installs: 3 }), 3);
  assert.equal(installationsOf({ sessions: 10, withInstall: 6, installs: 3 }), 7);
  assert.equal(installationsOf({ sessions: 4, withInstall: 0, installs: 0 }), 4);
  assert.equal(installationsOf({ sessions: 10, withInstall: 6, installs: { size: 2 } }), 6);
  assert.equal(installationsOf({ sessions: 0, withInstall: 0, installs: { size: 0 } }), 0);
});
