// Reads session summaries from this repository's workflow-run artifacts.

import picomatch from 'picomatch';
import type { components } from '@octokit/openapi-types';
import { httpStatusOf } from '../github-client.ts';
import type { GitHubClient } from '../github-client.ts';
import type { RepositoryRef } from '../settings.ts';
import { orderedPool } from './ordered-pool.ts';
import type { Source, SourceEvent } from './source.ts';

type Artifact = components['schemas']['artifact'];

export const ARTIFACT_MAX_BYTES = 256 * 1024 * 1024;

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
}

/** Thrown when the token lacks a permission the run cannot do without. */
export class PermissionError extends Error {}

export function createArtifactSource(options: ArtifactSourceOptions): Source {
  const { client, repository } = options;
  const matchers = options.names.map((pattern) => picomatch(pattern, { dot: true }));
  const matches = (name: string) => matchers.some((match) => match(name));
  // A single literal name can be filtered by the API itself.
  const literal = options.names.length === 1 && !picomatch.scan(options.names[0]!).isGlob ? options.names[0] : undefined;

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
      const status = httpStatusOf(error);
      if (status === 401 || status === 403) {
        throw new PermissionError(
          `Listing artifacts of ${repository.owner}/${repository.repo} was refused (HTTP ${status}). ` +
            'The token needs the "actions: read" permission; add it under "permissions:" in the workflow.',
        );
      }
      throw error;
    }
  }

  async function download(artifact: Artifact): Promise<SourceEvent> {
    const origin = `artifact ${artifact.name} (#${artifact.id})`;
    const run = artifact.workflow_run?.id
      ? {
          id: artifact.workflow_run.id,
          branch: artifact.workflow_run.head_branch ?? null,
          url: `${options.serverUrl.replace(/\/+$/, '')}/${repository.owner}/${repository.repo}/actions/runs/${artifact.workflow_run.id}`,
        }
      : null;
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
      if (status === 410) return { kind: 'skip', origin, reason: 'artifact-expired' };
      if (status === 404) return { kind: 'skip', origin, reason: 'artifact-not-found' };
      if (status === 401 || status === 403) {
        throw new PermissionError(
          `Downloading ${origin} was refused (HTTP ${status}). The token needs the "actions: read" permission.`,
        );
      }
      throw error;
    }
    let bytes: Uint8Array;
    if ((response.status as number) === 200 && (response.data as unknown) instanceof ArrayBuffer) {
      bytes = new Uint8Array(response.data as unknown as ArrayBuffer);
    } else {
      const location = (response.headers as Record<string, unknown>)['location'];
      if (typeof location !== 'string') return { kind: 'skip', origin, reason: 'artifact-download-failed' };
      // The archive lives on a storage host with a signed URL: never send it the token.
      const blob = await fetch(location, { redirect: 'follow' }).catch(() => null);
      if (!blob || !blob.ok) return { kind: 'skip', origin, reason: 'artifact-download-failed' };
      bytes = new Uint8Array(await blob.arrayBuffer());
    }
    if (bytes.byteLength > ARTIFACT_MAX_BYTES) return { kind: 'skip', origin, reason: 'artifact-too-large' };
    return { kind: 'item', origin, name: `${artifact.id}.zip`, bytes, run };
  }

  return {
    describe: () => `artifacts of ${repository.owner}/${repository.repo} named ${options.names.join(', ')}`,
    async *read() {
      const since = options.since.getTime();
      const wanted: Artifact[] = [];
      for (const artifact of await listArtifacts()) {
        if (!matches(artifact.name)) continue;
        const origin = `artifact ${artifact.name} (#${artifact.id})`;
        if (Date.parse(artifact.created_at ?? '') < since) {
          yield { kind: 'skip', origin, reason: 'artifact-outside-window' };
        } else if (artifact.expired) {
          yield { kind: 'skip', origin, reason: 'artifact-expired' };
        } else if (artifact.size_in_bytes > ARTIFACT_MAX_BYTES) {
          yield { kind: 'skip', origin, reason: 'artifact-too-large' };
        } else {
          wanted.push(artifact);
        }
      }
      yield* orderedPool(wanted, options.concurrency, download);
    },
  };
}
