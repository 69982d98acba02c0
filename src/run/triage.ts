// Mode full and merge: sessions in (read from the sources, or merged from the
// shards' partials), problems found, issues planned and written, a report out.
// Clock, sources, tracker, templates and the history file are handed in.

import { createAggregator } from '../aggregate/aggregate-groups.ts';
import { judgeGroups } from '../aggregate/flag-groups.ts';
import type { JudgedGroup } from '../aggregate/flag-groups.ts';
import { RECODE_ORDER } from '../aggregate/recode-rare.ts';
import type { DayBucket } from '../aggregate/accumulator.ts';
import { createHistoryCollector, DAY_MS, historyFields } from '../history/history.ts';
import { problemHistory } from '../history/problem-history.ts';
import type { InputCache, IntakeOptions } from '../intake/intake.ts';
import type { IntakeTally } from '../intake/tally.ts';
import { mergePartials } from '../partial/partial-format.ts';
import type { PartialInput } from '../partial/partial-format.ts';
import { findRunProblems } from '../problems/judge-problems.ts';
import type { ProblemGroup } from '../problems/judge-problems.ts';
import type { RunDays } from '../render/issue-context.ts';
import type { IssueRenderer } from '../render/issue-templates.ts';
import { publicationNote } from '../report/run-report.ts';
import type { RunReport } from '../report/run-report.ts';
import { REPORT_MARKER, REPORT_TITLE } from '../report/usage-report.ts';
import type { MatrixCell } from '../report/usage-report.ts';
import { lookbackStart } from '../settings.ts';
import type { GroupField, Settings } from '../settings.ts';
import type { Source } from '../sources/source.ts';
import { applyPlan } from '../trackers/apply-plan.ts';
import type { AppliedAction } from '../trackers/apply-plan.ts';
import type { IssueTracker } from '../trackers/issue-tracker.ts';
import { issuesByFingerprint, planIssues, planReportIssue } from '../trackers/plan-issues.ts';
import type { PlannedAction } from '../trackers/plan-issues.ts';
import { draftProblemIssues, heldByRule, newestVersionOf, planOptions } from '../trackers/problem-drafts.ts';
import { dashboardBody } from './dashboard.ts';
import { updateHistory } from './history-file.ts';
import type { Logger } from './logger.ts';
import { liveConfigurations, publicationFields, reportOf } from './publication.ts';
import { adapterOf, logTally, readInputs } from './read-inputs.ts';
import type { WorkerPlan } from './read-inputs.ts';

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
    const merged = await mergePartials({
      partials: deps.partials ?? [],
      windowStart,
      lookbackDays: settings.lookbackDays,
      onSession,
    });
    log.info(`Merged the partials of ${merged.shards} shard(s).`);
    tally = merged.tally;
  } else {
    tally = await readInputs(
      {
        sources: deps.sources,
        ...(deps.cache ? { cache: deps.cache } : {}),
        adapter: adapterOf(settings),
        windowStart,
        now,
        onSession,
      },
      deps.workers,
      log,
    );
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
  const recoded = cube.recode(settings.minPublishedInstallations, [
    ...cubeFields.filter((field) => !settings.groupBy.includes(field)),
    ...RECODE_ORDER,
  ]);
  const publication = publicationNote(settings.minPublishedInstallations, recoded);
  if (publication) log.info(publication);
  const sameFields = (fields: readonly GroupField[]) =>
    fields.length === cubeFields.length && fields.every((field, index) => cubeFields[index] === field);
  const grouped = (fields: GroupField[]) => (sameFields(fields) ? cube : cube.project(fields));
  const aggregator = grouped(settings.groupBy);
  const side = grouped(['os.platform', 'app.version']);
  const findings = findRunProblems(aggregator, settings);
  const groups = judgeGroups(aggregator.groups(), settings).map(findings.judgeCell);
  // 🔴 in the OS × version table marks what a problem covers: a cell that agrees with a covered configuration.
  const shared = (cell: JudgedGroup, group: JudgedGroup) =>
    cell.fields.every((field) =>
      group.fields.every((other) => other.name !== field.name || other.value === field.value),
    );
  const matrix = judgeGroups(side.groups(), settings).map((cell) => {
    if (side === aggregator) return findings.judgeCell(cell);
    const covered = groups.some((group) => group.flagged && shared(cell, group));
    return { ...cell, flagged: covered, verdict: covered ? 'part of a problem' : 'part of no problem' };
  });
  const problems = findings.problems;
  for (const level of findings.search.levels) {
    if (level.hypotheses > 0)
      log.info(
        `Tested ${level.testable} of ${level.hypotheses} ${level === findings.search.levels[0] ? 'configuration' : 'wider'} description(s) at p <= ${Math.exp(level.logLevel).toPrecision(2)}.`,
      );
  }

  // The history: this run's days folded into the days kept, for release health beyond the window.
  const {
    kept,
    health,
    report: historyReport,
  } = collector && deps.historyPath
    ? await updateHistory(deps.historyPath, collector.days, settings, now, log)
    : { kept: null, health: null, report: null };

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
  const existing =
    problems.length > 0 || groups.length > 0 || settings.closeAfterDays > 0 || settings.reportIssue
      ? await deps.tracker.listIssues(label)
      : [];
  // A problem's past is shown once the history reaches further back than the window.
  const history =
    kept && kept.days.size > 0 && Math.min(...kept.days.keys()) < Math.floor(windowStart.getTime() / DAY_MS)
      ? kept
      : null;
  const pastOf = history
    ? (group: ProblemGroup) =>
        problemHistory(
          history,
          { pattern: group.problem.pattern, measure: group.problem.measure, versions: group.appVersions },
          findings.fields,
          {
            now,
            confidence: settings.confidence,
            minSessions: settings.minSessions,
          },
        )
    : null;
  const drafts = draftProblemIssues({
    settings,
    findings,
    cells: groups,
    existing,
    renderer: deps.renderer,
    run,
    pastOf,
  });
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
    const plan = planIssues(drafts, existing, {
      ...planOptions(settings, now, newestVersionOf(groups)),
      held: heldByRule(existing, findings.fields, recoded.cells),
    });
    issues = await apply(plan);
  } else {
    log.info('No problem found.');
  }
  // 🔴 cells of the OS × version table name the issues of the problems that cover them.
  const issueOf = new Map(
    issues
      .filter((issue) => issue.number !== null && issue.kind !== 'duplicate')
      .map((issue) => [issue.fingerprint, { number: issue.number!, url: issue.url }]),
  );
  const linkedMatrix: MatrixCell[] = matrix.map((cell) => {
    if (!cell.flagged) return cell;
    const links = problems
      .filter((problem) =>
        groups.some((group) => group.flagged && shared(cell, group) && findings.covers(problem, group)),
      )
      .map((problem) => issueOf.get(problem.fingerprint))
      .filter((link) => link !== undefined);
    return links.length > 0 ? { ...cell, issues: links } : cell;
  });
  if (settings.reportIssue) {
    const report = planReportIssue(
      existing,
      REPORT_MARKER,
      REPORT_TITLE,
      dashboardBody({
        settings,
        grouped,
        everything,
        groups,
        matrix: linkedMatrix,
        now,
        windowStart,
        publication,
        health: deps.historyPath ? health : null,
      }),
    );
    if (report) issues = [...issues, ...(await apply([report]))];
  }
  // Each cell points at its problem's issue in the report and the job summary.
  const cellsWithIssue = groups.map((cell) => {
    const problem = problems.find((candidate) => findings.covers(candidate, cell));
    return problem ? { ...cell, problemFingerprint: problem.fingerprint } : cell;
  });

  const report = reportOf(settings, {
    now,
    windowStart,
    intake: tally,
    groups: cellsWithIssue,
    matrix: linkedMatrix,
    problems,
    issues,
    folded,
    recoded,
  });
  report.history = historyReport;
  return report;
}
