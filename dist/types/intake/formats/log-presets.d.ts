export interface LogPreset {
    /** What a line looks like, for --help and the README. */
    example: string;
    pattern: string;
}
export declare const LOG_PRESETS: Record<string, LogPreset>;
/** The preset's pattern, or null when `name` names none. */
export declare function presetPattern(name: string): string | null;
export declare const PRESET_NAMES: string[];
