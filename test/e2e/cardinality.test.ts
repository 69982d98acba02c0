// One artifact whose every session claims its own app version (a build hash in the
// version, by bug or by malice) beside a good artifact: the bundled action folds the
// long tail, files the good artifact's problem, and keeps every output in GitHub's limits.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { startEmulator } from '../emulator/github-emulator.ts';
import { generateSummaries, windowsRegression } from '../fixtures/synthetic-summaries.ts';
import { runAction } from './run-action.ts';

test('200,000 distinct configurations in one artifact: folded, counted, and the real problem beside them filed', async () => {
  const emulator = await startEmulator();
  try {
    const end = new Date(Date.now() - 3_600_000);
    const good = generateSummaries({
      seed: 8,
      appName: 'octo-cli',
      end,
      days: 3,
      profiles: [...windowsRegression()],
    });
    const template = good.find((summary) => summary.os.platform === 'linux')!;
    const lines: string[] = [];
    for (let i = 0; i < 200_000; i += 1) {
      const id = i.toString(16).padStart(12, '0');
      lines.push(
        JSON.stringify({
          ...template,
          session_id: `00000000-0000-4000-8000-${id}`,
          install_id: `11111111-0000-4000-8000-${id}`,
          app: { name: 'octo-cli', version: `2.4.0+build.${i}` },
        }),
      );
    }
    emulator.addArtifact({
      name: 'session-summaries-flood',
      zip: zipSync({ 'flood.jsonl': strToU8(lines.join('\n')) }),
      createdAt: end,
      run: { id: 71 },
    });
    emulator.addArtifact({
      name: 'session-summaries-good',
      zip: zipSync({ 'good.jsonl': strToU8(good.map((row) => JSON.stringify(row)).join('\n')) }),
      createdAt: end,
      run: { id: 72 },
    });
    const run = await runAction(
      { 'artifact-name': 'session-summaries-*' },
      { apiUrl: emulator.apiUrl, token: emulator.token, repository: `${emulator.owner}/${emulator.repo}` },
    );
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.outputs['sessions'], String(200_000 + good.length));
    assert.deepEqual(
      emulator.issues.map((issue) => issue.title),
      ['High error rate: os.platform windows, app.version 2.4.0'],
    );
    assert.deepEqual(run.report?.['folded'], {
      configurations: 200_000,
      sessions: 200_000,
      erroredSessions: lines.filter((line) => /"error_lines":[1-9]|"outcome":"(error|crash)"/.test(line)).length,
    });
    assert.match(run.stdout, /::warning::Folded 200000 configuration\(s\) with 200000 session\(s\)/);
    assert.match(run.summary, /200,000 configuration\(s\) folded/);
    assert.ok(Buffer.byteLength(run.summary) < 1024 * 1024, `job summary of ${Buffer.byteLength(run.summary)} bytes`);
    assert.ok(Buffer.byteLength(run.stdout) < 256 * 1024, `log of ${Buffer.byteLength(run.stdout)} bytes`);
  } finally {
    await emulator.close();
  }
});
