// Every token family and shape the privacy guard names, one by one, with the rule it
// must report: dropping any one of them would publish the value.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { privacyRuleFor } from '../src/records/privacy-guard.ts';

const CASES: [string, string][] = [
  ['jane.doe@example.org', 'email'],
  ['10.0.12.7', 'ipv4'],
  ['2001:db8::8a2e:370:7334', 'ipv6'],
  ['https://deploy:hunter2@git.example.com/repo', 'url-credentials'],
  ['ghp_0123456789abcdefghijABCDEFGHIJ012345', 'github-token'],
  ['gho_0123456789abcdefghijABCDEFGHIJ012345', 'github-token'],
  ['ghu_0123456789abcdefghijABCDEFGHIJ012345', 'github-token'],
  ['ghs_0123456789abcdefghijABCDEFGHIJ012345', 'github-token'],
  ['ghr_0123456789abcdefghijABCDEFGHIJ012345', 'github-token'],
  ['github_pat_11ABCDEFG0123456789_abcdefghijklmnop', 'github-token'],
  ['AKIAIOSFODNN7EXAMPLE', 'aws-key'],
  ['ASIAIOSFODNN7EXAMPLE', 'aws-key'],
  ['xoxb-123456789012-abcdefghijkl', 'slack-token'],
  ['xoxa-123456789012-abcdefghijkl', 'slack-token'],
  ['xoxp-123456789012-abcdefghijkl', 'slack-token'],
  ['xoxo-123456789012-abcdefghijkl', 'slack-token'],
  ['xoxs-123456789012-abcdefghijkl', 'slack-token'],
  ['xoxr-123456789012-abcdefghijkl', 'slack-token'],
  ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjg', 'jwt'],
  ['Bearer abcdef0123456789', 'bearer-token'],
  ['-----BEGIN RSA PRIVATE KEY-----', 'pem-block'],
  ['/home/alice', 'home-path'],
  ['C:\\Users\\bob', 'home-path'],
  ['sk_live_51HqLyjWDarjtT1zdp7dc4eC39HqLy', 'vendor-token'],
  ['Zx8Kq2Lm9Np4Rt7Vw1Yb5Cd3Fg6Hj0Ks', 'random-token'],
];

for (const [value, rule] of CASES) {
  test(`${rule}: ${value.slice(0, 12)}…`, () => assert.equal(privacyRuleFor(value), rule));
}

test('ordinary values break no rule', () => {
  for (const value of [
    '2.4.0',
    '2.4.0-rc.1+build.77',
    '10.0.22631.3007',
    '14.1-RELEASE-p97',
    'KeyError',
    'java.lang.IllegalStateException',
    'octo-cli',
    'python',
    'linux',
  ]) {
    assert.equal(privacyRuleFor(value), null, value);
  }
});
