// What an intake does when its caller leaves a choice open: one set of
// defaults for the intake on one thread and over worker threads.

import { RUN_MAX_ARTIFACTS, RUN_MAX_BYTES, RUN_MAX_RECORDS } from '../limits.ts';
import type { AdapterSettings } from './formats/adapt-record.ts';
import { compileLogPattern, DEFAULT_LOG_PATTERN } from './formats/session-log.ts';

export interface RunLimits {
  maxInputs: number;
  maxBytes: number;
  maxRecords: number;
}

/** The run limits of limits.ts. */
export const DEFAULT_LIMITS: RunLimits = {
  maxInputs: RUN_MAX_ARTIFACTS,
  maxBytes: RUN_MAX_BYTES,
  maxRecords: RUN_MAX_RECORDS,
};

/** Session summaries only, no app name or version to fill in, the default pattern of log lines. */
export function defaultAdapter(): AdapterSettings {
  return {
    format: 'session-summary',
    appName: null,
    appVersion: null,
    logPattern: compileLogPattern(DEFAULT_LOG_PATTERN),
  };
}
