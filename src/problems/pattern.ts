// A problem's description: for each configuration field, a value, "any", or (for
// the app version) "from this version on". A configuration cell fixes every
// field; "windows since 2.4.0" fixes the platform and opens the version upward;
// "2.5.0 on every platform" fixes the version alone.

import { compareVersions } from '../aggregate/versions.ts';

export const VERSION_FIELD = 'app.version';

export type PatternTerm =
  | { field: string; op: 'any' }
  | { field: string; op: 'is'; value: string }
  | { field: string; op: 'since'; value: string };

/** One term per configuration field, in the order of the fields. */
export type Pattern = PatternTerm[];

export type ProblemKind = 'configuration' | 'since-version' | 'release' | 'platform' | 'slice';

/** A canonical text of the pattern: equal patterns, equal keys. */
export function patternKey(pattern: Pattern): string {
  return JSON.stringify(pattern.map((term) => (term.op === 'any' ? [term.field] : [term.field, term.op, term.value])));
}

/** Reads a key back; null when it is not one. */
export function patternFromKey(key: string): Pattern | null {
  try {
    const raw: unknown = JSON.parse(key);
    if (!Array.isArray(raw)) return null;
    const terms: Pattern = [];
    for (const entry of raw) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string') return null;
      if (entry.length === 1) terms.push({ field: entry[0], op: 'any' });
      else if ((entry[1] === 'is' || entry[1] === 'since') && typeof entry[2] === 'string')
        terms.push({ field: entry[0], op: entry[1], value: entry[2] });
      else return null;
    }
    return terms;
  } catch {
    return null;
  }
}

export function matches(pattern: Pattern, values: readonly string[]): boolean {
  for (let i = 0; i < pattern.length; i += 1) {
    const term = pattern[i]!;
    if (term.op === 'is' && values[i] !== term.value) return false;
    if (term.op === 'since' && compareVersions(values[i]!, term.value) < 0) return false;
  }
  return true;
}

/** The terms that are not the version: where the problem is, whatever versions it spans. */
export function anchorOf(pattern: Pattern): Pattern {
  return pattern.map((term) => (term.field === VERSION_FIELD ? { field: term.field, op: 'any' } : term));
}

export function kindOf(pattern: Pattern): ProblemKind {
  const version = pattern.find((term) => term.field === VERSION_FIELD);
  const others = pattern.filter((term) => term.field !== VERSION_FIELD);
  const othersFixed = others.every((term) => term.op === 'is');
  const othersOpen = others.every((term) => term.op === 'any');
  if (version?.op === 'is' && othersFixed) return 'configuration';
  if (version?.op === 'since' && othersFixed && others.length > 0) return 'since-version';
  if (version && version.op !== 'any' && othersOpen) return 'release';
  if (!version && othersFixed) return 'configuration';
  const fixed = others.filter((term) => term.op === 'is');
  if ((version === undefined || version.op === 'any') && fixed.length === 1 && fixed[0]!.field === 'os.platform')
    return 'platform';
  return 'slice';
}

/** "every os.arch": the fields the problem does not depend on. */
export function openFields(pattern: Pattern): string[] {
  return pattern.filter((term) => term.op === 'any').map((term) => term.field);
}

/** Whether every configuration `inner` describes is one `outer` describes (same fields, in order). */
export function contains(outer: Pattern, inner: Pattern): boolean {
  if (outer.length !== inner.length) return false;
  return outer.every((term, index) => {
    const other = inner[index]!;
    if (term.field !== other.field) return false;
    if (term.op === 'any') return true;
    if (other.op === 'any') return false;
    if (term.op === 'is') return other.op === 'is' && other.value === term.value;
    return compareVersions(other.value, term.value) >= 0;
  });
}

/** Whether one of the two describes all that the other does. */
export function nested(a: Pattern, b: Pattern): boolean {
  return contains(a, b) || contains(b, a);
}
