// Every pattern a set of configuration cells can be described by, with the cells
// each one covers: each subset of fixed fields (all of them up to four fields),
// and for patterns that fix the app version, "from this version on" as well.

import { OTHER } from '../aggregate/recode-rare.ts';
import { compareVersions } from '../aggregate/versions.ts';
import { VERSION_FIELD } from './pattern.ts';
import type { Pattern } from './pattern.ts';

const OTHER_KEY = `${OTHER}\u0000`;

/** Patterns "from version v on" are tried for at most this many of an anchor's newest versions. */
export const SINCE_VERSIONS = 64;
/** Up to this many fields, every subset of fixed fields is a pattern; past it, one field, all but one, or all. */
const ALL_SUBSETS_UP_TO = 4;

export interface IndexedPattern {
  pattern: Pattern;
  /** The cells it covers, as indices into the cells. */
  members(): number[];
  sessions: number;
}

/** The field subsets (bit masks over the fields) that patterns fix. */
function fieldMasks(count: number): number[] {
  const masks: number[] = [];
  for (let mask = 1; mask < 1 << count; mask += 1) {
    let bits = 0;
    for (let m = mask; m > 0; m >>= 1) bits += m & 1;
    if (count <= ALL_SUBSETS_UP_TO || bits === 1 || bits === count - 1 || bits === count) masks.push(mask);
  }
  return masks;
}

/**
 * All patterns of the cells (`values[i]` holds cell i's value of each field), each with
 * its sessions. A pattern that covers every cell describes nothing and is left out.
 */
export function indexPatterns(
  fields: readonly string[],
  values: readonly (readonly string[])[],
  sessions: readonly number[],
): IndexedPattern[] {
  const versionAt = fields.indexOf(VERSION_FIELD);
  const result: IndexedPattern[] = [];
  const total = sessions.reduce((sum, value) => sum + value, 0);
  for (const mask of fieldMasks(fields.length)) {
    const byKey = new Map<string, number[]>();
    for (let cell = 0; cell < values.length; cell += 1) {
      let key = '';
      for (let field = 0; field < fields.length; field += 1)
        if (mask & (1 << field)) key += `${values[cell]![field]}\u0000`;
      const list = byKey.get(key);
      if (list) list.push(cell);
      else byKey.set(key, [cell]);
    }
    const exact = (cells: number[]): Pattern =>
      fields.map((field, index) =>
        mask & (1 << index) ? { field, op: 'is', value: values[cells[0]!]![index]! } : { field, op: 'any' },
      );
    // A pattern never fixes a field to "(other)": that value names no configuration, and its
    // cells change from run to run. The cells take part in patterns that leave the field open.
    for (const key of [...byKey.keys()])
      if (key.startsWith(OTHER_KEY) || key.includes(`\u0000${OTHER_KEY}`)) byKey.delete(key);
    for (const cells of byKey.values()) {
      const count = cells.reduce((sum, cell) => sum + sessions[cell]!, 0);
      if (count === total) continue;
      result.push({ pattern: exact(cells), members: () => cells, sessions: count });
    }
    if (versionAt < 0 || !(mask & (1 << versionAt))) continue;
    // From-version-on patterns of each anchor (the fixed fields other than the version).
    const anchors = new Map<string, Map<string, number[]>>();
    for (const cells of byKey.values()) {
      const first = cells[0]!;
      let anchor = '';
      for (let field = 0; field < fields.length; field += 1)
        if (field !== versionAt && mask & (1 << field)) anchor += `${values[first]![field]}\u0000`;
      let versions = anchors.get(anchor);
      if (!versions) anchors.set(anchor, (versions = new Map()));
      versions.set(values[first]![versionAt]!, cells);
    }
    for (const versions of anchors.values()) {
      const ordered = [...versions.keys()].sort(compareVersions);
      // Since the first version is the anchor on every version; since the last is that version alone.
      const from = Math.max(1, ordered.length - 1 - SINCE_VERSIONS);
      for (let at = from; at < ordered.length - 1; at += 1) {
        const covered = ordered.slice(at).map((version) => versions.get(version)!);
        const count = covered.reduce(
          (sum, cells) => sum + cells.reduce((inner, cell) => inner + sessions[cell]!, 0),
          0,
        );
        if (count === total) continue;
        const sample = covered[0]![0]!;
        const pattern: Pattern = fields.map((field, index) => {
          if (index === versionAt) return { field, op: 'since', value: ordered[at]! };
          return mask & (1 << index) ? { field, op: 'is', value: values[sample]![index]! } : { field, op: 'any' };
        });
        result.push({ pattern, members: () => covered.flat(), sessions: count });
      }
    }
  }
  return result;
}
