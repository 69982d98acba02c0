// App versions in the order a maintainer reads them: semver where a version reads as one,
// anything else after, by text.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareVersions, newerThanAll, sortVersions } from '../src/aggregate/versions.ts';

test('versions sort as semver, coerced where they read as one, and anything else after, by text', () => {
  const shuffled = [
    'nightly',
    '2.10.0',
    'v0.4.27',
    '2.4',
    '1.0.0',
    '2024.1.3',
    '1.0.0-rc.1',
    '1.0.0-beta.2',
    'v1.0.0',
    '2.9.9',
    'beta',
    '1.0.0-beta.10',
  ];
  const sorted = sortVersions([...shuffled]);
  assert.deepEqual(sorted, [
    'v0.4.27',
    '1.0.0-beta.2',
    '1.0.0-beta.10',
    '1.0.0-rc.1',
    // Equal as semver: the text decides, so the order does not depend on the input's.
    '1.0.0',
    'v1.0.0',
    '2.4',
    '2.9.9',
    '2.10.0',
    '2024.1.3',
    'beta',
    'nightly',
  ]);
  assert.deepEqual(sortVersions([...shuffled].reverse()), sorted);
  // The comparison's sign, both ways, and equality.
  assert.ok(compareVersions('2.9.0', '2.10.0') < 0);
  assert.ok(compareVersions('2.10.0', '2.9.0') > 0);
  assert.equal(compareVersions('2.4.0', '2.4.0'), 0);
  assert.equal(compareVersions('nightly', 'nightly'), 0);
  assert.ok(compareVersions('1.0.0', 'v1.0.0') < 0 && compareVersions('v1.0.0', '1.0.0') > 0);
  assert.ok(compareVersions('9.0.0', 'beta') < 0 && compareVersions('beta', '9.0.0') > 0);
  assert.ok(compareVersions('alpha', 'beta') < 0 && compareVersions('beta', 'alpha') > 0);
  // sortVersions sorts the array it is given.
  const list = ['2.0.0', '1.0.0'];
  assert.equal(sortVersions(list), list);
  assert.deepEqual(list, ['1.0.0', '2.0.0']);
});

test('the versions newer than every version seen, by version order', () => {
  assert.deepEqual(newerThanAll(['2.3.0', '2.10.0', '2.9.0', '3.0.0-rc.1'], ['2.9.0', '2.4.0']), [
    '2.10.0',
    '3.0.0-rc.1',
  ]);
  assert.deepEqual(newerThanAll(['2.9.0'], ['2.9.0']), [], 'the same version is not newer');
  assert.deepEqual(newerThanAll(['1.0.0', '0.9.0'], []), ['1.0.0', '0.9.0'], 'nothing seen: all are new');
  const seen = ['2.10.0', '2.9.0'];
  newerThanAll(['3.0.0'], seen);
  assert.deepEqual(seen, ['2.10.0', '2.9.0'], 'the seen list is not reordered');
});

test('a version that is not strict semver keeps its prerelease when read, and text that sorts first still comes after', () => {
  assert.ok(compareVersions('2.4-rc.1', '2.4') < 0, 'a coerced prerelease is before its release');
  assert.ok(compareVersions('2.4', '2.4-rc.1') > 0);
  assert.ok(compareVersions('1.0.0', '(other)') < 0, '"(" sorts before digits as text, yet a version comes first');
  assert.ok(compareVersions('(other)', '1.0.0') > 0);
});
