import type { ChatMessage } from '../contract/protocol.js';

/** The last few chat messages of each live meeting, so late joiners see the conversation. */
export interface ChatStore {
  add(meetingId: string, message: ChatMessage): Promise<void>;
  /** Oldest first. */
  list(meetingId: string): Promise<ChatMessage[]>;
  /** Called when the last person leaves: chat lives as long as the meeting's session. */
  clear(meetingId: string): Promise<void>;
}

/** Single-process chat history, in memory. */
export class ChatHistory implements ChatStore {
  private readonly byMeeting = new Map<string, ChatMessage[]>();

  constructor(private readonly limit = 100) {}

  async add(meetingId: string, message: ChatMessage): Promise<void> {
    const list = this.byMeeting.get(meetingId) ?? [];
    list.push(message);
    if (list.length > this.limit) list.splice(0, list.length - this.limit);
    this.byMeeting.set(meetingId, list);
  }

  async list(meetingId: string): Promise<ChatMessage[]> {
    return [...(this.byMeeting.get(meetingId) ?? [])];
  }

  async clear(meetingId: string): Promise<void> {
    this.byMeeting.delete(meetingId);
  }
}
