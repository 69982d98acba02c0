// A whole run over PII-laden artifacts: no private value reaches GitHub, the job
// summary, the outputs, the report or the log.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { startEmulator } from '../emulator/github-emulator.ts';
import { demoProfiles, generateSummaries } from '../fixtures/synthetic-summaries.ts';
import { runAction } from './run-action.ts';

const SECRETS = [
  'jane.doe@example.org',
  '192.168.10.4',
  'fe80::1ff:fe23:4567:890a',
  'https://deploy:hunter2@git.example.com',
  'ghp_0123456789abcdefghijABCDEFGHIJ012345',
  'github_pat_11ABCDEFG0123456789_abcdefghijklmnop',
  'AKIAIOSFODNN7EXAMPLE',
  'xoxb-123456789012-abcdefghijkl',
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjg',
  'Bearer abcdef0123456789',
  '-----BEGIN RSA PRIVATE KEY-----',
  '/home/alice',
  'C:\\Users\\bob',
];

// Credentials of vendors the guard has no named rule for, as a producer bug writes them on every installation.
const REPEATED = [
  'sk_live_51HqLyjWDarjtT1zdp7dc4eC39HqLy',
  'npm_0a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R',
  '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',
  'Zx8Kq2Lm9Np4Rt7Vw1Yb5Cd3Fg6Hj0Ks',
];

test('private values in artifacts never leave the run', async () => {
  const emulator = await startEmulator();
  try {
    const good = generateSummaries({
      seed: 31,
      appName: 'octo-cli',
      end: new Date(),
      days: 3,
      profiles: demoProfiles(),
    });
    // The bad windows group gets PII in every place a producer could put it.
    const base = good.find((summary) => summary.os.platform === 'windows' && summary.app.version === '2.4.0')!;
    const laden = SECRETS.flatMap((secret, index) => {
      const id = (n: number) => `9e0c7a1e-0000-4000-8000-${String(index * 10 + n).padStart(12, '0')}`;
      return [
        { ...base, session_id: id(1), note: secret },
        { ...base, session_id: id(2), os: { ...base.os, version: secret } },
        { ...base, session_id: id(3), app: { name: secret, version: '2.4.0' } },
        { ...base, session_id: id(4), error_kinds: { [secret]: 1 } },
        { ...base, session_id: id(5), [secret]: 'x' },
      ];
    });
    const repeated = REPEATED.flatMap((secret, index) =>
      Array.from({ length: 30 }, (_, n) => {
        const install = `7b0c7a1e-0000-4000-8000-${String(index * 100 + n).padStart(12, '0')}`;
        const id = (k: number) => `8e0c7a1e-0000-4000-8000-${String(index * 1000 + n * 2 + k).padStart(12, '0')}`;
        return [
          { ...base, session_id: id(0), install_id: install, app: { name: 'octo-cli', version: secret } },
          { ...base, session_id: id(1), install_id: install, error_kinds: { [secret]: 1 } },
        ];
      }).flat(),
    );
    laden.push(...repeated);
    emulator.addArtifact({
      name: 'session-summaries-all',
      zip: zipSync({
        'good.jsonl': strToU8(good.map((row) => JSON.stringify(row)).join('\n')),
        'bad.jsonl': strToU8(laden.map((row) => JSON.stringify(row)).join('\n')),
      }),
      run: { id: 42 },
    });
    const run = await runAction(
      { 'artifact-name': 'session-summaries-*' },
      { apiUrl: emulator.apiUrl, token: emulator.token, repository: `${emulator.owner}/${emulator.repo}` },
    );
    assert.equal(run.code, 0, run.stdout);
    assert.equal(run.outputs['sessions'], String(good.length));
    assert.equal(run.outputs['rejected'], String(laden.length));
    assert.equal(run.outputs['created'], '1');
    assert.ok(
      Number(run.report?.['intake']['rejectedReasons']['privacy']) >= SECRETS.length * 4 + REPEATED.length * 60,
    );
    for (const rule of ['vendor-token', 'random-token'])
      assert.ok(
        Object.keys(run.report?.['intake']['privacy']).some((finding) => finding.endsWith(rule)),
        rule,
      );

    const everything = [...SECRETS, ...REPEATED];
    const places: [string, string][] = [
      ['request bodies', emulator.requests.map((request) => request.body).join('\n')],
      ['issues', JSON.stringify(emulator.issues)],
      ['job summary', run.summary],
      ['outputs', JSON.stringify(run.outputs)],
      ['report', await readFile(run.outputs['report-path']!, 'utf8')],
      ['log', run.stdout + run.stderr],
    ];
    for (const [place, text] of places) {
      for (const secret of everything)
        assert.ok(
          !text.includes(secret) && !text.includes(JSON.stringify(secret).slice(1, -1)),
          `${secret} reached the ${place}`,
        );
    }
  } finally {
    await emulator.close();
  }
});
