// The kept state: results stored at the end of a run come back whole on the
// next; damaged, forged or foreign ones are refused with a warning.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { InputCapture } from '../src/intake/input-result.ts';
import type { InputResult } from '../src/intake/input-result.ts';
import { validateSummary } from '../src/records/validate-summary.ts';
import { emptyTally } from '../src/intake/tally.ts';
import { openArtifactState, readingFingerprint } from '../src/state/artifact-state.ts';
import { compileLogPattern, DEFAULT_LOG_PATTERN } from '../src/intake/formats/session-log.ts';
import { VALID_SUMMARY } from './fixtures/valid-summary.ts';

const READING = readingFingerprint({ format: 'auto', appName: null, appVersion: null, logPattern: compileLogPattern(DEFAULT_LOG_PATTERN) });
const run = { id: 11, branch: 'main', url: 'https://github.com/o/r/actions/runs/11' };

/** The result of an input holding `count` valid sessions and one rejected record. */
function resultOf(count: number): InputResult {
  const before = emptyTally();
  const capture = new InputCapture(before);
  const after = emptyTally();
  for (let n = 1; n <= count; n += 1) {
    const checked = validateSummary({ ...VALID_SUMMARY, session_id: `5d0c7a1e-0000-4000-8000-${String(n).padStart(12, '0')}` });
    assert.ok(checked.ok);
    capture.add(checked.summary, run, checked);
    after.records += 1;
  }
  after.records += 1;
  after.rejected += 1;
  after.rejectedReasons['invalid-json'] = 1;
  return capture.finish(after);
}

test('results put in one run come back whole in the next; artifacts that left the window are dropped', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cra-state-'));
  const warnings: string[] = [];
  const first = await openArtifactState(dir, READING, false, (message) => warnings.push(message));
  assert.match(warnings[0]!, /No state at .* yet/);
  first.keep(new Set([1, 2]));
  first.put({ id: 1, name: 'a', created_at: null }, resultOf(3));
  first.put({ id: 2, name: 'b', created_at: null }, resultOf(1));
  await first.finish();
  assert.deepEqual((await readdir(dir)).sort(), ['artifact-1.json', 'artifact-2.json', 'index.json']);

  const second = await openArtifactState(dir, READING, false, (message) => warnings.push(message));
  const back = await second.get({ id: 1, name: 'a' });
  assert.deepEqual(back, resultOf(3));
  assert.equal(back?.tally.rejectedReasons['invalid-json'], 1);
  assert.equal(await second.get({ id: 1, name: 'renamed' }), null, 'another artifact under the same ID is not taken');
  second.keep(new Set([1]));
  await second.finish();
  assert.deepEqual(second.stats, { fromState: 1, stored: 0, rejected: 0, dropped: 1 });
  assert.deepEqual((await readdir(dir)).sort(), ['artifact-1.json', 'index.json']);
  assert.equal(warnings.length, 1);
});

test('a result whose hash matches but whose records do not decode is refused', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cra-state-'));
  const state = await openArtifactState(dir, READING, false, () => {});
  state.keep(new Set([5]));
  state.put({ id: 5, name: 'a', created_at: null }, resultOf(2));
  await state.finish();
  // Forge: cut the records short, and write the new hash into the index, as a cache writer could.
  const file = join(dir, 'artifact-5.json');
  const stored = JSON.parse(await readFile(file, 'utf8')) as { sessions: string };
  stored.sessions = Buffer.from(stored.sessions, 'base64').subarray(0, 20).toString('base64');
  const text = JSON.stringify(stored);
  await writeFile(file, text);
  const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as { artifacts: Record<string, { sha256: string; size: number }> };
  index.artifacts['5'] = { ...index.artifacts['5']!, sha256: createHash('sha256').update(text).digest('hex'), size: Buffer.byteLength(text) };
  await writeFile(join(dir, 'index.json'), JSON.stringify(index));
  const warnings: string[] = [];
  const reopened = await openArtifactState(dir, READING, false, (message) => warnings.push(message));
  assert.equal(await reopened.get({ id: 5, name: 'a' }), null);
  assert.deepEqual(warnings, ['The stored result of artifact #5 failed its check; downloading it again.']);
  assert.equal(reopened.stats.rejected, 1);
});

test('results read with other settings are not used, and a dry run writes nothing', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cra-state-'));
  const state = await openArtifactState(dir, READING, false, () => {});
  state.keep(new Set([7]));
  state.put({ id: 7, name: 'a', created_at: null }, resultOf(1));
  await state.finish();
  const warnings: string[] = [];
  const other = await openArtifactState(dir, readingFingerprint({ format: 'segment', appName: 'x', appVersion: null, logPattern: /$^/ }), false, (message) => warnings.push(message));
  assert.equal(await other.get({ id: 7, name: 'a' }), null);
  assert.match(warnings[0]!, /was read with other settings/);
  const dry = await openArtifactState(dir, READING, true, () => {});
  dry.keep(new Set());
  dry.put({ id: 8, name: 'b', created_at: null }, resultOf(1));
  await dry.finish();
  assert.deepEqual((await readdir(dir)).sort(), ['artifact-7.json', 'index.json']);
});

test('a state kept by a release of another summary schema (another field table) is not read: a full download, with a warning', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cra-state-'));
  const first = await openArtifactState(dir, READING, false, () => {});
  first.keep(new Set([1]));
  first.put({ id: 1, name: 'a', created_at: null }, resultOf(2));
  await first.finish();
  const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as { version: string };
  assert.match(index.version, /^3-[0-9a-f]{12}$/, 'the version carries the field table hash');
  for (const version of [2, '3-000000000000']) {
    await writeFile(join(dir, 'index.json'), JSON.stringify({ ...index, version }));
    const warnings: string[] = [];
    const again = await openArtifactState(dir, READING, false, (message) => warnings.push(message));
    assert.equal(await again.get({ id: 1, name: 'a' }), null, `version ${version}`);
    assert.match(warnings[0]!, /is unreadable or of another version: every artifact in the window is downloaded again/);
  }
  // A stored result of another field table is refused too, even under an index that says this one.
  const stored = JSON.parse(await readFile(join(dir, 'artifact-1.json'), 'utf8')) as Record<string, unknown>;
  const text = JSON.stringify({ ...stored, version: '3-000000000000' });
  await writeFile(join(dir, 'artifact-1.json'), text);
  const entries = (index as unknown as { artifacts: Record<string, { sha256: string; size: number }> }).artifacts;
  entries['1']!.sha256 = createHash('sha256').update(text).digest('hex');
  entries['1']!.size = Buffer.byteLength(text);
  await writeFile(join(dir, 'index.json'), JSON.stringify(index));
  const forged = await openArtifactState(dir, READING, false, () => {});
  assert.equal(await forged.get({ id: 1, name: 'a' }), null);
  assert.equal(forged.stats.rejected, 1);
});
