export { detectCi, optedOut, summarizeSession } from './producer/summarize-session.js';
export type { MachineFacts, SummarizeInput, SummarizeResult } from './producer/summarize-session.js';
export type { SessionSummary } from './records/session-summary.js';
export { validateSummary } from './records/validate-summary.js';
