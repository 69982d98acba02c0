// npm run bench: throughput of the intake pipeline against a bare JSON.parse loop
// over the same bytes, measured side by side, plus peak memory.
//
//   node scripts/bench.ts [--sessions N] [--workers auto|N] [--rounds N] [--phase all|generate|floor|pipeline|workers|whole|whole-workers|history|downloads|configurations] [--file DIR]
//
// Each phase runs in its own child process so its peak RSS is its own.

import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createAggregator } from '../src/aggregate/aggregate-groups.ts';
import { intake } from '../src/intake/intake.ts';
import { intakeInWorkers } from '../src/intake/parallel-intake.ts';
import { createPathSource } from '../src/sources/path-source.ts';
import { createHistoryCollector, historyFields } from '../src/history/history.ts';
import type { SessionSummary } from '../src/records/session-summary.ts';
import type { RunRef } from '../src/sources/source.ts';
import { strToU8, zipSync } from 'fflate';
import { demoProfiles, generateSummaries } from '../test/fixtures/synthetic-summaries.ts';

const { values } = parseArgs({
  options: {
    sessions: { type: 'string', default: '1000000' },
    phase: { type: 'string', default: 'all' },
    file: { type: 'string' },
    workers: { type: 'string', default: 'auto' },
    rounds: { type: 'string', default: '3' },
  },
});
/** Threads of the `workers` phase, as the action's `workers` input counts them: the main thread and threads - 1 worker threads. */
const threads = values.workers === 'auto' ? availableParallelism() : Number(values.workers);
const sessions = Number(values.sessions);
const END = new Date('2026-11-21T00:00:00Z');

/** Summaries per NDJSON file: artifacts are many modest files, not one huge one. */
const PER_FILE = 100_000;

/** Writes N deterministic summaries as NDJSON files of PER_FILE lines, in batches, so generating does not hold them all. */
async function generate(dir: string, count: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  let out = createWriteStream(join(dir, 'part-0000.jsonl'));
  let inFile = 0;
  let files = 1;
  const batch = 50_000;
  const base = demoProfiles(1);
  const perBatch = base.reduce((sum, profile) => sum + profile.sessions, 0);
  for (let done = 0, seed = 1; done < count; seed += 1) {
    const scale = Math.min(batch, count - done) / perBatch;
    const rows = generateSummaries({
      seed,
      appName: 'octo-cli',
      end: END,
      days: 6,
      profiles: demoProfiles(scale),
    }).slice(0, count - done);
    for (let at = 0; at < rows.length;) {
      if (inFile === PER_FILE) {
        await new Promise<void>((resolve) => out.end(resolve));
        out = createWriteStream(join(dir, `part-${String(files++).padStart(4, '0')}.jsonl`));
        inFile = 0;
      }
      const take = rows.slice(at, at + PER_FILE - inFile);
      if (!out.write(take.map((row) => JSON.stringify(row)).join('\n') + '\n'))
        await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      at += take.length;
      inFile += take.length;
      done += take.length;
    }
  }
  await new Promise<void>((resolve) => out.end(resolve));
}

async function filesOf(dir: string): Promise<string[]> {
  return (await readdir(dir))
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .map((name) => join(dir, name));
}

async function floor(dir: string): Promise<number> {
  const decoder = new TextDecoder();
  let count = 0;
  for (const path of await filesOf(dir)) {
    const bytes = await readFile(path);
    let start = 0;
    for (;;) {
      const end = bytes.indexOf(10, start);
      if (end === -1) break;
      JSON.parse(decoder.decode(bytes.subarray(start, end)));
      count += 1;
      start = end + 1;
    }
  }
  return count;
}

async function pipeline(path: string, threads: number, history = false): Promise<number> {
  const aggregator = createAggregator(['os.platform', 'app.version']);
  // With `history`, every session is also folded into the daily figures release health keeps, as a triage with a history does.
  const collector = history ? createHistoryCollector(historyFields(['os.platform', 'app.version'])) : null;
  const options = {
    sources: [createPathSource([path], '/')],
    windowStart: new Date(END.getTime() - 7 * 86_400_000),
    now: END,
    onSession: collector
      ? (summary: SessionSummary, run: RunRef | null, times: { startedMs: number; endedMs: number }) => {
          aggregator.add(summary, run, times);
          collector.add(summary, times.startedMs);
        }
      : aggregator.add,
  };
  // Worker threads run the bundled dist/intake-worker.js, as the action does (npm run build first).
  const worker = new URL('../dist/intake-worker.js', import.meta.url);
  const tally =
    threads > 1 ? await intakeInWorkers(options, { count: threads - 1, url: worker }) : await intake(options);
  const groups = aggregator.groups();
  if (groups.length === 0) throw new Error('no groups');
  return tally.accepted;
}

async function phase(name: string, path: string): Promise<void> {
  const started = process.hrtime.bigint();
  const count =
    name === 'floor'
      ? await floor(path)
      : await pipeline(path, name === 'workers' || name === 'whole-workers' ? threads : 1, name === 'history');
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(
    JSON.stringify({
      phase: name,
      count,
      seconds,
      perSecond: count / seconds,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }) + '\n',
  );
}

/**
 * Memory a distinct configuration costs: 100,000 sessions, each with its own app version
 * (the shape of a build hash in the version), aggregated and then folded to the default
 * max-configurations. The baseline is the same process before the first session.
 */
async function configurations(): Promise<void> {
  const { createAggregator } = await import('../src/aggregate/aggregate-groups.ts');
  const count = 100_000;
  const base = generateSummaries({ seed: 5, appName: 'octo-cli', end: END, days: 1, profiles: demoProfiles(0.02) })[0]!;
  const aggregator = createAggregator(['os.platform', 'app.version']);
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage().rss;
  for (let i = 0; i < count; i += 1) {
    aggregator.add(
      {
        ...base,
        session_id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
        install_id: `11111111-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
        app: { name: 'octo-cli', version: `2.4.0+build.${i}` },
      },
      null,
    );
  }
  (globalThis as { gc?: () => void }).gc?.();
  const after = process.memoryUsage().rss;
  const started = process.hrtime.bigint();
  const folded = aggregator.fold(10_000, 10);
  const foldSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    `configurations: ${count.toLocaleString('en')} distinct, ${Math.round((after - before) / count).toLocaleString('en')} bytes of RSS each while aggregated; ` +
      `folded ${folded.configurations.toLocaleString('en')} of them in ${foldSeconds.toFixed(2)} s; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
}

/** 1,000 artifacts from the emulator with 50 ms per API request, at the default download concurrency. */
async function downloads(): Promise<void> {
  const { startEmulator } = await import('../test/emulator/github-emulator.ts');
  const { createGitHubClient } = await import('../src/github-client.ts');
  const { createArtifactSource } = await import('../src/sources/artifact-source.ts');
  const emulator = await startEmulator({ latencyMs: 50, rateLimit: 5000 });
  try {
    const rows = generateSummaries({ seed: 3, appName: 'octo-cli', end: END, days: 6, profiles: demoProfiles(0.02) });
    const zip = zipSync({ 's.jsonl': strToU8(rows.map((row) => JSON.stringify(row)).join('\n')) });
    for (let i = 0; i < 1000; i += 1)
      emulator.addArtifact({
        name: `session-summaries-${i}`,
        zip,
        createdAt: new Date(END.getTime() - 86_400_000),
        run: { id: i + 1 },
      });
    const { client, counts } = createGitHubClient({ token: emulator.token, baseUrl: emulator.apiUrl, warn: () => {} });
    const source = createArtifactSource({
      client,
      repository: { owner: emulator.owner, repo: emulator.repo },
      names: ['session-summaries-*'],
      since: new Date(END.getTime() - 7 * 86_400_000),
      concurrency: 8,
      serverUrl: 'https://github.com',
      trustForks: false,
      workflows: [],
      branches: [],
      budget: { remaining: () => counts.remaining, reserve: 100 },
    });
    const started = process.hrtime.bigint();
    let read = 0;
    for await (const event of source.read()) if (event.kind === 'item') read += 1;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(
      `downloads: ${read} of 1,000 artifacts in ${seconds.toFixed(1)} s with 50 ms per API request and 8 in flight (${counts.reads} REST reads)`,
    );
  } finally {
    await emulator.close();
  }
}

/** The folder of generated summaries for `sessions`, made once and reused. */
async function dataset(): Promise<string> {
  const dir = join(tmpdir(), 'cra-bench', `summaries-${sessions}-of-${PER_FILE}`);
  if (!(await stat(join(dir, 'done')).catch(() => null))) {
    await generate(dir, sessions);
    await writeFile(join(dir, 'done'), '');
  }
  if (!(await stat(join(dir, 'whole', 'done')).catch(() => null))) {
    // The same summaries as one file, as a user's export would be: read as a stream, not skipped.
    await mkdir(join(dir, 'whole'), { recursive: true });
    const whole = createWriteStream(join(dir, 'whole', 'all.jsonl'));
    for (const path of await filesOf(dir)) {
      if (!whole.write(await readFile(path)))
        await new Promise<void>((resolve) => whole.once('drain', () => resolve()));
    }
    await new Promise<void>((resolve) => whole.end(resolve));
    await writeFile(join(dir, 'whole', 'done'), '');
  }
  return dir;
}

if (values.phase === 'downloads') {
  await downloads();
} else if (values.phase === 'configurations') {
  await configurations();
} else if (values.phase === 'generate') {
  console.log(await dataset());
} else if (values.phase !== 'all') {
  await phase(values.phase!, values.file!);
} else {
  const file = await dataset();
  let size = 0;
  for (const path of await filesOf(file)) size += (await stat(path)).size;
  const self = fileURLToPath(import.meta.url);
  const wholeFile = join(file, 'whole', 'all.jsonl');
  const run = (name: string) =>
    JSON.parse(
      execFileSync(
        process.execPath,
        [
          '--max-old-space-size=4096',
          self,
          '--phase',
          name,
          '--file',
          name.startsWith('whole') ? wholeFile : file,
          '--workers',
          String(threads),
        ],
        { encoding: 'utf8' },
      ),
    ) as {
      count: number;
      perSecond: number;
      peakRssMb: number;
      seconds: number;
    };
  const results: Record<string, ReturnType<typeof run>> = {};
  /** Per round, each phase's speed: the phases of one round run back to back, so their ratios compare. */
  const rounds: Record<string, number>[] = [];
  // Alternate the phases and keep each one's best, so a busy moment hurts neither side alone.
  for (let round = 0; round < Math.max(1, Number(values.rounds)); round += 1) {
    const speeds: Record<string, number> = {};
    for (const name of ['floor', 'pipeline', 'workers', 'whole', 'whole-workers', 'history']) {
      const result = run(name);
      speeds[name] = result.perSecond;
      if (!results[name] || result.perSecond > results[name]!.perSecond) results[name] = result;
    }
    rounds.push(speeds);
  }
  /** The median and range over the rounds of one phase's speed against another's. */
  const roundRatios = (name: string, against: string): string => {
    const ratios = rounds.map((speeds) => speeds[name]! / speeds[against]!).sort((a, b) => a - b);
    const median =
      ratios.length % 2 === 1
        ? ratios[(ratios.length - 1) / 2]!
        : (ratios[ratios.length / 2 - 1]! + ratios[ratios.length / 2]!) / 2;
    return `${median.toFixed(2)} (${ratios[0]!.toFixed(2)}-${ratios.at(-1)!.toFixed(2)} over ${ratios.length} rounds)`;
  };
  const floorResult = results['floor']!;
  const pipelineResult = results['pipeline']!;
  console.log(
    `${sessions.toLocaleString('en')} summaries, ${(size / 1e6).toFixed(0)} MB of NDJSON in files of ${PER_FILE.toLocaleString('en')}`,
  );
  console.log(
    `floor (JSON.parse per line): ${Math.round(floorResult.perSecond).toLocaleString('en')} summaries/s, peak RSS ${floorResult.peakRssMb.toFixed(0)} MB`,
  );
  console.log(
    `pipeline (read, parse, privacy guard, validate, dedupe, aggregate): ${Math.round(pipelineResult.perSecond).toLocaleString('en')} summaries/s, peak RSS ${pipelineResult.peakRssMb.toFixed(0)} MB`,
  );
  console.log(
    `ratio pipeline/floor: ${(pipelineResult.perSecond / floorResult.perSecond).toFixed(2)} of the bests; round by round ${roundRatios('pipeline', 'floor')}`,
  );
  const workersResult = results['workers']!;
  console.log(
    `pipeline with ${threads} threads (this one and ${threads - 1} worker ${threads === 2 ? 'thread' : 'threads'}): ${Math.round(workersResult.perSecond).toLocaleString('en')} summaries/s, peak RSS ${workersResult.peakRssMb.toFixed(0)} MB; ` +
      `${(workersResult.perSecond / pipelineResult.perSecond).toFixed(2)}x one thread, ${(workersResult.perSecond / floorResult.perSecond).toFixed(2)}x the floor (bests); ` +
      `round by round ${roundRatios('workers', 'floor')} the floor`,
  );
  if (workersResult.count !== pipelineResult.count)
    console.log(`note: worker threads accepted ${workersResult.count}, one thread ${pipelineResult.count}`);
  const wholeResult = results['whole']!;
  const wholeWorkers = results['whole-workers']!;
  console.log(
    `the same summaries as one ${(size / 1e6).toFixed(0)} MB file (streamed): ${Math.round(wholeResult.perSecond).toLocaleString('en')} summaries/s on one thread, peak RSS ${wholeResult.peakRssMb.toFixed(0)} MB, ` +
      `round by round ${roundRatios('whole', 'pipeline')} the speed in files of ${PER_FILE.toLocaleString('en')}; ` +
      `with ${threads} threads ${Math.round(wholeWorkers.perSecond).toLocaleString('en')} summaries/s, peak RSS ${wholeWorkers.peakRssMb.toFixed(0)} MB, ${roundRatios('whole-workers', 'workers')} the speed in files`,
  );
  if (wholeResult.count !== pipelineResult.count || wholeWorkers.count !== pipelineResult.count)
    console.log(
      `note: one file gave ${wholeResult.count} and ${wholeWorkers.count} sessions, files ${pipelineResult.count}`,
    );
  const historyResult = results['history']!;
  console.log(
    `pipeline keeping the history's daily figures too: ${Math.round(historyResult.perSecond).toLocaleString('en')} summaries/s, peak RSS ${historyResult.peakRssMb.toFixed(0)} MB; round by round ${roundRatios('history', 'pipeline')} the pipeline's speed`,
  );
  if (pipelineResult.count !== floorResult.count)
    console.log(`note: ${floorResult.count - pipelineResult.count} records not accepted by the pipeline`);
  process.stdout.write(execFileSync(process.execPath, [self, '--phase', 'downloads'], { encoding: 'utf8' }));
  process.stdout.write(
    execFileSync(process.execPath, ['--expose-gc', self, '--phase', 'configurations'], { encoding: 'utf8' }),
  );
}
