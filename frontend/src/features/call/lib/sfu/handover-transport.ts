import {
  NO_MEDIA,
  type MediaConnectionState,
  type MediaTransport,
  type MediaTransportEvents,
  type ParticipantStats,
  type RemoteMedia,
  type TrackKind,
  type TransportParticipant,
  type TransportSetup,
} from '../media-transport';
import type { MediaSources } from '@contract/protocol';
import { TypedEmitter } from '../typed-emitter';
import type { Viewport } from './tile-viewport';

export interface HandoverOptions {
  /** Resolves once a video track has presented a frame (see first-frame.ts). */
  firstFrame: (track: MediaStreamTrack) => Promise<unknown>;
  /**
   * Once the first participant moved (the new transport works), the old one closes at the latest
   * this long after. Until then it stays: an SFU that cannot be reached leaves the mesh running.
   */
  boundMs?: number;
  /** Every participant moved and the old transport is closed. */
  done?: () => void;
}

const isLive = (track: MediaStreamTrack | null): track is MediaStreamTrack => track?.readyState === 'live';

/**
 * Make-before-break from one transport to another (mesh → SFU), seen from outside as one
 * transport. Both run side by side; per participant, what the session sees comes from the old one
 * until the new one has a track that is playing (video: a presented frame; no video: live audio),
 * then from the new one only. Since each participant has one audio element, swapping their audio
 * track also means nobody is heard twice. Once everyone moved (or `boundMs` after the first one
 * did) the old transport closes and this one simply forwards to the new one.
 */
export class HandoverTransport extends TypedEmitter<MediaTransportEvents> implements MediaTransport {
  readonly kind: MediaTransport['kind'];
  private old: MediaTransport | null;
  private readonly participants = new Set<string>();
  private readonly moved = new Set<string>();
  private readonly pending = new Set<string>();
  private readonly unsubscribe: (() => void)[] = [];
  private bound: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(
    old: MediaTransport,
    readonly next: MediaTransport,
    private readonly options: HandoverOptions,
  ) {
    super();
    this.kind = next.kind;
    this.old = old;
    this.unsubscribe.push(
      old.on('media', ({ participantId, media }) => {
        if (!this.moved.has(participantId)) this.emit('media', { participantId, media });
      }),
      old.on('state', (event) => {
        if (!this.moved.has(event.participantId)) this.emit('state', event);
      }),
      old.on('unannounced', (event) => this.emit('unannounced', event)),
      next.on('media', ({ participantId, media }) => this.nextMedia(participantId, media)),
      next.on('state', (event) => {
        if (this.moved.has(event.participantId)) this.emit('state', event);
      }),
      next.on('unannounced', (event) => this.emit('unannounced', event)),
    );
  }

  /** True once the old transport is closed. */
  get finished(): boolean {
    return this.old === null;
  }

  /** Participants whose media comes from the new transport (for tests and the test hook). */
  movedIds(): string[] {
    return [...this.moved];
  }

  connect(setup: TransportSetup): void {
    this.next.connect(setup);
  }

  addParticipant(participant: TransportParticipant, options: { initiator: boolean }): void {
    this.participants.add(participant.id);
    this.old?.addParticipant(participant, options);
    this.next.addParticipant(participant, options);
    this.nextMedia(participant.id, this.next.remoteMedia(participant.id));
  }

  updateParticipant(participant: TransportParticipant): void {
    this.old?.updateParticipant(participant);
    this.next.updateParticipant(participant);
  }

  removeParticipant(participantId: string): void {
    this.participants.delete(participantId);
    this.moved.delete(participantId);
    this.old?.removeParticipant(participantId);
    this.next.removeParticipant(participantId);
    this.checkDone();
  }

  setLocalTrack(kind: TrackKind, track: MediaStreamTrack | null): void {
    this.old?.setLocalTrack(kind, track);
    this.next.setLocalTrack(kind, track);
  }

  setViewport(participantId: string, viewport: Viewport): void {
    this.old?.setViewport?.(participantId, viewport);
    this.next.setViewport?.(participantId, viewport);
  }

  setMicMuted(muted: boolean): void {
    this.old?.setMicMuted(muted);
    this.next.setMicMuted(muted);
  }

  /** The mesh side still needs its camera/screen mapping while it runs. */
  localSources(): MediaSources {
    return this.old?.localSources() ?? this.next.localSources();
  }

  remoteMedia(participantId: string): RemoteMedia {
    return this.source(participantId)?.remoteMedia(participantId) ?? NO_MEDIA;
  }

  connectionState(participantId: string): MediaConnectionState {
    return this.source(participantId)?.connectionState(participantId) ?? 'new';
  }

  async stats(participantId: string): Promise<ParticipantStats | null> {
    return (await this.source(participantId)?.stats(participantId)) ?? null;
  }

  async audioLevel(participantId: string): Promise<number | null> {
    return (await this.source(participantId)?.audioLevel(participantId)) ?? null;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.bound);
    for (const off of this.unsubscribe) off();
    this.old?.close();
    this.old = null;
    this.next.close();
    this.removeAllListeners();
  }

  private source(participantId: string): MediaTransport | null {
    return this.moved.has(participantId) || !this.old ? this.next : this.old;
  }

  private nextMedia(participantId: string, media: RemoteMedia): void {
    if (this.closed) return;
    if (this.moved.has(participantId) || !this.old) return this.emit('media', { participantId, media });
    if (this.pending.has(participantId)) return;
    if (isLive(media.video)) {
      this.pending.add(participantId);
      void this.options.firstFrame(media.video).then(() => {
        this.pending.delete(participantId);
        this.move(participantId);
      });
    } else if (isLive(media.audio) && !isLive(this.old.remoteMedia(participantId).video)) {
      // Nothing to show: their voice is enough to switch.
      this.move(participantId);
    }
  }

  private move(participantId: string): void {
    if (this.closed || this.moved.has(participantId) || !this.participants.has(participantId)) return;
    this.moved.add(participantId);
    this.bound ??= setTimeout(() => this.finish(), this.options.boundMs ?? 8_000);
    this.emit('media', { participantId, media: this.next.remoteMedia(participantId) });
    this.emit('state', { participantId, state: this.next.connectionState(participantId) });
    this.checkDone();
  }

  private checkDone(): void {
    if (this.old && [...this.participants].every((id) => this.moved.has(id))) this.finish();
  }

  /** Closes the old transport; whoever has not moved yet shows the new transport's media now. */
  private finish(): void {
    if (!this.old || this.closed) return;
    clearTimeout(this.bound);
    const stragglers = [...this.participants].filter((id) => !this.moved.has(id));
    for (const id of this.participants) this.moved.add(id);
    const old = this.old;
    this.old = null;
    old.close();
    for (const participantId of stragglers) {
      this.emit('media', { participantId, media: this.next.remoteMedia(participantId) });
      this.emit('state', { participantId, state: this.next.connectionState(participantId) });
    }
    this.options.done?.();
  }
}
