import { createHmac } from 'node:crypto';
import type { Config } from '../config.js';
import type { IceServer, IceServersResult } from '../contract/protocol.js';

/**
 * TURN REST API credentials (coturn `use-auth-secret`): username `<expiry>:<participant>`,
 * credential base64(HMAC-SHA1(secret, username)). coturn checks the signature and the expiry,
 * so a leaked credential dies with its TTL and nothing is stored server-side.
 */
export function turnCredential(secret: string, participantId: string, expiresAtSeconds: number): { username: string; credential: string } {
  const username = `${expiresAtSeconds}:${participantId}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential };
}

/** ICE servers for one participant; `ttlSeconds` caps the credential's life (lobby checks). */
export function iceServersFor(
  ice: Config['ice'],
  participantId: string,
  now = Date.now(),
  ttlSeconds = ice.turnTtlSeconds,
): IceServersResult {
  const servers: IceServer[] = [];
  if (ice.stunUrls.length > 0) servers.push({ urls: ice.stunUrls });
  if (ice.turnUrls.length > 0 && ice.turnSecret) {
    const expiresAt = Math.floor(now / 1000) + Math.min(ttlSeconds, ice.turnTtlSeconds);
    servers.push({ urls: ice.turnUrls, ...turnCredential(ice.turnSecret, participantId, expiresAt) });
    return { iceServers: servers, iceServersExpireAt: new Date(expiresAt * 1000).toISOString() };
  }
  return { iceServers: servers };
}
