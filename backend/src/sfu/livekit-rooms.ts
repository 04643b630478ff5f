import { RoomServiceClient } from 'livekit-server-sdk';
import type { Logger } from '../lib/logger.js';
import type { SfuConfig } from './sfu-config.js';

export interface LiveKitRoomsOptions {
  /** Seats LiveKit enforces in each room (the backend admits no more anyway). */
  maxParticipants: number;
  /** How long a reachability answer is reused before asking LiveKit again. */
  probeTtlMs?: number;
}

const RECENT_MS = 10_000;
/** Bounds the memory of `recent`: clearing it only costs a few extra createRoom calls. */
const RECENT_MAX = 10_000;

const isNotFound = (err: unknown) => (err as { status?: number; code?: string }).status === 404 || (err as { code?: string }).code === 'not_found';

/**
 * The backend's side of LiveKit's server API. Rooms are created here, never by a client's
 * token (the server runs with `room.auto_create: false`), so only meetings the backend moved to
 * the SFU exist there.
 */
export class LiveKitRooms {
  private readonly client: RoomServiceClient;
  private probe: { at: number; up: boolean; pending?: Promise<boolean> } = { at: 0, up: false };
  /** Last reachability logged: each change is logged once, not every join. */
  private logged: boolean | undefined;
  /** Rooms this instance created or found recently: token requests reuse that answer briefly. */
  private readonly recent = new Map<string, number>();

  constructor(
    private readonly config: SfuConfig,
    private readonly logger: Logger,
    private readonly options: LiveKitRoomsOptions,
  ) {
    this.client = new RoomServiceClient(config.apiUrl, config.apiKey, config.apiSecret, { requestTimeout: 3, failover: false });
  }

  /** Can meetings move to the SFU right now? A cheap authenticated call, shared by concurrent callers. */
  reachable(): Promise<boolean> {
    const ttl = this.options.probeTtlMs ?? 2000;
    if (this.probe.pending) return this.probe.pending;
    if (Date.now() - this.probe.at < ttl) return Promise.resolve(this.probe.up);
    const pending = this.client.listRooms(['-']).then(
      () => this.note(true),
      (err: unknown) => this.note(false, err),
    );
    this.probe = { ...this.probe, pending };
    return pending;
  }

  /** Marks LiveKit as down at once (a failed call), so the next joiners do not wait on it. */
  markDown(err: unknown): void {
    this.note(false, err);
  }

  private note(up: boolean, err?: unknown): boolean {
    this.probe = { at: Date.now(), up };
    if (this.logged !== up) {
      this.logged = up;
      if (up) this.logger.info({ sfu: this.config.apiUrl }, 'LiveKit SFU reachable: meetings past the mesh cap move to it');
      else {
        this.logger.warn(
          { sfu: this.config.apiUrl, err: (err as Error | undefined)?.message },
          'LiveKit SFU unreachable: meetings stay peer to peer and are full at the mesh cap until it is back',
        );
      }
    }
    return up;
  }

  /**
   * `ensureRoom`, skipped when this instance did it within `RECENT_MS`: a member asking for
   * tokens in a loop (up to the per-connection event budget) must not turn into as many LiveKit
   * calls. Should LiveKit drop the room meanwhile, the client's connect fails and its retry,
   * after the window, recreates it.
   */
  async ensureRoomSoon(meetingId: string): Promise<void> {
    const at = this.recent.get(meetingId);
    if (at !== undefined && Date.now() - at < RECENT_MS) return;
    await this.ensureRoom(meetingId);
  }

  /** Creates the meeting's room, or finds it there (createRoom is idempotent for a name). */
  async ensureRoom(meetingId: string): Promise<void> {
    this.recent.delete(meetingId);
    await this.client.createRoom({
      name: meetingId,
      maxParticipants: this.options.maxParticipants,
      // Closed by LiveKit if nobody arrives within 5 min, or 20 s after the last one leaves;
      // the backend recreates it on the next token request.
      emptyTimeout: 300,
      departureTimeout: 20,
    });
    if (this.recent.size >= RECENT_MAX) this.recent.clear();
    this.recent.set(meetingId, Date.now());
  }

  /** Disconnects `identity` from the meeting's room; absent (never connected, already gone) is fine. */
  async removeParticipant(meetingId: string, identity: string): Promise<void> {
    try {
      await this.client.removeParticipant(meetingId, identity);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  async deleteRoom(meetingId: string): Promise<void> {
    this.recent.delete(meetingId);
    try {
      await this.client.deleteRoom(meetingId);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  /** Identities LiveKit holds in the meeting's room (tests and reconciliation). */
  async participants(meetingId: string): Promise<string[]> {
    try {
      return (await this.client.listParticipants(meetingId)).map((p) => p.identity);
    } catch (err) {
      if (isNotFound(err)) return [];
      throw err;
    }
  }

  async roomExists(meetingId: string): Promise<boolean> {
    return (await this.client.listRooms([meetingId])).length > 0;
  }
}
