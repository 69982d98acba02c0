import type { Adapted } from './adapted.js';
export declare const SEGMENT_APP_NAME = "app";
export declare function fromSegment(event: Record<string, unknown>, appName: string | null): Adapted;
