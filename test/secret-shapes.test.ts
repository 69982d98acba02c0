// Credentials the named rules do not know: vendors' formats and random-looking
// runs, measured against versions and names as producers really write them.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { entropyBits, looksRandom, secretRuleFor } from '../src/records/secret-shapes.ts';
import { findPrivateData } from '../src/records/privacy-guard.ts';
import { credentials, harmlessValues } from './fixtures/secret-corpus.ts';
import { VALID_SUMMARY } from './fixtures/valid-summary.ts';

test('realistic versions, platform versions and exception names: under 0.1% rejected', () => {
  const values = harmlessValues(20_000);
  const rejected = values.filter((value) => secretRuleFor(value) !== null);
  assert.ok(rejected.length <= 20, `${rejected.length} of 20,000 rejected, such as ${rejected.slice(0, 3).join(', ')}`);
  // The shapes that come closest: full commit and object hashes, git describe, WSL kernels, long Java names.
  for (const value of [
    '2.4.0+sha.2fd4e1c67a2d28fced849ee1bb76e7391b93eb12',
    '1.0.0+9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    '3.1.4-27-g4b825dc642cb',
    '5.15.153.1-microsoft-standard-WSL2',
    'org.springframework.beans.factory.BeanCreationException',
    'kotlin.UninitializedPropertyAccessException',
    'java.lang.IndexOutOfBoundsException',
    'ERR_INVALID_ARG_TYPE',
    '14.1-RELEASE-p97',
    '6.8.0-1015-raspi',
  ]) {
    assert.equal(secretRuleFor(value), null, value);
  }
});

test('credentials of vendors the named rules do not list are caught, and random ones of credential length', () => {
  const all = credentials(14_000);
  const missed = all.filter((value) => secretRuleFor(value) === null);
  assert.ok(missed.length <= 14, `${missed.length} of 14,000 missed, such as ${missed.slice(0, 3).join(', ')}`);
  // Every named vendor format, every time.
  for (const value of all.filter((value) =>
    /^(?:2\.4\.0\+)?(?:sk_live_|rk_live_|npm_|hf_|glpat-|sk-proj-|AIza|SG\.|shpat_|dop_v1_|pypi-)/.test(value),
  )) {
    assert.equal(secretRuleFor(value), 'vendor-token', value);
  }
  assert.equal(secretRuleFor('4eC39HqLyjWDarjtT1zdp7dc4eC39HqLyjWDarjt'), 'random-token');
  assert.equal(secretRuleFor('2.4.0+4eC39HqLyjWDarjtT1zdp7dc'), 'random-token');
  // 32 hex digits are a key, not a commit hash.
  assert.equal(secretRuleFor('2.4.0+0123456789abcdef0123456789abcdef'), 'random-token');
});

test('the measures behind the random-looking rule', () => {
  assert.equal(entropyBits('aaaa'), 0);
  assert.equal(entropyBits('abcd'), 2);
  assert.ok(Math.abs(entropyBits('aabb') - 1) < 1e-12);
  assert.equal(looksRandom('IllegalArgumentException'), false, 'CamelCase: one capital per word');
  assert.equal(looksRandom('Ab3dE6gH9jK2mN5pQ8sT1vW4'), true, 'letters and digits interleaved');
  assert.equal(looksRandom('aB3dE6g'), false, 'too short to be a credential');
});

test('the guard rejects a record carrying one, naming the field and the rule, never the value', () => {
  const npm = 'npm_0a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R';
  for (const record of [
    { ...VALID_SUMMARY, app: { name: 'octo-cli', version: npm } },
    { ...VALID_SUMMARY, error_kinds: { [npm]: 1 } },
    { ...VALID_SUMMARY, os: { ...VALID_SUMMARY.os, version: 'sk_live_51HqLyjWDarjtT1zdp7dc4eC39' } },
  ]) {
    const finding = findPrivateData(record, (path) => path.replace(/^\/error_kinds\/.*/, '/error_kinds/*'));
    assert.ok(finding);
    assert.equal(finding.rule, 'vendor-token');
    assert.doesNotMatch(JSON.stringify(finding), /npm_|sk_live/);
  }
});
