import { AudioLevelMonitor } from './audio-level';
import { AudioOutput } from './audio-output';
import { LocalMedia } from './local-media';
import type { MediaFailure } from './media-errors';

/**
 * The person's side of a call: camera, microphone and screen (LocalMedia), the microphone meter,
 * and where remote audio plays. Lives as long as the meeting page; joins and leaves come and go.
 */
export class CallDevices {
  readonly micLevel = new AudioLevelMonitor();
  readonly output = new AudioOutput();
  /** What was on when the person left, so Rejoin restores it instead of turning everything on. */
  private remembered: { audio: boolean; video: boolean; micOn: boolean } | null = null;

  constructor(readonly media: LocalMedia = new LocalMedia()) {
    media.on('track', ({ kind, track }) => {
      if (kind === 'audio') this.micLevel.setTrack(track);
    });
  }

  /** Lobby: start camera and microphone for the preview (kept when joining). */
  startPreview(wants = { audio: true, video: true }): Promise<void> {
    return this.media.start(wants);
  }

  toggleMic(): void {
    this.media.setMicEnabled(!this.media.snapshot.micOn);
  }

  toggleCamera(): void {
    void this.media.setCameraEnabled(!this.media.snapshot.camOn);
  }

  /** Resolves with why a share could not start (for the UI to say), or null. */
  async toggleScreenShare(): Promise<MediaFailure | null> {
    if (!this.media.snapshot.screenOn) return this.media.startScreenShare();
    this.media.stopScreenShare();
    return null;
  }

  /** Call from a user gesture (the "Enable audio" button). */
  unlockAudio(): void {
    this.output.unlock();
  }

  async setSpeaker(deviceId: string): Promise<void> {
    await this.media.selectDevice('audiooutput', deviceId);
    await this.output.setSpeaker(deviceId);
  }

  /** Leaving: remember what was on, then stop every track (the camera light goes off). */
  stopAndRemember(): void {
    const { audioTrack, camOn, micOn } = this.media.snapshot;
    this.remembered = { audio: !!audioTrack, video: camOn, micOn };
    this.media.stop();
  }

  /** Rejoining: start what was on when the person left, muted if it was muted. No-op otherwise. */
  async restoreRemembered(): Promise<void> {
    const remembered = this.remembered;
    this.remembered = null;
    if (!remembered) return;
    await this.media.start({ audio: remembered.audio, video: remembered.video });
    if (!remembered.micOn) this.media.setMicEnabled(false);
  }

  dispose(): void {
    this.media.dispose();
    this.micLevel.dispose();
    this.output.dispose();
  }
}
