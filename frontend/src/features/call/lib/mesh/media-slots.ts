import type { MediaSources } from '@contract/protocol';
import type { LocalTracks, RemoteMedia, TrackKind } from '../media-transport';
import { encodingFor, type VideoCap } from './send-quality';

/**
 * The media streams our tracks are announced in. One pair per transport, shared by every link, so
 * each receiver sees the same stream ids and our media-state can say once which is which.
 */
export interface SendStreams {
  camera: MediaStream | undefined;
  screen: MediaStream | undefined;
}

export function newSendStreams(): SendStreams {
  const make = () => (typeof MediaStream === 'undefined' ? undefined : new MediaStream());
  return { camera: make(), screen: make() };
}

/** What receivers need to sort our tracks: stream id -> camera | screen. */
export function sourcesOf(streams: SendStreams): MediaSources {
  const sources: MediaSources = {};
  if (streams.camera) sources[streams.camera.id] = 'camera';
  if (streams.screen) sources[streams.screen.id] = 'screen';
  return sources;
}

/**
 * Which transceiver of one RTCPeerConnection sends our microphone, camera and screen. The first
 * audio and video transceivers carry microphone and camera, so turning the camera off and on is a
 * replaceTrack, never a renegotiation; a screen share adds one video transceiver the first time.
 */
export class MediaSlots {
  private audio: RTCRtpTransceiver | null = null;
  private camera: RTCRtpTransceiver | null = null;
  private screen: RTCRtpTransceiver | null = null;
  private bound = false;

  constructor(
    private readonly pc: RTCPeerConnection,
    private readonly streams: SendStreams,
    private readonly local: LocalTracks,
  ) {}

  get ready(): boolean {
    return this.bound;
  }

  /** The camera's sender (for the meeting-size cap), once it exists. */
  get cameraSender(): RTCRtpSender | null {
    return this.camera?.sender ?? null;
  }

  /**
   * Initiating side: create the slots (this fires negotiationneeded -> offer). The camera's cap
   * rides on its first encoding from the start, so the first offer already sends at that size.
   */
  create(cameraCap?: VideoCap): void {
    if (this.bound) return;
    const streams = this.streams.camera ? [this.streams.camera] : [];
    this.audio = this.pc.addTransceiver(this.local.audio ?? 'audio', { direction: 'sendrecv', streams });
    const sendEncodings = cameraCap ? [encodingFor(cameraCap)] : undefined;
    this.camera = this.pc.addTransceiver(this.local.video ?? 'video', { direction: 'sendrecv', streams, ...(sendEncodings ? { sendEncodings } : {}) });
    this.bound = true;
    if (this.local.screen) this.addScreen(this.local.screen);
  }

  /** Answering side: the slots are the transceivers the first offer created. */
  bindFromOffer(): void {
    if (this.bound) return;
    const transceivers = this.pc.getTransceivers();
    this.audio = transceivers.find((t) => t.receiver.track.kind === 'audio') ?? null;
    this.camera = transceivers.find((t) => t.receiver.track.kind === 'video') ?? null;
    for (const [slot, track] of [
      [this.audio, this.local.audio],
      [this.camera, this.local.video],
    ] as const) {
      if (!slot) continue;
      slot.direction = 'sendrecv';
      if (this.streams.camera) slot.sender.setStreams?.(this.streams.camera);
      replace(slot, track);
    }
    this.bound = true;
    if (this.local.screen) this.addScreen(this.local.screen);
  }

  /** Swaps a local track into its slot; only a first screen share adds a transceiver. */
  setTrack(kind: TrackKind, track: MediaStreamTrack | null): void {
    this.local[kind] = track;
    if (!this.bound) return;
    if (kind === 'screen') {
      if (this.screen) replace(this.screen, track);
      else if (track) this.addScreen(track);
      return;
    }
    const slot = kind === 'audio' ? this.audio : this.camera;
    if (slot) replace(slot, track);
  }

  /**
   * Fallback for senders that do not say which stream is which (older clients): the first video
   * transceiver is the camera. Before the answerer binds its slots, that is still the first one.
   */
  isCameraSlot(transceiver: RTCRtpTransceiver): boolean {
    if (this.camera) return transceiver === this.camera;
    return this.pc.getTransceivers().find((t) => t.receiver.track.kind === 'video') === transceiver;
  }

  private addScreen(track: MediaStreamTrack): void {
    const streams = this.streams.screen ? [this.streams.screen] : [];
    this.screen = this.pc.addTransceiver(track, { direction: 'sendrecv', streams });
  }
}

function replace(slot: RTCRtpTransceiver, track: MediaStreamTrack | null): void {
  if (slot.direction === 'recvonly' || slot.direction === 'inactive') slot.direction = 'sendrecv';
  slot.sender.replaceTrack(track).catch((error: unknown) => console.warn('[peer-link] replaceTrack', error));
}

/** One track received on a link, with what we know about where it came from. */
export interface ReceivedTrack {
  track: MediaStreamTrack;
  /** The sender's msid stream ids (how its `sources` name it). */
  streamIds: string[];
  /** Arrived on the first video transceiver (the fallback rule). */
  cameraSlot: boolean;
}

/**
 * Sorts received tracks into microphone, camera and screen: by the sender's own mapping when it
 * sent one, else by transceiver (first video = camera). The latest track of each kind wins.
 */
export function sortRemoteTracks(received: readonly ReceivedTrack[], sources: MediaSources | undefined): RemoteMedia {
  const media: RemoteMedia = { audio: null, video: null, screen: null };
  for (const { track, streamIds, cameraSlot } of received) {
    if (track.kind === 'audio') {
      media.audio = track;
      continue;
    }
    const declared = streamIds.map((id) => (sources && Object.hasOwn(sources, id) ? sources[id] : undefined)).find(Boolean);
    const isCamera = declared ? declared === 'camera' : cameraSlot;
    if (isCamera) media.video = track;
    else media.screen = track;
  }
  return media;
}
