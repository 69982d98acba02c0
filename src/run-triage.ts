// The engine shared by the action and the command line: sources in, issues and a
// report out. Clock, sources, tracker and templates are handed in by the caller.

import { createAggregator } from './aggregate/aggregate-groups.ts';
import { RECODE_ORDER } from './aggregate/recode-rare.ts';
import { judgeGroups } from './aggregate/flag-groups.ts';
import type { JudgedGroup } from './aggregate/flag-groups.ts';
import { findRunProblems } from './problems/judge-problems.ts';
import { intake } from './intake/intake.ts';
import { limitMessage } from './intake/tally.ts';
import { intakeInWorkers } from './intake/parallel-intake.ts';
import type { InputCache, IntakeOptions } from './intake/intake.ts';
import type { IntakeTally } from './intake/tally.ts';
import { createPartialWriter, intakeFingerprint, mergePartials, PARTIAL_FORMAT, PARTIAL_VERSION } from './partial/partial-format.ts';
import type { PartialInput } from './partial/partial-format.ts';
import type { IssueRenderer } from './render/issue-templates.ts';
import { buildReport, publicationNote } from './report/run-report.ts';
import type { RunReport } from './report/run-report.ts';
import { lookbackStart } from './settings.ts';
import type { GroupField, Settings } from './settings.ts';
import type { Source } from './sources/source.ts';
import { applyPlan } from './trackers/apply-plan.ts';
import type { AppliedAction } from './trackers/apply-plan.ts';
import type { IssueTracker } from './trackers/issue-tracker.ts';
import { issuesByFingerprint, planIssues, planReportIssue } from './trackers/plan-issues.ts';
import { draftProblemIssues, heldByRule, newestVersionOf, planOptions } from './trackers/problem-drafts.ts';
import { renderUsageReport, REPORT_MARKER, REPORT_TITLE } from './report/usage-report.ts';
import type { MatrixCell } from './report/usage-report.ts';
import type { DayBucket } from './aggregate/accumulator.ts';
import type { RunDays } from './render/issue-context.ts';
import { daysWithout, lastDayOf, sumDays } from './history/trend.ts';
import type { PlannedAction } from './trackers/plan-issues.ts';
import { createHistoryCollector, DAY_MS, historyFields, mergeHistory } from './history/history.ts';
import { loadHistory, saveHistory } from './run/history-file.ts';
import { releaseHealth } from './history/release-health.ts';
import type { ReleaseHealth } from './history/release-health.ts';
import type { History } from './history/history.ts';
import { problemHistory } from './history/problem-history.ts';
import type { ProblemGroup } from './problems/judge-problems.ts';

export interface Logger {
  info(message: string): void;
  warning(message: string): void;
}

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
function readInputs(options: IntakeOptions, workers: WorkerPlan | undefined, log: Logger): Promise<IntakeTally> {
  if (!workers || workers.count < 1) return intake(options);
  log.info(`Reading with ${workers.count + 1} threads: this one and ${workers.count === 1 ? 'a worker thread' : `${workers.count} worker threads`}.`);
  return intakeInWorkers(options, workers);
}

export interface TriageDeps {
  sources: Source[];
  /** Results kept across runs (state-path), which the artifact source was told it holds. */
  cache?: InputCache;
  workers?: WorkerPlan;
  /** With mode merge: the partials written by the shards; `sources` are then not read. */
  partials?: PartialInput[];
  tracker: IssueTracker;
  renderer: IssueRenderer;
  now: Date;
  log: Logger;
  /** The file that keeps the history between runs; absent or null: no history. */
  historyPath?: string | null;
}

function adapterOf(settings: Settings): IntakeOptions['adapter'] {
  return { format: settings.format, appName: settings.appName, appVersion: settings.appVersion, logPattern: settings.logPattern };
}

function logTally(tally: IntakeTally, settings: Settings, log: Logger): void {
  log.info(
    `Read ${tally.records} records: ${tally.accepted} sessions, ${tally.rejected} rejected, ` +
      `${tally.duplicates} duplicates, ${tally.outsideWindow} outside the ${settings.lookbackDays}-day window.`,
  );
  for (const [reason, count] of Object.entries(tally.rejectedReasons)) log.warning(`Rejected ${count} record(s): ${reason}`);
  for (const [reason, count] of Object.entries(tally.skipped)) log.warning(`Skipped ${count} input(s): ${reason}`);
  for (const [finding, count] of Object.entries(tally.privacy)) log.warning(`Rejected ${count} record(s) carrying private data: ${finding}`);
  if (tally.limitReached) log.warning(limitMessage(tally));
  const waiting = tally.skipped['artifact-deferred-rate-limit'] ?? 0;
  if (waiting > 0) log.warning(`${waiting} artifact(s) wait for the next run: the REST budget is down to the ${settings.apiReserve} requests kept for issue writes.`);
}

function reportOf(settings: Settings, findings: Pick<Parameters<typeof buildReport>[0], 'now' | 'windowStart' | 'intake' | 'groups' | 'matrix' | 'problems' | 'issues' | 'folded' | 'recoded'>): RunReport {
  return buildReport({
    ...findings,
    lookbackDays: settings.lookbackDays,
    dryRun: settings.dryRun,
    groupBy: settings.groupBy,
    rule: {
      minSessions: settings.minSessions,
      errorRateThreshold: settings.errorRateThreshold,
      confidence: settings.confidence,
      minInstallations: settings.minInstallations,
      minRateRatio: settings.minRateRatio,
      minPublishedInstallations: settings.minPublishedInstallations,
    },
  });
}

/** The fields every published figure is a sum over: group-by, then those of the OS × version table and the dashboard. */
export function publicationFields(settings: Settings): GroupField[] {
  const fields = [...settings.groupBy];
  const wanted: GroupField[] = ['os.platform', 'app.version', ...(settings.reportIssue ? (['runtime.version'] as const) : [])];
  for (const field of wanted) if (!fields.includes(field)) fields.push(field);
  return fields;
}

/** Configurations kept at once while reading: memory stays bounded whatever the input (about 1.3 KB each). */
export function liveConfigurations(settings: Settings): number {
  return Math.max(LIVE_CONFIGURATIONS, 4 * settings.maxConfigurations);
}
export const LIVE_CONFIGURATIONS = 100_000;

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
export async function runPartial(settings: Settings, deps: PartialDeps): Promise<{ report: RunReport; sessions: number }> {
  const { log, now } = deps;
  const shard = settings.shard;
  if (!shard) throw new Error('Mode partial needs a shard');
  const windowStart = lookbackStart(now, settings.lookbackDays);
  log.info(`Shard ${shard.index} of ${shard.count}: reading its share of the inputs.`);
  for (const source of deps.sources) log.info(`Reading ${source.describe()}`);
  const writer = createPartialWriter(
    { format: PARTIAL_FORMAT, version: PARTIAL_VERSION, shard, now: now.toISOString(), windowStart: windowStart.toISOString(), lookbackDays: settings.lookbackDays, intake: intakeFingerprint(settings) },
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

export async function runTriage(settings: Settings, deps: TriageDeps): Promise<RunReport> {
  const { log, now } = deps;
  const windowStart = lookbackStart(now, settings.lookbackDays);
  if (settings.mode === 'partial') throw new Error('Mode partial writes a partial: use runPartial');
  if (settings.mode === 'merge') log.info(`Merging ${deps.partials?.length ?? 0} partial(s).`);
  else for (const source of deps.sources) log.info(`Reading ${source.describe()}`);

  // One aggregator holds every session, grouped finely enough for everything published.
  const cubeFields = publicationFields(settings);
  const cube = createAggregator(cubeFields, { live: liveConfigurations(settings) });
  const collector = deps.historyPath ? createHistoryCollector(historyFields(settings.groupBy)) : null;
  const onSession: IntakeOptions['onSession'] = collector
    ? (summary, run, times) => {
        cube.add(summary, run, times);
        collector.add(summary, times.startedMs);
      }
    : (summary, run, times) => cube.add(summary, run, times);
  let tally: IntakeTally;
  if (settings.mode === 'merge') {
    const merged = await mergePartials({ partials: deps.partials ?? [], windowStart, lookbackDays: settings.lookbackDays, onSession });
    log.info(`Merged the partials of ${merged.shards} shard(s).`);
    tally = merged.tally;
  } else {
    tally = await readInputs({ sources: deps.sources, ...(deps.cache ? { cache: deps.cache } : {}), adapter: adapterOf(settings), windowStart, now, onSession }, deps.workers, log);
  }
  logTally(tally, settings, log);

  // Before anything is published: a producer writing unique values (a build hash in a version) must not
  // take the run down or bend the reference; then rare configurations become "(other)" cells (the publication rule).
  const folded = cube.fold(settings.maxConfigurations, settings.minSessions, settings.minPublishedInstallations);
  if (folded.configurations > 0) {
    log.warning(
      `Folded ${folded.configurations} configuration(s) with ${folded.sessions} session(s), ${folded.erroredSessions} errored, into "other configurations": ` +
        `the run had more than max-configurations (${settings.maxConfigurations}) distinct configurations. They are left out of the problem search and the tables.`,
    );
  }
  // Fields only the tables add (not in group-by) are given up first: the configurations keep their names.
  const recoded = cube.recode(settings.minPublishedInstallations, [...cubeFields.filter((field) => !settings.groupBy.includes(field)), ...RECODE_ORDER]);
  const publication = publicationNote(settings.minPublishedInstallations, recoded);
  if (publication) log.info(publication);
  const sameFields = (fields: readonly GroupField[]) => fields.length === cubeFields.length && fields.every((field, index) => cubeFields[index] === field);
  const grouped = (fields: GroupField[]) => (sameFields(fields) ? cube : cube.project(fields));
  const aggregator = grouped(settings.groupBy);
  const side = grouped(['os.platform', 'app.version']);
  const findings = findRunProblems(aggregator, settings);
  const groups = judgeGroups(aggregator.groups(), settings).map(findings.judgeCell);
  // 🔴 in the OS × version table marks what a problem covers: a cell that agrees with a covered configuration.
  const shared = (cell: JudgedGroup, group: JudgedGroup) =>
    cell.fields.every((field) => group.fields.every((other) => other.name !== field.name || other.value === field.value));
  const matrix = judgeGroups(side.groups(), settings).map((cell) => {
    if (side === aggregator) return findings.judgeCell(cell);
    const covered = groups.some((group) => group.flagged && shared(cell, group));
    return { ...cell, flagged: covered, verdict: covered ? 'part of a problem' : 'part of no problem' };
  });
  const problems = findings.problems;
  for (const level of findings.search.levels) {
    if (level.hypotheses > 0) log.info(`Tested ${level.testable} of ${level.hypotheses} ${level === findings.search.levels[0] ? 'configuration' : 'wider'} description(s) at p <= ${Math.exp(level.logLevel).toPrecision(2)}.`);
  }

  // The history: this run's days folded into the days kept, for release health beyond the window.
  let health: ReleaseHealth | null = null;
  let historyReport: RunReport['history'] = null;
  let kept: History | null = null;
  if (collector && deps.historyPath) {
    kept = await loadHistory(deps.historyPath, historyFields(settings.groupBy), log.warning);
    const keepFrom = lastDayOf(now) - settings.historyDays + 1;
    const merged = mergeHistory(kept, collector.days, keepFrom);
    let bytes: number | null = null;
    if (!settings.dryRun) {
      try {
        bytes = await saveHistory(deps.historyPath, kept);
      } catch (error) {
        log.warning(`The history could not be written to ${deps.historyPath} (${error instanceof Error ? error.message : String(error)}); this run's days are kept by the next one that reads them.`);
      }
    }
    health = releaseHealth(kept, { now, confidence: settings.confidence, minInstallations: settings.minPublishedInstallations, minSessions: settings.minSessions });
    historyReport = { path: deps.historyPath, days: kept.days.size, since: health.since, bytes, ...merged };
    log.info(
      `History: ${kept.days.size} day(s) since ${health.since ?? 'today'} at ${deps.historyPath}; ${merged.replaced} day(s) read now, ${merged.kept} kept from a fuller reading, ${merged.dropped} older than ${settings.historyDays} days dropped` +
        `${bytes === null ? (settings.dryRun ? ' (dry run: not written)' : '') : ` (${bytes} bytes)`}.`,
    );
  }

  // The charts' time axis is the window; their comparison is every other session, counted like the problem's.
  const everything = grouped([]).groups()[0] ?? null;
  const daysByMeasure = new Map<string, DayBucket[]>();
  const run: RunDays = {
    start: windowStart,
    end: now,
    daysOf(measure) {
      if (measure === null) return everything?.days ?? [];
      let days = daysByMeasure.get(measure);
      if (!days) daysByMeasure.set(measure, (days = aggregator.combine(aggregator.cells().keys, measure).days));
      return days;
    },
  };

  let issues: AppliedAction[] = [];
  const label = settings.labels[0]!;
  const existing = problems.length > 0 || groups.length > 0 || settings.closeAfterDays > 0 || settings.reportIssue ? await deps.tracker.listIssues(label) : [];
  // A problem's past is shown once the history reaches further back than the window.
  const history = kept && kept.days.size > 0 && Math.min(...kept.days.keys()) < Math.floor(windowStart.getTime() / DAY_MS) ? kept : null;
  const pastOf = history
    ? (group: ProblemGroup) =>
        problemHistory(history, { pattern: group.problem.pattern, measure: group.problem.measure, versions: group.appVersions }, findings.fields, {
          now,
          confidence: settings.confidence,
          minSessions: settings.minSessions,
        })
    : null;
  const drafts = draftProblemIssues({ settings, findings, cells: groups, existing, renderer: deps.renderer, run, pastOf });
  const apply = (plan: PlannedAction[]) =>
    applyPlan(plan, {
      tracker: deps.tracker,
      labels: settings.labels,
      dryRun: settings.dryRun,
      log: log.info,
      existingNow: async () => new Set(issuesByFingerprint(await deps.tracker.listIssues(label)).keys()),
    });
  if (drafts.length > 0 || existing.length > 0 || settings.reportIssue) {
    log.info(`${problems.length} problem(s) found; ${existing.length} issue(s) in ${deps.tracker.describe()}`);
    const plan = planIssues(drafts, existing, { ...planOptions(settings, now, newestVersionOf(groups)), held: heldByRule(existing, findings.fields, recoded.cells) });
    issues = await apply(plan);
  } else {
    log.info('No problem found.');
  }
  // 🔴 cells of the OS × version table name the issues of the problems that cover them.
  const issueOf = new Map(issues.filter((issue) => issue.number !== null && issue.kind !== 'duplicate').map((issue) => [issue.fingerprint, { number: issue.number!, url: issue.url }]));
  const linkedMatrix: MatrixCell[] = matrix.map((cell) => {
    if (!cell.flagged) return cell;
    const links = problems
      .filter((problem) => groups.some((group) => group.flagged && shared(cell, group) && findings.covers(problem, group)))
      .map((problem) => issueOf.get(problem.fingerprint))
      .filter((link) => link !== undefined);
    return links.length > 0 ? { ...cell, issues: links } : cell;
  });
  if (settings.reportIssue) {
    const covered = groups.filter((group) => group.flagged);
    const usage = renderUsageReport({
      all: everything,
      byOs: grouped(['os.platform']).groups(),
      byVersion: judgeGroups(grouped(['app.version']).groups(), settings),
      byRuntime: grouped(['runtime.version']).groups(),
      matrix: linkedMatrix,
      lookbackDays: settings.lookbackDays,
      asOf: now,
      windowStart,
      confidence: settings.confidence,
      outsideProblems: covered.length > 0 && everything ? daysWithout(everything.days, sumDays(covered.map((group) => group.days))) : null,
      publication,
      health: deps.historyPath ? health : null,
    });
    const report = planReportIssue(existing, REPORT_MARKER, REPORT_TITLE, usage);
    if (report) issues = [...issues, ...(await apply([report]))];
  }
  // Each cell points at its problem's issue in the report and the job summary.
  const cellsWithIssue = groups.map((cell) => {
    const problem = problems.find((candidate) => findings.covers(candidate, cell));
    return problem ? { ...cell, problemFingerprint: problem.fingerprint } : cell;
  });

  const report = reportOf(settings, { now, windowStart, intake: tally, groups: cellsWithIssue, matrix: linkedMatrix, problems, issues, folded, recoded });
  report.history = historyReport;
  return report;
}
