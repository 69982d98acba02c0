// Turns one record of any supported format into a candidate session summary.
// Adapters drop identity first: the fields they do not map are never read.

import { CONFIG_FIELDS, FIELD_TABLE } from '../../records/field-table.ts';
import type { Adapted } from './adapted.ts';
import { derivedUuid } from './derived-id.ts';
import { fromHasuraCli } from './hasura-cli.ts';
import type { FormatSetting } from './record-shape.ts';
import { recordShape } from './record-shape.ts';
import { fromSegment } from './segment.ts';
import type { LogFigures } from './session-log.ts';

export interface AdapterSettings {
  format: FormatSetting;
  /** App name for formats that do not carry one (hasura-cli, segment, log); null means the format's default. */
  appName: string | null;
  /** App version for raw logs. */
  appVersion: string | null;
  logPattern: RegExp;
}

export function adaptRecord(value: unknown, settings: AdapterSettings): Adapted {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { ok: false, reason: 'not-an-object' };
  const shape = recordShape(value);
  const format = settings.format === 'auto' ? shape : settings.format;
  if (format === null) return { ok: false, reason: 'unknown-format' };
  if (format === 'log') return { ok: false, reason: 'unknown-format' };
  if (format !== shape && format !== 'session-summary') return { ok: false, reason: `not-${format}` };
  switch (format) {
    case 'session-summary':
      return { ok: true, value };
    case 'hasura-cli':
      return fitted(fromHasuraCli(value as Record<string, unknown>, settings.appName));
    case 'segment':
      return fitted(fromSegment(value as Record<string, unknown>, settings.appName));
  }
}

const TOP_NAMES = new Set(FIELD_TABLE.top.map((field) => field.name));
/** The keys of each configuration object the schema defines, e.g. os: platform, version, arch. */
const KEYS_OF = new Map(
  CONFIG_FIELDS.filter((field) => field.parent !== null).map((field) => [
    field.parent!,
    new Set(CONFIG_FIELDS.filter((other) => other.parent === field.parent).map((other) => other.key)),
  ]),
);

/**
 * An adapter's summary without the optional fields this build's schema does not
 * define: the adapters map every field a format carries, and a schema that drops
 * one (os.arch, say) then gets summaries without it rather than refusing them.
 */
function fitted(adapted: Adapted): Adapted {
  if (!adapted.ok) return adapted;
  const summary = adapted.value as Record<string, unknown>;
  for (const key of Object.keys(summary)) {
    if (!TOP_NAMES.has(key)) delete summary[key];
    const keys = KEYS_OF.get(key);
    const inner = summary[key];
    if (keys && inner !== null && typeof inner === 'object')
      for (const innerKey of Object.keys(inner))
        if (!keys.has(innerKey)) delete (inner as Record<string, unknown>)[innerKey];
  }
  return adapted;
}

/** One summary for a whole session log; `contentKey` makes re-uploads of the same log count once. */
export function summaryFromLog(
  figures: LogFigures,
  contentKey: string,
  settings: Pick<AdapterSettings, 'appName' | 'appVersion'>,
): Record<string, unknown> {
  return {
    schema_version: 1,
    session_id: derivedUuid('log', contentKey),
    app: { name: settings.appName ?? 'app', version: settings.appVersion ?? 'unknown' },
    os: { platform: 'other' },
    started_at: figures.firstAt,
    ended_at: figures.lastAt,
    log_lines: figures.lines,
    error_lines: figures.errorLines,
    outcome: figures.errorLines > 0 ? 'error' : 'ok',
    ...(Object.keys(figures.errorKinds).length > 0 ? { error_kinds: figures.errorKinds } : {}),
  };
}
