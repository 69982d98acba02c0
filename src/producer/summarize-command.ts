// `crash-report-aggregator summarize`: the producer kit on the command line.

import { randomUUID } from 'node:crypto';
import { appendFile, readFile } from 'node:fs/promises';
import { arch, release } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LOG_PRESETS, PRESET_NAMES } from '../intake/formats/log-presets.ts';
import { compileLogPattern } from '../intake/formats/session-log.ts';
import { optedOut, summarizeCounts, summarizeSession } from './summarize-session.ts';
import type { SummarizeResult } from './summarize-session.ts';

export const SUMMARIZE_USAGE = `Usage: crash-report-aggregator summarize --log FILE [--log-format NAME] --app NAME [--app-version V] (--out FILE | --print)
       crash-report-aggregator summarize --error-lines N --outcome ok|error|crash --app NAME ... (no log)

Writes one anonymous session summary: duration, lines, error lines, exception
class names, OS, architecture and CI vendor. Nothing else.

  --log FILE             the session's log
  --log-format NAME      its layout: ${PRESET_NAMES.join(', ')} (default python)
  --log-pattern REGEX    or a pattern of your own, with the named groups ts and level
  --error-lines N        without a log: the session's error lines
  --log-lines N          without a log: its lines (default: the error lines, at least 1)
  --outcome O            without a log: ok, error or crash (default: error when N > 0)
  --started-at TIME      without a log: when it started (default: --duration before the end)
  --ended-at TIME        without a log: when it ended (default: now)
  --duration SECONDS     without a log: how long it ran (default 0)
  --app NAME             application name (default: app)
  --app-version V        application version (default: the tag being built, else the version
                         in package.json, pyproject.toml or Cargo.toml here, else unknown)
  --runtime NAME         runtime name, e.g. python
  --runtime-version V    runtime version, e.g. 3.12.1
  --install-id UUID      a random ID your application keeps per installation
  --out FILE             append the summary to this NDJSON file
  --print                print exactly what would be written, and write nothing
  --opt-out-env NAME     your application's switch: NAME=false, 0, no or off turns telemetry off
DO_NOT_TRACK=1 also turns it off.

Log formats:
${Object.entries(LOG_PRESETS)
  .map(([name, preset]) => `  ${name.padEnd(17)}${preset.example}`)
  .join('\n')}
`;

const SEMVER_TAG = /^v?(\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*)?)$/;

/**
 * The version being built when none is given: a tag (v1.2.3 reads 1.2.3), never a branch
 * name, else the project's own metadata in `cwd`; null when there is none.
 */
export async function projectVersion(env: Record<string, string | undefined>, cwd: string): Promise<string | null> {
  if (env['GITHUB_REF_TYPE'] === 'tag' && env['GITHUB_REF_NAME']) {
    const tag = SEMVER_TAG.exec(env['GITHUB_REF_NAME']);
    if (tag) return tag[1]!;
  }
  const text = async (name: string) => readFile(join(cwd, name), 'utf8').catch(() => null);
  const npm = await text('package.json');
  if (npm) {
    try {
      const version = (JSON.parse(npm) as { version?: unknown }).version;
      if (typeof version === 'string' && version) return version;
    } catch {
      // Not JSON: try the next kind of project.
    }
  }
  // The version line of pyproject.toml's [project] or [tool.poetry], or Cargo.toml's [package].
  for (const [file, tables] of [
    ['pyproject.toml', ['project', 'tool.poetry']],
    ['Cargo.toml', ['package']],
  ] as const) {
    const toml = await text(file);
    if (!toml) continue;
    let table = '';
    for (const line of toml.split(/\r?\n/)) {
      const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
      if (header) table = header[1]!.trim();
      const version = /^\s*version\s*=\s*"([^"]+)"\s*$/.exec(line);
      if (version && (tables as readonly string[]).includes(table)) return version[1]!;
    }
  }
  return null;
}

function count(value: unknown, name: string): number | string {
  if (value === undefined) return Number.NaN;
  const number = Number(value);
  return Number.isSafeInteger(number) && number >= 0 ? number : `--${name} must be a whole number of 0 or more`;
}

function time(value: unknown, name: string): Date | string | null {
  if (value === undefined) return null;
  const date = new Date(String(value));
  return Number.isNaN(date.getTime()) ? `--${name} is not a date and time` : date;
}

export async function summarizeCommand(
  argv: string[],
  env: Record<string, string | undefined>,
  cwd = process.cwd(),
): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      options: {
        log: { type: 'string' },
        'log-format': { type: 'string' },
        'log-pattern': { type: 'string' },
        'error-lines': { type: 'string' },
        'log-lines': { type: 'string' },
        outcome: { type: 'string' },
        'started-at': { type: 'string' },
        'ended-at': { type: 'string' },
        duration: { type: 'string' },
        app: { type: 'string' },
        'app-version': { type: 'string' },
        runtime: { type: 'string' },
        'runtime-version': { type: 'string' },
        'install-id': { type: 'string' },
        out: { type: 'string' },
        print: { type: 'boolean' },
        'opt-out-env': { type: 'string' },
        help: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${SUMMARIZE_USAGE}`);
    return 2;
  }
  if (values['help']) {
    process.stdout.write(SUMMARIZE_USAGE);
    return 0;
  }
  const off = optedOut(env, typeof values['opt-out-env'] === 'string' ? values['opt-out-env'] : null);
  if (off) {
    process.stderr.write(`Telemetry is off (${off}): no summary written.\n`);
    return 0;
  }
  const usage = (message: string) => {
    process.stderr.write(`${message}\n\n${SUMMARIZE_USAGE}`);
    return 2;
  };
  const fromLog = typeof values['log'] === 'string';
  const fromCounts = values['error-lines'] !== undefined;
  if (fromLog === fromCounts) return usage('summarize needs either --log or --error-lines.');
  if (typeof values['out'] !== 'string' && !values['print']) return usage('summarize needs one of --out or --print.');

  const version =
    typeof values['app-version'] === 'string' ? values['app-version'] : ((await projectVersion(env, cwd)) ?? 'unknown');
  const runtimeName = values['runtime'];
  const runtimeVersion = values['runtime-version'];
  const common = {
    app: { name: typeof values['app'] === 'string' ? values['app'] : 'app', version },
    ...(typeof runtimeName === 'string' && typeof runtimeVersion === 'string'
      ? { runtime: { name: runtimeName, version: runtimeVersion } }
      : {}),
    machine: { platform: process.platform, release: release(), arch: arch(), env },
    newUuid: randomUUID,
    ...(typeof values['install-id'] === 'string' ? { installId: values['install-id'] } : {}),
  };

  let result: SummarizeResult;
  if (fromLog) {
    let logPattern: RegExp | string | undefined =
      typeof values['log-format'] === 'string' ? values['log-format'] : undefined;
    if (typeof values['log-pattern'] === 'string') {
      try {
        logPattern = compileLogPattern(values['log-pattern']);
      } catch (error) {
        return usage(`--log-pattern ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const text = await readFile(values['log'] as string, 'utf8').catch((error: NodeJS.ErrnoException) => error);
    if (text instanceof Error) {
      process.stderr.write(
        `error: cannot read the log ${values['log']} (${text.code ?? text.message}): no summary written.\n`,
      );
      return 1;
    }
    result = summarizeSession({ ...common, logText: text, ...(logPattern !== undefined ? { logPattern } : {}) });
  } else {
    const errorLines = count(values['error-lines'], 'error-lines');
    const given = count(values['log-lines'], 'log-lines');
    const duration = values['duration'] === undefined ? 0 : Number(values['duration']);
    const ended = time(values['ended-at'], 'ended-at');
    const started = time(values['started-at'], 'started-at');
    for (const problem of [errorLines, given, ended, started]) if (typeof problem === 'string') return usage(problem);
    if (!Number.isFinite(duration) || duration < 0) return usage('--duration must be a number of seconds of 0 or more');
    const outcome = values['outcome'] ?? ((errorLines as number) > 0 ? 'error' : 'ok');
    if (outcome !== 'ok' && outcome !== 'error' && outcome !== 'crash')
      return usage('--outcome must be ok, error or crash');
    const endedAt = (ended as Date | null) ?? new Date();
    result = summarizeCounts({
      ...common,
      errorLines: errorLines as number,
      logLines: Number.isNaN(given) ? Math.max(1, errorLines as number) : (given as number),
      outcome,
      endedAt,
      startedAt: (started as Date | null) ?? new Date(endedAt.getTime() - duration * 1000),
    });
  }
  if (!result.ok) {
    process.stderr.write(`error: ${result.reason}\n`);
    return 1;
  }
  const line = JSON.stringify(result.summary);
  if (values['print']) {
    process.stdout.write(`${JSON.stringify(result.summary, null, 2)}\n`);
    process.stderr.write('--print: nothing was written.\n');
    return 0;
  }
  await appendFile(values['out'] as string, `${line}\n`);
  process.stderr.write(`Wrote one session summary to ${values['out']}.\n`);
  return 0;
}
