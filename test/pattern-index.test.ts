// Every pattern a set of cells can be described by, held to a brute force written from the
// definition: each allowed subset of fixed fields, each combination of their values that occurs,
// the cells matching it; and "from version v on" for each anchor's versions.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OTHER } from '../src/aggregate/recode-rare.ts';
import { compareVersions } from '../src/aggregate/versions.ts';
import { indexPatterns, SINCE_VERSIONS } from '../src/problems/pattern-index.ts';
import { patternKey } from '../src/problems/pattern.ts';
import type { Pattern } from '../src/problems/pattern.ts';
import { seededRandom } from './fixtures/synthetic-summaries.ts';

type Entry = [key: string, members: number[], sessions: number];

function actual(fields: string[], values: string[][], sessions: number[]): Entry[] {
  return indexPatterns(fields, values, sessions)
    .map((entry): Entry => [patternKey(entry.pattern), [...entry.members()].sort((a, b) => a - b), entry.sessions])
    .sort((a, b) => a[0].localeCompare(b[0]));
}

function expected(fields: string[], values: string[][], sessions: number[]): Entry[] {
  const n = fields.length;
  const total = sessions.reduce((a, b) => a + b, 0);
  const cells = values.map((_, i) => i);
  const entries = new Map<string, Entry>();
  const add = (pattern: Pattern, members: number[]) => {
    const count = members.reduce((sum, cell) => sum + sessions[cell]!, 0);
    if (count === total) return;
    const key = patternKey(pattern);
    assert.ok(!entries.has(key), `the brute force made ${key} twice`);
    entries.set(key, [key, members, count]);
  };
  const version = fields.indexOf('app.version');
  for (let mask = 1; mask < 2 ** n; mask += 1) {
    const fixed = fields.map((_, i) => Math.floor(mask / 2 ** i) % 2 === 1);
    const bits = fixed.filter(Boolean).length;
    if (n > 4 && bits !== 1 && bits !== n - 1 && bits !== n) continue;
    const tuple = (cell: number, skip = -1) =>
      JSON.stringify(fields.map((_, i) => (fixed[i] && i !== skip ? values[cell]![i] : null)));
    const named = (cell: number) => fields.every((_, i) => !fixed[i] || values[cell]![i] !== OTHER);
    for (const key of new Set(cells.filter(named).map((cell) => tuple(cell)))) {
      const members = cells.filter((cell) => named(cell) && tuple(cell) === key);
      const sample = values[members[0]!]!;
      add(
        fields.map((field, i) => (fixed[i] ? { field, op: 'is', value: sample[i]! } : { field, op: 'any' })),
        members,
      );
    }
    if (version < 0 || !fixed[version]) continue;
    for (const anchor of new Set(cells.filter(named).map((cell) => tuple(cell, version)))) {
      const inAnchor = cells.filter((cell) => named(cell) && tuple(cell, version) === anchor);
      const versions = [...new Set(inAnchor.map((cell) => values[cell]![version]!))].sort(compareVersions);
      // "Since the oldest" is the anchor itself and "since the newest" that version alone; at most
      // SINCE_VERSIONS starting points, the newest ones.
      for (let at = 1; at < versions.length - 1; at += 1) {
        if (versions.length - 1 - at > SINCE_VERSIONS) continue;
        const members = inAnchor.filter((cell) => compareVersions(values[cell]![version]!, versions[at]!) >= 0);
        const sample = values[members[0]!]!;
        add(
          fields.map((field, i) =>
            i === version
              ? { field, op: 'since', value: versions[at]! }
              : fixed[i]
                ? { field, op: 'is', value: sample[i]! }
                : { field, op: 'any' },
          ),
          members,
        );
      }
    }
  }
  return [...entries.values()].sort((a, b) => a[0].localeCompare(b[0]));
}

test('two fields, worked by hand: each value alone, each cell, and versions from each middle version on', () => {
  const fields = ['os.platform', 'app.version'];
  const values = [
    ['linux', '1.0.0'],
    ['linux', '1.1.0'],
    ['linux', '1.2.0'],
    ['windows', '1.2.0'],
  ];
  const sessions = [10, 20, 30, 40];
  const keys = actual(fields, values, sessions).map(([key, members, count]) => `${key} ${members.join(',')} ${count}`);
  assert.deepEqual(
    keys.sort(),
    [
      '[["os.platform","is","linux"],["app.version"]] 0,1,2 60',
      '[["os.platform","is","windows"],["app.version"]] 3 40',
      '[["os.platform"],["app.version","is","1.0.0"]] 0 10',
      '[["os.platform"],["app.version","is","1.1.0"]] 1 20',
      '[["os.platform"],["app.version","is","1.2.0"]] 2,3 70',
      // From 1.1.0 on, every platform (1.0.0 on would be everything; 1.2.0 on is 1.2.0 alone).
      '[["os.platform"],["app.version","since","1.1.0"]] 1,2,3 90',
      '[["os.platform","is","linux"],["app.version","is","1.0.0"]] 0 10',
      '[["os.platform","is","linux"],["app.version","is","1.1.0"]] 1 20',
      '[["os.platform","is","linux"],["app.version","is","1.2.0"]] 2 30',
      '[["os.platform","is","windows"],["app.version","is","1.2.0"]] 3 40',
      '[["os.platform","is","linux"],["app.version","since","1.1.0"]] 1,2 50',
    ].sort(),
  );
});

test('every pattern and only those, on random cells of two to six fields, with (other) values and long version lists', () => {
  const random = seededRandom(20261207);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  for (let round = 0; round < 60; round += 1) {
    // Every tenth round: more versions than the cap on "from version v on" starting points, each of them seen.
    const long = round % 10 === 0;
    const extra = ['os.arch', 'runtime.name', 'ci', 'outcome'].slice(0, Math.floor(random() * 5));
    const fields = ['os.platform', ...(long || random() < 0.8 ? ['app.version'] : []), ...extra];
    // The version field first sometimes: its position is not special.
    if (round % 3 === 1 && fields[1] === 'app.version') fields.reverse();
    const versionCount = long ? SINCE_VERSIONS + 6 : 1 + Math.floor(random() * 6);
    const versions = Array.from({ length: versionCount }, (_, i) => `1.${i}.${Math.floor(random() * 3)}`);
    const cellCount = long ? 2 * versionCount : 1 + Math.floor(random() * 25);
    const rows = new Map<string, string[]>();
    for (let i = 0; i < cellCount * 3 && rows.size < cellCount; i += 1) {
      const row = fields.map((field) => {
        if (random() < 0.06) return OTHER;
        if (field === 'app.version') return long ? versions[i % versionCount]! : pick(versions);
        return pick(['a', 'b', 'c']);
      });
      rows.set(JSON.stringify(row), row);
    }
    const values = [...rows.values()];
    const sessions = values.map(() => 1 + Math.floor(random() * 50));
    assert.deepEqual(actual(fields, values, sessions), expected(fields, values, sessions), `round ${round}`);
  }
});
