import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyTally } from '../src/intake/tally.ts';
import { formatConsoleReport } from '../src/report/console-report.ts';
import { composeJobSummary } from '../src/report/job-summary.ts';
import type { SummaryWriter } from '../src/report/job-summary.ts';
import { buildReport } from '../src/report/run-report.ts';
import { judgedGroup as group } from './fixtures/group-figures.ts';

/** Collects what would be written, in @actions/core's HTML form. */
function htmlSummary(): SummaryWriter & { html: string } {
  const writer = {
    html: '',
    addHeading(text: string, level: number | string = 1) {
      writer.html += `<h${level}>${text}</h${level}>\n`;
      return writer;
    },
    addRaw(text: string) {
      writer.html += text;
      return writer;
    },
    addTable(rows: ({ data: string; header?: boolean } | string)[][]) {
      writer.html += `<table>${rows.map((row) => `<tr>${row.map((cell) => (typeof cell === 'string' ? `<td>${cell}</td>` : `<th>${cell.data}</th>`)).join('')}</tr>`).join('')}</table>\n`;
      return writer;
    },
    addList(items: string[]) {
      writer.html += `<ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul>\n`;
      return writer;
    },
    write: async () => writer,
  };
  return writer;
}

const report = buildReport({
  now: new Date('2026-01-08T00:00:00Z'),
  windowStart: new Date('2026-01-01T00:00:00Z'),
  lookbackDays: 7,
  dryRun: false,
  groupBy: ['os.platform'],
  rule: {
    minSessions: 10,
    errorRateThreshold: 0.05,
    confidence: 0.95,
    minInstallations: 3,
    minRateRatio: 1.5,
    minPublishedInstallations: 5,
  },
  intake: {
    ...emptyTally(),
    itemsRead: 3,
    skipped: { 'artifact-expired': 2 },
    records: 130,
    accepted: 120,
    rejected: 4,
    rejectedReasons: { 'invalid-json': 4 },
    duplicates: 5,
    outsideWindow: 1,
  },
  groups: [group('<script>@x', 20, 10, true), group('linux', 100, 1, false)],
  problems: [
    { ...group('<script>@x', 20, 10, true), baseline: { sessions: 100, erroredSessions: 1, errorRate: 0.01 } },
  ],
  issues: [
    {
      kind: 'create',
      fingerprint: '<script>@x'.padEnd(16, '0').slice(0, 16),
      label: 'os.platform <script>@x',
      title: 'T',
      number: 3,
      url: 'https://github.com/o/r/issues/3',
      dryRun: false,
      comment: null,
    },
  ],
});

test('the report totals add up', () => {
  assert.deepEqual(report.totals, {
    sessions: 120,
    erroredSessions: 11,
    rejected: 4,
    groups: 2,
    flagged: 1,
    created: 1,
    updated: 0,
    unchanged: 0,
    reopened: 0,
    closedNow: 0,
    closed: 0,
    muted: 0,
    deferred: 0,
    duplicates: 0,
    problems: 1,
  });
  assert.deepEqual(report.groups[0]?.issue, { action: 'create', number: 3, url: 'https://github.com/o/r/issues/3' });
  assert.equal(report.groups[1]?.issue, null);
});

test('the job summary tables every group, escapes data, links issues and lists reasons', () => {
  const writer = htmlSummary();
  composeJobSummary({ ...report, requests: { reads: 12, writes: 2 } }, writer);
  const html = writer.html;
  assert.match(
    html,
    /120 sessions in 2 groups \(130 records read; 4 rejected, 5 duplicates, 1 outside the 7-day window\)/,
  );
  // Figures right-aligned; the interval unbroken at its dash (word joiners); a covered cell names its problem's issue.
  assert.match(
    html,
    /<tr><th>os\.platform<\/th><th align="right">sessions<\/th><th align="right">errored<\/th><th align="right">rate<\/th><th align="right">95% interval<\/th><th align="right">all other sessions<\/th><th>problem<\/th><\/tr>/,
  );
  assert.match(
    html,
    /<tr><td>&lt;script&gt;@\u200dx<\/td><td align="right">20<\/td><td align="right">10<\/td><td align="right">50\.0%<\/td><td align="right">0\.0%\u2060–\u2060100\.0%<\/td><td align="right">n\/a<\/td><td>🔴 <a href="https:\/\/github\.com\/o\/r\/issues\/3">#3<\/a><\/td><\/tr>/,
  );
  assert.match(
    html,
    /<tr><td>linux<\/td><td align="right">100<\/td><td align="right">1<\/td><td align="right">1\.00%<\/td><td align="right">0\.0%\u2060–\u2060100\.0%<\/td><td align="right">n\/a<\/td><td>no<\/td><\/tr>/,
  );
  assert.match(
    html,
    /<li><a href="https:\/\/github\.com\/o\/r\/issues\/3">#3<\/a> \(os\.platform &lt;script&gt;@\u200dx\): opened<\/li>/,
  );
  assert.match(html, /<tr><td><code>invalid-json<\/code><\/td><td align="right">4<\/td><\/tr>/);
  assert.match(html, /<tr><td><code>artifact-expired<\/code><\/td><td align="right">2<\/td><\/tr>/);
  assert.match(html, /GitHub REST requests: 12 reads, 2 writes\./);
  assert.match(
    html,
    /<h3>Problems<\/h3>\n<table>\n<tr><th>problem<\/th><th align="right">sessions<\/th><th align="right">errored<\/th><th align="right">rate<\/th><th>compared with<\/th><th align="right">installations affected<\/th><th>issue<\/th><\/tr>\n<tr><td>os\.platform &lt;script&gt;@\u200dx<\/td><td align="right">20<\/td><td align="right">10<\/td><td align="right">50\.0%<\/td><td>1\.00% in all other sessions<\/td><td align="right">no IDs: sessions stand in<\/td><td><a href="https:\/\/github\.com\/o\/r\/issues\/3">#3<\/a><\/td><\/tr>\n<\/table>/,
  );
  assert.doesNotMatch(html, /<script>/);
});

test('the console report prints the table and the totals', () => {
  const text = formatConsoleReport(report);
  assert.match(text, /^os\.platform\s+sessions\s+errored\s+rate\s+flagged\s+issue$/m);
  assert.match(
    text,
    /^problem: os\.platform <script>@x: 50\.0% of 20 sessions errored \(1\.00% elsewhere\), no installation IDs; create #3$/m,
  );
  assert.match(text, /^linux\s+100\s+1\s+1\.00%\s+no$/m);
  assert.match(
    text,
    /120 sessions, 4 rejected, 5 duplicates, 1 outside window; 2 groups, 1 problem\(s\) covering 1; issues: 1 opened, 0 updated/,
  );
  assert.match(text, /^ {2}rejected 4: invalid-json$/m);
});

test('the dashboard is listed with its action, and the publication rule is said once, without a count of what it hid', () => {
  const writer = htmlSummary();
  const dashboard = {
    kind: 'report' as const,
    fingerprint: 'usage-report',
    label: 'Crash report: usage and errors',
    title: 'Crash report: usage and errors',
    number: 4,
    url: 'https://github.com/o/r/issues/4',
    dryRun: false,
    comment: null,
  };
  const recoded = {
    configurations: 3,
    sessions: 9,
    erroredSessions: 2,
    complementary: 1,
    sessionsStandIn: true,
    kinds: { names: 2, sessions: 4 },
    kindNames: ['AcmeError', 'BetaError'],
    cells: [],
  };
  composeJobSummary({ ...report, issues: [...report.issues, dashboard], recoded }, writer);
  assert.match(
    writer.html,
    /<li><a href="https:\/\/github\.com\/o\/r\/issues\/4">#4<\/a> \(Crash report: usage and errors\): dashboard written<\/li>/,
  );
  assert.doesNotMatch(writer.html, /undefined/);
  assert.equal(writer.html.match(/Configurations seen on fewer than 5 installations are never named here/g)?.length, 1);
  assert.match(
    writer.html,
    /Exception classes raised on fewer than 5 installations read &quot;\(other\)&quot; as well\. Sessions without an install ID stand in for installations\./,
  );
  assert.doesNotMatch(writer.html, /AcmeError|BetaError/);
  // Neither the number of hidden configurations nor their sessions.
  assert.doesNotMatch(writer.html, /\b3 configuration|\b9 session/);
});

test('without install IDs the job summary says sessions stand in, even when nothing was hidden', () => {
  const writer = htmlSummary();
  const recoded = {
    configurations: 0,
    sessions: 0,
    erroredSessions: 0,
    complementary: 0,
    sessionsStandIn: true,
    kinds: { names: 0, sessions: 0 },
    kindNames: [],
    cells: [],
  };
  composeJobSummary({ ...report, recoded }, writer);
  assert.match(
    writer.html,
    /<p>Sessions without an install ID stand in for installations\. A configuration needs 5 of them to be named/,
  );
  const none = htmlSummary();
  composeJobSummary({ ...report, recoded: { ...recoded, sessionsStandIn: false } }, none);
  assert.doesNotMatch(none.html, /stand in for installations/);
});

test('a dry run lists the dashboard it would write, and shows its body folded away', () => {
  const writer = htmlSummary();
  const body =
    '<!-- crash-report-aggregator:usage-report -->\nAs of 2026-01-08: sessions started from 2026-01-01 on (the last 7 days).';
  const dashboard = {
    kind: 'report' as const,
    fingerprint: '',
    label: 'Crash report: usage and errors',
    title: 'Crash report: usage and errors',
    number: null,
    url: null,
    dryRun: true,
    comment: null,
    body,
  };
  composeJobSummary({ ...report, dryRun: true, issues: [dashboard] }, writer);
  assert.match(
    writer.html,
    /<li>Crash report: usage and errors \(Crash report: usage and errors\): dashboard would be written<\/li>/,
  );
  assert.match(
    writer.html,
    /<details><summary>The dashboard this run would write<\/summary>\n\n<!-- crash-report-aggregator:usage-report -->\nAs of 2026-01-08/,
  );
  assert.doesNotMatch(writer.html, /undefined|would be dashboard/);
  // A real run lists it without the body.
  const real = htmlSummary();
  composeJobSummary(
    { ...report, issues: [{ ...dashboard, dryRun: false, number: 4, url: 'https://github.com/o/r/issues/4' }] },
    real,
  );
  assert.doesNotMatch(real.html, /<details>/);
});

test('the worst-groups chart says which groups it leaves out', () => {
  const writer = htmlSummary();
  const matrix = report.groups.map((group) => ({
    ...group,
    fields: [group.fields[0]!, { name: 'app.version' as const, value: '1.0.0' }],
  }));
  const small = {
    ...report.groups[1]!,
    sessions: 4,
    erroredSessions: 1,
    fields: [{ name: 'os.platform' as const, value: 'freebsd' }],
  };
  composeJobSummary({ ...report, matrix, groups: [...report.groups, small] }, writer);
  assert.match(writer.html, /xychart-beta horizontal/);
  assert.match(writer.html, /The chart leaves out 1 group\(s\) with fewer than 10 sessions \(min-sessions\)/);
  assert.doesNotMatch(writer.html.slice(writer.html.indexOf('xychart-beta')), /"freebsd"/);
});
