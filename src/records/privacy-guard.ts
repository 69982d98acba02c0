// Rejects records that carry personal data or secrets even where the schema
// would let a string through. Findings name a field path and a rule, never the
// value.

import { isIPv6 } from 'node:net';
import { secretRuleFor } from './secret-shapes.ts';

export type PrivacyRule =
  | 'email'
  | 'ipv4'
  | 'ipv6'
  | 'url-credentials'
  | 'github-token'
  | 'aws-key'
  | 'slack-token'
  | 'jwt'
  | 'bearer-token'
  | 'pem-block'
  | 'home-path'
  /** A credential in a known vendor's format. */
  | 'vendor-token'
  /** A long run of characters that looks random: no version, name or hash looks like that. */
  | 'random-token';

export interface PrivacyFinding {
  path: string;
  rule: PrivacyRule;
}

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV6_CANDIDATE = /[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*/g;

/** An IPv6 address (full, compressed or IPv4-mapped) with at least three groups. */
function holdsIpv6(value: string): boolean {
  for (const candidate of value.match(IPV6_CANDIDATE) ?? []) {
    const groups = candidate.split(':').filter((group) => group.length > 0).length;
    if (groups >= 3 && isIPv6(candidate)) return true;
  }
  return false;
}

/** At least `count` occurrences of `char` in `value`. */
function hasAtLeast(value: string, char: string, count: number): boolean {
  let seen = 0;
  for (let i = value.indexOf(char); i !== -1; i = value.indexOf(char, i + 1)) if (++seen >= count) return true;
  return false;
}

// Each rule has a cheap test of what a match must contain, so the regular
// expressions only run on strings that could match: most strings run none.
const RULES: [PrivacyRule, (value: string) => boolean, RegExp | ((value: string) => boolean)][] = [
  // Before e-mail: "user:password@host" would read as an address otherwise.
  ['url-credentials', (v) => v.includes('://') && v.includes('@'), /[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/],
  // Local part: RFC 5322 atext and dots.
  ['email', (v) => v.includes('@'), /[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/],
  [
    'ipv4',
    (v) => v.length >= 7 && hasAtLeast(v, '.', 3),
    new RegExp(`(?<![\\d.])${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}(?![\\d]|\\.\\d)`),
  ],
  ['ipv6', (v) => v.includes('::') || hasAtLeast(v, ':', 7), holdsIpv6],
  ['github-token', (v) => v.includes('_'), /(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/],
  ['aws-key', (v) => v.includes('AKIA') || v.includes('ASIA'), /(?:AKIA|ASIA)[0-9A-Z]{16}/],
  ['slack-token', (v) => v.includes('xox'), /xox[abposr]-[A-Za-z0-9-]{8,}/],
  ['jwt', (v) => v.includes('eyJ'), /eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/],
  [
    'bearer-token',
    (v) => v.length > 14 && (v.includes('earer') || v.includes('EARER')),
    /Bearer\s+[A-Za-z0-9._~+/-]{8,}=*/i,
  ],
  [
    'pem-block',
    (v) => v.includes('-----BEGIN'),
    /-----BEGIN [A-Z ]*(?:PRIVATE KEY|CERTIFICATE|PUBLIC KEY)[A-Z ]*-----/,
  ],
  [
    'home-path',
    (v) => v.includes('/') || v.includes('\\'),
    /(?:^|[\s"'=(:])(?:\/home\/|\/Users\/|\/root\/|[A-Za-z]:\\{1,2}Users\\{1,2}|~\/)[^\s/\\]+/i,
  ],
];

/** The rule a string breaks, or null. */
export function privacyRuleFor(value: string): PrivacyRule | null {
  for (const [rule, could, test] of RULES) {
    if (could(value) && (typeof test === 'function' ? test(value) : test.test(value))) return rule;
  }
  return secretRuleFor(value);
}

function escapeSegment(key: string): string {
  // JSON Pointer escaping, as ajv's instancePath uses.
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Depth-first search; the path is only built on the way back from a finding. */
function search(node: unknown, skipKeys: ReadonlySet<string>): { segments: string[]; rule: PrivacyRule } | null {
  if (typeof node === 'string') {
    const rule = privacyRuleFor(node);
    return rule ? { segments: [], rule } : null;
  }
  if (node === null || typeof node !== 'object') return null;
  if (Array.isArray(node)) {
    for (let index = 0; index < node.length; index += 1) {
      const found = search(node[index], skipKeys);
      if (found) {
        found.segments.push(String(index));
        return found;
      }
    }
    return null;
  }
  for (const key in node) {
    if (!Object.prototype.hasOwnProperty.call(node, key)) continue;
    if (!skipKeys.has(key)) {
      const rule = privacyRuleFor(key);
      if (rule) return { segments: [escapeSegment(key)], rule };
    }
    const found = search((node as Record<string, unknown>)[key], skipKeys);
    if (found) {
      found.segments.push(escapeSegment(key));
      return found;
    }
  }
  return null;
}

/**
 * Walks every string value and every key of a parsed record. `safePath` turns
 * the raw path into one that carries no submitted text. Keys in `knownKeys`
 * (the schema's own property names) cannot hold private data and are not tested.
 */
export function findPrivateData(
  value: unknown,
  safePath: (path: string) => string,
  knownKeys: ReadonlySet<string> = new Set(),
): PrivacyFinding | null {
  const found = search(value, knownKeys);
  if (!found) return null;
  return {
    path: safePath(found.segments.length > 0 ? `/${found.segments.reverse().join('/')}` : ''),
    rule: found.rule,
  };
}
