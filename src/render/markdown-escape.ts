// Makes a value from a summary inert where maintainers read it: no mentions, no
// issue references, no HTML, no formatting, no links, no table breaks. Every
// escaper here is idempotent: escaping twice gives what escaping once gave.

const ZWJ = '\u200d';

const MARKDOWN_ENTITIES: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '|': '&#124;',
  '`': '&#96;',
  '*': '&#42;',
  _: '&#95;',
  '~': '&#126;',
  '[': '&#91;',
  ']': '&#93;',
  '(': '&#40;',
  ')': '&#41;',
  '!': '&#33;',
  '\\': '&#92;',
  $: '&#36;',
};

// An ampersand that already starts an entity is left alone; that keeps escaping idempotent.
const AMPERSAND = /&(?!(?:#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)/g;
const MENTION_OR_REFERENCE = /(?<!&)([@#])(?=[A-Za-z0-9_-])/g;
const LINE_BREAKS = /[\r\n\u2028\u2029]+/g;
// Other control characters and bidirectional overrides that can disguise text.
// eslint-disable-next-line no-control-regex -- finding control characters is what it is for.
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

function neutralise(value: string): string {
  return value.replace(LINE_BREAKS, ' ').replace(INVISIBLE, '').replace(MENTION_OR_REFERENCE, `$1${ZWJ}`);
}

/** Escapes one value for Markdown text or a table cell. */
export function escapeMarkdown(value: string): string {
  // Invisible characters go first: dropped later, ":\u0000//" would become an autolink nothing escaped.
  return neutralise(
    value
      .replace(INVISIBLE, '')
      .replace(AMPERSAND, '&amp;')
      .replace(/[<>"|`*_~[\]()!\\$]/g, (char) => MARKDOWN_ENTITIES[char]!)
      // Autolinks: scheme://, www.
      .replace(/:(?=\/\/)/g, '&#58;')
      .replace(/\b(www)\./gi, '$1&#46;'),
  );
}

/** Escapes one value for a plain-text issue title: no mentions, references or line breaks. */
export function escapeTitle(value: string): string {
  return neutralise(value);
}

const HTML_ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes one value for HTML (the job summary's tables are HTML). */
export function escapeHtml(value: string): string {
  return neutralise(value.replace(AMPERSAND, '&amp;').replace(/[<>"']/g, (char) => HTML_ENTITIES[char]!));
}
