// Reads the entries of a zip archive in memory; nothing is written to disk and no
// entry name is ever used as a path.

import { unzipSync } from 'fflate';
import type { SourceEvent, SourceItem } from './source.ts';

export const ZIP_MAX_ENTRIES = 10_000;
export const ZIP_MAX_TOTAL_BYTES = 512 * 1024 * 1024;

function unsafeEntryName(name: string): boolean {
  return (
    name.startsWith('/') ||
    name.includes('\\') ||
    /^[A-Za-z]:/.test(name) ||
    name.split('/').some((segment) => segment === '..')
  );
}

/** Expands a zip item into one item per record file inside it. */
export function* zipEntries(archive: SourceItem): Generator<SourceEvent> {
  const skipped: { index: number; reason: string }[] = [];
  let entries = 0;
  let declaredTotal = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(archive.bytes, {
      filter(file) {
        entries += 1;
        if (file.name.endsWith('/')) return false;
        if (unsafeEntryName(file.name)) {
          skipped.push({ index: entries, reason: 'zip-unsafe-entry-name' });
          return false;
        }
        if (/\.zip$/i.test(file.name)) {
          skipped.push({ index: entries, reason: 'zip-nested-archive' });
          return false;
        }
        declaredTotal += file.originalSize;
        if (entries > ZIP_MAX_ENTRIES || declaredTotal > ZIP_MAX_TOTAL_BYTES) {
          throw new RangeError('zip-too-large');
        }
        return true;
      },
    });
  } catch (error) {
    const reason = error instanceof RangeError && error.message === 'zip-too-large' ? 'zip-too-large' : 'zip-invalid';
    yield { kind: 'skip', origin: archive.origin, reason };
    return;
  }
  for (const entry of skipped) {
    yield { kind: 'skip', origin: `${archive.origin} (entry ${entry.index})`, reason: entry.reason };
  }
  const names = Object.keys(files).sort();
  for (const name of names) {
    yield { kind: 'item', origin: `${archive.origin}/${name}`, name, bytes: files[name]!, run: archive.run };
  }
}
