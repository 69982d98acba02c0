#!/usr/bin/env node
// The command line: the same engine as the action, with issues in a local folder
// (the default) or on GitHub (--repo with GITHUB_TOKEN).

import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createGitHubClient } from './github-client.ts';
import { producerCommand } from './producer/producer-command.ts';
import { summarizeCommand } from './producer/summarize-command.ts';
import { formatConsoleReport } from './report/console-report.ts';
import { writeReport } from './report/write-report.ts';
import { workerPlan } from './run/read-inputs.ts';
import { runWith } from './run/run.ts';
import { CLI_CONTEXT, GROUP_FIELDS, parseSettings } from './settings.ts';
import { createGitHubTracker } from './trackers/github-tracker.ts';
import { createLocalTracker } from './trackers/local-tracker.ts';

/** Words joined by commas in lines of at most `width` characters, each indented by `indent` spaces. */
function wrapList(words: readonly string[], indent: number, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const [index, word] of words.entries()) {
    const piece = index < words.length - 1 ? `${word}, ` : word;
    if (line !== '' && indent + line.length + piece.trimEnd().length > width) {
      lines.push(line.trimEnd());
      line = '';
    }
    line += piece;
  }
  lines.push(line);
  return lines.map((text) => ' '.repeat(indent) + text).join('\n');
}

const USAGE = `Usage: crash-report-aggregator [triage] --path PATH... [options]
       crash-report-aggregator summarize --log FILE ... (see summarize --help)
       crash-report-aggregator producer python [--out FILE]   the standard-library Python producer

Reads anonymous session summaries, aggregates errors by configuration and files
one issue per configuration that errors too often.

Where summaries come from (at least one):
  --path PATH              file, folder or glob (.json, .jsonl, .ndjson, .zip), or - for standard input; repeatable
  --artifact-name GLOB     workflow-run artifact names to read (needs --repo); repeatable

  --format F               auto, session-summary, hasura-cli, segment or log (default auto)
  --app-name NAME          app name for formats that carry none
  --app-version V          app version for raw session logs
  --log-pattern REGEX      timestamp and level pattern of log lines (groups ts, level)

Where issues go:
  --store DIR              local issue store, one Markdown file per issue (default .crash-reports)
  --repo OWNER/NAME        GitHub repository instead (token from GITHUB_TOKEN)
  --api-url URL            REST API root (default GITHUB_API_URL or https://api.github.com)
  --dry-run                write nothing; say what would be written

Triage:
  --lookback-days N        window in days (default 7)
  --group-by FIELDS        comma-separated summary fields (default "os.platform, app.version"), of:
${wrapList(GROUP_FIELDS, 27, 100)}
  --min-sessions N         sessions a problem needs (default 10)
  --error-rate-threshold R errored-session rate a problem needs (default 0: left to the test)
  --min-installations N    installations a problem's excess must be spread over (default 3)
  --min-published-installations N
                           installations a configuration needs to be named in any output (default 5)
  --min-rate-ratio R       how many times the compared rate a problem's rate must be (default 1.5)
  --max-configurations N   distinct configurations kept; past it the long tail is folded (default 10000)
  --labels LABELS          issue labels, comma-separated (default crash-report)
  --title-template FILE    Handlebars title template
  --body-template FILE     Handlebars body template
  --confidence C           family-wise confidence: 1 - C is the chance of any false issue a run (default 0.95)
  --max-new-issues N       issues opened per run at most (default 10)
  --ignore-label LABEL     issues with this label are left alone (default crash-report:ignore)
  --close-after-days N     close issues whose problem recovered over N days (default 3, 0: never)
  --comment-on-change B    comment when a rate moves by more than 2x (default true)
  --dimension-labels B     label new issues per group field, e.g. os:windows (default false)
  --report-issue B         keep a usage and errors dashboard issue (default false)
  --download-concurrency N parallel artifact downloads (default 8)
  --workers N|auto         threads sharing the intake: this one, and N-1 worker threads that
                           parse and validate records (default 1; auto: one per core)
  --api-reserve N          REST requests kept for issue writes (default 100)
  --state-path DIR         keep what each artifact held here; later runs download only new ones
  --history-path FILE      daily figures kept across runs for release health (default STORE/history.json,
                           or state-path/history.json with --repo)
  --history-days N         days the history keeps (default 180)
  --trust-forks true       also read artifacts of runs from forks (default false)
  --workflows FILES        only artifacts of runs of these workflow files
  --branches GLOBS         only artifacts of runs on these branches

Scaling out (one partial run per shard, then one merge):
  --mode M                 full (default), partial or merge
  --shard I/N              with --mode partial: read share I of N of the inputs
  --partial-path FILE      with --mode partial: where the partial goes (default STORE/partial-I-of-N.ndjson)
  --partials PATH          with --mode merge: partial files, folders or globs; repeatable
  --partial-artifacts NAME with --mode merge and --repo: artifacts of workflow run --run-id
                           (or GITHUB_RUN_ID) holding partials; repeatable
  --run-id ID              the workflow run whose artifacts --partial-artifacts reads
                           (default GITHUB_RUN_ID)

Output:
  --report FILE            JSON report (default STORE/report.json, or none with --repo)
  --now TIME               evaluate as of this RFC 3339 time instead of the clock
  --help                   this text
`;

const INPUT_OPTIONS = [
  'lookback-days',
  'group-by',
  'min-sessions',
  'error-rate-threshold',
  'min-installations',
  'min-published-installations',
  'min-rate-ratio',
  'max-configurations',
  'labels',
  'title-template',
  'body-template',
  'max-new-issues',
  'download-concurrency',
  'trust-forks',
  'workflows',
  'branches',
  'confidence',
  'ignore-label',
  'close-after-days',
  'comment-on-change',
  'dimension-labels',
  'report-issue',
  'format',
  'app-name',
  'app-version',
  'log-pattern',
  'api-reserve',
  'state-path',
  'history-path',
  'history-days',
  'mode',
  'shard',
  'partial-path',
  'workers',
] as const;

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'summarize') return summarizeCommand(argv.slice(1), process.env);
  if (argv[0] === 'producer') return producerCommand(argv.slice(1));
  const args = argv[0] === 'triage' ? argv.slice(1) : argv;
  let parsed;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      options: {
        path: { type: 'string', multiple: true },
        'artifact-name': { type: 'string', multiple: true },
        partials: { type: 'string', multiple: true },
        'partial-artifacts': { type: 'string', multiple: true },
        'run-id': { type: 'string' },
        store: { type: 'string' },
        repo: { type: 'string' },
        'api-url': { type: 'string' },
        'dry-run': { type: 'boolean' },
        report: { type: 'string' },
        now: { type: 'string' },
        help: { type: 'boolean' },
        ...Object.fromEntries(INPUT_OPTIONS.map((name) => [name, { type: 'string' as const }])),
      },
    });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const values = parsed.values as Record<string, string | string[] | boolean | undefined>;
  if (values['help']) {
    process.stdout.write(USAGE);
    return 0;
  }
  const inputs: Record<string, string> = {
    'github-token': process.env['GITHUB_TOKEN'] ?? '',
    repository: typeof values['repo'] === 'string' ? values['repo'] : '',
    path: ((values['path'] as string[] | undefined) ?? []).join('\n'),
    'artifact-name': ((values['artifact-name'] as string[] | undefined) ?? []).join('\n'),
    partials: ((values['partials'] as string[] | undefined) ?? []).join('\n'),
    'partial-artifacts': ((values['partial-artifacts'] as string[] | undefined) ?? []).join('\n'),
    'dry-run': values['dry-run'] ? 'true' : 'false',
  };
  for (const name of INPUT_OPTIONS) {
    const value = values[name];
    if (typeof value === 'string') inputs[name] = value;
  }

  if (typeof values['now'] === 'string') inputs['now'] = values['now'];

  try {
    const settings = parseSettings((name) => inputs[name] ?? '', CLI_CONTEXT);
    const cwd = process.cwd();
    const store = resolve(cwd, typeof values['store'] === 'string' ? values['store'] : '.crash-reports');
    const warn = (message: string) => process.stderr.write(`warning: ${message}\n`);
    const github = settings.repository
      ? createGitHubClient({
          token: settings.token,
          baseUrl:
            (typeof values['api-url'] === 'string' ? values['api-url'] : process.env['GITHUB_API_URL']) ||
            'https://api.github.com',
          warn,
        })
      : null;
    const { report, readNothing } = await runWith(settings, {
      clock: new Date(),
      cwd,
      log: { info: (message) => process.stderr.write(`${message}\n`), warning: warn },
      github,
      tracker:
        github && settings.repository
          ? createGitHubTracker(github.client, settings.repository)
          : createLocalTracker(store),
      workers: workerPlan(settings, availableParallelism(), new URL('./intake-worker.js', import.meta.url)),
      keptPath: (path) => resolve(cwd, path),
      defaultHistoryPath: settings.repository ? null : join(store, 'history.json'),
      defaultPartialPath: (shard) => join(store, `partial-${shard.index}-of-${shard.count}.ndjson`),
      serverUrl: process.env['GITHUB_SERVER_URL'] || 'https://github.com',
      runId: typeof values['run-id'] === 'string' ? values['run-id'] : process.env['GITHUB_RUN_ID'],
      stdin: () => process.stdin,
      strictPaths: true,
    });
    const reportPath =
      typeof values['report'] === 'string'
        ? resolve(cwd, values['report'])
        : settings.repository || settings.dryRun
          ? null
          : join(store, 'report.json');
    if (reportPath) await writeReport(report, reportPath);
    process.stdout.write(`${formatConsoleReport(report)}\n`);
    if (reportPath) process.stdout.write(`Report: ${reportPath}\n`);
    // Files given and not one record in them: nothing was triaged, and the exit status says so.
    if (readNothing) {
      const skipped = Object.entries(report.intake.skipped).map(([reason, count]) => `${count} ${reason}`);
      process.stderr.write(
        `error: read no record from ${settings.paths.join(', ')}${skipped.length > 0 ? ` (skipped: ${skipped.join(', ')})` : ''}\n`,
      );
      return 1;
    }
    return 0;
  } catch (error) {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
