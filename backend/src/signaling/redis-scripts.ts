import { createHash } from 'node:crypto';
import type { RedisClient } from './redis-scale-out.js';

/**
 * Keys of one meeting. The `{meetingId}` hash tag puts them in one Redis Cluster slot, which
 * is what lets a single Lua script touch all of them atomically.
 */
export function meetingKeys(meetingId: string) {
  const tag = `meet:{${meetingId}}`;
  return {
    /** HASH peerId → "<admission µs> <PeerInfo JSON>". */
    peers: `${tag}:peers`,
    /** ZSET peerId → lease deadline (ms, Redis clock), renewed by the member's instance. */
    leases: `${tag}:leases`,
    /** LIST of ChatMessage JSON, oldest first, capped. */
    chat: `${tag}:chat`,
    /** HASH peerId → the instance holding its socket (where relays to it are addressed). */
    homes: `${tag}:homes`,
  };
}

/**
 * ZSET meetingId → the latest lease deadline any instance gave one of its members (Redis clock).
 * A meeting whose score has passed has no live instance renewing anyone: every member was on
 * instances that died, and no script touches the meeting again unless a survivor sweeps it.
 * One key outside any meeting's slot, so it is touched by its own scripts.
 */
export const ACTIVE_MEETINGS = 'meet:active-meetings';

/** KEYS active; ARGV leaseMs, meetingIds... → 0. Their latest deadline is now + lease. */
export const TOUCH_ACTIVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[i]) end
return 0
`;

/** KEYS active; ARGV max → up to max meeting ids whose latest deadline has passed. */
export const STALE_MEETINGS = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
return redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[1]))
`;

/** KEYS active; ARGV meetingId → 1 when dropped: only if still stale (nobody joined meanwhile). */
export const FORGET_IF_STALE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if score and tonumber(score) <= now then return redis.call('ZREM', KEYS[1], ARGV[1]) end
return 0
`;

/** Every script starts here: drop members whose lease ran out (their instance died). */
const PURGE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now)
if #expired > 0 then
  redis.call('HDEL', KEYS[1], unpack(expired))
  redis.call('ZREM', KEYS[2], unpack(expired))
  redis.call('HDEL', KEYS[4], unpack(expired))
  if redis.call('HLEN', KEYS[1]) == 0 then redis.call('DEL', KEYS[3]) end
end
`;

/**
 * A meeting's keys outlive its last renewal by 2 leases, and at least 30 s: long enough for a
 * survivor's sweep (every quarter lease) to purge members whose instances all died, and close
 * their attendance, before the keys that name them disappear.
 */
const KEY_TTL = 'math.max(2 * lease, lease + 30000)';

/**
 * KEYS peers, leases, chat, homes; ARGV peerId, peerJson, max, leaseMs, instanceId → {admitted 0|1, expired ids}.
 * The HLEN check and the HSET run as one script, so two instances cannot both take the last seat.
 */
export const TRY_ADD = `${PURGE}
local lease = tonumber(ARGV[4])
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then
  return {0, expired}
end
redis.call('HSET', KEYS[1], ARGV[1], t[1] .. string.format('%06d', tonumber(t[2])) .. ' ' .. ARGV[2])
redis.call('ZADD', KEYS[2], now + lease, ARGV[1])
redis.call('HSET', KEYS[4], ARGV[1], ARGV[5])
for i = 1, 4 do if i ~= 3 then redis.call('PEXPIRE', KEYS[i], ${KEY_TTL}) end end
return {1, expired}
`;

/** KEYS peers, leases, chat, homes → {expired ids, members (flat field/value list)}. */
export const LIST = `${PURGE}
return {expired, redis.call('HGETALL', KEYS[1])}
`;

/** KEYS peers, leases, chat, homes → {expired ids, count}. */
export const COUNT = `${PURGE}
return {expired, redis.call('HLEN', KEYS[1])}
`;

/**
 * KEYS peers, leases, chat, homes; ARGV leaseMs, own peer ids... → {expired ids, own ids no longer present}.
 * Run by each instance every few seconds for every meeting it has members in: renews their
 * leases (and the keys' TTL, so a meeting nobody renews disappears) and sweeps dead instances'.
 */
export const HEARTBEAT = `${PURGE}
local lease = tonumber(ARGV[1])
local lost = {}
for i = 2, #ARGV do
  if redis.call('HEXISTS', KEYS[1], ARGV[i]) == 1 then
    redis.call('ZADD', KEYS[2], now + lease, ARGV[i])
  else
    table.insert(lost, ARGV[i])
  end
end
for i = 1, 4 do redis.call('PEXPIRE', KEYS[i], ${KEY_TTL}) end
return {expired, lost}
`;

/** KEYS peers, leases, chat, homes; ARGV peerId → 1 when removed. Empty meeting: its chat goes too. */
export const REMOVE = `
local removed = redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[4], ARGV[1])
if redis.call('HLEN', KEYS[1]) == 0 then redis.call('DEL', KEYS[3]) end
return removed
`;

/** KEYS peers, leases; ARGV peerId, media JSON. Rewrites the stored PeerInfo's media in place. */
export const UPDATE_MEDIA = `
local v = redis.call('HGET', KEYS[1], ARGV[1])
if not v then return 0 end
local sep = string.find(v, ' ', 1, true)
local peer = cjson.decode(string.sub(v, sep + 1))
peer.media = cjson.decode(ARGV[2])
redis.call('HSET', KEYS[1], ARGV[1], string.sub(v, 1, sep) .. cjson.encode(peer))
return 1
`;

/**
 * KEYS peers, leases; ARGV peerId, '1' | '0': sets or clears the member's recording flag.
 * Returns 1 when it changed, 0 when it already was so (or the member is gone).
 */
export const SET_RECORDING = `
local v = redis.call('HGET', KEYS[1], ARGV[1])
if not v then return 0 end
local sep = string.find(v, ' ', 1, true)
local peer = cjson.decode(string.sub(v, sep + 1))
local on = ARGV[2] == '1'
if (peer.recording == true) == on then return 0 end
if on then peer.recording = true else peer.recording = nil end
redis.call('HSET', KEYS[1], ARGV[1], string.sub(v, 1, sep) .. cjson.encode(peer))
return 1
`;

/**
 * KEYS peers; ARGV peerId, raisedAt ('' = lower) → {0} not a member, {1, current} unchanged,
 * {2, new} changed. Check and write in one script, so a raise keeps its first time even when two
 * instances race.
 */
export const SET_HAND = `
local v = redis.call('HGET', KEYS[1], ARGV[1])
if not v then return {0, ''} end
local sep = string.find(v, ' ', 1, true)
local peer = cjson.decode(string.sub(v, sep + 1))
local current = peer.handRaisedAt or ''
if (current == '') == (ARGV[2] == '') then return {1, current} end
if ARGV[2] == '' then peer.handRaisedAt = nil else peer.handRaisedAt = ARGV[2] end
redis.call('HSET', KEYS[1], ARGV[1], string.sub(v, 1, sep) .. cjson.encode(peer))
return {2, ARGV[2]}
`;

/** KEYS peers, chat: clears the chat only if nobody is in the meeting (a joiner may have raced in). */
export const CLEAR_CHAT_IF_EMPTY = `
if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('DEL', KEYS[2]) end
return 0
`;

const shas = new Map<string, string>();

/** EVALSHA, loading the script on first use or after a Redis restart (NOSCRIPT). */
export async function runScript(client: RedisClient, script: string, keys: string[], args: string[]): Promise<unknown> {
  let sha = shas.get(script);
  if (!sha) {
    sha = createHash('sha1').update(script).digest('hex');
    shas.set(script, sha);
  }
  try {
    return await client.evalSha(sha, { keys, arguments: args });
  } catch (err) {
    if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
    return client.eval(script, { keys, arguments: args });
  }
}
