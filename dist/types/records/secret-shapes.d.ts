export type SecretRule = 'vendor-token' | 'random-token';
/** Shannon entropy of the characters of `text`, in bits per character. */
export declare function entropyBits(text: string): number;
/** Runs this long or longer are examined; shorter ones carry too little to be a credential. */
export declare const RANDOM_MIN_LENGTH = 20;
/** Whether one run of token characters looks random rather than like a word, a number or a hash. */
export declare function looksRandom(token: string): boolean;
/** The secret rule a string breaks, or null. */
export declare function secretRuleFor(value: string): SecretRule | null;
