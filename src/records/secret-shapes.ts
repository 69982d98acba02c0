// Credentials in places the schema lets a string through: known vendors' token
// formats, and any long run of characters that looks random. Versions, platform
// versions and exception names have shapes of their own (dotted numbers, words
// in camel case, short hashes); a 30-character random string is none of them.

export type SecretRule = 'vendor-token' | 'random-token';

// Token formats by prefix, written from the vendors' published formats. Each needs
// enough random characters after the prefix that a word cannot match.
const VENDOR_TOKENS: RegExp[] = [
  /\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}/, // Stripe secret, restricted and publishable keys
  /\bwhsec_[A-Za-z0-9]{24,}/, // Stripe webhook secrets
  /\bnpm_[A-Za-z0-9]{36}\b/, // npm access tokens
  /\bhf_[A-Za-z]{30,}/, // Hugging Face tokens
  /\bglpat-[A-Za-z0-9_-]{20,}/, // GitLab personal access tokens
  /\bgl(?:dt|ptt|rt|cbt|imt|agent|oas|soat)-[A-Za-z0-9_-]{20,}/, // other GitLab tokens
  /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,}/, // OpenAI keys
  /\bsk-ant-[A-Za-z0-9_-]{32,}/, // Anthropic keys
  /\bAIza[0-9A-Za-z_-]{35}/, // Google API keys
  /\bya29\.[0-9A-Za-z_-]{30,}/, // Google OAuth access tokens
  /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{20,}/, // SendGrid keys
  /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/, // Shopify tokens
  /\bpypi-AgE[A-Za-z0-9_-]{40,}/, // PyPI upload tokens
  /\bdop_v1_[a-f0-9]{64}\b/, // DigitalOcean tokens
  /\bdapi[a-f0-9]{32}\b/, // Databricks tokens
  /\bkey-[0-9a-zA-Z]{32}\b/, // Mailgun keys
  /\bsq0(?:atp|csp)-[0-9A-Za-z_-]{22,}/, // Square tokens
  /\bSK[0-9a-fA-F]{32}\b/, // Twilio API keys
  /\bxapp-\d-[A-Z0-9]+-\d+-[a-z0-9]{32,}/, // Slack app tokens
  /\bAccountKey=[A-Za-z0-9+/]{40,}={0,2}/, // Azure storage connection strings
  /\bdckr_pat_[A-Za-z0-9_-]{20,}/, // Docker Hub tokens
  /\bnpm_[A-Za-z0-9]{20,}/, // npm tokens of other lengths
  /\b(?:ATATT|ATCTT)3[A-Za-z0-9_=-]{30,}/, // Atlassian API tokens
  /\bglc_[A-Za-z0-9+/]{32,}={0,2}/, // Grafana cloud tokens
  /\bpat[A-Za-z0-9]{14}\.[a-f0-9]{64}\b/, // Airtable tokens
];

/** Every vendor format in one expression: one pass over a string. */
const ANY_VENDOR_TOKEN = new RegExp(VENDOR_TOKENS.map((pattern) => `(?:${pattern.source})`).join('|'));

/** Shannon entropy of the characters of `text`, in bits per character. */
export function entropyBits(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const share = count / text.length;
    bits -= share * Math.log2(share);
  }
  return bits;
}

/** Runs this long or longer are examined; shorter ones carry too little to be a credential. */
export const RANDOM_MIN_LENGTH = 20;
/** Full object hashes (SHA-1, SHA-256) in build metadata and digests are not secrets. */
const HASH_LENGTHS = new Set([40, 64]);

/** Whether one run of token characters looks random rather than like a word, a number or a hash. */
export function looksRandom(token: string): boolean {
  const core = token.replace(/^[-_+/=]+|[-_+/=]+$/g, '');
  if (core.length < RANDOM_MIN_LENGTH) return false;
  let lower = 0;
  let upper = 0;
  let digits = 0;
  let other = 0;
  let letterDigitSwitches = 0;
  let caseSwitches = 0;
  let previous = '';
  for (const char of core) {
    const kind =
      char >= 'a' && char <= 'z' ? 'l' : char >= 'A' && char <= 'Z' ? 'u' : char >= '0' && char <= '9' ? 'd' : 'o';
    if (kind === 'l') lower += 1;
    else if (kind === 'u') upper += 1;
    else if (kind === 'd') digits += 1;
    else other += 1;
    if (previous !== '' && kind !== 'o' && previous !== 'o' && kind !== previous) {
      if (kind === 'd' || previous === 'd') letterDigitSwitches += 1;
      else caseSwitches += 1;
    }
    previous = kind;
  }
  const letters = lower + upper;
  if (/^[0-9a-fA-F]+$/.test(core)) {
    // Hex: commit and object hashes of their usual lengths pass; other long hex runs are keys.
    return (
      !HASH_LENGTHS.has(core.length) && core.length >= 24 && digits > 0 && letters > 0 && !(lower > 0 && upper > 0)
    );
  }
  if (entropyBits(core) < 3.5) return false;
  // Numbers mixed into letters many times over: generated, not written.
  if (digits >= 3 && letters >= 6 && letterDigitSwitches >= 6) return true;
  // Upper and lower case mixed throughout, not once per word as in CamelCase: there a
  // lower-case run is a word's tail and rarely a single letter; in random text a third are.
  const upperShare = letters === 0 ? 0 : upper / letters;
  const lowerRuns = core.match(/[a-z]+/g) ?? [];
  // A single lower-case letter after a capital is often a short word of a name ("IndexOutOfBounds").
  const single = lowerRuns.length - (core.match(/[a-z]{2,}/g) ?? []).length - (core.match(SHORT_WORDS) ?? []).length;
  const choppy = (single >= 3 && single >= 0.3 * lowerRuns.length) || (single >= 1 && letterDigitSwitches >= 2);
  return (
    letters >= RANDOM_MIN_LENGTH - other && upperShare >= 0.25 && upperShare <= 0.75 && caseSwitches >= 6 && choppy
  );
}

const TOKEN_RUN = /[A-Za-z0-9_+/=-]{20,}/g;
/** Two-letter words of identifiers, a capital and one lower-case letter before a capital or the end. */
const SHORT_WORDS = /(?:Of|Is|On|In|At|To|By|Or|An|As|Up|Io|Os|Id|No|If|Do|Go|Ok)(?=[A-Z0-9]|$)/g;

/** The secret rule a string breaks, or null. */
export function secretRuleFor(value: string): SecretRule | null {
  if (value.length < 12) return null;
  if (ANY_VENDOR_TOKEN.test(value)) return 'vendor-token';
  if (value.length < RANDOM_MIN_LENGTH) return null;
  for (const run of value.match(TOKEN_RUN) ?? []) {
    // Each piece between the separators versions and names use; then the whole run as base64
    // (with + and /), unless a piece is a hash, as in "2.4.0+<commit hash>" or "+g<hash>" from git describe.
    const pieces = run.split(/[-_+/=]/);
    for (const piece of pieces) if (looksRandom(piece)) return 'random-token';
    if (
      /[+/]/.test(run) &&
      !pieces.some((piece) => /^g?[0-9a-fA-F]{7,}$/.test(piece)) &&
      looksRandom(run.replace(/[-_]/g, ''))
    )
      return 'random-token';
  }
  return null;
}
