// Regenerates examples/summaries/ from the seeded generator. The files are
// committed; run this only when the generator or the mix changes.

import { mkdir, rm, writeFile } from 'node:fs/promises';
import { zipSync, strToU8 } from 'fflate';
import { demoProfiles, generateSummaries } from '../test/fixtures/synthetic-summaries.ts';

/** The demo evaluates the examples as of this instant (npm run demo passes it as --now). */
export const DEMO_NOW = new Date('2026-11-21T00:00:00Z');

const dir = new URL('../examples/summaries/', import.meta.url);
const all = generateSummaries({
  seed: 20261121,
  appName: 'octo-cli',
  end: DEMO_NOW,
  days: 7,
  profiles: demoProfiles(),
});
const jsonl = (rows: unknown[]) => rows.map((row) => JSON.stringify(row)).join('\n') + '\n';

const linux = all.filter((s) => s.os.platform === 'linux');
const darwin = all.filter((s) => s.os.platform === 'darwin');
const rest = all.filter((s) => s.os.platform !== 'linux' && s.os.platform !== 'darwin');

await rm(dir, { recursive: true, force: true });
await mkdir(dir, { recursive: true });
// A CI job's NDJSON upload.
await writeFile(new URL('linux-sessions.jsonl', dir), jsonl(linux));
// A collector's JSON array.
await writeFile(new URL('darwin-sessions.json', dir), `${JSON.stringify(darwin, null, 2)}\n`);
// A downloaded workflow artifact, zipped as GitHub serves it, with one session re-uploaded twice.
const half = Math.ceil(rest.length / 2);
await writeFile(
  new URL('artifact-session-summaries.zip', dir),
  zipSync({
    'part-1.ndjson': strToU8(jsonl(rest.slice(0, half))),
    'part-2.ndjson': strToU8(jsonl([...rest.slice(half), rest[0]])),
  }),
);
// Records a real collector receives and must reject, one per reason.
const valid = linux[0]!;
const bad = [
  '{"schema_version": 1, "session_id": ',
  JSON.stringify({ ...valid, session_id: '3f1e0c52-5d1b-4c7e-9a53-2f6b8f0d9e11', os: { platform: 'plan9' } }),
  JSON.stringify({ ...valid, session_id: '7d3c1a9e-0b4f-4e2a-8c6d-5e7f9a1b3c2d', user: 'someone' }),
  JSON.stringify({ ...valid, session_id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', error_lines: valid.log_lines + 1 }),
];
await writeFile(new URL('rejected-examples.jsonl', dir), bad.join('\n') + '\n');
console.log(`wrote ${all.length} sessions (+1 duplicate, ${bad.length} bad records) to examples/summaries/`);
