export declare function mapPlatform(value: unknown): string;
/** The schema's arch, 'other' for an unknown name, or null when there is none. */
export declare function mapArch(value: unknown): string | null;
