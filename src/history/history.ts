// The history: compact daily figures per configuration, kept across runs for
// `history-days` days, so release health can look further back than the
// window and than artifacts live. A run folds the days it read into it.
//
// Merging is exact under re-reading: a day is replaced by a later reading of
// it with at least as many sessions (a re-run, overlapping windows and late
// artifacts see the same sessions or more; a reading after artifacts expired
// sees fewer and is ignored), never added to. Partial + merge and state-path
// runs see the sessions a full run sees, so they write the same days.

import { createHash } from 'node:crypto';
import { fieldValue } from '../aggregate/group-key.ts';
import { CompactSummary } from '../records/compact-summary.ts';
import { sessionErrored } from '../records/session-summary.ts';
import type { SessionSummary } from '../records/session-summary.ts';
import type { GroupField } from '../settings.ts';
import { hashWords, kmvAdd, kmvDecode, kmvEncode, kmvUnion } from './kmv.ts';
import { uuidWords, wordAt } from '../uuid/uuid-codec.ts';

export const HISTORY_FORMAT = 'crash-report-aggregator/history';
export const HISTORY_VERSION = 1;
export const DAY_MS = 86_400_000;
/** Exception classes kept per configuration and day; the rest count under "(other)". */
export const HISTORY_KINDS = 16;
/**
 * Configurations kept per day: the ones with the most sessions; the others are folded into one
 * "(other)" entry. A producer writing a build hash into its version cannot grow the history.
 */
export const HISTORY_MAX_CONFIGURATIONS = 1_000;
/** Past this many configurations in one day while reading, the half with the fewest sessions is folded at once. */
export const HISTORY_LIVE_CONFIGURATIONS = 50_000;
const OTHER = '(other)';
const MAX_VALUE = 128;

export interface DayEntry {
  values: string[];
  sessions: number;
  errored: number;
  crashed: number;
  /** Sketches of the installations (install IDs; a session without one stands for its own) with a session, an errored and a crashed one. */
  installs: number[];
  erroredInstalls: number[];
  crashedInstalls: number[];
  /** Sessions that raised each exception class. */
  kinds: Record<string, number>;
}

export interface HistoryDay {
  sessions: number;
  entries: Map<string, DayEntry>;
}

export interface History {
  fields: GroupField[];
  /** By UTC day number since the epoch. */
  days: Map<number, HistoryDay>;
}

/** What the history keeps a configuration by: group-by without error_kind, with the platform and the version always. */
export function historyFields(groupBy: readonly GroupField[]): GroupField[] {
  const fields = groupBy.filter((field) => field !== 'error_kind');
  for (const field of ['os.platform', 'app.version'] as const) if (!fields.includes(field)) fields.push(field);
  return fields;
}

export function emptyHistory(fields: GroupField[]): History {
  return { fields, days: new Map() };
}

/** A session without an install ID stands for its own installation: its session ID, salted apart from install IDs. */
const SESSION_SALT = 0x5bd1e995;

/** The installation's hash, from the compact summary's bytes or the ID's text alike (the same ID, the same hash). */
function installHash(summary: SessionSummary): number {
  if (summary instanceof CompactSummary) {
    const own = summary.installAt >= 0;
    const at = own ? summary.installAt : summary.idAt;
    const hash = hashWords(
      wordAt(summary.bytes, at),
      wordAt(summary.bytes, at + 4),
      wordAt(summary.bytes, at + 8),
      wordAt(summary.bytes, at + 12),
    );
    return own ? hash : (hash ^ SESSION_SALT) >>> 0;
  }
  // The schema holds both IDs to UUIDs, in any case; uuidWords reads either case alike.
  const hash = hashWords(...uuidWords(summary.install_id ?? summary.session_id));
  return summary.install_id === undefined ? (hash ^ SESSION_SALT) >>> 0 : hash;
}

/** Collects a run's sessions by day and configuration, as the history keeps them. */
export function createHistoryCollector(fields: readonly GroupField[]): {
  add(summary: SessionSummary, startedMs: number): void;
  days: Map<number, HistoryDay>;
} {
  const days = new Map<number, HistoryDay>();
  // A compact summary shares its configuration object with every session of its configuration: its key is built once.
  const keys = new WeakMap<object, { key: string; values: string[] }>();
  // Outcome is a session's own, not its configuration's.
  const byConfig = !(fields as readonly string[]).includes('outcome');
  return {
    days,
    add(summary, startedMs) {
      const config = byConfig && summary instanceof CompactSummary ? (summary.config as object) : null;
      let named = config ? keys.get(config) : undefined;
      if (!named) {
        const values = fields.map((field) => fieldValue(summary, field));
        named = { key: values.join('\u0000'), values };
        if (config) keys.set(config, named);
      }
      const dayNumber = Math.floor(startedMs / DAY_MS);
      let day = days.get(dayNumber);
      if (!day) days.set(dayNumber, (day = { sessions: 0, entries: new Map() }));
      let entry = day.entries.get(named.key);
      if (!entry) {
        if (day.entries.size >= HISTORY_LIVE_CONFIGURATIONS)
          foldDay(day, HISTORY_LIVE_CONFIGURATIONS / 2, fields.length);
        entry = day.entries.get(named.key);
      }
      if (!entry) {
        entry = {
          values: named.values,
          sessions: 0,
          errored: 0,
          crashed: 0,
          installs: [],
          erroredInstalls: [],
          crashedInstalls: [],
          kinds: {},
        };
        day.entries.set(named.key, entry);
      }
      day.sessions += 1;
      entry.sessions += 1;
      const install = installHash(summary);
      kmvAdd(entry.installs, install);
      if (sessionErrored(summary)) {
        entry.errored += 1;
        kmvAdd(entry.erroredInstalls, install);
      }
      if (summary.outcome === 'crash') {
        entry.crashed += 1;
        kmvAdd(entry.crashedInstalls, install);
      }
      const kinds = summary.error_kinds;
      if (kinds) {
        for (const kind in kinds) {
          if (!Object.prototype.hasOwnProperty.call(kinds, kind)) continue;
          const name =
            Object.prototype.hasOwnProperty.call(entry.kinds, kind) || Object.keys(entry.kinds).length < HISTORY_KINDS
              ? kind
              : '(other)';
          entry.kinds[name] = (entry.kinds[name] ?? 0) + 1;
        }
      }
    },
  };
}

function addKinds(into: Record<string, number>, from: Record<string, number>): void {
  for (const [kind, count] of Object.entries(from)) {
    const name =
      Object.prototype.hasOwnProperty.call(into, kind) || Object.keys(into).length < HISTORY_KINDS ? kind : OTHER;
    into[name] = (into[name] ?? 0) + count;
  }
}

/**
 * Keeps the `keep` configurations of a day with the most sessions (ties by their values, so the
 * result does not depend on the order sessions came in) and folds the rest into one "(other)" entry.
 */
export function foldDay(day: HistoryDay, keep: number, fieldCount: number): number {
  if (day.entries.size <= keep) return 0;
  const otherKey = Array.from({ length: fieldCount }, () => OTHER).join('\u0000');
  const ranked = [...day.entries]
    .filter(([key]) => key !== otherKey)
    .sort((a, b) => b[1].sessions - a[1].sessions || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  // One place is the "(other)" entry's: `keep` entries in all.
  const folded = ranked.slice(Math.max(0, keep - 1));
  if (folded.length === 0) return 0;
  const other = day.entries.get(otherKey) ?? {
    values: Array.from({ length: fieldCount }, () => OTHER),
    sessions: 0,
    errored: 0,
    crashed: 0,
    installs: [],
    erroredInstalls: [],
    crashedInstalls: [],
    kinds: {},
  };
  const installs = [other.installs];
  const erroredInstalls = [other.erroredInstalls];
  const crashedInstalls = [other.crashedInstalls];
  for (const [key, entry] of folded) {
    other.sessions += entry.sessions;
    other.errored += entry.errored;
    other.crashed += entry.crashed;
    installs.push(entry.installs);
    erroredInstalls.push(entry.erroredInstalls);
    crashedInstalls.push(entry.crashedInstalls);
    addKinds(other.kinds, entry.kinds);
    day.entries.delete(key);
  }
  other.installs = kmvUnion(installs);
  other.erroredInstalls = kmvUnion(erroredInstalls);
  other.crashedInstalls = kmvUnion(crashedInstalls);
  day.entries.set(otherKey, other);
  return folded.length;
}

/**
 * Folds a run's days into the history: each day the run read with at least as many sessions
 * as the history holds replaces it; days before `keepFrom` (a day number) are dropped.
 */
export function mergeHistory(
  history: History,
  run: ReadonlyMap<number, HistoryDay>,
  keepFrom: number,
): { replaced: number; kept: number; dropped: number } {
  let replaced = 0;
  let kept = 0;
  for (const [day, figures] of run) {
    if (day < keepFrom) continue;
    const held = history.days.get(day);
    if (held && held.sessions > figures.sessions) {
      kept += 1;
      continue;
    }
    foldDay(figures, HISTORY_MAX_CONFIGURATIONS, history.fields.length);
    history.days.set(day, figures);
    replaced += 1;
  }
  let dropped = 0;
  for (const day of [...history.days.keys()]) {
    if (day < keepFrom) {
      history.days.delete(day);
      dropped += 1;
    }
  }
  return { replaced, kept, dropped };
}

type EncodedEntry = [string[], number, number, number, string, string, string, Record<string, number>];

function bodyOf(history: History): { fields: GroupField[]; days: Record<string, EncodedEntry[]> } {
  const days: Record<string, EncodedEntry[]> = {};
  for (const day of [...history.days.keys()].sort((a, b) => a - b)) {
    const entries = [...history.days.get(day)!.entries.values()].sort((a, b) =>
      a.values.join('\u0000') < b.values.join('\u0000') ? -1 : 1,
    );
    days[new Date(day * DAY_MS).toISOString().slice(0, 10)] = entries.map((entry) => [
      entry.values,
      entry.sessions,
      entry.errored,
      entry.crashed,
      kmvEncode(entry.installs),
      kmvEncode(entry.erroredInstalls),
      kmvEncode(entry.crashedInstalls),
      entry.kinds,
    ]);
  }
  return { fields: history.fields, days };
}

/** The history as a file: JSON, with a SHA-256 of its content so a damaged file is told apart. */
export function encodeHistory(history: History): string {
  const body = JSON.stringify(bodyOf(history));
  const checksum = createHash('sha256').update(body).digest('hex');
  return `{"format":"${HISTORY_FORMAT}","version":${HISTORY_VERSION},"checksum":"${checksum}","body":${body}}\n`;
}

const count = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** The history in `text` for these fields, or why it cannot be used. Every value is checked: a cache can be written by any job of the repository. */
export function decodeHistory(text: string, fields: readonly GroupField[]): History | { problem: string } {
  let file: { format?: unknown; version?: unknown; checksum?: unknown; body?: unknown };
  try {
    file = JSON.parse(text) as typeof file;
  } catch {
    return { problem: 'it is not JSON' };
  }
  if (file === null || typeof file !== 'object' || file.format !== HISTORY_FORMAT)
    return { problem: 'it is not a history file' };
  if (file.version !== HISTORY_VERSION)
    return { problem: `it is format version ${String(file.version)}, this release reads ${HISTORY_VERSION}` };
  const bodyStart = text.indexOf('"body":');
  const body = bodyStart < 0 ? '' : text.slice(bodyStart + 7, text.lastIndexOf('}'));
  if (typeof file.checksum !== 'string' || createHash('sha256').update(body).digest('hex') !== file.checksum)
    return { problem: 'its checksum does not match its content' };
  const parsed = file.body as { fields?: unknown; days?: unknown };
  if (!Array.isArray(parsed?.fields) || JSON.stringify(parsed.fields) !== JSON.stringify(fields)) {
    return {
      problem: `it keeps other fields (${Array.isArray(parsed?.fields) ? parsed.fields.join(', ') : '?'}) than group-by asks for now (${fields.join(', ')})`,
    };
  }
  if (parsed.days === null || typeof parsed.days !== 'object') return { problem: 'it has no days' };
  const history = emptyHistory([...fields]);
  for (const [dayText, entries] of Object.entries(parsed.days as Record<string, unknown>)) {
    const time = /^\d{4}-\d{2}-\d{2}$/.test(dayText) ? Date.parse(`${dayText}T00:00:00Z`) : Number.NaN;
    if (!Number.isFinite(time) || !Array.isArray(entries)) return { problem: `day ${dayText.slice(0, 20)} is damaged` };
    const day: HistoryDay = { sessions: 0, entries: new Map() };
    for (const raw of entries as unknown[]) {
      if (!Array.isArray(raw) || raw.length !== 8) return { problem: `an entry of ${dayText} is damaged` };
      const [values, sessions, errored, crashed, installs, erroredInstalls, crashedInstalls, kinds] = raw as unknown[];
      const sketches = [installs, erroredInstalls, crashedInstalls].map((sketch) => kmvDecode(sketch));
      const kindsOk =
        kinds !== null &&
        typeof kinds === 'object' &&
        !Array.isArray(kinds) &&
        Object.entries(kinds).length <= HISTORY_KINDS + 1 &&
        Object.entries(kinds).every(([name, value]) => name.length <= MAX_VALUE && count(value));
      if (day.entries.size > HISTORY_MAX_CONFIGURATIONS)
        return { problem: `${dayText} holds more than ${HISTORY_MAX_CONFIGURATIONS} configurations` };
      if (
        !Array.isArray(values) ||
        values.length !== fields.length ||
        !values.every((value) => typeof value === 'string' && value.length <= MAX_VALUE) ||
        !count(sessions) ||
        !count(errored) ||
        !count(crashed) ||
        errored > sessions ||
        crashed > errored ||
        sketches.some((sketch) => sketch === null) ||
        !kindsOk
      ) {
        return { problem: `an entry of ${dayText} is damaged` };
      }
      const key = (values as string[]).join('\u0000');
      if (day.entries.has(key)) return { problem: `${dayText} holds a configuration twice` };
      day.entries.set(key, {
        values: values as string[],
        sessions,
        errored,
        crashed,
        installs: sketches[0]!,
        erroredInstalls: sketches[1]!,
        crashedInstalls: sketches[2]!,
        kinds: { ...(kinds as Record<string, number>) },
      });
      day.sessions += sessions;
    }
    history.days.set(Math.floor(time / DAY_MS), day);
  }
  return history;
}
