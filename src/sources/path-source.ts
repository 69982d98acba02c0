// Reads session summaries from local files, folders and glob patterns.

import { createReadStream } from 'node:fs';
import { glob, readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, gunzipSync } from 'node:zlib';
import { ARCHIVE_MAX_BYTES, ZIP_MAX_RATIO, ZIP_RATIO_MIN_BYTES } from '../limits.ts';
import { recordFormatOf } from './file-kinds.ts';
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

/** The name inside a gzip file of records (`x.jsonl.gz` holds `x.jsonl`), or null. */
export function gzippedName(name: string): string | null {
  if (!name.toLowerCase().endsWith('.gz')) return null;
  const inner = name.slice(0, -3);
  const format = recordFormatOf(inner);
  return format === 'json' || format === 'jsonl' ? inner : null;
}

function readable(name: string): boolean {
  return recordFormatOf(name) !== null || gzippedName(name) !== null || name.toLowerCase().endsWith('.zip');
}

/** A gzip file's content as a stream of chunks. */
function gunzipFile(path: string): AsyncIterable<Uint8Array> {
  return createReadStream(path, { highWaterMark: CHUNK_BYTES }).pipe(createGunzip({ chunkSize: CHUNK_BYTES }));
}

/**
 * Reads a gzip file through once without keeping it: its size once decompressed, or why it
 * cannot be read. A file that grows more than ZIP_MAX_RATIO times (past ZIP_RATIO_MIN_BYTES)
 * is a bomb, as in a zip archive; a damaged or truncated one is corrupt.
 */
async function gunzippedSize(path: string, compressed: number): Promise<number | 'gzip-corrupt' | 'gzip-bomb'> {
  const cap = Math.max(ZIP_RATIO_MIN_BYTES, compressed * ZIP_MAX_RATIO);
  let size = 0;
  let bomb = false;
  try {
    await pipeline(
      createReadStream(path, { highWaterMark: CHUNK_BYTES }),
      createGunzip({ chunkSize: CHUNK_BYTES }),
      async (chunks: AsyncIterable<Uint8Array>) => {
        for await (const chunk of chunks) {
          size += chunk.byteLength;
          if (size > cap) {
            bomb = true;
            throw new RangeError(`past ${cap} bytes`);
          }
        }
      },
    );
  } catch {
    return bomb ? 'gzip-bomb' : 'gzip-corrupt';
  }
  return size;
}

/** Every file under `folder`; folders that cannot be listed go to `unreadable` and the rest is still found. */
async function filesUnder(folder: string, unreadable: string[]): Promise<string[]> {
  const files: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => null);
    if (!entries) {
      unreadable.push(dir);
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) files.push(path);
    }
  };
  await walk(folder);
  return files;
}

/** What a path, folder or glob names: its files (sorted), whether a folder gave them, and folders that could not be listed. */
export async function listFiles(
  pattern: string,
  cwd: string,
): Promise<{ files: string[]; inFolder: Set<string>; unreadable: string[] } | null> {
  const full = resolve(cwd, pattern);
  const unreadable: string[] = [];
  const inFolder = new Set<string>();
  const found: string[] = [];
  const addFolder = async (folder: string) => {
    for (const file of await filesUnder(folder, unreadable)) {
      found.push(file);
      inFolder.add(file);
    }
  };
  const info = await stat(full).catch(() => null);
  if (info?.isDirectory()) await addFolder(full);
  else if (info?.isFile()) found.push(full);
  else {
    for await (const path of glob(pattern, { cwd })) {
      const absolute = resolve(cwd, path);
      const entry = await stat(absolute).catch(() => null);
      if (entry?.isDirectory()) await addFolder(absolute);
      else if (entry?.isFile()) found.push(absolute);
    }
    if (found.length === 0 && unreadable.length === 0) return null;
  }
  return { files: [...new Set(found)].sort(), inFolder, unreadable };
}

/** The readable files a path, folder or glob names, sorted; null when it names nothing. */
export async function expand(pattern: string, cwd: string): Promise<string[] | null> {
  const listed = await listFiles(pattern, cwd);
  const files = listed?.files.filter(readable) ?? [];
  return files.length > 0 ? files : null;
}

/** The path that names standard input. */
export const STDIN = '-';

/** Standard input, read whole up to ARCHIVE_MAX_BYTES: NDJSON, or a JSON array when it starts with `[`. */
async function stdinItem(chunks: AsyncIterable<Uint8Array>, seq: number): Promise<SourceEvent> {
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of chunks) {
    length += chunk.byteLength;
    if (length > ARCHIVE_MAX_BYTES) return { kind: 'skip', origin: 'standard input', reason: 'file-too-large' };
    parts.push(chunk);
  }
  let bytes = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  // Gzip on standard input (`--path - < sessions.jsonl.gz`) is read through.
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = new Uint8Array(gunzipSync(bytes, { maxOutputLength: ARCHIVE_MAX_BYTES }));
    } catch (error) {
      return {
        kind: 'skip',
        origin: 'standard input',
        reason: (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'file-too-large' : 'gzip-corrupt',
      };
    }
  }
  // A JSON array is one document; anything else is read line by line.
  let first = 0;
  while (
    first < bytes.length &&
    (bytes[first] === 0x20 || bytes[first] === 0x0a || bytes[first] === 0x0d || bytes[first] === 0x09)
  )
    first += 1;
  const name = bytes[first] === 0x5b ? 'stdin.json' : 'stdin.jsonl';
  return { kind: 'item', origin: 'standard input', name, bytes, run: null, seq };
}

/**
 * With `shard`, only the files (and missing patterns) of that share are read. A file a folder
 * holds that is no record format is skipped with a reason, as is a `.log` file there unless
 * `logsInFolders` (format log): a stray debug.log is no session log.
 */
export function createPathSource(
  patterns: string[],
  cwd: string,
  shard?: Shard | null,
  options: { logsInFolders?: boolean; stdin?: () => AsyncIterable<Uint8Array> } = {},
): Source {
  return {
    describe: () => `files matching ${patterns.join(', ')}`,
    async *read(): AsyncGenerator<SourceEvent> {
      const seen = new Set<string>();
      let seq = 0;
      for (const pattern of patterns) {
        if (pattern === STDIN) {
          if (!inShard(`pattern\u0000${pattern}`, shard)) continue;
          seq += 1;
          yield options.stdin
            ? await stdinItem(options.stdin(), seq)
            : { kind: 'skip', origin: 'standard input', reason: 'stdin-not-available' };
          continue;
        }
        const listed = await listFiles(pattern, cwd);
        if (listed === null) {
          if (inShard(`pattern\u0000${pattern}`, shard))
            yield { kind: 'skip', origin: pattern, reason: 'path-not-found' };
          continue;
        }
        for (const folder of listed.unreadable) {
          const origin = relative(cwd, folder) || folder;
          if (inShard(`folder\u0000${origin}`, shard)) yield { kind: 'skip', origin, reason: 'folder-unreadable' };
        }
        if (listed.files.length === 0 && listed.unreadable.length === 0 && inShard(`pattern\u0000${pattern}`, shard)) {
          yield { kind: 'skip', origin: pattern, reason: 'folder-empty' };
        }
        for (const file of listed.files) {
          if (seen.has(file)) continue;
          seen.add(file);
          seq += 1;
          const origin = relative(cwd, file) || file;
          if (!inShard(`file\u0000${origin}`, shard)) continue;
          if (!readable(file)) {
            yield { kind: 'skip', origin, reason: 'unsupported-file-type' };
            continue;
          }
          if (recordFormatOf(file) === 'log' && listed.inFolder.has(file) && !options.logsInFolders) {
            yield { kind: 'skip', origin, reason: 'log-file-in-folder' };
            continue;
          }
          const info = await stat(file).catch(() => null);
          if (!info) {
            yield { kind: 'skip', origin, reason: 'file-unreadable' };
            continue;
          }
          // Gzip of records: checked through once, then NDJSON streams and a JSON document is read whole.
          const inner = gzippedName(file);
          if (inner !== null) {
            const size = await gunzippedSize(file, info.size);
            if (typeof size === 'string') {
              yield { kind: 'skip', origin, reason: size };
            } else if (recordFormatOf(inner) === 'jsonl') {
              yield {
                kind: 'item',
                origin,
                name: inner,
                bytes: new Uint8Array(),
                stream: () => gunzipFile(file),
                size,
                run: null,
                seq,
              };
            } else if (size > ARCHIVE_MAX_BYTES) {
              yield { kind: 'skip', origin, reason: 'file-too-large' };
            } else {
              const bytes = await readFile(file)
                .then((data) => gunzipSync(data, { maxOutputLength: ARCHIVE_MAX_BYTES }))
                .catch(() => null);
              yield bytes
                ? { kind: 'item', origin, name: inner, bytes, run: null, seq }
                : { kind: 'skip', origin, reason: 'gzip-corrupt' };
            }
            continue;
          }
          // NDJSON is read as a stream, whatever its size; the run's byte limit still applies.
          if (recordFormatOf(file) === 'jsonl' && info.size > STREAM_FROM_BYTES) {
            yield {
              kind: 'item',
              origin,
              name: file,
              bytes: new Uint8Array(),
              stream: () => streamFile(file),
              path: file,
              size: info.size,
              run: null,
              seq,
            };
            continue;
          }
          if (info.size > ARCHIVE_MAX_BYTES) {
            yield { kind: 'skip', origin, reason: 'file-too-large' };
            continue;
          }
          const bytes = await readFile(file).catch(() => null);
          if (bytes) yield { kind: 'item', origin, name: file, bytes, run: null, seq };
          else yield { kind: 'skip', origin, reason: 'file-unreadable' };
        }
      }
    },
  };
}
