// The library entry of the package: the producer side, for applications that
// write their own session summaries (import { summarizeSession } from
// 'crash-report-aggregator'). Nothing here reads or sends anything by itself.

export { detectCi, optedOut, summarizeCounts, summarizeSession } from './producer/summarize-session.ts';
export type { CountsInput, MachineFacts, SummarizeInput, SummarizeResult } from './producer/summarize-session.ts';
export { LOG_PRESETS } from './intake/formats/log-presets.ts';
export type { LogPreset } from './intake/formats/log-presets.ts';
export type { SessionSummary } from './records/session-summary.ts';
export { validateSummary } from './records/validate-summary.ts';

const major = Number(process.versions.node.split('.')[0]);
if (major < 22)
  throw new Error(`crash-report-aggregator needs Node.js 22 or later; this is Node.js ${process.versions.node}.`);
