// 120 daily runs with a 7-day window over a population moving through six
// releases (one broken, the next fixing it), artifacts expiring after 90 days:
// the history keeps every day, release health judges the broken release worse
// than its predecessor at the same age and the fix better, and the same days
// through two shards and a merge, or against the GitHub emulator, give the same
// history and the same release health.

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createGitHubClient } from '../../src/github-client.ts';
import { decodeHistory, historyFields } from '../../src/history/history.ts';
import { withPartialFile } from '../../src/partial/partial-files.ts';
import { partialFiles } from '../../src/partial/partial-files.ts';
import { REPORT_MARKER } from '../../src/report/usage-report.ts';
import { createIssueRenderer } from '../../src/render/issue-templates.ts';
import { readTemplates } from '../../src/run/template-files.ts';
import { runPartial } from '../../src/run/partial-run.ts';
import { runTriage } from '../../src/run/triage.ts';
import { parseSettings } from '../../src/settings.ts';
import { createPathSource } from '../../src/sources/path-source.ts';
import { createGitHubTracker } from '../../src/trackers/github-tracker.ts';
import type { IssueTracker } from '../../src/trackers/issue-tracker.ts';
import { createLocalTracker } from '../../src/trackers/local-tracker.ts';
import { startEmulator } from '../emulator/github-emulator.ts';
import type { GitHubEmulator } from '../emulator/github-emulator.ts';
import { DAY, HISTORY_DAYS, HISTORY_START, releaseHistory } from '../fixtures/release-history.ts';

const days = releaseHistory();
/** Every run but the first (which starts the history, and says so) warns of nothing. */
const quiet = {
  info: () => {},
  warning: (message: string) =>
    assert.match(message, /^No history at .* yet: release health starts from this run's window\.$/),
};
const emulators: GitHubEmulator[] = [];
after(async () => {
  for (const emulator of emulators) await emulator.close();
});

interface Outcome {
  dashboard: string;
  history: string;
  problems: { title: string; body: string }[];
}

/** Runs every day, each reading the daily files of its 7-day window (files past 90 days are gone). */
async function simulate(options: { sharded?: boolean; tracker?: () => Promise<IssueTracker> } = {}): Promise<Outcome> {
  const dir = await mkdtemp(join(tmpdir(), 'cra-history-'));
  await mkdir(join(dir, 'artifacts'));
  const inputs: Record<string, string> = { path: 'unused', 'lookback-days': '7', 'report-issue': 'true' };
  const settings = parseSettings((name) => inputs[name] ?? '');
  const templates = await readTemplates(settings, process.cwd());
  const renderer = createIssueRenderer(templates.title, templates.body);
  const tracker = options.tracker ? await options.tracker() : createLocalTracker(join(dir, 'store'));
  const historyPath = join(dir, 'history.json');
  for (let day = 0; day < HISTORY_DAYS; day += 1) {
    await writeFile(
      join(dir, 'artifacts', `day-${day}.jsonl`),
      days[day]!.map((row) => JSON.stringify(row)).join('\n') + '\n',
    );
    if (day >= 90) await rm(join(dir, 'artifacts', `day-${day - 90}.jsonl`));
    const now = new Date(HISTORY_START + (day + 1) * DAY - 60_000);
    const files = Array.from({ length: 8 }, (_, back) => day - back)
      .filter((each) => each >= 0 && each > day - 90)
      .map((each) => `artifacts/day-${each}.jsonl`);
    const sources = () => [createPathSource(files, dir)];
    if (!options.sharded) {
      await runTriage(settings, { sources: sources(), tracker, renderer, now, log: quiet, historyPath });
      continue;
    }
    const paths: string[] = [];
    for (const index of [1, 2]) {
      const shardSettings = parseSettings((name) => ({ ...inputs, mode: 'partial', shard: `${index}/2` })[name] ?? '');
      const path = join(dir, `partial-${index}.ndjson`);
      await withPartialFile(path, (emit) => runPartial(shardSettings, { sources: sources(), now, log: quiet, emit }));
      paths.push(path);
    }
    const mergeSettings = parseSettings(
      (name) =>
        ({ 'lookback-days': '7', 'report-issue': 'true', mode: 'merge', partials: paths.join('\n') })[name] ?? '',
    );
    await runTriage(mergeSettings, {
      sources: [],
      partials: await partialFiles(paths, dir),
      tracker,
      renderer,
      now,
      log: quiet,
      historyPath,
    });
  }
  const issues = await tracker.listIssues(settings.labels[0]!);
  const dashboard = issues.find((issue) => issue.body.includes(REPORT_MARKER))!.body;
  return {
    dashboard,
    history: await readFile(historyPath, 'utf8'),
    problems: issues.filter((issue) => !issue.body.includes(REPORT_MARKER)),
  };
}

/** The dashboard's release health section. */
const healthOf = (dashboard: string) =>
  dashboard.slice(dashboard.indexOf('### Release health'), dashboard.indexOf('### Trend'));

let full: Outcome;

test('120 daily runs: every day kept, 12 weekly points per version in use, the broken release worse than the one before at the same age, the fix better', async () => {
  full = await simulate();
  const history = decodeHistory(full.history, historyFields(['os.platform', 'app.version']));
  assert.ok(!('problem' in history));
  assert.equal(
    history.days.size,
    HISTORY_DAYS,
    'every day of the 120, though artifacts lived 90 days and the window 7',
  );
  // The history holds each day's sessions exactly: not one counted twice by the overlapping windows.
  for (const [day, figures] of history.days) assert.equal(figures.sessions, days[day - HISTORY_START / DAY]!.length);

  const health = healthOf(full.dashboard);
  const rows = [...health.matchAll(/^\| (1\.\d\.0) \| (2026-\d\d-\d\d) \|/gm)].map(
    (match) => `${match[1]} ${match[2]}`,
  );
  // 1.2.0 still has laggards within the last 28 days.
  assert.deepEqual(rows, ['1.5.0 2026-09-14', '1.4.0 2026-08-24', '1.3.0 2026-08-03', '1.2.0 2026-07-13']);
  const verdict = (version: string) =>
    new RegExp(`^- \\*\\*${version.replace(/\./g, '\\.')}\\*\\*: (.*)\\.$`, 'm').exec(health)![1]!;
  assert.match(
    verdict('1.4.0'),
    /^🔴 worse than 1\.3\.0 over its first 36 days: \d+\.\d+% against \d\.\d+% of sessions errored/,
  );
  assert.match(verdict('1.5.0'), /^🟢 better than 1\.4\.0 over its first 15 days/);
  assert.match(verdict('1.3.0'), /^no clear difference from 1\.2\.0 over its first 57 days/);
  // The fix is back to normal: its interval holds the 2% every sound release has.
  const fixed = /^\| 1\.5\.0 \|(?:[^|]*\|){5} (\d+\.\d+)%<br><sub>(\d+\.\d+)%–(\d+\.\d+)%<\/sub> \|$/m.exec(health)!;
  assert.ok(fixed, health);
  assert.ok(Number(fixed[2]) <= 2 && Number(fixed[3]) >= 2, fixed[0]);

  // Twelve weekly points per version in use: in the adoption chart and in each weekly table.
  const chart = /```mermaid\n([\s\S]*?)```/.exec(health)![1]!;
  assert.equal([.../x-axis \[(.*)\]/.exec(chart)![1]!.matchAll(/"/g)].length / 2, 12);
  const lines = [...chart.matchAll(/line \[(.*)\]/g)].map((match) => match[1]!.split(', ').map(Number));
  assert.equal(lines.length, 5, 'the four newest versions and the rest');
  for (const line of lines) assert.equal(line.length, 12);
  // Shares add up to the whole week, to rounding.
  for (let week = 0; week < 12; week += 1)
    assert.ok(Math.abs(lines.reduce((sum, line) => sum + line[week]!, 0) - 100) < 0.5, `week ${week}`);
  // 1.5.0 came out 15 days before the end: no share before its week.
  assert.deepEqual(lines[0]!.slice(0, 9), [0, 0, 0, 0, 0, 0, 0, 0, 0]);
  for (const table of ['Errored-session rate by week', 'Share of installations by week']) {
    const section = health.slice(health.indexOf(table));
    assert.match(section, /^\| week of \| 1\.5\.0 \| 1\.4\.0 \| 1\.3\.0 \| 1\.2\.0 \| older and other \|$/m, table);
    const weeks = [...section.matchAll(/^\| (2026-\d\d-\d\d) \|((?: [^|]+ \|){5})$/gm)].slice(0, 12);
    assert.equal(weeks.length, 12, table);
    assert.equal(weeks.at(-1)![1], '2026-09-22');
  }
});

test('the broken release\'s issue remembers: its last 12 weeks from the history, and "fixed in 1.5.0" once the history shows it', () => {
  const issue = full.problems.find((candidate) => /app\.version 1\.4\.0/.test(candidate.title));
  assert.ok(issue, full.problems.map((candidate) => candidate.title).join('; '));
  assert.match(issue.body, /### The last 12 weeks\n\nFrom the history kept across runs, since 2026-06-01\./);
  const past = issue.body.slice(issue.body.indexOf('### The last 12 weeks'));
  const chart = /```mermaid\n([\s\S]*?)```/.exec(past)![1]!;
  assert.match(chart, /title "Errored-session rate per week \(%\)"/);
  // Weekly over 12 weeks: no bar before 1.4.0 came out (week 7 of 12), the line of all other sessions throughout.
  const bars = /bar \[(.*)\]/.exec(chart)![1]!.split(', ').map(Number);
  assert.equal(bars.length, 12);
  assert.ok(
    bars.slice(0, 6).every((bar) => bar < 0),
    bars.join(' '),
  );
  assert.ok(
    bars.slice(8).every((bar) => bar >= 8 && bar <= 20),
    bars.join(' '),
  );
  assert.match(
    issue.body,
    /^- Fixed in 1\.5\.0: \d\.\d+% of [\d,]+ sessions errored there since it came out, significantly fewer than here\.$/m,
  );
});

test('the same 120 days through two shards and a merge each day give the same history and the same release health', async () => {
  const sharded = await simulate({ sharded: true });
  assert.equal(sharded.history, full.history);
  assert.equal(healthOf(sharded.dashboard), healthOf(full.dashboard));
});

test('the same 120 days filing into the GitHub emulator give the same release health on the dashboard issue', async () => {
  const emulator = await startEmulator();
  emulators.push(emulator);
  const viaGitHub = await simulate({
    tracker: async () => {
      const { client } = createGitHubClient({
        token: emulator.token,
        baseUrl: emulator.apiUrl,
        warn: () => {},
        writeSpacingMs: 0,
      });
      return createGitHubTracker(client, { owner: emulator.owner, repo: emulator.repo });
    },
  });
  assert.equal(viaGitHub.history, full.history);
  assert.equal(healthOf(viaGitHub.dashboard), healthOf(full.dashboard));
});
