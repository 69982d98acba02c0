// Sharded runs: partials written per shard and merged must give exactly what a
// full run over the same inputs gives; broken or mismatched partials stop the merge.

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { strToU8 } from 'fflate';
import { createAggregator } from '../src/aggregate/aggregate-groups.ts';
import type { GroupFigures } from '../src/aggregate/aggregate-groups.ts';
import {
  createPartialWriter,
  intakeFingerprint,
  mergePartials,
  PARTIAL_FORMAT,
  PARTIAL_VERSION,
  PartialMergeError,
  partialLines,
} from '../src/partial/partial-format.ts';
import { PartialFormatError } from '../src/records/session-records.ts';
import type { PartialInput } from '../src/partial/partial-format.ts';
import { intake } from '../src/intake/intake.ts';
import type { IntakeTally } from '../src/intake/tally.ts';
import { lookbackStart, parseSettings } from '../src/settings.ts';
import type { GroupField } from '../src/settings.ts';
import { createPathSource } from '../src/sources/path-source.ts';
import type { Source, SourceEvent } from '../src/sources/source.ts';
import { inputFiles, writeInputs } from './fixtures/random-inputs.ts';
import { VALID_SUMMARY } from './fixtures/valid-summary.ts';

const NOW = new Date('2026-11-21T00:00:00Z');
const LOOKBACK = 7;
const WINDOW_START = lookbackStart(NOW, LOOKBACK);
const RUNS = Math.min(200, Number(process.env['PROPERTY_RUNS'] ?? 200));
const SETTINGS = parseSettings((name) => ({ path: 'data', 'lookback-days': String(LOOKBACK) })[name] ?? '');

const GROUPINGS: GroupField[][] = [
  ['os.platform', 'app.version'],
  ['os.platform', 'error_kind'],
  ['runtime.name', 'runtime.version', 'os.arch', 'ci', 'outcome'],
  ['app.name', 'os.version'],
];

/** What a run produces that sharding must not change. */
interface Outcome {
  tally: IntakeTally;
  groups: GroupFigures[][];
}

function aggregators() {
  return GROUPINGS.map((groupBy) => createAggregator(groupBy));
}

async function fullRun(sources: Source[]): Promise<Outcome> {
  const all = aggregators();
  const tally = await intake({
    sources,
    windowStart: WINDOW_START,
    now: NOW,
    onSession: (summary, run, times) => {
      for (const aggregator of all) aggregator.add(summary, run, times);
    },
  });
  return { tally, groups: all.map((aggregator) => aggregator.groups()) };
}

function header(index: number, count: number, overrides: Record<string, unknown> = {}) {
  return {
    format: PARTIAL_FORMAT,
    version: PARTIAL_VERSION,
    shard: { index, count },
    now: NOW.toISOString(),
    windowStart: WINDOW_START.toISOString(),
    lookbackDays: LOOKBACK,
    intake: intakeFingerprint(SETTINGS),
    ...overrides,
  } as Parameters<typeof createPartialWriter>[0];
}

/** A partial run of one shard, kept in memory. */
async function partialRun(sources: Source[], index: number, count: number): Promise<string[]> {
  const lines: string[] = [];
  const writer = createPartialWriter(header(index, count), (line) => lines.push(line));
  const tally = await intake({
    sources,
    windowStart: WINDOW_START,
    now: NOW,
    onInput: (input) => writer.beginInput(input),
    onSession: (summary, run, times) => writer.add(summary, run, times),
  });
  writer.end(tally);
  return lines;
}

async function* each(lines: string[]): AsyncGenerator<string> {
  yield* lines;
}

const inputsOf = (partials: string[][]): PartialInput[] =>
  partials.map((lines, index) => ({ name: `partial-${index + 1}`, lines: each(lines) }));

async function mergeRun(partials: string[][]): Promise<Outcome> {
  const all = aggregators();
  const { tally } = await mergePartials({
    partials: inputsOf(partials),
    windowStart: WINDOW_START,
    lookbackDays: LOOKBACK,
    onSession: (summary, run, times) => {
      for (const aggregator of all) aggregator.add(summary, run, times);
    },
  });
  return { tally, groups: all.map((aggregator) => aggregator.groups()) };
}

describe('sharded runs', () => {
  test(`merging every shard's partial gives exactly the full run (${RUNS} random inputs and shard counts)`, async () => {
    let merged = 0;
    let crossShardDuplicates = 0;
    await fc.assert(
      fc.asyncProperty(inputFiles(WINDOW_START, LOOKBACK), fc.integer({ min: 1, max: 6 }), async (files, count) => {
        const folder = await mkdtemp(join(tmpdir(), 'cra-shards-'));
        try {
          await writeInputs(folder, files);
          const sources = (shard?: { index: number; count: number }) => [createPathSource([folder], folder, shard)];
          const full = await fullRun(sources());
          const partials: string[][] = [];
          for (let index = 1; index <= count; index += 1)
            partials.push(await partialRun(sources({ index, count }), index, count));
          const sharded = await mergeRun(partials);
          assert.deepEqual(sharded, full);
          merged += 1;
          const perShard = partials
            .map((lines) => JSON.parse(lines.at(-1)!).end.tally.duplicates as number)
            .reduce((a, b) => a + b, 0);
          if (full.tally.duplicates > perShard) crossShardDuplicates += 1;
        } finally {
          await rm(folder, { recursive: true, force: true });
        }
      }),
      { numRuns: RUNS },
    );
    assert.equal(merged, RUNS);
    // The generator must actually produce the hard case: a session's copies in two shards.
    assert.ok(crossShardDuplicates > RUNS / 10, `only ${crossShardDuplicates} runs had duplicates across shards`);
  });

  test('sessions carry their workflow run through the partial', async () => {
    const run = { id: 7001, branch: 'main', url: 'https://github.com/o/r/actions/runs/7001' };
    const items = (shard?: { index: number; count: number }): Source => ({
      describe: () => 'two artifacts',
      async *read(): AsyncGenerator<SourceEvent> {
        const first = { ...VALID_SUMMARY, started_at: '2026-11-20T10:00:00Z', ended_at: '2026-11-20T10:01:00Z' };
        const second = {
          ...first,
          session_id: '5d0c7a1e-0000-4000-8000-000000000002',
          outcome: 'crash',
          error_kinds: { OSError: 1 },
        };
        const events: SourceEvent[] = [
          { kind: 'item', origin: 'a', name: 'a.json', bytes: strToU8(JSON.stringify(first)), run, seq: -2 },
          {
            kind: 'item',
            origin: 'b',
            name: 'b.json',
            bytes: strToU8(JSON.stringify([second, first])),
            run: { ...run, id: 7002, branch: null },
            seq: -1,
          },
        ];
        for (const [index, event] of events.entries())
          if (!shard || index % shard.count === shard.index - 1) yield event;
      },
    });
    const full = await fullRun([items()]);
    const sharded = await mergeRun([
      await partialRun([items({ index: 1, count: 2 })], 1, 2),
      await partialRun([items({ index: 2, count: 2 })], 2, 2),
    ]);
    assert.deepEqual(sharded, full);
    const windows = full.groups[0]!.find((group) => group.sessions === 2)!;
    assert.deepEqual(
      windows.runs.map((evidence) => [evidence.id, evidence.branch, evidence.erroredSessions]),
      [
        [7002, null, 1],
        [7001, 'main', 1],
      ],
    );
    assert.equal(full.tally.duplicates, 1);
  });

  test('the merge drops sessions that left its window since the shards ran', async () => {
    const started = new Date(WINDOW_START.getTime() + 3600_000).toISOString();
    const source: Source = {
      describe: () => 'one file',
      async *read() {
        yield {
          kind: 'item',
          origin: 'a',
          name: 'a.json',
          bytes: strToU8(JSON.stringify({ ...VALID_SUMMARY, started_at: started, ended_at: started })),
          run: null,
          seq: 1,
        };
      },
    };
    const lines = await partialRun([source], 1, 1);
    const { tally } = await mergePartials({
      partials: inputsOf([lines]),
      windowStart: new Date(WINDOW_START.getTime() + 2 * 3600_000),
      lookbackDays: LOOKBACK,
      onSession: () => assert.fail('no session is inside the later window'),
    });
    assert.deepEqual([tally.accepted, tally.outsideWindow], [0, 1]);
  });
});

describe('a merge refuses partials it cannot combine exactly', () => {
  const one = (index: number, count: number, overrides: Record<string, unknown> = {}, body: string[] = []) => {
    const lines: string[] = [];
    const writer = createPartialWriter(header(index, count, overrides), (line) => lines.push(line));
    writer.end({
      inputsRead: 0,
      itemsRead: 0,
      bytesRead: 0,
      skipped: {},
      records: 0,
      accepted: 0,
      rejected: 0,
      rejectedReasons: {},
      privacy: {},
      duplicates: 0,
      outsideWindow: 0,
      limitReached: null,
    });
    return [...lines.slice(0, -1), ...body, lines.at(-1)!];
  };
  const merge = (partials: string[][]) =>
    mergePartials({
      partials: inputsOf(partials),
      windowStart: WINDOW_START,
      lookbackDays: LOOKBACK,
      onSession: () => {},
    });
  const cases: [string, () => string[][], RegExp][] = [
    ['a missing shard', () => [one(1, 3), one(3, 3)], /^Shard\(s\) 2 of 3 are missing/],
    ['a shard twice', () => [one(1, 2), one(1, 2), one(2, 2)], /^partial-2 and partial-1 are both shard 1\/2/],
    ['shards of two matrices', () => [one(1, 2), one(2, 3)], /^partial-2 is shard 2\/3, but partial-1 is one of 2/],
    [
      'other intake settings',
      () => [one(1, 2), one(2, 2, { intake: '0000000000000000' })],
      /^partial-2 was read with other settings than partial-1/,
    ],
    [
      'another lookback',
      () => [one(1, 1, { lookbackDays: 14 })],
      /^partial-1 was read with lookback-days 14; this run's is 7/,
    ],
    [
      'the format before the field table',
      () => [one(1, 1, { version: 1 })],
      /^partial-1 is partial format version 1; this release reads version 2-[0-9a-f]{12} /,
    ],
    [
      'another summary schema',
      () => [one(1, 1, { version: '2-000000000000' })],
      /^partial-1 is partial format version 2-000000000000; this release reads version 2-[0-9a-f]{12} \(the part after the dash follows the summary schema\)/,
    ],
    ['not a partial', () => [['{"schema_version":1}']], /^partial-1 is not a crash-report-aggregator partial/],
    ['a cut-off partial', () => [one(1, 1).slice(0, -1)], /^partial-1: it ends without its end line/],
    [
      'records before any input',
      () => [one(1, 1, {}, ['{"sessions":"AAAA","count":1}'])],
      /^partial-1: sessions come before the first input/,
    ],
    [
      'an unknown configuration',
      () => [
        one(1, 1, {}, [
          '{"input":{"source":0,"seq":1}}',
          `{"sessions":"${Buffer.alloc(24, 1).toString('base64')}","count":1}`,
        ]),
      ],
      /^partial-1: a session record names a configuration not defined before it/,
    ],
    [
      'inputs out of order',
      () => [one(1, 1, {}, ['{"input":{"source":0,"seq":5}}', '{"input":{"source":0,"seq":2}}'])],
      /^partial-1: its inputs are out of reading order/,
    ],
    [
      'a wrong session count',
      () => [
        [
          ...one(1, 1).slice(0, -1),
          '{"end":{"tally":{"inputsRead":0,"itemsRead":0,"bytesRead":0,"skipped":{},"records":0,"accepted":0,"rejected":0,"rejectedReasons":{},"privacy":{},"duplicates":0,"outsideWindow":0,"limitReached":null},"sessions":3}}',
        ],
      ],
      /^partial-1: its end line counts 3 sessions but it holds 0/,
    ],
    [
      'a forged tally',
      () => [[...one(1, 1).slice(0, -1), '{"end":{"tally":{"records":-1},"sessions":0}}']],
      /^partial-1: the tally's inputsRead is not a count/,
    ],
  ];
  for (const [name, partials, message] of cases) {
    test(name, async () => {
      await assert.rejects(
        merge(partials()),
        (error: unknown) => error instanceof PartialMergeError && message.test(error.message),
      );
    });
  }

  test('a writer refuses inputs out of reading order', () => {
    const writer = createPartialWriter(header(1, 1), () => {});
    writer.beginInput({ source: 0, seq: 3 });
    assert.throws(() => writer.beginInput({ source: 0, seq: 3 }), /Inputs out of reading order/);
  });
});

test('a partial is read line by line from chunks cut anywhere; a line of a megabyte comes whole, blank ones go, one that is not UTF-8 stops the read', async () => {
  const long = 'x'.repeat(1_400_000);
  const bytes = strToU8(`{"a":1}\n${long}\r\n\n{"b":2}`);
  const read = async (chunks: Uint8Array[]) => {
    const lines: string[] = [];
    for await (const line of partialLines(chunks)) lines.push(line);
    return lines;
  };
  const whole = await read([bytes]);
  // A blank line carries nothing in NDJSON: it may be left out.
  assert.deepEqual(
    whole.map((line) => line.length),
    [7, 1_400_001, 7],
  );
  assert.equal(whole[1], `${long}\r`);
  // Chunks of 7 bytes, and of 64 KiB + 1: the same lines.
  for (const size of [7, 65_537]) {
    const chunks = Array.from({ length: Math.ceil(bytes.byteLength / size) }, (_, n) =>
      bytes.subarray(n * size, (n + 1) * size),
    );
    assert.deepEqual(await read(chunks), whole, `chunks of ${size}`);
  }
  await assert.rejects(
    read([strToU8('{"a":1}\n'), new Uint8Array([0xff, 0xfe, 0x0a])]),
    (error: unknown) => error instanceof PartialFormatError && /not UTF-8/.test(error.message),
  );
});
