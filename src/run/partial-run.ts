// Mode partial: one shard's share of the inputs, written as a partial for the merge.

import type { InputCache } from '../intake/intake.ts';
import { createPartialWriter, intakeFingerprint, PARTIAL_FORMAT, PARTIAL_VERSION } from '../partial/partial-format.ts';
import type { RunReport } from '../report/run-report.ts';
import { lookbackStart } from '../settings.ts';
import type { Settings } from '../settings.ts';
import type { Source } from '../sources/source.ts';
import type { Logger } from './logger.ts';
import { reportOf } from './publication.ts';
import { adapterOf, logTally, readInputs } from './read-inputs.ts';
import type { WorkerPlan } from './read-inputs.ts';

export interface PartialDeps {
  sources: Source[];
  /** Results kept across runs (state-path), which the artifact source was told it holds. */
  cache?: InputCache;
  now: Date;
  log: Logger;
  /** Receives the partial line by line (without newlines). */
  emit: (line: string) => void;
  workers?: WorkerPlan;
}

/**
 * Mode partial: reads this shard's share of the inputs and writes every accepted
 * session, compactly, for a later merge. Files no issue.
 */
export async function runPartial(
  settings: Settings,
  deps: PartialDeps,
): Promise<{ report: RunReport; sessions: number }> {
  const { log, now } = deps;
  const shard = settings.shard;
  if (!shard) throw new Error('Mode partial needs a shard');
  const windowStart = lookbackStart(now, settings.lookbackDays);
  log.info(`Shard ${shard.index} of ${shard.count}: reading its share of the inputs.`);
  for (const source of deps.sources) log.info(`Reading ${source.describe()}`);
  const writer = createPartialWriter(
    {
      format: PARTIAL_FORMAT,
      version: PARTIAL_VERSION,
      shard,
      now: now.toISOString(),
      windowStart: windowStart.toISOString(),
      lookbackDays: settings.lookbackDays,
      intake: intakeFingerprint(settings),
    },
    deps.emit,
  );
  const tally = await readInputs(
    {
      sources: deps.sources,
      ...(deps.cache ? { cache: deps.cache } : {}),
      adapter: adapterOf(settings),
      windowStart,
      now,
      onInput: (input) => writer.beginInput(input),
      onSession: (summary, run, times) => writer.add(summary, run, times),
    },
    deps.workers,
    log,
  );
  writer.end(tally);
  logTally(tally, settings, log);
  const report = reportOf(settings, { now, windowStart, intake: tally, groups: [], issues: [] });
  return { report, sessions: writer.sessions };
}
