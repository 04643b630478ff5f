import type { ChatMessage } from '../protocol.js';

/** The last few chat messages of each live meeting, so late joiners see the conversation. */
export class ChatHistory {
  private readonly byMeeting = new Map<string, ChatMessage[]>();

  constructor(private readonly limit = 100) {}

  add(meetingId: string, message: ChatMessage): void {
    const list = this.byMeeting.get(meetingId) ?? [];
    list.push(message);
    if (list.length > this.limit) list.splice(0, list.length - this.limit);
    this.byMeeting.set(meetingId, list);
  }

  list(meetingId: string): ChatMessage[] {
    return [...(this.byMeeting.get(meetingId) ?? [])];
  }

  /** Called when the last person leaves: chat lives as long as the meeting's session. */
  clear(meetingId: string): void {
    this.byMeeting.delete(meetingId);
  }
}
