// npm run mutate [-- options]: StrykerJS over the core modules (stryker.config.json's `mutate`),
// then one line with the score.
//
// Each mutant is tried against its module's own unit tests: the test files that import it, or,
// for a module no test imports, those that import a source module that imports it. A test further
// away (a whole triage, a simulation of a month) rarely names what a module does, and running every
// such file for every surviving mutant turns a run of an hour into a day. The score is therefore a
// lower bound of what the whole unit tier would catch; `--all-tests` measures against every unit
// test file in one run instead.
//
// Options:
//   --mutate a.ts,b.ts   only these modules (paths as in stryker.config.json, globs allowed)
//   --all-tests          every unit test file for every module (slow: hours on two cores)
//   --concurrency N      test processes (default: the config's)
//   --timeout-ms N       time a mutant's tests may take beyond twice their measured time before it
//                        counts as a timeout (default: the config's 20 s; a module whose mutants
//                        loop forever, as the packed ID set's probes do, pays it once each)
//   --timeout-factor F   how many times their measured time a mutant's tests may take (default: the config's 2)
//   --incremental        keep each stage's results (reports/mutation/stage-<name>.incremental.json) and,
//                        when they are there from an earlier run, test again only the mutants whose code or
//                        tests changed since (StrykerJS's incremental mode): a killed mutant is kept while
//                        the test file that killed it is unchanged, any other while no test covering it changed
//   --list               print each stage's modules and test files, run nothing

import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = resolve(import.meta.dirname, '..');
const REPORTS = join(ROOT, 'reports', 'mutation');
const REPORT = join(REPORTS, 'mutation.json');
/**
 * Never a module's own tests unless --all-tests: it takes over ten seconds, and a surviving mutant
 * runs every file that covers it. The fast path held to the full way over generated records. (A month
 * of simulated runs is in test/whole-run/, outside the unit tier altogether.)
 */
const SLOW_TESTS = new Set(['test/summary-scanner.test.ts']);

interface StrykerConfig {
  mutate: string[];
  tap: { testFiles: string[]; nodeArgs: string[]; forceBail?: boolean };
  concurrency?: number;
  [key: string]: unknown;
}

interface Mutant {
  status: string;
}
interface Report {
  files: Record<string, { mutants: Mutant[]; [key: string]: unknown }>;
  [key: string]: unknown;
}

/** Files matching a pattern of stryker.config.json: a path, or a folder with `*.ts`. */
function expand(pattern: string): string[] {
  if (!pattern.includes('*')) return [pattern];
  const folder = dirname(pattern);
  const suffix = pattern.slice(pattern.lastIndexOf('*') + 1);
  return readdirSync(join(ROOT, folder))
    .filter((name) => name.endsWith(suffix))
    .sort()
    .map((name) => `${folder}/${name}`);
}

const importCache = new Map<string, string[]>();
/** Relative imports of a file, as absolute paths. */
function importsOf(file: string): string[] {
  let list = importCache.get(file);
  if (!list) {
    const text = readFileSync(file, 'utf8');
    list = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+\.ts)'/g)].map((match) =>
      resolve(dirname(file), match[1]!),
    );
    importCache.set(file, list);
  }
  return list;
}

/** Whether `test` reaches `module` within `hops` imports (1: it imports it), through source files only. */
function reaches(test: string, module: string, hops: number): boolean {
  let frontier = [test];
  const seen = new Set<string>();
  for (let hop = 0; hop < hops; hop += 1) {
    const next: string[] = [];
    for (const file of frontier) {
      for (const target of importsOf(file)) {
        if (target === module) return true;
        if (seen.has(target) || !target.startsWith(join(ROOT, 'src'))) continue;
        seen.add(target);
        next.push(target);
      }
    }
    frontier = next;
  }
  return false;
}

const { values } = parseArgs({
  options: {
    mutate: { type: 'string' },
    'all-tests': { type: 'boolean', default: false },
    concurrency: { type: 'string' },
    'timeout-ms': { type: 'string' },
    'timeout-factor': { type: 'string' },
    incremental: { type: 'boolean', default: false },
    list: { type: 'boolean', default: false },
  },
});

const config = JSON.parse(readFileSync(join(ROOT, 'stryker.config.json'), 'utf8')) as StrykerConfig;
const core = config.mutate.flatMap(expand);
const wanted = values.mutate ? new Set(values.mutate.split(',').flatMap(expand)) : null;
const modules = wanted ? core.filter((module) => wanted.has(module)) : core;
if (wanted) {
  const outside = [...wanted].filter((module) => !core.includes(module));
  if (outside.length > 0) process.stderr.write(`Not core modules, measured anyway: ${outside.join(', ')}\n`);
  modules.push(...outside);
}
if (modules.length === 0) {
  process.stderr.write('No module to mutate.\n');
  process.exit(2);
}
const unitTests = config.tap.testFiles.flatMap(expand);

/** A module's own tests: the unit test files that import it, or else those one source module further away. */
function ownTests(module: string): string[] {
  const candidates = unitTests.filter((test) => !SLOW_TESTS.has(test));
  for (const hops of [1, 2]) {
    const found = candidates.filter((test) => reaches(join(ROOT, test), join(ROOT, module), hops));
    if (found.length > 0) return found;
  }
  return [];
}

/** The stages: one Stryker run per source folder, with its modules' own tests. */
const stages = new Map<string, { modules: string[]; tests: string[] }>();
for (const module of modules) {
  const name = values['all-tests'] ? 'all' : dirname(module).replace(/^src\/?/, '') || 'src';
  const stage = stages.get(name) ?? { modules: [], tests: [] };
  stage.modules.push(module);
  stages.set(name, stage);
}
for (const stage of stages.values()) {
  // A module's namesake test first: a mutant it kills then never waits for the slower files.
  const namesakes = new Set(stage.modules.map((module) => `test/${basename(module, '.ts')}.test.ts`));
  const first = (test: string) => (namesakes.has(test) ? 0 : 1);
  stage.tests = (values['all-tests'] ? unitTests : [...new Set(stage.modules.flatMap(ownTests))]).sort(
    (a, b) => first(a) - first(b) || a.localeCompare(b),
  );
}

if (values.list) {
  for (const [name, stage] of stages) {
    process.stdout.write(`${name}\n  modules: ${stage.modules.join(' ')}\n  tests:   ${stage.tests.join(' ')}\n`);
    const untested = stage.modules.filter((module) => ownTests(module).length === 0);
    if (untested.length > 0) process.stdout.write(`  untested: ${untested.join(' ')}\n`);
  }
  process.exit(0);
}

mkdirSync(REPORTS, { recursive: true });
// Property tests draw 1,000 cases a property here rather than 10,000: each surviving mutant runs them.
process.env['PROPERTY_RUNS'] ??= '1000';
const stryker = join(ROOT, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
const merged: Report = { files: {} };
for (const [name, stage] of stages) {
  const untested = values['all-tests'] ? [] : stage.modules.filter((module) => ownTests(module).length === 0);
  if (untested.length > 0)
    process.stdout.write(`No unit test reaches ${untested.join(', ')}: all its mutants survive.\n`);
  const stageName = `stage-${name.replaceAll('/', '-')}`;
  const stageReport = join(REPORTS, `${stageName}.json`);
  const { $schema: _schema, ...rest } = config;
  const stageConfig = {
    ...rest,
    mutate: stage.modules,
    tap: { ...config.tap, testFiles: stage.tests.length > 0 ? stage.tests : unitTests.slice(0, 1) },
    ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}),
    ...(values['timeout-ms'] ? { timeoutMS: Number(values['timeout-ms']) } : {}),
    ...(values['timeout-factor'] ? { timeoutFactor: Number(values['timeout-factor']) } : {}),
    ...(values.incremental
      ? { incremental: true, incrementalFile: relative(ROOT, join(REPORTS, `${stageName}.incremental.json`)) }
      : {}),
    jsonReporter: { fileName: relative(ROOT, stageReport) },
  };
  const configPath = join(REPORTS, `${stageName}.config.json`);
  writeFileSync(configPath, `${JSON.stringify(stageConfig, null, 2)}\n`);
  process.stdout.write(`\n== ${name}: ${stage.modules.length} modules, ${stage.tests.length} test files\n`);
  const run = spawnSync(process.execPath, [stryker, 'run', relative(ROOT, configPath)], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
  const report = JSON.parse(readFileSync(stageReport, 'utf8')) as Report;
  Object.assign(merged.files, report.files);
  for (const [key, value] of Object.entries(report)) if (key !== 'files') merged[key] ??= value;
}
writeFileSync(REPORT, JSON.stringify(merged));

// Stryker's score: detected (killed or timed out) of the mutants that ran (not ones that failed to compile or load).
const counted = (mutants: Mutant[]) => {
  const valid = mutants.filter((mutant) => !['CompileError', 'RuntimeError', 'Ignored'].includes(mutant.status));
  const detected = valid.filter((mutant) => mutant.status === 'Killed' || mutant.status === 'Timeout');
  return { detected: detected.length, valid: valid.length };
};
const percent = ({ detected, valid }: { detected: number; valid: number }) =>
  valid === 0 ? '100.0' : ((100 * detected) / valid).toFixed(1);
process.stdout.write('\n');
for (const [file, { mutants }] of Object.entries(merged.files).sort(([a], [b]) => a.localeCompare(b))) {
  const figures = counted(mutants);
  process.stdout.write(`${percent(figures).padStart(5)}%  ${figures.detected}/${figures.valid}  ${file}\n`);
}
const total = counted(Object.values(merged.files).flatMap((file) => file.mutants));
process.stdout.write(`mutation score: ${percent(total)}% (${total.detected} killed of ${total.valid})\n`);
