import type { WebhookEvent } from 'livekit-server-sdk';
import type { Logger } from '../lib/logger.js';
import { Attendance } from '../meetings/attendance.model.js';
import type { Presence } from '../signaling/presence.js';
import { roomOf, type IoServer } from '../signaling/context.js';
import type { LiveKitRooms } from './livekit-rooms.js';
import type { MeetingMedia } from './meeting-media.js';

export interface ReconcilerDeps {
  presence: Presence;
  media: MeetingMedia;
  rooms: LiveKitRooms;
  logger: Logger;
}

/** What a webhook changed, for logs and tests. */
export type Reconciled = 'ignored' | 'removed-from-sfu' | 'seat-released' | 'noted';

/**
 * Brings presence and attendance in line with what LiveKit saw. Signaling stays the source of
 * truth for membership; LiveKit's view only corrects it:
 * - someone in the SFU room who is not a member (left, yet still holding a valid token) is
 *   removed from the room;
 * - a member LiveKit says left, whose Socket.io connection is gone everywhere (an instance died
 *   before its lease ran out), loses the seat now: the meeting hears `user-left`, attendance closes.
 */
export class SfuReconciler {
  private io: IoServer | undefined;
  private readonly listeners = new Set<(event: WebhookEvent, outcome: Reconciled) => void>();

  constructor(private readonly deps: ReconcilerDeps) {}

  bind(io: IoServer): void {
    this.io = io;
  }

  /** Observes handled events (tests wait on real LiveKit deliveries with this). */
  onEvent(listener: (event: WebhookEvent, outcome: Reconciled) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async handle(event: WebhookEvent): Promise<Reconciled> {
    const outcome = await this.reconcile(event);
    for (const listener of this.listeners) listener(event, outcome);
    return outcome;
  }

  private async reconcile(event: WebhookEvent): Promise<Reconciled> {
    const { presence, rooms, logger, media } = this.deps;
    const meetingId = event.room?.name;
    const identity = event.participant?.identity;
    if (!meetingId) return 'ignored';
    switch (event.event) {
      case 'participant_joined': {
        if (!identity || (await presence.has(meetingId, identity))) return 'noted';
        logger.warn({ meetingId, identity }, 'SFU participant is not a member of the meeting: removing it');
        await rooms.removeParticipant(meetingId, identity);
        return 'removed-from-sfu';
      }
      case 'participant_left':
      case 'participant_connection_aborted': {
        if (!identity || !(await presence.has(meetingId, identity)) || (await this.socketAlive(identity))) return 'noted';
        if (!(await presence.remove(meetingId, identity))) return 'noted';
        logger.info({ meetingId, identity }, 'SFU says a member left whose connection is gone: releasing the seat');
        this.io?.to(roomOf(meetingId)).emit('user-left', { id: identity, reason: 'disconnected' });
        await Attendance.updateOne({ meetingId, participantId: identity, leftAt: null }, { $set: { leftAt: new Date(), leaveReason: 'sfu-left' } })
          .exec()
          .catch((err: unknown) => logger.warn({ err: (err as Error).message }, 'could not close the attendance record'));
        await media.left(meetingId, identity);
        return 'seat-released';
      }
      default:
        return 'noted';
    }
  }

  /** Any instance holding a socket with this id (the adapter asks them all). */
  private async socketAlive(id: string): Promise<boolean> {
    if (!this.io) return true; // not serving yet: never release a seat on a guess
    return (await this.io.in(id).fetchSockets()).length > 0;
  }
}
