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

function exec(file: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { env: { PATH: process.env['PATH'] ?? '', ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}
const cli = (args: string[], env?: Record<string, string>) => exec(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'summarize', ...args], env);
const python = (args: string[], env?: Record<string, string>) => exec('python3', [join(ROOT, 'examples', 'producers', 'session_summary.py'), ...args], env);

async function lines(path: string): Promise<unknown[]> {
  return (await readFile(path, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as unknown);
}

for (const [name, run] of [
  ['crash-report-aggregator summarize', cli],
  ['the Python reference producer', python],
] as const) {
  test(`${name} appends schema-valid summaries, one per session`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cra-producer-'));
    const out = join(dir, 'summaries.jsonl');
    for (let i = 0; i < 2; i += 1) {
      const result = await run(['--log', LOG, '--app', 'gamestonk', '--app-version', '1.2.3', '--out', out], { GITHUB_ACTIONS: 'true' });
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
    const app = await run(['--log', LOG, '--out', out, '--opt-out-env', 'GTFF_LOG_COLLECTION'], { GTFF_LOG_COLLECTION: 'False' });
    assert.match(app.stderr, /Telemetry is off \(GTFF_LOG_COLLECTION=False\)/);
    const printed = await run(['--log', LOG, '--out', out, '--print']);
    assert.equal(printed.code, 0);
    assert.ok(validateSummary(JSON.parse(printed.stdout)).ok);
    await assert.rejects(stat(out), 'no file was written');
  });
}
