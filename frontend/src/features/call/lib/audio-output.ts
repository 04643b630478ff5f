import { TypedEmitter } from './typed-emitter';

type SinkableAudio = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };

/**
 * Plays each remote participant's audio through its own detached <audio> element. Detects when
 * the browser's autoplay policy blocks play() so the UI can offer "Enable audio".
 */
export class AudioOutput extends TypedEmitter<{ blocked: boolean }> {
  private readonly elements = new Map<string, SinkableAudio>();
  private sinkId: string | null = null;
  private _blocked = false;

  get blocked(): boolean {
    return this._blocked;
  }

  attach(peerId: string, track: MediaStreamTrack | null): void {
    if (!track) return this.detach(peerId);
    let element = this.elements.get(peerId);
    if (!element) {
      element = document.createElement('audio') as SinkableAudio;
      element.autoplay = true;
      this.elements.set(peerId, element);
      if (this.sinkId) void element.setSinkId?.(this.sinkId).catch(() => {});
    }
    const current = (element.srcObject as MediaStream | null)?.getAudioTracks()[0];
    if (current === track) return;
    element.srcObject = new MediaStream([track]);
    this.play(element);
  }

  detach(peerId: string): void {
    const element = this.elements.get(peerId);
    if (!element) return;
    element.pause();
    element.srcObject = null;
    this.elements.delete(peerId);
  }

  /** Call from a user gesture (the "Enable audio" button). */
  unlock(): void {
    this.setBlocked(false);
    for (const element of this.elements.values()) this.play(element);
  }

  async setSpeaker(deviceId: string): Promise<void> {
    this.sinkId = deviceId;
    await Promise.all([...this.elements.values()].map((el) => el.setSinkId?.(deviceId).catch(() => {})));
  }

  dispose(): void {
    for (const peerId of [...this.elements.keys()]) this.detach(peerId);
    this.removeAllListeners();
  }

  private play(element: HTMLAudioElement): void {
    element.play().catch((error: unknown) => {
      if (error instanceof DOMException && error.name === 'NotAllowedError') this.setBlocked(true);
    });
  }

  private setBlocked(blocked: boolean): void {
    if (this._blocked === blocked) return;
    this._blocked = blocked;
    this.emit('blocked', blocked);
  }
}

/** True where the browser can pick the audio output device. */
export const canSelectSpeaker = (): boolean =>
  typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
