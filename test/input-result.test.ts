// Results kept from an earlier run stand in for reading the inputs again: a run
// from them must count exactly what reading the inputs would count, whatever
// the earlier run's clock and window were.

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { createAggregator } from '../src/aggregate/aggregate-groups.ts';
import { intake } from '../src/intake/intake.ts';
import type { InputCache, IntakeOptions } from '../src/intake/intake.ts';
import type { InputResult } from '../src/intake/input-result.ts';
import { intakeInWorkers } from '../src/intake/parallel-intake.ts';
import { lookbackStart } from '../src/settings.ts';
import { createPathSource } from '../src/sources/path-source.ts';
import type { Source, SourceEvent } from '../src/sources/source.ts';
import { inputFiles, writeInputs } from './fixtures/random-inputs.ts';

const NOW = new Date('2026-11-21T00:00:00Z');
const LOOKBACK = 7;
const WINDOW_START = lookbackStart(NOW, LOOKBACK);
const WORKER = new URL('../src/intake-worker.ts', import.meta.url);

/** The inputs of `inner`, keyed by where they came from: intake hands the result of each to the cache. */
function keyed(inner: Source): Source {
  return {
    describe: () => inner.describe(),
    async *read(): AsyncGenerator<SourceEvent> {
      for await (const event of inner.read()) yield event.kind === 'item' ? { ...event, key: event.origin } : event;
    },
  };
}

/** The inputs of `inner`, yielded as held where `store` keeps their result: no bytes are read. */
function recalling(inner: Source, store: Map<string, InputResult>): Source {
  return {
    describe: () => inner.describe(),
    async *read(): AsyncGenerator<SourceEvent> {
      for await (const event of inner.read()) {
        yield event.kind === 'item' && store.has(event.origin)
          ? {
              kind: 'held',
              origin: event.origin,
              key: event.origin,
              run: event.run,
              ...(event.seq === undefined ? {} : { seq: event.seq }),
            }
          : event;
      }
    },
  };
}

/** A cache over a map, as the artifact state is one over files. */
const cacheOver = (store: Map<string, InputResult>): InputCache => ({
  take: (key) => store.get(key) ?? null,
  put: (key, result) => void store.set(key, result),
});

async function run(source: Source, now: Date, workers: number, cache?: InputCache) {
  const aggregators = [
    createAggregator(['os.platform', 'app.version']),
    createAggregator(['runtime.version', 'error_kind']),
  ];
  const options: IntakeOptions = {
    sources: [source],
    ...(cache ? { cache } : {}),
    windowStart: lookbackStart(now, LOOKBACK),
    now,
    onSession: (summary, run, times) => {
      for (const aggregator of aggregators) aggregator.add(summary, run, times);
    },
  };
  const tally = workers > 1 ? await intakeInWorkers(options, { count: workers, url: WORKER }) : await intake(options);
  return { tally, groups: aggregators.map((aggregator) => aggregator.groups()) };
}

test('a run from kept results counts what reading the inputs counts (random inputs, earlier clocks, 1 and 2 threads)', async () => {
  let runs = 0;
  let clockDiffers = 0;
  await fc.assert(
    fc.asyncProperty(
      inputFiles(WINDOW_START, LOOKBACK),
      fc.integer({ min: 1, max: 3 * 24 }),
      fc.integer({ min: 1, max: 2 }),
      fc.integer({ min: 1, max: 2 }),
      async (files, hoursEarlier, firstThreads, secondThreads) => {
        const folder = await mkdtemp(join(tmpdir(), 'cra-results-'));
        try {
          await writeInputs(folder, files);
          const source = () => createPathSource([folder], folder);
          const store = new Map<string, InputResult>();
          const earlier = new Date(NOW.getTime() - hoursEarlier * 3_600_000);
          const first = await run(keyed(source()), earlier, firstThreads, cacheOver(store));
          assert.equal(store.size, first.tally.inputsRead, 'every input read is kept');
          const fresh = await run(source(), NOW, 1);
          const kept = await run(recalling(source(), store), NOW, secondThreads, cacheOver(store));
          assert.deepEqual(kept, fresh);
          if (
            (first.tally.rejectedReasons['started-in-future'] ?? 0) > 0 ||
            first.tally.outsideWindow !== fresh.tally.outsideWindow
          )
            clockDiffers += 1;
          runs += 1;
        } finally {
          await rm(folder, { recursive: true, force: true });
        }
      },
    ),
    { numRuns: 40 },
  );
  assert.equal(runs, 40);
  // The earlier run must often have seen other windows and clocks, or the test proves little.
  assert.ok(clockDiffers > 10, `only ${clockDiffers} runs had window or clock differences`);
});
