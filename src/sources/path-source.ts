// Reads session summaries from local files, folders and glob patterns.

import { createReadStream } from 'node:fs';
import { glob, readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { ARCHIVE_MAX_BYTES } from '../limits.ts';
import { recordFormatOf } from '../records/parse-records.ts';
import { inShard } from './shard.ts';
import type { Shard } from './shard.ts';
import type { Source, SourceEvent } from './source.ts';


/** NDJSON files larger than this are read as a stream of chunks of CHUNK_BYTES. */
export const STREAM_FROM_BYTES = 4 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;

/** A large local file as a stream of CHUNK_BYTES chunks. */
export function streamFile(path: string): AsyncIterable<Uint8Array> {
  return createReadStream(path, { highWaterMark: CHUNK_BYTES });
}

function readable(name: string): boolean {
  return recordFormatOf(name) !== null || name.toLowerCase().endsWith('.zip');
}

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && readable(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** The readable files a path, folder or glob names, sorted; null when it names nothing. */
export async function expand(pattern: string, cwd: string): Promise<string[] | null> {
  const full = resolve(cwd, pattern);
  const info = await stat(full).catch(() => null);
  if (info?.isDirectory()) return filesUnder(full);
  if (info?.isFile()) return [full];
  const found: string[] = [];
  for await (const path of glob(pattern, { cwd })) {
    const absolute = resolve(cwd, path);
    const entry = await stat(absolute).catch(() => null);
    if (entry?.isDirectory()) found.push(...(await filesUnder(absolute)));
    else if (entry?.isFile()) found.push(absolute);
  }
  return found.length > 0 ? [...new Set(found)].sort() : null;
}

/** With `shard`, only the files (and missing patterns) of that share are read. */
export function createPathSource(patterns: string[], cwd: string, shard?: Shard | null): Source {
  return {
    describe: () => `files matching ${patterns.join(', ')}`,
    async *read(): AsyncGenerator<SourceEvent> {
      const seen = new Set<string>();
      let seq = 0;
      for (const pattern of patterns) {
        const files = await expand(pattern, cwd);
        if (files === null) {
          if (inShard(`pattern\u0000${pattern}`, shard)) yield { kind: 'skip', origin: pattern, reason: 'path-not-found' };
          continue;
        }
        for (const file of files) {
          if (seen.has(file)) continue;
          seen.add(file);
          seq += 1;
          const origin = relative(cwd, file) || file;
          if (!inShard(`file\u0000${origin}`, shard)) continue;
          if (!readable(file)) {
            yield { kind: 'skip', origin, reason: 'unsupported-file-type' };
            continue;
          }
          const info = await stat(file);
          if (info.size > ARCHIVE_MAX_BYTES) {
            yield { kind: 'skip', origin, reason: 'file-too-large' };
            continue;
          }
          if (recordFormatOf(file) === 'jsonl' && info.size > STREAM_FROM_BYTES) {
            yield { kind: 'item', origin, name: file, bytes: new Uint8Array(), stream: () => streamFile(file), path: file, size: info.size, run: null, seq };
          } else {
            yield { kind: 'item', origin, name: file, bytes: await readFile(file), run: null, seq };
          }
        }
      }
    },
  };
}
