// Partials on disk: the shard writes its file line by line as it reads; the merge
// streams every file named by its patterns.

import { closeSync, createReadStream, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { expand } from '../sources/path-source.ts';
import type { PartialInput } from './partial-format.ts';
import { PartialMergeError, partialLines } from './partial-format.ts';

/** Runs `write` with a sink for the lines of a new file at `path`; returns its result and the file's size. */
export async function withPartialFile<T>(
  path: string,
  write: (emit: (line: string) => void) => Promise<T>,
): Promise<{ result: T; bytes: number }> {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w');
  let result: T;
  try {
    result = await write((line) => writeSync(fd, `${line}\n`));
  } finally {
    closeSync(fd);
  }
  return { result, bytes: statSync(path).size };
}

/** Lines of a file, read only as they are asked for (several partials are open at once). */
function linesOf(path: string): AsyncGenerator<string> {
  return partialLines(createReadStream(path, { highWaterMark: 1024 * 1024 }));
}

/** The partial files named by paths, folders or globs; each pattern must name at least one. */
export async function partialFiles(patterns: string[], cwd: string): Promise<PartialInput[]> {
  const found = new Set<string>();
  for (const pattern of patterns) {
    const files = await expand(pattern, cwd);
    if (files === null)
      throw new PartialMergeError(
        `The partials "${pattern}" name no file: did every shard upload its partial, and was it downloaded to this path?`,
      );
    for (const file of files) found.add(file);
  }
  return [...found].sort().map((file) => ({
    name: relative(cwd, file) || file,
    lines: linesOf(resolve(file)),
  }));
}
