// The publication rule, applied to the cells before anything is published: a
// configuration seen on too few installations never appears by name. Its values
// are generalised to "(other)", one field at a time from the most specific, and
// it is merged with the other rare configurations that then share its values,
// until the merged cell has enough installations. Every figure published later
// (tables, problems, comparisons, charts) is a sum of whole cells left here, each
// with enough installations, so no difference of published figures isolates a
// rare configuration: its figures exist only inside a merged cell.

import { knownFields } from '../records/field-table.ts';
import type { GroupField } from '../settings.ts';
import { addKindCount, cellOf, figuresOf, mergeAccumulator, mergeKind, OTHER } from './accumulator.ts';
import type { Accumulator, GroupFigures } from './accumulator.ts';
import { InstallCounter } from './install-counter.ts';
import { installationsOf } from './installations.ts';

export { OTHER } from './accumulator.ts';

/**
 * Fields generalised first to last: the most specific (a build of an OS) before the
 * coarse ones the problem model names (app version, platform). Fields not listed
 * come first, in their group-by order.
 */
export const RECODE_ORDER: readonly GroupField[] = knownFields([
  'os.version',
  'runtime.version',
  'os.arch',
  'ci',
  'outcome',
  'runtime.name',
  'app.name',
  'app.version',
  'os.platform',
]);

/** Rare exception class names the JSON report lists at most. */
export const RARE_KINDS_LISTED = 1000;

/** Sessions that raised one exception class, and the installations they came from, run-wide. */
export interface KindInstallations {
  sessions: number;
  withInstall: number;
  installs: InstallCounter;
}

/**
 * Exception classes are named in issues and on the dashboard: one raised on fewer than `min`
 * installations run-wide (a class only one company's build throws) reads "(other)" in every
 * cell. A session that raised two such classes counts twice in "(other)".
 */
export function recodeRareKinds(
  cells: Iterable<Accumulator>,
  seen: ReadonlyMap<string, KindInstallations>,
  min: number,
  result: RecodedConfigurations,
): Set<string> {
  const rare = [...seen]
    .filter(([, kind]) => installationsOf(kind) < min)
    .sort((a, b) => b[1].sessions - a[1].sessions || (a[0] < b[0] ? -1 : 1));
  result.kinds = { names: rare.length, sessions: rare.reduce((sum, [, kind]) => sum + kind.sessions, 0) };
  result.kindNames = rare.slice(0, RARE_KINDS_LISTED).map(([name]) => name);
  const names = new Set(rare.map(([name]) => name));
  if (names.size === 0) return names;
  for (const cell of cells) {
    for (const [name, count] of cell.errorKinds ?? []) {
      if (!names.has(name)) continue;
      cell.errorKinds!.delete(name);
      addKindCount(cell.errorKinds!, OTHER, count.sessions, count.lines);
    }
    for (const [name, figures] of cell.kinds ?? []) {
      if (!names.has(name)) continue;
      cell.kinds!.delete(name);
      mergeKind(cell, OTHER, figures);
    }
  }
  return names;
}

/** What the rule did: the configurations recoded, counted and with their own figures (for the maintainer's report only). */
export interface RecodedConfigurations {
  configurations: number;
  sessions: number;
  erroredSessions: number;
  /** Cells that had enough installations but were merged too, so the rest reached the minimum. */
  complementary: number;
  /** Whether some sessions came without an install ID, each standing in for an installation. */
  sessionsStandIn: boolean;
  /** Exception classes raised on fewer installations than the minimum, run-wide: they read "(other)". */
  kinds: { names: number; sessions: number };
  /** The first RARE_KINDS_LISTED of those names, most sessions first: for the JSON report, never published. */
  kindNames: string[];
  /** The recoded configurations' own figures and the values they are counted under: for the JSON report, never published. */
  cells: RecodedCell[];
}

export interface RecodedCell extends GroupFigures {
  /** The values of the published cell whose figures include this configuration's. */
  countedAs: string[];
}

/** The order in which `fields` are generalised. */
export function recodeOrder(fields: readonly GroupField[], order: readonly GroupField[]): number[] {
  const rank = (field: GroupField) => {
    const at = order.indexOf(field);
    return at === -1 ? -1 : at;
  };
  return fields
    .map((field, index) => ({ index, rank: rank(field) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.index);
}

/** `values` with those at `generalised` read "(other)". */
function generalise(values: readonly string[], generalised: ReadonlySet<number>): string[] {
  return values.map((value, index) => (generalised.has(index) ? OTHER : value));
}

/** The values of the fields not generalised yet, as one key. */
function siblingKey(values: readonly string[], generalised: ReadonlySet<number>): string {
  return values.filter((_, index) => !generalised.has(index)).join('\u0000');
}

/** Published cells by their values outside `generalised`, smallest first. */
function siblingIndex(
  cells: ReadonlyMap<string, Accumulator>,
  generalised: ReadonlySet<number>,
): Map<string, [string, Accumulator][]> {
  const index = new Map<string, [string, Accumulator][]>();
  for (const entry of cells) {
    const key = siblingKey(entry[1].values, generalised);
    const list = index.get(key);
    if (list) list.push(entry);
    else index.set(key, [entry]);
  }
  for (const list of index.values()) list.sort(bySize);
  return index;
}

/** Fewest sessions first: the cell whose name is given up carries the least data. */
function bySize(a: [string, Accumulator], b: [string, Accumulator]): number {
  return a[1].sessions - b[1].sessions || installationsOf(a[1]) - installationsOf(b[1]) || (a[0] < b[0] ? -1 : 1);
}

/** Whether the rare cells, merged level by level among themselves, all end in cells of `min` installations. */
function rareReachMinimum(rare: readonly Accumulator[], levels: readonly number[], min: number): boolean {
  const generalised = new Set<number>();
  let left: { values: string[]; counts: { sessions: number; withInstall: number; installs: InstallCounter } }[] =
    rare.map((cell) => ({
      values: cell.values,
      counts: { sessions: cell.sessions, withInstall: cell.withInstall, installs: cell.installs },
    }));
  for (const field of levels) {
    generalised.add(field);
    const merged = new Map<string, (typeof left)[number]>();
    for (const cell of left) {
      const values = generalise(cell.values, generalised);
      const key = values.join('\u0000');
      let into = merged.get(key);
      if (!into) {
        into = { values, counts: { sessions: 0, withInstall: 0, installs: new InstallCounter() } };
        merged.set(key, into);
      }
      into.counts.sessions += cell.counts.sessions;
      into.counts.withInstall += cell.counts.withInstall;
      into.counts.installs.mergeFrom(cell.counts.installs);
    }
    left = [...merged.values()].filter((cell) => installationsOf(cell.counts) < min);
    if (left.length === 0) return true;
  }
  return false;
}

/** Applies the rule to `cells` in place (keyed by values joined on NUL), whose values are of `fields`. */
export function recodeRare(
  cells: Map<string, Accumulator>,
  fields: readonly GroupField[],
  min: number,
  order: readonly GroupField[],
): RecodedConfigurations {
  const result: RecodedConfigurations = {
    configurations: 0,
    sessions: 0,
    erroredSessions: 0,
    complementary: 0,
    sessionsStandIn: false,
    kinds: { names: 0, sessions: 0 },
    kindNames: [],
    cells: [],
  };
  let rare: Accumulator[] = [];
  for (const [key, cell] of cells) {
    if (cell.withInstall < cell.sessions) result.sessionsStandIn = true;
    if (installationsOf(cell) >= min) continue;
    rare.push(cell);
    cells.delete(key);
  }
  if (rare.length === 0) return result;
  // Each merged cell's recoded configurations, so each can say where it is counted.
  const members = new Map<Accumulator, RecodedCell[]>();
  for (const cell of rare) {
    result.configurations += 1;
    result.sessions += cell.sessions;
    result.erroredSessions += cell.errored;
    const own = { ...figuresOf(cell, fields), countedAs: cell.values };
    result.cells.push(own);
    members.set(cell, [own]);
  }
  const join = (into: Accumulator, from: Accumulator) => {
    mergeAccumulator(into, from);
    const list = members.get(into) ?? [];
    list.push(...(members.get(from) ?? []));
    members.set(into, list);
  };
  // A configuration with enough installations that joins rare ones is listed too; an "(other)" cell's already are.
  const adopt = (cell: Accumulator) => {
    if (members.has(cell)) return;
    const own = { ...figuresOf(cell, fields), countedAs: cell.values };
    result.cells.push(own);
    members.set(cell, [own]);
  };
  const versionAt = fields.indexOf('app.version');
  // A merged cell is published under each value its configurations all share; only what differs
  // reads "(other)", and it names no app version it was not published under.
  const publish = (cell: Accumulator) => {
    const list = members.get(cell)!;
    cell.values = cell.values.map((value, index) => {
      const first = list[0]!.fields[index]!.value;
      return value === OTHER && list.every((member) => member.fields[index]!.value === first) ? first : value;
    });
    if (versionAt !== -1) {
      cell.version = cell.values[versionAt]!;
      cell.versions = null;
    }
    const key = cell.values.join('\u0000');
    const same = cells.get(key);
    // A cell already published under the same values (another merged cell, or a configuration whose
    // own values read "(other)"): one cell, as both have the minimum; a configuration of it is listed too.
    const target = same ?? cell;
    if (same) {
      adopt(same);
      join(same, cell);
    } else cells.set(key, cell);
    for (const member of members.get(target)!) member.countedAs = target.values;
  };
  const levels = recodeOrder(fields, order);
  // Published cells are given up (complementary recoding) only when the rare ones cannot
  // reach the minimum among themselves, even with every value "(other)".
  const useSiblings = !rareReachMinimum(rare, levels, min);
  const generalised = new Set<number>();
  for (const field of levels) {
    generalised.add(field);
    const merged = new Map<string, Accumulator>();
    for (const cell of rare) join(cellOf(merged, generalise(cell.values, generalised)), cell);
    rare = [];
    let siblings: Map<string, [string, Accumulator][]> | null = null;
    for (const cell of merged.values()) {
      if (useSiblings && installationsOf(cell) < min) {
        // Still short: the smallest published cells that share its remaining values join it
        // (complementary recoding), so a build of FreeBSD hides one other FreeBSD build's
        // version rather than the platform, and nothing subtracts back to it.
        siblings ??= siblingIndex(cells, generalised);
        const near = siblings.get(siblingKey(cell.values, generalised)) ?? [];
        while (installationsOf(cell) < min && near.length > 0) {
          const [nearKey, sibling] = near.shift()!;
          cells.delete(nearKey);
          adopt(sibling);
          join(cell, sibling);
          result.complementary += 1;
        }
      }
      if (installationsOf(cell) >= min) publish(cell);
      else rare.push(cell);
    }
    if (rare.length === 0) return result;
  }
  // One cell is left, every value "(other)", still short of the minimum. With useSiblings every
  // published cell has joined it on the last level (all share the empty key), and without it the
  // rare cells reach the minimum by then: it is the whole population, published as one cell.
  publish(rare[0]!);
  return result;
}
