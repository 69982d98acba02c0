export declare function derivedUuid(...parts: string[]): string;
export declare const UUID_PATTERN: RegExp;
