// Problem descriptions: their keys read back only when whole, what they cover,
// what kind they are, and which contains which. Expectations are written out by hand.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contains, kindOf, matches, nested, openFields, patternFromKey, patternKey } from '../src/problems/pattern.ts';
import type { Pattern } from '../src/problems/pattern.ts';

const is = (field: string, value: string) => ({ field, op: 'is' as const, value });
const since = (value: string) => ({ field: 'app.version', op: 'since' as const, value });
const any = (field: string) => ({ field, op: 'any' as const });

test('a key reads back to its pattern; anything else is not a key', () => {
  const pattern: Pattern = [is('os.platform', 'windows'), since('2.4.0'), any('os.arch')];
  assert.equal(patternKey(pattern), '[["os.platform","is","windows"],["app.version","since","2.4.0"],["os.arch"]]');
  assert.deepEqual(patternFromKey(patternKey(pattern)), pattern);
  for (const bad of [
    'not json',
    '{}',
    '"text"',
    '["os.platform"]',
    '[[1]]',
    '[[]]',
    '[["f","was","v"]]',
    '[["f","is"]]',
    '[["f","is",3]]',
    '[["f","since",null]]',
  ]) {
    assert.equal(patternFromKey(bad), null, bad);
  }
  assert.deepEqual(patternFromKey('[]'), []);
});

test('a pattern covers the values it fixes, and versions from its "since" on, in semver order', () => {
  const pattern: Pattern = [is('os.platform', 'windows'), since('2.9.0')];
  assert.equal(matches(pattern, ['windows', '2.9.0']), true);
  assert.equal(matches(pattern, ['windows', '2.10.0']), true);
  assert.equal(matches(pattern, ['windows', '2.8.9']), false);
  assert.equal(matches(pattern, ['linux', '2.10.0']), false);
  assert.equal(matches([any('os.platform'), is('app.version', '1.0.0')], ['beos', '1.0.0']), true);
  assert.equal(matches([any('os.platform'), is('app.version', '1.0.0')], ['beos', '1.0.1']), false);
});

test('each kind of problem is named from which fields are fixed, open or "from a version on"', () => {
  assert.equal(kindOf([is('os.platform', 'windows'), is('app.version', '2.4.0')]), 'configuration');
  assert.equal(kindOf([is('os.platform', 'windows'), is('os.arch', 'x64')]), 'configuration', 'no version field');
  assert.equal(kindOf([is('os.platform', 'windows'), since('2.4.0')]), 'since-version');
  assert.equal(kindOf([since('2.4.0')]), 'release', 'from a version on, on its own');
  assert.equal(kindOf([any('os.platform'), since('2.4.0')]), 'release');
  assert.equal(kindOf([any('os.platform'), is('app.version', '2.4.0')]), 'release');
  assert.equal(kindOf([is('os.platform', 'windows'), any('app.version')]), 'platform');
  assert.equal(kindOf([is('os.platform', 'windows'), any('os.arch')]), 'platform', 'no version field, one platform');
  assert.equal(
    kindOf([any('os.platform'), is('os.arch', 'arm64'), any('app.version')]),
    'slice',
    'one field, not the platform',
  );
  assert.equal(
    kindOf([is('os.platform', 'windows'), is('os.arch', 'arm64'), any('app.version')]),
    'slice',
    'two fields fixed, every version',
  );
  assert.equal(
    kindOf([is('os.platform', 'windows'), any('os.arch'), since('2.4.0')]),
    'slice',
    'a version range on part of the fields',
  );
  assert.equal(kindOf([is('os.platform', 'windows'), any('os.arch'), is('app.version', '2.4.0')]), 'slice');
  assert.equal(kindOf([any('os.platform')]), 'slice', 'nothing fixed, no version field');
  assert.equal(kindOf([any('os.platform'), any('app.version')]), 'slice', 'nothing fixed');
});

test('containment: an open field holds any value, a fixed one only itself, "since" any later version', () => {
  const windowsSince = [is('os.platform', 'windows'), since('2.4.0')];
  assert.equal(contains(windowsSince, [is('os.platform', 'windows'), is('app.version', '2.10.0')]), true);
  assert.equal(contains(windowsSince, [is('os.platform', 'windows'), is('app.version', '2.3.0')]), false);
  assert.equal(
    contains(windowsSince, [is('os.platform', 'windows'), is('app.version', '2.4.0')]),
    true,
    'the first version itself',
  );
  assert.equal(contains(windowsSince, windowsSince), true);
  assert.equal(contains(windowsSince, [is('os.platform', 'windows'), since('2.5.0')]), true);
  assert.equal(contains(windowsSince, [is('os.platform', 'windows'), since('2.3.0')]), false);
  assert.equal(contains(windowsSince, [is('os.platform', 'linux'), is('app.version', '2.5.0')]), false);
  assert.equal(
    contains(windowsSince, [any('os.platform'), is('app.version', '2.5.0')]),
    false,
    'every platform is more than windows',
  );
  assert.equal(
    contains(windowsSince, [is('os.platform', 'windows'), any('app.version')]),
    false,
    'every version is more than 2.4.0 on',
  );
  assert.equal(contains([any('os.platform'), any('app.version')], [is('os.platform', 'x'), since('0.1.0')]), true);
  assert.equal(
    contains(
      [is('os.platform', 'windows'), is('app.version', '2.4.0')],
      [is('os.platform', 'windows'), since('2.4.0')],
    ),
    false,
  );
  assert.equal(contains([is('os.platform', 'windows')], [is('os.arch', 'windows')]), false, 'other fields');
  assert.equal(
    contains([is('os.platform', 'windows')], [is('os.platform', 'windows'), any('app.version')]),
    false,
    'other lengths',
  );
  assert.equal(nested(windowsSince, [is('os.platform', 'windows'), is('app.version', '2.6.0')]), true);
  assert.equal(nested([is('os.platform', 'windows'), is('app.version', '2.6.0')], windowsSince), true);
  assert.equal(nested([is('os.platform', 'linux'), any('app.version')], windowsSince), false);
});

test('the open fields of a pattern are the ones it leaves at any value, in order', () => {
  assert.deepEqual(
    openFields([
      { field: 'os.platform', op: 'any' },
      { field: 'app.version', op: 'since', value: '2.4.0' },
      { field: 'os.arch', op: 'any' },
      { field: 'ci', op: 'is', value: 'GITHUB_ACTIONS' },
    ]),
    ['os.platform', 'os.arch'],
  );
  assert.deepEqual(openFields([{ field: 'os.platform', op: 'is', value: 'linux' }]), []);
});
