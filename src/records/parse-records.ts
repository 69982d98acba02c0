// Turns the bytes of one file (or zip entry) into candidate records. Nothing here
// trusts the bytes: every failure is a value with a reason code.

export type ParsedRecord = { ok: true; value: unknown } | { ok: false; reason: string };

export type RecordFormat = 'json' | 'jsonl';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The record format a file name announces, or null when it is not a record file. */
export function recordFormatOf(name: string): RecordFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  return null;
}

function decode(bytes: Uint8Array): string | null {
  try {
    // The decoder drops a leading UTF-8 byte order mark.
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

function tryParse(text: string): ParsedRecord {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, reason: 'invalid-json' };
  }
}

/** Parses a file into records: a JSON object or array of objects, or one JSON value per line. */
export function* parseRecords(bytes: Uint8Array, format: RecordFormat): Generator<ParsedRecord> {
  const text = decode(bytes);
  if (text === null) {
    yield { ok: false, reason: 'not-utf8' };
    return;
  }
  if (format === 'json') {
    const parsed = tryParse(text);
    if (parsed.ok && Array.isArray(parsed.value)) {
      for (const value of parsed.value) yield { ok: true, value };
    } else {
      yield parsed;
    }
    return;
  }
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end).trim();
    if (line.length > 0) yield tryParse(line);
    start = end + 1;
  }
}
