import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import type { ProblemGroup } from '../src/problems/judge-problems.ts';
import { issueContext } from '../src/render/issue-context.ts';
import { escapeTitle } from '../src/render/markdown-escape.ts';
import { createIssueRenderer, TemplateError } from '../src/render/issue-templates.ts';

const root = new URL('../templates/', import.meta.url);
const bundled = async () =>
  createIssueRenderer(
    { path: 'issue-title.hbs', text: await readFile(new URL('issue-title.hbs', root), 'utf8') },
    { path: 'issue-body.hbs', text: await readFile(new URL('issue-body.hbs', root), 'utf8') },
  );

const group: ProblemGroup = {
  fingerprint: 'aaaabbbbccccdddd',
  fields: [
    { name: 'os.platform', value: 'windows' },
    { name: 'app.version', value: '2.4.0_@team' },
  ],
  sessions: 60,
  erroredSessions: 24,
  crashes: 13,
  errorLines: 69,
  logLines: 12189,
  errorRate: 0.4,
  installs: 14,
  installsApproximate: false,
  firstSessionAt: '2026-11-14T02:08:54.127Z',
  lastSessionAt: '2026-11-20T23:18:58.056Z',
  durationMedianSeconds: 502,
  durationP95Seconds: 1639,
  topErrorKinds: [{ kind: 'PermissionError', sessions: 21, lines: 44, count: 44 }],
  runs: [{ id: 77, url: 'https://github.com/o/r/actions/runs/77', branch: 'feat/<b>', erroredSessions: 3 }],
  days: [
    { day: '2026-11-19', sessions: 20, erroredSessions: 4 },
    { day: '2026-11-20', sessions: 40, erroredSessions: 20 },
  ],
  appVersions: ['2.4.0'],
  singleInstall: false,
  flagged: true,
  verdict: 'significantly worse than the other sessions',
  baseline: { sessions: 444, erroredSessions: 8, errorRate: 8 / 444 },
  interval: { low: 0.28569, high: 0.52634 },
  aboveThreshold: true,
  problem: {
    pattern: [
      { field: 'os.platform', op: 'is', value: 'windows' },
      { field: 'app.version', op: 'is', value: '2.4.0_@team' },
    ],
    measure: null,
    kind: 'configuration',
    anchor: '[null,"[[\\"os.platform\\",\\"is\\",\\"windows\\"],[\\"app.version\\"]]"]',
    label: 'os.platform windows, app.version 2.4.0_@team',
    openFields: [],
    cells: 1,
    versions: ['2.4.0_@team'],
    lastGood: { version: '2.3.1', sessions: 50, events: 0 },
    fixedIn: [{ version: '2.5.0', sessions: 80, events: 1 }],
    comparison: { label: 'in 2.3.1', sessions: 50, erroredSessions: 0, errorRate: 0 },
    installs: { known: true, affected: 13, reporting: 14, approximate: false },
    pValue: 3.2e-9,
    level: 0.0067,
  },
};
const rule = { minSessions: 10, errorRateThreshold: 0.05, lookbackDays: 7, confidence: 0.95 };

describe('the bundled templates', () => {
  test('render the figures, the interval, the baseline, the trend and the evidence', async () => {
    const { title, body } = (await bundled()).render(issueContext(group, rule, escapeTitle), issueContext(group, rule));
    assert.equal(title, 'High error rate: os.platform windows, app.version 2.4.0_@\u200dteam');
    assert.match(body, /\*\*40\.0%\*\* of sessions errored on one configuration: 24 of 60 sessions started in the last 7 days \(95\.0% interval 28\.6%–52\.6%\)\./);
    assert.match(body, /Errored sessions: 0\.0% in 2\.3\.1 \(0 of 50\), against 40\.0% here\./);
    assert.match(body, /\| Installations with an errored session \| 13 of 14 \| \|/);
    assert.match(body, /last good version 2\.3\.1 \(0\.0% of 50 sessions errored\)/);
    assert.match(body, /Fixed in 2\.5\.0\? 1\.25% of 80 sessions errored there\./);
    assert.match(body, /p 3\.2e-9 against a level of 0\.0067/);
    // Public text carries days, never the time a session started.
    assert.match(body, /Sessions started from 2026-11-14 to 2026-11-20 \(UTC days\)/);
    assert.doesNotMatch(body, /T\d\d:\d\d/);
    assert.match(body, /\| Errored-session rate \| 40\.0% \(28\.6%–52\.6%\) \| 1\.80% \|/);
    assert.match(body, /```mermaid\nxychart-beta\n {4}title "Errored-session rate per day \(%\)"\n {4}x-axis \["11-19", "11-20"\]\n {4}y-axis "errored %" 0 --> 50\n {4}line \[20, 50\]\n```/);
    assert.match(body, /```mermaid\nxychart-beta\n {4}title "Sessions per day"\n {4}x-axis \["11-19", "11-20"\]\n {4}y-axis "sessions" 0 --> 40\n {4}bar \[20, 40\]\n```/);
    assert.match(body, /\| Sessions \| 60 \| 444 \|/);
    assert.match(body, /\| app\.version \| 2\.4\.0&#95;@\u200dteam \|/);
    assert.match(body, /Error lines logged: 69 of 12,189 lines/);
    assert.match(body, /median 8m 22s, 95th percentile 27m 19s/);
    assert.match(body, /\| kind \| count \|\n\|---\|---\|\n\| PermissionError \| 44 \|/);
    assert.match(body, /\| \[#77\]\(https:\/\/github\.com\/o\/r\/actions\/runs\/77\) \| feat\/&lt;b&gt; \| 3 \|/);
    assert.doesNotMatch(body, /<!--/, 'markers are added by the tracker, not the template');
  });

  test('say so when there are no error kinds or runs', async () => {
    const { body } = (await bundled()).render(issueContext({ ...group, topErrorKinds: [], runs: [] }, rule), issueContext({ ...group, topErrorKinds: [], runs: [] }, rule));
    assert.match(body, /The sessions reported no error kinds\./);
    assert.match(body, /The errored sessions did not come from workflow-run artifacts\./);
  });
});

describe('custom templates', () => {
  const title = { path: 't.hbs', text: '{{group.label}}' };
  test('an unknown field fails at start with the path and position', () => {
    assert.throws(
      () => createIssueRenderer(title, { path: '/x/body.hbs', text: 'ok\n{{figures.sesions}}' }),
      (error: unknown) => error instanceof TemplateError && error.message === 'Template /x/body.hbs cannot be used: unknown field "figures.sesions" at line 2, column 3',
    );
  });
  test('a title template that renders nothing falls back to the group', () => {
    const renderer = createIssueRenderer({ path: 't', text: '{{#if flagged}}{{else}}x{{/if}}' }, { path: 'b', text: 'x' });
    assert.equal(renderer.render(issueContext(group, rule, escapeTitle), issueContext(group, rule)).title, 'Crash report: os.platform windows, app.version 2.4.0_@\u200dteam');
  });
  test('an unknown helper fails at start', () => {
    assert.throws(() => createIssueRenderer(title, { path: 'b.hbs', text: '{{shout group.label}}' }), /Template b\.hbs cannot be used: .*unknown helper shout/);
  });
  test('a syntax error fails at start', () => {
    assert.throws(() => createIssueRenderer(title, { path: 'b.hbs', text: '{{#if x}}' }), /Template b\.hbs cannot be used: Parse error/);
  });
  test('prototype properties are refused at start', () => {
    assert.throws(() => createIssueRenderer({ path: 't', text: '[{{group.constructor}}]' }, { path: 'b', text: 'x' }), /unknown field "group\.constructor"/);
  });
  test('a field used only as a block argument is checked too', () => {
    assert.throws(() => createIssueRenderer(title, { path: 'b.hbs', text: '{{#each runz}}x{{/each}}' }), /Template b\.hbs cannot be used: unknown field "runz" at line 1, column 9/);
  });
});

test('a group no longer flagged says so', async () => {
  const quiet = { ...group, flagged: false, verdict: 'error rate below threshold' };
  const { body } = (await bundled()).render(issueContext(quiet, rule, escapeTitle), issueContext(quiet, rule));
  assert.match(body, /\*\*Not found in the latest run\*\* \(error rate below threshold\): 40\.0% of 60 sessions errored/);
});

test('the rendered default body is stable (snapshot)', async () => {
  const { title, body } = (await bundled()).render(issueContext(group, rule, escapeTitle), issueContext(group, rule));
  const snapshot = await readFile(new URL('./fixtures/snapshots/issue-body.md', import.meta.url), 'utf8').catch(() => null);
  const rendered = `${title}\n\n${body}\n`;
  if (process.env['UPDATE_SNAPSHOTS'] === '1') {
    await mkdir(new URL('./fixtures/snapshots/', import.meta.url), { recursive: true });
    await writeFile(new URL('./fixtures/snapshots/issue-body.md', import.meta.url), rendered);
    return;
  }
  assert.ok(snapshot !== null, 'test/fixtures/snapshots/issue-body.md is missing; run with UPDATE_SNAPSHOTS=1');
  assert.equal(rendered, snapshot, 'the default template renders differently; if intended, run with UPDATE_SNAPSHOTS=1 and review the diff');
});

test('without installation IDs the issue says that sessions stand in for installations', async () => {
  const anonymous = { ...group, problem: { ...group.problem, installs: { known: false, affected: 24, reporting: 0, approximate: false } } };
  const { body } = (await bundled()).render(issueContext(anonymous, rule, escapeTitle), issueContext(anonymous, rule));
  assert.match(body, /\| Installations \| not reported: sessions stand in for installations \| \|/);
  assert.doesNotMatch(body, /Installations with an errored session/);
});
