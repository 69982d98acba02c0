// The action: reads its inputs, hands them and the runner (RUNNER_TEMP, the
// GitHub client, the log) to the run, and publishes outputs and a job summary.

import { availableParallelism, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import * as core from '@actions/core';
import { createGitHubClient } from './github-client.ts';
import { composeJobSummary } from './report/job-summary.ts';
import { writeReport } from './report/write-report.ts';
import { workerPlan } from './run/read-inputs.ts';
import { runWith } from './run/run.ts';
import { ACTION_CONTEXT, parseSettings, SettingsError } from './settings.ts';
import { createGitHubTracker } from './trackers/github-tracker.ts';

/**
 * What the action keeps between runs is only ever written under RUNNER_TEMP on
 * a runner: the state folder and the history file must be inside it (cache them
 * with actions/cache).
 */
function keptPath(path: string, input: string): string {
  const temp = process.env['RUNNER_TEMP'];
  const full = resolve(temp || process.cwd(), path);
  if (temp && relative(resolve(temp), full).startsWith('..')) {
    throw new SettingsError(
      input,
      `is "${path}", outside RUNNER_TEMP`,
      'a path inside RUNNER_TEMP, such as ${{ runner.temp }}/crash-report-state (a relative path is taken from RUNNER_TEMP)',
    );
  }
  return full;
}

export async function run(): Promise<void> {
  try {
    const settings = parseSettings((name) => core.getInput(name), ACTION_CONTEXT);
    if (settings.token) core.setSecret(settings.token);
    const github = createGitHubClient({
      token: settings.token,
      baseUrl: process.env['GITHUB_API_URL'] || 'https://api.github.com',
      warn: (message) => core.warning(message),
    });
    const temp = join(process.env['RUNNER_TEMP'] || tmpdir(), 'crash-report-aggregator');
    const { report, partialPath } = await runWith(settings, {
      clock: new Date(),
      cwd: process.cwd(),
      log: { info: (message) => core.info(message), warning: (message) => core.warning(message) },
      github,
      tracker: createGitHubTracker(github.client, settings.repository!),
      workers: workerPlan(settings, availableParallelism(), new URL('./intake-worker.js', import.meta.url)),
      keptPath,
      defaultHistoryPath: null,
      defaultPartialPath: (shard) => join(temp, `partial-${shard.index}-of-${shard.count}.ndjson`),
      serverUrl: process.env['GITHUB_SERVER_URL'] || 'https://github.com',
      runId: process.env['GITHUB_RUN_ID'],
      strictPaths: false,
    });
    if (report.partial && partialPath) {
      core.info(
        `Wrote ${report.partial.sessions} session(s) of shard ${report.partial.shard.index}/${report.partial.shard.count} to ${partialPath} (${report.partial.bytes} bytes).`,
      );
      core.setOutput('partial-path', partialPath);
    }
    if (report.state)
      core.info(
        `State: ${report.state.fromState} artifact(s) taken from ${settings.statePath}, ${report.state.stored} downloaded, read and stored, ${report.state.dropped} dropped.`,
      );

    const reportPath = join(temp, 'report.json');
    await writeReport(report, reportPath);
    core.setOutput('sessions', report.totals.sessions);
    core.setOutput('rejected', report.totals.rejected);
    core.setOutput('groups', report.totals.groups);
    core.setOutput('flagged', report.totals.flagged);
    core.setOutput('created', report.totals.created);
    core.setOutput('updated', report.totals.updated);
    core.setOutput('reopened', report.totals.reopened);
    core.setOutput('closed', report.totals.closedNow);
    core.setOutput('report-path', reportPath);
    if (process.env['GITHUB_STEP_SUMMARY']) await composeJobSummary(report, core.summary).write();
    core.info(`GitHub REST requests: ${github.counts.reads} reads, ${github.counts.writes} writes.`);
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
