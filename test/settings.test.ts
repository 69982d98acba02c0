import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_LOG_PATTERN } from '../src/intake/formats/session-log.ts';
import { ACTION_CONTEXT, CLI_CONTEXT, lookbackStart, parseSettings, SettingsError } from '../src/settings.ts';

const from = (inputs: Record<string, string>) => (name: string) => inputs[name] ?? '';

describe('parseSettings', () => {
  test('fills documented defaults', () => {
    const { logPattern, ...settings } = parseSettings(from({ path: 'data', 'github-token': ' t ' }));
    assert.equal(logPattern.source, DEFAULT_LOG_PATTERN);
    assert.deepEqual(settings, {
      token: 't',
      repository: null,
      artifactNames: [],
      paths: ['data'],
      lookbackDays: 7,
      groupBy: ['os.platform', 'app.version'],
      minSessions: 10,
      errorRateThreshold: 0,
      minInstallations: 3,
      minRateRatio: 1.5,
      minPublishedInstallations: 5,
      maxConfigurations: 10_000,
      labels: ['crash-report'],
      titleTemplatePath: null,
      bodyTemplatePath: null,
      maxNewIssues: 10,
      dryRun: false,
      downloadConcurrency: 8,
      trustForks: false,
      workflows: [],
      branches: [],
      confidence: 0.95,
      ignoreLabel: 'crash-report:ignore',
      closeAfterDays: 3,
      commentOnChange: true,
      dimensionLabels: false,
      reportIssue: false,
      format: 'auto',
      appName: null,
      appVersion: null,
      now: null,
      apiReserve: 100,
      statePath: null,
      historyPath: null,
      historyDays: 180,
      mode: 'full',
      shard: null,
      partialPath: null,
      partials: [],
      partialArtifacts: [],
      workers: 1,
    });
  });

  test('reads lists, numbers and booleans', () => {
    const settings = parseSettings(
      from({
        repository: 'octo-org/octo-cli',
        'artifact-name': 'summaries-*\n# a comment\n\n  other  ',
        'group-by': 'runtime.version,os.arch',
        'lookback-days': '30',
        'min-sessions': '25',
        'error-rate-threshold': '.2',
        labels: 'crash-report, triage\ncrash-report',
        'dry-run': 'True',
      }),
    );
    assert.deepEqual(settings.repository, { owner: 'octo-org', repo: 'octo-cli' });
    assert.deepEqual(settings.artifactNames, ['summaries-*', 'other']);
    assert.deepEqual(settings.groupBy, ['runtime.version', 'os.arch']);
    assert.equal(settings.lookbackDays, 30);
    assert.equal(settings.minSessions, 25);
    assert.equal(settings.errorRateThreshold, 0.2);
    assert.deepEqual(settings.labels, ['crash-report', 'triage']);
    assert.equal(settings.dryRun, true);
  });

  const bad: [Record<string, string>, RegExp][] = [
    [{}, /^Input "artifact-name" and input "path" are both empty/],
    [{ 'artifact-name': 'x' }, /^Input "repository" is empty while artifact-name is set/],
    [
      { path: 'x', repository: 'no-slash' },
      /^Input "repository" is "no-slash", not a repository name\. Accepted: OWNER\/NAME/,
    ],
    [
      { path: 'x', 'lookback-days': '0' },
      /^Input "lookback-days" is 0, out of range\. Accepted: an integer from 1 to 400\.$/,
    ],
    [{ path: 'x', 'lookback-days': '7.5' }, /^Input "lookback-days" is "7\.5", not a whole number/],
    [
      { path: 'x', 'error-rate-threshold': '5%' },
      /^Input "error-rate-threshold" is "5%", not a rate\. Accepted: a decimal number from 0 to 1/,
    ],
    [{ path: 'x', 'error-rate-threshold': '1.5' }, /^Input "error-rate-threshold" is "1\.5", not a rate/],
    [{ path: 'x', 'dry-run': 'yes' }, /^Input "dry-run" is "yes", not a boolean\. Accepted: true or false\.$/],
    [{ path: 'x', 'group-by': 'os.platform, os.platform' }, /^Input "group-by" names "os\.platform" twice/],
    [{ path: 'x', 'group-by': 'session_id' }, /^Input "group-by" names the unknown field "session_id"/],
    [{ path: 'x', workflows: 'ci.yml\nrm -rf /' }, /^Input "workflows" names "rm -rf \/", not a workflow file/],
    [{ path: 'x', workflows: '../ci.yml' }, /^Input "workflows" names "\.\.\/ci\.yml", not a workflow file/],
    [
      { path: 'x', confidence: '0.3' },
      /^Input "confidence" is 0\.3, out of range\. Accepted: a decimal number from 0\.5 to 0\.999/,
    ],
    [
      { path: 'x', 'min-installations': '0' },
      /^Input "min-installations" is 0, out of range\. Accepted: an integer from 1 to 1000/,
    ],
    [
      { path: 'x', 'min-rate-ratio': '0.9' },
      /^Input "min-rate-ratio" is "0\.9", not a ratio from 1 to 100\. Accepted: a decimal number from 1 to 100/,
    ],
    [{ path: 'x', 'min-rate-ratio': '1e3' }, /^Input "min-rate-ratio" is "1e3", not a ratio/],
    [{ path: 'x', 'close-after-days': '9' }, /^Input "close-after-days" is 9, longer than lookback-days \(7\)/],
    [
      { path: 'x', 'group-by': 'error_kind' },
      /^Input "group-by" names only error_kind\. Accepted: error_kind with at least one other field/,
    ],
    [
      { path: 'x', format: 'csv' },
      /^Input "format" is "csv", not a known format\. Accepted: auto, session-summary, hasura-cli, segment, log\.$/,
    ],
    [{ path: 'x', 'app-name': 'my app' }, /^Input "app-name" is "my app", which a session summary cannot carry/],
    [{ path: 'x', 'log-pattern': '^(?<time>\\S+)' }, /^Input "log-pattern" needs the named groups/],
    [{ path: 'x', labels: 'x'.repeat(51) }, /^Input "labels" has a label of 51 characters/],
    [{ path: 'x', mode: 'sharded' }, /^Input "mode" is "sharded", not a mode\. Accepted: full, partial, merge\.$/],
    [{ path: 'x', mode: 'partial' }, /^Input "shard" is empty while mode is partial\. Accepted: INDEX\/COUNT/],
    [
      { path: 'x', mode: 'partial', shard: '0/4' },
      /^Input "shard" is "0\/4"\. Accepted: INDEX\/COUNT with 1 <= INDEX <= COUNT <= 256/,
    ],
    [{ path: 'x', mode: 'partial', shard: '5/4' }, /^Input "shard" is "5\/4"/],
    [{ path: 'x', mode: 'partial', shard: '1/257' }, /^Input "shard" is "1\/257"/],
    [{ path: 'x', mode: 'partial', shard: 'two/4' }, /^Input "shard" is "two\/4"/],
    [{ path: 'x', shard: '1/2' }, /^Input "shard" is set while mode is full/],
    [{ mode: 'merge' }, /^Input "partials" is empty while mode is merge \(and so is partial-artifacts\)/],
    [{ path: 'x', partials: 'p/*.ndjson' }, /^Input "partials" is set while mode is full/],
    [
      { path: 'x', mode: 'partial', shard: '1/2', 'partial-artifacts': 'crash-report-partial-*' },
      /^Input "partial-artifacts" is set while mode is partial/,
    ],
    [{ path: 'x', 'partial-path': 'p.ndjson' }, /^Input "partial-path" is set while mode is full/],
    [{ mode: 'merge', partials: 'p', 'state-path': 's' }, /^Input "state-path" is set while mode is merge/],
    [
      { path: 'x', workers: 'many' },
      /^Input "workers" is "many"\. Accepted: auto \(one per CPU core\) or an integer from 1 to 64\.$/,
    ],
    [{ path: 'x', workers: '0' }, /^Input "workers" is "0"\. Accepted/],
    [{ path: 'x', workers: '65' }, /^Input "workers" is "65"\. Accepted/],
  ];
  for (const [inputs, message] of bad) {
    test(`rejects ${JSON.stringify(inputs)}`, () => {
      assert.throws(
        () => parseSettings(from(inputs)),
        (error: unknown) => error instanceof SettingsError && message.test(error.message),
      );
    });
  }

  test('reads the shard of a partial run and the partials of a merge', () => {
    const partial = parseSettings(from({ path: 'x', mode: 'partial', shard: ' 3/4 ', 'partial-path': 'out/p.ndjson' }));
    assert.deepEqual(
      [partial.mode, partial.shard, partial.partialPath],
      ['partial', { index: 3, count: 4 }, 'out/p.ndjson'],
    );
    const merge = parseSettings(from({ mode: 'merge', partials: 'parts/*.ndjson\nmore' }));
    assert.deepEqual(
      [merge.mode, merge.shard, merge.partials, merge.paths],
      ['merge', null, ['parts/*.ndjson', 'more'], []],
    );
    assert.equal(parseSettings(from({ path: 'x', workers: 'auto' })).workers, 'auto');
    assert.equal(parseSettings(from({ path: 'x', workers: '3' })).workers, 3);
  });

  test('lookbackStart goes back whole days', () => {
    assert.equal(lookbackStart(new Date('2026-11-21T00:00:00Z'), 7).toISOString(), '2026-11-14T00:00:00.000Z');
  });
});

test('the action needs a repository and a token; the command line a token only with --repo, and reads --now', () => {
  assert.throws(
    () => parseSettings(from({ path: 'data', 'github-token': 't' }), ACTION_CONTEXT),
    /^SettingsError: Input "repository" is empty\. Accepted: OWNER\/NAME/,
  );
  assert.throws(
    () => parseSettings(from({ path: 'data', repository: 'o/r' }), ACTION_CONTEXT),
    /Input "github-token" is empty\. Accepted: a token with "actions: read" and "issues: write"/,
  );
  assert.equal(
    parseSettings(from({ path: 'data', repository: 'o/r', 'github-token': 't', now: 'not read' }), ACTION_CONTEXT).now,
    null,
    'the action has no input "now"',
  );
  assert.equal(parseSettings(from({ path: 'data' }), CLI_CONTEXT).repository, null);
  assert.throws(
    () => parseSettings(from({ path: 'data', repository: 'o/r' }), CLI_CONTEXT),
    /Input "GITHUB_TOKEN" is not set while --repo is given/,
  );
  assert.equal(
    parseSettings(from({ path: 'data', now: '2026-11-20T12:00:00Z' }), CLI_CONTEXT).now?.toISOString(),
    '2026-11-20T12:00:00.000Z',
  );
  assert.throws(
    () => parseSettings(from({ path: 'data', now: 'yesterday' }), CLI_CONTEXT),
    /Input "now" is "yesterday", not a time/,
  );
});

test("app-name and app-version follow the schema's rules for app.name and app.version", () => {
  assert.equal(
    parseSettings(from({ path: 'data', 'app-name': 'octo-cli', 'app-version': '2.4.0+build.7' })).appVersion,
    '2.4.0+build.7',
  );
  assert.throws(
    () => parseSettings(from({ path: 'data', 'app-name': 'octo cli' })),
    /Input "app-name" is "octo cli", which a session summary cannot carry/,
  );
  assert.throws(
    () => parseSettings(from({ path: 'data', 'app-name': 'a+b' })),
    /Input "app-name"/,
    'a plus is a version character, not a name character',
  );
  assert.throws(
    () => parseSettings(from({ path: 'data', 'app-version': `1${'0'.repeat(64)}` })),
    /Input "app-version"/,
    '65 characters',
  );
  assert.equal(parseSettings(from({ path: 'data', 'app-version': `1${'0'.repeat(63)}` })).appVersion?.length, 64);
});
