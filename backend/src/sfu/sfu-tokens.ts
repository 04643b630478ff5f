import { AccessToken } from 'livekit-server-sdk';
import type { SfuTokenResult } from '../contract/protocol.js';
import type { SfuConfig } from './sfu-config.js';

export interface TokenSubject {
  meetingId: string;
  /** The participant id (socket id): the same identity in Socket.io and in LiveKit. */
  participantId: string;
  displayName: string;
}

/**
 * A LiveKit access token for one member of one meeting. Only what a meeting needs is granted:
 * join that room, publish and subscribe media. No data channel (chat stays on Socket.io, where
 * it is validated and rate-limited), no metadata updates, no room admin.
 */
/** `ttl` overrides the configured lifetime (jose time span, e.g. '-1m' for an expired one in tests). */
export async function mintSfuToken(config: SfuConfig, subject: TokenSubject, ttl: number | string = config.tokenTtlSeconds): Promise<SfuTokenResult> {
  const at = new AccessToken(config.apiKey, config.apiSecret, {
    identity: subject.participantId,
    name: subject.displayName,
    ttl,
  });
  at.addGrant({
    room: subject.meetingId,
    roomJoin: true,
    roomCreate: false,
    canPublish: true,
    canSubscribe: true,
    canPublishData: false,
    canUpdateOwnMetadata: false,
  });
  const token = await at.toJwt();
  // The token's own `exp` is computed from the clock at signing: read it back rather than guess.
  const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number };
  return { url: config.url, token, expiresAt: new Date(payload.exp * 1000).toISOString() };
}
