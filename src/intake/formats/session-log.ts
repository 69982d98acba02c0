// A raw session log (Python logging-style lines) becomes one session summary:
// first and last timestamp, lines, error lines, exception class names. Message
// text is read only to find those, and never kept.

export const DEFAULT_LOG_PATTERN =
  '^(?<ts>\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})?)\\W{0,5}(?:\\S+\\W{1,5})??(?<level>DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL|FATAL|EXCEPTION)\\b';

const ERROR_LEVELS = new Set([
  'ERROR',
  'ERR',
  'CRITICAL',
  'CRIT',
  'FATAL',
  'EXCEPTION',
  'PANIC',
  'ALERT',
  'EMERG',
  'EMERGENCY',
  'SEVERE',
]);
/** pino and bunyan write levels as numbers: 50 is error, 60 fatal. */
const NUMERIC_ERROR_LEVEL = 50;
// Go's and Rust's panics start a line of their own, without a timestamp.
const PANIC = /^(?:panic: |fatal error: |thread '[^']*' panicked at )/;
// eslint-disable-next-line no-control-regex -- colour codes start with the escape character, which is the point.
const ANSI = /\x1b\[[0-9;]*m/g;

/** Whether a captured level is an error one: a name (any case, quotes dropped) or a number of 50 or more. */
export function isErrorLevel(level: string | undefined): boolean {
  if (!level) return false;
  const bare = level.trim().replace(/^"|"$/g, '');
  if (/^\d+$/.test(bare)) return Number(bare) >= NUMERIC_ERROR_LEVEL;
  return ERROR_LEVELS.has(bare.toUpperCase());
}
const TRACEBACK = /^Traceback \(most recent call last\):/;
// The last line of a Python traceback: "package.ClassName: message" or just the class.
const EXCEPTION_LINE = /^([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)(?::|$)/;
const MAX_ERROR_KINDS = 32;

export interface LogFigures {
  firstAt: string;
  lastAt: string;
  lines: number;
  errorLines: number;
  errorKinds: Record<string, number>;
}

export class LogPatternError extends Error {}

/** Compiles a user's pattern; it needs named groups `ts` and `level`. */
export function compileLogPattern(source: string): RegExp {
  let pattern: RegExp;
  try {
    pattern = new RegExp(source);
  } catch (error) {
    throw new LogPatternError(
      `is not a regular expression (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (!source.includes('(?<ts>') || !source.includes('(?<level>'))
    throw new LogPatternError('needs the named groups (?<ts>...) and (?<level>...)');
  return pattern;
}

/** Reads a timestamp as written in a log (ISO 8601, `2026/11/20 10:00:00`, or Unix seconds or milliseconds); one without a zone is taken as UTC. */
export function toIso(stamp: string): string | null {
  const bare = stamp.trim().replace(/^"|"$/g, '');
  if (/^\d{13}$/.test(bare) || /^\d{10}(?:\.\d+)?$/.test(bare)) {
    const time = bare.length === 13 ? Number(bare) : Math.round(Number(bare) * 1000);
    return Number.isFinite(time) ? new Date(time).toISOString() : null;
  }
  let text = bare
    .replace(/^(\d{4})\/(\d{2})\/(\d{2})/, '$1-$2-$3')
    .replace(' ', 'T')
    .replace(',', '.');
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(text)) text += 'Z';
  text = text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** Figures of one log, or null when no line carries a timestamp. */
export function readLog(text: string, pattern: RegExp = compileLogPattern(DEFAULT_LOG_PATTERN)): LogFigures | null {
  let first: string | null = null;
  let last: string | null = null;
  let lines = 0;
  let errorLines = 0;
  const errorKinds = new Map<string, number>();
  let inTraceback = false;
  for (const raw of text.split(/\r?\n/)) {
    if (raw.trim() === '') continue;
    const line = raw.includes('\x1b[') ? raw.replace(ANSI, '') : raw;
    lines += 1;
    const match = pattern.exec(line);
    const stamp = match?.groups?.['ts'];
    if (match && stamp) {
      inTraceback = false;
      const iso = toIso(stamp);
      if (iso) {
        if (first === null || iso < first) first = iso;
        if (last === null || iso > last) last = iso;
      }
      if (isErrorLevel(match.groups?.['level'])) errorLines += 1;
      continue;
    }
    if (PANIC.test(line)) {
      errorLines += 1;
      errorKinds.set('panic', (errorKinds.get('panic') ?? 0) + 1);
      continue;
    }
    if (TRACEBACK.test(line)) {
      inTraceback = true;
      errorLines += 1;
      continue;
    }
    // An unindented line ends a traceback; it names the exception class.
    if (inTraceback && !/^\s/.test(line)) {
      inTraceback = false;
      const kind = EXCEPTION_LINE.exec(line)?.[1];
      if (kind && kind.length <= 128 && (errorKinds.has(kind) || errorKinds.size < MAX_ERROR_KINDS))
        errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
    }
  }
  if (first === null || last === null) return null;
  return {
    firstAt: first,
    lastAt: last,
    lines,
    errorLines: Math.min(errorLines, lines),
    errorKinds: Object.fromEntries(errorKinds),
  };
}
