import type { ChatMessage } from '../contract/protocol.js';

/** The last few chat messages of each live meeting, so late joiners see the conversation. */
export interface ChatStore {
  add(meetingId: string, message: ChatMessage): Promise<void>;
  /** Oldest first. */
  list(meetingId: string): Promise<ChatMessage[]>;
  /** Called when the last person leaves: chat lives as long as the meeting's session. */
  clear(meetingId: string): Promise<void>;
}

/** What one stored message costs, roughly: its strings (UTF-16) plus object overhead. */
export function messageBytes(m: ChatMessage): number {
  return 2 * (m.id.length + m.from.length + m.displayName.length + m.text.length + m.sentAt.length) + 120;
}

/**
 * Single-process chat history, in memory: `perMeeting` messages each, and `maxBytes` in all. Past
 * the global budget, whole histories go, least recently written meeting first (the Map keeps
 * meetings in that order), so many busy meetings cost a bounded amount and the meetings people
 * are talking in right now keep theirs.
 */
export class ChatHistory implements ChatStore {
  private readonly byMeeting = new Map<string, { messages: ChatMessage[]; bytes: number }>();
  private totalBytes = 0;

  constructor(
    private readonly perMeeting = 100,
    private readonly maxBytes = 32 * 1024 * 1024,
  ) {}

  /** Bytes held, by `messageBytes`. */
  get bytes(): number {
    return this.totalBytes;
  }

  async add(meetingId: string, message: ChatMessage): Promise<void> {
    const entry = this.byMeeting.get(meetingId) ?? { messages: [], bytes: 0 };
    this.byMeeting.delete(meetingId); // re-inserted last: most recently written
    this.byMeeting.set(meetingId, entry);
    entry.messages.push(message);
    this.grow(entry, messageBytes(message));
    while (entry.messages.length > this.perMeeting) this.grow(entry, -messageBytes(entry.messages.shift()!));
    for (const [id, oldest] of this.byMeeting) {
      if (this.totalBytes <= this.maxBytes || id === meetingId) break;
      this.byMeeting.delete(id);
      this.totalBytes -= oldest.bytes;
    }
  }

  async list(meetingId: string): Promise<ChatMessage[]> {
    return [...(this.byMeeting.get(meetingId)?.messages ?? [])];
  }

  async clear(meetingId: string): Promise<void> {
    const entry = this.byMeeting.get(meetingId);
    if (!entry) return;
    this.byMeeting.delete(meetingId);
    this.totalBytes -= entry.bytes;
  }

  private grow(entry: { bytes: number }, delta: number): void {
    entry.bytes += delta;
    this.totalBytes += delta;
  }
}
