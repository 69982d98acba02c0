// Telemetry formats of the seed documents: their own sample rows go through the
// real intake, land in the expected groups, and leave no identity behind.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { createAggregator } from '../src/aggregate/aggregate-groups.ts';
import { adaptRecord } from '../src/intake/formats/adapt-record.ts';
import type { AdapterSettings } from '../src/intake/formats/adapt-record.ts';
import { mapArch, mapPlatform } from '../src/intake/formats/platforms.ts';
import { recordShape } from '../src/intake/formats/record-shape.ts';
import { compileLogPattern, DEFAULT_LOG_PATTERN, LogPatternError, readLog } from '../src/intake/formats/session-log.ts';
import { intake } from '../src/intake/intake.ts';
import { validateSummary } from '../src/records/validate-summary.ts';
import { createPathSource } from '../src/sources/path-source.ts';

const seeds = fileURLToPath(new URL('./fixtures/seeds/', import.meta.url));
const seed = async (name: string) => JSON.parse(await readFile(`${seeds}/${name}`, 'utf8')) as Record<string, unknown>;
const auto: AdapterSettings = {
  format: 'auto',
  appName: null,
  appVersion: null,
  logPattern: compileLogPattern(DEFAULT_LOG_PATTERN),
};
const IPS = /111\.65\.255\.130|203\.192\.213\.46|49\.207\.192\.209/;

describe('record shapes', () => {
  test('each seed sample is recognised, or not, by its shape', async () => {
    assert.equal(recordShape(await seed('hasura-cli-event.json')), 'hasura-cli');
    assert.equal(recordShape(await seed('appsmith-instance-active.json')), 'segment');
    assert.equal(recordShape(await seed('appsmith-client-page-load.json')), 'segment');
    assert.equal(recordShape(await seed('hasura-server-row.json')), null);
    assert.equal(recordShape(await seed('hasura-console-event.json')), null);
    assert.equal(recordShape({ schema_version: 1 }), 'session-summary');
  });

  test('platform and architecture names map onto the schema', () => {
    assert.deepEqual(['ubuntu', 'Darwin', 'win32', 'FreeBSD', 'plan9', 42].map(mapPlatform), [
      'linux',
      'darwin',
      'windows',
      'freebsd',
      'other',
      'other',
    ]);
    assert.deepEqual(['amd64', 'aarch64', '386', 'armv7l', 'riscv64', ''].map(mapArch), [
      'x64',
      'arm64',
      'x86',
      'arm',
      'other',
      null,
    ]);
  });
});

describe('hasura-cli', () => {
  test('one execution event is one valid session, command and server UUID dropped', async () => {
    const adapted = adaptRecord(await seed('hasura-cli-event.json'), auto);
    assert.ok(adapted.ok);
    assert.deepEqual(adapted.value, {
      schema_version: 1,
      session_id: 'ddfa9c33-0693-457d-9026-c7f456c43322',
      install_id: 'e462ce20-42dd-40fd-9549-edfb92f80455',
      app: { name: 'hasura-cli', version: 'v0.4.27' },
      runtime: { name: 'hasura-server', version: 'v1.0.0-alpha36' },
      os: { platform: 'linux', arch: 'x64' },
      started_at: '2019-01-21T11:36:07.86783+00:00',
      ended_at: '2019-01-21T11:36:07.86783+00:00',
      log_lines: 1,
      error_lines: 0,
      outcome: 'ok',
    });
    assert.ok(validateSummary(adapted.value).ok);
    assert.doesNotMatch(JSON.stringify(adapted.value), /hasura version|a4d66fb2/);
  });

  test('is_error makes an errored session; a broken event is rejected with the field named', async () => {
    const event = { ...(await seed('hasura-cli-event.json')), is_error: true };
    const adapted = adaptRecord(event, auto);
    assert.ok(adapted.ok && (adapted.value as { outcome: string }).outcome === 'error');
    assert.deepEqual(adaptRecord({ ...event, execution_id: 'x' }, auto), {
      ok: false,
      reason: 'hasura-cli:execution_id',
    });
    assert.deepEqual(adaptRecord({ ...event, is_error: 'yes' }, auto), { ok: false, reason: 'hasura-cli:is_error' });
  });
});

describe('segment', () => {
  test('Instance Active is a server session; the IP in userId and context never survives', async () => {
    const adapted = adaptRecord(await seed('appsmith-instance-active.json'), { ...auto, appName: 'appsmith' });
    assert.ok(adapted.ok);
    const value = adapted.value as Record<string, any>;
    assert.equal(value['app'].name, 'appsmith');
    assert.equal(value['runtime'].name, 'server');
    assert.equal(value['outcome'], 'ok');
    assert.equal(value['install_id'], undefined, '"<uuid>" is not a UUID and is dropped');
    assert.match(value['session_id'], /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.doesNotMatch(JSON.stringify(value), IPS);
    assert.ok(validateSummary(value).ok);
  });

  test('Installation Success and Errors are installation sessions by OS; other events are skipped', async () => {
    const started = await seed('appsmith-installation-started.json');
    assert.deepEqual(adaptRecord(started, auto), { ok: false, reason: 'segment-event-skipped', skip: true });
    const failed = adaptRecord({ ...started, event: 'Installation Errors' }, auto);
    assert.ok(failed.ok);
    assert.deepEqual((failed.value as Record<string, unknown>)['os'], { platform: 'linux', version: 'ubuntu' });
    assert.equal((failed.value as Record<string, unknown>)['error_lines'], 1);
    assert.deepEqual(adaptRecord(await seed('appsmith-client-page-load.json'), auto), {
      ok: false,
      reason: 'segment-event-skipped',
      skip: true,
    });
    // The same message ID counts once.
    const again = adaptRecord({ ...started, event: 'Installation Errors' }, auto);
    assert.ok(
      again.ok &&
        (again.value as { session_id: string }).session_id === (failed.value as { session_id: string }).session_id,
    );
  });
});

describe('format setting', () => {
  test('auto rejects records of no known shape; a fixed format rejects other shapes', async () => {
    assert.deepEqual(adaptRecord(await seed('hasura-server-row.json'), auto), { ok: false, reason: 'unknown-format' });
    assert.deepEqual(adaptRecord(await seed('hasura-cli-event.json'), { ...auto, format: 'segment' }), {
      ok: false,
      reason: 'not-segment',
    });
    assert.deepEqual(adaptRecord([1], auto), { ok: false, reason: 'not-an-object' });
  });
});

describe('session logs', () => {
  test('a Python logging session becomes figures without any message text', async () => {
    const text = await readFile(new URL('./fixtures/python-logging-session.log', import.meta.url), 'utf8');
    assert.deepEqual(readLog(text), {
      firstAt: '2021-10-28T13:41:12.345Z',
      lastAt: '2021-10-28T13:45:55.830Z',
      lines: 11,
      errorLines: 2,
      errorKinds: { KeyError: 1 },
    });
    assert.equal(readLog('no timestamps here\nat all'), null);
  });

  test('a custom pattern reads other layouts; a bad one is refused', () => {
    const pattern = compileLogPattern('^\\[(?<level>[A-Z]+)\\] (?<ts>\\S+)');
    assert.deepEqual(readLog('[INFO] 2026-01-01T00:00:00Z start\n[ERROR] 2026-01-01T00:00:09Z oops', pattern), {
      firstAt: '2026-01-01T00:00:00.000Z',
      lastAt: '2026-01-01T00:00:09.000Z',
      lines: 2,
      errorLines: 1,
      errorKinds: {},
    });
    assert.throws(() => compileLogPattern('(?<ts>x'), LogPatternError);
    assert.throws(() => compileLogPattern('^(?<time>\\S+)'), /needs the named groups/);
  });
});

test('every seed sample through the real intake: expected groups, counts, and no IP anywhere', async () => {
  const aggregator = createAggregator(['app.name', 'os.platform']);
  const tally = await intake({
    sources: [
      createPathSource(['seeds', 'python-logging-session.log'], fileURLToPath(new URL('./fixtures/', import.meta.url))),
    ],
    adapter: { ...auto, appVersion: '1.0.0' },
    windowStart: new Date('2019-01-01T00:00:00Z'),
    now: new Date('2021-12-01T00:00:00Z'),
    onSession: aggregator.add,
  });
  assert.equal(tally.accepted, 3);
  assert.deepEqual(tally.rejectedReasons, { 'unknown-format': 2 });
  assert.deepEqual(tally.skipped, { 'segment-event-skipped': 2 });
  assert.deepEqual(
    aggregator
      .groups()
      .map((group) => [group.fields.map((field) => field.value).join(' '), group.sessions, group.erroredSessions]),
    // The Instance Active ping carries no OS; the log's OS is not known either.
    [
      ['app other', 2, 1],
      ['hasura-cli linux', 1, 0],
    ],
  );
  assert.doesNotMatch(JSON.stringify({ tally, groups: aggregator.groups() }), IPS);
});
