// A source yields named blobs of bytes, or a reason why one was skipped.

import type { InputResult } from '../intake/input-result.ts';

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
  /** The result of reading this input in an earlier run, kept in the state: used instead of `bytes`. */
  recalled?: InputResult;
  /** Called with the result of reading this input, for the state to keep. */
  remember?: (result: InputResult) => void;
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

export type SourceEvent = SourceItem | SourceSkip;

export interface Source {
  /** One line saying what this source reads. */
  describe(): string;
  read(): AsyncIterable<SourceEvent>;
}
