// The artifact source a run's settings describe; used by both the action and the command line.

import type { GitHubClient, RepositoryRef, RequestCounts } from '../github-client.ts';
import { lookbackStart } from '../settings.ts';
import type { Settings } from '../settings.ts';
import { createArtifactSource } from '../sources/artifact-source.ts';
import type { HeldInputs, Source } from '../sources/source.ts';

export function artifactSourceFor(
  settings: Settings & { repository: RepositoryRef },
  github: { client: GitHubClient; counts: RequestCounts },
  now: Date,
  serverUrl: string,
  held?: HeldInputs,
): Source {
  return createArtifactSource({
    ...(held ? { held } : {}),
    shard: settings.mode === 'partial' ? settings.shard : null,
    client: github.client,
    repository: settings.repository,
    names: settings.artifactNames,
    since: lookbackStart(now, settings.lookbackDays),
    concurrency: settings.downloadConcurrency,
    serverUrl,
    trustForks: settings.trustForks,
    workflows: settings.workflows,
    branches: settings.branches,
    budget: { remaining: () => github.counts.remaining, reserve: settings.apiReserve },
  });
}
