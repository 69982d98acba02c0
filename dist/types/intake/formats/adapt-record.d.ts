import type { Adapted } from './adapted.js';
import type { FormatSetting } from './record-shape.js';
import type { LogFigures } from './session-log.js';
export interface AdapterSettings {
    format: FormatSetting;
    /** App name for formats that do not carry one (hasura-cli, segment, log); null means the format's default. */
    appName: string | null;
    /** App version for raw logs. */
    appVersion: string | null;
    logPattern: RegExp;
}
export declare function adaptRecord(value: unknown, settings: AdapterSettings): Adapted;
/** One summary for a whole session log; `contentKey` makes re-uploads of the same log count once. */
export declare function summaryFromLog(figures: LogFigures, contentKey: string, settings: Pick<AdapterSettings, 'appName' | 'appVersion'>): Record<string, unknown>;
