// A sharded run as the example workflow does it: three partial jobs, each reading
// its share of the artifacts, then one merge job that files the issues; against
// the same artifacts read by one full run.

import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { startEmulator } from '../emulator/github-emulator.ts';
import type { GitHubEmulator } from '../emulator/github-emulator.ts';
import { demoProfiles, generateSummaries } from '../fixtures/synthetic-summaries.ts';
import { runAction } from './run-action.ts';

const DAY = 86_400_000;
const now = Date.now();
const SHARDS = 3;

/** Nine artifacts over six days, and a re-upload of day 2 by another run: its sessions are duplicates. */
function seed(emulator: GitHubEmulator): void {
  for (let day = 0; day < 9; day += 1) {
    const rows = generateSummaries({
      seed: 70 + day,
      appName: 'octo-cli',
      end: new Date(now - (day % 6) * DAY),
      days: 0.8,
      profiles: demoProfiles(0.4),
    });
    const zip = zipSync({ 's.jsonl': strToU8(rows.map((row) => JSON.stringify(row)).join('\n')) });
    emulator.addArtifact({
      name: `session-summaries-${day}`,
      zip,
      createdAt: new Date(now - (day % 6) * DAY + 3_600_000),
      run: { id: 300 + day, branch: day % 2 ? 'main' : 'release' },
    });
    if (day === 2)
      emulator.addArtifact({ name: 'session-summaries-again', zip, createdAt: new Date(now - DAY), run: { id: 399 } });
  }
}

const downloads = (emulator: GitHubEmulator) => emulator.requests.filter((request) => request.host === 'blob').length;
type Group = { fingerprint: string; issue: unknown; [figure: string]: unknown };
const figures = (report: Record<string, any> | null) =>
  (report?.['groups'] as Group[]).map(({ issue: _issue, ...group }) => group);
const problems = (report: Record<string, any> | null) =>
  (report?.['problems'] as Group[]).map(({ issue: _issue, ...problem }) => problem);

test('three partial jobs and a merge job file exactly what one full run files', async () => {
  const sharded = await startEmulator({ token: 'ghs_shardedsharded' });
  const full = await startEmulator({ token: 'ghs_shardedsharded' });
  try {
    seed(sharded);
    seed(full);
    const context = (emulator: GitHubEmulator, runnerTemp?: string) => ({
      apiUrl: emulator.apiUrl,
      token: emulator.token,
      repository: `${emulator.owner}/${emulator.repo}`,
      ...(runnerTemp ? { runnerTemp } : {}),
    });
    const partialsDir = await mkdtemp(join(tmpdir(), 'cra-partials-'));
    const shardSessions: number[] = [];
    for (let index = 1; index <= SHARDS; index += 1) {
      const partialPath = join(partialsDir, `partial-${index}.ndjson`);
      // One shard reads with worker threads (the bundled dist/intake-worker.js): the partial must not differ.
      const workers = index === 2 ? '2' : '1';
      const run = await runAction(
        {
          'artifact-name': 'session-summaries-*',
          mode: 'partial',
          shard: `${index}/${SHARDS}`,
          'partial-path': partialPath,
          workers,
        },
        context(sharded),
      );
      assert.equal(run.code, 0, run.stdout);
      assert.equal(run.outputs['partial-path'], partialPath);
      assert.match(run.summary, new RegExp(`Crash report triage: shard ${index} of ${SHARDS}`));
      if (workers === '2') assert.match(run.stdout, /Reading with 2 threads: this one and a worker thread\./);
      shardSessions.push(Number(run.outputs['sessions']));
    }
    assert.equal(sharded.writes().length, 0, 'partial jobs write nothing to GitHub');
    assert.equal(downloads(sharded), 10, 'each artifact is downloaded by exactly one shard');
    assert.ok(
      shardSessions.every((sessions) => sessions > 0),
      `every shard read sessions: ${shardSessions.join(', ')}`,
    );
    assert.deepEqual((await readdir(partialsDir)).sort(), ['partial-1.ndjson', 'partial-2.ndjson', 'partial-3.ndjson']);

    const merge = await runAction({ mode: 'merge', partials: `${partialsDir}/*.ndjson` }, context(sharded));
    assert.equal(merge.code, 0, merge.stdout);
    assert.match(merge.summary, /Merged from the partials of 3 shard\(s\)/);
    assert.equal(downloads(sharded), 10, 'the merge downloads nothing');

    const reference = await runAction({ 'artifact-name': 'session-summaries-*' }, context(full));
    assert.equal(reference.code, 0, reference.stdout);
    assert.ok(Number(reference.outputs['flagged']) > 0, 'the data has a problem to file');
    assert.ok(Number(reference.report?.['intake'].duplicates) > 0, 'the re-upload made duplicates');
    for (const output of ['sessions', 'rejected', 'groups', 'flagged', 'created'])
      assert.equal(merge.outputs[output], reference.outputs[output], output);
    assert.ok(
      shardSessions.reduce((a, b) => a + b, 0) > Number(merge.outputs['sessions']),
      'shards counted the duplicates the merge dropped',
    );
    assert.deepEqual(merge.report?.['intake'], reference.report?.['intake']);
    assert.deepEqual(figures(merge.report), figures(reference.report));
    // The same problems, each with every figure, found from the merged partials as from the full read.
    assert.ok((reference.report?.['problems'] as unknown[]).length > 0);
    assert.deepEqual(problems(merge.report), problems(reference.report));
    const issues = (emulator: GitHubEmulator) =>
      emulator.issues.map((issue) => [
        issue.title,
        issue.body,
        issue.labels.map((label) => (typeof label === 'string' ? label : label.name)),
      ]);
    assert.deepEqual(issues(sharded), issues(full));

    // The same partials uploaded as artifacts of the merge job's own run, read with partial-artifacts.
    const MERGE_RUN = 5100;
    for (let index = 1; index <= SHARDS; index += 1) {
      const zip = zipSync({
        [`partial-${index}-of-${SHARDS}.ndjson`]: await readFile(join(partialsDir, `partial-${index}.ndjson`)),
      });
      sharded.addArtifact({ name: `crash-report-partial-${index}`, zip, run: { id: MERGE_RUN } });
    }
    // A partial of another run with a matching name is not this merge's.
    sharded.addArtifact({
      name: 'crash-report-partial-9',
      zip: zipSync({ 'partial-1-of-3.ndjson': await readFile(join(partialsDir, 'partial-1.ndjson')) }),
      run: { id: MERGE_RUN + 1 },
    });
    const writesBefore = sharded.writes().length;
    const fromArtifacts = await runAction(
      { mode: 'merge', 'partial-artifacts': 'crash-report-partial-*' },
      { ...context(sharded), runId: MERGE_RUN },
    );
    assert.equal(fromArtifacts.code, 0, fromArtifacts.stdout);
    assert.match(fromArtifacts.summary, /Merged from the partials of 3 shard\(s\)/);
    assert.deepEqual(fromArtifacts.report?.['intake'], reference.report?.['intake']);
    assert.deepEqual(figures(fromArtifacts.report), figures(reference.report));
    assert.equal(sharded.writes().length, writesBefore, 'the issues are already true: no write');
    const missing = await runAction(
      { mode: 'merge', 'partial-artifacts': 'crash-report-partial-*' },
      { ...context(sharded), runId: MERGE_RUN + 2 },
    );
    assert.equal(missing.code, 1);
    assert.match(
      missing.stdout,
      /::error::No artifact of workflow run 5102 is named "crash-report-partial-\*": did every shard upload its partial\?/,
    );

    // A full run with worker threads, on a third copy of the artifacts, files the same.
    const threaded = await startEmulator({ token: 'ghs_shardedsharded' });
    try {
      seed(threaded);
      const run = await runAction({ 'artifact-name': 'session-summaries-*', workers: 'auto' }, context(threaded));
      assert.equal(run.code, 0, run.stdout);
      assert.deepEqual(run.report?.['intake'], reference.report?.['intake']);
      assert.deepEqual(figures(run.report), figures(reference.report));
      assert.deepEqual(issues(threaded), issues(full));
    } finally {
      await threaded.close();
    }
  } finally {
    await sharded.close();
    await full.close();
  }
});

test('a merge with a shard missing fails and writes nothing', async () => {
  const emulator = await startEmulator();
  try {
    seed(emulator);
    const context = {
      apiUrl: emulator.apiUrl,
      token: emulator.token,
      repository: `${emulator.owner}/${emulator.repo}`,
    };
    const partialsDir = await mkdtemp(join(tmpdir(), 'cra-partials-'));
    for (const index of [1, 3]) {
      const run = await runAction(
        {
          'artifact-name': 'session-summaries-*',
          mode: 'partial',
          shard: `${index}/3`,
          'partial-path': join(partialsDir, `p${index}.ndjson`),
        },
        context,
      );
      assert.equal(run.code, 0, run.stdout);
    }
    const merge = await runAction({ mode: 'merge', partials: partialsDir }, context);
    assert.equal(merge.code, 1);
    assert.match(
      merge.stdout,
      /::error::Shard\(s\) 2 of 3 are missing: merging without them would undercount every group\./,
    );
    assert.equal(emulator.writes().length, 0);
  } finally {
    await emulator.close();
  }
});
