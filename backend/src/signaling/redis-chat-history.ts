import type { ChatMessage } from '../contract/protocol.js';
import type { ChatStore } from './chat-history.js';
import { CLEAR_CHAT_IF_EMPTY, meetingKeys, runScript } from './redis-scripts.js';
import type { RedisClient } from './redis-scale-out.js';

/**
 * Chat history shared by every instance: a capped Redis list per meeting, next to its presence
 * keys. It expires with them when no instance renews the meeting (see the heartbeat script).
 */
export class RedisChatHistory implements ChatStore {
  constructor(
    private readonly client: RedisClient,
    private readonly ttlMs: number,
    private readonly limit = 100,
  ) {}

  async add(meetingId: string, message: ChatMessage): Promise<void> {
    const key = meetingKeys(meetingId).chat;
    await this.client
      .multi()
      .rPush(key, JSON.stringify(message))
      .lTrim(key, -this.limit, -1)
      .pExpire(key, this.ttlMs)
      .exec();
  }

  async list(meetingId: string): Promise<ChatMessage[]> {
    const raw = await this.client.lRange(meetingKeys(meetingId).chat, 0, -1);
    return raw.map((m) => JSON.parse(m) as ChatMessage);
  }

  async clear(meetingId: string): Promise<void> {
    const k = meetingKeys(meetingId);
    await runScript(this.client, CLEAR_CHAT_IF_EMPTY, [k.peers, k.chat], []);
  }
}
