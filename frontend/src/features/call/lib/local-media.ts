import {
  audioConstraints,
  facingOf,
  hasProcessing,
  loadProcessing,
  saveProcessing,
  videoConstraints,
  type AudioProcessing,
  type Facing,
} from './media-constraints';
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
  /** Noise suppression and echo cancellation, as the person set them (remembered). */
  processing: AudioProcessing;
  /** Where the running camera faces, when it says (a phone): then it can be flipped. */
  facing: Facing | null;
}

export interface LocalMediaEvents {
  /** A track was replaced (or removed): the transport swaps it into what it sends. */
  track: { kind: 'audio' | 'video' | 'screen'; track: MediaStreamTrack | null };
}

type InputKind = 'audio' | 'video';
const INPUT: Record<InputKind, 'audioinput' | 'videoinput'> = { audio: 'audioinput', video: 'videoinput' };

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
    processing: loadProcessing(),
    facing: null,
  });
  /** Tracks, on/off, errors and device lists, for React and the session. */
  readonly state: Observable<LocalMediaState> = this.store;
  // Bumped on stop/dispose so a getUserMedia that resolves late is stopped, not adopted.
  private generation = 0;
  private disposed = false;
  private readonly onDeviceChange = () => void this.followDevices();

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
        video: wants.video ? videoConstraints({ deviceId: this.snapshot.selected.videoinput }) : false,
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

  /**
   * Another camera, microphone or speaker, in or out of a meeting. A running track is swapped for
   * one from the new device (the transports replace it on every sender: no renegotiation); mute
   * stays as it was. If the new device fails, the old one keeps running and the choice goes back.
   */
  async selectDevice(kind: 'audioinput' | 'videoinput' | 'audiooutput', deviceId: string): Promise<void> {
    const previous = this.snapshot.selected[kind];
    this.update({ selected: { ...this.snapshot.selected, [kind]: deviceId } });
    if (kind === 'audiooutput') return;
    const input: InputKind = kind === 'audioinput' ? 'audio' : 'video';
    if (!this.trackOf(input)) return;
    const constraints = input === 'audio' ? this.audioConstraints() : videoConstraints({ deviceId });
    if (!(await this.switchTrack(input, constraints))) this.update({ selected: { ...this.snapshot.selected, [kind]: previous } });
  }

  /** Front ↔ back camera (phones). No-op when the camera does not say where it faces. */
  async flipCamera(): Promise<void> {
    const facing = this.snapshot.facing;
    if (!facing || !this.snapshot.videoTrack) return;
    await this.switchTrack('video', videoConstraints({ facing: facing === 'user' ? 'environment' : 'user' }));
  }

  /**
   * Turns noise suppression or echo cancellation on or off, remembered for next time. Tried on the
   * running microphone first (applyConstraints); a browser that cannot change it live (or ignores
   * it) gets a fresh microphone track with the new settings.
   */
  async setAudioProcessing(patch: Partial<AudioProcessing>): Promise<void> {
    const processing = { ...this.snapshot.processing, ...patch };
    this.update({ processing });
    saveProcessing(processing);
    const track = this.snapshot.audioTrack;
    if (!track) return;
    const constraints = this.audioConstraints();
    const applied = await track.applyConstraints(constraints).then(
      () => hasProcessing(track, processing),
      () => false,
    );
    if (!applied && this.snapshot.audioTrack === track) await this.switchTrack('audio', constraints);
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

  /**
   * Replaces the running `kind` track with one opened with `constraints`; true on success. The old
   * track keeps running until the new one works, except where a phone opens one camera at a time:
   * then it is let go and, if the new one fails too, reopened as it was.
   */
  private async switchTrack(kind: InputKind, constraints: MediaTrackConstraints): Promise<boolean> {
    const generation = this.generation;
    const old = this.trackOf(kind);
    const errors = { ...this.snapshot.errors };
    delete errors[kind];
    let { track } = await this.acquire(kind, errors, constraints);
    if (!track && old && kind === 'video' && errors.video === 'DeviceInUse') {
      old.stop();
      ({ track } = await this.acquire(kind, errors, constraints));
      if (!track) ({ track } = await this.acquire(kind, {}, old.getConstraints?.() ?? videoConstraints({ deviceId: this.snapshot.selected.videoinput })));
    }
    if (generation !== this.generation || this.disposed || this.trackOf(kind) !== old) {
      track?.stop();
      return false;
    }
    const switched = !!track && !errors[kind];
    if (!track) {
      // Nothing could be opened (the old camera was let go): the camera is off now.
      if (old?.readyState === 'ended') this.setTrack(kind, null);
      this.update(kind === 'audio' ? { errors, micOn: !!this.snapshot.audioTrack && this.snapshot.micOn } : { errors, camOn: !!this.snapshot.videoTrack });
      return false;
    }
    if (kind === 'audio') track.enabled = this.snapshot.micOn;
    this.setTrack(kind, track);
    this.update({ errors });
    await this.refreshDevices();
    // The new device's id (a flip asks by facing, not by id) is what the pickers show.
    const deviceId = track.getSettings?.().deviceId;
    if (deviceId) this.update({ selected: { ...this.snapshot.selected, [INPUT[kind]]: deviceId } });
    return switched;
  }

  private trackOf(kind: InputKind): MediaStreamTrack | null {
    return kind === 'audio' ? this.snapshot.audioTrack : this.snapshot.videoTrack;
  }

  private async acquire(kind: InputKind, errors: Partial<Record<DeviceKind, MediaFailure>>, constraints?: MediaTrackConstraints) {
    try {
      const wanted = constraints ?? (kind === 'audio' ? this.audioConstraints() : videoConstraints({ deviceId: this.snapshot.selected.videoinput }));
      const stream = await navigator.mediaDevices.getUserMedia(kind === 'audio' ? { audio: wanted } : { video: wanted });
      return { track: (kind === 'audio' ? stream.getAudioTracks() : stream.getVideoTracks())[0] ?? null };
    } catch (error) {
      errors[kind] = mapMediaError(error);
      return { track: null };
    }
  }

  private audioConstraints(): MediaTrackConstraints {
    return audioConstraints(this.snapshot.selected.audioinput, this.snapshot.processing);
  }

  private setTrack(kind: 'audio' | 'video' | 'screen', track: MediaStreamTrack | null): void {
    const key = `${kind}Track` as const;
    const previous = this.snapshot[key];
    if (previous === track) return;
    previous?.stop();
    this.update(kind === 'video' ? { videoTrack: track, facing: facingOf(track) } : { [key]: track });
    this.emit('track', { kind, track });
  }

  /** Device lists follow `devicechange`; a camera or microphone that went away falls back to the default. */
  private async followDevices(): Promise<void> {
    await this.refreshDevices();
    for (const kind of ['audio', 'video'] as const) {
      const track = this.trackOf(kind);
      const list = this.snapshot.devices[INPUT[kind]];
      const id = track?.getSettings?.().deviceId;
      if (!track || list.length === 0) continue;
      if (track.readyState === 'ended' || (id && !list.some((d) => d.deviceId === id))) {
        this.update({ selected: { ...this.snapshot.selected, [INPUT[kind]]: null } });
        await this.switchTrack(kind, kind === 'audio' ? this.audioConstraints() : videoConstraints({ deviceId: null }));
      }
    }
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
