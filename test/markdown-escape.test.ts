import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml, escapeMarkdown } from '../src/render/markdown-escape.ts';

const ZWJ = '\u200d';

test('mentions and issue references are neutralised', () => {
  assert.equal(escapeMarkdown('@octocat'), `@${ZWJ}octocat`);
  assert.equal(escapeMarkdown('fixes #123'), `fixes #${ZWJ}123`);
  assert.equal(escapeMarkdown('org/repo#1'), `org/repo#${ZWJ}1`);
});

test('HTML, code, tables, emphasis and links become inert', () => {
  assert.equal(escapeMarkdown('<img src=x onerror=alert(1)>'), '&lt;img src=x onerror=alert\\(1\\)&gt;');
  assert.equal(escapeMarkdown('a|b'), 'a\\|b');
  assert.equal(escapeMarkdown('`x`'), '\\`x\\`');
  assert.equal(escapeMarkdown('[x](https://evil)'), `\\[x\\]\\(https:${ZWJ}//evil\\)`);
  assert.equal(escapeMarkdown('**b** _i_ ~s~'), '\\*\\*b\\*\\* \\_i\\_ \\~s\\~');
  assert.equal(escapeMarkdown('a\r\nb\nc'), 'a b c');
  assert.equal(escapeMarkdown('2.4.0-rc.1'), '2.4.0-rc.1', 'ordinary versions are unchanged');
});

test('HTML escaping for the job summary', () => {
  assert.equal(escapeHtml(`<a href="x">'@me' #1 & co</a>`), `&lt;a href=&quot;x&quot;&gt;&#39;@${ZWJ}me&#39; #${ZWJ}1 &amp; co&lt;/a&gt;`);
});
