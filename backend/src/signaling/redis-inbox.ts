import type { Logger } from '../lib/logger.js';
import type { RelayInbox } from './context.js';
import type { RedisClient } from './redis-scale-out.js';

/** What one relayed packet carries between instances: the member room, the event, its payload. */
export type InboxPacket = [room: string, event: string, data: unknown];

export interface RedisInboxOptions {
  instanceId: string;
  logger: Logger;
  /** An instance's inbox outlives its last renewal by this long (its heartbeat renews it). */
  ttlMs?: number;
}

const inboxKey = (instanceId: string) => `meet:inbox:{${instanceId}}`;
/** Entries kept per inbox: a reader more than this far behind has lost its members anyway. */
const MAX_LENGTH = '10000';
const BLOCK_MS = '1000';

/**
 * One Redis stream per instance, read only by that instance: a relay to a member on another
 * instance is appended to that instance's inbox, so only the addressee's instance decodes it (the
 * Socket.io streams adapter has one stream that every instance reads and decodes in full). A
 * stream rather than pub/sub for the adapter's reason: a reader that reconnects after a Redis blip
 * resumes from its last id, so an offer or a candidate is delayed, not lost. `NOMKSTREAM`: an inbox
 * whose instance died expires and is never recreated by a late sender.
 */
export class RedisInbox implements RelayInbox {
  private readonly key: string;
  private deliver: ((room: string, event: string, data: unknown) => void) | null = null;
  private reader: RedisClient | null = null;
  private lastId = '0-0';
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly renewal: NodeJS.Timeout;

  constructor(
    private readonly client: RedisClient,
    private readonly options: RedisInboxOptions,
  ) {
    this.key = inboxKey(options.instanceId);
    const ttl = options.ttlMs ?? 60_000;
    this.renewal = setInterval(() => void this.client.pExpire(this.key, ttl).catch(() => undefined), Math.floor(ttl / 3));
    this.renewal.unref();
  }

  /** Where packets that arrive for this instance go (its local sockets); set by the signaling server. */
  onPacket(deliver: (room: string, event: string, data: unknown) => void): void {
    this.deliver = deliver;
  }

  /** Creates this instance's inbox and starts reading it. */
  async start(): Promise<void> {
    // The first entry creates the stream; reading starts after it.
    this.lastId = String(await this.client.sendCommand(['XADD', this.key, '*', 'hello', this.options.instanceId]));
    await this.client.pExpire(this.key, this.options.ttlMs ?? 60_000);
    this.reader = this.client.duplicate();
    this.reader.on('error', () => undefined); // the main client logs connection trouble
    await this.reader.connect();
    this.running = true;
    this.loop = this.read();
  }

  /** Appends a packet to `instanceId`'s inbox; false when that inbox no longer exists (its instance died). */
  async send(instanceId: string, packet: InboxPacket): Promise<boolean> {
    const id = await this.client.sendCommand(['XADD', inboxKey(instanceId), 'NOMKSTREAM', 'MAXLEN', '~', MAX_LENGTH, '*', 'p', JSON.stringify(packet)]);
    return id !== null;
  }

  async close(): Promise<void> {
    this.running = false;
    clearInterval(this.renewal);
    // Closing the reader aborts its blocked XREAD.
    this.reader?.destroy();
    await this.loop;
    await this.client.del(this.key).catch(() => undefined);
  }

  private async read(): Promise<void> {
    while (this.running && this.reader) {
      let reply: unknown;
      try {
        reply = await this.reader.sendCommand(['XREAD', 'COUNT', '200', 'BLOCK', BLOCK_MS, 'STREAMS', this.key, this.lastId]);
      } catch (err) {
        if (!this.running) return;
        this.options.logger.warn({ err: (err as Error).message }, 'relay inbox read failed; retrying');
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      // RESP2: [[key, [[id, [field, value]], ...]]], or null after BLOCK ms without entries.
      const streams = reply as [string, [string, string[]][]][] | null;
      for (const [, entries] of streams ?? []) {
        for (const [id, fields] of entries) {
          this.lastId = id;
          if (fields[0] !== 'p' || fields[1] === undefined) continue;
          this.dispatch(fields[1]);
        }
      }
    }
  }

  private dispatch(raw: string): void {
    try {
      const [room, event, data] = JSON.parse(raw) as InboxPacket;
      this.deliver?.(room, event, data);
    } catch (err) {
      this.options.logger.warn({ err: (err as Error).message }, 'dropped a malformed relay packet');
    }
  }
}
