// Compiles the schema validator, then bundles the action (dist/index.js), the
// command line (dist/cli.js) and the intake worker (dist/intake-worker.js).
// `node scripts/build.ts --out DIR` builds elsewhere, which the staleness test uses.

import { build } from 'esbuild';
import type { BuildOptions } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeValidator } from './build-validator.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

// Bundled CommonJS dependencies call require(); ESM output has none, so make one.
const REQUIRE_BANNER = "import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);";

export function buildOptions(outdir: string): BuildOptions {
  return {
    absWorkingDir: root,
    entryPoints: { index: 'src/index.ts', cli: 'src/cli.ts', 'intake-worker': 'src/intake-worker.ts' },
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    splitting: false,
    minify: false,
    sourcemap: false,
    legalComments: 'eof',
    logLevel: 'warning',
    logOverride: { 'require-resolve-not-external': 'silent' },
    banner: { js: REQUIRE_BANNER },
    // @datadog/sketches-js loads protobufjs only for its protobuf export, which is never called.
    external: ['protobufjs/minimal'],
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: 'string', default: 'dist' } } });
  await writeValidator();
  await build(buildOptions(values.out!));
}
