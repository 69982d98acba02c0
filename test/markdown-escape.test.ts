import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml, escapeMarkdown, escapeTitle } from '../src/render/markdown-escape.ts';

const ZWJ = '\u200d';

test('mentions and issue references are neutralised', () => {
  assert.equal(escapeMarkdown('@octocat'), `@${ZWJ}octocat`);
  assert.equal(escapeMarkdown('fixes #123'), `fixes #${ZWJ}123`);
  assert.equal(escapeMarkdown('org/repo#1'), `org/repo#${ZWJ}1`);
  assert.equal(escapeMarkdown('a @ b # c'), 'a @ b # c', 'a lone @ or # is left as it is');
});

test('HTML, code, tables, emphasis and links become inert entities', () => {
  assert.equal(escapeMarkdown('<img src=x onerror=alert(1)>'), '&lt;img src=x onerror=alert&#40;1&#41;&gt;');
  assert.equal(escapeMarkdown('a|b'), 'a&#124;b');
  assert.equal(escapeMarkdown('`x`'), '&#96;x&#96;');
  assert.equal(escapeMarkdown('[x](https://evil)'), '&#91;x&#93;&#40;https&#58;//evil&#41;');
  assert.equal(escapeMarkdown('see www.evil.example'), 'see www&#46;evil.example');
  assert.equal(escapeMarkdown('**b** _i_ ~s~'), '&#42;&#42;b&#42;&#42; &#95;i&#95; &#126;s&#126;');
  assert.equal(escapeMarkdown('a\r\nb\nc'), 'a b c');
  assert.equal(escapeMarkdown('a\u202eb\u0007'), 'ab', 'bidirectional overrides and controls are dropped');
  assert.equal(escapeMarkdown('2.4.0-rc.1'), '2.4.0-rc.1', 'ordinary versions are unchanged');
  assert.equal(escapeMarkdown('AT&T &amp; co'), 'AT&amp;T &amp; co');
});

test('escaping twice is escaping once', () => {
  for (const value of ['@me #1 <b>*x*</b> | `c` [l](u) & &amp; www.x https://y', '&#42;', '#\u200d1']) {
    assert.equal(escapeMarkdown(escapeMarkdown(value)), escapeMarkdown(value));
    assert.equal(escapeHtml(escapeHtml(value)), escapeHtml(value));
    assert.equal(escapeTitle(escapeTitle(value)), escapeTitle(value));
  }
});

test('titles keep their characters but lose mentions and line breaks', () => {
  assert.equal(escapeTitle('2.4.0_rc @team\n#5'), `2.4.0_rc @${ZWJ}team #${ZWJ}5`);
});

test('HTML escaping for the job summary', () => {
  assert.equal(
    escapeHtml(`<a href="x">'@me' #1 & co</a>`),
    `&lt;a href=&quot;x&quot;&gt;&#39;@${ZWJ}me&#39; #${ZWJ}1 &amp; co&lt;/a&gt;`,
  );
});

test('an invisible character cannot hide an autolink or a www. link from the escaping', () => {
  for (const [value, expected] of [
    [':\u0000//', '&#58;//'],
    ['https:\u200b//evil.example', 'https:\u200b//evil.example'],
    ['https:\u202e//evil.example', 'https&#58;//evil.example'],
    ['ww\u0007w.evil.example', 'www&#46;evil.example'],
  ] as const) {
    const once = escapeMarkdown(value);
    assert.equal(once, expected, JSON.stringify(value));
    assert.equal(escapeMarkdown(once), once);
  }
});

test('each Markdown special becomes its numeric entity (the code point, computed here), named ones for < > "', () => {
  const named: Record<string, string> = { '<': '&lt;', '>': '&gt;', '"': '&quot;' };
  for (const char of '<>"|`*_~[]()!\\$') {
    const expected = named[char] ?? `&#${char.codePointAt(0)};`;
    assert.equal(escapeMarkdown(`a${char}b`), `a${expected}b`, `escaping ${char}`);
  }
});

test('an entity already written is left alone, hexadecimal ones of any length included', () => {
  for (const entity of ['&#x41;', '&#x1F600;', '&#x10FFFF;', '&#128512;', '&amp;', '&nbsp;'])
    assert.equal(escapeMarkdown(`a ${entity} b`), `a ${entity} b`);
  // Not an entity: the ampersand is escaped (and the # neutralised as a reference).
  assert.equal(escapeMarkdown('&#xZZ;'), `&amp;#${ZWJ}xZZ;`);
});

test('titles and HTML lose control characters and bidirectional overrides too', () => {
  for (const escape of [escapeTitle, escapeHtml]) {
    assert.equal(escape('ab\u202ecd\u0007e\u2066f'), 'abcdef');
  }
});
