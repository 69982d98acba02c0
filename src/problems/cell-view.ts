// The cells of one run as the problem search reads them: sessions per
// configuration, events per configuration and measure, and sums over sets of cells.

import type { ConfigCell, EventCell } from '../aggregate/cell-events.ts';
import type { Table } from './hypergeometric.ts';

export interface Counts {
  sessions: number;
  events: number;
}

export interface CellView {
  configs: readonly ConfigCell[];
  totalSessions: number;
  /** Event cells by measure, then by configuration index. */
  byMeasure: ReadonlyMap<string | null, ReadonlyMap<number, EventCell>>;
  totalEvents(measure: string | null): number;
  eventsAt(measure: string | null, config: number): number;
  countsOf(cells: readonly number[], measure: string | null): Counts;
  /** Every cell but `members` and `out`. */
  referenceWithout(members: readonly number[], out: readonly number[], measure: string | null): Counts;
}

export function createCellView(configs: readonly ConfigCell[], eventCells: readonly EventCell[]): CellView {
  const totalSessions = configs.reduce((sum, cell) => sum + cell.sessions, 0);
  const byMeasure = new Map<string | null, Map<number, EventCell>>();
  for (const cell of eventCells) {
    let map = byMeasure.get(cell.measure);
    if (!map) byMeasure.set(cell.measure, (map = new Map()));
    map.set(cell.config, cell);
  }
  const totals = new Map<string | null, number>();
  for (const [measure, cells] of byMeasure)
    totals.set(
      measure,
      [...cells.values()].reduce((sum, cell) => sum + cell.events, 0),
    );
  const eventsAt = (measure: string | null, config: number) => byMeasure.get(measure)?.get(config)?.events ?? 0;
  return {
    configs,
    totalSessions,
    byMeasure,
    totalEvents: (measure) => totals.get(measure) ?? 0,
    eventsAt,
    countsOf(cells, measure) {
      let sessions = 0;
      let events = 0;
      for (const cell of cells) {
        sessions += configs[cell]!.sessions;
        events += eventsAt(measure, cell);
      }
      return { sessions, events };
    },
    referenceWithout(members, out, measure) {
      const skip = new Uint8Array(configs.length);
      for (const member of members) skip[member] = 1;
      for (const member of out) skip[member] = 1;
      let sessions = 0;
      let events = 0;
      for (let config = 0; config < configs.length; config += 1) {
        if (skip[config]) continue;
        sessions += configs[config]!.sessions;
        events += eventsAt(measure, config);
      }
      return { sessions, events };
    },
  };
}

/** The 2×2 table of `own` against `reference`. */
export function tableOf(own: Counts, reference: Counts): Table {
  return {
    events: own.events,
    sessions: own.sessions,
    totalEvents: own.events + reference.events,
    totalSessions: own.sessions + reference.sessions,
  };
}
