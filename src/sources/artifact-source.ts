// Reads session summaries from this repository's workflow-run artifacts.

import picomatch from 'picomatch';
import type { components } from '@octokit/openapi-types';
import { httpStatusOf, refusal } from '../github-client.ts';
import type { GitHubClient, RepositoryRef } from '../github-client.ts';
import { ARCHIVE_MAX_BYTES } from '../limits.ts';
import { orderedPool } from './ordered-pool.ts';
import { inShard } from './shard.ts';
import type { Shard } from './shard.ts';
import type { HeldInputs, RunRef, Source, SourceEvent } from './source.ts';

type Artifact = components['schemas']['artifact'];

/** An artifact's key across runs: its ID (never reused) and name. */
function artifactKey(artifact: Artifact): string {
  return `artifact ${artifact.id} ${artifact.name}`;
}

export interface ArtifactSourceOptions {
  client: GitHubClient;
  repository: RepositoryRef;
  /** Glob patterns matched against artifact names. */
  names: string[];
  /** Artifacts created before this instant are not read. */
  since: Date;
  concurrency: number;
  /** Web root for run links, e.g. https://github.com (GITHUB_SERVER_URL). */
  serverUrl: string;
  trustForks: boolean;
  /** Workflow file names or paths; empty means any. */
  workflows: string[];
  /** Branch globs; empty means any. */
  branches: string[];
  /**
   * The REST budget left, as the client last saw it. Downloads stop while only
   * `reserve` requests are left, so the issue writes never go without.
   */
  budget?: { remaining: () => number | null; reserve: number };
  /** Results the consumer keeps from earlier runs (input state-path): those artifacts are not downloaded. */
  held?: HeldInputs;
  /** Only this share of the artifacts is read (input shard, with mode partial). */
  shard?: Shard | null;
}

/** Every attempt of a workflow run uploads an artifact name again: they share this key. */
function attemptKey(artifact: Artifact): string {
  return `${artifact.workflow_run?.id ?? `artifact-${artifact.id}`}\u0000${artifact.name}`;
}

export const BLOB_ATTEMPTS = 3;

/**
 * Fetches a signed storage URL. The archive lives on another host: the token is
 * never sent there. Dropped connections and server errors are tried again.
 */
async function fetchBlob(location: string): Promise<Uint8Array | null> {
  for (let attempt = 1; attempt <= BLOB_ATTEMPTS; attempt += 1) {
    try {
      const response = await fetch(location, { redirect: 'follow' });
      if (response.ok) return new Uint8Array(await response.arrayBuffer());
      if (response.status < 500 && response.status !== 429) return null;
    } catch {
      // A dropped connection: try again.
    }
    if (attempt < BLOB_ATTEMPTS) await new Promise((resolve) => setTimeout(resolve, 250 * attempt * attempt));
  }
  return null;
}

/**
 * One artifact's zip archive, or the reason it could not be had
 * (artifact-expired, artifact-not-found, artifact-download-failed).
 */
export async function downloadArchive(
  client: GitHubClient,
  repository: RepositoryRef,
  artifact: { id: number; name: string },
): Promise<Uint8Array | string> {
  let response;
  try {
    response = await client.rest.actions.downloadArtifact({
      ...repository,
      artifact_id: artifact.id,
      archive_format: 'zip',
      request: { redirect: 'manual' },
    });
  } catch (error) {
    const status = httpStatusOf(error);
    if (status === 410) return 'artifact-expired';
    if (status === 404) return 'artifact-not-found';
    throw refusal(error, `Downloading artifact ${artifact.name} (#${artifact.id})`, 'actions: read') ?? error;
  }
  if ((response.status as number) === 200 && response.data instanceof ArrayBuffer) return new Uint8Array(response.data);
  const location = (response.headers as Record<string, unknown>)['location'];
  if (typeof location !== 'string') return 'artifact-download-failed';
  return (await fetchBlob(location)) ?? 'artifact-download-failed';
}

export function createArtifactSource(options: ArtifactSourceOptions): Source {
  const { client, repository } = options;
  const matchers = options.names.map((pattern) => picomatch(pattern, { dot: true }));
  const matches = (name: string) => matchers.some((match) => match(name));
  // A single literal name can be filtered by the API itself.
  const literal =
    options.names.length === 1 && !picomatch.scan(options.names[0]!).isGlob ? options.names[0] : undefined;

  async function listArtifacts(): Promise<Artifact[]> {
    const since = options.since.getTime();
    try {
      return await client.paginate(
        client.rest.actions.listArtifactsForRepo,
        { ...repository, per_page: 100, ...(literal ? { name: literal } : {}) },
        (response, done) => {
          const page = response.data as unknown as Artifact[];
          // Artifacts come newest first: a page wholly older than the window ends the listing.
          if (page.length > 0 && page.every((artifact) => Date.parse(artifact.created_at ?? '') < since)) done();
          return page;
        },
      );
    } catch (error) {
      throw refusal(error, `Listing artifacts of ${repository.owner}/${repository.repo}`, 'actions: read') ?? error;
    }
  }

  const branchMatchers = options.branches.map((pattern) => picomatch(pattern, { dot: true }));
  const workflowPaths = new Map<number, Promise<string | null>>();

  /** The workflow file of a run (one request per run, only when `workflows` is set). */
  function workflowOf(runId: number): Promise<string | null> {
    let path = workflowPaths.get(runId);
    if (!path) {
      path = client.rest.actions
        .getWorkflowRun({ ...repository, run_id: runId })
        .then(({ data }) => data.path.replace(/@.*$/, ''))
        .catch((error: unknown) => {
          const refused = refusal(error, `Reading workflow run ${runId}`, 'actions: read');
          if (refused) throw refused;
          return null;
        });
      workflowPaths.set(runId, path);
    }
    return path;
  }

  /** Why an artifact's run is not trusted, or null when it may be read. */
  async function untrusted(artifact: Artifact): Promise<string | null> {
    const run = artifact.workflow_run;
    if (!options.trustForks) {
      if (!run || run.head_repository_id === undefined || run.repository_id === undefined)
        return 'artifact-run-unknown';
      if (run.head_repository_id !== run.repository_id) return 'artifact-from-fork';
    }
    if (branchMatchers.length > 0 && !branchMatchers.some((match) => match(run?.head_branch ?? '')))
      return 'artifact-branch-not-allowed';
    if (options.workflows.length > 0) {
      const path = run?.id ? await workflowOf(run.id) : null;
      if (path === null) return 'artifact-workflow-unknown';
      const file = path.split('/').pop()!;
      if (!options.workflows.some((wanted) => wanted === path || (!wanted.includes('/') && wanted === file)))
        return 'artifact-workflow-not-allowed';
    }
    return null;
  }

  function runOf(artifact: Artifact): RunRef | null {
    return artifact.workflow_run?.id
      ? {
          id: artifact.workflow_run.id,
          branch: artifact.workflow_run.head_branch ?? null,
          url: `${options.serverUrl.replace(/\/+$/, '')}/${repository.owner}/${repository.repo}/actions/runs/${artifact.workflow_run.id}`,
        }
      : null;
  }

  async function download(artifact: Artifact): Promise<SourceEvent> {
    const origin = `artifact ${artifact.name} (#${artifact.id})`;
    const key = artifactKey(artifact);
    // Newest first, as listed: the same order in every shard and on every run.
    const seq = -artifact.id;
    if (await options.held?.holds({ key, label: `artifact #${artifact.id}` }))
      return { kind: 'held', origin, key, run: runOf(artifact), seq };
    const left = options.budget?.remaining() ?? null;
    if (left !== null && left <= options.budget!.reserve)
      return { kind: 'skip', origin, reason: 'artifact-deferred-rate-limit' };
    const run = runOf(artifact);
    const bytes = await downloadArchive(client, repository, artifact);
    if (typeof bytes === 'string') return { kind: 'skip', origin, reason: bytes };
    if (bytes.byteLength > ARCHIVE_MAX_BYTES) return { kind: 'skip', origin, reason: 'artifact-too-large' };
    return { kind: 'item', origin, name: `${artifact.id}.zip`, bytes, run, seq, key };
  }

  return {
    describe: () => `artifacts of ${repository.owner}/${repository.repo} named ${options.names.join(', ')}`,
    async *read() {
      const since = options.since.getTime();
      const wanted: Artifact[] = [];
      for (const artifact of await listArtifacts()) {
        if (!matches(artifact.name) || !inShard(attemptKey(artifact), options.shard)) continue;
        const origin = `artifact ${artifact.name} (#${artifact.id})`;
        if (Date.parse(artifact.created_at ?? '') < since) {
          yield { kind: 'skip', origin, reason: 'artifact-outside-window' };
        } else if (artifact.expired) {
          yield { kind: 'skip', origin, reason: 'artifact-expired' };
        } else if (artifact.size_in_bytes > ARCHIVE_MAX_BYTES) {
          yield { kind: 'skip', origin, reason: 'artifact-too-large' };
        } else {
          const reason = await untrusted(artifact);
          if (reason) yield { kind: 'skip', origin, reason };
          else wanted.push(artifact);
        }
      }
      // A re-run attempt re-uploads the same artifact name in the same run: keep the newest copy.
      const latest = new Map<string, Artifact>();
      for (const artifact of wanted) {
        const key = attemptKey(artifact);
        const kept = latest.get(key);
        if (!kept || artifact.id > kept.id) {
          if (kept)
            yield { kind: 'skip', origin: `artifact ${kept.name} (#${kept.id})`, reason: 'artifact-older-attempt' };
          latest.set(key, artifact);
        } else {
          yield {
            kind: 'skip',
            origin: `artifact ${artifact.name} (#${artifact.id})`,
            reason: 'artifact-older-attempt',
          };
        }
      }
      const chosen = [...latest.values()].sort((a, b) => b.id - a.id);
      // Stored results of artifacts that left the window (or were replaced) go when the run finishes.
      options.held?.window(chosen.map(artifactKey));
      yield* orderedPool(chosen, options.concurrency, download);
    },
  };
}
