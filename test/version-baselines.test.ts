// What a problem is compared with, on hand-built cells: the version before it with
// enough sessions, whether it ran clean, newer versions that run clean, and the
// other values on the same versions. Every expected figure is written out here.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConfigCell, EventCell } from '../src/aggregate/cell-events.ts';
import { createCellView } from '../src/problems/cell-view.ts';
import type { Pattern } from '../src/problems/pattern.ts';
import { baselinesOf } from '../src/problems/version-baselines.ts';

function view(cells: [string, string, number, number][]) {
  const configs: ConfigCell[] = cells.map(([platform, version, sessions]) => ({
    values: [platform, version],
    sessions,
    withInstall: sessions,
    installs: sessions,
  }));
  const events: EventCell[] = cells.flatMap(([, , , errored], config) =>
    errored > 0 ? [{ config, measure: null, events: errored, byInstall: new Map(), unattributed: errored }] : [],
  );
  const at = (platform: string, version: string) => cells.findIndex(([p, v]) => p === platform && v === version);
  return { view: createCellView(configs, events), at };
}
const FIELDS = ['os.platform', 'app.version'];
const windowsSince = (version: string): Pattern => [
  { field: 'os.platform', op: 'is', value: 'windows' },
  { field: 'app.version', op: 'since', value: version },
];

test('a regression from 2.4.0: compared with the newest older version of enough sessions, clean; fixed in the newer clean one of enough sessions', () => {
  const { view: cells, at } = view([
    ['windows', '2.2.0', 200, 6],
    ['windows', '2.3.0', 10, 0],
    ['windows', '2.3.5', 9, 0],
    ['windows', '2.4.0', 200, 150],
    ['windows', '2.5.0', 200, 150],
    ['windows', '2.6.0', 10, 0],
    ['windows', '2.7.0', 9, 0],
    ['windows', '2.8.0', 200, 140],
    ['windows', '(other)', 200, 0],
    ['linux', '2.4.0', 200, 6],
  ]);
  const members = [at('windows', '2.5.0'), at('windows', '2.4.0')];
  const result = baselinesOf(cells, FIELDS, 10, windowsSince('2.4.0'), null, members, { sessions: 400, events: 300 });
  assert.deepEqual(result.versions, ['2.4.0', '2.5.0']);
  // 2.3.5 has 9 sessions, under min-sessions 10; 2.3.0 has exactly 10, 0 errored: clean against 300 of 400.
  assert.deepEqual(result.comparison, { label: 'in 2.3.0', sessions: 10, events: 0 });
  assert.deepEqual(result.lastGood, { version: '2.3.0', sessions: 10, events: 0 });
  // 2.6.0: 10 sessions, clean; 2.7.0: too few; 2.8.0: as bad; "(other)" is no version.
  assert.deepEqual(result.fixedIn, [{ version: '2.6.0', sessions: 10, events: 0 }]);
});

test('the version before that errs as much is compared with but is no last good version; the problem\'s own versions are not "fixed in"', () => {
  const { view: cells, at } = view([
    ['windows', '2.3.0', 200, 140],
    ['windows', '2.4.0', 200, 190],
    ['windows', '2.5.0', 200, 2],
  ]);
  const members = [at('windows', '2.4.0'), at('windows', '2.5.0')];
  const result = baselinesOf(cells, FIELDS, 10, windowsSince('2.4.0'), null, members, { sessions: 400, events: 192 });
  assert.deepEqual(result.comparison, { label: 'in 2.3.0', sessions: 200, events: 140 });
  assert.equal(result.lastGood, null);
  assert.deepEqual(result.fixedIn, []);
});

test("a problem on every version is compared with the other platforms on its versions, other problems' cells left out", () => {
  const { view: cells, at } = view([
    ['windows', '2.5.0', 200, 100],
    ['windows', '2.4.0', 200, 100],
    ['windows', '(other)', 50, 30],
    ['linux', '2.4.0', 200, 6],
    ['linux', '2.5.0', 300, 9],
    ['linux', '2.3.0', 500, 5],
    ['darwin', '2.4.0', 200, 150],
  ]);
  const pattern: Pattern = [
    { field: 'os.platform', op: 'is', value: 'windows' },
    { field: 'app.version', op: 'any' },
  ];
  const members = [at('windows', '2.5.0'), at('windows', '(other)'), at('windows', '2.4.0')];
  const result = baselinesOf(
    cells,
    FIELDS,
    10,
    pattern,
    null,
    members,
    { sessions: 450, events: 230 },
    new Set([at('darwin', '2.4.0')]),
  );
  assert.deepEqual(result.versions, ['2.4.0', '2.5.0']);
  assert.deepEqual(result.comparison, {
    label: 'on the other os.platform values of the same versions',
    sessions: 500,
    events: 15,
  });
  assert.equal(result.lastGood, null);
  // With no other cell on its versions there is nothing to compare with.
  const alone = view([
    ['windows', '2.4.0', 200, 100],
    ['linux', '2.3.0', 200, 2],
  ]);
  assert.equal(
    baselinesOf(alone.view, FIELDS, 10, pattern, null, [alone.at('windows', '2.4.0')], { sessions: 200, events: 100 })
      .comparison,
    null,
  );
});

test('without an app version field, or with only "(other)" versions, there is no baseline', () => {
  const { view: cells, at } = view([
    ['windows', 'x64', 200, 100],
    ['linux', 'x64', 200, 5],
  ]);
  const pattern: Pattern = [
    { field: 'os.platform', op: 'is', value: 'windows' },
    { field: 'os.arch', op: 'any' },
  ];
  assert.deepEqual(
    baselinesOf(cells, ['os.platform', 'os.arch'], 10, pattern, null, [at('windows', 'x64')], {
      sessions: 200,
      events: 100,
    }),
    { versions: [], lastGood: null, fixedIn: [], comparison: null },
  );
  const hidden = view([
    ['windows', '(other)', 200, 100],
    ['windows', '2.3.0', 200, 2],
  ]);
  assert.deepEqual(
    baselinesOf(hidden.view, FIELDS, 10, windowsSince('2.4.0'), null, [hidden.at('windows', '(other)')], {
      sessions: 200,
      events: 100,
    }),
    { versions: [], lastGood: null, fixedIn: [], comparison: null },
  );
});

test('versions are put in semver order whatever order the cells come in, the version field wherever it stands', () => {
  // app.version first, cells out of order.
  const cells: [string, string, number, number][] = [
    ['2.10.0', 'windows', 50, 0],
    ['2.3.0', 'windows', 50, 0],
    ['2.5.0', 'windows', 200, 150],
    ['2.7.0', 'windows', 50, 0],
    ['2.2.0', 'windows', 50, 0],
    ['2.4.0', 'windows', 200, 150],
  ];
  const configs: ConfigCell[] = cells.map(([version, platform, sessions]) => ({
    values: [version, platform],
    sessions,
    withInstall: sessions,
    installs: sessions,
  }));
  const events: EventCell[] = cells.flatMap(([, , , errored], config) =>
    errored > 0 ? [{ config, measure: null, events: errored, byInstall: new Map(), unattributed: errored }] : [],
  );
  const pattern: Pattern = [
    { field: 'app.version', op: 'since', value: '2.4.0' },
    { field: 'os.platform', op: 'is', value: 'windows' },
  ];
  const result = baselinesOf(
    createCellView(configs, events),
    ['app.version', 'os.platform'],
    10,
    pattern,
    null,
    [2, 5],
    { sessions: 400, events: 300 },
  );
  assert.deepEqual(result.versions, ['2.4.0', '2.5.0']);
  assert.equal(result.comparison?.label, 'in 2.3.0');
  assert.deepEqual(
    result.fixedIn.map((entry) => entry.version),
    ['2.7.0', '2.10.0'],
  );
});

test('the comparison names every fixed field', () => {
  const configs: ConfigCell[] = [
    { values: ['windows', 'arm64', '2.4.0'], sessions: 200, withInstall: 200, installs: 200 },
    { values: ['windows', 'x64', '2.4.0'], sessions: 200, withInstall: 200, installs: 200 },
  ];
  const events: EventCell[] = [{ config: 0, measure: null, events: 100, byInstall: new Map(), unattributed: 100 }];
  const pattern: Pattern = [
    { field: 'os.platform', op: 'is', value: 'windows' },
    { field: 'os.arch', op: 'is', value: 'arm64' },
    { field: 'app.version', op: 'any' },
  ];
  const result = baselinesOf(
    createCellView(configs, events),
    ['os.platform', 'os.arch', 'app.version'],
    10,
    pattern,
    null,
    [0],
    { sessions: 200, events: 100 },
  );
  assert.deepEqual(result.comparison, {
    label: 'on the other os.platform and os.arch values of the same versions',
    sessions: 200,
    events: 0,
  });
});
