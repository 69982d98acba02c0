// Partials read straight from the artifacts the shard jobs uploaded to the
// merge job's own workflow run, so the merge needs no download step of its own.

import picomatch from 'picomatch';
import type { components } from '@octokit/openapi-types';
import { refusal } from '../github-client.ts';
import type { GitHubClient } from '../github-client.ts';
import { ARCHIVE_MAX_BYTES } from '../limits.ts';
import { SettingsError } from '../settings.ts';
import type { RepositoryRef, Settings } from '../settings.ts';
import { partialFiles } from './partial-files.ts';
import { downloadArchive } from '../sources/artifact-source.ts';
import { zipEntries } from '../intake/zip-entries.ts';
import type { PartialInput } from './partial-format.ts';
import { PartialMergeError, partialLines } from './partial-format.ts';

type Artifact = components['schemas']['artifact'];

/**
 * Every partial (.ndjson file) inside the artifacts of workflow run `runId`
 * whose names match `names`; each pattern must match at least one artifact.
 */
export async function partialArtifacts(
  client: GitHubClient,
  repository: RepositoryRef,
  runId: number,
  names: string[],
): Promise<PartialInput[]> {
  let listed: Artifact[];
  try {
    listed = await client.paginate(
      client.rest.actions.listWorkflowRunArtifacts,
      { ...repository, run_id: runId, per_page: 100 },
      (response) => response.data as unknown as Artifact[],
    );
  } catch (error) {
    throw refusal(error, `Listing the artifacts of workflow run ${runId}`, 'actions: read') ?? error;
  }
  const chosen = new Map<number, Artifact>();
  for (const pattern of names) {
    const match = picomatch(pattern, { dot: true });
    const found = listed.filter((artifact) => match(artifact.name));
    if (found.length === 0)
      throw new PartialMergeError(
        `No artifact of workflow run ${runId} is named "${pattern}": did every shard upload its partial?`,
      );
    for (const artifact of found) chosen.set(artifact.id, artifact);
  }
  const inputs: PartialInput[] = [];
  for (const artifact of [...chosen.values()].sort((a, b) => a.id - b.id)) {
    const origin = `artifact ${artifact.name} (#${artifact.id})`;
    if (artifact.size_in_bytes > ARCHIVE_MAX_BYTES)
      throw new PartialMergeError(
        `${origin} is larger than ${ARCHIVE_MAX_BYTES} bytes: split the reading over more shards.`,
      );
    const bytes = await downloadArchive(client, repository, artifact);
    if (typeof bytes === 'string') throw new PartialMergeError(`${origin} could not be downloaded (${bytes}).`);
    let partials = 0;
    for await (const entry of zipEntries({ kind: 'item', origin, name: `${artifact.id}.zip`, bytes, run: null })) {
      if (entry.kind === 'skip') throw new PartialMergeError(`${entry.origin} cannot be read (${entry.reason}).`);
      if (!/\.(nd)?jsonl?$/i.test(entry.name)) continue;
      inputs.push({ name: entry.origin, lines: partialLines([entry.bytes]) });
      partials += 1;
    }
    if (partials === 0) throw new PartialMergeError(`${origin} holds no .ndjson partial.`);
  }
  return inputs;
}

/**
 * Every partial a merge reads: the files of `partials`, then the artifacts of
 * `partial-artifacts` in workflow run `runId` (GITHUB_RUN_ID on a runner).
 */
export async function mergeInputsFor(
  settings: Pick<Settings, 'partials' | 'partialArtifacts' | 'repository'>,
  cwd: string,
  client: GitHubClient | null,
  runId: string | undefined,
): Promise<PartialInput[]> {
  const inputs = settings.partials.length > 0 ? await partialFiles(settings.partials, cwd) : [];
  if (settings.partialArtifacts.length === 0) return inputs;
  if (!client || !settings.repository)
    throw new SettingsError(
      'partial-artifacts',
      'is set without a repository to read them from',
      'a repository and token (on the command line: --repo and GITHUB_TOKEN)',
    );
  const run = Number(runId);
  if (!Number.isSafeInteger(run) || run <= 0)
    throw new SettingsError(
      'partial-artifacts',
      `is set but the workflow run ID is "${runId ?? ''}"`,
      'a run ID in GITHUB_RUN_ID (set on every runner), or --run-id on the command line',
    );
  return [...inputs, ...(await partialArtifacts(client, settings.repository, run, settings.partialArtifacts))];
}
