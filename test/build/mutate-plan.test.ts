// npm run mutate's plan: every core module has tests of its own to be measured against, and a
// module's namesake test comes first. A move that leaves a module without tests fails here.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { test } from 'node:test';

const ROOT = join(import.meta.dirname, '..', '..');

test('every core module is measured against tests of its own, its namesake first', () => {
  const listing = execFileSync(process.execPath, ['scripts/mutate.ts', '--list'], { cwd: ROOT, encoding: 'utf8' });
  const stages = [...listing.matchAll(/^(\S+)\n {2}modules: (.*)\n {2}tests: {3}(.*)$/gm)].map((match) => ({
    name: match[1]!,
    modules: match[2]!.split(' '),
    tests: match[3]!.split(' ').filter(Boolean),
  }));
  const config = JSON.parse(readFileSync(join(ROOT, 'stryker.config.json'), 'utf8')) as { mutate: string[] };
  const core = config.mutate.flatMap((pattern) =>
    pattern.includes('*')
      ? readdirSync(join(ROOT, dirname(pattern)))
          .filter((name) => name.endsWith('.ts'))
          .map((name) => `${dirname(pattern)}/${name}`)
      : [pattern],
  );
  assert.deepEqual(stages.flatMap((stage) => stage.modules).sort(), [...core].sort());
  assert.doesNotMatch(listing, /untested:/, 'a module no test reaches');
  for (const stage of stages) {
    assert.ok(stage.tests.length > 0, `${stage.name} has tests`);
    for (const test of stage.tests) assert.ok(readFileSync(join(ROOT, test)), test);
    assert.ok(
      !stage.tests.includes('test/summary-scanner.test.ts'),
      'the fast path against the full way is no module test',
    );
    const namesakes = stage.modules
      .map((module) => `test/${basename(module, '.ts')}.test.ts`)
      .filter((test) => stage.tests.includes(test));
    assert.deepEqual(stage.tests.slice(0, namesakes.length).sort(), namesakes.sort(), `${stage.name}: namesakes first`);
  }
});
