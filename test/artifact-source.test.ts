import assert from 'node:assert/strict';
import { test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { createGitHubClient } from '../src/github-client.ts';
import { createArtifactSource } from '../src/sources/artifact-source.ts';
import type { SourceEvent } from '../src/sources/source.ts';
import { startEmulator } from './emulator/github-emulator.ts';
import type { GitHubEmulator } from './emulator/github-emulator.ts';

const DAY = 86_400_000;

interface Filters {
  trustForks?: boolean;
  workflows?: string[];
  branches?: string[];
  reserve?: number;
}

async function collect(emulator: GitHubEmulator, names: string[], filters: Filters = {}): Promise<SourceEvent[]> {
  const { client, counts } = createGitHubClient({
    token: emulator.token,
    baseUrl: emulator.apiUrl,
    warn: () => {},
    writeSpacingMs: 10,
  });
  const source = createArtifactSource({
    client,
    repository: { owner: emulator.owner, repo: emulator.repo },
    names,
    since: new Date(Date.now() - 7 * DAY),
    concurrency: 4,
    serverUrl: 'https://ghe.example',
    trustForks: filters.trustForks ?? false,
    workflows: filters.workflows ?? [],
    branches: filters.branches ?? [],
    ...(filters.reserve !== undefined
      ? { budget: { remaining: () => counts.remaining, reserve: filters.reserve } }
      : {}),
  });
  const events: SourceEvent[] = [];
  for await (const event of source.read()) events.push(event);
  return events;
}

test('pages through all artifacts, keeps matching names in the window, downloads without the token', async () => {
  const emulator = await startEmulator();
  try {
    for (let i = 0; i < 250; i += 1) {
      emulator.addArtifact({
        name: i % 5 === 0 ? `summaries-${i}` : `build-${i}`,
        zip: zipSync({ 'a.json': strToU8(`{"i":${i}}`) }),
        run: { id: 100 + i, branch: 'main' },
      });
    }
    const events = await collect(emulator, ['summaries-*']);
    const items = events.filter((event) => event.kind === 'item');
    assert.equal(items.length, 50);
    assert.equal(emulator.requests.filter((request) => request.path.endsWith('/actions/artifacts')).length, 3);
    const blob = emulator.requests.filter((request) => request.host === 'blob');
    assert.equal(blob.length, 50);
    assert.ok(blob.every((request) => request.authorization === null));
    const first = items[0]!;
    assert.ok(first.kind === 'item');
    assert.equal(first.origin, 'artifact summaries-245 (#1245)');
    assert.deepEqual(first.run, {
      id: 345,
      branch: 'main',
      url: 'https://ghe.example/octo-org/octo-cli/actions/runs/345',
    });
  } finally {
    await emulator.close();
  }
});

test('a literal name is filtered by the API', async () => {
  const emulator = await startEmulator();
  try {
    emulator.addArtifact({ name: 'summaries', zip: zipSync({}), run: { id: 1 } });
    emulator.addArtifact({ name: 'other', zip: zipSync({}), run: { id: 2 } });
    const events = await collect(emulator, ['summaries']);
    assert.equal(events.length, 1);
    assert.equal(emulator.requests[0]?.query.get('name'), 'summaries');
  } finally {
    await emulator.close();
  }
});

test('expired, old, gone and unreachable artifacts are skipped with reasons', async () => {
  const emulator = await startEmulator();
  try {
    const zip = zipSync({ 'a.json': strToU8('{}') });
    const run = { id: 1 };
    emulator.addArtifact({ name: 's-ok', zip, run });
    emulator.addArtifact({ name: 's-expired', zip, expired: true, run });
    emulator.addArtifact({ name: 's-old', zip, createdAt: new Date(Date.now() - 9 * DAY), run });
    const gone = emulator.addArtifact({ name: 's-gone', zip, run });
    const late = emulator.addArtifact({ name: 's-expired-late', zip, run });
    emulator.faults.push({ method: 'GET', path: new RegExp(`/artifacts/${gone.id}/zip$`), status: 404, times: 1 });
    emulator.faults.push({ method: 'GET', path: new RegExp(`/artifacts/${late.id}/zip$`), status: 410, times: 1 });
    const events = await collect(emulator, ['s-*']);
    assert.deepEqual(
      events
        .map((event) => (event.kind === 'skip' ? `${event.origin}: ${event.reason}` : `${event.origin}: read`))
        .sort(),
      [
        `artifact s-expired (#${gone.id - 2}): artifact-expired`,
        `artifact s-expired-late (#${late.id}): artifact-expired`,
        `artifact s-gone (#${gone.id}): artifact-not-found`,
        `artifact s-ok (#${gone.id - 3}): read`,
        `artifact s-old (#${gone.id - 1}): artifact-outside-window`,
      ],
    );
  } finally {
    await emulator.close();
  }
});

test('a refused listing names the actions: read permission', async () => {
  const emulator = await startEmulator();
  try {
    emulator.faults.push({ method: 'GET', path: /\/actions\/artifacts$/, status: 403, times: 1 });
    await assert.rejects(
      collect(emulator, ['x']),
      /was refused \(HTTP 403\)\. The token needs the "actions: read" permission/,
    );
  } finally {
    await emulator.close();
  }
});

test('artifacts of fork runs, other branches and other workflows are skipped unless allowed', async () => {
  const emulator = await startEmulator();
  try {
    const zip = zipSync({ 'a.json': strToU8('{}') });
    emulator.addArtifact({
      name: 's-main',
      zip,
      run: { id: 1, branch: 'main', workflowPath: '.github/workflows/ci.yml' },
    });
    emulator.addArtifact({ name: 's-fork', zip, run: { id: 2, branch: 'main', headRepositoryId: 999 } });
    emulator.addArtifact({
      name: 's-feature',
      zip,
      run: { id: 3, branch: 'feature/x', workflowPath: '.github/workflows/ci.yml' },
    });
    emulator.addArtifact({
      name: 's-nightly',
      zip,
      run: { id: 4, branch: 'release/1.0', workflowPath: '.github/workflows/nightly.yml' },
    });
    emulator.addArtifact({ name: 's-norun', zip });
    const outcomes = (events: SourceEvent[]) =>
      events.map((event) => `${event.origin.split(' ')[1]}: ${event.kind === 'skip' ? event.reason : 'read'}`).sort();

    assert.deepEqual(outcomes(await collect(emulator, ['s-*'])), [
      's-feature: read',
      's-fork: artifact-from-fork',
      's-main: read',
      's-nightly: read',
      's-norun: artifact-run-unknown',
    ]);
    assert.ok(
      !emulator.requests.some((request) => request.path.includes('/actions/runs/')),
      'no run lookups without a workflows filter',
    );

    assert.deepEqual(
      outcomes(
        await collect(emulator, ['s-*'], { trustForks: true, branches: ['main', 'release/*'], workflows: ['ci.yml'] }),
      ),
      [
        's-feature: artifact-branch-not-allowed',
        's-fork: read',
        's-main: read',
        's-nightly: artifact-workflow-not-allowed',
        's-norun: artifact-branch-not-allowed',
      ],
    );
    assert.deepEqual(outcomes(await collect(emulator, ['s-*'], { workflows: ['.github/workflows/nightly.yml'] })), [
      's-feature: artifact-workflow-not-allowed',
      's-fork: artifact-from-fork',
      's-main: artifact-workflow-not-allowed',
      's-nightly: read',
      's-norun: artifact-run-unknown',
    ]);
  } finally {
    await emulator.close();
  }
});

test("a re-run attempt's copy replaces the older one of the same run and name", async () => {
  const emulator = await startEmulator();
  try {
    const zip = zipSync({ 'a.json': strToU8('{}') });
    const first = emulator.addArtifact({ name: 's', zip, run: { id: 5 } });
    const second = emulator.addArtifact({ name: 's', zip, run: { id: 5 } });
    emulator.addArtifact({ name: 's', zip, run: { id: 6 } });
    const events = await collect(emulator, ['s']);
    assert.deepEqual(
      events.map((event) => `${event.origin}: ${event.kind === 'skip' ? event.reason : 'read'}`),
      [
        `artifact s (#${first.id}): artifact-older-attempt`,
        `artifact s (#${second.id + 1}): read`,
        `artifact s (#${second.id}): read`,
      ],
    );
  } finally {
    await emulator.close();
  }
});

test('downloads stop at the reserve kept for issue writes; the rest wait', async () => {
  const emulator = await startEmulator({ rateLimit: 30 });
  try {
    for (let i = 0; i < 40; i += 1)
      emulator.addArtifact({ name: `s-${i}`, zip: zipSync({ 'a.json': strToU8('{}') }), run: { id: i + 1 } });
    const events = await collect(emulator, ['s-*'], { reserve: 10 });
    const read = events.filter((event) => event.kind === 'item').length;
    const waiting = events.filter(
      (event) => event.kind === 'skip' && event.reason === 'artifact-deferred-rate-limit',
    ).length;
    assert.equal(read + waiting, 40);
    // One list request, then one per download, until 10 of the 30 are left (4 more may be in flight).
    assert.ok(read >= 19 && read <= 23, `read ${read}`);
    const apiRequests = emulator.requests.filter((request) => request.host === 'api').length;
    assert.ok(30 - apiRequests >= 10 - 4, `${apiRequests} requests used`);
  } finally {
    await emulator.close();
  }
});
