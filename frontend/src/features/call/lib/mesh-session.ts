import type { ChatMessage, IceServer, JoinMeetingResult, MediaState, PeerInfo } from '@contract/protocol';
import { AudioLevelMonitor } from './audio-level';
import { AudioOutput } from './audio-output';
import { LocalMedia } from './local-media';
import { PeerLink, type LinkState, type RemoteMedia } from './peer-link';
import { nextPhase, isInMeeting, type SessionEvent } from './session-state';
import { mergeChat, type PeerStats, type PeerView, type SessionSnapshot } from './session-types';
import { IceRefresher } from './ice-refresh';
import { cameraCapFor } from './send-quality';
import { SpeakingTracker } from './speaking';
import { SignalingClient, SignalingError } from './signaling-client';

export interface MeshSessionOptions {
  meetingId: string;
  /** `?relay=1`: TURN only. */
  relayOnly?: boolean;
  createSignaling?: () => SignalingClient;
  /** This browser's keys for the meeting (host key, issued client key): sent with every join. */
  keys?: {
    hostKey(meetingId: string): string | undefined;
    clientKey(meetingId: string): string | undefined;
    saveClientKey(meetingId: string, key: string): void;
  };
}

const RECONNECT_GIVE_UP_MS = 60_000;
/** Remote inbound-rtp audioLevel (0..1) and our analyser level that count as speaking. */
const REMOTE_SPEAKING_LEVEL = 0.02;
const SELF_SPEAKING_LEVEL = 0.15;

/**
 * One participant's meeting: signaling, local media and one PeerLink per remote participant.
 * React renders {@link getSnapshot} and calls the methods; nothing here knows about React.
 */
export class MeshSession {
  readonly media = new LocalMedia();
  readonly micLevel = new AudioLevelMonitor();
  private readonly audio = new AudioOutput();
  private readonly links = new Map<string, PeerLink>();
  private readonly listeners = new Set<() => void>();
  private readonly speaking = new SpeakingTracker();
  private readonly iceRefresh = new IceRefresher(
    () => this.signaling?.refreshIceServers(),
    (iceServers) => {
      this.iceServers = iceServers;
      for (const link of this.links.values()) link.setConfiguration(this.rtcConfig());
    },
  );
  private signaling: SignalingClient | null = null;
  /** Opened by warmUp() in the lobby; the next join takes it over. */
  private warm: SignalingClient | null = null;
  private iceServers: IceServer[] = [];
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  private lastSentMedia = '';
  /**
   * Our ids from before a reconnect. After a server crash with shared (Redis) presence, our old
   * seat lingers until its lease runs out and shows up in the rejoin's peer list: it is not a
   * person, so it gets no tile and no connection.
   */
  private readonly formerSelfIds = new Set<string>();
  private disposed = false;
  private snapshot: SessionSnapshot;

  constructor(private readonly options: MeshSessionOptions) {
    this.snapshot = {
      meetingId: options.meetingId,
      phase: { name: 'idle' },
      selfId: null,
      displayName: '',
      peers: [],
      chat: [],
      maxParticipants: null,
      needsAudioUnlock: false,
      selfSpeaking: false,
      announcement: null,
    };
    this.media.on('track', ({ kind, track }) => {
      for (const link of this.links.values()) link.setLocalTrack(kind, track);
      if (kind === 'audio') this.micLevel.setTrack(track);
    });
    this.media.on('change', () => this.sendMediaState());
    this.audio.on('blocked', (blocked) => this.patch({ needsAudioUnlock: blocked }));
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): SessionSnapshot => this.snapshot;

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
    const warm = this.options.createSignaling?.() ?? new SignalingClient();
    this.warm = warm;
    // A failed warm-up is harmless: join() connects again and reports what goes wrong.
    warm.connect().catch(() => undefined);
  }

  private takeSignaling(): SignalingClient {
    const warm = this.warm;
    this.warm = null;
    if (warm?.idle) return warm;
    warm?.close();
    return this.options.createSignaling?.() ?? new SignalingClient();
  }

  async join(displayName: string): Promise<void> {
    if (typeof RTCPeerConnection === 'undefined') {
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
    try {
      const { meetingId, keys } = this.options;
      const hostKey = keys?.hostKey(meetingId);
      const clientKey = keys?.clientKey(meetingId);
      const result = await signaling.join({
        meetingId,
        displayName,
        media: this.mediaState(),
        ...(hostKey ? { hostKey } : {}),
        ...(clientKey ? { clientKey } : {}),
      });
      keys?.saveClientKey(meetingId, result.clientKey);
      if (this.signaling !== signaling || this.snapshot.phase.name !== 'joining') return;
      this.adopt(result);
      this.dispatch({ type: 'JOIN_SUCCEEDED' });
      this.statsTimer = setInterval(() => void this.pollLevels(), 400);
    } catch (error) {
      if (this.signaling !== signaling) return;
      const { code, message } =
        error instanceof SignalingError ? error : { code: 'INTERNAL' as const, message: 'Could not join.' };
      this.teardownCall();
      this.dispatch({ type: 'JOIN_FAILED', code: code === 'TIMEOUT' ? 'CONNECTION_LOST' : code, message });
    }
  }

  /** Leave: hang up every link and stop every local track. */
  leave(): void {
    if (!isInMeeting(this.snapshot.phase) && this.snapshot.phase.name !== 'joining') return;
    this.signaling?.leave();
    this.teardownCall();
    this.media.stop();
    this.dispatch({ type: 'LEFT' });
  }

  /** After leaving or an error: start devices again (as they were) and join with the same name. */
  async rejoin(wants = { audio: true, video: true }): Promise<void> {
    this.dispatch({ type: 'RESET' });
    await this.media.start(wants);
    await this.join(this.snapshot.displayName);
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

  async peerStats(): Promise<PeerStats[]> {
    return Promise.all(
      this.snapshot.peers.map(async (peer) => {
        const link = this.links.get(peer.id);
        const empty = { framesDecoded: 0, audioPacketsReceived: 0, videoPacketsReceived: 0, localCandidateType: null, remoteCandidateType: null };
        const { audioLevel: _ignored, ...stats } = link ? await link.stats() : { ...empty, audioLevel: null };
        return { peerId: peer.id, displayName: peer.displayName, connectionState: peer.connectionState, ...stats };
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
    this.media.dispose();
    this.micLevel.dispose();
    this.audio.dispose();
    this.listeners.clear();
  }

  private wireSignaling(s: SignalingClient): void {
    s.on('user-joined', (peer) => {
      this.addPeer(peer, false);
      this.announce(`${peer.displayName} joined`);
    });
    s.on('user-left', ({ id }) => {
      const peer = this.snapshot.peers.find((p) => p.id === id);
      this.removePeer(id);
      if (peer) this.announce(`${peer.displayName} left`);
    });
    s.on('offer', ({ from, sdp }) => {
      // An offer can beat 'user-joined' to us; make the link now and learn the name later.
      if (!this.links.has(from)) this.addPeer(placeholderPeer(from), false);
      this.links.get(from)?.handleDescription({ type: 'offer', sdp }).catch(warn('offer'));
    });
    s.on('answer', ({ from, sdp }) => this.links.get(from)?.handleDescription({ type: 'answer', sdp }).catch(warn('answer')));
    s.on('ice-candidate', ({ from, candidate }) => this.links.get(from)?.handleCandidate(candidate).catch(warn('candidate')));
    s.on('peer-updated', ({ id, media }) => this.updatePeer(id, { media }));
    s.on('chat-message', (message) => this.addChat([message]));
    s.on('server-notice', () => this.announce('The server is restarting. Reconnecting…'));
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
      this.closeLinks();
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
    this.iceServers = result.iceServers;
    this.patch({ selfId: result.selfId, maxParticipants: result.maxParticipants, peers: [] });
    this.addChat(result.chat);
    for (const peer of result.peers) this.addPeer(peer, true);
    this.iceRefresh.schedule(result.iceServersExpireAt);
  }

  private rtcConfig(): RTCConfiguration {
    return { iceServers: this.iceServers, iceTransportPolicy: this.options.relayOnly ? 'relay' : 'all' };
  }

  private addPeer(info: PeerInfo, initiator: boolean): void {
    if (this.formerSelfIds.has(info.id)) return;
    const selfId = this.snapshot.selfId;
    const existing = this.snapshot.peers.find((p) => p.id === info.id);
    if (existing) return this.updatePeer(info.id, { displayName: info.displayName, media: info.media, joinedAt: info.joinedAt });
    if (!selfId || this.disposed) return;
    const { audioTrack, videoTrack, screenTrack } = this.media.snapshot;
    const signaling = this.signaling;
    const link = new PeerLink({
      selfId,
      peerId: info.id,
      initiator,
      config: this.rtcConfig(),
      local: { audio: audioTrack, video: videoTrack, screen: screenTrack },
      signals: {
        description: ({ type, sdp }) => signaling?.sendDescription(info.id, type, sdp),
        candidate: (candidate) =>
          signaling?.sendCandidate(info.id, candidate ? { ...candidate, candidate: candidate.candidate ?? '' } : null),
      },
    });
    this.links.set(info.id, link);
    link.on('state', (connectionState: LinkState) => this.updatePeer(info.id, { connectionState }));
    link.on('media', (remote: RemoteMedia) => {
      this.audio.attach(info.id, remote.audio);
      this.updatePeer(info.id, { audio: remote.audio, video: remote.video, screen: remote.screen });
    });
    const view: PeerView = { ...info, connectionState: 'new', speaking: false, audio: null, video: null, screen: null };
    this.patch({ peers: [...this.snapshot.peers, view] });
    this.capCameraCopies();
    link.start();
  }

  private updatePeer(id: string, patch: Partial<PeerView>): void {
    if (!this.snapshot.peers.some((p) => p.id === id)) return;
    this.patch({ peers: this.snapshot.peers.map((p) => (p.id === id ? { ...p, ...patch } : p)) });
  }

  private removePeer(id: string): void {
    this.links.get(id)?.close();
    this.links.delete(id);
    this.audio.detach(id);
    this.speaking.forget(id);
    this.patch({ peers: this.snapshot.peers.filter((p) => p.id !== id) });
    this.capCameraCopies();
  }

  /** One camera copy per peer: size every copy to the meeting (see send-quality.ts). */
  private capCameraCopies(): void {
    const cap = cameraCapFor(this.links.size);
    for (const link of this.links.values()) link.setVideoCap(cap);
  }

  private closeLinks(): void {
    for (const id of [...this.links.keys()]) this.removePeer(id);
  }

  private teardownCall(): void {
    this.iceRefresh.stop();
    clearTimeout(this.reconnectTimer);
    clearInterval(this.statsTimer);
    this.closeLinks();
    this.signaling?.close();
    this.signaling = null;
  }

  /** Active speaker: remote levels from getStats inbound-rtp audioLevel, ours from the analyser. */
  private async pollLevels(): Promise<void> {
    const now = Date.now();
    const levels = await Promise.all(
      [...this.links.entries()].map(async ([id, link]) => [id, (await link.stats().catch(() => null))?.audioLevel ?? 0] as const),
    );
    for (const [id, level] of levels) this.speaking.sample(id, level, REMOTE_SPEAKING_LEVEL, now);
    if (this.media.snapshot.micOn) this.speaking.sample('self', this.micLevel.level, SELF_SPEAKING_LEVEL, now);
    const speaking = (id: string) => this.speaking.isSpeaking(id, now);
    const peers = this.snapshot.peers;
    const changed = peers.some((p) => p.speaking !== speaking(p.id)) || this.snapshot.selfSpeaking !== speaking('self');
    if (!changed) return;
    this.patch({ peers: peers.map((p) => (p.speaking === speaking(p.id) ? p : { ...p, speaking: speaking(p.id) })), selfSpeaking: speaking('self') });
  }

  private mediaState(): MediaState {
    const { micOn, camOn, screenOn, audioTrack, videoTrack } = this.media.snapshot;
    return { audio: micOn && !!audioTrack, video: camOn && !!videoTrack, screen: screenOn };
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

  private announce(text: string): void {
    this.patch({ announcement: { seq: (this.snapshot.announcement?.seq ?? 0) + 1, text } });
  }

  private dispatch(event: SessionEvent): void {
    const phase = nextPhase(this.snapshot.phase, event);
    if (phase !== this.snapshot.phase) this.patch({ phase });
    if (phase.name === 'joined') this.sendMediaState();
  }

  private patch(patch: Partial<SessionSnapshot>): void {
    if (this.disposed) return;
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of [...this.listeners]) listener();
  }
}

function placeholderPeer(id: string): PeerInfo {
  return { id, displayName: 'Guest', joinedAt: new Date().toISOString(), media: { audio: false, video: false, screen: false }, role: 'participant' };
}

const warn = (what: string) => (error: unknown) => console.warn(`[mesh] ${what} failed`, error);
