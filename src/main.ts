// The action: reads inputs, wires the stages together, publishes outputs.

import { availableParallelism, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import * as core from '@actions/core';
import { createGitHubClient } from './github-client.ts';
import { createIssueRenderer } from './render/issue-templates.ts';
import { readTemplates } from './run/template-files.ts';
import { composeJobSummary } from './report/job-summary.ts';
import { writeReport } from './report/write-report.ts';
import { mergeInputsFor } from './partial/partial-artifacts.ts';
import { withPartialFile } from './partial/partial-files.ts';
import type { RunReport } from './report/run-report.ts';
import { runPartial, runTriage, workerPlan } from './run-triage.ts';
import { parseSettings, SettingsError } from './settings.ts';
import { openArtifactState, readingFingerprint } from './state/artifact-state.ts';
import type { ArtifactState } from './state/artifact-state.ts';
import { artifactSourceFor } from './run/artifact-source-for.ts';
import { createPathSource } from './sources/path-source.ts';
import type { Source } from './sources/source.ts';
import { createGitHubTracker } from './trackers/github-tracker.ts';

/**
 * The state is only ever written under RUNNER_TEMP on a runner: the state
 * folder must be inside it (cache it with actions/cache).
 */
function stateFolder(path: string, input = 'state-path'): string {
  const temp = process.env['RUNNER_TEMP'];
  const full = resolve(temp || process.cwd(), path);
  if (temp && relative(resolve(temp), full).startsWith('..')) {
    throw new SettingsError(input, `is "${path}", outside RUNNER_TEMP`, 'a path inside RUNNER_TEMP, such as ${{ runner.temp }}/crash-report-state (a relative path is taken from RUNNER_TEMP)');
  }
  return full;
}

export async function run(): Promise<void> {
  try {
    const settings = parseSettings((name) => core.getInput(name));
    if (settings.token) core.setSecret(settings.token);
    if (!settings.repository) throw new SettingsError('repository', 'is empty', 'OWNER/NAME of the repository to file issues in');
    if (!settings.token) throw new SettingsError('github-token', 'is empty', 'a token with "actions: read" and "issues: write"');
    const now = new Date();
    const { client, counts } = createGitHubClient({
      token: settings.token,
      baseUrl: process.env['GITHUB_API_URL'] || 'https://api.github.com',
      warn: (message) => core.warning(message),
    });
    const sources: Source[] = [];
    let state: ArtifactState | undefined;
    if (settings.mode === 'merge') {
      if (settings.paths.length > 0 || settings.artifactNames.length > 0) core.info('Mode merge reads the partials only; path and artifact-name were read by the shards.');
    } else if (settings.paths.length > 0) {
      sources.push(createPathSource(settings.paths, process.cwd(), settings.shard, { logsInFolders: settings.format === 'log' }));
    }
    if (settings.artifactNames.length > 0 && settings.mode !== 'merge') {
      state = settings.statePath ? await openArtifactState(stateFolder(settings.statePath), readingFingerprint(settings), settings.dryRun, (message) => core.warning(message)) : undefined;
      sources.push(artifactSourceFor({ ...settings, repository: settings.repository }, { client, counts }, now, process.env['GITHUB_SERVER_URL'] || 'https://github.com', state));
    }
    const log = { info: (message: string) => core.info(message), warning: (message: string) => core.warning(message) };
    const workers = workerPlan(settings, availableParallelism(), new URL('./intake-worker.js', import.meta.url));
    let report: RunReport;
    if (settings.mode === 'partial') {
      const shard = settings.shard!;
      const path = resolve(settings.partialPath ?? join(process.env['RUNNER_TEMP'] || tmpdir(), 'crash-report-aggregator', `partial-${shard.index}-of-${shard.count}.ndjson`));
      const { result, bytes } = await withPartialFile(path, (emit) => runPartial(settings, { sources, ...(state ? { cache: state } : {}), now, log, emit, workers }));
      report = result.report;
      report.partial = { shard, path, sessions: result.sessions, bytes };
      core.info(`Wrote ${result.sessions} session(s) of shard ${shard.index}/${shard.count} to ${path} (${bytes} bytes).`);
      core.setOutput('partial-path', path);
    } else {
      const templates = await readTemplates(settings, process.cwd());
      const partials = settings.mode === 'merge' ? await mergeInputsFor(settings, process.cwd(), client, process.env['GITHUB_RUN_ID']) : [];
      // The history: history-path, else history.json in the state folder (both cached with actions/cache), else none.
      const historyPath = settings.historyPath ? stateFolder(settings.historyPath, 'history-path') : settings.statePath ? join(stateFolder(settings.statePath), 'history.json') : null;
      report = await runTriage(settings, {
        sources,
        ...(state ? { cache: state } : {}),
        workers,
        partials,
        tracker: createGitHubTracker(client, settings.repository),
        renderer: createIssueRenderer(templates.title, templates.body),
        now,
        log,
        historyPath,
      });
      if (settings.mode === 'merge') report.merged = { shards: partials.length, partials: partials.map((partial) => partial.name) };
    }
    report.requests = { reads: counts.reads, writes: counts.writes };
    if (state) {
      await state.finish();
      report.state = { ...state.stats };
      core.info(`State: ${state.stats.fromState} artifact(s) taken from ${settings.statePath}, ${state.stats.stored} downloaded, read and stored, ${state.stats.dropped} dropped.`);
    }

    const reportPath = join(process.env['RUNNER_TEMP'] || tmpdir(), 'crash-report-aggregator', 'report.json');
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
    core.info(`GitHub REST requests: ${counts.reads} reads, ${counts.writes} writes.`);
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
