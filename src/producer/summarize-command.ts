// `crash-report-aggregator summarize`: the producer kit on the command line.

import { randomUUID } from 'node:crypto';
import { appendFile, readFile } from 'node:fs/promises';
import { arch, release } from 'node:os';
import { parseArgs } from 'node:util';
import { optedOut, summarizeSession } from './summarize-session.ts';

export const SUMMARIZE_USAGE = `Usage: crash-report-aggregator summarize --log FILE --app NAME --app-version V [--out FILE | --print]

Writes one anonymous session summary for a session log: duration, lines, error
lines, exception class names, OS, architecture and CI vendor. Nothing else.

  --log FILE             the session's log (Python logging-style lines)
  --app NAME             application name (default: app)
  --app-version V        application version (default: unknown)
  --runtime NAME         runtime name, e.g. python
  --runtime-version V    runtime version, e.g. 3.12.1
  --install-id UUID      a random ID your application keeps per installation
  --out FILE             append the summary to this NDJSON file
  --print                print exactly what would be written, and write nothing
  --opt-out-env NAME     your application's switch: NAME=false, 0, no or off turns telemetry off
DO_NOT_TRACK=1 also turns it off.
`;

export async function summarizeCommand(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      options: {
        log: { type: 'string' },
        app: { type: 'string' },
        'app-version': { type: 'string' },
        runtime: { type: 'string' },
        'runtime-version': { type: 'string' },
        'install-id': { type: 'string' },
        out: { type: 'string' },
        print: { type: 'boolean' },
        'opt-out-env': { type: 'string' },
        help: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${SUMMARIZE_USAGE}`);
    return 2;
  }
  if (values['help']) {
    process.stdout.write(SUMMARIZE_USAGE);
    return 0;
  }
  const off = optedOut(env, typeof values['opt-out-env'] === 'string' ? values['opt-out-env'] : null);
  if (off) {
    process.stderr.write(`Telemetry is off (${off}): no summary written.\n`);
    return 0;
  }
  if (typeof values['log'] !== 'string' || (typeof values['out'] !== 'string' && !values['print'])) {
    process.stderr.write(`summarize needs --log and one of --out or --print.\n\n${SUMMARIZE_USAGE}`);
    return 2;
  }
  const runtimeName = values['runtime'];
  const runtimeVersion = values['runtime-version'];
  const result = summarizeSession({
    logText: await readFile(values['log'], 'utf8'),
    app: { name: typeof values['app'] === 'string' ? values['app'] : 'app', version: typeof values['app-version'] === 'string' ? values['app-version'] : 'unknown' },
    ...(typeof runtimeName === 'string' && typeof runtimeVersion === 'string' ? { runtime: { name: runtimeName, version: runtimeVersion } } : {}),
    machine: { platform: process.platform, release: release(), arch: arch(), env },
    newUuid: randomUUID,
    ...(typeof values['install-id'] === 'string' ? { installId: values['install-id'] } : {}),
  });
  if (!result.ok) {
    process.stderr.write(`error: ${result.reason}\n`);
    return 1;
  }
  const line = JSON.stringify(result.summary);
  if (values['print']) {
    process.stdout.write(`${JSON.stringify(result.summary, null, 2)}\n`);
    process.stderr.write('--print: nothing was written.\n');
    return 0;
  }
  await appendFile(values['out'] as string, `${line}\n`);
  process.stderr.write(`Wrote one session summary to ${values['out']}.\n`);
  return 0;
}
