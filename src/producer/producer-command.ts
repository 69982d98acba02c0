// `crash-report-aggregator producer python`: the producer shipped with the package.

import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bundledTemplatesDir } from '../run/template-files.ts';

/** `producer python`: the one-file Python producer shipped with the package, printed or written, so no clone is needed. */
export async function producerCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: false,
    allowPositionals: true,
    options: { out: { type: 'string' } },
  });
  if (positionals[0] !== 'python') {
    process.stderr.write('Usage: crash-report-aggregator producer python [--out FILE]\n');
    return 2;
  }
  const text = await readFile(join(bundledTemplatesDir(), '..', 'examples', 'producers', 'session_summary.py'), 'utf8');
  if (typeof values['out'] !== 'string') {
    process.stdout.write(text);
    return 0;
  }
  await writeFile(values['out'], text);
  process.stderr.write(
    `Wrote the Python producer to ${values['out']}: call record_session() at exit, or run it (python3 ${values['out']} --help).\n`,
  );
  return 0;
}
