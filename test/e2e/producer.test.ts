// The producer kit as users run it: the bundled CLI's summarize command and the
// reference Python producer. Their output is validated against the schema.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { validateSummary } from '../../src/records/validate-summary.ts';
import { ROOT } from './run-action.ts';

const LOG = join(ROOT, 'test', 'fixtures', 'python-logging-session.log');

function exec(
  file: string,
  args: string[],
  env: Record<string, string> = {},
  cwd?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { env: { PATH: process.env['PATH'] ?? '', ...env }, ...(cwd ? { cwd } : {}) },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}
const cli = (args: string[], env?: Record<string, string>, cwd?: string) =>
  exec(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'summarize', ...args], env, cwd);
const python = (args: string[], env?: Record<string, string>) =>
  exec('python3', [join(ROOT, 'examples', 'producers', 'session_summary.py'), ...args], env);

async function lines(path: string): Promise<unknown[]> {
  return (await readFile(path, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
}

for (const [name, run] of [
  ['crash-report-aggregator summarize', cli],
  ['the Python reference producer', python],
] as const) {
  test(`${name} appends schema-valid summaries, one per session`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cra-producer-'));
    const out = join(dir, 'summaries.jsonl');
    for (let i = 0; i < 2; i += 1) {
      const result = await run(['--log', LOG, '--app', 'gamestonk', '--app-version', '1.2.3', '--out', out], {
        GITHUB_ACTIONS: 'true',
      });
      assert.equal(result.code, 0, result.stderr);
    }
    const summaries = await lines(out);
    assert.equal(summaries.length, 2);
    for (const summary of summaries) {
      const checked = validateSummary(summary);
      assert.ok(checked.ok, JSON.stringify(checked));
      assert.equal(checked.summary.ci, 'GITHUB_ACTIONS');
      assert.equal(checked.summary.log_lines, 11);
      assert.equal(checked.summary.error_lines, 2);
      assert.deepEqual(checked.summary.error_kinds, { KeyError: 1 });
      assert.equal(checked.summary.started_at, '2021-10-28T13:41:12.345Z');
    }
    const [first, second] = summaries as { session_id: string }[];
    assert.notEqual(first!.session_id, second!.session_id, 'session IDs are random');
  });

  test(`${name} writes nothing when the user opted out, or with --print`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cra-producer-'));
    const out = join(dir, 'summaries.jsonl');
    const dnt = await run(['--log', LOG, '--out', out], { DO_NOT_TRACK: '1' });
    assert.equal(dnt.code, 0);
    assert.match(dnt.stderr, /Telemetry is off \(DO_NOT_TRACK=1\): no summary written\./);
    const app = await run(['--log', LOG, '--out', out, '--opt-out-env', 'GTFF_LOG_COLLECTION'], {
      GTFF_LOG_COLLECTION: 'False',
    });
    assert.match(app.stderr, /Telemetry is off \(GTFF_LOG_COLLECTION=False\)/);
    const printed = await run(['--log', LOG, '--out', out, '--print']);
    assert.equal(printed.code, 0);
    assert.ok(validateSummary(JSON.parse(printed.stdout)).ok);
    await assert.rejects(stat(out), 'no file was written');
  });
}

test('summarize reads the logs people have through a preset or a pattern of their own', async () => {
  const logs = join(ROOT, 'test', 'fixtures', 'logs');
  for (const [format, file, errorLines] of [
    ['go-slog', 'go-slog', 1],
    ['pino', 'pino', 1],
    ['rust-tracing', 'rust-tracing', 2],
    ['go-log', 'go-log', 2],
  ] as const) {
    const result = await cli([
      '--log',
      join(logs, `${file}.log`),
      '--log-format',
      format,
      '--app',
      'octo',
      '--app-version',
      '2.0.0',
      '--print',
    ]);
    assert.equal(result.code, 0, result.stderr);
    const summary = JSON.parse(result.stdout) as { error_lines: number; started_at: string; ended_at: string };
    assert.equal(validateSummary(summary).ok, true);
    assert.deepEqual(
      [summary.error_lines, summary.started_at.slice(0, 19), summary.ended_at.slice(0, 19)],
      [errorLines, '2026-11-20T10:00:00', '2026-11-20T10:04:59'],
      format,
    );
  }
  const own = await cli([
    '--log',
    join(logs, 'go-slog.log'),
    '--log-pattern',
    '^time=(?<ts>\\S+) level=(?<level>\\w+)',
    '--app',
    'octo',
    '--app-version',
    '2.0.0',
    '--print',
  ]);
  assert.equal(own.code, 0, own.stderr);
  assert.equal((JSON.parse(own.stdout) as { error_lines: number }).error_lines, 1);
  const unknown = await cli(['--log', join(logs, 'go-slog.log'), '--log-format', 'log4j', '--app', 'octo', '--print']);
  assert.equal(unknown.code, 1);
  assert.match(
    unknown.stderr,
    /^error: unknown log format "log4j" \(presets: python, go-slog, go-slog-json, go-log, rust-env-logger, rust-tracing, pino\)$/m,
  );
});

test('summarize records a session from its counts and outcome, without a log', async () => {
  const result = await cli([
    '--error-lines',
    '3',
    '--outcome',
    'crash',
    '--duration',
    '90',
    '--ended-at',
    '2026-11-20T10:05:00Z',
    '--app',
    'octo',
    '--app-version',
    '2.0.0',
    '--print',
  ]);
  assert.equal(result.code, 0, result.stderr);
  const summary = JSON.parse(result.stdout) as Record<string, unknown>;
  assert.equal(validateSummary(summary).ok, true);
  assert.deepEqual(
    [summary['started_at'], summary['ended_at'], summary['log_lines'], summary['error_lines'], summary['outcome']],
    ['2026-11-20T10:03:30.000Z', '2026-11-20T10:05:00.000Z', 3, 3, 'crash'],
  );
  const clean = JSON.parse(
    (await cli(['--error-lines', '0', '--log-lines', '40', '--app', 'octo', '--app-version', '2.0.0', '--print']))
      .stdout,
  ) as Record<string, unknown>;
  assert.deepEqual([clean['log_lines'], clean['error_lines'], clean['outcome']], [40, 0, 'ok']);
  for (const bad of [
    ['--error-lines', '-1'],
    ['--error-lines', '2', '--outcome', 'maybe'],
    ['--error-lines', '2', '--ended-at', 'yesterday'],
    ['--error-lines', '2', '--log', 'x.log'],
  ]) {
    const refused = await cli([...bad, '--print']);
    assert.equal(refused.code, 2, bad.join(' '));
  }
});

test('summarize takes the version from the tag being built or the project, never a branch; a missing log is one line, not a trace', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cra-producer-'));
  const { writeFile } = await import('node:fs/promises');
  const version = async (env: Record<string, string>) => {
    const result = await cli(['--error-lines', '0', '--app', 'octo', '--print'], env, dir);
    assert.equal(result.code, 0, result.stderr);
    return (JSON.parse(result.stdout) as { app: { version: string } }).app.version;
  };
  assert.equal(await version({}), 'unknown');
  await writeFile(
    join(dir, 'pyproject.toml'),
    '[build-system]\nrequires = ["hatchling"]\n\n[project]\nname = "octo"\nversion = "3.1.4"\n',
  );
  assert.equal(await version({}), '3.1.4');
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'octo', version: '3.2.0' }));
  assert.equal(await version({}), '3.2.0');
  assert.equal(await version({ GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'v3.3.0' }), '3.3.0');
  // A branch, or a pull request's merge ref, is no version.
  assert.equal(await version({ GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'main' }), '3.2.0');
  assert.equal(await version({ GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: '123/merge' }), '3.2.0');
  const missing = await cli(['--log', join(dir, 'nope.log'), '--app', 'octo', '--out', join(dir, 'out.jsonl')]);
  assert.equal(missing.code, 1);
  assert.equal(missing.stderr, `error: cannot read the log ${join(dir, 'nope.log')} (ENOENT): no summary written.\n`);
});
