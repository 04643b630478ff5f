import type { MediaMode } from '../contract/protocol.js';
import type { RedisClient } from '../signaling/redis-scale-out.js';
import { meetingKeys, runScript } from '../signaling/redis-scripts.js';
import type { MediaModeStore, SwapResult } from './media-mode-store.js';

/**
 * KEYS mode, peers → the mode. A meeting whose presence hash is gone (everyone left, or their
 * instances died and the keys expired) is 'mesh' again, whatever a crash left behind.
 */
const GET = `
if redis.call('EXISTS', KEYS[2]) == 0 then redis.call('DEL', KEYS[1]) end
return redis.call('GET', KEYS[1]) or 'mesh'
`;

/** KEYS mode; ARGV expected, next, ttlMs → {swapped 0|1, mode after}. GET + SET in one script: a CAS. */
const CAS = `
local current = redis.call('GET', KEYS[1]) or 'mesh'
if current ~= ARGV[1] then return {0, current} end
if ARGV[2] == 'mesh' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
if current == ARGV[2] then return {0, current} end
return {1, ARGV[2]}
`;

/**
 * KEYS mode, peers → the mode forgotten, or false (nil) while someone is in. The presence check
 * and the delete are one step, so a joiner racing in keeps the meeting's mode.
 */
const RESET_IF_EMPTY = `
if redis.call('EXISTS', KEYS[2]) == 1 then return false end
local previous = redis.call('GET', KEYS[1]) or 'mesh'
redis.call('DEL', KEYS[1])
return previous
`;

/** A day: far beyond any meeting; only a backstop should every clean-up path be missed. */
const MODE_TTL_MS = 24 * 60 * 60 * 1000;

/** The media mode in Redis, next to the meeting's presence keys (same cluster slot). */
export class RedisMediaModeStore implements MediaModeStore {
  constructor(private readonly client: RedisClient) {}

  private keys(meetingId: string): [string, string] {
    const { peers } = meetingKeys(meetingId);
    return [`meet:{${meetingId}}:mode`, peers];
  }

  async get(meetingId: string): Promise<MediaMode> {
    return (await runScript(this.client, GET, this.keys(meetingId), [])) as MediaMode;
  }

  async compareAndSet(meetingId: string, expected: MediaMode, next: MediaMode): Promise<SwapResult> {
    const [mode] = this.keys(meetingId);
    const [swapped, after] = (await runScript(this.client, CAS, [mode], [expected, next, String(MODE_TTL_MS)])) as [number, MediaMode];
    return { swapped: swapped === 1, mode: after };
  }

  async resetIfEmpty(meetingId: string): Promise<MediaMode | null> {
    return ((await runScript(this.client, RESET_IF_EMPTY, this.keys(meetingId), [])) as MediaMode | null) ?? null;
  }
}
