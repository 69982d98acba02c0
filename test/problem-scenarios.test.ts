// Problems against the GitHub emulator, through the real octokit stack: one
// issue per problem across releases and platforms, nothing for one noisy
// installation, and per-cell issues of earlier releases adopted.

import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { fingerprintOf } from '../src/aggregate/group-key.ts';
import { createGitHubClient } from '../src/github-client.ts';
import { createIssueRenderer } from '../src/render/issue-templates.ts';
import { readTemplates } from '../src/run/template-files.ts';
import { runTriage } from '../src/run/triage.ts';
import { lookbackStart, parseSettings } from '../src/settings.ts';
import { createArtifactSource } from '../src/sources/artifact-source.ts';
import { createGitHubTracker } from '../src/trackers/github-tracker.ts';
import { composeBody } from '../src/trackers/managed-section.ts';
import { startEmulator } from './emulator/github-emulator.ts';
import type { GitHubEmulator } from './emulator/github-emulator.ts';
import { generateSummaries } from './fixtures/synthetic-summaries.ts';
import type { Profile } from './fixtures/synthetic-summaries.ts';

const DAY = 86_400_000;
const start = Date.parse('2026-06-01T00:00:00Z');
const profile = (
  platform: Profile['platform'],
  appVersion: string,
  errorRate: number,
  sessions = 200,
  installs = 40,
): Profile => ({
  platform,
  arch: 'x64',
  appVersion,
  runtime: { name: 'python', version: '3.12.1' },
  sessions,
  errorRate,
  installs,
});
/** linux, darwin and windows on `versions`, 3% errored, except where `bad` says 25%. */
const population = (versions: string[], bad: (platform: string, version: string) => boolean) =>
  (['linux', 'darwin', 'windows'] as const).flatMap((platform) =>
    versions.map((version) => profile(platform, version, bad(platform, version) ? 0.25 : 0.03)),
  );

let emulator: GitHubEmulator;
afterEach(() => emulator?.close());

async function setUp(inputs: Record<string, string> = {}) {
  emulator = await startEmulator();
  const settings = parseSettings(
    (name) =>
      ({
        repository: `${emulator.owner}/${emulator.repo}`,
        'artifact-name': 'summaries-*',
        'lookback-days': '7',
        ...inputs,
      })[name] ?? '',
  );
  const templates = await readTemplates(settings, process.cwd());
  const renderer = createIssueRenderer(templates.title, templates.body);
  const upload = (day: number, profiles: Profile[]) => {
    const end = new Date(start + (day + 1) * DAY - 3_600_000);
    const rows = generateSummaries({ seed: 900 + day, appName: 'octo-cli', end, days: 0.9, profiles });
    emulator.addArtifact({
      name: `summaries-day-${day}`,
      zip: zipSync({ 's.jsonl': strToU8(rows.map((row) => JSON.stringify(row)).join('\n')) }),
      createdAt: end,
      run: { id: 2000 + day },
    });
  };
  const run = async (day: number) => {
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
      since: lookbackStart(now, 7),
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
  return { upload, run, settings };
}

test('a regression across three releases is one issue, and the next broken release updates it', async () => {
  const { upload, run } = await setUp();
  upload(
    0,
    population(
      ['2.3.0', '2.4.0', '2.4.1', '2.5.0'],
      (platform, version) => platform === 'windows' && version !== '2.3.0',
    ),
  );
  const first = await run(0);
  assert.equal(first.totals.problems, 1);
  assert.equal(first.totals.created, 1);
  assert.deepEqual(
    emulator.issues.map((issue) => issue.title),
    ['High error rate: os.platform windows, app.version 2.4.0 and later'],
  );
  const body = emulator.issues[0]!.body ?? '';
  assert.match(body, /^\*\*2\d\.\d% of this problem's sessions errored\*\*/m);
  assert.match(body, /Errored sessions in 2\.3\.0: \d+\.\d+% \(\d+ of 200\)\./);
  assert.match(body, /Seen on 2\.4\.0, 2\.4\.1, 2\.5\.0\.\n- Last good version: 2\.3\.0,/);
  assert.match(body, /\| Installations with an errored session \| \d+ of \d+ \| \|/);

  // 2.6.0 ships still broken on Windows: the same issue, no new one.
  upload(
    1,
    population(
      ['2.3.0', '2.4.0', '2.4.1', '2.5.0', '2.6.0'],
      (platform, version) => platform === 'windows' && version !== '2.3.0',
    ),
  );
  const second = await run(1);
  assert.equal(second.totals.created, 0);
  assert.equal(second.totals.updated, 1);
  assert.equal(emulator.issues.length, 1);
  const comments = emulator.comments.filter((comment) => comment.issue === emulator.issues[0]!.number);
  assert.match(comments.at(-1)!.body, /^Also seen in 2\.6\.0: /);
  // Run again over the same data: nothing to write.
  const writes = emulator.requests.filter((request) => request.method !== 'GET').length;
  const third = await run(1);
  assert.equal(third.totals.unchanged, 1);
  assert.equal(emulator.requests.filter((request) => request.method !== 'GET').length, writes);
});

test('one release bad on every platform is one issue', async () => {
  const { upload, run } = await setUp();
  upload(
    0,
    population(['2.3.0', '2.4.0', '2.5.0'], (_, version) => version === '2.4.0'),
  );
  const report = await run(0);
  assert.equal(report.totals.created, 1);
  assert.deepEqual(
    emulator.issues.map((issue) => issue.title),
    ['High error rate: app.version 2.4.0, every os.platform'],
  );
  assert.match(
    emulator.issues[0]!.body ?? '',
    /The problem covers a release on every platform, on every value of `os\.platform` seen\./,
  );
  assert.equal(report.totals.flagged, 3, 'the three cells of 2.4.0 are covered by the one problem');
});

test('one installation crashing 40 times beside 20 healthy ones files nothing', async () => {
  const { upload, run } = await setUp();
  const healthy = population(['2.3.0', '2.4.0'], () => false);
  upload(0, [...healthy, profile('windows', '2.4.0', 0.03, 100, 20), profile('windows', '2.4.0', 1, 40, 1)]);
  const report = await run(0);
  assert.equal(report.totals.problems, 0);
  assert.equal(emulator.issues.length, 0);
  const cell = report.groups.find(
    (group) => group.fields[0]!.value === 'windows' && group.fields[1]!.value === '2.4.0',
  )!;
  // 40 crashed sessions of one installation among about 340 of this configuration.
  assert.ok(cell.errorRate > 0.12 && cell.erroredSessions >= 40, String(cell.errorRate));
});

test('per-cell issues of an earlier release are adopted: the oldest becomes the problem issue, the other open one a duplicate', async () => {
  const { upload, run } = await setUp();
  const groupBy = ['os.platform', 'app.version'];
  const legacy = (version: string) =>
    emulator.addIssue({
      title: `High error rate: os.platform windows, app.version ${version}`,
      labels: ['crash-report'],
      body: composeBody(null, 'old figures', fingerprintOf(groupBy as never, ['windows', version]), {
        v: 1,
        groupBy,
        versions: [version],
        sessions: 100,
        erroredSessions: 25,
        errorRate: 0.25,
      }),
    });
  const oldest = legacy('2.4.0');
  const twin = legacy('2.4.1');
  upload(
    0,
    population(
      ['2.3.0', '2.4.0', '2.4.1', '2.5.0'],
      (platform, version) => platform === 'windows' && version !== '2.3.0',
    ),
  );
  const report = await run(0);
  assert.equal(report.totals.created, 0);
  assert.equal(report.totals.updated, 1);
  assert.equal(report.totals.duplicates, 1);
  assert.equal(oldest.state, 'open');
  assert.match(oldest.body ?? '', /Seen on 2\.4\.0, 2\.4\.1, 2\.5\.0/);
  assert.equal(twin.state, 'closed');
  assert.equal(twin.state_reason, 'not_planned');
  assert.match(
    emulator.comments.filter((comment) => comment.issue === twin.number).at(-1)!.body,
    new RegExp(`^Duplicate of #${oldest.number}, `),
  );
  // The next run finds the problem by its new marker and leaves the duplicate alone.
  const again = await run(0);
  assert.equal(again.totals.unchanged, 1);
  assert.equal(again.totals.duplicates, 0);
});

test('in the local issue store: three broken releases are one issue, and the next one updates it', async () => {
  const { mkdtemp } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { createLocalTracker } = await import('../src/trackers/local-tracker.ts');
  const store = await mkdtemp(join(tmpdir(), 'cra-problems-'));
  const settings = parseSettings((name) => ({ path: 'unused', 'lookback-days': '7' })[name] ?? '');
  const templates = await readTemplates(settings, process.cwd());
  const renderer = createIssueRenderer(templates.title, templates.body);
  const tracker = createLocalTracker(store);
  const source = (day: number, profiles: Profile[]) => {
    const rows = generateSummaries({
      seed: 40 + day,
      appName: 'octo-cli',
      end: new Date(start + (day + 1) * DAY - 3_600_000),
      days: 0.9,
      profiles,
    });
    return {
      describe: () => `day ${day}`,
      read: async function* () {
        yield {
          kind: 'item' as const,
          origin: `day-${day}.jsonl`,
          name: `day-${day}.jsonl`,
          bytes: new TextEncoder().encode(rows.map((row) => JSON.stringify(row)).join('\n')),
          run: null,
        };
      },
    };
  };
  const windowsBroken = (versions: string[]) =>
    population(versions, (platform, version) => platform === 'windows' && version !== '2.3.0');
  const run = (day: number, sources: ReturnType<typeof source>[]) =>
    runTriage(settings, {
      sources,
      tracker,
      renderer,
      now: new Date(start + (day + 1) * DAY - 60_000),
      log: { info: () => {}, warning: () => {} },
    });
  const first = await run(0, [source(0, windowsBroken(['2.3.0', '2.4.0', '2.4.1', '2.5.0']))]);
  assert.equal(first.totals.created, 1);
  const second = await run(1, [
    source(0, windowsBroken(['2.3.0', '2.4.0', '2.4.1', '2.5.0'])),
    source(1, windowsBroken(['2.3.0', '2.4.0', '2.4.1', '2.5.0', '2.6.0'])),
  ]);
  assert.equal(second.totals.created, 0);
  assert.equal(second.totals.updated, 1);
  const issues = await tracker.listIssues('crash-report');
  assert.deepEqual(
    issues.map((issue) => issue.title),
    ['High error rate: os.platform windows, app.version 2.4.0 and later'],
  );
  assert.match(issues[0]!.body, /Seen on 2\.4\.0, 2\.4\.1, 2\.5\.0, 2\.6\.0\.\n- Last good version: 2\.3\.0,/);
});
