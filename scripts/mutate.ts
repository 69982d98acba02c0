// npm run mutate [-- --mutate <files>]: StrykerJS over the core modules (stryker.config.json),
// each mutant tried against the unit tests that cover it, then one line with the score.
// Extra arguments go to `stryker run`, e.g. `--mutate src/render/markdown-escape.ts` for one module.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const REPORT = 'reports/mutation/mutation.json';
const stryker = join(import.meta.dirname, '..', 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
const run = spawnSync(process.execPath, [stryker, 'run', ...process.argv.slice(2)], { stdio: 'inherit' });
if (run.status !== 0) process.exit(run.status ?? 1);

interface Mutant {
  status: string;
}
const report = JSON.parse(readFileSync(REPORT, 'utf8')) as { files: Record<string, { mutants: Mutant[] }> };
const mutants = Object.values(report.files).flatMap((file) => file.mutants);
// Stryker's score: detected (killed or timed out) of the mutants that ran (not ones that failed to compile or load).
const valid = mutants.filter((mutant) => !['CompileError', 'RuntimeError', 'Ignored'].includes(mutant.status));
const detected = valid.filter((mutant) => mutant.status === 'Killed' || mutant.status === 'Timeout');
const score = valid.length === 0 ? 100 : (100 * detected.length) / valid.length;
process.stdout.write(`mutation score: ${score.toFixed(1)}% (${detected.length} killed of ${valid.length})\n`);
