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
import type { ArtifactState } from '../src/state/artifact-state.ts';
import { compileLogPattern, DEFAULT_LOG_PATTERN } from '../src/intake/formats/session-log.ts';
import { VALID_SUMMARY } from './fixtures/valid-summary.ts';

const READING = readingFingerprint({
  format: 'auto',
  appName: null,
  appVersion: null,
  logPattern: compileLogPattern(DEFAULT_LOG_PATTERN),
});
const run = { id: 11, branch: 'main', url: 'https://github.com/o/r/actions/runs/11' };

/** The result of an input holding `count` valid sessions and one rejected record. */
function resultOf(count: number): InputResult {
  const before = emptyTally();
  const capture = new InputCapture(before);
  const after = emptyTally();
  for (let n = 1; n <= count; n += 1) {
    const checked = validateSummary({
      ...VALID_SUMMARY,
      session_id: `5d0c7a1e-0000-4000-8000-${String(n).padStart(12, '0')}`,
    });
    assert.ok(checked.ok);
    capture.add(checked.summary, run, checked);
    after.records += 1;
  }
  after.records += 1;
  after.rejected += 1;
  after.rejectedReasons['invalid-json'] = 1;
  return capture.finish(after);
}

const keyOf = (id: number, name: string) => `artifact ${id} ${name}`;
/** The stored file of a key: named by a hash of it, never by anything from the artifact. */
const fileName = (id: number, name: string) =>
  `artifact-${createHash('sha256').update(keyOf(id, name)).digest('hex').slice(0, 24)}.json`;
/** The result held for an artifact, as intake gets it: the source asks holds(), intake takes it. */
async function held(state: ArtifactState, id: number, name: string): Promise<InputResult | null> {
  return (await state.holds({ key: keyOf(id, name), label: `artifact #${id}` })) ? state.take(keyOf(id, name)) : null;
}

test('results put in one run come back whole in the next; artifacts that left the window are dropped', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cra-state-'));
  const warnings: string[] = [];
  const first = await openArtifactState(dir, READING, false, (message) => warnings.push(message));
  assert.match(warnings[0]!, /No state at .* yet/);
  first.window([keyOf(1, 'a'), keyOf(2, 'b')]);
  first.put(keyOf(1, 'a'), resultOf(3));
  first.put(keyOf(2, 'b'), resultOf(1));
  await first.finish();
  assert.deepEqual((await readdir(dir)).sort(), [fileName(1, 'a'), fileName(2, 'b'), 'index.json'].sort());

  const second = await openArtifactState(dir, READING, false, (message) => warnings.push(message));
  const back = await held(second, 1, 'a');
  assert.deepEqual(back, resultOf(3));
  assert.equal(back?.tally.rejectedReasons['invalid-json'], 1);
  assert.equal(await held(second, 1, 'renamed'), null, 'another artifact under the same ID is not taken');
  second.window([keyOf(1, 'a')]);
  await second.finish();
  assert.deepEqual(second.stats, { fromState: 1, stored: 0, rejected: 0, dropped: 1 });
  assert.deepEqual((await readdir(dir)).sort(), [fileName(1, 'a'), 'index.json'].sort());
  assert.equal(warnings.length, 1);
});

test('a result whose hash matches but whose records do not decode is refused', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cra-state-'));
  const state = await openArtifactState(dir, READING, false, () => {});
  state.window([keyOf(5, 'a')]);
  state.put(keyOf(5, 'a'), resultOf(2));
  await state.finish();
  // Forge: cut the records short, and write the new hash into the index, as a cache writer could.
  const file = join(dir, fileName(5, 'a'));
  const stored = JSON.parse(await readFile(file, 'utf8')) as { sessions: string };
  stored.sessions = Buffer.from(stored.sessions, 'base64').subarray(0, 20).toString('base64');
  const text = JSON.stringify(stored);
  await writeFile(file, text);
  const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as {
    artifacts: Record<string, { sha256: string; size: number }>;
  };
  index.artifacts[keyOf(5, 'a')] = {
    ...index.artifacts[keyOf(5, 'a')]!,
    sha256: createHash('sha256').update(text).digest('hex'),
    size: Buffer.byteLength(text),
  };
  await writeFile(join(dir, 'index.json'), JSON.stringify(index));
  const warnings: string[] = [];
  const reopened = await openArtifactState(dir, READING, false, (message) => warnings.push(message));
  assert.equal(await held(reopened, 5, 'a'), null);
  assert.deepEqual(warnings, ['The stored result of artifact #5 failed its check; downloading it again.']);
  assert.equal(reopened.stats.rejected, 1);
});

test('results read with other settings are not used, and a dry run writes nothing', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cra-state-'));
  const state = await openArtifactState(dir, READING, false, () => {});
  state.window([keyOf(7, 'a')]);
  state.put(keyOf(7, 'a'), resultOf(1));
  await state.finish();
  const warnings: string[] = [];
  const other = await openArtifactState(
    dir,
    readingFingerprint({ format: 'segment', appName: 'x', appVersion: null, logPattern: /$^/ }),
    false,
    (message) => warnings.push(message),
  );
  assert.equal(await held(other, 7, 'a'), null);
  assert.match(warnings[0]!, /was read with other settings/);
  const dry = await openArtifactState(dir, READING, true, () => {});
  dry.window([]);
  dry.put(keyOf(8, 'b'), resultOf(1));
  await dry.finish();
  assert.deepEqual((await readdir(dir)).sort(), [fileName(7, 'a'), 'index.json'].sort());
});

test('a state kept by a release of another summary schema (another field table) is not read: a full download, with a warning', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cra-state-'));
  const first = await openArtifactState(dir, READING, false, () => {});
  first.window([keyOf(1, 'a')]);
  first.put(keyOf(1, 'a'), resultOf(2));
  await first.finish();
  const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as { version: string };
  assert.match(index.version, /^3-[0-9a-f]{12}$/, 'the version carries the field table hash');
  for (const version of [2, '3-000000000000']) {
    await writeFile(join(dir, 'index.json'), JSON.stringify({ ...index, version }));
    const warnings: string[] = [];
    const again = await openArtifactState(dir, READING, false, (message) => warnings.push(message));
    assert.equal(await held(again, 1, 'a'), null, `version ${version}`);
    assert.match(warnings[0]!, /is unreadable or of another version: every artifact in the window is downloaded again/);
  }
  // A stored result of another field table is refused too, even under an index that says this one.
  const stored = JSON.parse(await readFile(join(dir, fileName(1, 'a')), 'utf8')) as Record<string, unknown>;
  const text = JSON.stringify({ ...stored, version: '3-000000000000' });
  await writeFile(join(dir, fileName(1, 'a')), text);
  const entries = (index as unknown as { artifacts: Record<string, { sha256: string; size: number }> }).artifacts;
  entries[keyOf(1, 'a')]!.sha256 = createHash('sha256').update(text).digest('hex');
  entries[keyOf(1, 'a')]!.size = Buffer.byteLength(text);
  await writeFile(join(dir, 'index.json'), JSON.stringify(index));
  const forged = await openArtifactState(dir, READING, false, () => {});
  assert.equal(await held(forged, 1, 'a'), null);
  assert.equal(forged.stats.rejected, 1);
});
