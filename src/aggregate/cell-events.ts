// What the problem search needs of each configuration cell: its sessions, and
// its errored sessions (or, with error_kind grouping, the sessions that raised
// each exception class) with the installations they came from.

/** Events per installation are tracked for this many installations a cell; later ones count as their own. */
export const TRACKED_INSTALLS = 4096;

/** One configuration: its values of the configuration fields and its sessions. */
export interface ConfigCell {
  values: string[];
  sessions: number;
  /** Sessions that carried an installation ID. */
  withInstall: number;
  /** Distinct installation IDs among them (an estimate past the exact limit). */
  installs: number;
}

/** What errored in one configuration: errored sessions, or the sessions that raised one exception class. */
export interface EventCell {
  /** Index of the configuration in the list the cells came with. */
  config: number;
  /** null for errored sessions; an exception class with error_kind grouping. */
  measure: string | null;
  events: number;
  /** Events per installation (keys are opaque). */
  byInstall: ReadonlyMap<string, number>;
  /** Events not attributed to a tracked installation: no ID, or past TRACKED_INSTALLS. Each counts as its own installation. */
  unattributed: number;
}

/** Counts events per installation ID, keyed by the ID's four words. */
export class EventTracker {
  readonly byInstall = new Map<string, number>();
  unattributed = 0;

  add(a: number, b: number, c: number, d: number): void {
    const key = String.fromCharCode(
      a >>> 16,
      a & 0xffff,
      b >>> 16,
      b & 0xffff,
      c >>> 16,
      c & 0xffff,
      d >>> 16,
      d & 0xffff,
    );
    const count = this.byInstall.get(key);
    if (count !== undefined) this.byInstall.set(key, count + 1);
    else if (this.byInstall.size < TRACKED_INSTALLS) this.byInstall.set(key, 1);
    else this.unattributed += 1;
  }

  addUnattributed(): void {
    this.unattributed += 1;
  }

  mergeFrom(other: EventTracker): void {
    for (const [key, count] of other.byInstall) {
      const mine = this.byInstall.get(key);
      if (mine !== undefined) this.byInstall.set(key, mine + count);
      else if (this.byInstall.size < TRACKED_INSTALLS) this.byInstall.set(key, count);
      else this.unattributed += count;
    }
    this.unattributed += other.unattributed;
  }
}
