import type { Adapted } from './adapted.js';
export declare const HASURA_APP_NAME = "hasura-cli";
export declare function fromHasuraCli(event: Record<string, unknown>, appName: string | null): Adapted;
