// The direction of src/ (.dependency-cruiser.cjs): the tree as it is passes, and
// a planted cycle or an import of a later stage fails, so the rule holds something.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm, symlink, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { ROOT } from '../e2e/run-action.ts';

const run = promisify(execFile);
const cruise = (cwd: string) =>
  run(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruiser.mjs'),
      'src',
      '--config',
      '.dependency-cruiser.cjs',
    ],
    { cwd },
  ).then(
    () => ({ ok: true, output: '' }),
    (error: { stdout?: string }) => ({ ok: false, output: error.stdout ?? '' }),
  );

test(
  'src/ has no import cycle and no import of a later stage; planted ones are caught',
  { timeout: 120_000 },
  async () => {
    assert.deepEqual(await cruise(ROOT), { ok: true, output: '' });
    const dir = await mkdtemp(join(tmpdir(), 'cra-layout-'));
    try {
      for (const entry of ['src', '.dependency-cruiser.cjs', 'tsconfig.json', 'package.json'])
        await cp(join(ROOT, entry), join(dir, entry), { recursive: true });
      await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
      // records (pure record logic) reaching up into the aggregation: a later stage, and a cycle through group-key.
      const file = join(dir, 'src', 'records', 'session-summary.ts');
      await writeFile(
        file,
        `${await readFile(file, 'utf8')}\nimport { UNSET } from '../aggregate/group-key.ts';\nexport const unsetText = UNSET;\n`,
      );
      const planted = await cruise(dir);
      assert.equal(planted.ok, false);
      assert.match(
        planted.output,
        /stage-\d+-imports-later: src\/records\/session-summary\.ts → src\/aggregate\/group-key\.ts/,
      );
      assert.match(planted.output, /no-circular: src\/aggregate\/group-key\.ts → \s*src\/records\/session-summary\.ts/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
);
