// The managed section of an issue body: its hidden state is read back only when
// whole, maintainers' text around it is kept, and the body never passes GitHub's
// 65,536 characters. Expected figures are computed here, from the lengths.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BODY_MAX_CHARS,
  composeBody,
  composeSection,
  cutToFit,
  SECTION_BEGIN,
  SECTION_END,
  sectionOf,
  stateIn,
  STATE_MAX_VERSIONS,
} from '../src/trackers/managed-section.ts';
import type { IssueState } from '../src/trackers/managed-section.ts';

const marker = (state: unknown) => `text\n<!-- crash-report-aggregator:state ${JSON.stringify(state)} -->\nmore`;
const v1 = { v: 1, groupBy: ['os.platform'], versions: ['1.0.0'], sessions: 10, erroredSessions: 5, errorRate: 0.5 };
const v2 = { ...v1, v: 2, pattern: '[["os.platform","is","linux"]]', anchor: 'os.platform=linux', measure: null };

test('a state is read back only when it is whole: version 1 or 2, lists where lists belong, v2 with its pattern and anchor', () => {
  assert.deepEqual(stateIn(marker(v1)), v1);
  assert.deepEqual(stateIn(marker(v2)), v2);
  for (const broken of [
    { ...v1, v: 3 },
    { ...v1, v: undefined },
    { ...v1, versions: '1.0.0' },
    { ...v1, groupBy: 'os.platform' },
    { ...v2, pattern: undefined },
    { ...v2, pattern: 7 },
    { ...v2, anchor: undefined },
    { ...v2, anchor: ['os.platform=linux'] },
  ]) {
    assert.equal(stateIn(marker(broken)), null, JSON.stringify(broken));
  }
  assert.equal(stateIn('text <!-- crash-report-aggregator:state {"v":1, -->'), null, 'JSON cut short');
  assert.equal(stateIn('text <!-- crash-report-aggregator:state {"v":1,} -->'), null, 'not JSON');
  assert.equal(stateIn('no marker at all'), null);
  assert.equal(stateIn(null), null);
  assert.equal(stateIn(''), null);
});

test('the section is found between its markers, line endings made LF; without both markers the whole body is the section', () => {
  const section = `${SECTION_BEGIN}\nfigures\n${SECTION_END}`;
  assert.equal(sectionOf(`maintainer notes\n${section}\nafter`), section);
  assert.equal(sectionOf(`notes\r\n${SECTION_BEGIN}\r\nfigures\r\n${SECTION_END}\r\nafter`), section);
  assert.equal(sectionOf('a\r\nb'), 'a\nb');
  assert.equal(sectionOf(`only ${SECTION_BEGIN} begins`), `only ${SECTION_BEGIN} begins`);
  assert.equal(sectionOf(`${SECTION_END} before ${SECTION_BEGIN}`), `${SECTION_END} before ${SECTION_BEGIN}`);
  assert.equal(sectionOf(`${SECTION_BEGIN}${SECTION_END}`), `${SECTION_BEGIN}${SECTION_END}`);
  assert.equal(sectionOf(`${SECTION_BEGIN}\nfigures\n${SECTION_END}\nafter`), section, 'a section at the very start');
  assert.equal(sectionOf(`${SECTION_END} only`), `${SECTION_END} only`, 'an end marker alone');
});

test('cutToFit keeps text that fits, else cuts at the last heading, else the last line, else anywhere, with its note, within the room', () => {
  const NOTE =
    "\n\n> **Note:** this report was cut to fit GitHub's issue size limit; the full figures are in the run's JSON report.";
  assert.equal(cutToFit('abc', 3), 'abc');
  assert.equal(cutToFit('abcd', 3).endsWith(NOTE), true);
  const room = NOTE.length + 40;
  const headed = `intro line\n## A\n${'a'.repeat(10)}\n## B\n${'b'.repeat(500)}`;
  assert.equal(cutToFit(headed, room), `intro line\n## A\n${'a'.repeat(10)}${NOTE}`);
  const lines = `${'x'.repeat(20)}\n${'y'.repeat(15)}\n${'z'.repeat(500)}`;
  assert.equal(cutToFit(lines, room), `${'x'.repeat(20)}\n${'y'.repeat(15)}${NOTE}`);
  const oneLine = 'w'.repeat(200);
  assert.equal(cutToFit(oneLine, room), `${'w'.repeat(40)}${NOTE}`);
  // A line break at the very start is no place to cut either.
  assert.equal(cutToFit(`\n${oneLine}`, room), `\n${'w'.repeat(39)}${NOTE}`);
  // A heading at the very start is no place to cut: everything before it would go.
  assert.equal(
    cutToFit(`\n# title ${'t'.repeat(30)}\nline two ${'u'.repeat(500)}`, room),
    `\n# title ${'t'.repeat(30)}${NOTE}`,
  );
  for (const text of [headed, lines, oneLine])
    for (const space of [NOTE.length, NOTE.length + 1, room, 150])
      assert.ok(cutToFit(text, space).length <= Math.max(space, NOTE.length));
});

test("a body never passes 65,536 characters, maintainers' text around the section included, and keeps that text as written", () => {
  const state: IssueState = {
    v: 2,
    groupBy: ['os.platform'],
    pattern: 'p',
    anchor: 'a',
    versions: ['1.0.0'],
    sessions: 1,
    erroredSessions: 1,
    errorRate: 1,
  };
  const first = composeBody(null, 'r'.repeat(200_000), '0123456789abcdef', state);
  // No line to cut at: the text fills the room, and the body ends one character short of GitHub's
  // limit of 65,536 characters (written out: the constant is what is being checked).
  assert.equal(BODY_MAX_CHARS, 65_536);
  assert.equal(first.length, 65_535);
  const outside = { before: 'maintainer notes before\r\n', after: '\n\nnotes after' };
  const updated = composeBody(
    `${outside.before}${first}${outside.after}`,
    's'.repeat(200_000),
    '0123456789abcdef',
    state,
  );
  assert.equal(updated.length, 65_535);
  assert.ok(updated.startsWith('maintainer notes before\n'));
  assert.ok(updated.endsWith(`${SECTION_END}${outside.after}`));
  assert.equal(updated.split(SECTION_BEGIN).length - 1, 1);
  assert.equal(updated.split(SECTION_END).length - 1, 1);
  const short = composeSection(null, 'hello', '<!-- m -->');
  assert.equal(short, `${SECTION_BEGIN}\nhello\n\n<!-- m -->\n${SECTION_END}`);
});

test('the state keeps the newest versions only, and a value holding "-->" cannot end the marker early', () => {
  const versions = Array.from({ length: STATE_MAX_VERSIONS + 50 }, (_, i) => `1.0.${i}`);
  const state: IssueState = {
    v: 2,
    groupBy: ['app.version'],
    pattern: '[["app.version","is","x-->y"]]',
    anchor: 'a-->b',
    versions,
    sessions: 1,
    erroredSessions: 0,
    errorRate: 0,
  };
  const body = composeBody(null, 'text', '0123456789abcdef', state);
  const read = stateIn(body)!;
  assert.deepEqual(read.versions, versions.slice(50));
  assert.equal(read.pattern, '[["app.version","is","x-->y"]]');
  assert.equal(read.anchor, 'a-->b');
  // The only "-->" in the state line is the one that closes it.
  const line = body.split('\n').find((each) => each.includes('crash-report-aggregator:state'))!;
  assert.equal(line.split('-->').length - 1, 1);
});
