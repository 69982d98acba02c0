// The intake of a run: in the main thread or spread over worker threads, with
// the adapter its settings describe, and its tally said in the log.

import { intake } from '../intake/intake.ts';
import type { IntakeOptions } from '../intake/intake.ts';
import { intakeInWorkers } from '../intake/parallel-intake.ts';
import { limitMessage } from '../intake/tally.ts';
import type { IntakeTally } from '../intake/tally.ts';
import type { Settings } from '../settings.ts';
import type { Logger } from './logger.ts';

/** Worker threads for the intake, beside the main thread: how many (0: none), and the script each runs (dist/intake-worker.js). */
export interface WorkerPlan {
  count: number;
  url: URL;
}

/**
 * The worker plan of a run's settings; `url` is the bundled worker script beside the caller.
 * The setting counts the threads that share the intake, the main thread among them: it
 * downloads, deduplicates and aggregates, a full-time job once records come from workers,
 * so `auto` gives it a core of its own and the other cores to worker threads.
 */
export function workerPlan(settings: Settings, cores: number, url: URL): WorkerPlan {
  const threads = settings.workers === 'auto' ? Math.max(1, cores) : settings.workers;
  return { count: threads - 1, url };
}

/** The intake, in the main thread or spread over worker threads. */
export function readInputs(options: IntakeOptions, workers: WorkerPlan | undefined, log: Logger): Promise<IntakeTally> {
  if (!workers || workers.count < 1) return intake(options);
  log.info(
    `Reading with ${workers.count + 1} threads: this one and ${workers.count === 1 ? 'a worker thread' : `${workers.count} worker threads`}.`,
  );
  return intakeInWorkers(options, workers);
}

export function adapterOf(settings: Settings): IntakeOptions['adapter'] {
  return {
    format: settings.format,
    appName: settings.appName,
    appVersion: settings.appVersion,
    logPattern: settings.logPattern,
  };
}

export function logTally(tally: IntakeTally, settings: Settings, log: Logger): void {
  log.info(
    `Read ${tally.records} records: ${tally.accepted} sessions, ${tally.rejected} rejected, ` +
      `${tally.duplicates} duplicates, ${tally.outsideWindow} outside the ${settings.lookbackDays}-day window.`,
  );
  for (const [reason, count] of Object.entries(tally.rejectedReasons))
    log.warning(`Rejected ${count} record(s): ${reason}`);
  for (const [reason, count] of Object.entries(tally.skipped)) log.warning(`Skipped ${count} input(s): ${reason}`);
  for (const [finding, count] of Object.entries(tally.privacy))
    log.warning(`Rejected ${count} record(s) carrying private data: ${finding}`);
  if (tally.limitReached) log.warning(limitMessage(tally));
  const waiting = tally.skipped['artifact-deferred-rate-limit'] ?? 0;
  if (waiting > 0)
    log.warning(
      `${waiting} artifact(s) wait for the next run: the REST budget is down to the ${settings.apiReserve} requests kept for issue writes.`,
    );
}
