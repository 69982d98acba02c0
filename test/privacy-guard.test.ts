// Every token family and shape the privacy guard names, one by one, with the rule it
// must report: dropping any one of them would publish the value.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findPrivateData, privacyRuleFor } from '../src/records/privacy-guard.ts';

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

// Each rule at its edges: the shortest value it names, and the nearest values it must not.
const EDGES: { rule: string; named: string[]; not: string[] }[] = [
  {
    rule: 'url-credentials',
    named: ['https://u:p@h', 'git+ssh://deploy:s3cret@host/x', 'x https://a:b@c', 'x://u:p@h'],
    // No password, or no scheme: not a credential in a URL (and no address without a domain).
    not: ['https://u@h', 'u:p@h', 'https://:p@h', 'https://u:@h'],
  },
  {
    rule: 'email',
    named: ['a@b.co', "o'hara+tag@mail.example.org", 'x.y@sub-domain.example.museum'],
    not: ['a@b.c', 'a@b', '@example.org', 'user@', 'a@.co'],
  },
  {
    rule: 'ipv4',
    named: ['1.2.3.4', '10.0.0.255', '250.249.199.100', 'host 192.168.1.1:8080', 'at 1.2.3.4.'],
    not: ['1.2.3', '256.1.1.1', '1.2.3.256', '1.2.3.4.5', '01.2.3.4', '2.4.0.1.9', '.1.2.3.4'],
  },
  {
    rule: 'ipv6',
    named: ['fe80::1:2', '2001:db8:0:0:0:0:2:1', '1:2:3:4:5:6:7:8', '2001:db8::ff00:42:8329'],
    not: ['::1', '1:2:3', 'a::b', '12:30:45', 'x::y::z'],
  },
  {
    rule: 'github-token',
    named: [`ghp_${'a1'.repeat(10)}`, `gho_${'a1'.repeat(10)}`, `github_pat_${'a_'.repeat(10)}`],
    not: [`ghp_${'a1'.repeat(9)}a`, `gha_${'a1'.repeat(10)}`, `github_pat_${'ab'.repeat(9)}a`],
  },
  {
    rule: 'aws-key',
    named: ['AKIA0123456789ABCDEF', 'ASIA0123456789ABCDEF', 'xAKIA0123456789ABCDEF'],
    not: ['AKIA0123456789ABCDE', 'AKIA0123456789abcdef', 'AKIB0123456789ABCDEF'],
  },
  {
    rule: 'slack-token',
    named: ['xoxb-12345678', 'xoxp-abc-defgh', 'xoxa-1-2-3-4-5'],
    not: ['xoxb-1234567', 'xoxz-12345678', 'xox-12345678', 'xoxb_12345678'],
  },
  {
    rule: 'jwt',
    named: ['eyJabcde.eyJabcde.', 'eyJa_b-c.eyJx_y-z.sig'],
    not: ['eyJabcd.eyJabcde.', 'eyJabcde.eyJabcd.', 'eyJabcde.abcdefgh.', 'eyJabcde.eyJabcde'],
  },
  {
    rule: 'bearer-token',
    named: ['Bearer abcdefgh', 'authorization: BEARER  a.b~c+d/e=', 'bearer abcdefgh=='],
    not: ['Bearer abcdefg', 'Bearer', 'Bearerabcdefgh', 'header: Bearer abc'],
  },
  {
    rule: 'pem-block',
    named: [
      '-----BEGIN PRIVATE KEY-----',
      '-----BEGIN EC PRIVATE KEY-----',
      '-----BEGIN CERTIFICATE-----',
      '-----BEGIN PUBLIC KEY-----',
      '-----BEGIN ENCRYPTED PRIVATE KEY BLOCK-----',
    ],
    not: [
      '-----BEGIN MESSAGE-----',
      '-----BEGIN private key-----',
      '----BEGIN PRIVATE KEY-----',
      '-----BEGIN PRIVATE KEY',
    ],
  },
  {
    rule: 'home-path',
    named: [
      '/home/alice',
      '/Users/bob',
      '/root/x',
      '~/x',
      'C:\\Users\\bob',
      'c:\\\\users\\\\bob',
      'cwd=/home/alice',
      'at "/Users/bob',
      'open(/home/x',
      'file:/home/x',
      'in /home/x',
      '/HOME/alice',
    ],
    not: ['/home/', 'a/home/alice', '/homework/x', '/usr/home/alice', 'C:\\Program Files\\x', 'x~/y', '/home//x'],
  },
];

for (const { rule, named, not } of EDGES) {
  test(`${rule} at its edges`, () => {
    for (const value of named) assert.equal(privacyRuleFor(value), rule, value);
    for (const value of not) assert.notEqual(privacyRuleFor(value), rule, value);
  });
}

test('findPrivateData walks every key and value, nested in objects and arrays, and names the path, never the value', () => {
  const raw = (path: string) => path;
  assert.equal(findPrivateData({ a: 1, b: [true, null, 'ok'], c: { d: 'fine' } }, raw), null);
  assert.deepEqual(findPrivateData({ a: { b: ['ok', { c: 'jane@example.org' }] } }, raw), {
    path: '/a/b/1/c',
    rule: 'email',
  });
  assert.deepEqual(findPrivateData(['x', ['y', '10.0.0.1']], raw), { path: '/1/1', rule: 'ipv4' });
  assert.deepEqual(findPrivateData('/home/alice', raw), { path: '', rule: 'home-path' });
  // A key is a value too, unless it is one of the schema's own names; its path escapes / and ~ as JSON Pointer does.
  assert.deepEqual(findPrivateData({ error_kinds: { 'jane@example.org': 1 } }, raw), {
    path: '/error_kinds/jane@example.org',
    rule: 'email',
  });
  assert.deepEqual(findPrivateData({ 'x/~': { '~/alice': 1 } }, raw), { path: '/x~1~0/~0~1alice', rule: 'home-path' });
  assert.equal(findPrivateData({ '~/alice': 1 }, raw, new Set(['~/alice'])), null);
  // The value under a known key is still looked at.
  assert.deepEqual(findPrivateData({ '~/alice': 'jane@example.org' }, raw, new Set(['~/alice'])), {
    path: '/~0~1alice',
    rule: 'email',
  });
  // The first finding in document order; the path goes through the caller's safePath.
  assert.deepEqual(
    findPrivateData({ a: 'ok', b: '1.2.3.4', c: 'jane@example.org' }, (path) => `<${path}>`),
    {
      path: '</b>',
      rule: 'ipv4',
    },
  );
  // Inherited properties are not the record's.
  const inherited = Object.create({ leaked: 'jane@example.org' }) as Record<string, unknown>;
  inherited['own'] = 'ok';
  assert.equal(findPrivateData(inherited, raw), null);
  // Numbers, booleans and null carry no text.
  assert.equal(findPrivateData({ a: 1234567890, b: false, c: null }, raw), null);
});
