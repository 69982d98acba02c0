// The shipped example templates compile, pass the start-up check and render.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { judgeGroups } from '../src/aggregate/flag-groups.ts';
import { issueContext } from '../src/render/issue-context.ts';
import { createIssueRenderer } from '../src/render/issue-templates.ts';
import { escapeTitle } from '../src/render/markdown-escape.ts';
import { groupFigures, problemInfo } from './fixtures/group-figures.ts';

test('examples/templates render a compact issue', async () => {
  const read = async (name: string) => ({
    path: name,
    text: await readFile(new URL(`../examples/templates/${name}`, import.meta.url), 'utf8'),
  });
  const renderer = createIssueRenderer(await read('compact-title.hbs'), await read('compact-body.hbs'));
  const [group] = judgeGroups(
    [
      {
        ...groupFigures('windows', 60, 24),
        appVersions: ['2.3.1', '2.4.0'],
        days: [{ day: '2026-11-20', sessions: 60, erroredSessions: 24 }],
        runs: [{ id: 7, url: 'https://github.com/o/r/actions/runs/7', branch: 'main', erroredSessions: 2 }],
        topErrorKinds: [{ kind: 'KeyError', sessions: 3, lines: 5, count: 5 }],
      },
      groupFigures('linux', 400, 4),
    ],
    { minSessions: 10, errorRateThreshold: 0.05, confidence: 0.95 },
  );
  const rule = { minSessions: 10, errorRateThreshold: 0.05, lookbackDays: 7, confidence: 0.95 };
  const problem = { ...group!, problem: problemInfo('windows') };
  const { title, body } = renderer.render(issueContext(problem, rule, escapeTitle), issueContext(problem, rule));
  assert.equal(title, '[crash] windows');
  assert.match(
    body,
    /^\*\*os\.platform windows\*\*: 40\.0% errored \(24\/60, 95\.0% interval 28\.6%–52\.6%\) vs 1\.00% of all other sessions\. A problem: significantly worse than the other sessions\./,
  );
  assert.match(body, /Failing runs: \[#7\]\(https:\/\/github\.com\/o\/r\/actions\/runs\/7\)/);
  assert.match(body, /Versions seen: 2\.3\.1, 2\.4\.0\. To mute this issue add the label crash-report:ignore\.$/);
  assert.match(body, /\| error kind \| sessions \| error lines \|\n\|---\|---:\|---:\|\n\| KeyError \| 3 \| 5 \|/);
});
