import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyPlan } from '../src/trackers/apply-plan.ts';
import type { IssueDraft, IssueTracker, TrackedIssue } from '../src/trackers/issue-tracker.ts';
import type { PlannedAction } from '../src/trackers/plan-issues.ts';

/** An in-memory tracker that records every call. */
function recordingTracker() {
  const calls: string[] = [];
  const tracker: IssueTracker = {
    describe: () => 'memory',
    listIssues: async () => [],
    ensureLabels: async (labels) => void calls.push(`labels ${labels.join(',')}`),
    createIssue: async (draft: IssueDraft) => {
      calls.push(`create ${draft.title} [${draft.labels.join(',')}]`);
      return { number: 42, title: draft.title, body: draft.body, state: 'open', stateReason: null, labels: draft.labels, url: 'https://x/42' };
    },
    updateIssue: async (number, changes) => {
      calls.push(`update ${number} ${Object.keys(changes).join(',')}`);
      return { number, title: 't', body: changes.body ?? '', state: 'open', stateReason: null, labels: [], url: `https://x/${number}` };
    },
  };
  return { tracker, calls };
}

const existing: TrackedIssue = { number: 7, title: 'Edited title', body: 'old', state: 'open', stateReason: null, labels: ['crash-report'], url: 'https://x/7' };
const draft = (n: number) => ({ fingerprint: `f${n}`, label: `g${n}`, title: `T${n}`, body: `B${n}` });
const plan: PlannedAction[] = [
  { kind: 'create', draft: draft(1) },
  { kind: 'update', draft: draft(2), issue: existing },
  { kind: 'unchanged', draft: draft(3), issue: { ...existing, number: 8 } },
  { kind: 'deferred', draft: draft(4) },
];

test('writes go through the tracker: labels first, bodies only, titles kept', async () => {
  const { tracker, calls } = recordingTracker();
  const log: string[] = [];
  const results = await applyPlan(plan, { tracker, labels: ['crash-report', 'bug'], dryRun: false, log: (line) => log.push(line) });
  assert.deepEqual(calls, ['labels crash-report,bug', 'create T1 [crash-report,bug]', 'update 7 body']);
  assert.deepEqual(
    results.map((result) => [result.kind, result.number, result.title, result.dryRun]),
    [
      ['create', 42, 'T1', false],
      ['update', 7, 'Edited title', false],
      ['unchanged', 8, 'Edited title', false],
      ['deferred', null, 'T4', false],
    ],
  );
  assert.deepEqual(log, ['Opened issue #42: T1', 'Updated issue #7: Edited title', 'Not opened (max-new-issues reached): T4']);
});

test('dry run calls no write method and says what it would do', async () => {
  const { tracker, calls } = recordingTracker();
  const log: string[] = [];
  const results = await applyPlan(plan, { tracker, labels: ['crash-report'], dryRun: true, log: (line) => log.push(line) });
  assert.deepEqual(calls, []);
  assert.deepEqual(results.filter((result) => result.dryRun).map((result) => result.kind), ['create', 'update']);
  assert.ok(log.includes('[dry-run] would open an issue: T1'));
  assert.ok(log.includes('[dry-run] would update issue #7: Edited title'));
  assert.ok(log.includes('[dry-run] 2 issue write(s) skipped.'));
});

test('a create is dropped when the issue appeared since the plan was made', async () => {
  const { tracker, calls } = recordingTracker();
  const log: string[] = [];
  let asked = 0;
  const results = await applyPlan([{ kind: 'create', draft: draft(1) }, { kind: 'create', draft: draft(2) }], {
    tracker,
    labels: ['crash-report'],
    dryRun: false,
    log: (line) => log.push(line),
    existingNow: async () => {
      asked += 1;
      return new Set(['f1']);
    },
  });
  assert.equal(asked, 1);
  assert.deepEqual(calls, ['labels crash-report', 'create T2 [crash-report]']);
  assert.deepEqual(results.map((result) => result.kind), ['unchanged', 'create']);
  assert.ok(log.includes('Not opened, another run opened it meanwhile: T1'));
});
