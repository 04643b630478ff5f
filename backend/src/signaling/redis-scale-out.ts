import { createAdapter } from '@socket.io/redis-streams-adapter';
import { nanoid } from 'nanoid';
import { createClient } from 'redis';
import { redactUri } from '../lib/db.js';
import type { Logger } from '../lib/logger.js';
import { RedisChatHistory } from './redis-chat-history.js';
import { RedisInbox } from './redis-inbox.js';
import { RedisPresence } from './redis-presence.js';

export type RedisClient = ReturnType<typeof createClient>;

/**
 * Everything one instance needs to share signaling with the others through Redis.
 *
 * Adapter choice: `@socket.io/redis-streams-adapter` rather than the sharded pub/sub
 * `@socket.io/redis-adapter`. Signaling packets are not disposable: a lost offer, answer or ICE
 * candidate leaves a call stuck connecting. Pub/sub drops whatever is published while an
 * instance's subscriber is reconnecting; the streams adapter reads a Redis stream from its last
 * offset, so a short Redis blip delays packets instead of losing them (and publishes made during
 * the blip wait in node-redis's offline queue). It also supports connection state recovery.
 * Our traffic is a few signaling messages per join, far from what needs sharded pub/sub; should
 * it ever, the adapter's `streamCount` spreads namespaces over several streams (Redis Cluster).
 */
export interface RedisScaleOut {
  client: RedisClient;
  adapter: ReturnType<typeof createAdapter>;
  presence: RedisPresence;
  chat: RedisChatHistory;
  /** Relays to members on other instances go to that instance's inbox only. */
  inbox: RedisInbox;
  /** Resolves once this instance's stream reader is blocked on XREAD, i.e. receives broadcasts. */
  ready(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function connectRedis(url: string, leaseMs: number, logger: Logger): Promise<RedisScaleOut> {
  const instanceId = `meet-${process.pid}-${nanoid(8).replace(/[^A-Za-z0-9]/g, 'x')}`;
  // The name (copied to the adapter's duplicated clients) identifies this instance in CLIENT LIST.
  const client: RedisClient = createClient({ url, name: instanceId });
  let lastError = '';
  client.on('error', (err: Error) => {
    // Reconnection is automatic; log each distinct failure once rather than every retry.
    if (err.message !== lastError) logger.warn({ err: err.message }, 'Redis connection error');
    lastError = err.message;
  });
  client.on('ready', () => (lastError = ''));
  // Retries until Redis answers: an instance that cannot share state must not take traffic.
  logger.info({ redis: redactUri(url), instanceId }, 'connecting to Redis (scale-out mode)');
  await client.connect();

  const presence = new RedisPresence(client, { leaseMs, logger, instanceId });
  const inbox = new RedisInbox(client, { instanceId, logger });
  await inbox.start();
  return {
    client,
    adapter: createAdapter(client),
    presence,
    inbox,
    chat: new RedisChatHistory(client, 2 * leaseMs),
    async ready(timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      // The reader starts at "$" (new entries only): until it blocks on XREAD, broadcasts from
      // other instances would pass it by.
      while (Date.now() < deadline) {
        const clients = await client.clientList();
        if (clients.some((c) => c.name === instanceId && c.cmd === 'xread')) return;
        await new Promise((r) => setTimeout(r, 20));
      }
      logger.warn('the Socket.io Redis stream reader did not start in time; continuing');
    },
    /** Call after `presence.close()`: waits for queued commands (the last `user-left`s), then quits. */
    async close() {
      await inbox.close();
      await client.close();
    },
  };
}
