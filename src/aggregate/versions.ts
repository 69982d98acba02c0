// App versions compared as semver where they can be read as such ("v0.4.27",
// "2.4", "2024.1.3"); anything else sorts after, by text.

import semver from 'semver';

function parsed(version: string): semver.SemVer | null {
  return semver.valid(version) ? new semver.SemVer(version) : semver.coerce(version, { includePrerelease: true });
}

export function compareVersions(a: string, b: string): number {
  const left = parsed(a);
  const right = parsed(b);
  if (left && right) return semver.compare(left, right) || (a < b ? -1 : a > b ? 1 : 0);
  if (left) return -1;
  if (right) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortVersions(versions: string[]): string[] {
  return versions.sort(compareVersions);
}

/** The versions in `versions` newer than every version in `seen`. */
export function newerThanAll(versions: readonly string[], seen: readonly string[]): string[] {
  const newest = seen.length > 0 ? sortVersions([...seen]).at(-1)! : null;
  return newest === null ? [...versions] : versions.filter((version) => compareVersions(version, newest) > 0);
}
