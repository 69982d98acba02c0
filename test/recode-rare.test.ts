// The publication rule. Random populations go through the real aggregator; every
// figure the outputs publish (the configuration table, the OS x version table, the
// breakdowns, the total) is then written as an equation over the raw configurations,
// whose figures the test counts itself from the sessions it made. A hidden
// configuration is safe when no combination of published figures gives its own:
// its indicator vector is not in the span of the published rows (exact rational
// elimination). The same check run on a naive rule (hide the row, publish the true
// margins) finds derivable cells, so it is able to fail.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createAggregator } from '../src/aggregate/aggregate-groups.ts';
import type { Aggregator } from '../src/aggregate/aggregate-groups.ts';
import { RECODE_ORDER, recodeOrder } from '../src/aggregate/recode-rare.ts';
import type { SessionSummary } from '../src/records/session-summary.ts';
import type { GroupField } from '../src/settings.ts';
import { seededRandom, seededUuid } from './fixtures/synthetic-summaries.ts';
import { VALID_SUMMARY } from './fixtures/valid-summary.ts';

const FIELDS: GroupField[] = ['os.platform', 'os.version', 'app.version'];
const MIN = 5;
const OTHER = '(other)';

interface RawCell {
  values: string[];
  sessions: number;
  errored: number;
  ids: Set<string>;
  withoutId: number;
}

function summary(
  random: () => number,
  values: string[],
  install: string | null,
  errored: boolean,
  index: number,
): SessionSummary {
  const base = { ...(VALID_SUMMARY as SessionSummary) };
  const result: SessionSummary = {
    ...base,
    session_id: seededUuid(random),
    app: { name: 'octo-cli', version: values[2]! },
    os: { platform: values[0] as SessionSummary['os']['platform'], version: values[1]! },
    error_lines: errored ? 1 : 0,
    outcome: errored ? 'error' : 'ok',
    error_kinds: {},
    started_at: new Date(Date.UTC(2026, 10, 1 + (index % 7), 12)).toISOString(),
    ended_at: new Date(Date.UTC(2026, 10, 1 + (index % 7), 13)).toISOString(),
  };
  if (install) result.install_id = install;
  else delete result.install_id;
  return result;
}

/** A population with a long tail: a few big configurations, many seen on one to six installations. */
function population(seed: number): { raw: Map<string, RawCell>; sessions: SessionSummary[] } {
  const random = seededRandom(seed);
  const platforms = ['linux', 'windows', 'darwin', 'freebsd'].slice(0, 2 + Math.floor(random() * 3));
  const raw = new Map<string, RawCell>();
  const sessions: SessionSummary[] = [];
  const cellCount = 6 + Math.floor(random() * 30);
  const withIds = random() < 0.8;
  for (let c = 0; c < cellCount; c += 1) {
    const platform = platforms[Math.floor(random() ** 2 * platforms.length)]!;
    const osVersion = `${1 + Math.floor(random() * 4)}.${Math.floor(random() * 3)}`;
    const appVersion = `2.${Math.floor(random() * 3)}.0`;
    const values = [platform, osVersion, appVersion];
    const key = values.join('\u0000');
    const cell = raw.get(key) ?? { values, sessions: 0, errored: 0, ids: new Set<string>(), withoutId: 0 };
    raw.set(key, cell);
    const big = random() < 0.25;
    const installs = big ? 6 + Math.floor(random() * 20) : 1 + Math.floor(random() * 6);
    const rate = random() * 0.4;
    for (let i = 0; i < installs; i += 1) {
      const id = withIds && random() < 0.95 ? seededUuid(random) : null;
      const count = id ? 1 + Math.floor(random() * 4) : 1;
      for (let s = 0; s < count; s += 1) {
        const errored = random() < rate;
        sessions.push(summary(random, values, id, errored, sessions.length));
        cell.sessions += 1;
        if (errored) cell.errored += 1;
        if (id) cell.ids.add(id);
        else cell.withoutId += 1;
      }
    }
  }
  return { raw, sessions };
}

/** Rows of published figures, each with the raw cells (by key) it sums. */
interface Published {
  rows: { members: string[]; sessions: number; errored: number }[];
  /** Raw cells never named in a published row. */
  hidden: string[];
}

const projection = (fields: readonly GroupField[], values: readonly string[]) =>
  fields.map((field) => values[FIELDS.indexOf(field)]!);

/** Everything the outputs publish after the rule: sums over the aggregator's cells, by each table's fields. */
function publishedByRule(aggregator: Aggregator, counted: Map<string, string[]>): Published {
  const rows: Published['rows'] = [];
  const tables: GroupField[][] = [FIELDS, ['os.platform', 'app.version'], ['os.platform'], ['app.version'], []];
  for (const fields of tables) {
    for (const group of aggregator.project(fields).groups()) {
      const values = group.fields.map((field) => field.value);
      const members = [...counted]
        .filter(([, as]) => projection(fields, as).join('\u0000') === values.join('\u0000'))
        .map(([key]) => key);
      rows.push({ members, sessions: group.sessions, errored: group.erroredSessions });
    }
  }
  const named = new Set(aggregator.groups().map((group) => group.fields.map((field) => field.value).join('\u0000')));
  return { rows, hidden: [...counted.keys()].filter((key) => !named.has(key)) };
}

/** The naive rule: rare rows left out, margins and totals published from all the data. */
function publishedNaively(raw: Map<string, RawCell>): Published {
  const rows: Published['rows'] = [];
  const hidden = [...raw].filter(([, cell]) => cell.ids.size + cell.withoutId < MIN).map(([key]) => key);
  const tables: GroupField[][] = [FIELDS, ['os.platform', 'app.version'], ['os.platform'], ['app.version'], []];
  for (const fields of tables) {
    const byValues = new Map<string, string[]>();
    for (const [key, cell] of raw) {
      if (fields === FIELDS && hidden.includes(key)) continue;
      const values = projection(fields, cell.values).join('\u0000');
      byValues.set(values, [...(byValues.get(values) ?? []), key]);
    }
    for (const members of byValues.values()) {
      rows.push({
        members,
        sessions: members.reduce((sum, key) => sum + raw.get(key)!.sessions, 0),
        errored: members.reduce((sum, key) => sum + raw.get(key)!.errored, 0),
      });
    }
  }
  return { rows, hidden };
}

// Exact rational arithmetic on BigInt pairs, enough for a few hundred rows.
type Fraction = [bigint, bigint];
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
function norm([n, d]: Fraction): Fraction {
  if (n === 0n) return [0n, 1n];
  const g = gcd(n, d);
  const sign = d < 0n ? -1n : 1n;
  return [(sign * n) / g, (sign * d) / g];
}
const sub = (a: Fraction, b: Fraction): Fraction => norm([a[0] * b[1] - b[0] * a[1], a[1] * b[1]]);
const mul = (a: Fraction, b: Fraction): Fraction => norm([a[0] * b[0], a[1] * b[1]]);
const div = (a: Fraction, b: Fraction): Fraction => norm([a[0] * b[1], a[1] * b[0]]);

/** Reduced row echelon basis of the rows' indicator vectors over `keys`. */
function basis(rows: Published['rows'], keys: string[]): { pivots: number[]; rows: Fraction[][] } {
  const at = new Map(keys.map((key, index) => [key, index]));
  const reduced: Fraction[][] = [];
  const pivots: number[] = [];
  for (const row of rows) {
    let vector: Fraction[] = keys.map(() => [0n, 1n] as Fraction);
    for (const member of row.members) vector[at.get(member)!] = [1n, 1n];
    vector = reduce(vector, pivots, reduced);
    const pivot = vector.findIndex((value) => value[0] !== 0n);
    if (pivot === -1) continue;
    const scale = vector[pivot]!;
    vector = vector.map((value) => div(value, scale));
    for (let r = 0; r < reduced.length; r += 1) {
      const factor = reduced[r]![pivot]!;
      if (factor[0] !== 0n) reduced[r] = reduced[r]!.map((value, index) => sub(value, mul(factor, vector[index]!)));
    }
    reduced.push(vector);
    pivots.push(pivot);
  }
  return { pivots, rows: reduced };
}

function reduce(vector: Fraction[], pivots: number[], rows: Fraction[][]): Fraction[] {
  let result = vector;
  pivots.forEach((pivot, r) => {
    const factor = result[pivot]!;
    if (factor[0] !== 0n) result = result.map((value, index) => sub(value, mul(factor, rows[r]![index]!)));
  });
  return result;
}

/** Hidden cells whose own figures are a combination of the published rows. */
function derivable(published: Published, keys: string[]): string[] {
  const space = basis(published.rows, keys);
  return published.hidden.filter((key) => {
    const unit = keys.map((other) => (other === key ? [1n, 1n] : [0n, 1n]) as Fraction);
    return reduce(unit, space.pivots, space.rows).every((value) => value[0] === 0n);
  });
}

test('no hidden configuration can be derived from what the rule publishes, over 200 random populations; a naive rule leaks', () => {
  let hiddenTotal = 0;
  let naiveLeaks = 0;
  let populationsWithHidden = 0;
  for (let seed = 1; seed <= 200; seed += 1) {
    const { raw, sessions } = population(seed);
    const aggregator = createAggregator(FIELDS);
    for (const session of sessions) aggregator.add(session, null);
    const recoded = aggregator.recode(MIN, RECODE_ORDER);
    const counted = new Map([...raw.keys()].map((key) => [key, key.split('\u0000')]));
    for (const cell of recoded.cells)
      counted.set(cell.fields.map((field) => field.value).join('\u0000'), cell.countedAs);
    const published = publishedByRule(aggregator, counted);
    const keys = [...raw.keys()];

    // Each published row is the sum of the raw cells it claims, counted from the sessions.
    for (const row of published.rows) {
      assert.equal(
        row.sessions,
        row.members.reduce((sum, key) => sum + raw.get(key)!.sessions, 0),
        `seed ${seed}: sessions of a row`,
      );
      assert.equal(
        row.errored,
        row.members.reduce((sum, key) => sum + raw.get(key)!.errored, 0),
        `seed ${seed}: errored sessions of a row`,
      );
    }
    // Every published configuration row has the minimum of installations, counted here from the IDs.
    const installs = (members: string[]) =>
      new Set(members.flatMap((key) => [...raw.get(key)!.ids])).size +
      members.reduce((sum, key) => sum + raw.get(key)!.withoutId, 0);
    const everything = installs(keys);
    for (const group of aggregator.groups()) {
      const values = group.fields.map((field) => field.value).join('\u0000');
      const members = [...counted].filter(([, as]) => as.join('\u0000') === values).map(([key]) => key);
      if (everything >= MIN)
        assert.ok(installs(members) >= MIN, `seed ${seed}: ${values} has ${installs(members)} installations`);
    }
    // The rare configurations are exactly the hidden ones, or a subset of them (complementary cells are hidden too).
    for (const [key, cell] of raw)
      if (cell.ids.size + cell.withoutId < MIN)
        assert.ok(published.hidden.includes(key), `seed ${seed}: rare ${key} is named`);

    assert.deepEqual(derivable(published, keys), [], `seed ${seed}: a hidden configuration is derivable`);
    hiddenTotal += published.hidden.length;
    if (published.hidden.length > 0) populationsWithHidden += 1;
    if (derivable(publishedNaively(raw), keys).length > 0) naiveLeaks += 1;
  }
  // The populations exercise the rule, and the check finds what the naive rule gives away.
  assert.ok(populationsWithHidden >= 150, `${populationsWithHidden} populations with hidden cells`);
  assert.ok(hiddenTotal >= 1000, `${hiddenTotal} hidden cells`);
  assert.ok(naiveLeaks >= 100, `the naive rule leaked in ${naiveLeaks} of 200`);
});

test('fields are generalised from the most specific: os.version, then app.version, then the platform', () => {
  assert.deepEqual(recodeOrder(FIELDS, RECODE_ORDER), [1, 2, 0]);
  assert.deepEqual(recodeOrder(['app.name', 'os.platform', 'ci'] as GroupField[], RECODE_ORDER), [2, 0, 1]);
  // Fields the order does not name (a field a later schema adds) come first, in their group-by order.
  assert.deepEqual(recodeOrder(['os.version', 'os.kernel', 'app.flavour'] as GroupField[], RECODE_ORDER), [1, 2, 0]);
});

/** Sessions of one configuration on `installs` installations, `sessions` each, the first `errored` of them errored. */
function sessionsOf(
  random: () => number,
  values: string[],
  installs: number,
  sessions: number,
  errored: number,
  runtime = '3.12.1',
): SessionSummary[] {
  const rows: SessionSummary[] = [];
  for (let i = 0; i < installs; i += 1) {
    const id = seededUuid(random);
    for (let s = 0; s < sessions; s += 1) {
      const row = summary(random, values, id, rows.length < errored, rows.length);
      rows.push({ ...row, runtime: { name: 'python', version: runtime } });
    }
  }
  return rows;
}

const rows = (aggregator: Aggregator) =>
  aggregator
    .groups()
    .map((group) => `${group.fields.map((field) => field.value).join(' ')}: ${group.sessions}/${group.erroredSessions}`)
    .sort();

/** An aggregator over the parts' sessions with the rule applied at MIN. */
function recodeAll(
  parts: SessionSummary[][],
  fields: GroupField[] = FIELDS,
  order: readonly GroupField[] = RECODE_ORDER,
) {
  const aggregator = createAggregator(fields);
  for (const part of parts) for (const row of part) aggregator.add(row, null);
  return { aggregator, recoded: aggregator.recode(MIN, order) };
}

test('a rare build beside one other build of its platform: both read "(other)" under the platform, values they share stay', () => {
  const random = seededRandom(5);
  const fields: GroupField[] = [...FIELDS, 'runtime.version'];
  const aggregator = createAggregator(fields);
  for (const row of [
    ...sessionsOf(random, ['freebsd', '14.1', '2.4.0'], 3, 10, 18),
    ...sessionsOf(random, ['freebsd', '14.0', '2.4.0'], 40, 1, 1),
    ...sessionsOf(random, ['linux', '6.8', '2.4.0'], 50, 2, 3),
    ...sessionsOf(random, ['linux', '6.8', '2.3.0'], 30, 2, 3),
  ])
    aggregator.add(row, null);
  const recoded = aggregator.recode(MIN, ['runtime.version', ...RECODE_ORDER]);
  // The rare build cannot reach five installations with any other rare one: its sibling joins it, and the
  // runtime both share is kept. Linux is untouched.
  assert.deepEqual(rows(aggregator), [
    'freebsd (other) 2.4.0 3.12.1: 70/19',
    'linux 6.8 2.3.0 3.12.1: 60/3',
    'linux 6.8 2.4.0 3.12.1: 100/3',
  ]);
  assert.equal(recoded.configurations, 1);
  assert.equal(recoded.complementary, 1);
  assert.deepEqual(
    recoded.cells
      .map((cell) => `${cell.fields.map((field) => field.value).join(' ')} -> ${cell.countedAs.join(' ')}`)
      .sort(),
    [
      'freebsd 14.0 2.4.0 3.12.1 -> freebsd (other) 2.4.0 3.12.1',
      'freebsd 14.1 2.4.0 3.12.1 -> freebsd (other) 2.4.0 3.12.1',
    ],
  );
});

test('rare configurations that reach the minimum together give up no published one; a lone one takes the smallest', () => {
  const random = seededRandom(6);
  const { aggregator: together, recoded: first } = recodeAll([
    sessionsOf(random, ['freebsd', '14.1', '2.4.0'], 1, 4, 2),
    sessionsOf(random, ['linux', '5.4', '2.2.0'], 4, 4, 1),
    sessionsOf(random, ['linux', '6.8', '2.2.0'], 9, 1, 0),
    sessionsOf(random, ['windows', '10', '2.4.0'], 6, 10, 20),
  ]);
  // Linux 5.4 could take Linux 6.8 as a sibling, but FreeBSD and it reach five installations as "(other)" without.
  assert.deepEqual(rows(together), [
    '(other) (other) (other): 20/3',
    'linux 6.8 2.2.0: 9/0',
    'windows 10 2.4.0: 60/20',
  ]);
  assert.equal(first.complementary, 0);

  const { aggregator: alone, recoded: second } = recodeAll([
    sessionsOf(random, ['freebsd', '14.1', '2.4.0'], 2, 3, 1),
    sessionsOf(random, ['linux', '6.8', '2.2.0'], 9, 1, 0),
    sessionsOf(random, ['windows', '10', '2.4.0'], 6, 10, 20),
  ]);
  // No sibling shares FreeBSD's values: the published configuration with the fewest sessions (Linux, 9) joins it,
  // not Windows with fewer installations (6) but 60 sessions.
  assert.deepEqual(rows(alone), ['(other) (other) (other): 15/1', 'windows 10 2.4.0: 60/20']);
  assert.equal(second.complementary, 1);
});

test('an exception class raised on fewer installations than the minimum reads "(other)" everywhere; a common one keeps its name', () => {
  const random = seededRandom(7);
  const withKinds = (rows: SessionSummary[], kinds: Record<string, number>) =>
    rows.map((row) => ({ ...row, error_lines: 1, outcome: 'error' as const, error_kinds: kinds }));
  const sessions = [
    // KeyError on 12 installations; AcmeLicenseError on 2 (one company's build), both on big configurations.
    ...withKinds(sessionsOf(random, ['linux', '6.8', '2.4.0'], 12, 1, 0), { KeyError: 1 }),
    ...withKinds(sessionsOf(random, ['linux', '6.8', '2.4.0'], 2, 3, 0), { 'acme.AcmeLicenseError': 2, KeyError: 1 }),
    ...sessionsOf(random, ['linux', '6.8', '2.4.0'], 20, 2, 0),
  ];
  for (const groupBy of [FIELDS, ['os.platform', 'error_kind', 'os.version', 'app.version'] as GroupField[]]) {
    const aggregator = createAggregator(groupBy);
    for (const row of sessions) aggregator.add(row, null);
    const recoded = aggregator.recode(MIN, RECODE_ORDER);
    assert.deepEqual(recoded.kinds, { names: 1, sessions: 6 });
    assert.deepEqual(recoded.kindNames, ['acme.AcmeLicenseError']);
    const text = JSON.stringify([
      aggregator.groups(),
      aggregator.project(['os.platform']).groups(),
      aggregator.project([]).groups(),
    ]);
    assert.doesNotMatch(text, /Acme/);
    assert.match(text, /"KeyError"/);
    const all = aggregator.project([]).groups()[0]!;
    assert.deepEqual(all.topErrorKinds, [
      { kind: 'KeyError', sessions: 18, lines: 18, count: 18 },
      { kind: '(other)', sessions: 6, lines: 12, count: 12 },
    ]);
    if (groupBy.includes('error_kind')) {
      // The "(other)" class is shown as a row, and never searched as a problem of its own.
      assert.deepEqual(
        aggregator
          .groups()
          .map((group) => `${group.fields[1]!.value} ${group.erroredSessions}`)
          .sort(),
        ['(other) 6', 'KeyError 18'],
      );
      assert.deepEqual(
        aggregator.cells().events.map((event) => event.measure),
        ['KeyError'],
      );
      // Each class is compared with all sessions and those that raised it: the hidden classes' sessions as "(other)".
      assert.deepEqual(
        aggregator
          .groups()
          .map(
            (group) => `${group.fields[1]!.value} ${group.population!.sessions}/${group.population!.erroredSessions}`,
          )
          .sort(),
        ['(other) 58/6', 'KeyError 58/18'],
      );
    }
  }
});

test('an exception class is counted up to the largest minimum there is: on 1,000 installations it is named at min 1,000, on 999 it is not', () => {
  const random = seededRandom(8);
  const aggregator = createAggregator(FIELDS);
  const rows = [
    ...sessionsOf(random, ['linux', '6.8', '2.4.0'], 1000, 2, 0).map((row) => ({
      ...row,
      error_lines: 1,
      outcome: 'error' as const,
      error_kinds: { KeyError: 1 },
    })),
    ...sessionsOf(random, ['linux', '6.8', '2.4.0'], 999, 1, 0).map((row) => ({
      ...row,
      error_lines: 1,
      outcome: 'error' as const,
      error_kinds: { ValueError: 1 },
    })),
  ];
  for (const row of rows) aggregator.add(row, null);
  const recoded = aggregator.recode(1000, RECODE_ORDER);
  assert.deepEqual(recoded.kindNames, ['ValueError']);
  assert.deepEqual(aggregator.project([]).groups()[0]!.topErrorKinds, [
    { kind: 'KeyError', sessions: 2000, lines: 2000, count: 2000 },
    { kind: '(other)', sessions: 999, lines: 999, count: 999 },
  ]);
});

test('the order of generalising is the documented one, and the rule counts what it hid', () => {
  assert.deepEqual(RECODE_ORDER, [
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
  const random = seededRandom(8);
  const { recoded } = recodeAll([
    sessionsOf(random, ['freebsd', '14.1', '2.4.0'], 1, 4, 2),
    sessionsOf(random, ['linux', '5.4', '2.2.0'], 4, 4, 1),
    sessionsOf(random, ['windows', '10', '2.4.0'], 6, 10, 20),
  ]);
  // Two rare configurations of 4 and 16 sessions, 2 and 1 of them errored, hidden together.
  assert.deepEqual(
    [recoded.configurations, recoded.sessions, recoded.erroredSessions, recoded.sessionsStandIn],
    [2, 20, 3, false],
  );
  // Sessions without an installation ID are said to stand in for installations.
  const anonymous = createAggregator(FIELDS);
  const row = sessionsOf(random, ['linux', '6.8', '2.4.0'], 6, 2, 0)[0]!;
  const { install_id: _dropped, ...withoutId } = row;
  anonymous.add(withoutId as SessionSummary, null);
  for (const other of sessionsOf(random, ['linux', '6.8', '2.4.0'], 6, 1, 0)) anonymous.add(other, null);
  assert.equal(anonymous.recode(MIN, RECODE_ORDER).sessionsStandIn, true);
  const identified = createAggregator(FIELDS);
  for (const other of sessionsOf(random, ['linux', '6.8', '2.4.0'], 6, 1, 0)) identified.add(other, null);
  assert.deepEqual(
    [identified.recode(MIN, RECODE_ORDER).sessionsStandIn, identified.recode(MIN, RECODE_ORDER).configurations],
    [false, 0],
  );
});

test('a configuration on exactly the minimum of installations is published; rare classes are listed by sessions, then name', () => {
  const random = seededRandom(11);
  const { aggregator, recoded } = recodeAll([
    sessionsOf(random, ['freebsd', '14.1', '2.4.0'], MIN, 2, 3),
    sessionsOf(random, ['linux', '6.8', '2.4.0'], 20, 2, 0),
  ]);
  assert.equal(recoded.configurations, 0);
  assert.deepEqual(rows(aggregator), ['freebsd 14.1 2.4.0: 10/3', 'linux 6.8 2.4.0: 40/0']);

  const withKinds = (rows: SessionSummary[], kinds: Record<string, number>) =>
    rows.map((row) => ({ ...row, error_lines: 1, outcome: 'error' as const, error_kinds: kinds }));
  const classes = createAggregator(FIELDS);
  for (const row of [
    ...withKinds(sessionsOf(random, ['linux', '6.8', '2.4.0'], 1, 2, 0), { 'b.Rare': 1 }),
    ...withKinds(sessionsOf(random, ['linux', '6.8', '2.4.0'], 1, 2, 0), { 'a.Rare': 1 }),
    ...withKinds(sessionsOf(random, ['linux', '6.8', '2.4.0'], 1, 3, 0), { 'z.Rarest': 1 }),
    ...sessionsOf(random, ['linux', '6.8', '2.4.0'], 20, 1, 0),
  ])
    classes.add(row, null);
  const listed = classes.recode(MIN, RECODE_ORDER);
  assert.deepEqual(listed.kindNames, ['z.Rarest', 'a.Rare', 'b.Rare']);
  assert.deepEqual(listed.kinds, { names: 3, sessions: 7 });
});

test('a merged cell names no app version it was not published under', () => {
  const random = seededRandom(12);
  const { aggregator } = recodeAll([
    sessionsOf(random, ['freebsd', '14.1', '2.4.0'], 3, 2, 1),
    sessionsOf(random, ['freebsd', '14.1', '2.5.0'], 3, 2, 1),
    sessionsOf(random, ['linux', '6.8', '2.4.0'], 20, 2, 0),
  ]);
  // The two builds share their OS version, which stays; their app versions differ and read "(other)".
  assert.deepEqual(rows(aggregator), ['freebsd 14.1 (other): 12/2', 'linux 6.8 2.4.0: 40/0']);
  const freebsd = aggregator.groups().find((group) => group.fields[0]!.value === 'freebsd')!;
  assert.deepEqual(freebsd.appVersions, []);
  const linux = aggregator.groups().find((group) => group.fields[0]!.value === 'linux')!;
  assert.deepEqual(linux.appVersions, ['2.4.0']);
});

// The rule again, written from its description over sets of install IDs and lists of raw configurations
// (no accumulators, no counters), and held to the aggregator's result cell by cell.

interface Configuration {
  key: string;
  values: string[];
  sessions: number;
  errored: number;
  ids: Set<string>;
  withoutId: number;
}

interface Expected {
  /** Published cells: values, sessions, errored sessions, distinct IDs, app versions. */
  published: string[];
  /** Each recoded configuration's values, and the values of the cell it is counted in. */
  countedAs: string[];
  figures: [configurations: number, sessions: number, errored: number, complementary: number, standIn: boolean];
}

function expectedRule(raw: Configuration[], fields: readonly GroupField[], min: number): Expected {
  const installations = (members: Configuration[]) =>
    new Set(members.flatMap((member) => [...member.ids])).size +
    members.reduce((sum, member) => sum + member.withoutId, 0);
  const sessionsIn = (members: Configuration[]) => members.reduce((sum, member) => sum + member.sessions, 0);
  // Fields in the documented order; each level reads one more of them "(other)".
  const levels = fields
    .map((field, index) => ({ index, rank: RECODE_ORDER.indexOf(field) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.index);
  type Cell = { values: string[]; members: Configuration[] };
  const published = new Map<string, Cell>();
  let rare: Cell[] = [];
  for (const configuration of raw) {
    const cell = { values: configuration.values, members: [configuration] };
    if (installations(cell.members) >= min) published.set(configuration.key, cell);
    else rare.push(cell);
  }
  const recoded = new Set(rare.map((cell) => cell.members[0]!));
  const figures: Expected['figures'] = [
    rare.length,
    sessionsIn(rare.flatMap((cell) => cell.members)),
    rare.reduce((sum, cell) => sum + cell.members[0]!.errored, 0),
    0,
    raw.some((configuration) => configuration.withoutId > 0),
  ];
  const generalised = new Set<number>();
  const regroup = (cells: Cell[]) => {
    const into = new Map<string, Cell>();
    for (const cell of cells) {
      const values = cell.values.map((value, index) => (generalised.has(index) ? OTHER : value));
      const key = JSON.stringify(values);
      const group = into.get(key) ?? { values, members: [] };
      group.members.push(...cell.members);
      into.set(key, group);
    }
    return [...into.values()];
  };
  // Whether the rare configurations reach the minimum among themselves, level by level.
  let alone = rare;
  let reachAlone = false;
  for (const field of levels) {
    generalised.add(field);
    alone = regroup(alone).filter((cell) => installations(cell.members) < min);
    if (alone.length === 0) {
      reachAlone = true;
      break;
    }
  }
  generalised.clear();
  const outside = (values: string[]) => JSON.stringify(values.filter((_, index) => !generalised.has(index)));
  const publish = (cell: Cell) => {
    const values = cell.values.map((value, index) => {
      const shared = new Set(cell.members.map((member) => member.values[index]));
      return value === OTHER && shared.size === 1 ? cell.members[0]!.values[index]! : value;
    });
    const key = values.join('\u0000');
    const same = published.get(key);
    if (same) {
      for (const member of same.members) recoded.add(member);
      same.members.push(...cell.members);
    } else published.set(key, { values, members: cell.members });
  };
  for (const field of levels) {
    generalised.add(field);
    const groups = regroup(rare);
    rare = [];
    for (const cell of groups) {
      if (!reachAlone && installations(cell.members) < min) {
        // Published cells agreeing with it outside the generalised fields, fewest sessions, then installations, then key.
        const near = [...published]
          .filter(([, other]) => outside(other.values) === outside(cell.values))
          .sort(
            ([keyA, a], [keyB, b]) =>
              sessionsIn(a.members) - sessionsIn(b.members) ||
              installations(a.members) - installations(b.members) ||
              (keyA < keyB ? -1 : 1),
          );
        for (const [key, sibling] of near) {
          if (installations(cell.members) >= min) break;
          published.delete(key);
          for (const member of sibling.members) recoded.add(member);
          cell.members.push(...sibling.members);
          figures[3] += 1;
        }
      }
      if (installations(cell.members) >= min) publish(cell);
      else rare.push(cell);
    }
    if (rare.length === 0) break;
  }
  // Everything together is short of the minimum: it is published as one cell.
  for (const cell of rare) publish(cell);
  const versionAt = fields.indexOf('app.version');
  const describe = (cell: Cell) =>
    [
      cell.values.join(' '),
      sessionsIn(cell.members),
      cell.members.reduce((sum, member) => sum + member.errored, 0),
      new Set(cell.members.flatMap((member) => [...member.ids])).size,
      // Without the version field, a cell lists the versions its sessions ran: every one here runs 2.4.0.
      versionAt === -1 ? '2.4.0' : cell.values[versionAt] === OTHER ? '' : cell.values[versionAt],
    ].join(' | ');
  const countedAs: string[] = [];
  for (const cell of published.values())
    for (const member of cell.members)
      if (recoded.has(member)) countedAs.push(`${member.values.join(' ')} -> ${cell.values.join(' ')}`);
  return { published: [...published.values()].map(describe).sort(), countedAs: countedAs.sort(), figures };
}

const SHAPE_FIELDS: GroupField[] = ['os.platform', 'os.version', 'app.version', 'runtime.version'];

/** Configurations around a minimum: some rare, some exactly on it, IDs shared between cells (an upgrade), some without. */
function nearMinimum(seed: number): {
  fields: GroupField[];
  min: number;
  raw: Configuration[];
  rows: SessionSummary[];
} {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const fields = SHAPE_FIELDS.filter(() => random() < 0.75);
  if (fields.length === 0) fields.push(pick(SHAPE_FIELDS));
  fields.sort(() => random() - 0.5);
  const min = 2 + Math.floor(random() * 8);
  const rareShare = 0.1 + random() * 0.7;
  const withoutIds = random() < 0.3 ? random() * 0.3 : 0;
  const domain: Record<string, string[]> = {
    'os.platform': ['linux', 'windows', 'darwin', 'freebsd'].slice(0, 1 + Math.floor(random() * 4)),
    'os.version': ['10', '11', '14.1', '6.8'].slice(0, 1 + Math.floor(random() * 4)),
    'app.version': ['2.3.0', '2.4.0', '2.5.0'].slice(0, 1 + Math.floor(random() * 3)),
    'runtime.version': ['3.11.9', '3.12.1'].slice(0, 1 + Math.floor(random() * 2)),
  };
  // A value that already reads "(other)" (a producer's, or cells folded before the rule) meets the rule's own.
  if (random() < 0.3) domain[pick(['os.version', 'app.version', 'runtime.version'])]!.push(OTHER);
  const byKey = new Map<string, Configuration>();
  const rows: SessionSummary[] = [];
  const seenIds: string[] = [];
  const count = 2 + Math.floor(random() * 14);
  for (let c = 0; c < count; c += 1) {
    const values = fields.map((field) => pick(domain[field]!));
    const key = values.join('\u0000');
    const configuration = byKey.get(key) ?? { key, values, sessions: 0, errored: 0, ids: new Set(), withoutId: 0 };
    byKey.set(key, configuration);
    const roll = random();
    const installs =
      roll < rareShare
        ? 1 + Math.floor(random() * (min - 1))
        : roll < rareShare + 0.1
          ? min
          : min + Math.floor(random() * 12);
    const rate = random() * 0.5;
    for (let i = 0; i < installs; i += 1) {
      const shared = seenIds.length > 0 && random() < 0.15;
      const id = random() < withoutIds ? null : shared ? pick(seenIds) : seededUuid(random);
      if (id && !shared) seenIds.push(id);
      for (let s = 0, n = id ? 1 + Math.floor(random() * 3) : 1; s < n; s += 1) {
        const errored = random() < rate;
        const base = summary(random, ['linux', '6.8', '2.4.0'], id, errored, rows.length);
        const row: SessionSummary = { ...base, runtime: { name: 'python', version: '3.12.1' } };
        fields.forEach((field, index) => {
          const value = values[index]!;
          if (field === 'os.platform') row.os = { ...row.os, platform: value as SessionSummary['os']['platform'] };
          if (field === 'os.version') row.os = { ...row.os, version: value };
          if (field === 'app.version') row.app = { ...row.app, version: value };
          if (field === 'runtime.version') row.runtime = { name: 'python', version: value };
        });
        rows.push(row);
        configuration.sessions += 1;
        if (errored) configuration.errored += 1;
        if (id) configuration.ids.add(id);
        else configuration.withoutId += 1;
      }
    }
  }
  return { fields, min, raw: [...byKey.values()], rows };
}

test('the rule as described, recomputed from sets of IDs, gives the same cells, members and counts over 400 populations', () => {
  const seen = { complementary: 0, alone: 0, short: 0 };
  for (let seed = 1; seed <= 400; seed += 1) {
    const { fields, min, raw, rows: sessions } = nearMinimum(seed);
    const aggregator = createAggregator(fields);
    for (const row of sessions) aggregator.add(row, null);
    const recoded = aggregator.recode(min, RECODE_ORDER);
    const expected = expectedRule(raw, fields, min);
    const published = aggregator
      .groups()
      .map((group) =>
        [
          group.fields.map((field) => field.value).join(' '),
          group.sessions,
          group.erroredSessions,
          group.installs,
          group.appVersions.join(','),
        ].join(' | '),
      )
      .sort();
    const label = `seed ${seed}, min ${min}, fields ${fields.join(',')}`;
    assert.deepEqual(published, expected.published, `${label}: published cells`);
    assert.deepEqual(
      recoded.cells
        .map((cell) => `${cell.fields.map((field) => field.value).join(' ')} -> ${cell.countedAs.join(' ')}`)
        .sort(),
      expected.countedAs,
      `${label}: where each recoded configuration is counted`,
    );
    assert.deepEqual(
      [
        recoded.configurations,
        recoded.sessions,
        recoded.erroredSessions,
        recoded.complementary,
        recoded.sessionsStandIn,
      ],
      expected.figures,
      `${label}: counts`,
    );
    if (recoded.complementary > 0) seen.complementary += 1;
    else if (recoded.configurations > 1) seen.alone += 1;
    if (aggregator.groups().length === 1 && recoded.configurations > 0) seen.short += 1;
  }
  // The populations reach every branch of the rule.
  assert.ok(seen.complementary >= 40, `${seen.complementary} populations with complementary cells`);
  assert.ok(seen.alone >= 40, `${seen.alone} where rare cells reach the minimum together`);
  assert.ok(seen.short >= 5, `${seen.short} where everything is one cell`);
});

test('siblings join until the minimum and no further; of two with as many sessions, the one on fewer installations goes', () => {
  const random = seededRandom(13);
  // The rare build's one installation also ran Linux 6.8 (an upgrade): with that sibling it has exactly five.
  const sibling = sessionsOf(random, ['linux', '6.8', '2.4.0'], 5, 1, 0);
  const upgraded = sessionsOf(random, ['linux', '5.4', '2.4.0'], 1, 2, 1).map((row) => ({
    ...row,
    install_id: sibling[0]!.install_id!,
  }));
  const { aggregator: exactly, recoded } = recodeAll([
    upgraded,
    sibling,
    sessionsOf(random, ['linux', '6.1', '2.4.0'], 8, 2, 0),
    sessionsOf(random, ['windows', '10', '2.4.0'], 20, 1, 0),
  ]);
  assert.equal(recoded.complementary, 1);
  assert.deepEqual(rows(exactly), ['linux (other) 2.4.0: 7/1', 'linux 6.1 2.4.0: 16/0', 'windows 10 2.4.0: 20/0']);

  // Two siblings of 12 sessions: on 12 installations and on 6. The one on fewer gives up less, though its name sorts later.
  const { aggregator: even } = recodeAll([
    sessionsOf(random, ['freebsd', '14.1', '2.4.0'], 1, 3, 1),
    sessionsOf(random, ['freebsd', '13.0', '2.4.0'], 12, 1, 0),
    sessionsOf(random, ['freebsd', '13.2', '2.4.0'], 6, 2, 0),
    sessionsOf(random, ['windows', '10', '2.4.0'], 20, 1, 0),
  ]);
  assert.deepEqual(rows(even), ['freebsd (other) 2.4.0: 15/1', 'freebsd 13.0 2.4.0: 12/0', 'windows 10 2.4.0: 20/0']);
});

test('ties: siblings of equal sessions and installations by name; rare classes of equal sessions by name; at most 1,000 class names listed', () => {
  const random = seededRandom(14);
  const { aggregator } = recodeAll([
    sessionsOf(random, ['freebsd', '14.1', '2.4.0'], 1, 3, 1),
    sessionsOf(random, ['freebsd', '13.0', '2.4.0'], 6, 2, 0),
    sessionsOf(random, ['freebsd', '13.2', '2.4.0'], 6, 2, 0),
    sessionsOf(random, ['windows', '10', '2.4.0'], 20, 1, 0),
  ]);
  assert.deepEqual(rows(aggregator), [
    'freebsd (other) 2.4.0: 15/1',
    'freebsd 13.2 2.4.0: 12/0',
    'windows 10 2.4.0: 20/0',
  ]);
  // The same the other way round: the order the cells came in decides nothing.
  const { aggregator: reversed } = recodeAll([
    sessionsOf(random, ['freebsd', '14.1', '2.4.0'], 1, 3, 1),
    sessionsOf(random, ['freebsd', '13.2', '2.4.0'], 6, 2, 0),
    sessionsOf(random, ['freebsd', '13.0', '2.4.0'], 6, 2, 0),
    sessionsOf(random, ['windows', '10', '2.4.0'], 20, 1, 0),
  ]);
  assert.deepEqual(rows(reversed), rows(aggregator));

  const withKind = (kind: string) =>
    sessionsOf(random, ['linux', '6.8', '2.4.0'], 1, 1, 0).map((row) => ({
      ...row,
      error_lines: 1,
      outcome: 'error' as const,
      error_kinds: { [kind]: 1 },
    }));
  const classes = createAggregator(FIELDS);
  const names = Array.from({ length: 1001 }, (_, i) => `k.Class${String(i).padStart(4, '0')}`);
  // Raised in an order of their own: neither the order of names nor its reverse.
  const shuffled = names
    .map((name, i) => ({ name, at: Math.imul(i + 1, 0x9e3779b1) >>> 0 }))
    .sort((a, b) => a.at - b.at);
  for (const { name } of shuffled) for (const row of withKind(name)) classes.add(row, null);
  for (const row of sessionsOf(random, ['linux', '6.8', '2.4.0'], 20, 1, 0)) classes.add(row, null);
  const listed = classes.recode(MIN, RECODE_ORDER);
  assert.deepEqual(listed.kinds, { names: 1001, sessions: 1001 });
  assert.deepEqual(listed.kindNames, [...names].sort().slice(0, 1000));
});

test('values are told apart field by field: no two configurations meet because their values run together', () => {
  const random = seededRandom(15);
  const at = (values: string[], installs: number, sessions: number, runtime: string) =>
    sessionsOf(random, values, installs, sessions, 0, runtime);
  const { aggregator } = recodeAll(
    [
      // Rare; its true sibling shares linux, app 2.4 and runtime 0.3. "2.40" and ".3" run together alike, but are not it.
      at(['linux', '5.4', '2.4'], 1, 1, '0.3'),
      at(['linux', '6.8', '2.40'], 6, 1, '.3'),
      at(['linux', '6.1', '2.4'], 8, 1, '0.3'),
      at(['windows', '10', '2.4'], 20, 1, '0.3'),
    ],
    ['os.platform', 'os.version', 'app.version', 'runtime.version'],
    ['os.version', 'app.version', 'runtime.version', 'os.platform'],
  );
  assert.deepEqual(rows(aggregator), [
    'linux (other) 2.4 0.3: 9/0',
    'linux 6.8 2.40 .3: 6/0',
    'windows 10 2.4 0.3: 20/0',
  ]);
});

test('whether the rare cells reach the minimum among themselves is judged field by field too', () => {
  const random = seededRandom(16);
  const at = (values: string[], installs: number, runtime: string) =>
    sessionsOf(random, values, installs, 1, 0, runtime);
  const { aggregator, recoded } = recodeAll(
    [
      // Three rare builds of linux reach eight installations once only the platform is left, so no
      // published cell is given up. The first two run together ("2.4" "0.3", "2.40" ".3"); read as
      // one configuration they would reach the minimum alone, leave the third short, and pull its
      // published sibling (6.1) in.
      at(['linux', '5.4', '2.4'], 3, '0.3'),
      at(['linux', '6.8', '2.40'], 3, '.3'),
      at(['linux', '9.9', '3.0'], 2, '1.0'),
      at(['linux', '6.1', '3.0'], 20, '1.0'),
    ],
    ['os.platform', 'os.version', 'app.version', 'runtime.version'],
    ['os.version', 'app.version', 'runtime.version', 'os.platform'],
  );
  assert.deepEqual(rows(aggregator), ['linux (other) (other) (other): 8/0', 'linux 6.1 3.0 1.0: 20/0']);
  assert.equal(recoded.complementary, 0);
});
