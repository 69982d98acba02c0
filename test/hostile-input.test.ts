// Every case in test/fixtures/hostile/ goes through the real intake (path source,
// zip reader, parser, privacy guard, schema) and must end exactly as cases.json says.

import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { intake } from '../src/intake/intake.ts';
import { createPathSource } from '../src/sources/path-source.ts';

const dir = fileURLToPath(new URL('./fixtures/hostile/', import.meta.url));
const cases = JSON.parse(await readFile(`${dir}/cases.json`, 'utf8')) as Record<
  string,
  {
    why: string;
    accepted?: number;
    rejected?: Record<string, number>;
    privacy?: Record<string, number>;
    skipped?: Record<string, number>;
    duplicates?: number;
    outsideWindow?: number;
  }
>;
const now = new Date('2026-03-02T00:00:00Z');

describe('hostile input', () => {
  test('every fixture has an expected outcome and there are at least 40', async () => {
    const files = (await readdir(dir)).filter((name) => name !== 'cases.json').sort();
    assert.deepEqual(files, Object.keys(cases).sort());
    assert.ok(files.length >= 40, `${files.length} cases`);
  });

  for (const [file, expected] of Object.entries(cases)) {
    test(`${file}: ${expected.why}`, async () => {
      const tally = await intake({
        sources: [createPathSource([file], dir)],
        windowStart: new Date(now.getTime() - 30 * 86_400_000),
        now,
        onSession: () => {},
      });
      assert.deepEqual(
        {
          accepted: tally.accepted,
          rejected: tally.rejectedReasons,
          privacy: tally.privacy,
          skipped: tally.skipped,
          duplicates: tally.duplicates,
          outsideWindow: tally.outsideWindow,
        },
        {
          accepted: expected.accepted ?? 0,
          rejected: expected.rejected ?? {},
          privacy: expected.privacy ?? {},
          skipped: expected.skipped ?? {},
          duplicates: expected.duplicates ?? 0,
          outsideWindow: expected.outsideWindow ?? 0,
        },
      );
      // Nothing polluted a prototype, and no rejected value is in the figures.
      assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
      assert.doesNotMatch(
        JSON.stringify(tally),
        /alice|bob|jane|hunter2|ghp_|github_pat|AKIA|xoxb|eyJ|BEGIN|192\.168|fe80|passwd|evil/,
      );
    });
  }
});
