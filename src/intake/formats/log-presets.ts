// Log layouts people have, as patterns the log reader takes: a timestamp (`ts`)
// and a level (`level`) per line. JSON layouts find both keys wherever they sit
// in the line. A level is an error when it names one (ERROR, FATAL, CRITICAL,
// PANIC, …) or is a number of 50 or more (pino's and bunyan's error and fatal).

import { DEFAULT_LOG_PATTERN } from './session-log.ts';

export interface LogPreset {
  /** What a line looks like, for --help and the README. */
  example: string;
  pattern: string;
}

/** `"key":value` anywhere in a JSON line, value a string or a number, captured as `group`. */
const jsonKey = (keys: string, group: string) => `(?=.*"(?:${keys})"\\s*:\\s*"?(?<${group}>[^",}]+))`;

export const LOG_PRESETS: Record<string, LogPreset> = {
  python: {
    example: '2026-11-20 10:00:00,123 ERROR app: failed',
    pattern: DEFAULT_LOG_PATTERN,
  },
  'go-slog': {
    example: 'time=2026-11-20T10:00:00.123Z level=ERROR msg="failed" err="…"',
    pattern: '^(?=.*\\btime=(?<ts>\\S+))(?=.*\\blevel=(?<level>[A-Za-z]+))',
  },
  'go-slog-json': {
    example: '{"time":"2026-11-20T10:00:00.123Z","level":"ERROR","msg":"failed"}',
    pattern: `^\\s*\\{${jsonKey('time', 'ts')}${jsonKey('level', 'level')}`,
  },
  'go-log': {
    example:
      '2026/11/20 10:00:00 error: failed (the standard library log: no level, so a line is an error when it says error, fatal or panic)',
    pattern:
      '^(?<ts>\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?)(?:.*?\\b(?<level>[Ee]rror|ERROR|[Ff]atal|FATAL|[Pp]anic|PANIC)\\b)?',
  },
  'rust-env-logger': {
    example: '[2026-11-20T10:00:00Z ERROR my_crate::net] failed',
    pattern:
      '^\\[(?<ts>\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2}))\\s+(?<level>ERROR|WARN|INFO|DEBUG|TRACE)\\b',
  },
  'rust-tracing': {
    example: '2026-11-20T10:00:00.123456Z ERROR my_crate::net: failed',
    pattern:
      '^(?<ts>\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2}))\\s+(?<level>ERROR|WARN|INFO|DEBUG|TRACE)\\b',
  },
  pino: {
    example: '{"level":50,"time":1795168800123,"pid":4242,"msg":"failed"} (bunyan too: "time" as an ISO string)',
    pattern: `^\\s*\\{${jsonKey('time', 'ts')}${jsonKey('level', 'level')}`,
  },
};

/** The preset's pattern, or null when `name` names none. */
export function presetPattern(name: string): string | null {
  return Object.hasOwn(LOG_PRESETS, name) ? LOG_PRESETS[name]!.pattern : null;
}

export const PRESET_NAMES = Object.keys(LOG_PRESETS);
