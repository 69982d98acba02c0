// Events per installation: counted per ID up to a cap of tracked installations, the rest each
// standing alone, and merged as if every event had been added to one tracker.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventTracker, TRACKED_INSTALLS } from '../src/aggregate/cell-events.ts';

test('events are counted per installation, up to the cap of tracked installations', () => {
  const tracker = new EventTracker();
  tracker.add(1, 2, 3, 4);
  tracker.add(1, 2, 3, 4);
  tracker.add(1, 2, 3, 5);
  tracker.addUnattributed();
  assert.deepEqual([...tracker.byInstall.values()].sort(), [1, 2]);
  assert.equal(tracker.unattributed, 1);
  // IDs differing in any one 16-bit half of a word are other installations.
  for (const words of [
    [0x10000, 2, 3, 4],
    [1, 0x20000, 3, 4],
    [1, 2, 0x30000, 4],
    [1, 2, 3, 0x40000],
  ] as const)
    tracker.add(words[0], words[1], words[2], words[3]);
  assert.equal(tracker.byInstall.size, 6);
  const full = new EventTracker();
  for (let i = 0; i < TRACKED_INSTALLS; i += 1) full.add(i, 0, 0, 0);
  assert.equal(full.byInstall.size, TRACKED_INSTALLS);
  full.add(TRACKED_INSTALLS, 0, 0, 0);
  full.add(TRACKED_INSTALLS + 1, 0, 0, 0);
  // Past the cap a new installation's events stand alone; a tracked one still counts up.
  full.add(7, 0, 0, 0);
  assert.equal(full.byInstall.size, TRACKED_INSTALLS);
  assert.equal(full.unattributed, 2);
  assert.equal(
    [...full.byInstall.values()].reduce((a, b) => a + b, 0),
    TRACKED_INSTALLS + 1,
  );
});

test('merging adds the counts of shared installations, takes new ones up to the cap, and sums the rest', () => {
  const a = new EventTracker();
  a.add(1, 0, 0, 0);
  a.add(2, 0, 0, 0);
  a.addUnattributed();
  const b = new EventTracker();
  b.add(2, 0, 0, 0);
  b.add(2, 0, 0, 0);
  b.add(3, 0, 0, 0);
  b.addUnattributed();
  b.addUnattributed();
  a.mergeFrom(b);
  assert.deepEqual([...a.byInstall.values()], [1, 3, 1]);
  assert.equal(a.unattributed, 3);
  // Into a full tracker: shared ones still add up, new ones become unattributed with all their events.
  const full = new EventTracker();
  for (let i = 0; i < TRACKED_INSTALLS; i += 1) full.add(i, 0, 0, 0);
  const more = new EventTracker();
  more.add(5, 0, 0, 0);
  more.add(TRACKED_INSTALLS + 9, 0, 0, 0);
  more.add(TRACKED_INSTALLS + 9, 0, 0, 0);
  full.mergeFrom(more);
  assert.equal(full.byInstall.size, TRACKED_INSTALLS);
  assert.equal(full.unattributed, 2);
  assert.equal(
    [...full.byInstall.values()].reduce((x, y) => x + y, 0),
    TRACKED_INSTALLS + 1,
  );
});
