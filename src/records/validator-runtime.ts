// What the generated schema validator (src/generated/summary-validator.ts) calls.

import { isDateTime } from './timestamp.ts';

export const summaryFormats = { 'date-time': { type: 'string', validate: isDateTime } };

/** A string's length in code points, as JSON Schema's maxLength counts it: a surrogate pair is one, a lone surrogate one. */
export function codePointLength(text: string): number {
  let length = 0;
  for (let at = 0; at < text.length; length += 1) {
    const unit = text.charCodeAt(at);
    at +=
      unit >= 0xd800 && unit <= 0xdbff && at + 1 < text.length && (text.charCodeAt(at + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
  return length;
}
