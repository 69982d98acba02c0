// The committed bundle is what users run: it must be exactly what src/ builds to.

import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { build } from 'esbuild';
import { buildOptions } from '../../scripts/build.ts';
import { ROOT } from '../e2e/run-action.ts';

test('dist/ is current with src/ (run `npm run build` and commit dist/ when this fails)', async () => {
  const out = await mkdtemp(join(tmpdir(), 'cra-dist-'));
  try {
    await build(buildOptions(out));
    for (const file of ['index.js', 'cli.js', 'intake-worker.js']) {
      const fresh = await readFile(join(out, file), 'utf8');
      const committed = await readFile(join(ROOT, 'dist', file), 'utf8');
      assert.ok(fresh === committed, `dist/${file} is stale: it differs from a fresh build of src/`);
    }
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

test('action.yml runs the bundle on node24', async () => {
  const action = await readFile(join(ROOT, 'action.yml'), 'utf8');
  assert.match(action, /^\s+using: node24$/m);
  assert.match(action, /^\s+main: dist\/index\.js$/m);
});
