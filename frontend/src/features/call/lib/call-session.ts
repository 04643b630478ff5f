import type { ChatMessage, JoinMeetingResult, MediaState, PeerInfo } from '@contract/protocol';
import { ActiveSpeakers } from './active-speakers';
import { AudioLevelMonitor } from './audio-level';
import { AudioOutput } from './audio-output';
import { LocalMedia } from './local-media';
import type { MediaTransport } from './media-transport';
import { MeshTransport } from './mesh/mesh-transport';
import { Store, type Observable } from './observable';
import { newPeerView, patchPeer, placeholderPeer, withSpeakers } from './roster';
import type { SessionNotice } from './session-notices';
import { isInMeeting, nextPhase, type SessionEvent } from './session-state';
import { mergeChat, type PeerStats, type PeerView, type SessionSnapshot } from './session-types';
import { SignalingClient, SignalingError, type SessionSignaling } from './signaling-client';

export interface CallSessionOptions {
  meetingId: string;
  /** `?relay=1`: TURN only. */
  relayOnly?: boolean;
  createSignaling?: () => SessionSignaling;
  /** One transport per seat in the meeting (a rejoin after a drop gets a fresh one). */
  createTransport?: (signaling: SessionSignaling) => MediaTransport;
  /** False where this browser cannot make calls (no WebRTC). */
  supported?: () => boolean;
  media?: LocalMedia;
}

const RECONNECT_GIVE_UP_MS = 60_000;

/**
 * One person's meeting: membership (join, leave, rejoin after a drop), the roster, chat and
 * media-state sync. Media itself goes through a {@link MediaTransport} the UI never sees.
 * React renders {@link state} and calls the methods; nothing here knows about React.
 */
export class CallSession {
  readonly media: LocalMedia;
  readonly micLevel = new AudioLevelMonitor();
  private readonly store: Store<SessionSnapshot>;
  /** Phase, roster, chat, notices: one immutable snapshot per change. */
  readonly state: Observable<SessionSnapshot>;
  private readonly audio = new AudioOutput();
  private readonly speakers: ActiveSpeakers;
  private signaling: SessionSignaling | null = null;
  /** Opened by warmUp() in the lobby; the next join takes it over. */
  private warm: SessionSignaling | null = null;
  private transport: MediaTransport | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private lastSentMedia = '';
  /** What the person had on when they left, so Rejoin restores it instead of turning all on. */
  private restore: { audio: boolean; video: boolean; micOn: boolean } | null = null;
  /**
   * Our ids from before a reconnect. After a server crash with shared (Redis) presence, our old
   * seat lingers until its lease runs out and shows up in the rejoin's peer list: it is not a
   * person, so it gets no tile and no connection.
   */
  private readonly formerSelfIds = new Set<string>();
  private disposed = false;

  constructor(private readonly options: CallSessionOptions) {
    this.media = options.media ?? new LocalMedia();
    this.store = new Store<SessionSnapshot>({
      meetingId: options.meetingId,
      phase: { name: 'idle' },
      selfId: null,
      displayName: '',
      peers: [],
      chat: [],
      maxParticipants: null,
      needsAudioUnlock: false,
      selfSpeaking: false,
      notice: null,
    });
    this.state = this.store;
    this.speakers = new ActiveSpeakers({
      remote: () => Promise.all(this.snapshot.peers.map(async (p) => [p.id, (await this.transport?.stats(p.id))?.audioLevel ?? null] as const)),
      self: () => (this.media.snapshot.micOn ? this.micLevel.level : null),
    });
    this.speakers.state.subscribe(() => {
      const { self, remote } = this.speakers.state.getSnapshot();
      this.patch({ peers: withSpeakers(this.snapshot.peers, remote), selfSpeaking: self });
    });
    this.media.on('track', ({ kind, track }) => {
      this.transport?.setLocalTrack(kind, track);
      if (kind === 'audio') this.micLevel.setTrack(track);
    });
    this.media.state.subscribe(() => this.sendMediaState());
    this.audio.on('blocked', (blocked) => this.patch({ needsAudioUnlock: blocked }));
  }

  private get snapshot(): SessionSnapshot {
    return this.store.getSnapshot();
  }

  /** Lobby: start camera and microphone for the preview (kept when joining). */
  startPreview(wants = { audio: true, video: true }): Promise<void> {
    return this.media.start(wants);
  }

  /**
   * Lobby: load the socket client and connect while the person is still getting ready, so
   * "Join now" costs one round trip instead of an import, a handshake and a round trip.
   */
  warmUp(): void {
    if (this.warm || this.signaling || this.disposed) return;
    const warm = this.newSignaling();
    this.warm = warm;
    // A failed warm-up is harmless: join() connects again and reports what goes wrong.
    warm.connect().catch(() => undefined);
  }

  async join(displayName: string): Promise<void> {
    const supported = this.options.supported ?? (() => typeof RTCPeerConnection !== 'undefined');
    if (!supported()) {
      this.dispatch({ type: 'JOIN_REQUESTED' });
      this.dispatch({ type: 'JOIN_FAILED', code: 'UNSUPPORTED_BROWSER', message: 'WebRTC is not available.' });
      return;
    }
    this.patch({ displayName });
    this.lastSentMedia = '';
    this.dispatch({ type: 'JOIN_REQUESTED' });
    this.signaling?.close();
    const signaling = this.takeSignaling();
    this.signaling = signaling;
    this.wireSignaling(signaling);
    this.replaceTransport(signaling);
    try {
      const result = await signaling.join({ meetingId: this.options.meetingId, displayName, media: this.mediaState() });
      if (this.signaling !== signaling || this.snapshot.phase.name !== 'joining') return;
      this.adopt(result);
      this.dispatch({ type: 'JOIN_SUCCEEDED' });
      this.speakers.start();
    } catch (error) {
      if (this.signaling !== signaling) return;
      const { code, message } = error instanceof SignalingError ? error : { code: 'INTERNAL' as const, message: 'Could not join.' };
      this.teardownCall();
      this.dispatch({ type: 'JOIN_FAILED', code: code === 'TIMEOUT' ? 'CONNECTION_LOST' : code, message });
    }
  }

  /** Leave: hang up all media and stop every local track. */
  leave(): void {
    if (!isInMeeting(this.snapshot.phase) && this.snapshot.phase.name !== 'joining') return;
    const { audioTrack, camOn, micOn } = this.media.snapshot;
    this.restore = { audio: !!audioTrack, video: camOn, micOn };
    this.signaling?.leave();
    this.teardownCall();
    this.media.stop();
    this.dispatch({ type: 'LEFT' });
  }

  /** After leaving or an error: devices back as the person had them, then join with the same name. */
  async rejoin(): Promise<void> {
    this.dispatch({ type: 'RESET' });
    const restore = this.restore;
    this.restore = null;
    if (restore) {
      await this.media.start({ audio: restore.audio, video: restore.video });
      if (!restore.micOn) this.media.setMicEnabled(false);
    }
    await this.join(this.snapshot.displayName);
  }

  /** From an error the person can fix in the lobby (a refused name): back there, devices kept. */
  backToLobby(): void {
    if (this.snapshot.phase.name === 'error') this.dispatch({ type: 'RESET' });
  }

  toggleMic(): void {
    this.media.setMicEnabled(!this.media.snapshot.micOn);
  }

  toggleCamera(): void {
    void this.media.setCameraEnabled(!this.media.snapshot.camOn);
  }

  toggleScreenShare(): void {
    if (this.media.snapshot.screenOn) this.media.stopScreenShare();
    else void this.media.startScreenShare();
  }

  async sendChat(text: string): Promise<void> {
    const signaling = this.signaling;
    if (!signaling) return;
    const message = await signaling.sendChat(text);
    this.addChat([message]);
  }

  unlockAudio(): void {
    this.audio.unlock();
  }

  async setSpeaker(deviceId: string): Promise<void> {
    await this.media.selectDevice('audiooutput', deviceId);
    await this.audio.setSpeaker(deviceId);
  }

  /** Per-participant numbers for the `window.__meet` test hook. */
  async peerStats(): Promise<PeerStats[]> {
    return Promise.all(
      this.snapshot.peers.map(async ({ id, displayName, connectionState }) => {
        const stats = await this.transport?.stats(id);
        const { audioLevel: _ignored, ...numbers } = stats ?? EMPTY_STATS;
        return { peerId: id, displayName, connectionState, ...numbers };
      }),
    );
  }

  /** Releases everything; safe to call twice (StrictMode runs effects twice in development). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.warm?.close();
    this.signaling?.leave();
    this.teardownCall();
    this.speakers.dispose();
    this.media.dispose();
    this.micLevel.dispose();
    this.audio.dispose();
    this.store.close();
  }

  private newSignaling(): SessionSignaling {
    return this.options.createSignaling?.() ?? new SignalingClient();
  }

  private takeSignaling(): SessionSignaling {
    const warm = this.warm;
    this.warm = null;
    if (warm?.idle) return warm;
    warm?.close();
    return this.newSignaling();
  }

  private replaceTransport(signaling: SessionSignaling): void {
    this.transport?.close();
    const transport =
      this.options.createTransport?.(signaling) ?? new MeshTransport({ signals: signaling, relayOnly: this.options.relayOnly });
    this.transport = transport;
    transport.on('state', ({ participantId, state }) => this.updatePeer(participantId, { connectionState: state }));
    transport.on('media', ({ participantId, media }) => {
      this.audio.attach(participantId, media.audio);
      this.updatePeer(participantId, { audio: media.audio, video: media.video, screen: media.screen });
    });
    transport.on('unannounced', ({ participantId }) => this.addPeer(placeholderPeer(participantId), false));
  }

  private wireSignaling(s: SessionSignaling): void {
    s.on('user-joined', (peer) => {
      this.addPeer(peer, false);
      this.notify({ type: 'peer-joined', name: peer.displayName });
    });
    s.on('user-left', ({ id }) => {
      const peer = this.snapshot.peers.find((p) => p.id === id);
      this.removePeer(id);
      if (peer) this.notify({ type: 'peer-left', name: peer.displayName });
    });
    s.on('peer-updated', ({ id, media }) => {
      this.transport?.updateParticipant({ id, media });
      this.updatePeer(id, { media });
    });
    s.on('chat-message', (message) => this.addChat([message]));
    s.on('server-notice', () => this.notify({ type: 'server-restarting' }));
    s.on('dropped', () => {
      this.dispatch({ type: 'CONNECTION_DROPPED', at: Date.now() });
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = setTimeout(() => {
        this.dispatch({ type: 'RECONNECT_TIMED_OUT' });
        this.teardownCall();
      }, RECONNECT_GIVE_UP_MS);
    });
    s.on('rejoined', (result) => {
      clearTimeout(this.reconnectTimer);
      // Every id from before the drop is stale (ours and, after a server restart, theirs too).
      if (this.snapshot.selfId) this.formerSelfIds.add(this.snapshot.selfId);
      for (const peer of this.snapshot.peers) this.removePeer(peer.id);
      this.replaceTransport(s);
      this.adopt(result);
      this.dispatch({ type: 'REJOINED' });
      this.lastSentMedia = '';
      this.sendMediaState();
    });
    s.on('rejoin-failed', ({ code, message }) => {
      this.teardownCall();
      this.dispatch({ type: 'JOIN_FAILED', code, message });
    });
  }

  private adopt(result: JoinMeetingResult): void {
    const { audioTrack: audio, videoTrack: video, screenTrack: screen } = this.media.snapshot;
    this.patch({ selfId: result.selfId, maxParticipants: result.maxParticipants, peers: [] });
    this.transport?.connect({
      selfId: result.selfId,
      meetingId: result.meetingId,
      iceServers: result.iceServers,
      iceServersExpireAt: result.iceServersExpireAt,
      local: { audio, video, screen },
    });
    this.addChat(result.chat);
    for (const peer of result.peers) this.addPeer(peer, true);
  }

  private addPeer(info: PeerInfo, initiator: boolean): void {
    const transport = this.transport;
    if (this.formerSelfIds.has(info.id) || this.disposed || !transport) return;
    if (this.snapshot.peers.some((p) => p.id === info.id)) {
      transport.updateParticipant(info);
      return this.updatePeer(info.id, { displayName: info.displayName, media: info.media, joinedAt: info.joinedAt });
    }
    if (!this.snapshot.selfId) return;
    const view = newPeerView(info, transport.remoteMedia(info.id), transport.connectionState(info.id));
    this.patch({ peers: [...this.snapshot.peers, view] });
    transport.addParticipant(info, { initiator });
  }

  private updatePeer(id: string, patch: Partial<PeerView>): void {
    const peers = patchPeer(this.snapshot.peers, id, patch);
    if (peers !== this.snapshot.peers) this.patch({ peers });
  }

  private removePeer(id: string): void {
    this.transport?.removeParticipant(id);
    this.audio.detach(id);
    this.speakers.forget(id);
    this.patch({ peers: this.snapshot.peers.filter((p) => p.id !== id) });
  }

  private teardownCall(): void {
    clearTimeout(this.reconnectTimer);
    this.speakers.stop();
    for (const peer of this.snapshot.peers) this.removePeer(peer.id);
    this.transport?.close();
    this.transport = null;
    this.signaling?.close();
    this.signaling = null;
  }

  private mediaState(): MediaState {
    const { micOn, camOn, screenOn, audioTrack, videoTrack } = this.media.snapshot;
    const state: MediaState = { audio: micOn && !!audioTrack, video: camOn && !!videoTrack, screen: screenOn };
    const sources = this.transport?.localSources() ?? {};
    return Object.keys(sources).length > 0 ? { ...state, sources } : state;
  }

  private sendMediaState(): void {
    const state = this.mediaState();
    const key = JSON.stringify(state);
    if (key === this.lastSentMedia || !isInMeeting(this.snapshot.phase)) return;
    this.lastSentMedia = key;
    this.signaling?.updateMedia(state);
  }

  private addChat(messages: ChatMessage[]): void {
    const chat = mergeChat(this.snapshot.chat, messages);
    if (chat !== this.snapshot.chat) this.patch({ chat });
  }

  private notify(notice: SessionNotice): void {
    this.patch({ notice: { seq: (this.snapshot.notice?.seq ?? 0) + 1, notice } });
  }

  private dispatch(event: SessionEvent): void {
    const phase = nextPhase(this.snapshot.phase, event);
    if (phase !== this.snapshot.phase) this.patch({ phase });
    if (phase.name === 'joined') this.sendMediaState();
  }

  private patch(patch: Partial<SessionSnapshot>): void {
    if (!this.disposed) this.store.patch(patch);
  }
}

const EMPTY_STATS = { framesDecoded: 0, audioPacketsReceived: 0, videoPacketsReceived: 0, audioLevel: null, localCandidateType: null, remoteCandidateType: null };
