import type { MediaSources } from '@contract/protocol';
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
import type { Viewport } from '../sfu/tile-viewport';
import { TypedEmitter } from '../typed-emitter';

/** A transport without media: records what the session asks of it; the test plays the network. */
export class FakeTransport extends TypedEmitter<MediaTransportEvents> implements MediaTransport {
  setup: TransportSetup | null = null;
  readonly participants = new Map<string, { participant: TransportParticipant; initiator: boolean }>();
  readonly localChanges: [TrackKind, MediaStreamTrack | null][] = [];
  readonly media = new Map<string, RemoteMedia>();
  /** The last viewport the session set per participant. */
  readonly viewports = new Map<string, Viewport>();
  /** How many viewport changes reached this transport. */
  viewportCalls = 0;
  closed = false;

  constructor(
    readonly sources: MediaSources = { 'cam-stream': 'camera', 'screen-stream': 'screen' },
    readonly kind: 'mesh' | 'sfu' = 'mesh',
  ) {
    super();
  }

  connect(setup: TransportSetup): void {
    this.setup = setup;
  }

  addParticipant(participant: TransportParticipant, { initiator }: { initiator: boolean }): void {
    this.participants.set(participant.id, { participant, initiator });
  }

  updateParticipant(participant: TransportParticipant): void {
    const entry = this.participants.get(participant.id);
    if (entry) entry.participant = participant;
  }

  removeParticipant(id: string): void {
    this.participants.delete(id);
    this.media.delete(id);
  }

  setLocalTrack(kind: TrackKind, track: MediaStreamTrack | null): void {
    this.localChanges.push([kind, track]);
  }

  setViewport(participantId: string, viewport: Viewport): void {
    this.viewports.set(participantId, viewport);
    this.viewportCalls += 1;
  }

  localSources(): MediaSources {
    return this.sources;
  }

  remoteMedia(id: string): RemoteMedia {
    return this.media.get(id) ?? NO_MEDIA;
  }

  readonly states = new Map<string, MediaConnectionState>();

  connectionState(id: string): MediaConnectionState {
    return this.states.get(id) ?? 'new';
  }

  async stats(): Promise<ParticipantStats | null> {
    return null;
  }

  /** Test: levels per participant, as the transport would report them. */
  readonly levels = new Map<string, number>();
  readonly micMuted: boolean[] = [];

  async audioLevel(id: string): Promise<number | null> {
    return this.levels.get(id) ?? null;
  }

  setMicMuted(muted: boolean): void {
    this.micMuted.push(muted);
  }

  close(): void {
    this.closed = true;
    this.removeAllListeners();
  }

  /** Test: media from `participantId` arrives. */
  deliver(participantId: string, media: Partial<RemoteMedia>): void {
    const next = { ...this.remoteMedia(participantId), ...media };
    this.media.set(participantId, next);
    this.emit('media', { participantId, media: next });
  }

  /** Test: the connection with `participantId` changes state. */
  setState(participantId: string, state: MediaConnectionState): void {
    this.states.set(participantId, state);
    this.emit('state', { participantId, state });
  }

  /** Test: something arrives from someone the session has not announced. */
  unannounced(participantId: string): void {
    this.emit('unannounced', { participantId });
  }
}
