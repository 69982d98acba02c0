// Generates the field table and the validator from the schema, then bundles the action (dist/index.js), the
// command line (dist/cli.js) and the intake worker (dist/intake-worker.js).
// `node scripts/build.ts --out DIR` builds elsewhere, which the staleness test uses.

import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';
import ts from 'typescript';
import type { BuildOptions } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeFields } from './build-fields.ts';
import { writeValidator } from './build-validator.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

// Bundled CommonJS dependencies call require(); ESM output has none, so make one.
const REQUIRE_BANNER =
  "import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);";

export function buildOptions(outdir: string): BuildOptions {
  return {
    absWorkingDir: root,
    entryPoints: {
      index: 'src/index.ts',
      cli: 'src/cli.ts',
      'intake-worker': 'src/intake-worker.ts',
      lib: 'src/lib.ts',
    },
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

/**
 * The library's types (dist/types/lib.d.ts and what it imports), emitted by the
 * TypeScript compiler from src/lib.ts. Sources import with `.ts`; the declarations
 * say `.js`, which a consumer's TypeScript resolves to the `.d.ts` beside it.
 */
export function writeDeclarations(outdir: string): Map<string, string> {
  const files = new Map<string, string>();
  const program = ts.createProgram([join(root, 'src/lib.ts')], {
    target: ts.ScriptTarget.ES2023,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    declaration: true,
    emitDeclarationOnly: true,
    allowImportingTsExtensions: true,
    resolveJsonModule: true,
    skipLibCheck: true,
    types: ['node'],
    rootDir: join(root, 'src'),
    outDir: join(outdir, 'types'),
  });
  const result = program.emit(undefined, (path, text) => {
    files.set(
      path,
      text
        .replace(/(from\s+'\.{1,2}\/[^']*?)\.ts'/g, "$1.js'")
        .replace(/(import\('\.{1,2}\/[^']*?)\.ts'\)/g, "$1.js')"),
    );
  });
  const errors = ts
    .getPreEmitDiagnostics(program)
    .concat(result.diagnostics)
    .filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0)
    throw new Error(
      ts.formatDiagnostics(errors, {
        getCanonicalFileName: (name) => name,
        getCurrentDirectory: () => root,
        getNewLine: () => '\n',
      }),
    );
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: 'string', default: 'dist' } } });
  const outdir = resolve(root, values.out!);
  await writeFields();
  await writeValidator();
  await build(buildOptions(outdir));
  await rm(join(outdir, 'types'), { recursive: true, force: true });
  for (const [path, text] of writeDeclarations(outdir)) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  }
}
