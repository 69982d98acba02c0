// Hasura CLI execution events: one command execution becomes one session.
// Kept: CLI version, is_error, OS platform and architecture, the CLI's random
// UUID (as install ID), the server version (as runtime, out of the default
// grouping). Dropped: the command name, the server UUID, the payload.

import type { Adapted } from './adapted.ts';
import { UUID_PATTERN } from './derived-id.ts';
import { mapArch, mapPlatform } from './platforms.ts';

export const HASURA_APP_NAME = 'hasura-cli';

export function fromHasuraCli(event: Record<string, unknown>, appName: string | null): Adapted {
  const executionId = event['execution_id'];
  const timestamp = event['timestamp'];
  if (typeof executionId !== 'string' || !UUID_PATTERN.test(executionId))
    return { ok: false, reason: 'hasura-cli:execution_id' };
  if (typeof timestamp !== 'string') return { ok: false, reason: 'hasura-cli:timestamp' };
  if (typeof event['is_error'] !== 'boolean') return { ok: false, reason: 'hasura-cli:is_error' };
  const failed = event['is_error'];
  const summary: Record<string, unknown> = {
    schema_version: 1,
    session_id: executionId,
    app: { name: appName ?? HASURA_APP_NAME, version: event['version'] },
    os: {
      platform: mapPlatform(event['os_platform']),
      ...(mapArch(event['os_arch']) ? { arch: mapArch(event['os_arch']) } : {}),
    },
    started_at: timestamp,
    ended_at: timestamp,
    log_lines: 1,
    error_lines: failed ? 1 : 0,
    outcome: failed ? 'error' : 'ok',
  };
  if (typeof event['uuid'] === 'string' && UUID_PATTERN.test(event['uuid'])) summary['install_id'] = event['uuid'];
  if (typeof event['server_version'] === 'string')
    summary['runtime'] = { name: 'hasura-server', version: event['server_version'] };
  if (typeof event['ci'] === 'string' || event['ci'] === null) summary['ci'] = event['ci'];
  return { ok: true, value: summary };
}
