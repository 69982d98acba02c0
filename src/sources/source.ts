// A source yields named blobs of bytes with a stable key, or a reason why one
// was skipped. What is done with the bytes is intake's business.

/** The workflow run an artifact was uploaded from, kept as evidence for triage. */
export interface RunRef {
  id: number;
  branch: string | null;
  url: string;
}

export interface SourceItem {
  kind: 'item';
  /** Where the bytes came from, for reports: a file path or "artifact NAME (#ID)". */
  origin: string;
  /** File name used to pick a parser (.json, .jsonl, .ndjson, .zip). */
  name: string;
  bytes: Uint8Array;
  /**
   * For large local NDJSON files: the content as a stream of chunks instead of
   * `bytes` (which is then empty), so the file is never held whole. A chunk
   * whose buffer is of half a MiB or more is the consumer's once yielded (the
   * source neither reuses nor reads that buffer again): worker threads move
   * such buffers instead of copying them.
   */
  stream?: () => AsyncIterable<Uint8Array>;
  /** Size in bytes, when `stream` is set. */
  size?: number;
  /** The local file `stream` reads, so that a worker thread can read it too. */
  path?: string;
  run: RunRef | null;
  /**
   * A later piece of the input before it (worker threads split large NDJSON
   * files into pieces of whole lines): its records count, but not as a new input.
   */
  continued?: boolean;
  /** A key that names this input's content across runs (an artifact's ID and name): what a cache of results keys on. */
  key?: string;
  /**
   * Where this input sits in the source's reading order (ascending), the same
   * in every shard of a matrix; set on the inputs a source yields, not on zip entries.
   */
  seq?: number;
}

export interface SourceSkip {
  kind: 'skip';
  origin: string;
  reason: string;
}

/** An input whose result the consumer already holds (see HeldInputs): not fetched again. */
export interface SourceHeld {
  kind: 'held';
  origin: string;
  key: string;
  run: RunRef | null;
  seq?: number;
}

export type SourceEvent = SourceItem | SourceSkip | SourceHeld;

/**
 * What a consumer that keeps results across runs tells a source, so that it
 * fetches only what is new. The source knows keys, never results.
 */
export interface HeldInputs {
  /** Whether the result of the input with this key is held (and good): then the source yields it as held. `label` names it in a warning. */
  holds(input: { key: string; label: string }): Promise<boolean>;
  /** The keys of every input of this run's window, held or not: results of any other can go. */
  window(keys: readonly string[]): void;
}

export interface Source {
  /** One line saying what this source reads. */
  describe(): string;
  read(): AsyncIterable<SourceEvent>;
}
