// Runs the bundled action the way the Actions runner does: INPUT_* variables
// (defaults filled from action.yml), GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and
// RUNNER_TEMP files, and `node dist/index.js` as a child process.

import { execFile } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  report: Record<string, any> | null;
}

export interface RunnerContext {
  /** A RUNNER_TEMP kept across runs (as actions/cache would restore it); a fresh one by default. */
  runnerTemp?: string;
  apiUrl: string;
  serverUrl?: string;
  token: string;
  repository: string;
  workspace?: string;
  /** GITHUB_RUN_ID, the run the action runs in; 4242 by default. */
  runId?: number;
}

interface ActionYaml {
  inputs: Record<string, { default?: string }>;
}

/** Parses `name<<DELIMITER ... DELIMITER` blocks that @actions/core writes. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!match) continue;
    const value: string[] = [];
    for (i += 1; i < lines.length && lines[i] !== match[2]; i += 1) value.push(lines[i]!);
    outputs[match[1]!] = value.join('\n');
  }
  return outputs;
}

export async function runAction(
  inputs: Record<string, string>,
  context: RunnerContext,
  onSpawn?: (child: ChildProcess) => void,
): Promise<ActionRun> {
  const action = parse(await readFile(join(ROOT, 'action.yml'), 'utf8')) as ActionYaml;
  const dir = await mkdtemp(join(tmpdir(), 'cra-runner-'));
  const outputFile = join(dir, 'output.txt');
  const summaryFile = join(dir, 'summary.md');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    HOME: dir,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_REPOSITORY: context.repository,
    GITHUB_API_URL: context.apiUrl,
    GITHUB_SERVER_URL: context.serverUrl ?? 'https://github.com',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_WORKSPACE: context.workspace ?? dir,
    RUNNER_TEMP: context.runnerTemp ?? join(dir, 'runner-temp'),
    GITHUB_RUN_ID: String(context.runId ?? 4242),
  };
  for (const [name, spec] of Object.entries(action.inputs)) {
    const fallback = (spec.default ?? '')
      .replace('${{ github.token }}', context.token)
      .replace('${{ github.repository }}', context.repository);
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = inputs[name] ?? fallback;
  }
  for (const name of Object.keys(inputs)) {
    if (!(name in action.inputs)) throw new Error(`action.yml has no input "${name}"`);
  }
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      [join(ROOT, 'dist', 'index.js')],
      { env, cwd: context.workspace ?? dir, maxBuffer: 64 * 1024 * 1024 },
      (error, out, err) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout: out, stderr: err });
      },
    );
    onSpawn?.(child);
  });
  const outputs = parseOutputFile(await readFile(outputFile, 'utf8'));
  const reportText = outputs['report-path'] ? await readFile(outputs['report-path'], 'utf8').catch(() => null) : null;
  const report = reportText ? (JSON.parse(reportText) as Record<string, any>) : null;
  return { code, stdout, stderr, outputs, summary: await readFile(summaryFile, 'utf8'), report };
}
