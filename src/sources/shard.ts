// Which share of the inputs a partial run reads. The share of an input depends
// only on a stable key (workflow run and artifact name, or a file's path), so
// every shard of a matrix agrees on it without talking to the others.

import { createHash } from 'node:crypto';

/** Shard `index` (1-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** The shard (1..count) an input with this key belongs to. */
export function shardOf(key: string, count: number): number {
  if (count <= 1) return 1;
  return (createHash('sha256').update(key).digest().readUInt32BE(0) % count) + 1;
}

/** True when `shard` reads the input with this key; every input is read without a shard. */
export function inShard(key: string, shard: Shard | null | undefined): boolean {
  return !shard || shardOf(key, shard.count) === shard.index;
}
