// The one composition root: the action (src/main.ts) and the command line
// (src/cli.ts) hand it their settings and a host (clock, folders, log, GitHub or
// the local store) and get the run's report back. Everything a run wires
// together is wired here, once.

import { join, resolve } from 'node:path';
import type { GitHubClient, RequestCounts } from '../github-client.ts';
import { mergeInputsFor } from '../partial/partial-artifacts.ts';
import { withPartialFile } from '../partial/partial-files.ts';
import { createIssueRenderer } from '../render/issue-templates.ts';
import type { RunReport } from '../report/run-report.ts';
import type { Settings } from '../settings.ts';
import type { Shard } from '../sources/shard.ts';
import { createPathSource, listFiles, STDIN } from '../sources/path-source.ts';
import type { Source } from '../sources/source.ts';
import { SettingsError } from '../settings.ts';
import { openArtifactState, readingFingerprint } from '../state/artifact-state.ts';
import type { ArtifactState } from '../state/artifact-state.ts';
import type { IssueTracker } from '../trackers/issue-tracker.ts';
import { artifactSourceFor } from './artifact-source-for.ts';
import type { Logger } from './logger.ts';
import { runPartial } from './partial-run.ts';
import type { WorkerPlan } from './read-inputs.ts';
import { readTemplates } from './template-files.ts';
import { runTriage } from './triage.ts';

/** What differs between the action and the command line. */
export interface Host {
  /** The clock's time; settings.now, when set, is used instead. */
  clock: Date;
  /** Relative paths and globs are taken from here. */
  cwd: string;
  log: Logger;
  /** GitHub, when the settings name a repository. */
  github: { client: GitHubClient; counts: RequestCounts } | null;
  /** Where issues are filed: the repository's issues, or the local store. */
  tracker: IssueTracker;
  workers: WorkerPlan;
  /** The folder of state-path or the file of history-path, checked by the host (the action keeps them under RUNNER_TEMP). */
  keptPath(path: string, input: 'state-path' | 'history-path'): string;
  /** The history file when neither history-path nor state-path is set; null: no history. */
  defaultHistoryPath: string | null;
  /** Where a shard's partial goes when partial-path is unset. */
  defaultPartialPath(shard: Shard): string;
  /** Web root for run links (GITHUB_SERVER_URL). */
  serverUrl: string;
  /** The workflow run whose artifacts hold the partials (mode merge with partial-artifacts). */
  runId: string | undefined;
  /** Standard input, for the path "-". */
  stdin?: () => AsyncIterable<Uint8Array>;
  /** Whether a path that names nothing fails the run (the command line) or is skipped with a reason (the action). */
  strictPaths: boolean;
}

export interface RunOutcome {
  report: RunReport;
  /** Mode partial: where the partial was written. */
  partialPath: string | null;
  /** Whether the only source was paths and not one record was in them: nothing was triaged. */
  readNothing: boolean;
}

export async function runWith(settings: Settings, host: Host): Promise<RunOutcome> {
  const now = settings.now ?? host.clock;
  const { log, cwd } = host;
  const merging = settings.mode === 'merge';
  const sources: Source[] = [];
  let state: ArtifactState | undefined;
  if (merging) {
    if (settings.paths.length > 0 || settings.artifactNames.length > 0)
      log.info('Mode merge reads the partials only; path and artifact-name were read by the shards.');
  } else if (settings.paths.length > 0) {
    if (host.strictPaths) {
      // A path that names nothing is a typo, not an empty run: say so before anything is written.
      for (const pattern of settings.paths) {
        if (pattern !== STDIN && (await listFiles(pattern, cwd)) === null)
          throw new SettingsError(
            'path',
            `is "${pattern}", which names no file, folder or matching glob`,
            'a file, a folder or a glob such as "logs/**/*.jsonl"',
          );
      }
    }
    sources.push(
      createPathSource(settings.paths, cwd, settings.shard, {
        logsInFolders: settings.format === 'log',
        ...(host.stdin ? { stdin: host.stdin } : {}),
      }),
    );
  }
  if (settings.artifactNames.length > 0 && !merging && settings.repository && host.github) {
    state = settings.statePath
      ? await openArtifactState(
          host.keptPath(settings.statePath, 'state-path'),
          readingFingerprint(settings),
          settings.dryRun,
          log.warning,
        )
      : undefined;
    sources.push(
      artifactSourceFor({ ...settings, repository: settings.repository }, host.github, now, host.serverUrl, state),
    );
  }
  const cache = state ? { cache: state } : {};

  let report: RunReport;
  let partialPath: string | null = null;
  if (settings.mode === 'partial') {
    const shard = settings.shard!;
    partialPath = settings.partialPath ? resolve(cwd, settings.partialPath) : host.defaultPartialPath(shard);
    const { result, bytes } = await withPartialFile(partialPath, (emit) =>
      runPartial(settings, { sources, ...cache, now, log, emit, workers: host.workers }),
    );
    report = result.report;
    report.partial = { shard, path: partialPath, sessions: result.sessions, bytes };
  } else {
    const templates = await readTemplates(settings, cwd);
    const partials = merging ? await mergeInputsFor(settings, cwd, host.github?.client ?? null, host.runId) : [];
    // The history: history-path, else history.json in the state folder when issues go to GitHub, else the host's default (beside the local store).
    const historyPath = settings.historyPath
      ? host.keptPath(settings.historyPath, 'history-path')
      : settings.repository && settings.statePath
        ? join(host.keptPath(settings.statePath, 'state-path'), 'history.json')
        : host.defaultHistoryPath;
    report = await runTriage(settings, {
      sources,
      ...cache,
      workers: host.workers,
      partials,
      tracker: host.tracker,
      renderer: createIssueRenderer(templates.title, templates.body),
      now,
      log,
      historyPath,
    });
    if (merging) report.merged = { shards: partials.length, partials: partials.map((partial) => partial.name) };
  }
  report.requests = host.github ? { reads: host.github.counts.reads, writes: host.github.counts.writes } : null;
  if (state) {
    await state.finish();
    report.state = { ...state.stats };
  }
  const readNothing = settings.paths.length > 0 && !merging && sources.length === 1 && report.intake.records === 0;
  return { report, partialPath, readNothing };
}
