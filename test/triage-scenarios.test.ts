// A week of daily runs of the engine against the GitHub emulator, with the clock
// as an input: what gets filed, updated, reopened, closed and left alone.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { createGitHubClient } from '../src/github-client.ts';
import { createIssueRenderer } from '../src/render/issue-templates.ts';
import { readTemplates } from '../src/run/template-files.ts';
import { runTriage } from '../src/run/triage.ts';
import type { RunReport } from '../src/report/run-report.ts';
import { lookbackStart, parseSettings } from '../src/settings.ts';
import { createArtifactSource } from '../src/sources/artifact-source.ts';
import { createGitHubTracker } from '../src/trackers/github-tracker.ts';
import { startEmulator } from './emulator/github-emulator.ts';
import type { GitHubEmulator } from './emulator/github-emulator.ts';
import { generateSummaries } from './fixtures/synthetic-summaries.ts';
import type { Profile } from './fixtures/synthetic-summaries.ts';

const DAY = 86_400_000;
const start = Date.parse('2026-06-01T00:00:00Z');
const runtime = { name: 'python', version: '3.12.1' };
const profile = (
  platform: Profile['platform'],
  sessions: number,
  errorRate: number,
  appVersion = '1.0.0',
): Profile => ({
  platform,
  arch: 'x64',
  appVersion,
  runtime,
  sessions,
  errorRate,
  installs: 5,
});

describe('a week of triage runs', () => {
  let emulator: GitHubEmulator;
  let run: (day: number) => Promise<RunReport>;
  const issue = (prefix: string) => emulator.issues.find((candidate) => candidate.title.startsWith(prefix));

  /** Uploads day `day`'s sessions as one artifact created that day. */
  function upload(day: number, profiles: Profile[]): void {
    const end = new Date(start + (day + 1) * DAY - 3_600_000);
    const rows = generateSummaries({ seed: 500 + day, appName: 'octo-cli', end, days: 0.9, profiles });
    emulator.addArtifact({
      name: `summaries-day-${day}`,
      zip: zipSync({ 's.jsonl': strToU8(rows.map((row) => JSON.stringify(row)).join('\n')) }),
      createdAt: end,
      run: { id: 1000 + day },
    });
  }

  before(async () => {
    emulator = await startEmulator();
    const inputs: Record<string, string> = {
      repository: `${emulator.owner}/${emulator.repo}`,
      'artifact-name': 'summaries-*',
      'group-by': 'os.platform',
      'lookback-days': '3',
      'close-after-days': '2',
      'report-issue': 'true',
    };
    const settings = parseSettings((name) => inputs[name] ?? '');
    const templates = await readTemplates(settings, process.cwd());
    const renderer = createIssueRenderer(templates.title, templates.body);
    run = async (day) => {
      const now = new Date(start + (day + 1) * DAY - 60_000);
      const { client } = createGitHubClient({
        token: emulator.token,
        baseUrl: emulator.apiUrl,
        warn: () => {},
        writeSpacingMs: 10,
      });
      const repository = settings.repository!;
      const source = createArtifactSource({
        client,
        repository,
        names: settings.artifactNames,
        since: lookbackStart(now, 3),
        concurrency: 4,
        serverUrl: 'https://github.com',
        trustForks: false,
        workflows: [],
        branches: [],
      });
      return runTriage(settings, {
        sources: [source],
        tracker: createGitHubTracker(client, repository),
        renderer,
        now,
        log: { info: () => {}, warning: () => {} },
      });
    };
  });
  after(() => emulator.close());

  test('day 0: the planted groups are filed, noise is not, the report issue is opened', async () => {
    // darwin: 1 errored of 12 is above the threshold but not significantly worse than the rest.
    upload(0, [
      profile('linux', 200, 0.02),
      profile('windows', 80, 0.3),
      profile('freebsd', 20, 0.5),
      profile('other', 20, 0.5),
      profile('darwin', 11, 0),
      profile('darwin', 1, 1),
    ]);
    const report = await run(0);
    const darwin = report.groups.find((group) => group.fields[0]!.value === 'darwin')!;
    assert.equal(darwin.errorRate, 1 / 12);
    assert.equal(darwin.flagged, false);
    assert.equal(darwin.verdict, 'part of no problem');
    assert.deepEqual(emulator.issues.map((candidate) => candidate.title).sort(), [
      'Crash report: usage and errors',
      'High error rate: os.platform freebsd',
      'High error rate: os.platform other',
      'High error rate: os.platform windows',
    ]);
    assert.match(issue('Crash report')!.body ?? '', /^\| version \\ OS \| .* \|$\n^\|---\|.*\n^\| 1\.0\.0 \| /m);
  });

  test('day 1: a doubled rate updates with a comment, maintainer text survives, muted issues stay as they are', async () => {
    const windows = issue('High error rate: os.platform windows')!;
    windows.body = `Notes from triage: only Windows 11.\n\n${windows.body}\n\nFollow-up in #12.`;
    const muted = issue('High error rate: os.platform other')!;
    muted.labels.push(emulator.labels.find((label) => label.name === 'crash-report') ?? muted.labels[0]!);
    muted.labels.push({
      id: 1,
      node_id: 'L',
      url: '',
      name: 'crash-report:ignore',
      description: null,
      color: 'ededed',
      default: false,
    });
    const mutedBody = muted.body;
    const freebsd = issue('High error rate: os.platform freebsd')!;
    Object.assign(freebsd, { state: 'closed', state_reason: 'not_planned' });
    const freebsdBody = freebsd.body;

    upload(1, [
      profile('linux', 200, 0.02),
      profile('windows', 120, 1),
      profile('freebsd', 40, 0.9),
      profile('other', 40, 0.9),
    ]);
    const report = await run(1);
    assert.equal(report.totals.updated, 1);
    assert.equal(report.totals.muted, 2);
    assert.match(windows.body ?? '', /^Notes from triage: only Windows 11\.\n\n<!-- crash-report-aggregator:begin -->/);
    assert.match(windows.body ?? '', /<!-- crash-report-aggregator:end -->\n\nFollow-up in #12\.$/);
    const comments = emulator.comments.filter((comment) => comment.issue === windows.number);
    assert.equal(comments.length, 1);
    assert.match(
      comments[0]!.body,
      /^The errored-session rate moved from \d+\.\d% \(\d+ of 80\) to \d+\.\d% \(\d+ of 200\) since the last update\.$/,
    );
    assert.equal(muted.body, mutedBody);
    assert.equal(freebsd.body, freebsdBody);
    assert.equal(emulator.issues.filter((candidate) => candidate.title === 'Crash report: usage and errors').length, 1);
  });

  test('day 2: closed as completed stays closed while only known versions fail', async () => {
    Object.assign(issue('High error rate: os.platform windows')!, { state: 'closed', state_reason: 'completed' });
    upload(2, [profile('linux', 200, 0.02), profile('windows', 40, 1)]);
    const report = await run(2);
    assert.equal(report.totals.closed, 1);
    assert.equal(issue('High error rate: os.platform windows')!.state, 'closed');
  });

  test('day 3: a failure in a newer version reopens it, a not-planned issue stays closed', async () => {
    upload(3, [profile('linux', 200, 0.02), profile('windows', 40, 1, '1.1.0'), profile('freebsd', 40, 1, '2.0.0')]);
    const report = await run(3);
    assert.equal(report.totals.reopened, 1);
    const windows = issue('High error rate: os.platform windows')!;
    assert.equal(windows.state, 'open');
    assert.match(
      emulator.comments.filter((comment) => comment.issue === windows.number).at(-1)!.body,
      /^Regressed in 1\.1\.0: /,
    );
    assert.equal(issue('High error rate: os.platform freebsd')!.state, 'closed');
  });

  test('days 4 to 6: a recovered problem is closed after two clean days', async () => {
    upload(4, [profile('linux', 200, 0.02), profile('windows', 40, 0, '1.1.1')]);
    await run(4);
    upload(5, [profile('linux', 200, 0.02), profile('windows', 40, 0, '1.1.1')]);
    const day5 = await run(5);
    assert.equal(day5.totals.closedNow, 0, 'day 3 is still in the window, so the group is still flagged');
    upload(6, [profile('linux', 200, 0.02), profile('windows', 40, 0, '1.1.1')]);
    const day6 = await run(6);
    assert.equal(day6.totals.closedNow, 1);
    const windows = issue('High error rate: os.platform windows')!;
    assert.equal(windows.state, 'closed');
    assert.equal(windows.state_reason, 'completed');
    assert.match(
      emulator.comments.filter((comment) => comment.issue === windows.number).at(-1)!.body,
      /^No longer found, and recovered over the last 2 day\(s\), each of them clean: /,
    );
    assert.equal(emulator.issues.filter((candidate) => candidate.title === 'Crash report: usage and errors').length, 1);
  });
});
