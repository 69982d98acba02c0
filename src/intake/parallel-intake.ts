// The intake spread over worker threads. The main thread reads the sources (files,
// downloads) and hands each input to the least busy worker; workers parse, screen,
// validate and encode accepted sessions as compact records; the main thread takes
// the results back in input order, drops duplicates and feeds the aggregators.
// Same order, same first copy of each session: the figures equal a one-thread run.

import type { MessagePort } from 'node:worker_threads';
import { Worker } from 'node:worker_threads';
import type { FormatSetting } from './formats/record-shape.ts';
import { PartialFormatError, SessionRecordReader, SessionRecordWriter } from '../records/session-records.ts';
import type { ConfigTuple } from '../records/session-records.ts';
import type { RunRef, SourceHeld, SourceItem } from '../sources/source.ts';
import { intake } from './intake.ts';
import { createDeduplicator } from './dedupe.ts';
import { DEFAULT_LIMITS, defaultAdapter } from './intake-defaults.ts';
import type { RunLimits } from './intake-defaults.ts';
import type { InputResult } from './input-result.ts';
import { emptyTally, sumTallies } from './tally.ts';
import type { IntakeTally } from './tally.ts';
import { lineBlocks } from '../records/parse-records.ts';
import { recordFormatOf } from '../sources/file-kinds.ts';
import type { IntakeOptions } from './intake.ts';

/** What a worker needs to read records as the main thread would. */
export interface WorkerSetup {
  adapter: {
    format: FormatSetting;
    appName: string | null;
    appVersion: string | null;
    logPattern: { source: string; flags: string };
  };
  windowStartMs: number;
  nowMs: number;
  limits: RunLimits;
  fastPath: boolean;
}

interface WireItem {
  origin: string;
  name: string;
  bytes: Uint8Array;
  /** Lines to read before `bytes`: those of a large file that did not fit in the moved chunk (see piecesOf). */
  prefix: Uint8Array | null;
  size: number;
  run: RunRef | null;
  continued: boolean;
  /** The source keeps the result of reading this input: capture it and send it back. */
  remember: boolean;
}

type ToWorker = { kind: 'input'; item: WireItem } | { kind: 'finish' };
interface Dictionary {
  configs: ConfigTuple[];
  kinds: string[];
  runs: RunRef[];
}
type FromWorker =
  | { kind: 'input'; records: Uint8Array; count: number; dictionary: Dictionary; captured: InputResult | null }
  | { kind: 'done'; tally: IntakeTally }
  | { kind: 'error'; message: string };

/** Runs in a worker thread: one result message per input, in the order they came, then the tally. */
export function serveIntake(port: MessagePort, setup: WorkerSetup): void {
  const waiting: ToWorker[] = [];
  let wake: (() => void) | null = null;
  port.on('message', (message: ToWorker) => {
    waiting.push(message);
    wake?.();
  });
  const next = async (): Promise<ToWorker> => {
    while (waiting.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
    return waiting.shift()!;
  };
  const records = new SessionRecordWriter(setup.windowStartMs);
  let captured: InputResult | null = null;
  /** The input being read: its memory goes back to the system when its answer goes, not at the worker's next collection. */
  let reading: WireItem | null = null;
  const post = () => {
    if (reading) {
      // Nothing read from an input is kept past its answer (accepted IDs are copied out), so its buffers can be let go.
      (reading.bytes.buffer as ArrayBuffer).transfer(0);
      (reading.prefix?.buffer as ArrayBuffer | undefined)?.transfer(0);
      reading = null;
    }
    const { bytes, count } = records.takeRecords();
    const message: FromWorker = {
      kind: 'input',
      records: bytes,
      count,
      dictionary: records.takeDictionary(),
      captured,
    };
    captured = null;
    port.postMessage(message, [bytes.buffer as ArrayBuffer]);
  };
  let finished = false;
  const source = {
    describe: () => 'inputs from the main thread',
    async *read(): AsyncGenerator<SourceItem> {
      for (let first = true; ; first = false) {
        // Asked for the next input: the one before is done.
        if (!first) post();
        const message = await next();
        if (message.kind === 'finish') {
          finished = true;
          return;
        }
        const { item } = message;
        reading = item;
        const shared = { kind: 'item' as const, origin: item.origin, name: item.name, run: item.run };
        // A prefix is part of the same input, so both are read before the answer goes back.
        if (item.prefix) yield { ...shared, bytes: item.prefix, size: 0, continued: item.continued };
        yield {
          ...shared,
          bytes: item.bytes,
          size: item.size,
          continued: item.continued || item.prefix !== null,
          // Keyed when the main thread keeps its result: intake hands the result to the cache below.
          ...(item.remember ? { key: item.origin } : {}),
        };
      }
    },
  };
  const { logPattern, ...adapter } = setup.adapter;
  intake({
    sources: [source],
    adapter: { ...adapter, logPattern: new RegExp(logPattern.source, logPattern.flags) },
    windowStart: new Date(setup.windowStartMs),
    now: new Date(setup.nowMs),
    limits: setup.limits,
    dedupe: false,
    fastPath: setup.fastPath,
    cache: {
      take: () => null,
      put: (_key, result) => {
        captured = result;
      },
    },
    onSession: (summary, run, times) => records.add(summary, run, times),
  })
    .then(async (tally) => {
      // A run limit stops the intake early: the inputs still sent get empty answers.
      if (!finished) post();
      while (!finished) {
        if ((await next()).kind === 'finish') break;
        post();
      }
      port.postMessage({ kind: 'done', tally } satisfies FromWorker);
    })
    .catch((error: unknown) =>
      port.postMessage({
        kind: 'error',
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies FromWorker),
    );
}

interface Pending {
  /** The worker reading the input, and its answer; -1 and null for a replayed input. */
  worker: number;
  result: Promise<Extract<FromWorker, { kind: 'input' }>> | null;
  /** Null for the later pieces of an input. */
  input: { source: number; seq: number } | null;
  /** Where the input's result goes, when its source keeps it. */
  remember: ((result: InputResult) => void) | null;
  /** An input read in an earlier run, and its result from the cache: replayed here, in its place in the reading order. */
  held: { event: SourceHeld; result: InputResult | null } | null;
}

/** Young generation of each worker's V8 heap (see intakeInWorkers). */
const WORKER_YOUNG_MB = 4;

/** Pieces of a large NDJSON file sent to workers: whole lines, about this many bytes. */
export const PIECE_BYTES = 1024 * 1024;

/** A bytes view the worker can own: moved when it is a whole buffer, copied when it is a slice of one. */
function transferable(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer
    ? bytes
    : bytes.slice();
}

/** Blocks of whole lines joined by newlines, in a buffer a worker can own. */
function concatAll(blocks: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const block of blocks) {
    out.set(block, at);
    at += block.byteLength;
    out[at++] = 0x0a;
  }
  return out;
}

interface Piece {
  bytes: Uint8Array;
  prefix: Uint8Array | null;
}

/**
 * An NDJSON stream of `total` bytes as pieces of whole lines of about
 * PIECE_BYTES (at least one piece). Each piece counts its own bytes and the
 * last one the rest of the file, so the sizes add up to `total` and the
 * workers' shares of the byte limit fill evenly.
 *
 * A block of lines that makes a piece alone goes in its own chunk's buffer,
 * moved to the worker rather than copied (the chunk is the consumer's, see
 * SourceItem.stream); smaller blocks waiting before it (above all the line
 * that spanned two chunks) go along as a copied prefix, read first.
 */
async function* piecesOf(chunks: AsyncIterable<Uint8Array>, total: number): AsyncGenerator<Piece & { size: number }> {
  let sent = 0;
  let ready: Piece | null = null;
  let blocks: Uint8Array[] = [];
  let length = 0;
  /** A piece that is not the last counts its own bytes. */
  const counted = (piece: Piece): Piece & { size: number } => {
    const size = piece.bytes.byteLength + (piece.prefix?.byteLength ?? 0);
    sent += size;
    return { ...piece, size };
  };
  const take = (): Uint8Array => {
    const joined = concatAll(blocks, length);
    blocks = [];
    length = 0;
    return joined;
  };
  for await (const block of lineBlocks(chunks)) {
    let piece: Piece;
    if (block.byteLength >= PIECE_BYTES / 2 && block.buffer instanceof ArrayBuffer) {
      piece = { bytes: block, prefix: length > 0 ? take() : null };
    } else {
      blocks.push(block);
      length += block.byteLength + 1;
      if (length < PIECE_BYTES) continue;
      piece = { bytes: take(), prefix: null };
    }
    if (ready) yield counted(ready);
    ready = piece;
  }
  if (length > 0 || !ready) {
    if (ready) yield counted(ready);
    ready = { bytes: take(), prefix: null };
  }
  yield { ...ready, size: Math.max(0, total - sent) };
}

/**
 * The intake with `workers` threads running `workerUrl` (which calls serveIntake).
 * Run limits are shared out between the workers.
 */
export async function intakeInWorkers(
  options: IntakeOptions,
  workers: { count: number; url: URL },
): Promise<IntakeTally> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const adapter = options.adapter ?? defaultAdapter();
  const share = (limit: number) => Math.max(1, Math.ceil(limit / workers.count));
  const setup: WorkerSetup = {
    adapter: { ...adapter, logPattern: { source: adapter.logPattern.source, flags: adapter.logPattern.flags } },
    windowStartMs: options.windowStart.getTime(),
    nowMs: options.now.getTime(),
    limits: {
      maxInputs: share(limits.maxInputs),
      maxBytes: share(limits.maxBytes),
      maxRecords: share(limits.maxRecords),
    },
    fastPath: options.fastPath !== false,
  };
  // A worker's garbage is above all the summary of each line, dead once its record is written: a young
  // generation of 4 MB (V8 lets it grow to 16 or more) holds that as well, and keeps each worker smaller.
  const threads = Array.from(
    { length: workers.count },
    () => new Worker(workers.url, { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } }),
  );
  const readers = threads.map(() => new SessionRecordReader(setup.windowStartMs));
  // Per worker, the answers not yet come, oldest first.
  const answers = threads.map(
    () =>
      [] as { resolve: (message: Extract<FromWorker, { kind: 'input' }>) => void; reject: (error: Error) => void }[],
  );
  const tallies: Promise<IntakeTally>[] = threads.map(
    (thread, index) =>
      new Promise<IntakeTally>((resolve, reject) => {
        const fail = (error: Error) => {
          for (const answer of answers[index]!.splice(0)) answer.reject(error);
          reject(error);
        };
        thread.on('message', (message: FromWorker) => {
          if (message.kind === 'input') answers[index]!.shift()?.resolve(message);
          else if (message.kind === 'done') resolve(message.tally);
          else fail(new Error(`An intake worker failed: ${message.message}`));
        });
        thread.on('error', fail);
        thread.on('exit', (code) => fail(new Error(`An intake worker stopped (exit code ${code})`)));
      }),
  );
  for (const tally of tallies) tally.catch(() => {});

  const main = emptyTally();
  const seen = createDeduplicator(limits.maxRecords);
  const queue: Pending[] = [];
  /** Tallies of the inputs replayed from an earlier run's results. */
  const replayed: IntakeTally[] = [];
  /** Every session a worker or a replay accepts comes here, in reading order: the first copy counts. */
  const keep: IntakeOptions['onSession'] = (summary, run, times) => {
    if (!seen.first(summary)) {
      main.duplicates += 1;
      return;
    }
    main.accepted += 1;
    options.onSession(summary, run, times);
  };
  const outstanding = threads.map(() => 0);
  const maxQueued = workers.count * 2 + 2;

  const settle = async () => {
    const pending = queue.shift()!;
    if (pending.held) {
      if (pending.input) options.onInput?.(pending.input);
      const { event, result } = pending.held;
      replayed.push(
        await intake({
          sources: [
            {
              describe: () => event.origin,
              read: async function* () {
                yield event;
              },
            },
          ],
          cache: { take: () => result, put: () => {} },
          windowStart: options.windowStart,
          now: options.now,
          limits: setup.limits,
          dedupe: false,
          fastPath: setup.fastPath,
          onSession: keep,
        }),
      );
      return;
    }
    const message = await pending.result!;
    if (message.captured) pending.remember?.(message.captured);
    outstanding[pending.worker]! -= 1;
    const reader = readers[pending.worker]!;
    for (const config of message.dictionary.configs) reader.addConfig(config);
    for (const kind of message.dictionary.kinds) reader.addKind(kind);
    for (const run of message.dictionary.runs) reader.addRun(run);
    if (pending.input) options.onInput?.(pending.input);
    try {
      reader.read(message.records, message.count, ({ summary, run }) => keep(summary, run, summary));
    } catch (error) {
      // Records made by this very process: a bad one is a bug, not bad input.
      if (error instanceof PartialFormatError)
        throw new Error(`Records from an intake worker do not decode: ${error.message}`);
      throw error;
    }
  };

  let position = 0;
  try {
    for (const [sourceIndex, source] of options.sources.entries()) {
      for await (const event of source.read()) {
        if (event.kind === 'skip') {
          main.skipped[event.reason] = (main.skipped[event.reason] ?? 0) + 1;
          continue;
        }
        position += 1;
        const input = { source: sourceIndex, seq: event.seq ?? position };
        if (event.kind === 'held') {
          queue.push({
            worker: -1,
            result: null,
            input,
            remember: null,
            held: { event, result: options.cache?.take(event.key) ?? null },
          });
          while (queue.length >= maxQueued) await settle();
          continue;
        }
        const cache = options.cache;
        const key = event.key;
        const remember = cache && key !== undefined ? (result: InputResult) => cache.put(key, result) : null;
        const send = async (wire: WireItem, pieceOf: typeof input | null) => {
          let worker = 0;
          for (let index = 1; index < threads.length; index += 1)
            if (outstanding[index]! < outstanding[worker]!) worker = index;
          const result = new Promise<Extract<FromWorker, { kind: 'input' }>>((resolve, reject) =>
            answers[worker]!.push({ resolve, reject }),
          );
          result.catch(() => {});
          const moved = wire.prefix ? [wire.bytes.buffer, wire.prefix.buffer] : [wire.bytes.buffer];
          threads[worker]!.postMessage({ kind: 'input', item: wire } satisfies ToWorker, moved as ArrayBuffer[]);
          outstanding[worker]! += 1;
          queue.push({ worker, result, input: pieceOf, remember: pieceOf ? remember : null, held: null });
          while (queue.length >= maxQueued) await settle();
        };
        if (event.stream) {
          if (recordFormatOf(event.name) !== 'jsonl')
            throw new Error(`${event.origin} is a stream but not NDJSON: worker threads cannot read it`);
          // A large NDJSON file goes out in pieces of whole lines, so that every worker shares it.
          let first = true;
          for await (const { bytes, prefix, size } of piecesOf(event.stream(), event.size ?? 0)) {
            await send(
              {
                origin: event.origin,
                name: event.name,
                bytes,
                prefix,
                size,
                run: event.run,
                continued: !first,
                remember: false,
              },
              first ? input : null,
            );
            first = false;
          }
          continue;
        }
        const bytes = transferable(event.bytes);
        await send(
          {
            origin: event.origin,
            name: event.name,
            bytes,
            prefix: null,
            size: event.size ?? bytes.byteLength,
            run: event.run,
            continued: false,
            remember: remember !== null,
          },
          input,
        );
      }
    }
    while (queue.length > 0) await settle();
    for (const thread of threads) thread.postMessage({ kind: 'finish' } satisfies ToWorker);
    const total = sumTallies([main, ...(await Promise.all(tallies)), ...replayed]);
    // Workers hand on every session they accept; the main thread keeps the first copy.
    total.accepted = main.accepted;
    return total;
  } finally {
    await Promise.all(threads.map((thread) => thread.terminate()));
  }
}
