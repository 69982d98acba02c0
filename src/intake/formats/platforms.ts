// OS names as telemetry systems spell them, mapped onto the schema's lists.

const PLATFORMS: Record<string, string> = {
  linux: 'linux',
  ubuntu: 'linux',
  debian: 'linux',
  centos: 'linux',
  rhel: 'linux',
  redhat: 'linux',
  fedora: 'linux',
  amazon: 'linux',
  amzn: 'linux',
  alpine: 'linux',
  arch: 'linux',
  opensuse: 'linux',
  suse: 'linux',
  darwin: 'darwin',
  mac: 'darwin',
  macos: 'darwin',
  osx: 'darwin',
  windows: 'windows',
  win32: 'windows',
  win: 'windows',
  freebsd: 'freebsd',
};

const ARCHES: Record<string, string> = {
  amd64: 'x64',
  x86_64: 'x64',
  x64: 'x64',
  arm64: 'arm64',
  aarch64: 'arm64',
  '386': 'x86',
  i386: 'x86',
  i686: 'x86',
  x86: 'x86',
  ia32: 'x86',
  arm: 'arm',
  armv7l: 'arm',
  armv6l: 'arm',
};

export function mapPlatform(value: unknown): string {
  return typeof value === 'string' ? (PLATFORMS[value.trim().toLowerCase()] ?? 'other') : 'other';
}

/** The schema's arch, 'other' for an unknown name, or null when there is none. */
export function mapArch(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  return ARCHES[value.trim().toLowerCase()] ?? 'other';
}
