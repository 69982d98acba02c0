// Rejects records that carry personal data or secrets even where the schema
// would let a string through. Findings name a field path and a rule, never the
// value.

import { isIPv6 } from 'node:net';

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
  | 'home-path';

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

const RULES: [PrivacyRule, RegExp | ((value: string) => boolean)][] = [
  // Before e-mail: "user:password@host" would read as an address otherwise.
  ['url-credentials', /[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/],
  // Local part: RFC 5322 atext and dots.
  ['email', /[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/],
  ['ipv4', new RegExp(`(?<![\\d.])${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}(?![\\d]|\\.\\d)`)],
  ['ipv6', holdsIpv6],
  ['github-token', /(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/],
  ['aws-key', /(?:AKIA|ASIA)[0-9A-Z]{16}/],
  ['slack-token', /xox[abposr]-[A-Za-z0-9-]{8,}/],
  ['jwt', /eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/],
  ['bearer-token', /Bearer\s+[A-Za-z0-9._~+/-]{8,}=*/i],
  ['pem-block', /-----BEGIN [A-Z ]*(?:PRIVATE KEY|CERTIFICATE|PUBLIC KEY)[A-Z ]*-----/],
  ['home-path', /(?:^|[\s"'=(:])(?:\/home\/|\/Users\/|\/root\/|[A-Za-z]:\\{1,2}Users\\{1,2}|~\/)[^\s/\\]+/i],
];

/** The rule a string breaks, or null. */
export function privacyRuleFor(value: string): PrivacyRule | null {
  for (const [rule, test] of RULES) if (typeof test === 'function' ? test(value) : test.test(value)) return rule;
  return null;
}

/**
 * Walks every string value and every key of a parsed record. `safePath` turns
 * the raw path into one that carries no submitted text.
 */
export function findPrivateData(value: unknown, safePath: (path: string) => string): PrivacyFinding | null {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (typeof node === 'string') {
      const rule = privacyRuleFor(node);
      if (rule) return { path: safePath(path), rule };
    } else if (Array.isArray(node)) {
      node.forEach((child, index) => stack.push([child, `${path}/${index}`]));
    } else if (node !== null && typeof node === 'object') {
      for (const key of Object.keys(node)) {
        // JSON Pointer escaping, as ajv's instancePath uses.
        const child = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        const rule = privacyRuleFor(key);
        if (rule) return { path: safePath(child), rule };
        stack.push([(node as Record<string, unknown>)[key], child]);
      }
    }
  }
  return null;
}
