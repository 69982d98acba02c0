// The publication rule through the bundled action: a FreeBSD build seen on three
// installations, grouped by platform, OS version and app version, appears in no
// request sent to GitHub, no output, no job summary and no log line, while the
// real Windows problem beside it is filed and the dashboard is kept. An exception
// class raised on two installations is not named either.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { startEmulator } from '../emulator/github-emulator.ts';
import { generateSummaries, windowsRegression } from '../fixtures/synthetic-summaries.ts';
import { runAction } from './run-action.ts';

const RARE_BUILD = '14.1-RELEASE-p97';

test('a configuration on three installations is never published, the problem beside it is filed', async () => {
  const emulator = await startEmulator();
  try {
    const end = new Date(Date.now() - 3_600_000);
    const runtime = { name: 'python', version: '3.12.1' };
    const summaries = generateSummaries({
      seed: 21,
      appName: 'octo-cli',
      end,
      days: 3,
      profiles: [
        ...windowsRegression(),
        { platform: 'freebsd', arch: 'x64', appVersion: '2.4.0', runtime, sessions: 60, errorRate: 0.02, installs: 40 },
        // Three installations on a rare build, erroring often: a small group whose users could be named.
        { platform: 'freebsd', arch: 'x64', appVersion: '2.4.0', runtime, sessions: 30, errorRate: 0.6, installs: 3 },
      ],
    });
    // Give each platform an OS version; the last 30 FreeBSD sessions are on the rare build.
    const versions: Record<string, string> = {
      linux: '6.8',
      windows: '10.0.22631',
      darwin: '14.5',
      freebsd: '14.0-RELEASE',
    };
    const freebsd = summaries.filter((summary) => summary.os.platform === 'freebsd');
    const rare = new Set(freebsd.slice(-30));
    // One company's exception class, raised on two Linux installations.
    const acme = new Set(
      summaries
        .filter((summary) => summary.os.platform === 'linux')
        .map((summary) => summary.install_id)
        .slice(0, 2),
    );
    const rows = summaries.map((summary) => ({
      ...summary,
      os: { ...summary.os, version: rare.has(summary) ? RARE_BUILD : versions[summary.os.platform]! },
      ...(acme.has(summary.install_id)
        ? {
            error_lines: 1,
            outcome: 'error' as const,
            error_kinds: { ...summary.error_kinds, 'acme.LicenseServerError': 3 },
          }
        : {}),
    }));
    assert.equal(new Set(rows.filter((row) => row.os.version === RARE_BUILD).map((row) => row.install_id)).size, 3);
    emulator.addArtifact({
      name: 'session-summaries-1',
      zip: zipSync({ 's.jsonl': strToU8(rows.map((row) => JSON.stringify(row)).join('\n')) }),
      createdAt: end,
      run: { id: 81 },
    });

    const run = await runAction(
      {
        'artifact-name': 'session-summaries-*',
        'group-by': 'os.platform, os.version, app.version',
        'report-issue': 'true',
      },
      { apiUrl: emulator.apiUrl, token: emulator.token, repository: `${emulator.owner}/${emulator.repo}` },
    );
    assert.equal(run.code, 0, run.stderr);
    const titles = emulator.issues.map((issue) => issue.title).sort();
    assert.deepEqual(titles, [
      'Crash report: usage and errors',
      'High error rate: os.platform windows, os.version 10.0.22631, app.version 2.4.0',
    ]);

    // Nowhere public: requests to GitHub (bodies and paths), outputs, job summary, log.
    const outputs = JSON.stringify(run.outputs);
    const requests = emulator.requests.map((request) => `${request.path}?${request.query} ${request.body}`).join('\n');
    for (const [where, text] of Object.entries({
      requests,
      outputs,
      summary: run.summary,
      stdout: run.stdout,
      stderr: run.stderr,
    })) {
      assert.ok(!text.includes(RARE_BUILD), `${where} names the rare build`);
      assert.ok(!text.includes('14.1-RELEASE'), `${where} names the rare build`);
      assert.ok(!text.includes('LicenseServerError'), `${where} names the rare exception class`);
    }
    // Its sessions are counted in a wider cell, and the summary says why a row reads "(other)".
    assert.match(run.summary, /Configurations seen on fewer than 5 installations are never named here/);
    assert.match(run.summary, /<td>freebsd<\/td><td>\(other\)<\/td><td>2\.4\.0<\/td><td align="right">90<\/td>/);
    // The dashboard does not show OS versions: every FreeBSD session is in its row.
    const dashboard = emulator.issues.find((issue) => issue.title.startsWith('Crash report'))!.body ?? '';
    assert.match(dashboard, /^\| version \\ OS \| darwin \| freebsd \| linux \| windows \|$/m);
    assert.match(dashboard, /^\| 2\.4\.0 \| [^|]+ \| 23\.3% of 90 \| /m);
    // 🔴 marks what a problem covers: Windows, not FreeBSD's high but unspread rate.
    // 🔴 cells link the issue of the problem that covers them.
    assert.match(dashboard, /^\| 2\.4\.0 \|.* \| 🔴 32\.7% of 300 \[#\d+\]\(https?:\/\/[^)]+\/issues\/\d+\) \|$/m);
    // The JSON report, which stays on the runner, keeps the configuration with its own figures.
    const kept = run.report?.['recoded'].cells.find((cell: { fields: { value: string }[] }) =>
      cell.fields.some((field) => field.value === RARE_BUILD),
    );
    assert.equal(kept.sessions, 30);
    assert.equal(kept.installs, 3);
    assert.deepEqual(run.report?.['recoded']['kindNames'], ['acme.LicenseServerError']);
  } finally {
    await emulator.close();
  }
});
