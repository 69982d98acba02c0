// Segment track events (as Appsmith sends them). Installation Success / Errors
// become installation sessions by OS; Instance Active pings become server
// sessions; any other event is skipped, not rejected. Identity is dropped before
// anything else looks at the record: userId, context (IP, user agent, page
// URLs, locale), and anonymousId unless it is a random UUID.

import type { Adapted } from './adapted.ts';
import { derivedUuid, UUID_PATTERN } from './derived-id.ts';
import { mapPlatform } from './platforms.ts';

export const SEGMENT_APP_NAME = 'app';

const INSTALL_EVENTS: Record<string, boolean> = { 'Installation Success': false, 'Installation Errors': true };
const OS_VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/;

/** Only what the adapter may use; everything else in the event is never read. */
function kept(event: Record<string, unknown>) {
  const properties = (
    event['properties'] !== null && typeof event['properties'] === 'object' ? event['properties'] : {}
  ) as Record<string, unknown>;
  const anonymousId =
    typeof event['anonymousId'] === 'string' && UUID_PATTERN.test(event['anonymousId']) ? event['anonymousId'] : null;
  const instanceId =
    typeof properties['instanceId'] === 'string' && UUID_PATTERN.test(properties['instanceId'])
      ? properties['instanceId']
      : null;
  return {
    name: typeof event['event'] === 'string' ? event['event'] : '',
    messageId: typeof event['messageId'] === 'string' ? event['messageId'] : null,
    timestamp: typeof event['timestamp'] === 'string' ? event['timestamp'] : null,
    os: typeof properties['os'] === 'string' ? properties['os'] : null,
    version: typeof properties['version'] === 'string' ? properties['version'] : null,
    installId: instanceId ?? anonymousId,
  };
}

export function fromSegment(event: Record<string, unknown>, appName: string | null): Adapted {
  const { name, messageId, timestamp, os, version, installId } = kept(event);
  const isInstall = Object.prototype.hasOwnProperty.call(INSTALL_EVENTS, name);
  if (!isInstall && name !== 'Instance Active') return { ok: false, reason: 'segment-event-skipped', skip: true };
  if (!messageId) return { ok: false, reason: 'segment:messageId' };
  if (!timestamp) return { ok: false, reason: 'segment:timestamp' };
  const failed = isInstall && INSTALL_EVENTS[name] === true;
  const osVersion = os && OS_VERSION.test(os.toLowerCase()) ? os.toLowerCase() : null;
  const summary: Record<string, unknown> = {
    schema_version: 1,
    // The message ID is Segment's de-duplication key; the session ID is derived from it.
    session_id: derivedUuid('segment', messageId),
    app: { name: appName ?? SEGMENT_APP_NAME, version: version ?? 'unknown' },
    runtime: { name: isInstall ? 'installer' : 'server', version: 'unknown' },
    os: { platform: mapPlatform(os), ...(osVersion ? { version: osVersion } : {}) },
    started_at: timestamp,
    ended_at: timestamp,
    log_lines: 1,
    error_lines: failed ? 1 : 0,
    outcome: failed ? 'error' : 'ok',
  };
  if (installId) summary['install_id'] = installId;
  return { ok: true, value: summary };
}
