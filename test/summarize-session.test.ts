import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { detectCi, optedOut, summarizeSession } from '../src/producer/summarize-session.ts';

const log = await readFile(new URL('./fixtures/python-logging-session.log', import.meta.url), 'utf8');

test('CI vendors are told from their variables', () => {
  assert.equal(detectCi({ GITHUB_ACTIONS: 'true', CI: 'true' }), 'GITHUB_ACTIONS');
  assert.equal(detectCi({ TF_BUILD: 'True' }), 'AZURE_PIPELINES');
  assert.equal(detectCi({ CI: 'true' }), 'CI');
  assert.equal(detectCi({ CI: 'false' }), null);
  assert.equal(detectCi({}), null);
});

test('opt-out the way the seeds do it', () => {
  assert.equal(optedOut({ DO_NOT_TRACK: '1' }, null), 'DO_NOT_TRACK=1');
  assert.equal(optedOut({ DO_NOT_TRACK: '0' }, null), null);
  assert.equal(optedOut({ GTFF_LOG_COLLECTION: 'False' }, 'GTFF_LOG_COLLECTION'), 'GTFF_LOG_COLLECTION=False');
  assert.equal(optedOut({ GTFF_LOG_COLLECTION: 'True' }, 'GTFF_LOG_COLLECTION'), null);
  assert.equal(
    optedOut({ HASURA_GRAPHQL_ENABLE_TELEMETRY: 'false' }, 'HASURA_GRAPHQL_ENABLE_TELEMETRY'),
    'HASURA_GRAPHQL_ENABLE_TELEMETRY=false',
  );
});

test('a log and the machine become one valid summary with nothing else', () => {
  const result = summarizeSession({
    logText: log,
    app: { name: 'gamestonk', version: '1.2.3' },
    runtime: { name: 'python', version: '3.11.7' },
    machine: {
      platform: 'win32',
      release: '10.0.22631',
      arch: 'ia32',
      env: { GITLAB_CI: 'true', USER: 'alice', HOME: '/home/alice' },
    },
    newUuid: () => '00000000-0000-4000-8000-000000000042',
  });
  assert.ok(result.ok);
  assert.deepEqual(result.summary, {
    schema_version: 1,
    session_id: '00000000-0000-4000-8000-000000000042',
    app: { name: 'gamestonk', version: '1.2.3' },
    runtime: { name: 'python', version: '3.11.7' },
    os: { platform: 'windows', version: '10.0.22631', arch: 'x86' },
    ci: 'GITLAB_CI',
    started_at: '2021-10-28T13:41:12.345Z',
    ended_at: '2021-10-28T13:45:55.830Z',
    log_lines: 11,
    error_lines: 2,
    outcome: 'error',
    error_kinds: { KeyError: 1 },
  });
  assert.doesNotMatch(JSON.stringify(result.summary), /alice|TSLA|Time Series|stocks_controller/);
});

test('bad input is refused with a reason', () => {
  const base = {
    machine: { platform: 'linux', release: '6.5.0', arch: 'x64', env: {} },
    newUuid: () => '00000000-0000-4000-8000-000000000001',
  };
  assert.deepEqual(summarizeSession({ ...base, logText: 'no stamps', app: { name: 'a', version: '1' } }), {
    ok: false,
    reason: 'the log has no line with a timestamp',
  });
  const badName = summarizeSession({ ...base, logText: log, app: { name: 'my app', version: '1' } });
  assert.deepEqual(badName, { ok: false, reason: 'not a valid summary: schema:/app/name:pattern' });
  const token = summarizeSession({
    ...base,
    logText: log,
    app: { name: 'ghp_0123456789abcdefghijABCDEFGHIJ', version: '1' },
  });
  assert.deepEqual(token, { ok: false, reason: 'private data in /app/name (github-token)' });
});
