// The history file beside the store or in the state folder: read and written
// here, at the edge, so the history's own logic stays free of the file system.

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { decodeHistory, emptyHistory, encodeHistory } from '../history/history.ts';
import type { History } from '../history/history.ts';
import type { GroupField } from '../settings.ts';

/**
 * The history kept at `path`; empty, with a warning, when there is none yet (a first run, or an
 * evicted cache) or the file is damaged or of another kind. Never throws: a lost history
 * restarts, it does not fail the run.
 */
export async function loadHistory(path: string, fields: readonly GroupField[], warn: (message: string) => void): Promise<History> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Missing is the first run's case, or a cache evicted or never restored: either way the past is gone, and that is said.
    warn(code === 'ENOENT' ? `No history at ${path} yet: release health starts from this run's window.` : `The history at ${path} cannot be read (${code ?? 'error'}): it starts again from this run.`);
    return emptyHistory([...fields]);
  }
  const decoded = decodeHistory(text, fields);
  if ('problem' in decoded) {
    warn(`The history at ${path} is not used: ${decoded.problem}. It starts again from this run.`);
    return emptyHistory([...fields]);
  }
  return decoded;
}

/** Writes the history whole, through a temporary file, so a run cut short leaves the last one. */
export async function saveHistory(path: string, history: History): Promise<number> {
  const text = encodeHistory(history);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
  return Buffer.byteLength(text);
}
