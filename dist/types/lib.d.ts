export { detectCi, optedOut, summarizeCounts, summarizeSession } from './producer/summarize-session.js';
export type { CountsInput, MachineFacts, SummarizeInput, SummarizeResult } from './producer/summarize-session.js';
export { LOG_PRESETS } from './intake/formats/log-presets.js';
export type { LogPreset } from './intake/formats/log-presets.js';
export type { SessionSummary } from './records/session-summary.js';
export { validateSummary } from './records/validate-summary.js';
