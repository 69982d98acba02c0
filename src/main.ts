// The action: reads inputs, wires the stages together, publishes outputs.

import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import { createGitHubClient } from './github-client.ts';
import { createIssueRenderer } from './render/issue-templates.ts';
import { readTemplates } from './render/template-files.ts';
import { composeJobSummary } from './report/job-summary.ts';
import { writeReport } from './report/write-report.ts';
import { runTriage } from './run-triage.ts';
import { parseSettings, SettingsError } from './settings.ts';
import { artifactSourceFor } from './sources/artifact-source.ts';
import { createPathSource } from './sources/path-source.ts';
import type { Source } from './sources/source.ts';
import { createGitHubTracker } from './trackers/github-tracker.ts';

export async function run(): Promise<void> {
  try {
    const settings = parseSettings((name) => core.getInput(name));
    if (settings.token) core.setSecret(settings.token);
    if (!settings.repository) throw new SettingsError('repository', 'is empty', 'OWNER/NAME of the repository to file issues in');
    if (!settings.token) throw new SettingsError('github-token', 'is empty', 'a token with "actions: read" and "issues: write"');
    const templates = await readTemplates(settings, process.cwd());
    const renderer = createIssueRenderer(templates.title, templates.body);

    const now = new Date();
    const { client, counts } = createGitHubClient({
      token: settings.token,
      baseUrl: process.env['GITHUB_API_URL'] || 'https://api.github.com',
      warn: (message) => core.warning(message),
    });
    const sources: Source[] = [];
    if (settings.paths.length > 0) sources.push(createPathSource(settings.paths, process.cwd()));
    if (settings.artifactNames.length > 0) {
      sources.push(artifactSourceFor({ ...settings, repository: settings.repository }, { client, counts }, now, process.env['GITHUB_SERVER_URL'] || 'https://github.com'));
    }
    const report = await runTriage(settings, {
      sources,
      tracker: createGitHubTracker(client, settings.repository),
      renderer,
      now,
      log: { info: (message) => core.info(message), warning: (message) => core.warning(message) },
    });
    report.requests = { reads: counts.reads, writes: counts.writes };

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
