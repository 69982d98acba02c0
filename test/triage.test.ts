// Scenario over several days of runs with an injected clock and the local tracker.

import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createIssueRenderer } from '../src/render/issue-templates.ts';
import { readTemplates } from '../src/run/template-files.ts';
import { workerPlan } from '../src/run/read-inputs.ts';
import { runTriage } from '../src/run/triage.ts';
import { parseSettings } from '../src/settings.ts';
import type { Source } from '../src/sources/source.ts';
import { createLocalTracker } from '../src/trackers/local-tracker.ts';
import { generateSummaries } from './fixtures/synthetic-summaries.ts';
import type { Profile } from './fixtures/synthetic-summaries.ts';

const DAY = 86_400_000;
const runtime = { name: 'python', version: '3.12.1' };
const healthy: Profile = { platform: 'linux', arch: 'x64', appVersion: '3.0.0', runtime, sessions: 40, errorRate: 0 };
// Six installations: a configuration on fewer than five (min-published-installations) is never named.
const failing: Profile = {
  platform: 'darwin',
  arch: 'arm64',
  appVersion: '3.0.0',
  runtime,
  sessions: 12,
  errorRate: 1,
  installs: 6,
};

function daySource(day: number, start: Date, profiles: Profile[]): Source {
  const end = new Date(start.getTime() + (day + 1) * DAY);
  const rows = generateSummaries({ seed: 100 + day, appName: 'octo-cli', end, days: 1, profiles });
  return {
    describe: () => `day ${day}`,
    read: async function* () {
      yield {
        kind: 'item',
        origin: `day-${day}.jsonl`,
        name: `day-${day}.jsonl`,
        bytes: new TextEncoder().encode(rows.map((row) => JSON.stringify(row)).join('\n')),
        run: null,
      };
    },
  };
}

test('ten days of daily runs: filed when the problem starts, updated while it grows, quiet once it leaves the window', async () => {
  const store = await mkdtemp(join(tmpdir(), 'cra-scenario-'));
  const settings = parseSettings((name) => ({ path: 'unused', 'lookback-days': '3' })[name] ?? '');
  const templates = await readTemplates(settings, process.cwd());
  const renderer = createIssueRenderer(templates.title, templates.body);
  const tracker = createLocalTracker(store);
  const start = new Date('2026-02-01T00:00:00Z');
  const sources: Source[] = [];
  const history: string[] = [];
  for (let day = 0; day < 10; day += 1) {
    // The darwin problem exists on days 2 to 4 only.
    sources.push(daySource(day, start, day >= 2 && day <= 4 ? [healthy, failing] : [healthy]));
    const report = await runTriage(settings, {
      sources,
      tracker,
      renderer,
      now: new Date(start.getTime() + (day + 1) * DAY),
      log: { info: () => {}, warning: () => {} },
    });
    const { created, updated, unchanged } = report.totals;
    history.push(`${day}:${report.totals.sessions}/${report.totals.flagged}/${created}${updated}${unchanged}`);
  }
  // Sessions in a 3-day window; flagged groups; created/updated/unchanged.
  assert.deepEqual(history, [
    '0:40/0/000',
    '1:80/0/000',
    '2:132/1/100',
    '3:144/1/010',
    '4:156/1/010',
    '5:144/1/010',
    '6:132/1/010',
    '7:120/0/000',
    '8:120/0/000',
    '9:120/0/000',
  ]);
  const issues = await tracker.listIssues('crash-report');
  assert.equal(issues.length, 1);
  assert.match(issues[0]!.body, /\*\*100\.0% of this problem's sessions errored\*\* in the last 3 days/);
  assert.match(issues[0]!.body, /\| Errored sessions \| 12 \| 0 \|/);
  assert.match(await readFile(join(store, 'issue-0001.md'), 'utf8'), /os\.platform darwin, app\.version 3\.0\.0/);
});

test('an open issue of a group that is no longer flagged is still brought up to date', async () => {
  const store = await mkdtemp(join(tmpdir(), 'cra-scenario-'));
  const settings = parseSettings(
    (name) => ({ path: 'unused', 'lookback-days': '2', 'close-after-days': '0' })[name] ?? '',
  );
  const templates = await readTemplates(settings, process.cwd());
  const renderer = createIssueRenderer(templates.title, templates.body);
  const tracker = createLocalTracker(store);
  const start = new Date('2026-03-01T00:00:00Z');
  const recovered: Profile = { ...failing, sessions: 60, errorRate: 0 };
  const run = (day: number, sources: Source[]) =>
    runTriage(settings, {
      sources,
      tracker,
      renderer,
      now: new Date(start.getTime() + (day + 1) * DAY),
      log: { info: () => {}, warning: () => {} },
    });
  const first = await run(0, [daySource(0, start, [healthy, failing])]);
  assert.equal(first.totals.created, 1);
  // Two days later only healthy darwin sessions are in the window: no group is flagged at all.
  const later = await run(2, [daySource(2, start, [healthy, recovered])]);
  assert.equal(later.totals.flagged, 0);
  assert.equal(later.totals.updated, 1);
  const [issue] = await tracker.listIssues('crash-report');
  assert.match(
    issue!.body,
    /\*\*Not found in the latest run\*\* \(not significantly worse than the other sessions\)\. In the last 2 days 0\.0% of its sessions errored/,
  );
  assert.match(issue!.body, /\| Sessions \| 60 \| 40 \|/);
});

test('workers counts the threads that share the reading, the main thread among them: auto leaves it a core', () => {
  const url = new URL('file:///intake-worker.js');
  const plan = (workers: string, cores: number) =>
    workerPlan(
      parseSettings((name) => ({ path: 'unused', workers })[name] ?? ''),
      cores,
      url,
    ).count;
  assert.equal(plan('1', 8), 0);
  assert.equal(plan('2', 8), 1);
  assert.equal(plan('64', 2), 63);
  assert.equal(plan('auto', 2), 1);
  assert.equal(plan('auto', 16), 15);
  assert.equal(plan('auto', 1), 0);
});
