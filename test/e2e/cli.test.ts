// The command line over local files into the local issue store, run from the bundle.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { demoProfiles, generateSummaries } from '../fixtures/synthetic-summaries.ts';
import { ROOT } from './run-action.ts';

function cli(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
  input?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [join(ROOT, 'dist', 'cli.js'), ...args],
      { cwd, env: { PATH: process.env['PATH'] ?? '', ...env } },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
    if (input !== undefined) child.stdin!.end(input);
  });
}

test('the CLI files the planted group into the local store and updates it in place', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cra-cli-'));
  const now = new Date('2026-06-10T12:00:00Z');
  const summaries = generateSummaries({ seed: 21, appName: 'octo-cli', end: now, days: 6, profiles: demoProfiles() });
  await writeFile(join(dir, 'week.jsonl'), summaries.map((row) => JSON.stringify(row)).join('\n'));
  const args = ['--path', 'week.jsonl', '--store', 'store', '--now', now.toISOString()];

  const first = await cli(args, dir);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, new RegExp(`^${summaries.length} sessions, 0 rejected`, 'm'));
  assert.match(first.stdout, /issues: 1 opened, 0 updated, 0 unchanged/);
  // The history of daily figures for release health is kept beside the local store.
  assert.deepEqual((await readdir(join(dir, 'store'))).sort(), ['history.json', 'issue-0001.md', 'report.json']);
  const file = join(dir, 'store', 'issue-0001.md');
  const text = await readFile(file, 'utf8');
  assert.match(text, /^title: "High error rate: os\.platform windows, app\.version 2\.4\.0"$/m);
  assert.match(text, /^state: "open"$/m);
  const written = (await stat(file)).mtimeMs;

  const again = await cli(args, dir);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /issues: 0 opened, 0 updated, 1 unchanged/);
  assert.equal((await stat(file)).mtimeMs, written, 'an unchanged issue file is not rewritten');

  // A maintainer's closing is respected: the file stays closed and untouched.
  await writeFile(file, text.replace('state: "open"', 'state: "closed"'));
  const more = generateSummaries({
    seed: 22,
    appName: 'octo-cli',
    end: now,
    days: 1,
    profiles: [
      {
        platform: 'windows',
        arch: 'x64',
        appVersion: '2.4.0',
        runtime: { name: 'python', version: '3.12.1' },
        sessions: 10,
        errorRate: 1,
      },
    ],
  });
  await writeFile(join(dir, 'more.jsonl'), more.map((row) => JSON.stringify(row)).join('\n'));
  const closed = await cli([...args, '--path', 'more.jsonl'], dir);
  assert.equal(closed.code, 0, closed.stderr);
  assert.match(
    closed.stdout,
    /issues: 0 opened, 0 updated, 0 unchanged, 0 reopened, 0 closed as recovered, 1 closed by maintainers/,
  );

  await writeFile(file, text);
  const updated = await cli([...args, '--path', 'more.jsonl'], dir);
  assert.match(updated.stdout, /issues: 0 opened, 1 updated, 0 unchanged/);
  assert.match(
    await readFile(file, 'utf8'),
    new RegExp(
      `\\| Sessions \\| ${summaries.filter((s) => s.os.platform === 'windows' && s.app.version === '2.4.0').length + 10} \\|`,
    ),
  );
});

test('the CLI dry run writes no file at all', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cra-cli-'));
  const now = new Date('2026-06-10T12:00:00Z');
  const summaries = generateSummaries({ seed: 5, appName: 'octo-cli', end: now, days: 6, profiles: demoProfiles() });
  await writeFile(join(dir, 'week.json'), JSON.stringify(summaries));
  const run = await cli(['--path', 'week.json', '--dry-run', '--now', now.toISOString()], dir);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /\[dry-run\] would open an issue/);
  assert.deepEqual(await readdir(dir), ['week.json']);
});

test('the CLI rejects an unknown option and a bad value with usage help', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cra-cli-'));
  const unknown = await cli(['--paht', 'x'], dir);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /Unknown option '--paht'/);
  const bad = await cli(['--path', 'x', '--group-by', 'os.platform,user.name'], dir);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /Input "group-by" names the unknown field "user\.name"\. Accepted: app\.name, app\.version/);
});

test('the demo command runs on the committed examples', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cra-demo-'));
  const run = await cli(
    ['--path', join(ROOT, 'examples', 'summaries'), '--store', dir, '--now', '2026-11-21T00:00:00Z'],
    ROOT,
  );
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^windows\s+2\.4\.0\s+60\s+\d+\s+[\d.]+%\s+yes\s+create #1$/m);
  assert.match(
    run.stdout,
    /520 sessions, 4 rejected, 1 duplicates, 0 outside window; 7 groups, 1 problem\(s\) covering 1/,
  );
  // The two configurations on fewer than five installations are one "(other)" row, never named.
  assert.match(run.stdout, /^\(other\)\s+\(other\)\s+20\s+/m);
  assert.doesNotMatch(run.stdout, /freebsd|2\.2\.0/);
});

test('grouping by error kind files each exception class of the bad configuration', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cra-kinds-'));
  const run = await cli(
    [
      '--path',
      join(ROOT, 'examples', 'summaries'),
      '--store',
      dir,
      '--now',
      '2026-11-21T00:00:00Z',
      '--group-by',
      'os.platform, error_kind',
    ],
    ROOT,
  );
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^windows\s+PermissionError\s+110\s+\d+\s+[\d.]+%\s+yes\s+create #\d$/m);
  assert.match(run.stdout, /^windows\s+UnicodeDecodeError\s+110\s+\d+\s+[\d.]+%\s+yes\s+create #\d$/m);
  assert.doesNotMatch(run.stdout, /^linux\s+\S+\s+\d+\s+\d+\s+[\d.]+%\s+yes/m);
  const files = (await readdir(dir)).filter((name) => name.startsWith('issue-')).sort();
  assert.equal(files.length, 2);
  assert.match(
    await readFile(join(dir, files[0]!), 'utf8'),
    /^title: "High error rate: os\.platform windows, error_kind (PermissionError|UnicodeDecodeError)"$/m,
  );
});

test("the seed documents' sample rows through the CLI leave no IP in the output or the store", async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cra-seeds-'));
  const run = await cli(
    [
      '--path',
      join(ROOT, 'test', 'fixtures', 'seeds'),
      '--store',
      dir,
      '--now',
      '2021-12-01T00:00:00Z',
      '--lookback-days',
      '400',
      '--min-sessions',
      '1',
      '--error-rate-threshold',
      '0',
    ],
    ROOT,
  );
  assert.equal(run.code, 0, run.stderr);
  // The 2019 Hasura event and the 2020 Appsmith ping cannot share one 400-day window.
  assert.match(run.stdout, /1 sessions, 2 rejected, 0 duplicates, 1 outside window/);
  assert.match(run.stdout, /skipped 2: segment-event-skipped/);
  const stored = await Promise.all((await readdir(dir)).map((name) => readFile(join(dir, name), 'utf8')));
  for (const text of [run.stdout, run.stderr, ...stored])
    assert.doesNotMatch(text, /111\.65\.255\.130|203\.192\.213\.46|49\.207\.192\.209|dev\.appsmith\.com|Mozilla/);
});

test('the CLI says what it did not read: a path naming nothing fails before writing, an empty folder fails, stray files are skipped by name of reason', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cra-paths-'));
  const store = join(dir, 'store');
  const missing = await cli(['--path', join(dir, 'nope'), '--store', store, '--now', '2026-11-21T00:00:00Z'], ROOT);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /Input "path" is ".*nope", which names no file, folder or matching glob/);
  await assert.rejects(readdir(store), 'nothing is written for a path that names nothing');

  const empty = join(dir, 'empty');
  await mkdir(empty);
  const none = await cli(['--path', empty, '--store', store, '--now', '2026-11-21T00:00:00Z'], ROOT);
  assert.equal(none.code, 1);
  assert.match(none.stderr, /error: read no record from .*empty \(skipped: 1 folder-empty\)/);

  // A folder with summaries, notes and a stray debug log: the summaries are read, the rest counted by reason.
  const mixed = join(dir, 'mixed');
  await mkdir(join(mixed, 'sub'), { recursive: true });
  await writeFile(
    join(mixed, 'sub', 'sessions.jsonl'),
    await readFile(join(ROOT, 'examples', 'summaries', 'linux-sessions.jsonl')),
  );
  await writeFile(join(mixed, 'notes.txt'), 'not a record');
  await writeFile(join(mixed, 'debug.log'), '2026-11-20 12:00:00,000 - ERROR - app - boom\n');
  const read = await cli(['--path', mixed, '--store', store, '--now', '2026-11-21T00:00:00Z'], ROOT);
  assert.equal(read.code, 0, read.stderr);
  assert.match(read.stdout, /skipped 1: log-file-in-folder/);
  assert.match(read.stdout, /skipped 1: unsupported-file-type/);
  const report = JSON.parse(await readFile(join(store, 'report.json'), 'utf8'));
  assert.deepEqual(report.intake.skipped, { 'log-file-in-folder': 1, 'unsupported-file-type': 1 });
  assert.equal(
    report.intake.records,
    (await readFile(join(ROOT, 'examples', 'summaries', 'linux-sessions.jsonl'), 'utf8')).trim().split('\n').length,
  );
});

test('--path - reads standard input: NDJSON, or a JSON array', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cra-stdin-'));
  const ndjson = await readFile(join(ROOT, 'examples', 'summaries', 'linux-sessions.jsonl'), 'utf8');
  const lines = ndjson.trim().split('\n').length;
  const piped = await cli(
    ['--path', '-', '--store', join(dir, 'a'), '--now', '2026-11-21T00:00:00Z'],
    ROOT,
    {},
    ndjson,
  );
  assert.equal(piped.code, 0, piped.stderr);
  assert.equal(JSON.parse(await readFile(join(dir, 'a', 'report.json'), 'utf8')).intake.records, lines);
  const array = JSON.stringify(
    ndjson
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line)),
  );
  const arrayRun = await cli(
    ['--path', '-', '--store', join(dir, 'b'), '--now', '2026-11-21T00:00:00Z'],
    ROOT,
    {},
    `\n  ${array}`,
  );
  assert.equal(arrayRun.code, 0, arrayRun.stderr);
  assert.equal(JSON.parse(await readFile(join(dir, 'b', 'report.json'), 'utf8')).intake.records, lines);
  // Nothing on standard input: nothing read, and the exit status says so.
  const empty = await cli(['--path', '-', '--store', join(dir, 'c'), '--now', '2026-11-21T00:00:00Z'], ROOT, {}, '');
  assert.equal(empty.code, 1);
  assert.match(empty.stderr, /error: read no record from -/);
});

test('.jsonl.gz and .json.gz are read as the plain files are, on one thread and on worker threads; a notes.txt beside them is named', async () => {
  const { gzipSync } = await import('node:zlib');
  const dir = await mkdtemp(join(tmpdir(), 'cra-cli-'));
  const now = new Date('2026-06-10T12:00:00Z');
  const summaries = generateSummaries({ seed: 23, appName: 'octo-cli', end: now, days: 6, profiles: demoProfiles() });
  const ndjson = summaries
    .slice(0, 400)
    .map((row) => JSON.stringify(row))
    .join('\n');
  await mkdir(join(dir, 'plain'));
  await mkdir(join(dir, 'gz'));
  await writeFile(join(dir, 'plain', 'a.jsonl'), ndjson);
  await writeFile(join(dir, 'plain', 'b.json'), JSON.stringify(summaries.slice(400)));
  await writeFile(join(dir, 'gz', 'a.jsonl.gz'), gzipSync(ndjson));
  await writeFile(join(dir, 'gz', 'b.json.gz'), gzipSync(JSON.stringify(summaries.slice(400))));
  await writeFile(join(dir, 'gz', 'notes.txt'), 'not records');
  const table = (stdout: string) => stdout.split('\n\n')[0];
  const plain = await cli(['--path', 'plain', '--store', 'store-plain', '--now', now.toISOString(), '--dry-run'], dir);
  assert.equal(plain.code, 0, plain.stderr);
  for (const workers of ['1', '2']) {
    const zipped = await cli(
      ['--path', 'gz', '--store', `store-${workers}`, '--now', now.toISOString(), '--dry-run', '--workers', workers],
      dir,
    );
    assert.equal(zipped.code, 0, zipped.stderr);
    assert.equal(table(zipped.stdout), table(plain.stdout));
    assert.match(zipped.stdout, new RegExp(`^${summaries.length} sessions, 0 rejected`, 'm'));
    assert.match(zipped.stdout, /^ {2}skipped 1: unsupported-file-type$/m);
  }
});
