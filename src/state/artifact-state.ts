// The state kept between runs (input state-path): for every artifact already
// read, the result of reading it (its counts and its valid sessions as compact
// records, a few dozen bytes a session), so a daily run over a 7-day window
// downloads and reads one day of new artifacts instead of seven, and merges the
// rest from here. Each file is checked against the SHA-256 recorded when it was
// stored and decoded before it is trusted; anything missing, altered, unreadable
// or read with other settings is downloaded again. The figures are those of a
// full run: window, clock and duplicates are decided again on every run.

import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tallyOf } from '../intake/tally.ts';
import { configTuple, runRef } from '../records/session-records.ts';
import { PartialFormatError } from '../records/session-records.ts';
import { FIELDS_HASH } from '../records/field-table.ts';
import { eachStoredSession } from '../intake/input-result.ts';
import type { InputCache } from '../intake/intake.ts';
import type { HeldInputs } from '../sources/source.ts';
import type { InputResult } from '../intake/input-result.ts';

/**
 * Bumped whenever a stored result would no longer be what reading the artifact
 * gives; the field table's hash follows, so a schema change reads everything again.
 */
export const STATE_VERSION = `3-${FIELDS_HASH}`;
const RESULT_FORMAT = 'crash-report-aggregator/artifact-result';

interface Entry {
  sha256: string;
  size: number;
  sessions: number;
}

interface Index {
  version: string;
  /** Fingerprint of the settings that decide how an artifact is read. */
  reading: string;
  /** By input key (an artifact's ID and name). */
  artifacts: Record<string, Entry>;
}

export interface ArtifactStateStats {
  /** Artifacts whose stored result was used instead of a download. */
  fromState: number;
  /** Artifacts downloaded, read and stored. */
  stored: number;
  /** Stored results that failed their check; their artifacts were downloaded again. */
  rejected: number;
  /** Stored results dropped because their artifact left the window. */
  dropped: number;
}

/**
 * A cache of input results by key: the artifact source asks it which inputs
 * it holds (HeldInputs), intake takes their results and puts what it reads
 * (InputCache).
 */
export interface ArtifactState extends HeldInputs, InputCache {
  stats: ArtifactStateStats;
  /** Writes what was put, drops what left the window, and saves the index; call once the run has read everything. */
  finish(): Promise<void>;
}

/** The settings that decide what reading an artifact gives. */
export function readingFingerprint(settings: {
  format: string;
  appName: string | null;
  appVersion: string | null;
  logPattern: RegExp;
}): string {
  const relevant = [
    STATE_VERSION,
    settings.format,
    settings.appName,
    settings.appVersion,
    settings.logPattern.source,
    settings.logPattern.flags,
  ];
  return createHash('sha256').update(JSON.stringify(relevant)).digest('hex').slice(0, 16);
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
const fileOf = (dir: string, key: string) => join(dir, `artifact-${sha256(key).slice(0, 24)}.json`);

function encode(result: InputResult): string {
  return JSON.stringify({
    format: RESULT_FORMAT,
    version: STATE_VERSION,
    tally: result.tally,
    configs: result.dictionary.configs,
    kinds: result.dictionary.kinds,
    runs: result.dictionary.runs,
    count: result.count,
    sessions: Buffer.from(result.records.buffer, result.records.byteOffset, result.records.byteLength).toString(
      'base64',
    ),
  });
}

/** A stored result, checked through: every record decodes against its dictionaries. */
function decode(text: string): InputResult {
  const value = JSON.parse(text) as Record<string, unknown>;
  if (
    value === null ||
    typeof value !== 'object' ||
    value['format'] !== RESULT_FORMAT ||
    value['version'] !== STATE_VERSION
  )
    throw new PartialFormatError('not a stored artifact result of this version');
  const { configs, kinds, runs, count, sessions } = value;
  if (
    !Array.isArray(configs) ||
    !Array.isArray(kinds) ||
    !Array.isArray(runs) ||
    !Number.isSafeInteger(count) ||
    typeof sessions !== 'string'
  )
    throw new PartialFormatError('a part is missing');
  if (!kinds.every((kind) => typeof kind === 'string')) throw new PartialFormatError('an error kind is not a string');
  const result: InputResult = {
    tally: tallyOf(value['tally']),
    records: new Uint8Array(Buffer.from(sessions, 'base64')),
    count: count as number,
    dictionary: { configs: configs.map(configTuple), kinds: kinds, runs: runs.map(runRef) },
  };
  eachStoredSession(result, () => {});
  return result;
}

/**
 * Opens the state folder. `reading` fingerprints the settings that decide how an
 * artifact is read; results stored under others are not used. `readOnly` (dry
 * runs) reads the state but writes nothing.
 */
export async function openArtifactState(
  dir: string,
  reading: string,
  readOnly: boolean,
  warn: (message: string) => void,
): Promise<ArtifactState> {
  let index: Index = { version: STATE_VERSION, reading, artifacts: {} };
  const text = await readFile(join(dir, 'index.json'), 'utf8').catch(() => null);
  if (text === null) {
    warn(`No state at ${dir} yet: every artifact in the window is downloaded.`);
  } else {
    try {
      const parsed = JSON.parse(text) as Index;
      if (parsed.version !== STATE_VERSION || parsed.artifacts === null || typeof parsed.artifacts !== 'object')
        throw new Error('version');
      if (parsed.reading !== reading) {
        warn(
          `The state at ${dir} was read with other settings (format, app-name, app-version or log-pattern): every artifact in the window is downloaded again.`,
        );
      } else {
        index = {
          version: STATE_VERSION,
          reading,
          artifacts: Object.assign(Object.create(null) as Record<string, Entry>, parsed.artifacts),
        };
      }
    } catch {
      warn(
        `The state at ${dir} is unreadable or of another version: every artifact in the window is downloaded again.`,
      );
    }
  }
  const stats: ArtifactStateStats = { fromState: 0, stored: 0, rejected: 0, dropped: 0 };
  const pending = new Map<string, { entry: Entry; text: string }>();
  /** Results checked by holds(), until intake takes them. */
  const checked = new Map<string, InputResult>();
  let kept: ReadonlySet<string> | null = null;
  return {
    stats,
    async holds({ key, label }) {
      const entry = index.artifacts[key];
      if (!entry) return false;
      const stored = await readFile(fileOf(dir, key)).catch(() => null);
      let result: InputResult | null = null;
      if (stored && stored.byteLength === entry.size && sha256(stored) === entry.sha256) {
        try {
          result = decode(stored.toString('utf8'));
        } catch {
          result = null;
        }
      }
      if (!result) {
        stats.rejected += 1;
        warn(`The stored result of ${label} failed its check; downloading it again.`);
        delete index.artifacts[key];
        return false;
      }
      stats.fromState += 1;
      checked.set(key, result);
      return true;
    },
    take(key) {
      const result = checked.get(key) ?? null;
      checked.delete(key);
      return result;
    },
    put(key, result) {
      if (readOnly) return;
      const text = encode(result);
      pending.set(key, {
        entry: { sha256: sha256(text), size: Buffer.byteLength(text), sessions: result.count },
        text,
      });
      stats.stored += 1;
    },
    window(keys) {
      kept = new Set(keys);
    },
    async finish() {
      // Without the run's list of artifacts, nothing can be told to have left the window.
      if (readOnly || !kept) return;
      const keep = kept;
      await mkdir(dir, { recursive: true });
      // File names are a hash of the key: nothing from an artifact names a path.
      for (const [key, { entry, text }] of pending) {
        if (!keep.has(key)) continue;
        await writeFile(fileOf(dir, key), text);
        index.artifacts[key] = entry;
      }
      pending.clear();
      for (const key of Object.keys(index.artifacts)) {
        if (keep.has(key)) continue;
        delete index.artifacts[key];
        await rm(fileOf(dir, key), { force: true });
        stats.dropped += 1;
      }
      await writeFile(join(dir, 'index.json.tmp'), `${JSON.stringify(index, null, 1)}\n`);
      await rename(join(dir, 'index.json.tmp'), join(dir, 'index.json'));
    },
  };
}
