import { nanoid } from 'nanoid';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../lib/logger.js';
import type { PeerInfo } from '../contract/protocol.js';
import { RedisServer } from '../../../testkit/redis-server.js';
import { waitUntil } from '../../../testkit/wait.js';
import type { PresenceEvents } from './presence.js';
import { RedisChatHistory } from './redis-chat-history.js';
import { RedisPresence } from './redis-presence.js';
import { meetingKeys } from './redis-scripts.js';
import type { RedisClient } from './redis-scale-out.js';

const redis = new RedisServer();
const clients: RedisClient[] = [];
const logger = createLogger('silent');

async function instance(leaseMs = 5000): Promise<{ presence: RedisPresence; client: RedisClient }> {
  const client: RedisClient = createClient({ url: redis.url });
  client.on('error', () => {});
  await client.connect();
  clients.push(client);
  return { presence: new RedisPresence(client, { leaseMs, logger }), client };
}

const peer = (id: string): PeerInfo => ({
  id,
  displayName: `P ${id}`,
  joinedAt: new Date().toISOString(),
  media: { audio: true, video: false, screen: false },
});

function recordEvents() {
  const expired: string[] = [];
  const lost: string[] = [];
  const events: PresenceEvents = { expired: (_m, ids) => expired.push(...ids), lost: (_m, ids) => lost.push(...ids) };
  return { events, expired, lost };
}

beforeAll(async () => {
  await redis.start();
});
afterAll(async () => {
  for (const c of clients) if (c.isOpen) await c.close();
  await redis.stop();
});

describe('RedisPresence', () => {
  it('when two instances race for the last seats, then exactly max are admitted', async () => {
    const [a, b] = [await instance(), await instance()];
    const meetingId = nanoid();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).presence.tryAdd(meetingId, peer(`p${i}`), 3)),
    );
    expect(results.filter(Boolean)).toHaveLength(3);
    expect(await a.presence.count(meetingId)).toBe(3);
    await Promise.all([a.presence.close(), b.presence.close()]);
    expect(await a.presence.count(meetingId)).toBe(0);
  });

  it('when members join on different instances, then both list them in join order with their media', async () => {
    const [a, b] = [await instance(), await instance()];
    const meetingId = nanoid();
    for (const [i, id] of ['x1', 'x2', 'x3', 'x4'].entries()) await (i % 2 ? a : b).presence.tryAdd(meetingId, peer(id), 6);
    await b.presence.updateMedia(meetingId, 'x3', { audio: false, video: true, screen: true });
    const listed = await a.presence.list(meetingId);
    expect(listed.map((p) => p.id)).toEqual(['x1', 'x2', 'x3', 'x4']);
    expect(listed[2]).toEqual({ ...peer('x3'), joinedAt: listed[2]!.joinedAt, media: { audio: false, video: true, screen: true } });
    expect(await a.presence.has(meetingId, 'x4')).toBe(true);
    expect(await a.presence.remove(meetingId, 'x2')).toBe(true);
    expect(await b.presence.has(meetingId, 'x2')).toBe(false);
    await Promise.all([a.presence.close(), b.presence.close()]);
  });

  it('when an instance dies, then its members are purged after their lease and reported once', async () => {
    const a = await instance(600);
    const doomed = await instance(600);
    const meetingId = nanoid();
    const seen = recordEvents();
    a.presence.watch(seen.events);
    expect(await a.presence.tryAdd(meetingId, peer('alive'), 2)).toBe(true);
    expect(await doomed.presence.tryAdd(meetingId, peer('ghost'), 2)).toBe(true);
    doomed.client.destroy(); // a crash: no clean-up, no more renewals

    // The survivor's own heartbeat sweeps the meeting; no one has to join for it to happen.
    await waitUntil(() => seen.expired.includes('ghost'), 5000, 'the ghost to expire');
    expect(seen.expired).toEqual(['ghost']);
    expect((await a.presence.list(meetingId)).map((p) => p.id)).toEqual(['alive']);
    expect(seen.lost).toEqual([]); // the survivor's renewals kept its member
    expect(await a.presence.tryAdd(meetingId, peer('newcomer'), 2)).toBe(true);
    await a.presence.close();
    await doomed.presence.close();
  });

  it('when an own member vanishes from Redis, then the instance reports it lost', async () => {
    const a = await instance(600);
    const meetingId = nanoid();
    const seen = recordEvents();
    a.presence.watch(seen.events);
    await a.presence.tryAdd(meetingId, peer('me'), 2);
    await a.client.hDel(meetingKeys(meetingId).peers, 'me');
    await waitUntil(() => seen.lost.includes('me'), 5000, 'the member to be reported lost');
    await a.presence.close();
  });

  it('when nobody renews a meeting, then its keys expire from Redis', async () => {
    const a = await instance(400);
    const meetingId = nanoid();
    const chat = new RedisChatHistory(a.client, 800);
    await a.presence.tryAdd(meetingId, peer('solo'), 2);
    await chat.add(meetingId, { id: 'm1', from: 'solo', displayName: 'S', text: 'hi', sentAt: new Date().toISOString() });
    const k = meetingKeys(meetingId);
    expect(await a.client.exists([k.peers, k.leases, k.chat])).toBe(3);
    a.client.destroy();
    const observer = (await instance()).client;
    await waitUntil(async () => (await observer.exists([k.peers, k.leases, k.chat])) === 0, 5000, 'the keys to expire');
  });

  it('when the last member leaves, then the chat is cleared; while someone remains, it is kept', async () => {
    const a = await instance();
    const chat = new RedisChatHistory(a.client, 10_000, 3);
    const meetingId = nanoid();
    await a.presence.tryAdd(meetingId, peer('one'), 2);
    await a.presence.tryAdd(meetingId, peer('two'), 2);
    for (const n of [1, 2, 3, 4]) await chat.add(meetingId, { id: `m${n}`, from: 'one', displayName: 'O', text: `t${n}`, sentAt: '' });
    expect((await chat.list(meetingId)).map((m) => m.id)).toEqual(['m2', 'm3', 'm4']);
    await a.presence.remove(meetingId, 'one');
    await chat.clear(meetingId);
    expect(await chat.list(meetingId)).toHaveLength(3);
    await a.presence.remove(meetingId, 'two');
    await chat.clear(meetingId);
    expect(await chat.list(meetingId)).toEqual([]);
    await a.presence.close();
  });
});
