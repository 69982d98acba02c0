// One notion of an installation, shared by the problem search (a problem needs
// several) and the publication rule (a configuration needs several to be named):
// each distinct install ID, and each session without an ID standing in for one.

/** A cell's sessions, those that carried an install ID, and the distinct IDs among them. */
export interface InstallationCounts {
  sessions: number;
  withInstall: number;
  /** Distinct install IDs: a number, or anything with a `size` (an InstallCounter). */
  installs: number | { size: number };
}

/** The installations a cell counts: distinct install IDs, plus one for each session without an ID. */
export function installationsOf(cell: InstallationCounts): number {
  const ids = typeof cell.installs === 'number' ? cell.installs : cell.installs.size;
  return ids + (cell.sessions - cell.withInstall);
}
