import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { DEFAULT_LOG_PATTERN } from '../src/intake/formats/session-log.ts';
import {
  ACTION_CONTEXT,
  CLI_CONTEXT,
  GROUP_FIELDS,
  lookbackStart,
  parseSettings,
  SettingsError,
} from '../src/settings.ts';

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
    // A character outside names and paths anywhere before the tail refuses it: it would end up in an API path.
    [{ path: 'x', workflows: 'ci?x=1.yml' }, /^Input "workflows" names "ci\?x=1\.yml", not a workflow file/],
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

test('every input is read by its own name: each set to something other than its default comes through', () => {
  const inputs = {
    'github-token': 'ghs_token',
    repository: 'octo-org/octo-cli',
    'artifact-name': 'summaries-*',
    path: 'data',
    format: 'segment',
    'app-name': 'octo',
    'app-version': '9.9.9',
    'log-pattern': 'pino',
    'lookback-days': '30',
    'group-by': 'os.arch, error_kind',
    'min-sessions': '11',
    'error-rate-threshold': '0.25',
    'min-installations': '4',
    'min-rate-ratio': '2.5',
    'min-published-installations': '6',
    'max-configurations': '500',
    labels: 'bugs',
    'title-template': 't.hbs',
    'body-template': 'b.hbs',
    'max-new-issues': '2',
    'download-concurrency': '3',
    workers: '2',
    'api-reserve': '50',
    'state-path': 'state',
    'history-path': 'history.ndjson',
    'history-days': '90',
    'trust-forks': 'true',
    workflows: 'ci.yml',
    branches: 'main',
    confidence: '0.99',
    'ignore-label': 'muted',
    'close-after-days': '5',
    'comment-on-change': 'false',
    'dimension-labels': 'true',
    'report-issue': 'true',
    'dry-run': 'true',
    mode: 'partial',
    shard: '2/3',
    'partial-path': 'part.ndjson',
  };
  // The action declares each of these, and nothing the engine reads is missing from this list.
  const declared = new Set(
    [...readFileSync(new URL('../action.yml', import.meta.url), 'utf8').matchAll(/^ {2}([a-z-]+):$/gm)].map(
      (m) => m[1]!,
    ),
  );
  for (const name of Object.keys(inputs)) assert.ok(declared.has(name), `action.yml declares ${name}`);
  const asked = new Set<string>();
  const { logPattern, ...settings } = parseSettings((name) => {
    asked.add(name);
    return (inputs as Record<string, string>)[name] ?? '';
  }, ACTION_CONTEXT);
  for (const name of declared) {
    if (
      ['sessions', 'rejected', 'groups', 'flagged', 'created', 'updated', 'reopened', 'closed', 'report-path'].includes(
        name,
      )
    )
      continue; // outputs
    if (name === 'partials' || name === 'partial-artifacts') continue; // a merge's, set in the test below
    assert.ok(name in inputs, `the test sets ${name}`);
  }
  assert.ok(asked.has('partials') && asked.has('partial-artifacts'));
  assert.ok(logPattern.source.includes('"(?:time)"'), logPattern.source);
  assert.deepEqual(settings, {
    token: 'ghs_token',
    repository: { owner: 'octo-org', repo: 'octo-cli' },
    artifactNames: ['summaries-*'],
    paths: ['data'],
    lookbackDays: 30,
    groupBy: ['os.arch', 'error_kind'],
    minSessions: 11,
    errorRateThreshold: 0.25,
    minInstallations: 4,
    minRateRatio: 2.5,
    minPublishedInstallations: 6,
    maxConfigurations: 500,
    labels: ['bugs'],
    titleTemplatePath: 't.hbs',
    bodyTemplatePath: 'b.hbs',
    maxNewIssues: 2,
    dryRun: true,
    downloadConcurrency: 3,
    trustForks: true,
    workflows: ['ci.yml'],
    branches: ['main'],
    confidence: 0.99,
    ignoreLabel: 'muted',
    closeAfterDays: 5,
    commentOnChange: false,
    dimensionLabels: true,
    reportIssue: true,
    format: 'segment',
    appName: 'octo',
    appVersion: '9.9.9',
    now: null,
    apiReserve: 50,
    statePath: 'state',
    historyPath: 'history.ndjson',
    historyDays: 90,
    mode: 'partial',
    shard: { index: 2, count: 3 },
    partialPath: 'part.ndjson',
    partials: [],
    partialArtifacts: [],
    workers: 2,
  });
  const merge = parseSettings(from({ mode: 'merge', 'partial-artifacts': 'crash-report-partial-*' }));
  assert.deepEqual(merge.partialArtifacts, ['crash-report-partial-*']);
});

test('each number is accepted at both ends of its range and refused one past each, with the range in the message', () => {
  const ranges: [string, number, number][] = [
    ['lookback-days', 1, 400],
    ['min-sessions', 1, 1_000_000_000],
    ['min-installations', 1, 1000],
    ['min-published-installations', 1, 1000],
    ['max-configurations', 10, 1_000_000],
    ['max-new-issues', 0, 1000],
    ['download-concurrency', 1, 64],
    ['api-reserve', 0, 100_000],
    ['history-days', 28, 1000],
  ];
  for (const [name, min, max] of ranges) {
    const read = (value: number) => parseSettings(from({ path: 'x', 'lookback-days': '400', [name]: String(value) }));
    for (const value of [min, max]) assert.doesNotThrow(() => read(value), `${name} ${value}`);
    for (const value of [min - 1, max + 1]) {
      if (value < 0) continue; // a minus sign is refused as not a whole number
      assert.throws(
        () => read(value),
        new RegExp(
          `^SettingsError: Input "${name}" is ${value}, out of range\\. Accepted: an integer from ${min} to ${max}\\.$`,
        ),
        `${name} ${value}`,
      );
    }
  }
  assert.throws(() => parseSettings(from({ path: 'x', 'max-new-issues': '-1' })), /is "-1", not a whole number/);
  // close-after-days: 0 (never) to the window; the default is 3, or the window when shorter.
  assert.equal(parseSettings(from({ path: 'x', 'close-after-days': '0' })).closeAfterDays, 0);
  assert.equal(parseSettings(from({ path: 'x', 'close-after-days': '7' })).closeAfterDays, 7);
  assert.equal(parseSettings(from({ path: 'x', 'lookback-days': '2' })).closeAfterDays, 2);
  assert.equal(parseSettings(from({ path: 'x', 'lookback-days': '3' })).closeAfterDays, 3);
  // Rates and ratios at their ends.
  for (const [value, expected] of [
    ['0', 0],
    ['1', 1],
    ['1.0', 1],
    ['0.5', 0.5],
    ['.05', 0.05],
  ] as const)
    assert.equal(parseSettings(from({ path: 'x', 'error-rate-threshold': value })).errorRateThreshold, expected);
  assert.throws(() => parseSettings(from({ path: 'x', 'error-rate-threshold': '1.01' })), /not a rate/);
  for (const [value, expected] of [
    ['1', 1],
    ['100', 100],
    ['100.0', 100],
    ['1.25', 1.25],
  ] as const)
    assert.equal(parseSettings(from({ path: 'x', 'min-rate-ratio': value })).minRateRatio, expected);
  for (const value of ['100.5', '0.99', '1000', '-2', '.5'])
    assert.throws(
      () => parseSettings(from({ path: 'x', 'min-rate-ratio': value })),
      /not a ratio from 1 to 100/,
      value,
    );
  for (const [value, expected] of [
    ['0.5', 0.5],
    ['0.999', 0.999],
  ] as const)
    assert.equal(parseSettings(from({ path: 'x', confidence: value })).confidence, expected);
  for (const value of ['0.49', '0.9991', '1'])
    assert.throws(
      () => parseSettings(from({ path: 'x', confidence: value })),
      /Input "confidence" is [0-9.]+, out of range/,
      value,
    );
  for (const [value, expected] of [
    ['1', 1],
    ['64', 64],
    ['  7 ', 7],
  ] as const)
    assert.equal(parseSettings(from({ path: 'x', workers: value })).workers, expected);
  // Shards at their ends.
  const shardOf = (value: string) => parseSettings(from({ path: 'x', mode: 'partial', shard: value })).shard;
  assert.deepEqual(shardOf('1/1'), { index: 1, count: 1 });
  assert.deepEqual(shardOf('256/256'), { index: 256, count: 256 });
  assert.deepEqual(shardOf('4/4'), { index: 4, count: 4 });
});

test('booleans in three spellings each; lists skip blank and commented lines; labels are deduplicated', () => {
  for (const value of ['true', 'True', 'TRUE'])
    assert.equal(parseSettings(from({ path: 'x', 'trust-forks': value })).trustForks, true, value);
  for (const value of ['false', 'False', 'FALSE'])
    assert.equal(parseSettings(from({ path: 'x', 'comment-on-change': value })).commentOnChange, false, value);
  assert.throws(() => parseSettings(from({ path: 'x', 'trust-forks': 'tRUE' })), /is "tRUE", not a boolean/);
  const settings = parseSettings(
    from({
      path: ' a \r\n\r\n# note\n  b/**/*.json  \n#x',
      branches: 'main\nrelease/*',
      labels: 'one,two\nthree , one',
      workflows: '.github/workflows/ci.yaml\nnightly.yml',
    }),
  );
  assert.deepEqual(settings.paths, ['a', 'b/**/*.json']);
  assert.deepEqual(settings.branches, ['main', 'release/*']);
  assert.deepEqual(settings.labels, ['one', 'two', 'three']);
  assert.deepEqual(settings.workflows, ['.github/workflows/ci.yaml', 'nightly.yml']);
  assert.deepEqual(parseSettings(from({ path: 'x', labels: 'l'.repeat(50) })).labels, ['l'.repeat(50)]);
  assert.throws(() => parseSettings(from({ path: 'x', labels: ' , \n' })), /Input "labels" names no label/);
  assert.throws(() => parseSettings(from({ path: 'x', 'group-by': ' , ' })), /Input "group-by" names no field/);
  assert.deepEqual(parseSettings(from({ path: 'x', 'group-by': 'os.platform\nerror_kind' })).groupBy, [
    'os.platform',
    'error_kind',
  ]);
  // A repository name at its limits: 39-character owner, 100-character name.
  const owner = `a${'b'.repeat(38)}`;
  const name = 'n'.repeat(100);
  assert.deepEqual(parseSettings(from({ path: 'x', repository: `${owner}/${name}` })).repository, {
    owner,
    repo: name,
  });
  for (const bad of [`a${'b'.repeat(39)}/r`, `o/${'n'.repeat(101)}`, '-o/r', 'o/r/x', ' /r'])
    assert.throws(() => parseSettings(from({ path: 'x', repository: bad })), /not a repository name/, bad);
});

test('inputs are read without the spaces around them, and a value with anything before or after is refused', () => {
  const read = (inputs: Record<string, string>) => parseSettings(from({ path: 'x', ...inputs }));
  const spaced = read({
    'lookback-days': ' 30 ',
    'error-rate-threshold': ' 0.5 ',
    'min-rate-ratio': ' 2 ',
    'dry-run': ' true ',
    repository: ' o/r ',
    'group-by': ' ',
    format: ' segment ',
    'app-name': ' octo ',
    'log-pattern': ' pino ',
    'state-path': ' s ',
    mode: ' partial ',
    shard: ' 1/2 ',
    workers: ' 2 ',
    'ignore-label': ' mute ',
  });
  assert.deepEqual(
    [
      spaced.lookbackDays,
      spaced.errorRateThreshold,
      spaced.minRateRatio,
      spaced.dryRun,
      spaced.repository,
      spaced.groupBy,
      spaced.format,
      spaced.appName,
      spaced.statePath,
      spaced.mode,
      spaced.workers,
      spaced.ignoreLabel,
    ],
    [
      30,
      0.5,
      2,
      true,
      { owner: 'o', repo: 'r' },
      ['os.platform', 'app.version'],
      'segment',
      'octo',
      's',
      'partial',
      2,
      'mute',
    ],
  );
  assert.ok(read({ 'log-pattern': ' pino ' }).logPattern.source.includes('(?:time)'));
  assert.equal(
    parseSettings(from({ path: 'x', now: ' 2026-11-20T00:00:00Z ' }), CLI_CONTEXT).now?.toISOString(),
    '2026-11-20T00:00:00.000Z',
  );
  const refused: Record<string, string>[] = [
    { 'error-rate-threshold': 'x0.5' },
    { 'error-rate-threshold': '0.5x' },
    { 'error-rate-threshold': '.' },
    { 'error-rate-threshold': '10' },
    { 'error-rate-threshold': '01' },
    { 'error-rate-threshold': '1e-1' },
    { 'error-rate-threshold': '0x1' },
    { 'min-rate-ratio': 'x2' },
    { 'min-rate-ratio': '2x' },
    { workflows: 'x/ci.yml.bak' },
    { mode: 'partial', shard: 'x1/2' },
    { mode: 'partial', shard: '1/2x' },
    { workers: 'x2' },
    { workers: '2x' },
  ];
  for (const inputs of refused) assert.throws(() => read(inputs), SettingsError, JSON.stringify(inputs));
});

test('each refusal says what is accepted, in full', () => {
  const message = (inputs: Record<string, string>, context = CLI_CONTEXT) => {
    try {
      parseSettings(from(inputs), context);
    } catch (error) {
      return (error as Error).message;
    }
    return 'accepted';
  };
  assert.equal(
    message({ path: 'x', 'lookback-days': 'x' }),
    'Input "lookback-days" is "x", not a whole number. Accepted: an integer from 1 to 400.',
  );
  assert.equal(
    message({ path: 'x', 'group-by': 'nope' }),
    `Input "group-by" names the unknown field "nope". Accepted: ${GROUP_FIELDS.join(', ')}.`,
  );
  assert.equal(
    message({ path: 'x', labels: ' ,, ' }),
    'Input "labels" names no label. Accepted: comma- or newline-separated label names.',
  );
  assert.equal(
    message({ path: 'x', labels: 'l'.repeat(51) }),
    'Input "labels" has a label of 51 characters. Accepted: labels of at most 50 characters.',
  );
  assert.equal(
    message({ path: 'x', workflows: 'ci.txt' }),
    'Input "workflows" names "ci.txt", not a workflow file. Accepted: workflow file names such as ci.yml, or paths such as .github/workflows/ci.yml, one per line.',
  );
  assert.equal(
    message({ path: 'x', now: 'soon' }),
    'Input "now" is "soon", not a time. Accepted: an RFC 3339 time such as 2026-11-20T00:00:00Z.',
  );
  assert.match(
    message({ path: 'x', 'log-pattern': '^(?<time>\\S+)' }),
    /Accepted: a preset \(python, go-slog, [^)]+\) or a regular expression with the named groups \(\?<ts>\.\.\.\) and \(\?<level>\.\.\.\)\.$/,
  );
  assert.equal(
    message({ path: 'x', shard: '1/2' }),
    'Input "shard" is set while mode is full. Accepted: an empty shard unless mode is partial.',
  );
  assert.equal(
    message({ path: 'x', 'app-name': 'a b' }),
    'Input "app-name" is "a b", which a session summary cannot carry. Accepted: a name of letters, digits, dots, dashes and underscores, such as octo-cli.',
  );
  assert.equal(
    message({ path: 'x', 'app-version': '1 0' }),
    'Input "app-version" is "1 0", which a session summary cannot carry. Accepted: a version such as 2.4.0.',
  );
  assert.equal(
    message({ mode: 'merge' }),
    'Input "partials" is empty while mode is merge (and so is partial-artifacts). Accepted: the partial files (paths or globs) written by the partial runs, or in partial-artifacts the names of the artifacts they were uploaded as, one per line.',
  );
  assert.equal(
    message({ mode: 'merge', partials: 'p', 'state-path': 's' }),
    'Input "state-path" is set while mode is merge. Accepted: an empty state-path: a merge reads partials, not artifacts (give each partial run its own state-path).',
  );
  assert.equal(
    message({ path: 'x', partials: 'p' }),
    'Input "partials" is set while mode is full. Accepted: partial files only with mode merge.',
  );
  assert.equal(
    message({ path: 'x', mode: 'partial', shard: '1/2', 'partial-artifacts': 'a' }),
    'Input "partial-artifacts" is set while mode is partial. Accepted: partial artifacts only with mode merge.',
  );
  assert.equal(
    message({ path: 'x', 'partial-path': 'p' }),
    'Input "partial-path" is set while mode is full. Accepted: a partial-path only with mode partial.',
  );
  assert.equal(
    message({ path: 'x', 'close-after-days': '9' }),
    'Input "close-after-days" is 9, longer than lookback-days (7). Accepted: a number of days no longer than lookback-days, or 0.',
  );
  assert.equal(
    message({}),
    'Input "artifact-name" and input "path" are both empty. Accepted: at least one artifact name glob or one path.',
  );
  assert.equal(
    message({ 'artifact-name': 'a' }),
    'Input "repository" is empty while artifact-name is set. Accepted: OWNER/NAME of the repository whose artifacts are read.',
  );
  assert.equal(
    message({ path: 'x', repository: 'o/r' }),
    'Input "GITHUB_TOKEN" is not set while --repo is given. Accepted: a token in the GITHUB_TOKEN environment variable.',
  );
  // Labels of only spaces are no labels given: the default.
  assert.deepEqual(parseSettings(from({ path: 'x', labels: '   ' })).labels, ['crash-report']);
  // error_kind is refused only alone, not first.
  assert.deepEqual(parseSettings(from({ path: 'x', 'group-by': 'error_kind, os.platform' })).groupBy, [
    'error_kind',
    'os.platform',
  ]);
  // Without a context, GitHub is not checked: a library caller wires it itself.
  assert.equal(parseSettings(from({ path: 'x', repository: 'o/r' })).token, '');
  assert.equal(parseSettings(from({ path: 'x', now: '2026-01-01T00:00:00Z' })).now, null);
});
