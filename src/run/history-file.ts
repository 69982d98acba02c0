// The history file beside the store or in the state folder: read, merged with
// this run's days and written here, at the edge, so the history's own logic
// stays free of the file system.

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { decodeHistory, emptyHistory, encodeHistory, historyFields, mergeHistory } from '../history/history.ts';
import type { History, HistoryDay } from '../history/history.ts';
import { releaseHealth } from '../history/release-health.ts';
import type { ReleaseHealth } from '../history/release-health.ts';
import { lastDayOf } from '../history/trend.ts';
import type { RunReport } from '../report/run-report.ts';
import type { GroupField, Settings } from '../settings.ts';
import type { Logger } from './logger.ts';

/**
 * The history kept at `path`; empty, with a warning, when there is none yet (a first run, or an
 * evicted cache) or the file is damaged or of another kind. Never throws: a lost history
 * restarts, it does not fail the run.
 */
export async function loadHistory(
  path: string,
  fields: readonly GroupField[],
  warn: (message: string) => void,
): Promise<History> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Missing is the first run's case, or a cache evicted or never restored: either way the past is gone, and that is said.
    warn(
      code === 'ENOENT'
        ? `No history at ${path} yet: release health starts from this run's window.`
        : `The history at ${path} cannot be read (${code ?? 'error'}): it starts again from this run.`,
    );
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

/**
 * Folds this run's days into the history kept at `path` (written unless a dry
 * run), and measures release health over it. A history that cannot be written
 * is a warning: the next run that reads these days keeps them.
 */
export async function updateHistory(
  path: string,
  days: ReadonlyMap<number, HistoryDay>,
  settings: Settings,
  now: Date,
  log: Logger,
): Promise<{ kept: History; health: ReleaseHealth; report: NonNullable<RunReport['history']> }> {
  const kept = await loadHistory(path, historyFields(settings.groupBy), log.warning);
  const keepFrom = lastDayOf(now) - settings.historyDays + 1;
  const merged = mergeHistory(kept, days, keepFrom);
  let bytes: number | null = null;
  if (!settings.dryRun) {
    try {
      bytes = await saveHistory(path, kept);
    } catch (error) {
      log.warning(
        `The history could not be written to ${path} (${error instanceof Error ? error.message : String(error)}); this run's days are kept by the next one that reads them.`,
      );
    }
  }
  const health = releaseHealth(kept, {
    now,
    confidence: settings.confidence,
    minInstallations: settings.minPublishedInstallations,
    minSessions: settings.minSessions,
  });
  log.info(
    `History: ${kept.days.size} day(s) since ${health.since ?? 'today'} at ${path}; ${merged.replaced} day(s) read now, ${merged.kept} kept from a fuller reading, ${merged.dropped} older than ${settings.historyDays} days dropped` +
      `${bytes === null ? (settings.dryRun ? ' (dry run: not written)' : '') : ` (${bytes} bytes)`}.`,
  );
  return { kept, health, report: { path, days: kept.days.size, since: health.since, bytes, ...merged } };
}
