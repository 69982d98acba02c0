// Scenario tests: the bundled action against the GitHub emulator, as the runner runs it.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import type { SessionSummary } from '../../src/records/session-summary.ts';
import { startEmulator } from '../emulator/github-emulator.ts';
import type { GitHubEmulator } from '../emulator/github-emulator.ts';
import { demoProfiles, generateSummaries } from '../fixtures/synthetic-summaries.ts';
import { runAction } from './run-action.ts';

const DAY = 86_400_000;

function zipOf(files: Record<string, unknown[] | string>): Uint8Array {
  return zipSync(
    Object.fromEntries(
      Object.entries(files).map(([name, rows]) => [
        name,
        strToU8(typeof rows === 'string' ? rows : rows.map((row) => JSON.stringify(row)).join('\n') + '\n'),
      ]),
    ),
  );
}

function errored(summary: SessionSummary): boolean {
  return summary.error_lines > 0 || (summary.outcome !== undefined && summary.outcome !== 'ok');
}

/** Expected figures, counted here independently of the engine. */
/** The groups the action may publish: configurations on fewer than five installations go to one "(other)" row. */
function expectedGroups(summaries: SessionSummary[]) {
  const raw = new Map<string, { sessions: number; errored: number; installs: Set<string> }>();
  for (const summary of summaries) {
    const key = `${summary.os.platform}|${summary.app.version}`;
    const group = raw.get(key) ?? { sessions: 0, errored: 0, installs: new Set<string>() };
    group.sessions += 1;
    if (errored(summary)) group.errored += 1;
    group.installs.add(summary.install_id!);
    raw.set(key, group);
  }
  const groups = new Map<string, { sessions: number; errored: number }>();
  const other = { sessions: 0, errored: 0, installs: new Set<string>() };
  for (const [key, group] of raw) {
    if (group.installs.size >= 5) groups.set(key, { sessions: group.sessions, errored: group.errored });
    else {
      other.sessions += group.sessions;
      other.errored += group.errored;
      for (const id of group.installs) other.installs.add(id);
    }
  }
  // The fixture's rare configurations reach five installations together, so no other row joins them.
  assert.ok(other.installs.size >= 5, `the rare configurations have ${other.installs.size} installations`);
  groups.set('(other)|(other)', { sessions: other.sessions, errored: other.errored });
  const flagged = [...groups]
    .filter(
      ([key, group]) => key !== '(other)|(other)' && group.sessions >= 10 && group.errored / group.sessions >= 0.05,
    )
    .map(([key]) => key);
  return { groups, flagged };
}

/** Seeds one artifact per platform and workflow run, plus artifacts the action must skip. */
function seedArtifacts(emulator: GitHubEmulator, summaries: SessionSummary[], firstRunId: number): void {
  const byPlatform = new Map<string, SessionSummary[]>();
  for (const summary of summaries) {
    const list = byPlatform.get(summary.os.platform) ?? [];
    list.push(summary);
    byPlatform.set(summary.os.platform, list);
  }
  let runId = firstRunId;
  for (const [platform, list] of byPlatform) {
    // Three runs per platform, so issues can link the runs that carried errors.
    for (let part = 0; part < 3; part += 1) {
      const rows = list.filter((_, index) => index % 3 === part);
      if (rows.length === 0) continue;
      emulator.addArtifact({
        name: `session-summaries-${platform}-${part}`,
        zip: zipOf({ 'summaries.jsonl': rows }),
        createdAt: new Date(Date.now() - DAY),
        run: { id: runId++, branch: 'main' },
      });
    }
  }
}

const runner = (emulator: GitHubEmulator) => ({
  apiUrl: emulator.apiUrl,
  token: emulator.token,
  repository: `${emulator.owner}/${emulator.repo}`,
});

describe('the bundled action against the GitHub emulator', () => {
  let emulator: GitHubEmulator;
  const now = new Date();
  const summaries = generateSummaries({ seed: 7, appName: 'octo-cli', end: now, days: 5, profiles: demoProfiles() });
  const expected = expectedGroups(summaries);

  before(async () => {
    emulator = await startEmulator();
    seedArtifacts(emulator, summaries, 9000);
    // Artifacts that must not be read: another name, an expired one, one older than the window.
    emulator.addArtifact({ name: 'coverage-report', zip: zipOf({ 'x.json': [summaries[0]] }), run: { id: 8000 } });
    emulator.addArtifact({
      name: 'session-summaries-old',
      zip: zipOf({ 'x.jsonl': summaries.slice(0, 5) }),
      expired: true,
      run: { id: 8001 },
    });
    emulator.addArtifact({
      name: 'session-summaries-stale',
      zip: zipOf({ 'x.jsonl': summaries.slice(0, 5) }),
      createdAt: new Date(Date.now() - 30 * DAY),
      run: { id: 8002 },
    });
  });
  after(() => emulator.close());

  test('the planted bad group is the only one filed, with exact counts', async () => {
    assert.deepEqual(expected.flagged, ['windows|2.4.0'], 'the fixture plants exactly one bad group');
    const run = await runAction({ 'artifact-name': 'session-summaries-*' }, runner(emulator));
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(run.outputs['sessions'], String(summaries.length));
    assert.equal(run.outputs['rejected'], '0');
    assert.equal(run.outputs['groups'], String(expected.groups.size));
    assert.equal(run.outputs['flagged'], '1');
    assert.equal(run.outputs['created'], '1');
    assert.equal(run.outputs['updated'], '0');

    assert.equal(emulator.issues.length, 1);
    const issue = emulator.issues[0]!;
    const windows = expected.groups.get('windows|2.4.0')!;
    assert.equal(issue.title, 'High error rate: os.platform windows, app.version 2.4.0');
    assert.match(issue.body ?? '', new RegExp(`\\| Sessions \\| ${windows.sessions} \\|`));
    assert.match(issue.body ?? '', new RegExp(`\\| Errored sessions \\| ${windows.errored} \\|`));
    assert.match(issue.body ?? '', /<!-- crash-report-aggregator:fingerprint=[0-9a-f]{16} -->/);
    assert.match(issue.body ?? '', /\[#9\d{3}\]\(https:\/\/github\.com\/octo-org\/octo-cli\/actions\/runs\/9\d{3}\)/);
    assert.deepEqual(
      issue.labels.map((label) => (typeof label === 'string' ? label : label.name)),
      ['crash-report'],
    );
    assert.ok(
      emulator.labels.some((label) => label.name === 'crash-report' && label.color === 'b60205'),
      'the label was created',
    );

    // Skipped artifacts were never downloaded; read ones were fetched without the token.
    const downloads = emulator.requests.filter((request) => request.host === 'blob');
    assert.equal(
      downloads.length,
      emulator.artifacts.filter((artifact) => artifact.name.startsWith('session-summaries-') && !artifact.expired)
        .length - 1,
    );
    assert.ok(downloads.every((request) => request.authorization === null));
    assert.equal(run.report?.['intake']['skipped']['artifact-expired'], 1);
    assert.equal(run.report?.['intake']['skipped']['artifact-outside-window'], 1);

    // The job summary lists every group and links the new issue.
    assert.match(run.summary, /Crash report triage/);
    const tableWith = (header: string) =>
      run.summary
        .split('<table>')
        .find((part) => part.includes(`>${header}</th>`))!
        .split('</table>')[0]!;
    assert.equal((tableWith('all other sessions').match(/<tr>/g) ?? []).length, expected.groups.size + 1);
    // One problem, above the groups, with its issue; the covered configuration names it.
    assert.ok(run.summary.indexOf('<h3>Problems</h3>') < run.summary.indexOf('>all other sessions</th>'));
    assert.match(
      tableWith('all other sessions'),
      /<td>🔴 <a href="https:\/\/github\.com\/octo-org\/octo-cli\/issues\/1">#1<\/a><\/td>/,
    );
    assert.equal((tableWith('installations affected').match(/<tr>/g) ?? []).length, 2);
    assert.match(tableWith('installations affected'), /<td>os\.platform windows, app\.version 2\.4\.0<\/td>/);
    assert.match(run.summary, /<a href="https:\/\/github\.com\/octo-org\/octo-cli\/issues\/1">#1<\/a>/);
    assert.match(run.summary, /GitHub REST requests: \d+ reads, 2 writes/);
  });

  test('a second run over the same data makes zero writes', async () => {
    const before = emulator.writes().length;
    const run = await runAction({ 'artifact-name': 'session-summaries-*' }, runner(emulator));
    assert.equal(run.code, 0, run.stderr);
    assert.equal(emulator.writes().length, before);
    assert.equal(run.outputs['created'], '0');
    assert.equal(run.outputs['updated'], '0');
    assert.equal(run.report?.['totals']['unchanged'], 1);
  });

  test('new data updates the existing issue instead of opening another', async () => {
    const extra = generateSummaries({
      seed: 8,
      appName: 'octo-cli',
      end: now,
      days: 2,
      profiles: [
        {
          platform: 'windows',
          arch: 'x64',
          appVersion: '2.4.0',
          runtime: { name: 'python', version: '3.12.1' },
          sessions: 20,
          errorRate: 0.9,
        },
      ],
    });
    emulator.addArtifact({
      name: 'session-summaries-windows-late',
      zip: zipOf({ 'late.ndjson': extra }),
      run: { id: 9500, branch: 'release/2.4' },
    });
    const before = emulator.issues[0]!.body;
    const run = await runAction({ 'artifact-name': 'session-summaries-*' }, runner(emulator));
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.outputs['sessions'], String(summaries.length + extra.length));
    assert.equal(run.outputs['created'], '0');
    assert.equal(run.outputs['updated'], '1');
    assert.equal(emulator.issues.length, 1);
    assert.notEqual(emulator.issues[0]!.body, before);
    const windows = expected.groups.get('windows|2.4.0')!;
    const extraErrored = extra.filter(errored).length;
    assert.match(emulator.issues[0]!.body ?? '', new RegExp(`\\| Sessions \\| ${windows.sessions + extra.length} \\|`));
    assert.match(
      emulator.issues[0]!.body ?? '',
      new RegExp(`\\| Errored sessions \\| ${windows.errored + extraErrored} \\|`),
    );
    assert.match(emulator.issues[0]!.body ?? '', /\[#9500\]\([^)]*\/runs\/9500\) \| release\/2\.4 \|/);
  });
});

describe('dry run', () => {
  test('computes everything and writes nothing', async () => {
    const emulator = await startEmulator();
    try {
      const summaries = generateSummaries({
        seed: 11,
        appName: 'octo-cli',
        end: new Date(),
        days: 3,
        profiles: demoProfiles(),
      });
      seedArtifacts(emulator, summaries, 100);
      const run = await runAction({ 'artifact-name': 'session-summaries-*', 'dry-run': 'true' }, runner(emulator));
      assert.equal(run.code, 0, run.stderr);
      assert.equal(emulator.writes().length, 0);
      assert.equal(emulator.issues.length, 0);
      assert.equal(run.outputs['flagged'], '1');
      assert.equal(run.outputs['created'], '0');
      assert.match(
        run.stdout,
        /\[dry-run\] would open an issue: High error rate: os\.platform windows, app\.version 2\.4\.0/,
      );
      assert.match(run.summary, /Dry run:/);
      assert.match(run.summary, /would be opened/);
    } finally {
      await emulator.close();
    }
  });
});

describe('an artifact mixing valid, invalid and duplicate records', () => {
  test('counts each kind exactly and keeps the good data', async () => {
    const emulator = await startEmulator();
    try {
      const good = generateSummaries({
        seed: 3,
        appName: 'octo-cli',
        end: new Date(),
        days: 2,
        profiles: [
          {
            platform: 'linux',
            arch: 'x64',
            appVersion: '1.0.0',
            runtime: { name: 'python', version: '3.11.7' },
            sessions: 30,
            errorRate: 0.5,
          },
        ],
      });
      const invalid = [
        '{"schema_version":1,',
        JSON.stringify({ ...good[0], session_id: 'not-a-uuid' }),
        JSON.stringify({ ...good[1], os: { platform: 'linux', arch: 'sparc' } }),
        JSON.stringify({ ...good[2], email: 'someone@example.com' }),
        JSON.stringify([1, 2]),
      ];
      const lines = [
        ...good.map((row) => JSON.stringify(row)),
        ...invalid,
        JSON.stringify(good[5]),
        JSON.stringify(good[6]),
      ];
      emulator.addArtifact({
        name: 'session-summaries-mixed',
        zip: zipOf({ 'mixed.jsonl': lines.join('\n'), 'again.json': [good[7]] }),
        run: { id: 1 },
      });
      const run = await runAction({ 'artifact-name': 'session-summaries-*' }, runner(emulator));
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.outputs['sessions'], '30');
      assert.equal(run.outputs['rejected'], '5');
      assert.equal(run.report?.['intake']['duplicates'], 3);
      assert.deepEqual(run.report?.['intake']['rejectedReasons'], {
        'invalid-json': 1,
        'schema:/session_id:minLength': 1,
        'schema:/os/arch:enum': 1,
        privacy: 1,
        'not-an-object': 1,
      });
      assert.deepEqual(run.report?.['intake']['privacy'], { '/* email': 1 });
      // No rejected value reaches the log, the summary or the issue.
      for (const text of [run.stdout, run.stderr, run.summary, JSON.stringify(emulator.issues)]) {
        assert.doesNotMatch(text, /someone@example\.com|not-a-uuid|sparc/);
      }
    } finally {
      await emulator.close();
    }
  });
});

describe('inputs', () => {
  test('a bad value fails at start, naming the input and the accepted form', async () => {
    const emulator = await startEmulator();
    try {
      const run = await runAction({ 'artifact-name': 'x', 'min-sessions': 'ten' }, runner(emulator));
      assert.equal(run.code, 1);
      assert.match(
        run.stdout,
        /::error::Input "min-sessions" is "ten", not a whole number\. Accepted: an integer from 1 to/,
      );
      assert.equal(emulator.requests.length, 0);
    } finally {
      await emulator.close();
    }
  });

  test('a token without actions: read fails with the missing permission named', async () => {
    const emulator = await startEmulator();
    try {
      emulator.faults.push({ method: 'GET', path: /\/actions\/artifacts$/, status: 403, times: 1 });
      const run = await runAction({ 'artifact-name': 'session-summaries-*' }, runner(emulator));
      assert.equal(run.code, 1);
      assert.match(
        run.stdout,
        /::error::Listing artifacts of octo-org\/octo-cli was refused \(HTTP 403\)\. The token needs the "actions: read" permission/,
      );
    } finally {
      await emulator.close();
    }
  });
});
