import type { ChatMessage, ChatSent, IceServersResult, JoinMeetingRequest, JoinMeetingResult, MediaState, SfuTokenResult } from '@contract/protocol';
import { SignalingError, type HostCommands, type SessionSignaling, type SignalingEvents } from '../signaling-client';
import { TypedEmitter } from '../typed-emitter';

/** Signaling without a server: records what the session sends, and the test plays the server. */
export class FakeSignaling extends TypedEmitter<SignalingEvents> implements SessionSignaling {
  readonly joins: JoinMeetingRequest[] = [];
  readonly mediaUpdates: MediaState[] = [];
  closed = false;
  left = false;
  private chatCount = 0;

  constructor(private readonly answer: (request: JoinMeetingRequest) => JoinMeetingResult | SignalingError) {
    super();
  }

  get idle(): boolean {
    return !this.closed && this.joins.length === 0;
  }

  async connect(): Promise<void> {}

  async join(request: JoinMeetingRequest): Promise<JoinMeetingResult> {
    this.joins.push(request);
    await Promise.resolve();
    const result = this.answer(request);
    if (result instanceof SignalingError) throw result;
    return result;
  }

  updateMedia(media: MediaState): void {
    this.mediaUpdates.push(media);
  }

  async sendChat(text: string): Promise<ChatSent> {
    this.chatCount += 1;
    const message: ChatMessage = { id: `m${this.chatCount}`, from: 'me', displayName: 'Me', text, sentAt: new Date(Date.UTC(2030, 0, 1, 0, 0, this.chatCount)).toISOString() };
    // Like the server: the sender gets a small ack and the message itself as the broadcast.
    this.fire('chat-message', message);
    return { id: message.id, sentAt: message.sentAt };
  }

  async refreshIceServers(): Promise<IceServersResult> {
    return { iceServers: [] };
  }

  readonly tokenRequests: string[] = [];

  async sfuToken(meetingId: string): Promise<SfuTokenResult> {
    this.tokenRequests.push(meetingId);
    return { url: 'ws://sfu.test', token: `token-${this.tokenRequests.length}`, expiresAt: new Date(Date.now() + 600_000).toISOString() };
  }

  /** Host commands sent, in order; `refuse` makes the next ones fail with that error. */
  readonly commands: { event: keyof HostCommands; payload: unknown }[] = [];
  refuse: SignalingError | null = null;

  async hostCommand<E extends keyof HostCommands>(event: E, payload: HostCommands[E]): Promise<void> {
    this.commands.push({ event, payload });
    await Promise.resolve();
    if (this.refuse) throw this.refuse;
  }

  sendDescription(): void {}
  sendCandidate(): void {}

  leave(): void {
    this.left = true;
    this.close();
  }

  close(): void {
    this.closed = true;
    this.removeAllListeners();
  }

  /** Plays a server event (or a client-side one such as `dropped`). */
  fire<K extends keyof SignalingEvents>(event: K, payload: SignalingEvents[K]): void {
    this.emit(event, payload);
  }
}
