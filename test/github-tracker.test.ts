import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createGitHubClient } from '../src/github-client.ts';
import { createGitHubTracker } from '../src/trackers/github-tracker.ts';
import { startEmulator } from './emulator/github-emulator.ts';

test('lists every page of labelled issues, open and closed, without pull requests', async () => {
  const emulator = await startEmulator();
  try {
    const { client, counts } = createGitHubClient({
      token: emulator.token,
      baseUrl: emulator.apiUrl,
      warn: () => {},
      writeSpacingMs: 10,
    });
    const repo = { owner: emulator.owner, repo: emulator.repo };
    const tracker = createGitHubTracker(client, repo);
    for (let i = 1; i <= 230; i += 1) {
      emulator.addIssue({ title: `issue ${i}`, body: `b${i}`, labels: i % 2 === 0 ? ['crash-report'] : ['other'] });
    }
    await client.rest.issues.update({ ...repo, issue_number: 4, state: 'closed', state_reason: 'not_planned' });
    emulator.issues[9]!.pull_request = { url: 'u', html_url: 'h', diff_url: 'd', patch_url: 'p', merged_at: null };
    const issues = await tracker.listIssues('crash-report');
    assert.equal(issues.length, 114);
    assert.equal(counts.reads, 2, '115 labelled issues at 100 per page');
    const four = issues.find((issue) => issue.number === 4);
    assert.deepEqual(four, {
      number: 4,
      title: 'issue 4',
      body: 'b4',
      state: 'closed',
      stateReason: 'not_planned',
      labels: ['crash-report'],
      url: 'https://github.com/octo-org/octo-cli/issues/4',
    });
    assert.ok(!issues.some((issue) => issue.number === 10));
  } finally {
    await emulator.close();
  }
});

test('creates missing labels once, then issues and updates', async () => {
  const emulator = await startEmulator();
  try {
    const { client } = createGitHubClient({
      token: emulator.token,
      baseUrl: emulator.apiUrl,
      warn: () => {},
      writeSpacingMs: 10,
    });
    const tracker = createGitHubTracker(client, { owner: emulator.owner, repo: emulator.repo });
    await tracker.ensureLabels(['crash-report', 'triage']);
    await tracker.ensureLabels(['crash-report']);
    assert.deepEqual(
      emulator.labels.map((label) => label.name),
      ['crash-report', 'triage'],
    );
    assert.equal(emulator.requests.filter((request) => request.method === 'POST').length, 2);
    const created = await tracker.createIssue({ title: 'T', body: 'B', labels: ['crash-report'] });
    assert.equal(created.number, 1);
    const updated = await tracker.updateIssue(1, { body: 'B2' });
    assert.equal(updated.body, 'B2');
    assert.equal(emulator.issues[0]?.title, 'T');
  } finally {
    await emulator.close();
  }
});

test('a token without issues: write fails with the permission named', async () => {
  const emulator = await startEmulator();
  try {
    const { client } = createGitHubClient({
      token: emulator.token,
      baseUrl: emulator.apiUrl,
      warn: () => {},
      writeSpacingMs: 10,
    });
    const tracker = createGitHubTracker(client, { owner: emulator.owner, repo: emulator.repo });
    emulator.faults.push({ method: 'POST', path: /\/issues$/, status: 403, times: 1 });
    await assert.rejects(
      tracker.createIssue({ title: 'T', body: 'B', labels: [] }),
      /Creating an issue was refused \(HTTP 403\)\. The token needs the "issues: write" permission/,
    );
  } finally {
    await emulator.close();
  }
});
