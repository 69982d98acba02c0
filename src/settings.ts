// Every input of the action (and every option of the command line) is read and
// checked here, once. Nothing else in the engine looks at raw inputs.

import { FORMATS } from './intake/formats/record-shape.ts';
import type { FormatSetting } from './intake/formats/record-shape.ts';
import { compileLogPattern, DEFAULT_LOG_PATTERN } from './intake/formats/session-log.ts';
import { presetPattern, PRESET_NAMES } from './intake/formats/log-presets.ts';
import type { Shard } from './sources/shard.ts';

export const MODES = ['full', 'partial', 'merge'] as const;
/** full: read and file issues; partial: read one shard, write a partial; merge: combine partials, file issues. */
export type Mode = (typeof MODES)[number];
/** More shards than this gains nothing on a job matrix (GitHub runs at most 256 jobs per matrix). */
export const MAX_SHARDS = 256;

// The fields a run can group by come from the schema (src/generated/summary-fields.ts): its
// configuration fields, the outcome, and error_kind (one group per exception class on each
// configuration of the other fields).
import type { RepositoryRef } from './github-client.ts';
import { fieldAllows, GROUP_FIELDS } from './records/field-table.ts';
import type { GroupField } from './records/field-table.ts';

export { GROUP_FIELDS };
export type { GroupField };

/** The largest min-published-installations accepted; the intake counts each exception class's installations up to it. */
export const MAX_PUBLISHED_INSTALLATIONS = 1000;

export type { RepositoryRef };

export interface Settings {
  /** Token for the GitHub REST API; empty when only local paths and a local store are used. */
  token: string;
  /** Repository whose artifacts are read and whose issues are written; null for local-only runs. */
  repository: RepositoryRef | null;
  /** Glob patterns matched against artifact names. */
  artifactNames: string[];
  /** Files, folders or glob patterns read from the local file system. */
  paths: string[];
  /** Only artifacts created, and sessions started, within this many days before now. */
  lookbackDays: number;
  /** Summary fields whose values form a group. */
  groupBy: GroupField[];
  /** A problem needs at least this many sessions. */
  minSessions: number;
  /** A problem needs at least this errored-session rate (0..1); 0 leaves it to the test. */
  errorRateThreshold: number;
  /** A problem's excess errors must be spread over at least this many installations. */
  minInstallations: number;
  /** A problem's rate must be at least this multiple of the rate it is compared with. */
  minRateRatio: number;
  /**
   * A configuration seen on fewer installations than this is never published by name:
   * it is counted in a coarser "(other)" cell (see Aggregator.recode). 1 publishes everything.
   */
  minPublishedInstallations: number;
  /** Past this many distinct configurations, the long tail is folded away (see Aggregator.fold). */
  maxConfigurations: number;
  /** Labels put on every issue; the first one is also how issues are found again. */
  labels: string[];
  /** Template paths; null means the bundled templates. */
  titleTemplatePath: string | null;
  bodyTemplatePath: string | null;
  /** At most this many issues are opened in one run. */
  maxNewIssues: number;
  /** Compute and report everything, write nothing. */
  dryRun: boolean;
  /** Parallel artifact downloads. */
  downloadConcurrency: number;
  /** Read artifacts of workflow runs whose head came from a fork. */
  trustForks: boolean;
  /** Only artifacts of runs of these workflow files (names like ci.yml, or paths); empty means any. */
  workflows: string[];
  /** Only artifacts of runs on branches matching these globs; empty means any. */
  branches: string[];
  /** 1 - confidence is the chance that a run over healthy data files any false problem (0.5 to 0.999). */
  confidence: number;
  /** Issues carrying this label are never updated, reopened or closed. */
  ignoreLabel: string;
  /** Close an issue whose problem is no longer found and recovered over this many days (default 3, or the window if shorter); 0 never closes. */
  closeAfterDays: number;
  /** Comment when a group's rate changed by more than a factor of two since the last update. */
  commentOnChange: boolean;
  /** Add one label per group field, such as os:windows and version:2.4.0. */
  dimensionLabels: boolean;
  /** Keep one dashboard issue with usage and error figures up to date. */
  reportIssue: boolean;
  /** Telemetry format of the input; auto recognises each record. */
  format: FormatSetting;
  /** App name for formats that carry none; null means the format's default. */
  appName: string | null;
  /** App version for raw session logs. */
  appVersion: string | null;
  /** The time the run evaluates as of (the command line's --now); null: the host's clock. */
  now: Date | null;
  /** Timestamp and level pattern of raw session logs. */
  logPattern: RegExp;
  /** REST requests kept for issue writes: downloads stop when only this many are left. */
  apiReserve: number;
  /** Folder that keeps, per artifact read, its counts and valid sessions between runs; null downloads everything each run. */
  statePath: string | null;
  /** File that keeps the daily figures of release health between runs; null: the caller's default (in the state folder or the store). */
  historyPath: string | null;
  /** Days of daily figures the history keeps. */
  historyDays: number;
  mode: Mode;
  /** The share of the inputs a partial run reads; null outside mode partial. */
  shard: Shard | null;
  /** Where mode partial writes its partial; null means the caller's default. */
  partialPath: string | null;
  /** Partial files (paths or globs) that mode merge reads. */
  partials: string[];
  /** Names (globs) of artifacts of the merge's own workflow run that hold partials. */
  partialArtifacts: string[];
  /** Threads that share the intake: the main thread, and one fewer worker threads that parse and validate records (1: the main thread only). */
  workers: number | 'auto';
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The earliest instant inside the look-back window. */
export function lookbackStart(now: Date, lookbackDays: number): Date {
  return new Date(now.getTime() - lookbackDays * DAY_MS);
}

export type ReadInput = (name: string) => string;

export class SettingsError extends Error {
  constructor(input: string, problem: string, accepted: string) {
    super(`Input "${input}" ${problem}. Accepted: ${accepted}.`);
    this.name = 'SettingsError';
  }
}

const REPOSITORY_PATTERN = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/;
const LABEL_MAX = 50;

function lines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('#'));
}

function integer(read: ReadInput, name: string, fallback: number, min: number, max: number): number {
  const raw = read(name).trim();
  if (raw === '') return fallback;
  if (!/^\d+$/.test(raw)) {
    throw new SettingsError(name, `is "${raw}", not a whole number`, `an integer from ${min} to ${max}`);
  }
  const value = Number(raw);
  if (value < min || value > max) {
    throw new SettingsError(name, `is ${value}, out of range`, `an integer from ${min} to ${max}`);
  }
  return value;
}

function fraction(read: ReadInput, name: string, fallback: number): number {
  const raw = read(name).trim();
  if (raw === '') return fallback;
  // "0", "1", "0.05", ".05" and "1.0": a digit before the point is optional, one after it is not.
  const value = /^(0|1)?(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new SettingsError(name, `is "${raw}", not a rate`, 'a decimal number from 0 to 1, such as 0.05');
  }
  return value;
}

function ratio(read: ReadInput, name: string, fallback: number): number {
  const raw = read(name).trim();
  if (raw === '') return fallback;
  const value = /^\d{1,3}(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= 1 && value <= 100))
    throw new SettingsError(
      name,
      `is "${raw}", not a ratio from 1 to 100`,
      'a decimal number from 1 to 100, such as 1.5',
    );
  return value;
}

function boolean(read: ReadInput, name: string, fallback: boolean): boolean {
  const raw = read(name).trim();
  if (raw === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(raw)) return true;
  if (['false', 'False', 'FALSE'].includes(raw)) return false;
  throw new SettingsError(name, `is "${raw}", not a boolean`, 'true or false');
}

function repository(read: ReadInput): RepositoryRef | null {
  const raw = read('repository').trim();
  if (raw === '') return null;
  const match = REPOSITORY_PATTERN.exec(raw);
  if (!match) {
    throw new SettingsError(
      'repository',
      `is "${raw}", not a repository name`,
      'OWNER/NAME, such as octo-org/octo-cli',
    );
  }
  return { owner: match[1]!, repo: match[2]! };
}

function groupBy(read: ReadInput): GroupField[] {
  const raw = read('group-by').trim() || 'os.platform, app.version';
  const fields = raw
    .split(/[,\n]/)
    .map((field) => field.trim())
    .filter((field) => field.length > 0);
  const accepted = GROUP_FIELDS.join(', ');
  if (fields.length === 0) throw new SettingsError('group-by', 'names no field', accepted);
  const seen = new Set<string>();
  for (const field of fields) {
    if (!(GROUP_FIELDS as readonly string[]).includes(field)) {
      throw new SettingsError('group-by', `names the unknown field "${field}"`, accepted);
    }
    if (seen.has(field)) throw new SettingsError('group-by', `names "${field}" twice`, accepted);
    seen.add(field);
  }
  if (fields.length === 1 && fields[0] === 'error_kind') {
    throw new SettingsError(
      'group-by',
      'names only error_kind',
      'error_kind with at least one other field, such as "os.platform, error_kind"',
    );
  }
  return fields as GroupField[];
}

function labels(read: ReadInput): string[] {
  const raw = read('labels');
  const names = (raw.trim() === '' ? 'crash-report' : raw)
    .split(/[,\n]/)
    .map((label) => label.trim())
    .filter((label) => label.length > 0);
  if (names.length === 0) {
    throw new SettingsError('labels', 'names no label', 'comma- or newline-separated label names');
  }
  for (const name of names) {
    if (name.length > LABEL_MAX) {
      throw new SettingsError(
        'labels',
        `has a label of ${name.length} characters`,
        `labels of at most ${LABEL_MAX} characters`,
      );
    }
  }
  return [...new Set(names)];
}

function workflows(read: ReadInput): string[] {
  const names = lines(read('workflows'));
  for (const name of names) {
    if (!/^[\w./-]+\.ya?ml$/.test(name) || name.split('/').includes('..')) {
      throw new SettingsError(
        'workflows',
        `names "${name}", not a workflow file`,
        'workflow file names such as ci.yml, or paths such as .github/workflows/ci.yml, one per line',
      );
    }
  }
  return names;
}

function confidence(read: ReadInput): number {
  const value = fraction(read, 'confidence', 0.95);
  if (value < 0.5 || value > 0.999) {
    throw new SettingsError(
      'confidence',
      `is ${value}, out of range`,
      'a decimal number from 0.5 to 0.999, such as 0.95',
    );
  }
  return value;
}

function format(read: ReadInput): FormatSetting {
  const raw = read('format').trim() || 'auto';
  if (!(FORMATS as readonly string[]).includes(raw))
    throw new SettingsError('format', `is "${raw}", not a known format`, FORMATS.join(', '));
  return raw as FormatSetting;
}

/** A value that stands in for a summary field (app-name for app.name): the schema's own rule for that field decides. */
function summaryValue(read: ReadInput, name: string, field: string, accepted: string): string | null {
  const raw = read(name).trim();
  if (raw === '') return null;
  if (!fieldAllows(field, raw))
    throw new SettingsError(name, `is "${raw}", which a session summary cannot carry`, accepted);
  return raw;
}

/** An RFC 3339 time to evaluate as of (the command line's --now); null: the clock. */
function asOf(read: ReadInput): Date | null {
  const raw = read('now').trim();
  if (raw === '') return null;
  const time = new Date(raw);
  if (Number.isNaN(time.getTime()))
    throw new SettingsError('now', `is "${raw}", not a time`, 'an RFC 3339 time such as 2026-11-20T00:00:00Z');
  return time;
}

function logPattern(read: ReadInput): RegExp {
  const raw = read('log-pattern').trim();
  try {
    // A preset's name (go-slog, pino, …) stands for its pattern.
    return compileLogPattern(presetPattern(raw) ?? (raw || DEFAULT_LOG_PATTERN));
  } catch (error) {
    throw new SettingsError(
      'log-pattern',
      error instanceof Error ? error.message : String(error),
      `a preset (${PRESET_NAMES.join(', ')}) or a regular expression with the named groups (?<ts>...) and (?<level>...)`,
    );
  }
}

function optionalPath(read: ReadInput, name: string): string | null {
  const raw = read(name).trim();
  return raw === '' ? null : raw;
}

function mode(read: ReadInput): Mode {
  const raw = read('mode').trim() || 'full';
  if (!(MODES as readonly string[]).includes(raw))
    throw new SettingsError('mode', `is "${raw}", not a mode`, MODES.join(', '));
  return raw as Mode;
}

function shard(read: ReadInput, runMode: Mode): Shard | null {
  const raw = read('shard').trim();
  const accepted = `INDEX/COUNT with 1 <= INDEX <= COUNT <= ${MAX_SHARDS}, such as 2/4 (in a matrix: \${{ matrix.shard }}/4)`;
  if (runMode !== 'partial') {
    if (raw !== '')
      throw new SettingsError('shard', `is set while mode is ${runMode}`, 'an empty shard unless mode is partial');
    return null;
  }
  if (raw === '') throw new SettingsError('shard', 'is empty while mode is partial', accepted);
  const match = /^(\d{1,3})\/(\d{1,3})$/.exec(raw);
  const index = match ? Number(match[1]) : 0;
  const count = match ? Number(match[2]) : 0;
  if (!match || index < 1 || index > count || count > MAX_SHARDS)
    throw new SettingsError('shard', `is "${raw}"`, accepted);
  return { index, count };
}

function workers(read: ReadInput): number | 'auto' {
  const raw = read('workers').trim();
  if (raw === 'auto') return 'auto';
  if (raw === '') return 1;
  const value = /^\d{1,3}$/.test(raw) ? Number(raw) : 0;
  if (value < 1 || value > 64)
    throw new SettingsError('workers', `is "${raw}"`, 'auto (one per CPU core) or an integer from 1 to 64');
  return value;
}

/** Reads and checks every setting; throws a SettingsError naming the first bad input. */
/** Where a run may file its issues: the action files them on GitHub, the command line there or in a local store. */
export interface SettingsContext {
  /** "required": repository and token must be given; "optional": a token only when a repository is; "unchecked": neither (a library caller wires GitHub itself). */
  github: 'required' | 'optional' | 'unchecked';
  /** What the token is called where it comes from (an input, or the GITHUB_TOKEN variable). */
  tokenInput: string;
  /** Whether the input "now" (evaluate as of a time) exists: the command line's --now; the action has none. */
  nowInput: boolean;
}

/** The action's: it files issues on GitHub, so a repository and a token are required. */
export const ACTION_CONTEXT: SettingsContext = { github: 'required', tokenInput: 'github-token', nowInput: false };
/** The command line's: GitHub only with --repo, and then the GITHUB_TOKEN variable. */
export const CLI_CONTEXT: SettingsContext = { github: 'optional', tokenInput: 'GITHUB_TOKEN', nowInput: true };

export function parseSettings(
  read: ReadInput,
  context: SettingsContext = { github: 'unchecked', tokenInput: 'github-token', nowInput: false },
): Settings {
  const settings: Settings = {
    token: read('github-token').trim(),
    repository: repository(read),
    artifactNames: lines(read('artifact-name')),
    paths: lines(read('path')),
    lookbackDays: integer(read, 'lookback-days', 7, 1, 400),
    groupBy: groupBy(read),
    minSessions: integer(read, 'min-sessions', 10, 1, 1_000_000_000),
    errorRateThreshold: fraction(read, 'error-rate-threshold', 0),
    minInstallations: integer(read, 'min-installations', 3, 1, 1000),
    minRateRatio: ratio(read, 'min-rate-ratio', 1.5),
    minPublishedInstallations: integer(read, 'min-published-installations', 5, 1, MAX_PUBLISHED_INSTALLATIONS),
    maxConfigurations: integer(read, 'max-configurations', 10_000, 10, 1_000_000),
    labels: labels(read),
    titleTemplatePath: optionalPath(read, 'title-template'),
    bodyTemplatePath: optionalPath(read, 'body-template'),
    maxNewIssues: integer(read, 'max-new-issues', 10, 0, 1000),
    dryRun: boolean(read, 'dry-run', false),
    downloadConcurrency: integer(read, 'download-concurrency', 8, 1, 64),
    trustForks: boolean(read, 'trust-forks', false),
    workflows: workflows(read),
    branches: lines(read('branches')),
    confidence: confidence(read),
    ignoreLabel: read('ignore-label').trim() || 'crash-report:ignore',
    closeAfterDays: integer(read, 'close-after-days', -1, 0, 400),
    commentOnChange: boolean(read, 'comment-on-change', true),
    dimensionLabels: boolean(read, 'dimension-labels', false),
    reportIssue: boolean(read, 'report-issue', false),
    format: format(read),
    appName: summaryValue(
      read,
      'app-name',
      'app.name',
      'a name of letters, digits, dots, dashes and underscores, such as octo-cli',
    ),
    appVersion: summaryValue(read, 'app-version', 'app.version', 'a version such as 2.4.0'),
    now: context.nowInput ? asOf(read) : null,
    logPattern: logPattern(read),
    apiReserve: integer(read, 'api-reserve', 100, 0, 100_000),
    statePath: optionalPath(read, 'state-path'),
    historyPath: optionalPath(read, 'history-path'),
    historyDays: integer(read, 'history-days', 180, 28, 1000),
    mode: mode(read),
    shard: null,
    partialPath: optionalPath(read, 'partial-path'),
    partials: lines(read('partials')),
    partialArtifacts: lines(read('partial-artifacts')),
    workers: workers(read),
  };
  // By default an issue closes after three clean days, or the whole window when it is shorter.
  if (settings.closeAfterDays < 0) settings.closeAfterDays = Math.min(3, settings.lookbackDays);
  settings.shard = shard(read, settings.mode);
  if (settings.mode === 'merge') {
    if (settings.partials.length === 0 && settings.partialArtifacts.length === 0) {
      throw new SettingsError(
        'partials',
        'is empty while mode is merge (and so is partial-artifacts)',
        'the partial files (paths or globs) written by the partial runs, or in partial-artifacts the names of the artifacts they were uploaded as, one per line',
      );
    }
    if (settings.statePath)
      throw new SettingsError(
        'state-path',
        'is set while mode is merge',
        'an empty state-path: a merge reads partials, not artifacts (give each partial run its own state-path)',
      );
  } else if (settings.partials.length > 0) {
    throw new SettingsError('partials', `is set while mode is ${settings.mode}`, 'partial files only with mode merge');
  } else if (settings.partialArtifacts.length > 0) {
    throw new SettingsError(
      'partial-artifacts',
      `is set while mode is ${settings.mode}`,
      'partial artifacts only with mode merge',
    );
  }
  if (settings.partialPath && settings.mode !== 'partial') {
    throw new SettingsError(
      'partial-path',
      `is set while mode is ${settings.mode}`,
      'a partial-path only with mode partial',
    );
  }
  if (settings.closeAfterDays > settings.lookbackDays) {
    throw new SettingsError(
      'close-after-days',
      `is ${settings.closeAfterDays}, longer than lookback-days (${settings.lookbackDays})`,
      'a number of days no longer than lookback-days, or 0',
    );
  }
  if (settings.artifactNames.length === 0 && settings.paths.length === 0 && settings.mode !== 'merge') {
    throw new SettingsError(
      'artifact-name',
      'and input "path" are both empty',
      'at least one artifact name glob or one path',
    );
  }
  if (settings.artifactNames.length > 0 && settings.repository === null) {
    throw new SettingsError(
      'repository',
      'is empty while artifact-name is set',
      'OWNER/NAME of the repository whose artifacts are read',
    );
  }
  if (context.github === 'required') {
    if (!settings.repository)
      throw new SettingsError('repository', 'is empty', 'OWNER/NAME of the repository to file issues in');
    if (!settings.token)
      throw new SettingsError(context.tokenInput, 'is empty', 'a token with "actions: read" and "issues: write"');
  } else if (context.github === 'optional' && settings.repository && !settings.token) {
    throw new SettingsError(
      context.tokenInput,
      'is not set while --repo is given',
      'a token in the GITHUB_TOKEN environment variable',
    );
  }
  return settings;
}
