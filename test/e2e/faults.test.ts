// The bundled action under GitHub's failure modes ends with the same issues as a clean run.

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { startEmulator } from '../emulator/github-emulator.ts';
import type { Fault, GitHubEmulator } from '../emulator/github-emulator.ts';
import { generateSummaries } from '../fixtures/synthetic-summaries.ts';
import type { Profile } from '../fixtures/synthetic-summaries.ts';
import { runAction } from './run-action.ts';

const runtime = { name: 'python', version: '3.12.1' };
const profiles: Profile[] = [
  { platform: 'linux', arch: 'x64', appVersion: '5.0.0', runtime, sessions: 200, errorRate: 0.01 },
  { platform: 'windows', arch: 'x64', appVersion: '5.0.0', runtime, sessions: 40, errorRate: 0.5 },
  { platform: 'darwin', arch: 'arm64', appVersion: '5.0.0', runtime, sessions: 30, errorRate: 0.6 },
];
const summaries = generateSummaries({ seed: 99, appName: 'octo-cli', end: new Date(), days: 3, profiles });

async function seeded(latencyMs = 0): Promise<GitHubEmulator> {
  const emulator = await startEmulator({ latencyMs, token: 'ghs_faultsfaultsfaults' });
  for (let part = 0; part < 4; part += 1) {
    const rows = summaries.filter((_, index) => index % 4 === part);
    emulator.addArtifact({
      name: `session-summaries-${part}`,
      zip: zipSync({ 'part.jsonl': strToU8(rows.map((row) => JSON.stringify(row)).join('\n')) }),
      run: { id: 700 + part },
    });
  }
  return emulator;
}

const runner = (emulator: GitHubEmulator) => ({
  apiUrl: emulator.apiUrl,
  token: emulator.token,
  repository: `${emulator.owner}/${emulator.repo}`,
});
const inputs = { 'artifact-name': 'session-summaries-*' };
const snapshot = (emulator: GitHubEmulator) =>
  emulator.issues
    .map((issue) => ({
      title: issue.title,
      body: issue.body,
      state: issue.state,
      labels: issue.labels.map((label) => (typeof label === 'string' ? label : label.name)),
    }))
    .sort((a, b) => (a.title < b.title ? -1 : 1));

describe('GitHub faults', () => {
  let clean: ReturnType<typeof snapshot>;

  before(async () => {
    const emulator = await seeded();
    try {
      const run = await runAction(inputs, runner(emulator));
      assert.equal(run.code, 0, run.stdout);
      clean = snapshot(emulator);
    } finally {
      await emulator.close();
    }
  });

  test('the clean run files both planted groups', () => {
    assert.deepEqual(
      clean.map((issue) => issue.title),
      [
        'High error rate: os.platform darwin, app.version 5.0.0',
        'High error rate: os.platform windows, app.version 5.0.0',
      ],
    );
  });

  const soon = () => String(Math.floor(Date.now() / 1000) + 1);
  const modes: [string, () => Fault[], number?][] = [
    [
      'a secondary rate limit (403) with retry-after on an issue write',
      () => [
        {
          method: 'POST',
          path: /\/issues$/,
          times: 1,
          status: 403,
          message: 'You have exceeded a secondary rate limit.',
          headers: { 'retry-after': '1' },
        },
      ],
    ],
    [
      'a secondary rate limit (429) with retry-after on the artifact list',
      () => [
        {
          method: 'GET',
          path: /\/actions\/artifacts$/,
          times: 1,
          status: 429,
          message: 'You have exceeded a secondary rate limit.',
          headers: { 'retry-after': '1' },
        },
      ],
    ],
    [
      'the primary rate limit exhausted until reset',
      () => [
        {
          method: 'GET',
          path: /\/issues$/,
          times: 1,
          status: 403,
          message: 'API rate limit exceeded',
          headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': soon() },
        },
      ],
    ],
    ['server errors on a download', () => [{ method: 'GET', path: /\/artifacts\/\d+\/zip$/, times: 1, status: 502 }]],
    [
      'a connection dropped mid-body on the API',
      () => [{ method: 'GET', path: /\/actions\/artifacts$/, times: 1, drop: true }],
    ],
    [
      'a connection dropped mid-body on the storage host',
      () => [{ host: 'blob', method: 'GET', path: /\.zip$/, times: 2, drop: true }],
    ],
    ['slow responses everywhere', () => [], 150],
  ];
  for (const [name, faults, latency] of modes) {
    test(`${name}: same issues as a clean run`, async () => {
      const emulator = await seeded(latency);
      try {
        emulator.faults.push(...faults());
        const run = await runAction(inputs, runner(emulator));
        assert.equal(run.code, 0, run.stdout);
        assert.ok(
          emulator.faults.every((fault) => fault.times === 0),
          'every fault was played',
        );
        assert.deepEqual(snapshot(emulator), clean);
        assert.equal(run.outputs['sessions'], String(summaries.length));
      } finally {
        await emulator.close();
      }
    });
  }

  test('a run killed between two creates, run again, leaves no duplicate', async () => {
    const emulator = await seeded();
    try {
      let creates = 0;
      const killed = await runAction(inputs, runner(emulator), (child) => {
        emulator.onRequest = (request) => {
          if (request.method === 'POST' && request.path.endsWith('/issues') && ++creates === 1) {
            // Writes are spaced a second apart, so this lands between the two creates.
            setTimeout(() => child.kill('SIGKILL'), 300);
          }
        };
      });
      emulator.onRequest = null;
      assert.notEqual(killed.code, 0);
      assert.equal(emulator.issues.length, 1);
      const again = await runAction(inputs, runner(emulator));
      assert.equal(again.code, 0, again.stdout);
      assert.equal(again.outputs['created'], '1');
      assert.deepEqual(snapshot(emulator), clean);
      const third = await runAction(inputs, runner(emulator));
      assert.equal(third.outputs['created'], '0');
      assert.equal(emulator.issues.length, 2);
    } finally {
      await emulator.close();
    }
  });

  test('rate limits that outlast the retries fail with a rate-limit message, not a permission one', async () => {
    const emulator = await seeded();
    try {
      emulator.faults.push({
        method: 'GET',
        path: /\/actions\/artifacts$/,
        times: 10,
        status: 403,
        message: 'API rate limit exceeded',
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': soon() },
      });
      const run = await runAction(inputs, runner(emulator));
      assert.equal(run.code, 1);
      assert.match(
        run.stdout,
        /::error::Listing artifacts of octo-org\/octo-cli hit GitHub's rate limit \(HTTP 403\) and retries ran out/,
      );
    } finally {
      await emulator.close();
    }
  });
});
