import type { ChatMessage, JoinMeetingResult, MediaMode, MediaState, SfuTokenResult } from '@contract/protocol';
import { ActiveSpeakers } from './active-speakers';
import { CallDevices } from './call-devices';
import { Hands } from './hands';
import type { LocalMedia } from './local-media';
import type { MediaTransport, ParticipantStats, TransportSetup } from './media-transport';
import { MeshTransport } from './mesh/mesh-transport';
import { MediaStateSync, mediaStateOf } from './media-state-sync';
import { Store, type Observable } from './observable';
import { Reactions } from './reactions';
import { QualityMonitor } from './quality/quality-monitor';
import { Roster } from './roster';
import { HostControls } from './host-controls';
import { meetingInput } from './recording/meeting-input';
import { MeetingRecorder } from './recording/meeting-recorder';
import { firstFrame } from './sfu/first-frame';
import { HandoverTransport } from './sfu/handover-transport';
import { LiveKitTransport, loadLiveKit } from './sfu/livekit-transport';
import type { SessionNotice } from './session-notices';
import { isInMeeting, nextPhase, type SentOutCode, type SessionEvent } from './session-state';
import { initialSnapshot, mergeChat, type SessionSnapshot } from './session-types';
import { SignalingClient, SignalingError, type SessionSignaling } from './signaling-client';
import type { Viewport } from './sfu/tile-viewport';
import { ViewportFeed } from './viewport-feed';
import { WarmSignaling } from './warm-signaling';
import { whenIdle } from './when-idle';
import { markJoin } from './join-marks';
import { LobbyOffer } from './mesh/lobby-offer';

export interface CallSessionOptions {
  meetingId: string;
  /** `?relay=1`: TURN only. */
  relayOnly?: boolean;
  createSignaling?: () => SessionSignaling;
  /**
   * One transport per seat and media mode: a rejoin after a drop gets a fresh one, and a meeting
   * moving to the SFU gets an SFU transport next to the mesh one until the handover is done.
   */
  createTransport?: (signaling: SessionSignaling, mode: MediaMode, sfuToken?: SfuTokenResult) => MediaTransport;
  /** False where this browser cannot make calls (no WebRTC). */
  supported?: () => boolean;
  media?: LocalMedia;
  /** This browser's keys for the meeting (host key, issued client key): sent with every join. */
  keys?: {
    hostKey(meetingId: string): string | undefined;
    clientKey(meetingId: string): string | undefined;
    saveClientKey(meetingId: string, key: string): void;
  };
}

const RECONNECT_GIVE_UP_MS = 60_000;
/** A tile switches to its SFU video at its first frame, or after this long without one. */
const FIRST_FRAME_WAIT_MS = 3_000;
/** The lobby's preload of the SFU client waits for an idle moment at most this long. */
const SFU_PRELOAD_WAIT_MS = 3_000;
/** The mesh closes at the latest this long after the switch to the SFU began. */
const HANDOVER_BOUND_MS = 8_000;

/** How media flows for us now: 'switching' while the mesh and the SFU run side by side. */
export type SessionMediaMode = MediaMode | 'switching';

/**
 * One person's meeting: membership (join, leave, rejoin after a drop), the roster, chat and
 * media-state sync. Media itself goes through a {@link MediaTransport} the UI never sees.
 * React renders {@link state} and calls the methods; nothing here knows about React.
 */
export class CallSession {
  /** Camera, microphone, screen, meter and speakers: what the device controls act on. */
  readonly devices: CallDevices;
  /** Local recording of the meeting (the Record control); stopped and saved when we leave. */
  readonly recorder: MeetingRecorder;
  /** What the meeting was last told about our recording (a new seat starts at false). */
  private recordingSent = false;
  /** Our recording as last announced to the person. */
  private recorderWas = false;
  private readonly store: Store<SessionSnapshot>;
  /** Phase, roster, chat, notices: one immutable snapshot per change. */
  readonly state: Observable<SessionSnapshot>;
  /** Roles, title and lock, the waiting room, and the host's actions. */
  readonly host: HostControls;
  private readonly speakers: ActiveSpeakers;
  /** The raise-hand queue and the reactions being shown (their own observables). */
  readonly hands: Hands;
  readonly reactions = new Reactions();
  /** Connection quality per participant and of our own uplink (the tiles' indicators, the hint). */
  readonly quality: QualityMonitor;
  private readonly roster: Roster;
  /** What the layout shows of each participant, kept across transports (see ViewportFeed). */
  private readonly viewports = new ViewportFeed();
  private readonly mediaSync = new MediaStateSync((state) => this.signaling?.updateMedia(state));
  private signaling: SessionSignaling | null = null;
  private readonly warm: WarmSignaling;
  private transport: MediaTransport | null = null;
  /** What the current transport was connected with (the SFU transport of a switch reuses it). */
  private setup: TransportSetup | null = null;
  /** `media-mode: sfu` arrived before our join ack was handled. */
  private sfuAnnounced = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  /** Set once the lobby learned the meeting is on the SFU (see expectSfu); cancels the preload. */
  private sfuPreload: (() => void) | null = null;
  /** The first join's head start, prepared in the lobby (see LobbyOffer); one use. */
  private lobbyOffer: LobbyOffer | null = null;
  private cancelPrepare: (() => void) | null = null;
  /** Given to the current mesh; closed after the join ack if no link took it. */
  private handedOffer: LobbyOffer | null = null;

  constructor(private readonly options: CallSessionOptions) {
    this.devices = new CallDevices(options.media);
    this.warm = new WarmSignaling(() => options.createSignaling?.() ?? new SignalingClient());
    this.store = new Store(initialSnapshot(options.meetingId));
    this.hands = new Hands(this.devices.micLevel.state);
    this.state = this.store;
    this.roster = new Roster({
      media: (id, media) => this.devices.output.attach(id, media.audio),
      removed: (id) => {
        this.devices.output.detach(id);
        this.speakers.forget(id);
      },
    });
    this.host = new HostControls({
      notify: (notice) => this.notify(notice),
      muteSelf: () => this.media.setMicEnabled(false),
      sentOut: (code) => this.sendOut(code),
      admitted: () => {
        if (this.signaling && this.snapshot.phase.name === 'waiting') void this.enter(this.signaling);
      },
      nameOf: (id) => this.snapshot.peers.find((p) => p.id === id)?.displayName,
    });
    this.roster.state.subscribe(() => this.patch({ peers: this.roster.peers }));
    this.speakers = new ActiveSpeakers({
      remote: () => Promise.all(this.snapshot.peers.map(async (p) => [p.id, (await this.transport?.audioLevel(p.id)) ?? null] as const)),
      self: () => (this.media.snapshot.micOn ? this.devices.micLevel.level : null),
    });
    this.quality = new QualityMonitor({
      participants: () =>
        this.snapshot.peers.filter((p) => p.connectionState === 'connected').map((p) => ({ id: p.id, expectVideo: p.media.video && !!p.video })),
      stats: async (id) => (await this.transport?.stats(id)) ?? null,
    });
    this.speakers.state.subscribe(() => {
      const { self, remote } = this.speakers.state.getSnapshot();
      this.roster.setSpeakers(remote);
      this.patch({ selfSpeaking: self });
    });
    this.media.on('track', ({ kind, track }) => {
      this.transport?.setLocalTrack(kind, track);
      this.lobbyOffer?.setLocalTrack(kind, track);
    });
    this.media.state.subscribe(() => {
      this.transport?.setMicMuted(!this.media.snapshot.micOn);
      this.sendMediaState();
    });
    this.devices.output.on('blocked', (blocked) => this.patch({ needsAudioUnlock: blocked }));
    this.recorder = new MeetingRecorder({
      meetingId: options.meetingId,
      input: () => meetingInput(this.snapshot, this.media.snapshot),
      watch: (listener) => {
        const offSession = this.store.subscribe(listener);
        const offMedia = this.media.state.subscribe(listener);
        return () => (offSession(), offMedia());
      },
    });
    this.recorder.state.subscribe(() => this.onRecorderChange());
  }

  private get snapshot(): SessionSnapshot {
    return this.store.getSnapshot();
  }

  private get media(): LocalMedia {
    return this.devices.media;
  }

  /** Lobby: connect to signaling early, once the page is idle (see WarmSignaling). */
  warmUp(): void {
    if (this.signaling || this.disposed) return;
    this.warm.warmUpWhenIdle();
    this.prepareLobbyOffer();
  }

  /**
   * Lobby: the meeting is on the SFU already (`GET /api/meetings/:id` says so), so this join goes
   * straight to LiveKit: its client library loads while the person gets ready (on idle, off first
   * paint), and no mesh offer is prepared for a mesh we will not use.
   */
  expectSfu(): void {
    if (this.signaling || this.disposed || this.sfuPreload) return;
    this.cancelPrepare?.();
    this.cancelPrepare = null;
    this.lobbyOffer?.close();
    this.lobbyOffer = null;
    this.sfuPreload = whenIdle(() => void loadLiveKit().catch(() => undefined), SFU_PRELOAD_WAIT_MS);
  }

  /**
   * Lobby: the first call link's connection, transceivers and offer (see LobbyOffer), prepared at
   * the person's first pointer or keyboard activity on the page, not at load: prepared on idle,
   * it cost the lobby's Lighthouse run 6 s of Total Blocking Time (score 63, against 94 without).
   */
  private prepareLobbyOffer(): void {
    const supported = this.options.supported ?? (() => typeof RTCPeerConnection !== 'undefined');
    if (this.lobbyOffer || this.cancelPrepare || this.sfuPreload || this.options.createTransport || this.options.relayOnly || !supported()) return;
    if (typeof window === 'undefined') return;
    const events = ['pointermove', 'pointerdown', 'keydown', 'focusin'] as const;
    const prepare = () => {
      this.cancelPrepare?.();
      this.cancelPrepare = null;
      if (this.signaling || this.disposed || this.lobbyOffer) return;
      const offer = new LobbyOffer();
      this.lobbyOffer = offer;
      const { audioTrack: audio, videoTrack: video } = this.media.snapshot;
      void offer.prepare({ audio, video, screen: null });
    };
    for (const event of events) window.addEventListener(event, prepare, { passive: true, capture: true });
    this.cancelPrepare = () => {
      for (const event of events) window.removeEventListener(event, prepare, { capture: true });
    };
  }

  async join(displayName: string): Promise<void> {
    markJoin('join-click');
    const supported = this.options.supported ?? (() => typeof RTCPeerConnection !== 'undefined');
    if (!supported()) {
      this.dispatch({ type: 'JOIN_REQUESTED' });
      this.dispatch({ type: 'JOIN_FAILED', code: 'UNSUPPORTED_BROWSER', message: 'WebRTC is not available.' });
      return;
    }
    this.patch({ displayName });
    this.mediaSync.reset();
    this.dispatch({ type: 'JOIN_REQUESTED' });
    // Still loading, or the idle moment never came: the chunk loads beside the join round trip.
    if (this.sfuPreload) void loadLiveKit().catch(() => undefined);
    this.signaling?.close();
    const signaling = this.warm.take();
    this.signaling = signaling;
    this.wireSignaling(signaling);
    this.replaceTransport(signaling);
    await this.enter(signaling);
  }

  /** Asks for a seat; a locked meeting puts us in its waiting room, and a host's admission calls this again. */
  private async enter(signaling: SessionSignaling): Promise<void> {
    try {
      const { meetingId, keys } = this.options;
      const hostKey = keys?.hostKey(meetingId);
      const clientKey = keys?.clientKey(meetingId);
      const result = await signaling.join({
        meetingId,
        displayName: this.snapshot.displayName,
        media: this.mediaState(),
        ...(hostKey ? { hostKey } : {}),
        ...(clientKey ? { clientKey } : {}),
      });
      markJoin('join-ack');
      if (result.clientKey) keys?.saveClientKey(meetingId, result.clientKey);
      const { name } = this.snapshot.phase;
      if (this.signaling !== signaling || (name !== 'joining' && name !== 'waiting')) return;
      this.adopt(result);
      this.dispatch({ type: 'JOIN_SUCCEEDED' });
      this.speakers.start();
      this.quality.start();
    } catch (error) {
      if (this.signaling !== signaling) return;
      const { code, message } = error instanceof SignalingError ? error : { code: 'INTERNAL' as const, message: 'Could not join.' };
      // The connection stays open: the server tells it the host's decision (`admission`).
      if (code === 'WAITING_FOR_HOST') return this.dispatch({ type: 'WAITING' });
      this.teardownCall();
      this.dispatch({ type: 'JOIN_FAILED', code: code === 'TIMEOUT' ? 'CONNECTION_LOST' : code, message });
    }
  }

  /** Leave: hang up all media and stop every local track. */
  leave(): void {
    const { name } = this.snapshot.phase;
    if (!isInMeeting(this.snapshot.phase) && name !== 'joining' && name !== 'waiting') return;
    // Saved before the tracks stop, so the file ends where the meeting did.
    void this.recorder.stop();
    this.signaling?.leave();
    this.teardownCall();
    this.devices.stopAndRemember();
    this.dispatch({ type: 'LEFT' });
  }

  /** After leaving or an error: devices back as the person had them, then join with the same name. */
  async rejoin(): Promise<void> {
    this.dispatch({ type: 'RESET' });
    await this.devices.restoreRemembered();
    await this.join(this.snapshot.displayName);
  }

  /** From an error the person can fix in the lobby (a refused name): back there, devices kept. */
  backToLobby(): void {
    if (this.snapshot.phase.name === 'error') this.dispatch({ type: 'RESET' });
  }

  async sendChat(text: string): Promise<void> {
    const signaling = this.signaling;
    if (!signaling) return;
    // Our own message reaches us with everyone's, as the `chat-message` broadcast; the ack is small.
    await signaling.sendChat(text);
  }

  /** Media numbers for one participant (the `window.__meet` test hook); null without a connection. */
  async stats(participantId: string): Promise<ParticipantStats | null> {
    return (await this.transport?.stats(participantId)) ?? null;
  }

  /** Which participants' video is on screen and how big (the layout's page); the SFU subscribes to those. */
  setViewports(viewports: ReadonlyMap<string, Viewport>): void {
    this.viewports.set(viewports);
  }

  /** Mesh, SFU, or both during a switch (the `window.__meet` test hook); null outside a meeting. */
  get mediaMode(): SessionMediaMode | null {
    const transport = this.transport;
    if (!transport) return null;
    if (transport instanceof HandoverTransport) return transport.finished ? 'sfu' : 'switching';
    return transport.kind;
  }

  /** Releases everything; safe to call twice (StrictMode runs effects twice in development). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    void this.recorder.stop();
    this.warm.close();
    this.cancelPrepare?.();
    this.sfuPreload?.();
    this.lobbyOffer?.close();
    this.lobbyOffer = null;
    this.signaling?.leave();
    this.teardownCall();
    this.speakers.dispose();
    this.quality.dispose();
    this.host.dispose();
    this.hands.dispose();
    this.reactions.dispose();
    this.devices.dispose();
    this.store.close();
  }

  /** A fresh seat gets a fresh transport; the old one hangs up (local tracks keep running). */
  private replaceTransport(signaling: SessionSignaling | null, mode: MediaMode = 'mesh', sfuToken?: SfuTokenResult): void {
    const old = this.transport;
    this.setup = null;
    this.transport = signaling ? this.createTransport(signaling, mode, sfuToken) : null;
    this.roster.use(this.transport);
    this.viewports.use(this.transport);
    old?.close();
  }

  private createTransport(signaling: SessionSignaling, mode: MediaMode, sfuToken?: SfuTokenResult): MediaTransport {
    const custom = this.options.createTransport?.(signaling, mode, sfuToken);
    if (custom) return custom;
    // The lobby's prepared offer serves the first mesh only; later seats start from scratch, and
    // a meeting already on the SFU closes it (it would otherwise hold its senders all call long).
    const lobbyOffer = this.lobbyOffer ?? undefined;
    this.lobbyOffer = null;
    this.cancelPrepare?.();
    this.cancelPrepare = null;
    if (mode === 'sfu') {
      lobbyOffer?.close();
      return new LiveKitTransport({ token: () => signaling.sfuToken(this.options.meetingId), ...(sfuToken ? { initialToken: sfuToken } : {}) });
    }
    this.handedOffer = lobbyOffer ?? null;
    return new MeshTransport({ signals: signaling, relayOnly: this.options.relayOnly, ...(lobbyOffer ? { lobbyOffer } : {}) });
  }

  /**
   * The meeting moved to the SFU while we are on the mesh: make-before-break. The SFU transport
   * connects and publishes next to the mesh; each tile moves at its first SFU frame; then the mesh
   * closes (see HandoverTransport).
   */
  private switchToSfu(signaling: SessionSignaling): void {
    const mesh = this.transport;
    const setup = this.setup;
    if (!setup || !mesh || mesh.kind !== 'mesh') {
      this.sfuAnnounced = true;
      return;
    }
    const sfu = this.createTransport(signaling, 'sfu');
    const { audioTrack: audio, videoTrack: video, screenTrack: screen } = this.media.snapshot;
    sfu.connect({ ...setup, local: { audio, video, screen } });
    const handover = new HandoverTransport(mesh, sfu, {
      firstFrame: (track) => firstFrame(track, FIRST_FRAME_WAIT_MS),
      boundMs: HANDOVER_BOUND_MS,
      // Our media-state no longer needs the mesh's camera/screen mapping.
      done: () => this.sendMediaState(),
    });
    this.transport = handover;
    this.roster.handOver(handover);
    this.viewports.use(handover);
  }

  private wireSignaling(s: SessionSignaling): void {
    this.host.attach(s);
    this.hands.attach(s);
    this.reactions.attach(s);
    s.on('user-joined', (peer) => {
      this.roster.add(peer, false);
      this.notify({ type: 'peer-joined', name: peer.displayName });
    });
    s.on('user-left', ({ id }) => {
      const peer = this.snapshot.peers.find((p) => p.id === id);
      this.roster.remove(id);
      if (peer) this.notify({ type: 'peer-left', name: peer.displayName });
    });
    s.on('peer-updated', ({ id, media }) => this.roster.updateMedia(id, media));
    s.on('peer-recording', ({ id, recording }) => {
      const peer = this.snapshot.peers.find((p) => p.id === id);
      this.roster.updateRecording(id, recording);
      if (peer) this.notify({ type: 'recording', name: peer.displayName, on: recording });
    });
    s.on('chat-message', (message) => this.addChat([message]));
    s.on('media-mode', ({ mode }) => {
      if (mode === 'sfu' && this.signaling === s) this.switchToSfu(s);
    });
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
      this.roster.retireSelf();
      this.replaceTransport(s, result.mediaMode.mode, result.sfuToken);
      this.adopt(result);
      this.dispatch({ type: 'REJOINED' });
      this.mediaSync.reset();
      this.sendMediaState();
      // A new seat starts with nobody recording (adopt): say so again if we still are.
      this.sendRecordingState();
    });
    // Knock again from the error screen's "Try again": the server forgot us with the connection.
    s.on('knock-lost', () => {
      if (this.snapshot.phase.name !== 'waiting') return;
      this.teardownCall();
      this.dispatch({ type: 'JOIN_FAILED', code: 'CONNECTION_LOST', message: 'The connection to the server was lost.' });
    });
    s.on('rejoin-failed', ({ code, message }) => {
      if (code === 'WAITING_FOR_HOST' && this.snapshot.phase.name === 'reconnecting') {
        // The meeting is locked and our seat went with the connection: we knock like a newcomer,
        // and an admission joins us on this connection with a fresh transport.
        clearTimeout(this.reconnectTimer);
        this.speakers.stop();
        this.roster.retireSelf();
        this.replaceTransport(s);
        this.dispatch({ type: 'WAITING' });
        return;
      }
      this.teardownCall();
      this.dispatch({ type: 'JOIN_FAILED', code, message });
    });
  }

  private adopt(result: JoinMeetingResult): void {
    const { audioTrack: audio, videoTrack: video, screenTrack: screen } = this.media.snapshot;
    // The server may have told our name apart from a namesake's ("alice (2)"): show what others see.
    this.patch({ selfId: result.selfId, displayName: result.displayName || this.snapshot.displayName, maxParticipants: result.maxParticipants });
    this.recordingSent = false;
    const sfu = result.mediaMode.mode === 'sfu' || this.sfuAnnounced;
    this.sfuAnnounced = false;
    // The meeting is on the SFU already: straight there, no mesh at all.
    if (sfu && this.transport?.kind === 'mesh' && this.signaling) this.replaceTransport(this.signaling, 'sfu', result.sfuToken);
    const setup: TransportSetup = {
      selfId: result.selfId,
      meetingId: result.meetingId,
      iceServers: result.iceServers,
      iceServersExpireAt: result.iceServersExpireAt,
      local: { audio, video, screen },
    };
    this.transport?.connect(setup);
    this.setup = setup;
    this.addChat(result.chat);
    this.roster.seat(result.selfId, result.peers);
    // Nobody to offer to (an empty meeting): the prepared connection goes unused.
    this.handedOffer?.close();
    this.handedOffer = null;
    this.host.adopt(result);
    this.hands.seat(result);
  }

  /**
   * A host's decision ended our session (removed, meeting ended, knock denied). The connection
   * closes first, so the server's disconnect that follows does not start a rejoin.
   */
  private sendOut(code: SentOutCode): void {
    this.teardownCall();
    this.devices.stopAndRemember();
    this.dispatch({ type: 'SENT_OUT', code });
  }

  private teardownCall(): void {
    clearTimeout(this.reconnectTimer);
    // The call is over (left, failed, gave up reconnecting): so is its recording.
    void this.recorder.stop();
    this.speakers.stop();
    this.hands.reset();
    this.reactions.reset();
    this.quality.stop();
    this.sfuAnnounced = false;
    this.replaceTransport(null);
    this.host.detach();
    this.signaling?.close();
    this.signaling = null;
  }

  private mediaState(): MediaState {
    return mediaStateOf(this.media.snapshot, this.transport?.localSources() ?? {});
  }

  private sendMediaState(): void {
    if (isInMeeting(this.snapshot.phase)) this.mediaSync.sync(this.mediaState());
  }

  private onRecorderChange(): void {
    const { recording, error } = this.recorder.state.getSnapshot();
    if (error && !recording) this.notify({ type: 'recording-failed', reason: error });
    if (recording !== this.recorderWas) {
      this.recorderWas = recording;
      this.notify({ type: 'recording', name: null, on: recording });
    }
    this.sendRecordingState();
  }

  private sendRecordingState(): void {
    const recording = this.recorder.recording;
    if (recording === this.recordingSent || !isInMeeting(this.snapshot.phase)) return;
    this.recordingSent = recording;
    this.signaling?.updateRecording(recording);
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
