import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import type { JudgedGroup } from '../src/aggregate/flag-groups.ts';
import { issueContext } from '../src/render/issue-context.ts';
import { escapeTitle } from '../src/render/markdown-escape.ts';
import { BODY_MAX_CHARS, createIssueRenderer, fingerprintIn, limitBody, TemplateError } from '../src/render/issue-templates.ts';

const root = new URL('../templates/', import.meta.url);
const bundled = async () =>
  createIssueRenderer(
    { path: 'issue-title.hbs', text: await readFile(new URL('issue-title.hbs', root), 'utf8') },
    { path: 'issue-body.hbs', text: await readFile(new URL('issue-body.hbs', root), 'utf8') },
  );

const group: JudgedGroup = {
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
  firstSessionAt: '2026-11-14T02:08:54.127Z',
  lastSessionAt: '2026-11-20T23:18:58.056Z',
  durationMedianSeconds: 502,
  durationP95Seconds: 1639,
  topErrorKinds: [{ kind: 'PermissionError', count: 44 }],
  runs: [{ id: 77, url: 'https://github.com/o/r/actions/runs/77', branch: 'feat/<b>', erroredSessions: 3 }],
  flagged: true,
  verdict: 'error rate at or above threshold',
  baseline: { sessions: 444, erroredSessions: 8, errorRate: 8 / 444 },
};
const rule = { minSessions: 10, errorRateThreshold: 0.05, lookbackDays: 7 };

describe('the bundled templates', () => {
  test('render the figures, the baseline, the evidence and the fingerprint marker', async () => {
    const { title, body } = (await bundled()).render(issueContext(group, rule, escapeTitle), issueContext(group, rule));
    assert.equal(title, 'High error rate: os.platform windows, app.version 2.4.0_@\u200dteam');
    assert.match(body, /\*\*40\.0%\*\* of sessions on this configuration errored: 24 of 60 sessions started in the last 7 days\. All other sessions errored at 1\.80%\./);
    assert.match(body, /\| Sessions \| 60 \| 444 \|/);
    assert.match(body, /\| app\.version \| 2\.4\.0&#95;@\u200dteam \|/);
    assert.match(body, /Error lines logged: 69 of 12,189 lines/);
    assert.match(body, /median 8m 22s, 95th percentile 27m 19s/);
    assert.match(body, /\| PermissionError \| 44 \|/);
    assert.match(body, /\| \[#77\]\(https:\/\/github\.com\/o\/r\/actions\/runs\/77\) \| feat\/&lt;b&gt; \| 3 \|/);
    assert.equal(fingerprintIn(body), 'aaaabbbbccccdddd');
    assert.ok(body.endsWith('<!-- crash-report-aggregator:fingerprint=aaaabbbbccccdddd -->'));
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

test('over-long bodies are cut at a section boundary with a visible note', () => {
  const section = `### Section\n${'x'.repeat(999)}\n`;
  const body = limitBody(section.repeat(100), '<!-- m -->');
  assert.ok(body.length <= BODY_MAX_CHARS);
  assert.match(body, /x\n\n> \*\*Note:\*\* this report was cut to fit GitHub's issue size limit; .*\n\n<!-- m -->$/);
  assert.equal(limitBody('short', '<!-- m -->'), 'short\n\n<!-- m -->');
});
