// The summarize sub-action (summarize/action.yml): its producer step run as the
// composite runs it (the CRA_* variables its inputs fill, RUNNER_TEMP,
// GITHUB_OUTPUT), and its metadata checked against that step.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { validateSummary } from '../../src/records/validate-summary.ts';
import { ROOT } from './run-action.ts';

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  'continue-on-error'?: boolean;
}

async function step(inputs: Record<string, string>, env: Record<string, string> = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'cra-summarize-'));
  const output = join(dir, 'github-output');
  await writeFile(output, '');
  const vars = Object.fromEntries(
    Object.entries(inputs).map(([name, value]) => [`CRA_${name.toUpperCase().replace(/-/g, '_')}`, value]),
  );
  const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(
      'bash',
      [join(ROOT, 'summarize', 'summarize.sh')],
      {
        cwd: dir,
        env: {
          PATH: `${dirname(process.execPath)}:${process.env['PATH']}`,
          RUNNER_TEMP: dir,
          GITHUB_OUTPUT: output,
          GITHUB_JOB: 'test',
          ...vars,
          ...env,
        },
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    ),
  );
  const outputs = Object.fromEntries(
    (await readFile(output, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => line.split('=', 2) as [string, string]),
  );
  const written =
    outputs['written'] === 'true'
      ? (await readFile(outputs['path']!, 'utf8'))
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as Record<string, unknown>)
      : [];
  return { ...result, outputs, written };
}

test('the step writes one schema-valid summary from a log with a preset, and says where', async () => {
  const run = await step({
    log: join(ROOT, 'test', 'fixtures', 'logs', 'go-slog.log'),
    'log-format': 'go-slog',
    app: 'octo',
    'app-version': '2.0.0',
    runtime: 'go',
    'runtime-version': '1.23.4',
  });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.outputs['written'], 'true');
  assert.match(run.outputs['path']!, /crash-report-aggregator\/session-summary-test-\d+\.jsonl$/);
  assert.equal(run.written.length, 1);
  const [summary] = run.written;
  assert.equal(validateSummary(summary).ok, true);
  assert.deepEqual(
    [summary!['app'], summary!['runtime'], summary!['error_lines']],
    [{ name: 'octo', version: '2.0.0' }, { name: 'go', version: '1.23.4' }, 1],
  );
});

test('the step records a session from counts, and takes the version from the tag being built', async () => {
  const run = await step(
    { 'error-lines': '2', outcome: 'crash', duration: '30', app: 'octo' },
    { GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'v2.1.0' },
  );
  assert.equal(run.outputs['written'], 'true', run.stderr);
  assert.deepEqual(
    [run.written[0]!['outcome'], run.written[0]!['error_lines'], run.written[0]!['app']],
    ['crash', 2, { name: 'octo', version: '2.1.0' }],
  );
});

test('the step never fails the job: a missing log warns, an opt-out writes nothing quietly, no input warns', async () => {
  const missing = await step({
    log: '/nonexistent/session.log',
    'log-format': 'python',
    app: 'octo',
    'app-version': '1.0.0',
  });
  assert.equal(missing.code, 0);
  assert.equal(missing.outputs['written'], 'false');
  assert.match(
    missing.stderr,
    /error: cannot read the log \/nonexistent\/session\.log \(ENOENT\): no summary written\./,
  );
  assert.match(missing.stdout, /^::warning title=crash-report-aggregator::No session summary was written/m);

  const optedOut = await step(
    { 'error-lines': '1', app: 'octo', 'app-version': '1.0.0', 'opt-out-env': 'OCTO_TELEMETRY' },
    { OCTO_TELEMETRY: 'off' },
  );
  assert.equal(optedOut.code, 0);
  assert.equal(optedOut.outputs['written'], 'false');
  assert.match(optedOut.stderr, /Telemetry is off \(OCTO_TELEMETRY=off\): no summary written\./);
  assert.doesNotMatch(optedOut.stdout, /::warning/);
  const dnt = await step({ 'error-lines': '1', app: 'octo', 'app-version': '1.0.0' }, { DO_NOT_TRACK: '1' });
  assert.equal(dnt.outputs['written'], 'false');

  const nothing = await step({ app: 'octo' });
  assert.equal(nothing.code, 0);
  assert.equal(nothing.outputs['written'], 'false');
  assert.match(
    nothing.stdout,
    /::warning title=crash-report-aggregator::No session summary: give the log input, or error-lines/,
  );
});

test('summarize/action.yml: every input reaches the step, every step goes on after an error, current action majors', async () => {
  const action = parse(await readFile(join(ROOT, 'summarize', 'action.yml'), 'utf8')) as {
    description: string;
    inputs: Record<string, { description: string; required?: boolean; default?: string }>;
    runs: { using: string; steps: Step[] };
  };
  assert.ok(action.description.length < 125, 'the Marketplace refuses descriptions of 125 characters or more');
  assert.equal(action.runs.using, 'composite');
  const summarize = action.runs.steps.find((candidate) => candidate.id === 'summarize')!;
  const upload = action.runs.steps.find((candidate) => candidate.id === 'upload')!;
  // The inputs the upload takes; every other input is a CRA_* variable of the producer step.
  for (const name of Object.keys(action.inputs).filter(
    (input) => input !== 'artifact-name' && input !== 'retention-days',
  )) {
    const variable = `CRA_${(name === 'app-name' ? 'app' : name).toUpperCase().replace(/-/g, '_')}`;
    assert.equal(summarize.env?.[variable], `\${{ inputs.${name} }}`, `input ${name} is not passed as ${variable}`);
  }
  assert.match(upload.with!['name']!, /inputs\.artifact-name/);
  assert.match(upload.with!['name']!, /session-summaries-/);
  assert.equal(upload.with!['retention-days'], '${{ inputs.retention-days }}');
  for (const each of action.runs.steps.filter((candidate) => candidate.uses || candidate.id))
    assert.equal(each['continue-on-error'], true, `${each.uses ?? each.id} must not fail the job`);
  assert.deepEqual(
    action.runs.steps.filter((candidate) => candidate.uses).map((candidate) => candidate.uses),
    ['actions/setup-node@v6', 'actions/upload-artifact@v7'],
  );
});
