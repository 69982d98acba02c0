import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createGitHubClient, httpStatusOf } from '../src/github-client.ts';
import { startEmulator } from './emulator/github-emulator.ts';

test('reads and writes are counted, server errors retried, the API root honoured', async () => {
  const emulator = await startEmulator();
  try {
    const warnings: string[] = [];
    const { client, counts } = createGitHubClient({
      token: emulator.token,
      baseUrl: `${emulator.apiUrl}/`,
      warn: (line) => warnings.push(line),
      retryBaseMs: 5,
      writeSpacingMs: 10,
    });
    const repo = { owner: emulator.owner, repo: emulator.repo };
    emulator.faults.push({ method: 'POST', path: /\/issues$/, status: 502, times: 2 });
    const { data } = await client.rest.issues.create({ ...repo, title: 'x' });
    assert.equal(data.number, 1);
    await client.rest.issues.get({ ...repo, issue_number: 1 });
    assert.deepEqual(counts, { reads: 1, writes: 1, remaining: 5000 - 4 });
    // Two failed attempts, then the one that worked.
    assert.equal(emulator.requests.filter((request) => request.method === 'POST').length, 3);
    assert.equal(emulator.issues.length, 1);
    assert.ok(emulator.requests.every((request) => request.authorization === `token ${emulator.token}`));
  } finally {
    await emulator.close();
  }
});

test('client errors are not retried and carry their status', async () => {
  const emulator = await startEmulator();
  try {
    const { client } = createGitHubClient({
      token: emulator.token,
      baseUrl: emulator.apiUrl,
      warn: () => {},
      retryBaseMs: 5,
      writeSpacingMs: 10,
    });
    const error = await client.rest.issues
      .get({ owner: emulator.owner, repo: emulator.repo, issue_number: 99 })
      .catch((caught: unknown) => caught);
    assert.equal(httpStatusOf(error), 404);
    assert.equal(emulator.requests.length, 1);
    assert.equal(httpStatusOf(new Error('plain')), null);
  } finally {
    await emulator.close();
  }
});

test('a body cut off mid-way fails the attempt and is fetched again, never read as empty', async () => {
  const emulator = await startEmulator();
  try {
    emulator.addArtifact({ name: 'a', zip: new Uint8Array([1]) });
    emulator.faults.push({ method: 'GET', path: /\/actions\/artifacts$/, times: 1, drop: true });
    const { client } = createGitHubClient({
      token: emulator.token,
      baseUrl: emulator.apiUrl,
      warn: () => {},
      retryBaseMs: 5,
      writeSpacingMs: 10,
    });
    const { data } = await client.rest.actions.listArtifactsForRepo({ owner: emulator.owner, repo: emulator.repo });
    assert.equal(data.total_count, 1);
    assert.equal(emulator.requests.length, 2);
  } finally {
    await emulator.close();
  }
});

test('a secondary rate limit without retry-after backs off and succeeds', async () => {
  const emulator = await startEmulator();
  try {
    const warnings: string[] = [];
    emulator.faults.push({
      method: 'GET',
      path: /\/issues$/,
      times: 1,
      status: 403,
      message: 'You have exceeded a secondary rate limit',
    });
    const { client } = createGitHubClient({
      token: emulator.token,
      baseUrl: emulator.apiUrl,
      warn: (line) => warnings.push(line),
      secondaryFallbackSeconds: 1,
      rateLimitSecondMs: 20,
      writeSpacingMs: 10,
    });
    const { data } = await client.rest.issues.listForRepo({ owner: emulator.owner, repo: emulator.repo });
    assert.deepEqual(data, []);
    assert.equal(emulator.requests.length, 2);
    assert.match(warnings[0] ?? '', /^Secondary rate limit on GET \/repos\/{owner}\/{repo}\/issues; backing off 1s\.$/);
  } finally {
    await emulator.close();
  }
});
