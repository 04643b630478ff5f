import { Store, type Observable } from './observable';

/**
 * Measures a local audio track's level (0..1) with a WebAudio AnalyserNode, ~12 times a second.
 * One AudioContext per monitor; it is resumed on the first user gesture if autoplay suspended it.
 */
export class AudioLevelMonitor {
  private readonly store = new Store(0);
  /** The level 0..1, rounded to 0.01 (changes ~12×/s while someone talks). */
  readonly state: Observable<number> = this.store;
  private context: AudioContext | null = null;
  private source: MediaStreamAudioSourceNode | null = null;
  private analyser: AnalyserNode | null = null;
  private buffer: Float32Array<ArrayBuffer> | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly resume = () => void this.context?.resume().catch(() => {});

  get level(): number {
    return this.store.getSnapshot();
  }

  setTrack(track: MediaStreamTrack | null): void {
    this.source?.disconnect();
    this.source = null;
    clearInterval(this.timer);
    this.setLevel(0);
    if (!track || typeof AudioContext === 'undefined') return;
    if (!this.context) {
      this.context = new AudioContext();
      window.addEventListener('pointerdown', this.resume, { once: true, capture: true });
      window.addEventListener('keydown', this.resume, { once: true, capture: true });
    }
    this.resume();
    this.analyser ??= Object.assign(this.context.createAnalyser(), { fftSize: 512 });
    this.buffer = new Float32Array(this.analyser.fftSize);
    this.source = this.context.createMediaStreamSource(new MediaStream([track]));
    this.source.connect(this.analyser);
    this.timer = setInterval(() => this.sample(track), 80);
  }

  dispose(): void {
    this.setTrack(null);
    window.removeEventListener('pointerdown', this.resume, { capture: true });
    window.removeEventListener('keydown', this.resume, { capture: true });
    void this.context?.close().catch(() => {});
    this.context = null;
    this.store.close();
  }

  private sample(track: MediaStreamTrack): void {
    if (!this.analyser || !this.buffer) return;
    if (!track.enabled || track.readyState === 'ended') return this.setLevel(0);
    this.analyser.getFloatTimeDomainData(this.buffer);
    let sum = 0;
    for (const value of this.buffer) sum += value * value;
    const rms = Math.sqrt(sum / this.buffer.length);
    // Perceptual-ish scale: speech RMS ~0.02-0.2 maps to most of the meter.
    const level = Math.min(1, Math.sqrt(rms) * 1.6);
    // Smooth the fall so the meter does not flicker.
    this.setLevel(level > this.level ? level : this.level * 0.7 + level * 0.3);
  }

  private setLevel(level: number): void {
    this.store.set(Math.round(level * 100) / 100);
  }
}
