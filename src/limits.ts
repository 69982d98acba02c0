// Every limit on untrusted input, in one place. Each limit has its own reason
// code when it is reached; SECURITY.md lists them with these values.

const KiB = 1024;
const MiB = 1024 * KiB;

/** Entries in one zip archive. */
export const ZIP_MAX_ENTRIES = 10_000;
/** Uncompressed bytes in one zip archive, as declared and as inflated. */
export const ZIP_MAX_UNCOMPRESSED_BYTES = 512 * MiB;
/** Uncompressed / compressed size of one entry above which it is a zip bomb (entries over 64 KiB only). */
export const ZIP_MAX_RATIO = 200;
export const ZIP_RATIO_MIN_BYTES = 64 * KiB;

/** One artifact download or one local file. */
export const ARCHIVE_MAX_BYTES = 256 * MiB;
/** One .json file parsed as a whole. */
export const JSON_FILE_MAX_BYTES = 64 * MiB;
/** One record: one NDJSON line, or one .json file holding a single object. */
export const RECORD_MAX_BYTES = 64 * KiB;
/** Nesting of objects and arrays; a summary needs 3 (array, object, object). */
export const RECORD_MAX_DEPTH = 8;

/** Per run: artifacts downloaded, bytes read (uncompressed), records parsed. */
export const RUN_MAX_ARTIFACTS = 5_000;
export const RUN_MAX_BYTES = 4 * 1024 * MiB;
export const RUN_MAX_RECORDS = 50_000_000;
