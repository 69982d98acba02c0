// Reads the entries of a zip archive in memory with yauzl; nothing is written to
// disk and no entry name is ever used as a path. Limits stop a zip bomb before
// it inflates, and a size that lies stops the archive. Large NDJSON entries are
// read as they inflate, never held whole.

import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { ZIP_MAX_ENTRIES, ZIP_MAX_RATIO, ZIP_MAX_UNCOMPRESSED_BYTES, ZIP_RATIO_MIN_BYTES } from '../limits.ts';
import { recordFormatOf } from '../sources/file-kinds.ts';
import { STREAM_FROM_BYTES } from '../sources/path-source.ts';
import type { SourceItem, SourceSkip } from '../sources/source.ts';

const SYMLINK_MODE = 0o120000;
const FILE_TYPE_MASK = 0o170000;
const ARCHIVE_EXTENSIONS = /\.(zip|jar|tar|tgz|gz|bz2|xz|7z|rar|zst)$/i;

function openZip(bytes: Uint8Array): Promise<ZipFile> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return new Promise((resolve, reject) => {
    // Names are checked here, entry by entry, so one bad name skips one entry.
    yauzl.fromBuffer(
      buffer,
      { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, strictFileNames: false },
      (error, zip) => (error || !zip ? reject(error ?? new Error('no zip')) : resolve(zip)),
    );
  });
}

function nextEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.removeListener('entry', onEntry);
      zip.removeListener('end', onEnd);
      zip.removeListener('error', onError);
    };
    const onEntry = (entry: Entry) => (cleanup(), resolve(entry));
    const onEnd = () => (cleanup(), resolve(null));
    const onError = (error: Error) => (cleanup(), reject(error));
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

function readEntry(zip: ZipFile, entry: Entry): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) return reject(error ?? new Error('no stream'));
      const chunks: Buffer[] = [];
      let length = 0;
      stream.on('data', (chunk: Buffer) => {
        length += chunk.length;
        // yauzl also checks this; stop inflating the moment the size lies.
        if (length > entry.uncompressedSize) stream.destroy(new Error('too many bytes in the stream'));
        else chunks.push(chunk);
      });
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks, length)));
    });
  });
}

/** Why a streamed entry stopped: set when its size lied or it did not inflate. */
interface StreamFailure {
  reason: string | null;
}

function failureOf(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  // yauzl's words for an entry longer or shorter than it declared.
  return /too many bytes|not enough bytes|too few bytes|size/i.test(message) ? 'zip-size-mismatch' : 'zip-invalid';
}

/**
 * A large NDJSON entry, inflated chunk by chunk as the reader asks: never held
 * whole. A size that lies ends the chunks and is noted in `failure`.
 */
async function* entryChunks(zip: ZipFile, entry: Entry, failure: StreamFailure): AsyncGenerator<Uint8Array> {
  let stream: NodeJS.ReadableStream;
  try {
    stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
      zip.openReadStream(entry, (error, opened) =>
        error || !opened ? reject(error ?? new Error('no stream')) : resolve(opened),
      ),
    );
  } catch (error) {
    failure.reason = failureOf(error);
    return;
  }
  let length = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      length += chunk.length;
      if (length > entry.uncompressedSize) {
        failure.reason = 'zip-size-mismatch';
        return;
      }
      yield chunk;
    }
    if (length !== entry.uncompressedSize) failure.reason = 'zip-size-mismatch';
  } catch (error) {
    failure.reason = failureOf(error);
  } finally {
    // Stopped early (a run limit, a lie): inflate no further.
    (stream as unknown as { destroy?: () => void }).destroy?.();
  }
}

export function unsafeEntryName(name: string): boolean {
  return (
    name.startsWith('/') ||
    name.includes('\\') ||
    /^[A-Za-z]:/.test(name) ||
    name.includes('\0') ||
    name.split('/').some((segment) => segment === '..')
  );
}

function entryName(entry: Entry): string {
  const raw = entry.fileName as unknown as Buffer;
  // General purpose bit 11: the name is UTF-8; otherwise CP437, close enough to latin1 for checks.
  return raw.toString((entry.generalPurposeBitFlag & 0x800) !== 0 ? 'utf8' : 'latin1');
}

/** Expands a zip item into one item per record file inside it, or skips with reasons. */
export async function* zipEntries(archive: SourceItem): AsyncGenerator<SourceItem | SourceSkip> {
  const skip = (reason: string, index?: number): SourceSkip => ({
    kind: 'skip',
    origin: index === undefined ? archive.origin : `${archive.origin} (entry ${index})`,
    reason,
  });
  let zip: ZipFile;
  try {
    zip = await openZip(archive.bytes);
  } catch {
    yield skip('zip-invalid');
    return;
  }
  try {
    if (zip.entryCount > ZIP_MAX_ENTRIES) {
      yield skip('zip-too-many-entries');
      return;
    }
    let index = 0;
    let declared = 0;
    for (;;) {
      let entry: Entry | null;
      try {
        entry = await nextEntry(zip);
      } catch {
        yield skip('zip-invalid');
        return;
      }
      if (!entry) return;
      index += 1;
      const name = entryName(entry);
      if (name.endsWith('/')) continue;
      if (unsafeEntryName(name)) {
        yield skip('zip-unsafe-entry-name', index);
        continue;
      }
      if (((entry.externalFileAttributes >>> 16) & FILE_TYPE_MASK) === SYMLINK_MODE) {
        yield skip('zip-symlink', index);
        continue;
      }
      if (ARCHIVE_EXTENSIONS.test(name)) {
        yield skip('zip-nested-archive', index);
        continue;
      }
      if (recordFormatOf(name) === null) {
        yield skip('unsupported-file-type', index);
        continue;
      }
      if (entry.isEncrypted()) {
        yield skip('zip-encrypted', index);
        continue;
      }
      declared += entry.uncompressedSize;
      if (declared > ZIP_MAX_UNCOMPRESSED_BYTES) {
        yield skip('zip-too-large');
        return;
      }
      if (
        entry.uncompressedSize > ZIP_RATIO_MIN_BYTES &&
        entry.uncompressedSize / Math.max(1, entry.compressedSize) > ZIP_MAX_RATIO
      ) {
        yield skip('zip-bomb');
        return;
      }
      if (recordFormatOf(name) === 'jsonl' && entry.uncompressedSize > STREAM_FROM_BYTES) {
        // Read as it inflates; the records before a lie are counted, and the lie stops the archive.
        const failure: StreamFailure = { reason: null };
        const streamed = entry;
        yield {
          kind: 'item',
          origin: `${archive.origin}/${name}`,
          name,
          bytes: new Uint8Array(),
          size: entry.uncompressedSize,
          stream: () => entryChunks(zip, streamed, failure),
          run: archive.run,
        };
        if (failure.reason) {
          yield skip(failure.reason, index);
          return;
        }
        continue;
      }
      let bytes: Uint8Array;
      try {
        bytes = await readEntry(zip, entry);
      } catch (error) {
        yield skip(failureOf(error), index);
        return;
      }
      if (bytes.byteLength !== entry.uncompressedSize) {
        yield skip('zip-size-mismatch', index);
        return;
      }
      yield { kind: 'item', origin: `${archive.origin}/${name}`, name, bytes, run: archive.run };
    }
  } finally {
    zip.close();
  }
}
