// A session summary held compactly: its configuration is one shared object per
// distinct configuration, its IDs are raw bytes and its times are numbers. The
// ID and timestamp strings are built only when asked for; aggregation and
// deduplication read the bytes and the shared configuration instead.

import { copyConfig } from '../generated/summary-fields.ts';
import { uuidText } from '../uuid/uuid-codec.ts';
import type { SessionConfig } from './field-table.ts';
import type { Outcome } from './session-summary.ts';

export type { SessionConfig };

/**
 * The configuration's fields, copied onto each summary from its shared configuration by the
 * generated copyConfig: declared here, by merging, because the schema decides which they are.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging -- see above
export interface CompactSummary extends SessionConfig {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the merge above
export class CompactSummary {
  readonly schema_version = 1;
  readonly config: SessionConfig;
  /** The session ID's 16 bytes are at `idAt` in `bytes`; the install ID's at `installAt`, or -1. */
  readonly bytes: Uint8Array;
  readonly idAt: number;
  readonly installAt: number;
  readonly startedMs: number;
  readonly endedMs: number;
  log_lines: number;
  error_lines: number;
  outcome?: Outcome;
  error_kinds?: Record<string, number>;

  constructor(
    config: SessionConfig,
    bytes: Uint8Array,
    idAt: number,
    installAt: number,
    startedMs: number,
    endedMs: number,
    logLines: number,
    errorLines: number,
  ) {
    this.config = config;
    this.bytes = bytes;
    this.idAt = idAt;
    this.installAt = installAt;
    this.startedMs = startedMs;
    this.endedMs = endedMs;
    copyConfig(this as unknown as Record<string, unknown>, config);
    this.log_lines = logLines;
    this.error_lines = errorLines;
  }

  get session_id(): string {
    return uuidText(this.bytes, this.idAt);
  }

  get install_id(): string | undefined {
    return this.installAt < 0 ? undefined : uuidText(this.bytes, this.installAt);
  }

  get started_at(): string {
    return new Date(this.startedMs).toISOString();
  }

  get ended_at(): string {
    return new Date(this.endedMs).toISOString();
  }
}
