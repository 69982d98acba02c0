// A raw session log (Python logging-style lines) becomes one session summary:
// first and last timestamp, lines, error lines, exception class names. Message
// text is read only to find those, and never kept.

export const DEFAULT_LOG_PATTERN =
  '^(?<ts>\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})?)\\W{0,5}(?:\\S+\\W{1,5})??(?<level>DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL|FATAL|EXCEPTION)\\b';

const ERROR_LEVELS = new Set(['ERROR', 'CRITICAL', 'FATAL', 'EXCEPTION']);
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
    throw new LogPatternError(`is not a regular expression (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!source.includes('(?<ts>') || !source.includes('(?<level>')) throw new LogPatternError('needs the named groups (?<ts>...) and (?<level>...)');
  return pattern;
}

/** Reads a timestamp as written in a log; one without a zone is taken as UTC. */
function toIso(stamp: string): string | null {
  let text = stamp.replace(' ', 'T').replace(',', '.');
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
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
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
      if (ERROR_LEVELS.has((match.groups?.['level'] ?? '').toUpperCase())) errorLines += 1;
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
      if (kind && kind.length <= 128 && (errorKinds.has(kind) || errorKinds.size < MAX_ERROR_KINDS)) errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
    }
  }
  if (first === null || last === null) return null;
  return { firstAt: first, lastAt: last, lines, errorLines: Math.min(errorLines, lines), errorKinds: Object.fromEntries(errorKinds) };
}
