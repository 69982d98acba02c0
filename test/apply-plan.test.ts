import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyPlan } from '../src/trackers/apply-plan.ts';
import type { IssueDraft, IssueTracker, TrackedIssue } from '../src/trackers/issue-tracker.ts';
import type { GroupDraft, PlannedAction } from '../src/trackers/plan-issues.ts';
import { judgedGroup } from './fixtures/group-figures.ts';

/** An in-memory tracker that records every call. */
function recordingTracker() {
  const calls: string[] = [];
  const tracker: IssueTracker = {
    describe: () => 'memory',
    listIssues: async () => [],
    ensureLabels: async (labels) => void calls.push(`labels ${labels.join(',')}`),
    createIssue: async (draft: IssueDraft) => {
      calls.push(`create ${draft.title} [${draft.labels.join(',')}]`);
      return {
        number: 42,
        title: draft.title,
        body: draft.body,
        state: 'open',
        stateReason: null,
        labels: draft.labels,
        url: 'https://x/42',
      };
    },
    updateIssue: async (number, changes) => {
      calls.push(
        `update ${number} ${Object.entries(changes)
          .map(([key, value]) => (key === 'body' ? key : `${key}=${value}`))
          .join(',')}`,
      );
      return {
        number,
        title: 't',
        body: changes.body ?? '',
        state: 'open',
        stateReason: null,
        labels: [],
        url: `https://x/${number}`,
      };
    },
    addComment: async (number, body) => void calls.push(`comment ${number}: ${body}`),
  };
  return { tracker, calls };
}

const issue = (number: number): TrackedIssue => ({
  number,
  title: `Edited ${number}`,
  body: 'old',
  state: 'open',
  stateReason: null,
  labels: ['crash-report'],
  url: `https://x/${number}`,
});
const draft = (n: number, labels: string[] = []): GroupDraft => ({
  fingerprint: `f${n}`,
  label: `g${n}`,
  title: `T${n}`,
  rendered: `R${n}`,
  group: judgedGroup(`g${n}`, 10, 5, true),
  labels,
  issue: null,
  duplicates: [],
});
const plan: PlannedAction[] = [
  { kind: 'create', draft: draft(1, ['os:linux']), body: 'B1' },
  { kind: 'update', draft: draft(2), issue: issue(7), body: 'B2', comment: 'moved' },
  { kind: 'reopen', draft: draft(3), issue: issue(8), body: 'B3', comment: 'Regressed in 2.0.0' },
  { kind: 'close', draft: null, issue: issue(9), body: null, comment: 'recovered' },
  { kind: 'unchanged', draft: draft(5), issue: issue(10) },
  { kind: 'muted', draft: draft(6), issue: issue(11) },
  { kind: 'deferred', draft: draft(4) },
  { kind: 'report', draft: null, issue: null, title: 'Dashboard', body: 'D' },
];

test('every write goes through the tracker, in order, titles kept', async () => {
  const { tracker, calls } = recordingTracker();
  const log: string[] = [];
  const results = await applyPlan(plan, {
    tracker,
    labels: ['crash-report', 'bug'],
    dryRun: false,
    log: (line) => log.push(line),
  });
  assert.deepEqual(calls, [
    'labels crash-report,bug,os:linux',
    'create T1 [crash-report,bug,os:linux]',
    'update 7 body',
    'comment 7: moved',
    'update 8 body,state=open,stateReason=reopened',
    'comment 8: Regressed in 2.0.0',
    'comment 9: recovered',
    'update 9 state=closed,stateReason=completed',
    'create Dashboard [crash-report,bug]',
  ]);
  assert.deepEqual(
    results.map((result) => [result.kind, result.number, result.title, result.dryRun]),
    [
      ['create', 42, 'T1', false],
      ['update', 7, 'Edited 7', false],
      ['reopen', 8, 'Edited 8', false],
      ['close', 9, 'Edited 9', false],
      ['unchanged', 10, 'Edited 10', false],
      ['muted', 11, 'Edited 11', false],
      ['deferred', null, 'T4', false],
      ['report', 42, 'Dashboard', false],
    ],
  );
  assert.ok(log.includes('Reopened issue #8: Regressed in 2.0.0'));
});

test('dry run calls no write method and says what it would do', async () => {
  const { tracker, calls } = recordingTracker();
  const log: string[] = [];
  const results = await applyPlan(plan, {
    tracker,
    labels: ['crash-report'],
    dryRun: true,
    log: (line) => log.push(line),
  });
  assert.deepEqual(calls, []);
  assert.deepEqual(
    results.filter((result) => result.dryRun).map((result) => result.kind),
    ['create', 'update', 'reopen', 'close', 'report'],
  );
  assert.ok(log.includes('[dry-run] would open an issue: T1'));
  assert.ok(log.includes('[dry-run] would reopen issue #8: Edited 8 (with a comment)'));
  assert.ok(log.includes('[dry-run] 5 issue write(s) skipped.'));
});

test('a create is dropped when the issue appeared since the plan was made', async () => {
  const { tracker, calls } = recordingTracker();
  const log: string[] = [];
  let asked = 0;
  const results = await applyPlan(
    [
      { kind: 'create', draft: draft(1), body: 'B1' },
      { kind: 'create', draft: draft(2), body: 'B2' },
    ],
    {
      tracker,
      labels: ['crash-report'],
      dryRun: false,
      log: (line) => log.push(line),
      existingNow: async () => {
        asked += 1;
        return new Set(['f1']);
      },
    },
  );
  assert.equal(asked, 1);
  assert.deepEqual(calls, ['labels crash-report', 'create T2 [crash-report]']);
  assert.deepEqual(
    results.map((result) => result.kind),
    ['unchanged', 'create'],
  );
  assert.ok(log.includes('Not opened, another run opened it meanwhile: T1'));
});
