// A run with more distinct configurations than max-configurations: the long tail
// is folded, counted, and kept out of the problem search, so the real problem beside
// it is still found, in bounded memory.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createAggregator } from '../src/aggregate/aggregate-groups.ts';
import { findRunProblems } from '../src/problems/judge-problems.ts';
import { parseSettings } from '../src/settings.ts';
import type { SessionSummary } from '../src/records/session-summary.ts';
import { VALID_SUMMARY } from './fixtures/valid-summary.ts';

const session = (index: number, platform: 'linux' | 'windows', version: string, errored: boolean): SessionSummary => ({
  ...(VALID_SUMMARY as SessionSummary),
  session_id: `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`,
  install_id: `11111111-0000-4000-8000-${(index % 997).toString(16).padStart(12, '0')}`,
  app: { name: 'octo-cli', version },
  os: { platform },
  error_lines: errored ? 1 : 0,
  outcome: errored ? 'error' : 'ok',
  error_kinds: {},
});

test('past max-configurations the smallest configurations are folded first, counted, and the problem beside them is found', () => {
  const settings = parseSettings((name) => ({ path: 'x', 'max-configurations': '50' })[name] ?? '');
  const aggregator = createAggregator(settings.groupBy);
  let index = 0;
  // The real data: two platforms on one version, Windows at 30%.
  for (let i = 0; i < 400; i += 1) aggregator.add(session(index++, 'linux', '2.4.0', i % 33 === 0), null);
  for (let i = 0; i < 300; i += 1) aggregator.add(session(index++, 'windows', '2.4.0', i % 10 < 3), null);
  // A producer bug: every session its own version, none errored; and 60 versions of 12 sessions at the baseline 3%.
  for (let i = 0; i < 5000; i += 1) aggregator.add(session(index++, 'linux', `2.4.0+build.${i}`, false), null);
  for (let v = 0; v < 60; v += 1)
    for (let i = 0; i < 12; i += 1)
      aggregator.add(session(index++, 'linux', `3.0.${v}`, (v * 12 + i) % 33 === 0), null);
  const folded = aggregator.fold(settings.maxConfigurations, settings.minSessions);
  // All 5,000 single-session configurations (under min-sessions), then 12 of the 60 to leave 50.
  assert.equal(folded.configurations, 5012);
  assert.equal(folded.sessions, 5000 + 12 * 12);
  assert.equal(aggregator.groups().length, 50);
  // What was folded plus what is left is everything that was added.
  const left = aggregator.groups();
  assert.equal(folded.sessions + left.reduce((sum, group) => sum + group.sessions, 0), index);
  assert.equal(left.length + folded.configurations, 2 + 5000 + 60);
  const findings = findRunProblems(aggregator, settings);
  assert.deepEqual(
    findings.problems.map((problem) => problem.problem.label),
    ['os.platform windows, app.version 2.4.0'],
  );
});

test('under max-configurations nothing is folded, however small the configurations', () => {
  const aggregator = createAggregator(['os.platform', 'app.version']);
  for (let i = 0; i < 20; i += 1) aggregator.add(session(i, 'linux', `1.0.${i}`, false), null);
  assert.deepEqual(aggregator.fold(20, 10), { configurations: 0, sessions: 0, erroredSessions: 0 });
  assert.equal(aggregator.groups().length, 20);
});

test('with a live limit, no more configurations are kept than the limit while sessions come in, and the problem is still found', () => {
  const settings = parseSettings((name) => ({ path: 'x', 'max-configurations': '50' })[name] ?? '');
  const live = 200;
  const aggregator = createAggregator(settings.groupBy, { live });
  let index = 0;
  let most = 0;
  // The flood and the real data interleaved: every tenth session is real.
  for (let i = 0; i < 20_000; i += 1) {
    if (i % 10 === 0) {
      const windows = i % 20 === 0;
      aggregator.add(
        session(index++, windows ? 'windows' : 'linux', '2.4.0', windows ? i % 60 === 0 : i % 330 === 10),
        null,
      );
    } else aggregator.add(session(index++, 'linux', `2.4.0+build.${i}`, false), null);
    if (i % 97 === 0) most = Math.max(most, aggregator.cells().configs.length);
  }
  assert.ok(most <= live, `${most} configurations kept at once`);
  const folded = aggregator.fold(settings.maxConfigurations, settings.minSessions);
  const left = aggregator.groups();
  // Every session is counted once, kept or folded.
  assert.equal(folded.sessions + left.reduce((sum, group) => sum + group.sessions, 0), index);
  assert.equal(folded.sessions, 18_000);
  assert.deepEqual(left.map((group) => `${group.fields[0]!.value} ${group.sessions}`).sort(), [
    'linux 1000',
    'windows 1000',
  ]);
  const findings = findRunProblems(aggregator, settings);
  assert.deepEqual(
    findings.problems.map((problem) => problem.problem.label),
    ['os.platform windows, app.version 2.4.0'],
  );
});
