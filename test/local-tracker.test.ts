import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createLocalTracker, formatIssueFile, parseIssueFile } from '../src/trackers/local-tracker.ts';

test('issues round-trip through their Markdown files', async () => {
  const folder = join(await mkdtemp(join(tmpdir(), 'cra-store-')), 'store');
  const tracker = createLocalTracker(folder);
  assert.deepEqual(await tracker.listIssues('crash-report'), [], 'a missing folder is an empty store');
  const first = await tracker.createIssue({
    title: 'A "quoted": title',
    body: '## Body\n\n---\nline',
    labels: ['crash-report', 'os:linux'],
  });
  const second = await tracker.createIssue({ title: 'B', body: 'b', labels: ['other'] });
  assert.equal(first.number, 1);
  assert.equal(second.number, 2);
  assert.deepEqual((await readdir(folder)).sort(), ['issue-0001.md', 'issue-0002.md']);

  const listed = await tracker.listIssues('crash-report');
  assert.equal(listed.length, 1);
  assert.deepEqual(listed[0], { ...first, url: join(folder, 'issue-0001.md') });

  const updated = await tracker.updateIssue(1, { body: 'new body' });
  assert.equal(updated.body, 'new body');
  assert.equal(updated.title, 'A "quoted": title');
  await assert.rejects(tracker.updateIssue(9, { body: 'x' }), /Local issue 9 is missing/);
});

test('a maintainer can close an issue by editing its file', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'cra-store-'));
  const tracker = createLocalTracker(folder);
  const issue = await tracker.createIssue({ title: 'T', body: 'b', labels: ['crash-report'] });
  const path = join(folder, 'issue-0001.md');
  await writeFile(
    path,
    (await readFile(path, 'utf8'))
      .replace('state: "open"', 'state: "closed"')
      .replace('state_reason: null', 'state_reason: "not_planned"'),
  );
  const [closed] = await tracker.listIssues('crash-report');
  assert.equal(closed?.state, 'closed');
  assert.equal(closed?.stateReason, 'not_planned');
  assert.equal(closed?.number, issue.number);
});

test('files that are not issues are ignored', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'cra-store-'));
  await writeFile(join(folder, 'issue-0001.md'), 'no header');
  await writeFile(
    join(folder, 'notes.md'),
    formatIssueFile({
      number: 3,
      title: 't',
      body: 'b',
      state: 'open',
      stateReason: null,
      labels: ['crash-report'],
      url: '',
    }),
  );
  assert.deepEqual(await createLocalTracker(folder).listIssues('crash-report'), []);
  assert.equal(parseIssueFile('---\nnumber: "x"\n---\n', 'p'), null);
});
