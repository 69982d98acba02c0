// Rejects records that carry personal data or secrets even where the schema
// would let a string through. Findings name a field path and a rule, never the
// value.

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
const RULES: [PrivacyRule, RegExp][] = [
  ['email', /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/],
  ['ipv4', new RegExp(`(?<![\\d.])${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}(?![\\d]|\\.\\d)`)],
  // Full, compressed (::) and IPv4-mapped forms; needs at least two colons.
  ['ipv6', /(?<![A-Za-z0-9:])(?:[0-9A-Fa-f]{1,4}:){2,7}(?::|[0-9A-Fa-f]{1,4})|(?<![A-Za-z0-9:])::(?:[Ff]{4}:)?(?:[0-9A-Fa-f]{1,4}|\d{1,3}(?:\.\d{1,3}){3})/],
  ['url-credentials', /[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/],
  ['github-token', /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/],
  ['aws-key', /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['slack-token', /\bxox[abposr]-[A-Za-z0-9-]{8,}/],
  ['jwt', /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/],
  ['bearer-token', /\bBearer\s+[A-Za-z0-9._~+/-]{8,}=*/i],
  ['pem-block', /-----BEGIN [A-Z ]*(?:PRIVATE KEY|CERTIFICATE|PUBLIC KEY)[A-Z ]*-----/],
  ['home-path', /(?:^|[\s"'=(:])(?:\/home\/|\/Users\/|\/root\/|[A-Za-z]:\\{1,2}Users\\{1,2}|~\/)[^\s/\\]+/i],
];

/** The rule a string breaks, or null. */
export function privacyRuleFor(value: string): PrivacyRule | null {
  for (const [rule, pattern] of RULES) if (pattern.test(value)) return rule;
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
        const rule = privacyRuleFor(key);
        if (rule) return { path: safePath(`${path}/${key}`), rule };
        stack.push([(node as Record<string, unknown>)[key], `${path}/${key}`]);
      }
    }
  }
  return null;
}
