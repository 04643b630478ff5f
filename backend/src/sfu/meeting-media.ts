import type { Config } from '../config.js';
import type { MediaModeInfo, ServerToClientEvents, SfuTokenResult } from '../contract/protocol.js';
import { AppError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type { Presence } from '../signaling/presence.js';
import type { LiveKitRooms } from './livekit-rooms.js';
import type { MediaModeStore } from './media-mode-store.js';
import { mintSfuToken, type TokenSubject } from './sfu-tokens.js';

/** How the meeting tells its members about a switch (Socket.io room broadcast, across instances). */
export type Announce = (meetingId: string, ...args: Parameters<ServerToClientEvents['media-mode']>) => void;

export interface MeetingMediaDeps {
  config: Pick<Config, 'meetings' | 'sfu'>;
  logger: Logger;
  presence: Presence;
  modes: MediaModeStore;
  /** Undefined when no SFU is configured: every meeting stays mesh. */
  rooms: LiveKitRooms | undefined;
}

/**
 * Decides how each meeting's media flows: peer to peer while it is small, through the LiveKit
 * SFU once it outgrows the mesh, and back to mesh only when it empties (no flapping at the
 * boundary). Owns seat limits, the switch, SFU tokens and LiveKit clean-up; the signaling
 * handlers call it at join, leave and token requests.
 */
export class MeetingMedia {
  private announce: Announce = () => undefined;
  private warnedNoSfu = false;

  constructor(private readonly deps: MeetingMediaDeps) {}

  /** Set once Socket.io exists (it is created after this). */
  bind(announce: Announce): void {
    this.announce = announce;
  }

  get sfuConfigured(): boolean {
    return this.deps.rooms !== undefined;
  }

  private get meshMax(): number {
    return Math.min(this.deps.config.meetings.meshMaxParticipants, this.deps.config.meetings.maxParticipants);
  }

  /** Says once, at start-up, which kind of meetings this server runs. */
  logSetup(): void {
    const { meetings, sfu } = this.deps.config;
    if (sfu) {
      this.deps.logger.info(
        { sfu: sfu.url, meshMaxParticipants: meetings.meshMaxParticipants, maxParticipants: meetings.maxParticipants },
        'LiveKit SFU configured: meetings move to it past the mesh cap',
      );
    } else if (!this.warnedNoSfu) {
      this.warnedNoSfu = true;
      this.deps.logger.info(
        { maxParticipants: meetings.maxParticipants },
        'No SFU configured (LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET): meetings stay peer to peer',
      );
    }
  }

  /**
   * Seats the next joiner may take. With a reachable SFU (or a meeting already on it) the full
   * MAX_PARTICIPANTS; with an SFU configured but down, the mesh cap; with none, MAX_PARTICIPANTS
   * (which then defaults to the mesh cap).
   */
  async seatLimit(meetingId: string): Promise<number> {
    const { rooms } = this.deps;
    const max = this.deps.config.meetings.maxParticipants;
    if (!rooms || max <= this.meshMax) return max;
    if ((await this.deps.modes.get(meetingId)) === 'sfu') return max;
    // Only a joiner who would cross the mesh cap needs the SFU: the others never wait on a probe
    // (should they race past the cap together, `grow` sorts it out).
    if ((await this.deps.presence.count(meetingId)) < this.meshMax) return max;
    return (await rooms.reachable()) ? max : this.meshMax;
  }

  /**
   * Right after a seat was taken: moves the meeting to the SFU when it just outgrew the mesh.
   * The room is created first (tokens need it), then one compare-and-swap decides; only its
   * winner announces, so a race of joiners, on one instance or several, switches once.
   * Returns false when the SFU failed us now: the caller gives the seat back (meeting full).
   */
  async grow(meetingId: string): Promise<boolean> {
    const { rooms, modes, presence, logger } = this.deps;
    if (!rooms) return true;
    try {
      if ((await modes.get(meetingId)) === 'sfu') return true;
      const count = await presence.count(meetingId);
      if (count <= this.meshMax) return true;
      try {
        await rooms.ensureRoom(meetingId);
      } catch (err) {
        rooms.markDown(err);
        return false;
      }
      const result = await modes.compareAndSet(meetingId, 'mesh', 'sfu');
      if (result.swapped) {
        logger.info({ meetingId, participants: count }, 'meeting outgrew the mesh: moving it to the SFU');
        this.announce(meetingId, this.info('sfu'));
      }
      return true;
    } catch (err) {
      // The shared store failed (Redis away): the caller gives the seat back rather than leak it.
      logger.warn({ err: (err as Error).message, meetingId }, 'could not decide the media mode');
      return false;
    }
  }

  /** The mode for a join ack; read after the joiner entered the Socket.io room, so no switch is missed. */
  async current(meetingId: string): Promise<MediaModeInfo> {
    return this.info(this.deps.rooms ? await this.deps.modes.get(meetingId) : 'mesh');
  }

  /** A token for a member of an SFU meeting (membership is checked by the caller). */
  async token(subject: TokenSubject): Promise<SfuTokenResult> {
    const { rooms, config, modes } = this.deps;
    if (!rooms || !config.sfu || (await modes.get(subject.meetingId)) !== 'sfu') {
      throw new AppError('SFU_NOT_ACTIVE', 409, 'This meeting runs peer to peer; it has no SFU room.');
    }
    // LiveKit closes idle rooms and forgets them on restart; with auto-create off, a token for a
    // room that is gone would be refused, so make sure it is there.
    try {
      await rooms.ensureRoomSoon(subject.meetingId);
    } catch (err) {
      rooms.markDown(err);
      throw new AppError('SFU_UNAVAILABLE', 503, 'The media server is unreachable; try again in a moment.');
    }
    return mintSfuToken(config.sfu, subject);
  }

  /**
   * A member is gone (left, disconnected, purged): take them out of the LiveKit room too, since
   * their token stays valid until it expires; and if the meeting is now empty, it starts over as
   * mesh. Never throws: clean-up failures are logged.
   */
  async left(meetingId: string, participantId: string): Promise<void> {
    const { rooms, modes, logger } = this.deps;
    if (!rooms) return;
    try {
      const emptied = await modes.resetIfEmpty(meetingId);
      if (emptied !== null) {
        if (emptied === 'sfu') logger.info({ meetingId }, 'SFU meeting emptied: back to peer to peer for the next people');
        // Whatever mode was read (a concurrent read may have reset it first), an empty meeting
        // has no room: deleting it disconnects whoever still holds a connection, the leaver too.
        await rooms.deleteRoom(meetingId);
      } else if (emptied === null && (await modes.get(meetingId)) === 'sfu') {
        await rooms.removeParticipant(meetingId, participantId);
      }
    } catch (err) {
      logger.warn({ err: (err as Error).message, meetingId, participantId }, 'could not remove a participant from the SFU room');
    }
  }

  private info(mode: MediaModeInfo['mode']): MediaModeInfo {
    return mode === 'sfu' && this.deps.config.sfu ? { mode, url: this.deps.config.sfu.url } : { mode: 'mesh' };
  }
}
