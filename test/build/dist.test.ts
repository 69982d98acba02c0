// The committed bundle is what users run: it must be exactly what src/ builds to.

import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { build } from 'esbuild';
import { buildOptions, writeDeclarations } from '../../scripts/build.ts';
import { ROOT } from '../e2e/run-action.ts';

test('dist/ is current with src/ (run `npm run build` and commit dist/ when this fails)', async () => {
  const out = await mkdtemp(join(tmpdir(), 'cra-dist-'));
  try {
    await build(buildOptions(out));
    for (const file of ['index.js', 'cli.js', 'intake-worker.js', 'lib.js']) {
      const fresh = await readFile(join(out, file), 'utf8');
      const committed = await readFile(join(ROOT, 'dist', file), 'utf8');
      assert.ok(fresh === committed, `dist/${file} is stale: it differs from a fresh build of src/`);
    }
    // The library's declarations: every file, and no committed one left over.
    const declarations = writeDeclarations(out);
    for (const [path, text] of declarations) {
      const name = relative(out, path);
      const committed = await readFile(join(ROOT, 'dist', name), 'utf8').catch(() => null);
      assert.ok(text === committed, `dist/${name} is stale or missing: it differs from a fresh build of src/lib.ts`);
    }
    const committedTypes = (await readdir(join(ROOT, 'dist', 'types'), { recursive: true })).filter((name) =>
      name.endsWith('.d.ts'),
    );
    assert.equal(
      committedTypes.length,
      declarations.size,
      'dist/types/ holds declarations a fresh build does not write',
    );
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

test('action.yml runs the bundle on node24', async () => {
  const action = await readFile(join(ROOT, 'action.yml'), 'utf8');
  assert.match(action, /^\s+using: node24$/m);
  assert.match(action, /^\s+main: dist\/index\.js$/m);
});
