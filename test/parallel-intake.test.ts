// The intake over worker threads must give exactly what the one-thread intake gives.

import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { createAggregator } from '../src/aggregate/aggregate-groups.ts';
import { intake } from '../src/intake/intake.ts';
import type { IntakeOptions } from '../src/intake/intake.ts';
import { intakeInWorkers } from '../src/intake/parallel-intake.ts';
import { lookbackStart } from '../src/settings.ts';
import { createPathSource, STREAM_FROM_BYTES } from '../src/sources/path-source.ts';
import { inputFiles, writeInputs } from './fixtures/random-inputs.ts';
import { VALID_SUMMARY } from './fixtures/valid-summary.ts';

const NOW = new Date('2026-11-21T00:00:00Z');
const LOOKBACK = 7;
const WINDOW_START = lookbackStart(NOW, LOOKBACK);
const WORKER = new URL('../src/intake-worker.ts', import.meta.url);

/** The intake with `workers` worker threads beside the main thread; 0 reads in the main thread alone. */
async function run(folder: string, workers: number, limits?: IntakeOptions['limits'], fastPath = true) {
  const aggregators = [
    createAggregator(['os.platform', 'app.version']),
    createAggregator(['runtime.version', 'error_kind']),
  ];
  const inputs: number[] = [];
  const options: IntakeOptions = {
    sources: [createPathSource([folder], folder)],
    windowStart: WINDOW_START,
    now: NOW,
    onInput: (input) => inputs.push(input.seq),
    onSession: (summary, run, times) => {
      for (const aggregator of aggregators) aggregator.add(summary, run, times);
    },
    ...(limits ? { limits } : {}),
    fastPath,
  };
  const tally = workers > 0 ? await intakeInWorkers(options, { count: workers, url: WORKER }) : await intake(options);
  return { tally, groups: aggregators.map((aggregator) => aggregator.groups()), inputs };
}

test('worker threads give exactly the one-thread figures (random inputs, 1 to 3 workers)', async () => {
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(inputFiles(WINDOW_START, LOOKBACK), fc.integer({ min: 1, max: 3 }), async (files, workers) => {
      const folder = await mkdtemp(join(tmpdir(), 'cra-workers-'));
      try {
        await writeInputs(folder, files);
        assert.deepEqual(await run(folder, workers), await run(folder, 0));
        runs += 1;
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    }),
    { numRuns: 12 },
  );
  assert.equal(runs, 12);
});

test('with the fast path off, every line the full way: the same figures on one thread and on worker threads', async () => {
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(inputFiles(WINDOW_START, LOOKBACK), fc.integer({ min: 0, max: 2 }), async (files, workers) => {
      const folder = await mkdtemp(join(tmpdir(), 'cra-full-way-'));
      try {
        await writeInputs(folder, files);
        assert.deepEqual(await run(folder, workers, undefined, false), await run(folder, 0));
        runs += 1;
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    }),
    { numRuns: 12 },
  );
  assert.equal(runs, 12);
});

test('a large NDJSON file is shared between the workers in pieces of whole lines, counted as one input', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'cra-workers-'));
  try {
    const line = (n: number) =>
      JSON.stringify({
        ...VALID_SUMMARY,
        session_id: `5d0c7a1e-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
        started_at: '2026-11-20T10:00:00Z',
        ended_at: '2026-11-20T10:00:30Z',
      });
    const lines: string[] = [];
    let size = 0;
    for (let n = 0; size <= STREAM_FROM_BYTES; n += 1) {
      lines.push(line(n % 20_000));
      size += lines.at(-1)!.length + 1;
    }
    await writeFile(join(folder, 'big.ndjson'), lines.join('\n'));
    await writeFile(join(folder, 'small.jsonl'), [line(1), line(30_000), '{oops'].join('\n'));
    const parallel = await run(folder, 2);
    assert.deepEqual(parallel, await run(folder, 0));
    // One worker thread beside the main thread (workers: 2 on two cores) reads every piece.
    assert.deepEqual(await run(folder, 1), parallel);
    assert.equal(parallel.tally.inputsRead, 2);
    assert.equal(parallel.inputs.length, 2);
    assert.equal(parallel.tally.accepted, Math.min(lines.length, 20_000) + 1);
    assert.equal(parallel.tally.duplicates, lines.length - Math.min(lines.length, 20_000) + 1);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});

test('run limits are shared out between the workers and still stop the run', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'cra-workers-'));
  try {
    const line = (n: number) =>
      JSON.stringify({
        ...VALID_SUMMARY,
        session_id: `5d0c7a1e-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
        started_at: '2026-11-20T10:00:00Z',
        ended_at: '2026-11-20T10:00:30Z',
      });
    for (let file = 0; file < 6; file += 1)
      await writeFile(
        join(folder, `f${file}.jsonl`),
        Array.from({ length: 10 }, (_, n) => line(file * 10 + n)).join('\n'),
      );
    const limited = await run(folder, 2, { maxInputs: 100, maxBytes: 1 << 30, maxRecords: 30 });
    assert.equal(limited.tally.limitReached, 'max-records');
    assert.equal(limited.tally.records, 30);
    assert.equal(limited.tally.accepted, 30);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});

test("a large file's pieces count their own bytes, so a run under the byte limit is not stopped by one worker's share", async () => {
  const folder = await mkdtemp(join(tmpdir(), 'cra-workers-'));
  try {
    const line = (n: number) =>
      JSON.stringify({
        ...VALID_SUMMARY,
        session_id: `5d0c7a1e-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
        started_at: '2026-11-20T10:00:00Z',
        ended_at: '2026-11-20T10:00:30Z',
      });
    const lines: string[] = [];
    for (let n = 0, size = 0; size <= STREAM_FROM_BYTES + 1_000_000; n += 1) {
      lines.push(line(n));
      size += lines.at(-1)!.length + 1;
    }
    const text = lines.join('\n');
    await writeFile(join(folder, 'big.ndjson'), text);
    // Two workers get half of this each: less than the file, more than half of it.
    const limits = { maxInputs: 100, maxBytes: Math.ceil(text.length * 1.3), maxRecords: 1_000_000 };
    const parallel = await run(folder, 2, limits);
    assert.equal(parallel.tally.limitReached, null);
    assert.equal(parallel.tally.bytesRead, text.length);
    assert.deepEqual(parallel, await run(folder, 0, limits));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
