import { mapMediaError, type DeviceKind, type MediaFailure } from './media-errors';
import { Store, type Observable } from './observable';
import { TypedEmitter } from './typed-emitter';

export interface DeviceOption {
  deviceId: string;
  label: string;
}

export interface LocalMediaState {
  audioTrack: MediaStreamTrack | null;
  videoTrack: MediaStreamTrack | null;
  screenTrack: MediaStreamTrack | null;
  /** Microphone live and unmuted. */
  micOn: boolean;
  /** Camera track running. */
  camOn: boolean;
  screenOn: boolean;
  starting: boolean;
  errors: Partial<Record<DeviceKind, MediaFailure>>;
  devices: { audioinput: DeviceOption[]; videoinput: DeviceOption[]; audiooutput: DeviceOption[] };
  selected: { audioinput: string | null; videoinput: string | null; audiooutput: string | null };
}

export interface LocalMediaEvents {
  /** A track was replaced (or removed): the transport swaps it into what it sends. */
  track: { kind: 'audio' | 'video' | 'screen'; track: MediaStreamTrack | null };
}

const VIDEO_CONSTRAINTS: MediaTrackConstraints = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } };
const AUDIO_CONSTRAINTS: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };

/**
 * The local camera, microphone and screen. Mute is `track.enabled = false` (no renegotiation);
 * camera off stops the track so the device (and its light) is released.
 */
export class LocalMedia extends TypedEmitter<LocalMediaEvents> {
  private readonly store = new Store<LocalMediaState>({
    audioTrack: null,
    videoTrack: null,
    screenTrack: null,
    micOn: false,
    camOn: false,
    screenOn: false,
    starting: false,
    errors: {},
    devices: { audioinput: [], videoinput: [], audiooutput: [] },
    selected: { audioinput: null, videoinput: null, audiooutput: null },
  });
  /** Tracks, on/off, errors and device lists, for React and the session. */
  readonly state: Observable<LocalMediaState> = this.store;
  // Bumped on stop/dispose so a getUserMedia that resolves late is stopped, not adopted.
  private generation = 0;
  private disposed = false;
  private readonly onDeviceChange = () => void this.refreshDevices();

  constructor() {
    super();
    navigator.mediaDevices?.addEventListener?.('devicechange', this.onDeviceChange);
  }

  get snapshot(): LocalMediaState {
    return this.store.getSnapshot();
  }

  get canShareScreen(): boolean {
    return typeof navigator.mediaDevices?.getDisplayMedia === 'function';
  }

  /** Starts the wanted devices; each failure is recorded per device and the rest still works. */
  async start(wants: { audio: boolean; video: boolean }): Promise<void> {
    if (!navigator.mediaDevices?.getUserMedia) {
      this.update({ errors: { audio: 'Other', video: 'Other' } });
      return;
    }
    const generation = this.generation;
    this.update({ starting: true });
    const errors: Partial<Record<DeviceKind, MediaFailure>> = {};
    let audio: MediaStreamTrack | null = null;
    let video: MediaStreamTrack | null = null;
    try {
      const stream = await navigator.mediaDevices.getUserMedia({
        audio: wants.audio ? this.audioConstraints() : false,
        video: wants.video ? this.videoConstraints() : false,
      });
      audio = stream.getAudioTracks()[0] ?? null;
      video = stream.getVideoTracks()[0] ?? null;
    } catch {
      // Ask again per device to learn which one failed and keep the one that works.
      if (wants.audio) ({ track: audio } = await this.acquire('audio', errors));
      if (wants.video) ({ track: video } = await this.acquire('video', errors));
    }
    if (generation !== this.generation || this.disposed) {
      audio?.stop();
      video?.stop();
      return;
    }
    this.setTrack('audio', audio);
    this.setTrack('video', video);
    this.update({ starting: false, errors, micOn: !!audio, camOn: !!video });
    await this.refreshDevices();
  }

  setMicEnabled(on: boolean): void {
    const track = this.snapshot.audioTrack;
    if (!track) {
      if (on) void this.reacquire('audio');
      return;
    }
    track.enabled = on;
    this.update({ micOn: on });
  }

  async setCameraEnabled(on: boolean): Promise<void> {
    if (!on) {
      this.setTrack('video', null);
      this.update({ camOn: false });
      return;
    }
    if (this.snapshot.videoTrack) return;
    await this.reacquire('video');
  }

  async selectDevice(kind: 'audioinput' | 'videoinput' | 'audiooutput', deviceId: string): Promise<void> {
    this.update({ selected: { ...this.snapshot.selected, [kind]: deviceId } });
    if (kind === 'audioinput' && this.snapshot.audioTrack) await this.reacquire('audio');
    if (kind === 'videoinput' && this.snapshot.videoTrack) await this.reacquire('video');
  }

  /**
   * Asks the browser for a screen to share. Resolves with the failure worth telling the person
   * (also kept in `errors.screen`), or null: shared, cancelled in the picker, or moot after leaving.
   */
  async startScreenShare(): Promise<MediaFailure | null> {
    if (!this.canShareScreen || this.snapshot.screenTrack) return null;
    // The picker can stay open for minutes: a share picked after leaving must be stopped, not adopted.
    const generation = this.generation;
    try {
      const stream = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 15 } }, audio: false });
      const track = stream.getVideoTracks()[0];
      if (!track || generation !== this.generation || this.disposed) {
        for (const t of stream.getTracks()) t.stop();
        return null;
      }
      track.contentHint = 'detail';
      // The browser's own "Stop sharing" button ends the track without telling us otherwise.
      track.addEventListener('ended', () => this.stopScreenShare());
      this.setTrack('screen', track);
      this.update({ screenOn: true, errors: { ...this.snapshot.errors, screen: undefined } });
      return null;
    } catch (error) {
      if (generation !== this.generation) return null;
      const failure = mapMediaError(error);
      // Cancelling the picker is a NotAllowedError too: not worth an alert.
      return failure === 'PermissionDenied' ? null : this.screenFailed(failure);
    }
  }

  private screenFailed(failure: MediaFailure): MediaFailure {
    this.update({ errors: { ...this.snapshot.errors, screen: failure } });
    return failure;
  }

  stopScreenShare(): void {
    if (!this.snapshot.screenTrack) return;
    this.setTrack('screen', null);
    this.update({ screenOn: false });
  }

  /** Stops every track (leave): the camera light goes off. Devices can be started again. */
  stop(): void {
    this.generation += 1;
    this.setTrack('audio', null);
    this.setTrack('video', null);
    this.setTrack('screen', null);
    this.update({ micOn: false, camOn: false, screenOn: false, starting: false });
  }

  dispose(): void {
    this.stop();
    this.disposed = true;
    navigator.mediaDevices?.removeEventListener?.('devicechange', this.onDeviceChange);
    this.removeAllListeners();
    this.store.close();
  }

  private async reacquire(kind: 'audio' | 'video'): Promise<void> {
    const generation = this.generation;
    const errors = { ...this.snapshot.errors };
    delete errors[kind];
    const { track } = await this.acquire(kind, errors);
    if (generation !== this.generation || this.disposed) return track?.stop();
    if (track && kind === 'audio') track.enabled = this.snapshot.audioTrack ? this.snapshot.micOn : true;
    this.setTrack(kind, track);
    this.update(kind === 'audio' ? { errors, micOn: track ? track.enabled : false } : { errors, camOn: !!track });
    await this.refreshDevices();
  }

  private async acquire(kind: 'audio' | 'video', errors: Partial<Record<DeviceKind, MediaFailure>>) {
    try {
      const stream = await navigator.mediaDevices.getUserMedia(
        kind === 'audio' ? { audio: this.audioConstraints() } : { video: this.videoConstraints() },
      );
      return { track: (kind === 'audio' ? stream.getAudioTracks() : stream.getVideoTracks())[0] ?? null };
    } catch (error) {
      errors[kind] = mapMediaError(error);
      return { track: null };
    }
  }

  private audioConstraints(): MediaTrackConstraints {
    const id = this.snapshot.selected.audioinput;
    return id ? { ...AUDIO_CONSTRAINTS, deviceId: { exact: id } } : AUDIO_CONSTRAINTS;
  }

  private videoConstraints(): MediaTrackConstraints {
    const id = this.snapshot.selected.videoinput;
    return id ? { ...VIDEO_CONSTRAINTS, deviceId: { exact: id } } : VIDEO_CONSTRAINTS;
  }

  private setTrack(kind: 'audio' | 'video' | 'screen', track: MediaStreamTrack | null): void {
    const key = `${kind}Track` as const;
    const previous = this.snapshot[key];
    if (previous === track) return;
    previous?.stop();
    this.update({ [key]: track });
    this.emit('track', { kind, track });
  }

  private async refreshDevices(): Promise<void> {
    if (!navigator.mediaDevices?.enumerateDevices || this.disposed) return;
    const all = await navigator.mediaDevices.enumerateDevices();
    const pick = (kind: MediaDeviceKind) =>
      all
        .filter((d) => d.kind === kind && d.deviceId)
        .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `${kind} ${i + 1}` }));
    const selected = { ...this.snapshot.selected };
    const current = (track: MediaStreamTrack | null) => track?.getSettings().deviceId ?? null;
    selected.audioinput ??= current(this.snapshot.audioTrack);
    selected.videoinput ??= current(this.snapshot.videoTrack);
    this.update({
      devices: { audioinput: pick('audioinput'), videoinput: pick('videoinput'), audiooutput: pick('audiooutput') },
      selected,
    });
  }

  private update(patch: Partial<LocalMediaState>): void {
    this.store.patch(patch);
  }
}
