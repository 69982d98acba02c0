// Makes a value from a summary inert in GitHub Markdown: no mentions, no issue
// references, no HTML, no formatting, no links, no table breaks.

const ZERO_WIDTH_JOINER = '\u200d';

const REPLACEMENTS: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '|': '\\|',
  '`': '\\`',
  '*': '\\*',
  _: '\\_',
  '~': '\\~',
  '[': '\\[',
  ']': '\\]',
  '(': '\\(',
  ')': '\\)',
  '!': '\\!',
  '\\': '\\\\',
  '@': `@${ZERO_WIDTH_JOINER}`,
  '#': `#${ZERO_WIDTH_JOINER}`,
  ':': `:${ZERO_WIDTH_JOINER}`,
};

/** Escapes one value for Markdown text or a table cell; line breaks become spaces. */
export function escapeMarkdown(value: string): string {
  return value.replace(/[&<>"|`*_~[\]()!\\@#:]|\r\n|[\r\n]/g, (char) => REPLACEMENTS[char] ?? ' ');
}

const HTML_REPLACEMENTS: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '@': `@${ZERO_WIDTH_JOINER}`,
  '#': `#${ZERO_WIDTH_JOINER}`,
};

/** Escapes one value for HTML (the job summary's tables are HTML). */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'@#]/g, (char) => HTML_REPLACEMENTS[char]!);
}
