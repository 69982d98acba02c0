// Which files hold records, by their names: how a source lists a folder and
// how intake picks a parser.

export type RecordFormat = 'json' | 'jsonl' | 'log';

/** The record format a file name announces, or null when it is not a record file. */
export function recordFormatOf(name: string): RecordFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  if (lower.endsWith('.log')) return 'log';
  return null;
}
