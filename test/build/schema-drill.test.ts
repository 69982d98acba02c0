// Schema drills: the schema is the one source of truth. Each drill changes a
// scratch copy of the project's schema and nothing else, builds it with
// `node scripts/build.ts`, and runs the built command line on every intake path
// (one thread, worker threads, .jsonl, .json and .zip inputs, partial shards and
// their merge, artifacts read twice through state-path). Every path must accept
// and refuse exactly what ajv, compiled from the changed schema, accepts and
// refuses, and give the figures of a one-thread run.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { strToU8, zipSync } from 'fflate';
import { findPrivateData } from '../../src/records/privacy-guard.ts';
import type { FieldTable } from '../../src/records/field-types.ts';
import { startEmulator } from '../emulator/github-emulator.ts';
import { generateFromTable } from '../fixtures/summary-generator.ts';
import { ROOT } from '../e2e/run-action.ts';

const run = promisify(execFile);
const NOW = new Date('2026-11-21T00:00:00Z');
type Schema = Record<string, any>;

interface Drill {
  name: string;
  edit(schema: Schema): void;
  groupBy: string;
  /** Extra records that only the changed schema judges differently. */
  extra?(records: Record<string, unknown>[]): void;
  /** Also type-check src/ of the scratch copy: the code compiles against the changed schema's type. */
  typecheck?: boolean;
}

/** A scratch copy of the project with its schema changed by `edit`, built. */
async function scratchBuild(edit: (schema: Schema) => void): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cra-drill-'));
  for (const entry of ['src', 'scripts', 'schema', 'templates', 'package.json', 'tsconfig.json'])
    await cp(join(ROOT, entry), join(dir, entry), { recursive: true });
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const path = join(dir, 'schema', 'session-summary.v1.json');
  const schema = JSON.parse(await readFile(path, 'utf8')) as Schema;
  edit(schema);
  await writeFile(path, JSON.stringify(schema, null, 2));
  await run(process.execPath, ['scripts/build.ts'], { cwd: dir });
  return dir;
}

/** What ajv, compiled from the changed schema, and the rules after it accept. */
function oracle(schema: Schema) {
  const ajv = new Ajv2020({ strict: true, allErrors: false });
  ajv.addFormat('date-time', true);
  const validate = ajv.compile(schema);
  return (record: Record<string, unknown>): boolean => {
    if (findPrivateData(record, (path) => path, new Set()) !== null) return false;
    if (!validate(record)) return false;
    return (
      Date.parse(record['ended_at'] as string) >= Date.parse(record['started_at'] as string) &&
      (record['error_lines'] as number) <= (record['log_lines'] as number)
    );
  };
}

const valueAt = (record: Record<string, unknown>, path: string): string => {
  const [head, key] = path.split('.');
  const holder = key === undefined ? record : (record[head!] as Record<string, unknown> | undefined);
  const value = key === undefined ? holder?.[head!] : holder?.[key];
  return typeof value === 'string' ? value : '(unset)';
};

type Figures = Record<string, { sessions: number; erroredSessions: number }>;

function expectedGroups(
  records: Record<string, unknown>[],
  accepted: (record: Record<string, unknown>) => boolean,
  groupBy: string[],
): { accepted: number; refused: number; groups: Figures } {
  const groups: Figures = {};
  let count = 0;
  for (const record of records) {
    if (!accepted(record)) continue;
    count += 1;
    const key = groupBy.map((field) => valueAt(record, field)).join(' | ');
    const figures = (groups[key] ??= { sessions: 0, erroredSessions: 0 });
    figures.sessions += 1;
    if ((record['error_lines'] as number) > 0 || (record['outcome'] !== undefined && record['outcome'] !== 'ok'))
      figures.erroredSessions += 1;
  }
  return { accepted: count, refused: records.length - count, groups };
}

interface Report {
  intake: { accepted: number; rejected: number; rejectedReasons: Record<string, number> };
  groups: { fields: { name: string; value: string }[]; sessions: number; erroredSessions: number }[];
}

function figuresOf(report: Report): Figures {
  const groups: Figures = {};
  for (const group of report.groups)
    groups[group.fields.map((field) => field.value).join(' | ')] = {
      sessions: group.sessions,
      erroredSessions: group.erroredSessions,
    };
  return groups;
}

const DRILLS: Drill[] = [
  {
    name: 'tighten a limit: names at most 32 characters',
    edit: (schema) => {
      schema['$defs'].name.maxLength = 32;
    },
    groupBy: 'app.name',
    extra: (records) => {
      // Names of 40 characters, which the unchanged schema accepts.
      for (const record of records.slice(0, 40))
        (record['app'] as Record<string, unknown>)['name'] = `a${'b'.repeat(39)}`;
    },
  },
  {
    name: 'add an optional field and group by it',
    edit: (schema) => {
      schema['properties'].channel = { type: 'string', minLength: 1, maxLength: 16, pattern: '^[a-z][a-z0-9-]{0,15}$' };
    },
    groupBy: 'channel,os.platform',
  },
  {
    name: 'remove an optional field',
    edit: (schema) => {
      delete schema['properties'].os.properties.arch;
    },
    groupBy: 'os.platform,app.version',
    extra: (records) => {
      // Summaries from a producer that still sends the removed field.
      for (const record of records.slice(0, 30)) (record['os'] as Record<string, unknown>)['arch'] = 'x64';
    },
  },
  {
    name: 'drop an optional object and a role (runtime, outcome), add a field inside os and group by it',
    edit: (schema) => {
      delete schema['properties'].runtime;
      delete schema['properties'].outcome;
      schema['properties'].os.properties.kernel = { type: 'string', maxLength: 24, pattern: '^[a-z0-9][a-z0-9.-]*$' };
    },
    groupBy: 'os.kernel,os.platform',
    typecheck: true,
    extra: (records) => {
      // A producer still sending an outcome and a runtime: refused by the changed schema.
      for (const record of records.slice(0, 20)) record['outcome'] = 'crash';
      for (const record of records.slice(20, 40)) record['runtime'] = { name: 'python', version: '3.12.1' };
    },
  },
  {
    name: 'rules of shapes the fast path does not read: a version pattern with groups, a top-level dependency',
    edit: (schema) => {
      schema['$defs'].version.pattern = '^[0-9A-Za-z]+([.+-][0-9A-Za-z]+)*$';
      schema['dependentRequired'] = { install_id: ['outcome'] };
    },
    groupBy: 'app.version',
  },
];

for (const drill of DRILLS) {
  test(`schema drill: ${drill.name}`, { timeout: 240_000 }, async () => {
    const dir = await scratchBuild(drill.edit);
    try {
      if (drill.typecheck) {
        await writeFile(
          join(dir, 'tsconfig.src.json'),
          JSON.stringify({ extends: './tsconfig.json', include: ['src'] }),
        );
        await run(
          process.execPath,
          [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.src.json'],
          { cwd: dir },
        );
      }
      const schema = JSON.parse(await readFile(join(dir, 'schema', 'session-summary.v1.json'), 'utf8')) as Schema;
      const { FIELD_TABLE } = (await import(join(dir, 'src', 'generated', 'summary-fields.ts'))) as {
        FIELD_TABLE: FieldTable;
      };
      const records = generateFromTable(FIELD_TABLE, {
        seed: 7,
        count: 3000,
        end: new Date(NOW.getTime() - 60_000),
        days: 6,
        invalid: 0.08,
        pool: 3,
      }).map((row) => row.record);
      drill.extra?.(records);
      const groupBy = drill.groupBy.split(',');
      const expected = expectedGroups(records, oracle(schema), groupBy);
      assert.ok(
        expected.accepted > 1000 && expected.refused > 100,
        `the data tries both sides: ${expected.accepted} accepted, ${expected.refused} refused`,
      );

      // The same records as a .jsonl file, a .json array and a .zip of NDJSON.
      const lines = records.map((record) => JSON.stringify(record));
      const data = join(dir, 'data');
      await mkdir(data);
      const files = ['a1.jsonl', 'a2.jsonl', 'a3.jsonl', 'b.json', 'c.zip'];
      await writeFile(join(data, 'a1.jsonl'), lines.slice(0, 600).join('\n'));
      await writeFile(join(data, 'a2.jsonl'), lines.slice(600, 1200).join('\n'));
      await writeFile(join(data, 'a3.jsonl'), lines.slice(1200, 1800).join('\n'));
      await writeFile(join(data, 'b.json'), `[${lines.slice(1800, 2200).join(',')}]`);
      await writeFile(join(data, 'c.zip'), zipSync({ 'c.jsonl': strToU8(lines.slice(2200).join('\n')) }));

      const cli = join(dir, 'dist', 'cli.js');
      // Relative paths, so each file's shard (a hash of its path) is the same on every run: both shards read some.
      const paths = files.flatMap((file) => ['--path', join('data', file)]);
      const common = [
        '--now',
        NOW.toISOString(),
        '--group-by',
        drill.groupBy,
        '--min-published-installations',
        '1',
        '--max-new-issues',
        '0',
      ];
      const triage = async (name: string, args: string[], env: Record<string, string> = {}): Promise<Report> => {
        const report = join(dir, `${name}.json`);
        await run(
          process.execPath,
          [cli, ...common, '--store', join(dir, `store-${name}`), '--report', report, ...args],
          { cwd: dir, env: { ...process.env, ...env } },
        );
        return JSON.parse(await readFile(report, 'utf8')) as Report;
      };

      const one = await triage('one', [...paths, '--workers', '1']);
      assert.equal(one.intake.accepted, expected.accepted, 'one thread accepts what ajv accepts');
      assert.equal(one.intake.rejected, expected.refused, 'one thread refuses what ajv refuses');
      assert.deepEqual(figuresOf(one), expected.groups, 'one thread groups as the records say');

      const threads = await triage('threads', [...paths, '--workers', '3']);
      const shards = [];
      for (const shard of ['1/2', '2/2'])
        shards.push(
          await triage(`partial-${shard.replace('/', '-of-')}`, [
            ...paths,
            '--mode',
            'partial',
            '--shard',
            shard,
            '--partial-path',
            join(dir, `partial-${shard.replace('/', '-of-')}.ndjson`),
          ]),
        );
      const merged = await triage('merge', [
        '--mode',
        'merge',
        '--partials',
        join(dir, 'partial-1-of-2.ndjson'),
        '--partials',
        join(dir, 'partial-2-of-2.ndjson'),
      ]);
      for (const [name, report] of [
        ['worker threads', threads],
        ['partial + merge', merged],
      ] as const) {
        assert.equal(report.intake.accepted, expected.accepted, `${name}: accepted`);
        assert.equal(report.intake.rejected, expected.refused, `${name}: refused`);
        assert.deepEqual(report.intake.rejectedReasons, one.intake.rejectedReasons, `${name}: reasons`);
        assert.deepEqual(figuresOf(report), expected.groups, `${name}: groups`);
      }

      // Artifacts through the REST emulator, read twice with state-path: the second run replays stored results.
      const emulator = await startEmulator({ token: 'ghs_drilldrilldrill' });
      try {
        emulator.addArtifact({
          name: 'session-summaries-a',
          zip: zipSync({
            'a.jsonl': strToU8(lines.slice(0, 1800).join('\n')),
            'b.json': strToU8(`[${lines.slice(1800, 2200).join(',')}]`),
          }),
          createdAt: new Date(NOW.getTime() - 3_600_000),
          run: { id: 11 },
        });
        emulator.addArtifact({
          name: 'session-summaries-c',
          zip: zipSync({ 'c.jsonl': strToU8(lines.slice(2200).join('\n')) }),
          createdAt: new Date(NOW.getTime() - 7_200_000),
          run: { id: 12 },
        });
        const remote = [
          '--repo',
          `${emulator.owner}/${emulator.repo}`,
          '--api-url',
          emulator.apiUrl,
          '--artifact-name',
          'session-summaries-*',
          '--state-path',
          join(dir, 'state'),
        ];
        const env = { GITHUB_TOKEN: emulator.token };
        const first = await triage('state-first', remote, env);
        const replay = await triage('state-replay', remote, env);
        const stored = JSON.parse(await readFile(join(dir, 'state-replay.json'), 'utf8')) as {
          state: { fromState: number };
        };
        assert.equal(stored.state.fromState, 2, 'the second run read both artifacts from the state');
        for (const [name, report] of [
          ['artifacts', first],
          ['state replay', replay],
        ] as const) {
          assert.equal(report.intake.accepted, expected.accepted, `${name}: accepted`);
          assert.equal(report.intake.rejected, expected.refused, `${name}: refused`);
          assert.deepEqual(figuresOf(report), expected.groups, `${name}: groups`);
        }
      } finally {
        await emulator.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}
