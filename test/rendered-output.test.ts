// What a maintainer reads, checked rather than hoped: every Mermaid block the
// product can write (issues, dashboard, job summary; short and long windows;
// empty and full data) parses with the real Mermaid library at GitHub's major
// version, carries at most 16 x-axis labels, and no text holds `undefined`,
// `NaN`, `[object Object]` or a raw timestamp.

import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { JSDOM } from 'jsdom';
import { composeJobSummary } from '../src/report/job-summary.ts';
import type { SummaryWriter } from '../src/report/job-summary.ts';
import type { RunReport } from '../src/report/run-report.ts';
import { REPORT_MARKER } from '../src/report/usage-report.ts';
import { rateChart, sessionsChart } from '../src/render/charts.ts';
import { createIssueRenderer } from '../src/render/issue-templates.ts';
import { readTemplates } from '../src/run/template-files.ts';
import { bucketDaysFor, MAX_BUCKETS, trendOf } from '../src/history/trend.ts';
import { runTriage } from '../src/run/triage.ts';
import { parseSettings } from '../src/settings.ts';
import type { Source } from '../src/sources/source.ts';
import type { TrackedIssue } from '../src/trackers/issue-tracker.ts';
import { createLocalTracker } from '../src/trackers/local-tracker.ts';
import type { SessionSummary } from '../src/records/session-summary.ts';
import { longWindowSummaries, LONG_WINDOW_DAYS, LONG_WINDOW_END, tenReleases } from './fixtures/long-window.ts';
import { demoProfiles, generateSummaries } from './fixtures/synthetic-summaries.ts';

type Mermaid = { parse(text: string): Promise<unknown> };
let mermaid: Mermaid;

before(async () => {
  // mermaid.parse needs a DOM only for its sanitiser: jsdom is enough.
  const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
  Object.assign(globalThis, { window: dom.window, document: dom.window.document });
  mermaid = (await import('mermaid')).default as unknown as Mermaid;
});

function source(rows: readonly SessionSummary[]): Source {
  return {
    describe: () => 'rows',
    read: async function* () {
      yield {
        kind: 'item',
        origin: 'rows.jsonl',
        name: 'rows.jsonl',
        bytes: new TextEncoder().encode(rows.map((row) => JSON.stringify(row)).join('\n')),
        run: null,
      };
    },
  };
}

function capture(): SummaryWriter & { html: string } {
  const writer = {
    html: '',
    addHeading: (text: string, level: number | string = 1) => (
      (writer.html += `<h${level}>${text}</h${level}>\n`),
      writer
    ),
    addRaw: (text: string) => ((writer.html += text), writer),
    addTable: () => writer,
    addList: (items: string[]) => (
      (writer.html += `<ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul>\n`),
      writer
    ),
    write: async () => writer,
  };
  return writer;
}

interface Output {
  report: RunReport;
  issues: TrackedIssue[];
  summary: string;
}

async function triage(
  rows: readonly SessionSummary[],
  now: Date,
  lookbackDays: number,
  dryRun = false,
  inputs: Record<string, string> = {},
): Promise<Output> {
  const settings = parseSettings(
    (name) =>
      ({
        path: 'unused',
        'lookback-days': String(lookbackDays),
        'report-issue': 'true',
        'dry-run': String(dryRun),
        ...inputs,
      })[name] ?? '',
  );
  const templates = await readTemplates(settings, process.cwd());
  const tracker = createLocalTracker(await mkdtemp(join(tmpdir(), 'cra-rendered-')));
  const report = await runTriage(settings, {
    sources: [source(rows)],
    tracker,
    renderer: createIssueRenderer(templates.title, templates.body),
    now,
    log: { info: () => {}, warning: () => {} },
  });
  const summary = capture();
  composeJobSummary(report, summary);
  return { report, issues: await tracker.listIssues(settings.labels[0]!), summary: summary.html };
}

function mermaidBlocks(text: string): string[] {
  return [...text.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((match) => match[1]!);
}

function xLabels(block: string): number {
  const axis = /x-axis \[(.*)\]/.exec(block);
  return axis ? [...axis[1]!.matchAll(/"[^"]*"/g)].length : 0;
}

/** Every check of the issue's "done when", on one piece of public text. */
async function checkText(name: string, text: string): Promise<number> {
  assert.doesNotMatch(text, /undefined|NaN|\[object Object\]/, `${name} holds undefined, NaN or [object Object]`);
  assert.doesNotMatch(text, /\d{4}-\d\d-\d\dT\d\d:\d\d/, `${name} holds a raw timestamp`);
  const blocks = mermaidBlocks(text);
  for (const block of blocks) {
    await assert.doesNotReject(mermaid.parse(block), `${name}: a Mermaid block does not parse:\n${block}`);
    assert.ok(xLabels(block) <= MAX_BUCKETS, `${name}: ${xLabels(block)} x-axis labels`);
    const init = /^%%\{init: (.*)\}%%$/m.exec(block);
    assert.ok(init, `${name}: a chart without its init directive`);
    assert.doesNotThrow(() => JSON.parse(init[1]!), `${name}: the init directive is not JSON`);
  }
  return blocks.length;
}

const scenarios: {
  name: string;
  rows: () => SessionSummary[];
  now: Date;
  lookbackDays: number;
  inputs?: Record<string, string>;
}[] = [
  {
    name: 'sixty days with quiet days',
    rows: () => longWindowSummaries(),
    now: LONG_WINDOW_END,
    lookbackDays: LONG_WINDOW_DAYS,
  },
  {
    name: 'seven days',
    rows: () =>
      generateSummaries({
        seed: 3,
        appName: 'octo-cli',
        end: new Date('2026-11-21T00:00:00Z'),
        days: 7,
        profiles: demoProfiles(),
      }),
    now: new Date('2026-11-21T00:00:00Z'),
    lookbackDays: 7,
  },
  {
    name: 'one day, at noon',
    rows: () =>
      generateSummaries({
        seed: 4,
        appName: 'octo-cli',
        end: new Date('2026-11-21T12:00:00Z'),
        days: 0.4,
        profiles: demoProfiles(),
      }),
    now: new Date('2026-11-21T12:00:00Z'),
    lookbackDays: 1,
  },
  { name: 'a year', rows: () => longWindowSummaries(), now: LONG_WINDOW_END, lookbackDays: 365 },
  { name: 'no sessions', rows: () => [], now: LONG_WINDOW_END, lookbackDays: 30 },
  { name: 'ten releases over ten weeks', rows: tenReleases, now: new Date('2026-11-21T00:00:00Z'), lookbackDays: 70 },
  {
    name: 'exception classes as group-by',
    rows: () => longWindowSummaries(),
    now: LONG_WINDOW_END,
    lookbackDays: 21,
    inputs: { 'group-by': 'os.platform,app.version,error_kind' },
  },
];

for (const scenario of scenarios) {
  test(`every Mermaid block parses and reads cleanly: ${scenario.name}`, async () => {
    const { report, issues, summary } = await triage(
      scenario.rows(),
      scenario.now,
      scenario.lookbackDays,
      false,
      scenario.inputs,
    );
    let blocks = 0;
    for (const issue of issues) blocks += await checkText(`issue "${issue.title}"`, `${issue.title}\n${issue.body}`);
    blocks += await checkText('job summary', summary);
    const dashboard = issues.find((issue) => issue.body.includes(REPORT_MARKER));
    assert.ok(dashboard, 'the dashboard is written');
    assert.match(
      dashboard.body,
      new RegExp(
        `As of ${scenario.now.toISOString().slice(0, 10)}: sessions started from \\d{4}-\\d\\d-\\d\\d on \\(the last ${scenario.lookbackDays} days\\)\\.`,
      ),
    );
    // The job summary lists the dashboard with its action word.
    assert.match(summary, /\(Crash report: usage and errors\): dashboard written<\/li>/);
    if (report.totals.sessions > 0) assert.ok(blocks >= 3, `${blocks} charts`);
    else assert.equal(blocks, 0);
    // Every problem has its issue, and its charts compare it with all other sessions.
    assert.equal(issues.length, report.totals.problems + 1);
    for (const issue of issues.filter((each) => each !== dashboard))
      assert.match(issue.body, /Blue line: all other sessions/);
  });
}

test('ten releases: the dashboard lists versions newest first, in the version table and the rate table, and the broken cell links its issue', async () => {
  const { issues } = await triage(tenReleases(), new Date('2026-11-21T00:00:00Z'), 70);
  const problem = issues.find((issue) => issue.title.startsWith('High error rate'))!;
  assert.equal(problem.title, 'High error rate: os.platform darwin, app.version 2.9.0');
  const dashboard = issues.find((issue) => issue.body.includes(REPORT_MARKER))!.body;
  const versions = [...dashboard.matchAll(/^\| (2\.\d\.0) \| 180 \|/gm)].map((match) => match[1]);
  assert.deepEqual(versions, [
    '2.9.0',
    '2.8.0',
    '2.7.0',
    '2.6.0',
    '2.5.0',
    '2.4.0',
    '2.3.0',
    '2.2.0',
    '2.1.0',
    '2.0.0',
  ]);
  // The rate table: a row per version (newest first), a column per platform, the broken cell linking its issue.
  assert.match(dashboard, /^\| version \\ OS \| darwin \| linux \| windows \|$/m);
  const rows = [...dashboard.matchAll(/^\| (2\.\d\.0) \| [^|]* of 60[^|]* \|/gm)].map((match) => match[1]);
  assert.deepEqual(rows, ['2.9.0', '2.8.0', '2.7.0', '2.6.0', '2.5.0', '2.4.0', '2.3.0', '2.2.0', '2.1.0', '2.0.0']);
  assert.match(dashboard, new RegExp(`^\\| 2\\.9\\.0 \\| 🔴 \\d+\\.\\d% of 60 #${problem.number} \\| `, 'm'));
});

test('on sixty days the charts run week by week over the whole window, quiet days included, and compare with all other sessions', async () => {
  const { issues } = await triage(longWindowSummaries(), LONG_WINDOW_END, LONG_WINDOW_DAYS);
  const problem = issues.find((issue) => issue.title.startsWith('High error rate'))!;
  assert.equal(problem.title, 'High error rate: os.platform windows, app.version 2.5.0');
  const [rate, sessions] = mermaidBlocks(problem.body);
  // 60 days from 09-22 to 11-20: a short first bucket of 4 days, then eight whole weeks ending on the run's last day.
  const labels = ['09-22', '09-26', '10-03', '10-10', '10-17', '10-24', '10-31', '11-07', '11-14'];
  assert.match(rate!, new RegExp(`x-axis \\[${labels.map((label) => `"${label}"`).join(', ')}\\]`));
  // 2.5.0 came out 21 days before the end: no bar (a negative one) before, bars after; the line is every other session.
  const bars = /bar \[(.*)\]/.exec(rate!)![1]!.split(', ').map(Number);
  assert.deepEqual(
    bars.map((bar) => bar < 0),
    [true, true, true, true, true, true, false, false, false],
  );
  assert.ok(
    bars.slice(6).every((bar) => bar >= 15 && bar <= 45),
    bars.join(' '),
  );
  const line = /line \[(.*)\]/.exec(rate!)![1]!.split(', ').map(Number);
  assert.equal(line.length, 9);
  assert.ok(
    line.every((value) => value >= 0 && value < 8),
    line.join(' '),
  );
  assert.match(problem.body, /Blue line: all other sessions\._/);
  // Counts: whole-number ticks need an axis top of at least 10.
  assert.match(sessions!, /y-axis "sessions" 0 --> (\d{2,})/);
});

test('the time axis: daily up to 14 days, then whole weeks, never more than 16 buckets', () => {
  for (const days of [1, 7, 14]) assert.equal(bucketDaysFor(days), 1);
  assert.equal(bucketDaysFor(15), 7);
  assert.equal(bucketDaysFor(112), 7);
  assert.equal(bucketDaysFor(113), 14);
  assert.equal(bucketDaysFor(400), 28);
  for (let days = 1; days <= 420; days += 1) {
    const trend = trendOf({
      days: [],
      start: new Date(Date.UTC(2026, 0, 1)),
      end: new Date(Date.UTC(2026, 0, 1 + days)),
      subject: 'x',
    });
    assert.ok(trend.buckets.length <= MAX_BUCKETS, `${days} days: ${trend.buckets.length} buckets`);
    // The buckets cover the window exactly once: first day to last, no gap, no overlap.
    assert.equal(trend.buckets[0]!.first, '2026-01-01');
    assert.equal(trend.buckets.at(-1)!.last, new Date(Date.UTC(2026, 0, days)).toISOString().slice(0, 10));
    for (let index = 1; index < trend.buckets.length; index += 1) {
      assert.equal(Date.parse(trend.buckets[index]!.first) - Date.parse(trend.buckets[index - 1]!.last), 86_400_000);
    }
  }
});

test('quiet days are zero sessions on the axis; a day with sessions outside the window still counts', () => {
  const trend = trendOf({
    days: [
      { day: '2026-03-02', sessions: 12, erroredSessions: 6 },
      { day: '2026-03-05', sessions: 3, erroredSessions: 3 },
      { day: '2026-02-27', sessions: 1, erroredSessions: 0 },
    ],
    start: new Date('2026-03-01T06:00:00Z'),
    end: new Date('2026-03-06T00:00:00Z'),
    subject: 'this problem',
  });
  assert.deepEqual(
    trend.buckets.map((bucket) => `${bucket.label}:${bucket.sessions}/${bucket.erroredSessions}`),
    ['02-27:1/0', '02-28:0/0', '03-01:0/0', '03-02:12/6', '03-03:0/0', '03-04:0/0', '03-05:3/3'],
  );
  // The 3-session day (100% errored) is no bar, not a 100% bar; the 12-session day is 50%.
  assert.match(rateChart(trend), /bar \[-50, -50, -50, 50, -50, -50, -50\]/);
  assert.match(sessionsChart(trend), /bar \[1, 0, 0, 12, 0, 0, 3\]\n {4}bar \[-12, -12, -12, 6, -12, -12, 3\]/);
  // Too few sessions in every bucket: a sentence, not a chart of gaps.
  const thin = trendOf({
    days: [{ day: '2026-03-02', sessions: 4, erroredSessions: 2 }],
    start: new Date('2026-03-01T00:00:00Z'),
    end: new Date('2026-03-03T00:00:00Z'),
    subject: 'this problem',
  });
  assert.equal(rateChart(thin), '_No day had 10 or more sessions of this problem: too few for a rate per day._');
});

test('a dry run lists the dashboard it would write, and writes nothing', async () => {
  const { issues, summary } = await triage(longWindowSummaries(), LONG_WINDOW_END, LONG_WINDOW_DAYS, true);
  assert.equal(issues.length, 0);
  assert.match(
    summary,
    /<li>Crash report: usage and errors \(Crash report: usage and errors\): dashboard would be written<\/li>/,
  );
  assert.match(summary, /<summary>The dashboard this run would write<\/summary>/);
  await checkText('dry-run job summary', summary);
});

test("every Mermaid block of the README parses (the architecture's stages among them)", async () => {
  const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
  const blocks = [...readme.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((match) => match[1]!);
  assert.ok(blocks.length >= 1);
  for (const block of blocks)
    await assert.doesNotReject(mermaid.parse(block), `a README Mermaid block does not parse:\n${block}`);
  assert.match(blocks.join('\n'), /run\/ — the one composition root/);
});
