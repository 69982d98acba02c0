// The state kept between runs (input state-path): the archives of artifacts
// already downloaded, so a daily run over a 7-day window downloads one day of
// new artifacts instead of seven. Each archive is checked against the SHA-256
// recorded when it was stored; anything missing, unreadable or altered is
// downloaded again. The figures are those of a full run, by construction.

import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const CACHE_VERSION = 1;

interface Entry {
  name: string;
  createdAt: string | null;
  sha256: string;
  size: number;
}

interface Index {
  version: number;
  artifacts: Record<string, Entry>;
}

export interface ArtifactCacheStats {
  /** Archives read from the state instead of downloaded. */
  fromState: number;
  /** Archives downloaded and stored. */
  stored: number;
  /** Stored archives that failed their check and were downloaded again. */
  rejected: number;
  /** Archives dropped because their artifact left the window. */
  dropped: number;
}

export interface ArtifactCache {
  stats: ArtifactCacheStats;
  get(artifact: { id: number; name: string }): Promise<Uint8Array | null>;
  put(artifact: { id: number; name: string; created_at: string | null }, bytes: Uint8Array): Promise<void>;
  /** Drops every stored archive whose artifact is not in `keep`, and saves the index. */
  finish(keep: ReadonlySet<number>): Promise<void>;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const fileOf = (dir: string, id: number) => join(dir, `artifact-${id}.zip`);

/** Opens the state folder; `readOnly` (dry runs) reads it but writes nothing. */
export async function openArtifactCache(dir: string, readOnly: boolean, warn: (message: string) => void): Promise<ArtifactCache> {
  let index: Index = { version: CACHE_VERSION, artifacts: {} };
  const text = await readFile(join(dir, 'index.json'), 'utf8').catch(() => null);
  if (text === null) {
    warn(`No state at ${dir} yet: every artifact in the window is downloaded.`);
  } else {
    try {
      const parsed = JSON.parse(text) as Index;
      if (parsed.version !== CACHE_VERSION || parsed.artifacts === null || typeof parsed.artifacts !== 'object') throw new Error('version');
      index = { version: CACHE_VERSION, artifacts: Object.assign(Object.create(null) as Record<string, Entry>, parsed.artifacts) };
    } catch {
      warn(`The state at ${dir} is unreadable or of another version: every artifact in the window is downloaded again.`);
    }
  }
  const stats: ArtifactCacheStats = { fromState: 0, stored: 0, rejected: 0, dropped: 0 };
  return {
    stats,
    async get(artifact) {
      const entry = index.artifacts[String(artifact.id)];
      if (!entry || entry.name !== artifact.name) return null;
      const bytes = await readFile(fileOf(dir, artifact.id)).catch(() => null);
      if (!bytes || bytes.byteLength !== entry.size || sha256(bytes) !== entry.sha256) {
        stats.rejected += 1;
        warn(`The stored copy of artifact #${artifact.id} failed its check; downloading it again.`);
        delete index.artifacts[String(artifact.id)];
        return null;
      }
      stats.fromState += 1;
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    async put(artifact, bytes) {
      if (readOnly) return;
      await mkdir(dir, { recursive: true });
      // The file name is ours (the artifact's numeric ID); nothing from the archive names a path.
      await writeFile(fileOf(dir, artifact.id), bytes);
      index.artifacts[String(artifact.id)] = { name: artifact.name, createdAt: artifact.created_at, sha256: sha256(bytes), size: bytes.byteLength };
      stats.stored += 1;
    },
    async finish(keep) {
      if (readOnly) return;
      for (const id of Object.keys(index.artifacts)) {
        if (keep.has(Number(id))) continue;
        delete index.artifacts[id];
        await rm(fileOf(dir, Number(id)), { force: true });
        stats.dropped += 1;
      }
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'index.json.tmp'), `${JSON.stringify(index, null, 1)}\n`);
      await rename(join(dir, 'index.json.tmp'), join(dir, 'index.json'));
    },
  };
}
