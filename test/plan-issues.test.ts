import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fingerprintMarker } from '../src/render/issue-templates.ts';
import type { TrackedIssue } from '../src/trackers/issue-tracker.ts';
import { issuesByFingerprint, planIssues } from '../src/trackers/plan-issues.ts';
import type { GroupDraft } from '../src/trackers/plan-issues.ts';

const fp = (n: number) => n.toString(16).padStart(16, '0');
const draft = (n: number, text = 'body'): GroupDraft => ({ fingerprint: fp(n), label: `g${n}`, title: `T${n}`, body: `${text}\n\n${fingerprintMarker(fp(n))}` });
const issue = (number: number, n: number, state: 'open' | 'closed' = 'open', text = 'body'): TrackedIssue => ({
  number,
  title: `edited ${number}`,
  body: `${text}\n\n${fingerprintMarker(fp(n))}`,
  state,
  stateReason: state === 'closed' ? 'completed' : null,
  labels: ['crash-report'],
  url: `u${number}`,
});

test('create, update, unchanged, closed and deferred', () => {
  const existing = [issue(1, 1), issue(2, 2, 'open', 'old'), issue(3, 3, 'closed'), { ...issue(4, 9), body: 'no marker' }];
  const plan = planIssues([draft(1), draft(2), draft(3), draft(4), draft(5), draft(6)], existing, 2);
  assert.deepEqual(
    plan.map((action) => [action.kind, 'issue' in action ? action.issue.number : null]),
    [
      ['unchanged', 1],
      ['update', 2],
      ['closed', 3],
      ['create', null],
      ['create', null],
      ['deferred', null],
    ],
  );
});

test('line endings and trailing space GitHub adds do not count as changes', () => {
  const stored = { ...issue(1, 1), body: `body\r\n\r\n${fingerprintMarker(fp(1))}\r\n` };
  assert.equal(planIssues([draft(1)], [stored], 10)[0]?.kind, 'unchanged');
});

test('when a race made two issues, the oldest open one is used', () => {
  const found = issuesByFingerprint([issue(8, 1), issue(5, 1, 'closed'), issue(6, 1)]);
  assert.equal(found.get(fp(1))?.number, 6);
});

test('max-new-issues 0 opens nothing', () => {
  assert.deepEqual(planIssues([draft(1)], [], 0).map((action) => action.kind), ['deferred']);
});
