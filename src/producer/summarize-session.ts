// The producer side: one session log and the machine it ran on become one
// schema-valid summary, with random IDs and nothing else. Honours the opt-out
// conventions of the seed projects.

import { summaryFromLog } from '../intake/formats/adapt-record.ts';
import { mapArch, mapPlatform } from '../intake/formats/platforms.ts';
import { presetPattern, PRESET_NAMES } from '../intake/formats/log-presets.ts';
import { compileLogPattern, DEFAULT_LOG_PATTERN, readLog } from '../intake/formats/session-log.ts';
import { findPrivateData } from '../records/privacy-guard.ts';
import type { SessionSummary } from '../records/session-summary.ts';
import { safePath, validateSummary } from '../records/validate-summary.ts';

export interface MachineFacts {
  /** process.platform: linux, darwin, win32, freebsd… */
  platform: string;
  /** os.release(): kernel or OS version. */
  release: string;
  /** os.arch(): x64, arm64, ia32… */
  arch: string;
  env: Record<string, string | undefined>;
}

/** CI vendors by the variable each sets, most specific first. */
const CI_VARIABLES: [string, string][] = [
  ['GITHUB_ACTIONS', 'GITHUB_ACTIONS'],
  ['GITLAB_CI', 'GITLAB_CI'],
  ['CIRCLECI', 'CIRCLECI'],
  ['TRAVIS', 'TRAVIS'],
  ['BUILDKITE', 'BUILDKITE'],
  ['JENKINS_URL', 'JENKINS'],
  ['TF_BUILD', 'AZURE_PIPELINES'],
  ['BITBUCKET_BUILD_NUMBER', 'BITBUCKET'],
  ['TEAMCITY_VERSION', 'TEAMCITY'],
  ['DRONE', 'DRONE'],
  ['APPVEYOR', 'APPVEYOR'],
  ['CODEBUILD_BUILD_ID', 'AWS_CODEBUILD'],
  ['CI', 'CI'],
];

const OFF_VALUES = new Set(['0', 'false', 'no', 'off']);
const VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/;

export function detectCi(env: Record<string, string | undefined>): string | null {
  for (const [variable, vendor] of CI_VARIABLES) {
    const value = env[variable];
    if (value !== undefined && value !== '' && !OFF_VALUES.has(value.toLowerCase())) return vendor;
  }
  return null;
}

/** Why telemetry is off, or null when it is on. */
export function optedOut(env: Record<string, string | undefined>, appVariable: string | null): string | null {
  const dnt = env['DO_NOT_TRACK'];
  if (dnt !== undefined && dnt !== '' && !OFF_VALUES.has(dnt.toLowerCase())) return `DO_NOT_TRACK=${dnt}`;
  if (appVariable) {
    const value = env[appVariable];
    if (value !== undefined && OFF_VALUES.has(value.trim().toLowerCase())) return `${appVariable}=${value}`;
  }
  return null;
}

export interface ProducerInput {
  app: { name: string; version: string };
  runtime?: { name: string; version: string };
  machine: MachineFacts;
  newUuid: () => string;
  installId?: string;
}

export interface SummarizeInput extends ProducerInput {
  logText: string;
  /**
   * How log lines carry their timestamp and level: a RegExp with the named groups `ts` and
   * `level`, or a preset's name (python, go-slog, go-slog-json, go-log, rust-env-logger,
   * rust-tracing, pino). Python logging when absent.
   */
  logPattern?: RegExp | string;
}

/** A session told by its figures, without a log: a CI step that knows how it ended. */
export interface CountsInput extends ProducerInput {
  startedAt: Date;
  endedAt: Date;
  logLines: number;
  errorLines: number;
  outcome: 'ok' | 'error' | 'crash';
  errorKinds?: Record<string, number>;
}

export type SummarizeResult = { ok: true; summary: SessionSummary } | { ok: false; reason: string };

function patternOf(pattern: RegExp | string | undefined): RegExp | string {
  if (pattern === undefined) return compileLogPattern(DEFAULT_LOG_PATTERN);
  if (typeof pattern !== 'string') return pattern;
  const preset = presetPattern(pattern);
  if (preset === null) return `unknown log format "${pattern}" (presets: ${PRESET_NAMES.join(', ')})`;
  return compileLogPattern(preset);
}

export function summarizeSession(input: SummarizeInput): SummarizeResult {
  const pattern = patternOf(input.logPattern);
  if (typeof pattern === 'string') return { ok: false, reason: pattern };
  const figures = readLog(input.logText, pattern);
  if (!figures) return { ok: false, reason: 'the log has no line with a timestamp' };
  return finish(input, summaryFromLog(figures, '', { appName: input.app.name, appVersion: input.app.version }));
}

/** A summary from figures alone (no log): checked like one from a log. */
export function summarizeCounts(input: CountsInput): SummarizeResult {
  if (
    !(input.startedAt instanceof Date) ||
    !(input.endedAt instanceof Date) ||
    Number.isNaN(input.startedAt.getTime()) ||
    Number.isNaN(input.endedAt.getTime())
  ) {
    return { ok: false, reason: 'the start and end must be dates' };
  }
  return finish(input, {
    schema_version: 1,
    app: input.app,
    started_at: input.startedAt.toISOString(),
    ended_at: input.endedAt.toISOString(),
    log_lines: input.logLines,
    error_lines: input.errorLines,
    outcome: input.outcome,
    ...(input.errorKinds && Object.keys(input.errorKinds).length > 0 ? { error_kinds: input.errorKinds } : {}),
  });
}

function finish(input: ProducerInput, fromLog: Record<string, unknown>): SummarizeResult {
  const arch = mapArch(input.machine.arch);
  const release = input.machine.release.trim();
  const candidate = {
    ...fromLog,
    // A producer knows more than the log: a random session, the machine, the CI vendor.
    session_id: input.newUuid(),
    ...(input.installId ? { install_id: input.installId } : {}),
    ...(input.runtime ? { runtime: input.runtime } : {}),
    os: {
      platform: mapPlatform(input.machine.platform),
      ...(VERSION.test(release) ? { version: release } : {}),
      ...(arch ? { arch } : {}),
    },
    ci: detectCi(input.machine.env),
  };
  const finding = findPrivateData(candidate, safePath);
  if (finding) return { ok: false, reason: `private data in ${finding.path} (${finding.rule})` };
  const checked = validateSummary(candidate);
  return checked.ok ? checked : { ok: false, reason: `not a valid summary: ${checked.reason}` };
}
