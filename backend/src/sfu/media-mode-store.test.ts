import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RedisClient } from '../signaling/redis-scale-out.js';
import { meetingKeys } from '../signaling/redis-scripts.js';
import { RedisServer } from '../../../testkit/redis-server.js';
import { MemoryMediaModeStore, type MediaModeStore } from './media-mode-store.js';
import { RedisMediaModeStore } from './redis-media-mode-store.js';

const redis = new RedisServer();
let clients: RedisClient[] = [];
const members = new Map<string, number>();

async function redisClient(): Promise<RedisClient> {
  const c: RedisClient = createClient({ url: redis.url });
  await c.connect();
  clients.push(c);
  return c;
}

beforeAll(async () => {
  await redis.start();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  clients = [];
  await redis.stop();
});

/** Each implementation with a way to say "someone is in the meeting" as its presence would. */
const implementations: Array<[string, () => Promise<{ stores: MediaModeStore[]; occupy(meetingId: string, n: number): Promise<void> }>]> = [
  [
    'in memory (one instance)',
    async () => {
      const store = new MemoryMediaModeStore(async (id) => members.get(id) ?? 0);
      return { stores: [store, store], occupy: async (id, n) => void members.set(id, n) };
    },
  ],
  [
    'in Redis (two instances)',
    async () => {
      const [a, b] = [await redisClient(), await redisClient()];
      return {
        stores: [new RedisMediaModeStore(a), new RedisMediaModeStore(b)],
        occupy: async (id, n) => {
          const key = meetingKeys(id).peers;
          await a.del(key);
          for (let i = 0; i < n; i++) await a.hSet(key, `p${i}`, '{}');
        },
      };
    },
  ],
];

let seq = 0;
describe.each(implementations)('the media mode store %s', (_name, make) => {
  it('when many switch attempts race, then exactly one succeeds and every instance reads the same mode', async () => {
    const { stores, occupy } = await make();
    const meetingId = `race-${seq++}`;
    await occupy(meetingId, 5);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => stores[i % 2]!.compareAndSet(meetingId, 'mesh', 'sfu')));
    expect(results.filter((r) => r.swapped)).toHaveLength(1);
    expect(results.every((r) => r.mode === 'sfu')).toBe(true);
    expect(await stores[0]!.get(meetingId)).toBe('sfu');
    expect(await stores[1]!.get(meetingId)).toBe('sfu');
  });

  it('when someone is still in, then the mode is kept; when the meeting is empty, then it starts over as mesh', async () => {
    const { stores, occupy } = await make();
    const meetingId = `reset-${seq++}`;
    await occupy(meetingId, 1);
    await stores[0]!.compareAndSet(meetingId, 'mesh', 'sfu');
    expect(await stores[1]!.resetIfEmpty(meetingId)).toBeNull();
    expect(await stores[1]!.get(meetingId)).toBe('sfu');
    await occupy(meetingId, 0);
    expect(await stores[1]!.resetIfEmpty(meetingId)).toBe('sfu');
    expect(await stores[0]!.get(meetingId)).toBe('mesh');
    expect(await stores[0]!.resetIfEmpty(meetingId)).toBe('mesh');
  });

  it('when the mode is not what the caller expected, then nothing changes', async () => {
    const { stores, occupy } = await make();
    const meetingId = `cas-${seq++}`;
    await occupy(meetingId, 3);
    expect(await stores[0]!.compareAndSet(meetingId, 'sfu', 'mesh')).toEqual({ swapped: false, mode: 'mesh' });
    expect(await stores[0]!.compareAndSet(meetingId, 'mesh', 'mesh')).toEqual({ swapped: false, mode: 'mesh' });
    expect(await stores[1]!.get(meetingId)).toBe('mesh');
  });
});
