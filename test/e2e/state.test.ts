// Incremental runs: with state-path, a run downloads only artifacts it has not
// seen, and files exactly what a full run files.

import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
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

/** Seven days of artifacts, one per day and platform, plus the newest day when `withNewDay`. */
function seed(emulator: GitHubEmulator, days: number[]): void {
  for (const day of days) {
    const rows = generateSummaries({
      seed: 40 + day,
      appName: 'octo-cli',
      end: new Date(now - day * DAY),
      days: 0.8,
      profiles: demoProfiles(0.4),
    });
    emulator.addArtifact({
      name: `session-summaries-day-${day}`,
      zip: zipSync({ 's.jsonl': strToU8(rows.map((row) => JSON.stringify(row)).join('\n')) }),
      createdAt: new Date(now - day * DAY + 3_600_000),
      run: { id: 100 + day },
    });
  }
}
const issues = (emulator: GitHubEmulator) => emulator.issues.map((issue) => `${issue.title}\n${issue.body}`).sort();
const downloads = (emulator: GitHubEmulator) => emulator.requests.filter((request) => request.host === 'blob').length;

test('the second run downloads only the new artifacts and files what a full run files', async () => {
  const runnerTemp = await mkdtemp(join(tmpdir(), 'cra-state-'));
  const inputs = { 'artifact-name': 'session-summaries-*', 'state-path': 'crash-report-state' };
  const incremental = await startEmulator({ token: 'ghs_statestatestate' });
  const full = await startEmulator({ token: 'ghs_statestatestate' });
  try {
    const context = (emulator: GitHubEmulator) => ({
      apiUrl: emulator.apiUrl,
      token: emulator.token,
      repository: `${emulator.owner}/${emulator.repo}`,
      runnerTemp,
    });
    seed(incremental, [6, 5, 4, 3, 2, 1]);
    const first = await runAction(inputs, context(incremental));
    assert.equal(first.code, 0, first.stdout);
    assert.equal(downloads(incremental), 6);
    assert.match(
      first.stdout,
      /::warning::No state at .*crash-report-state yet: every artifact in the window is downloaded\./,
    );
    assert.deepEqual(
      (await readdir(join(runnerTemp, 'crash-report-state'))).filter((name) => name.endsWith('.json')).length,
      8,
      'six stored results, the index and the history',
    );
    assert.ok(
      (await readdir(join(runnerTemp, 'crash-report-state'))).includes('history.json'),
      'the history lives in the state folder by default',
    );

    seed(incremental, [0]);
    const second = await runAction(inputs, context(incremental));
    assert.equal(second.code, 0, second.stdout);
    assert.equal(downloads(incremental), 7, 'only the new day was downloaded');
    assert.deepEqual(second.report?.['state'], { fromState: 6, stored: 1, rejected: 0, dropped: 0 });
    assert.match(
      second.summary,
      /State: 6 artifact\(s\) taken from the kept state without a download, 1 downloaded, read and stored/,
    );

    // The history the state-path runs kept is byte for byte the one two full runs keep at history-path.
    const fullHistory = await startEmulator({ token: 'ghs_statestatestate' });
    try {
      const temp = await mkdtemp(join(tmpdir(), 'cra-history-'));
      seed(fullHistory, [6, 5, 4, 3, 2, 1]);
      assert.equal(
        (
          await runAction(
            { 'artifact-name': 'session-summaries-*', 'history-path': 'history/history.json' },
            { ...context(fullHistory), runnerTemp: temp },
          )
        ).code,
        0,
      );
      seed(fullHistory, [0]);
      const again = await runAction(
        { 'artifact-name': 'session-summaries-*', 'history-path': 'history/history.json' },
        { ...context(fullHistory), runnerTemp: temp },
      );
      assert.equal(again.code, 0);
      assert.match(again.summary, /History: [78] day\(s\) since \d{4}-\d\d-\d\d of daily figures for release health/);
      assert.equal(
        await readFile(join(runnerTemp, 'crash-report-state', 'history.json'), 'utf8'),
        await readFile(join(temp, 'history', 'history.json'), 'utf8'),
      );
    } finally {
      await fullHistory.close();
    }

    // The same seven days, read in one full run without state.
    seed(full, [6, 5, 4, 3, 2, 1, 0]);
    const reference = await runAction(
      { 'artifact-name': 'session-summaries-*' },
      { ...context(full), runnerTemp: await mkdtemp(join(tmpdir(), 'cra-full-')) },
    );
    assert.equal(reference.code, 0);
    assert.equal(second.outputs['sessions'], reference.outputs['sessions']);
    assert.deepEqual(
      second.report?.['groups'].map((group: { fingerprint: string; sessions: number }) => [
        group.fingerprint,
        group.sessions,
      ]),
      reference.report?.['groups'].map((group: { fingerprint: string; sessions: number }) => [
        group.fingerprint,
        group.sessions,
      ]),
    );
    assert.deepEqual(
      issues(incremental).map((text) => text.split('\n')[0]),
      issues(full).map((text) => text.split('\n')[0]),
    );
    // The problems found from the kept state are the full run's, figure for figure.
    const problems = (report: Record<string, any> | null | undefined) =>
      (report?.['problems'] as { issue: unknown }[]).map(({ issue: _issue, ...problem }) => problem);
    assert.ok(problems(reference.report).length > 0, 'the data has a problem');
    assert.deepEqual(problems(second.report), problems(reference.report));

    // A third run with worker threads takes all seven from the state and counts the same.
    const third = await runAction({ ...inputs, workers: '2' }, context(incremental));
    assert.equal(third.code, 0, third.stdout);
    assert.equal(downloads(incremental), 7, 'nothing new to download');
    assert.deepEqual(third.report?.['state'], { fromState: 7, stored: 0, rejected: 0, dropped: 0 });
    assert.deepEqual(third.report?.['intake'], reference.report?.['intake']);
  } finally {
    await incremental.close();
    await full.close();
  }
});

test('a corrupt state means a full download, with a warning; a state outside RUNNER_TEMP is refused', async () => {
  const runnerTemp = await mkdtemp(join(tmpdir(), 'cra-state-'));
  const emulator = await startEmulator();
  try {
    seed(emulator, [2, 1]);
    const context = {
      apiUrl: emulator.apiUrl,
      token: emulator.token,
      repository: `${emulator.owner}/${emulator.repo}`,
      runnerTemp,
    };
    const inputs = { 'artifact-name': 'session-summaries-*', 'state-path': 'state' };
    assert.equal((await runAction(inputs, context)).code, 0);
    const stateDir = join(runnerTemp, 'state');
    const stored = (await readdir(stateDir)).find((name) => name.startsWith('artifact-'))!;
    await writeFile(join(stateDir, stored), 'tampered');
    const tampered = await runAction(inputs, context);
    assert.match(
      tampered.stdout,
      /::warning::The stored result of artifact #\d+ failed its check; downloading it again\./,
    );
    assert.equal(downloads(emulator), 3);
    await writeFile(join(stateDir, 'index.json'), '{not json');
    const corrupt = await runAction(inputs, context);
    assert.match(
      corrupt.stdout,
      /::warning::The state at .* is unreadable or of another version: every artifact in the window is downloaded again\./,
    );
    assert.equal(downloads(emulator), 5);
    assert.equal(corrupt.outputs['sessions'], tampered.outputs['sessions']);
    // Results read with other reading settings are not used.
    const otherFormat = await runAction({ ...inputs, format: 'session-summary' }, context);
    assert.match(
      otherFormat.stdout,
      /::warning::The state at .* was read with other settings \(format, app-name, app-version or log-pattern\): every artifact in the window is downloaded again\./,
    );
    assert.equal(downloads(emulator), 7);
    assert.equal(otherFormat.outputs['sessions'], tampered.outputs['sessions']);

    const outside = await runAction({ ...inputs, 'state-path': '/etc/crash-state' }, context);
    assert.equal(outside.code, 1);
    assert.match(outside.stdout, /::error::Input "state-path" is "\/etc\/crash-state", outside RUNNER_TEMP/);
  } finally {
    await emulator.close();
  }
});
