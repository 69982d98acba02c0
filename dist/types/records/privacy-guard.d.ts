export type PrivacyRule = 'email' | 'ipv4' | 'ipv6' | 'url-credentials' | 'github-token' | 'aws-key' | 'slack-token' | 'jwt' | 'bearer-token' | 'pem-block' | 'home-path'
/** A credential in a known vendor's format. */
 | 'vendor-token'
/** A long run of characters that looks random: no version, name or hash looks like that. */
 | 'random-token';
export interface PrivacyFinding {
    path: string;
    rule: PrivacyRule;
}
/** The rule a string breaks, or null. */
export declare function privacyRuleFor(value: string): PrivacyRule | null;
/**
 * Walks every string value and every key of a parsed record. `safePath` turns
 * the raw path into one that carries no submitted text. Keys in `knownKeys`
 * (the schema's own property names) cannot hold private data and are not tested.
 */
export declare function findPrivateData(value: unknown, safePath: (path: string) => string, knownKeys?: ReadonlySet<string>): PrivacyFinding | null;
