import fixWebmDuration from 'fix-webm-duration';
import { Store, type Observable } from '../observable';
import { AudioMixer } from './audio-mixer';
import { CanvasCompositor } from './canvas-compositor';
import { FrameTicker } from './frame-ticker';
import { canRecord, pickRecordingFormat, recordingFileName, type RecordingFormat } from './recording-format';
import type { RecordingInput } from './recording-source';
import { downloadFile } from './save-file';

export interface RecorderSnapshot {
  recording: boolean;
  /** Finishing the file after a stop (fixing its duration); a new recording waits for it. */
  saving: boolean;
  /** Why the last start failed; cleared by the next start. */
  error: 'unsupported' | 'failed' | null;
}

export interface MeetingRecorderOptions {
  meetingId: string;
  /** What to record right now: read at start and after every `watch` notification. */
  input(): RecordingInput;
  /** Calls `listener` whenever `input()` may have changed (people joined, left, shared, muted). */
  watch(listener: () => void): () => void;
  /** Where a finished recording goes; a download by default. */
  save?(blob: Blob, fileName: string): void;
  fps?: number;
}

const FPS = 30;
/** 720p meeting content at this rate is ~15 MB a minute. */
const VIDEO_BITS_PER_SECOND = 2_000_000;
/** A chunk every second: what is kept if the tab closes mid-recording. */
const TIMESLICE_MS = 1_000;
/**
 * fix-webm-duration reads the whole file into memory; past this size the file is saved as
 * recorded (playable, but without a duration in its header) rather than risk running out of memory.
 */
const MAX_FIX_BYTES = 400 * 1024 * 1024;

interface Active {
  format: RecordingFormat;
  recorder: MediaRecorder;
  chunks: Blob[];
  compositor: CanvasCompositor;
  mixer: AudioMixer;
  ticker: FrameTicker;
  canvasTrack: MediaStreamTrack;
  startedAt: Date;
  startedMs: number;
  unwatch: () => void;
  unlisten: () => void;
}

/**
 * Records the meeting in this browser: what the person sees (composited onto a 1280×720 canvas at
 * 30 fps, with names) and what they hear plus their own microphone (mixed with Web Audio), through
 * MediaRecorder, into a file they download when it stops. Nothing leaves the browser.
 */
export class MeetingRecorder {
  private readonly store = new Store<RecorderSnapshot>({ recording: false, saving: false, error: null });
  readonly state: Observable<RecorderSnapshot> = this.store;
  private active: Active | null = null;
  private finishing: Promise<void> = Promise.resolve();

  constructor(private readonly options: MeetingRecorderOptions) {}

  get recording(): boolean {
    return this.active !== null;
  }

  /** Frames drawn and seconds recorded by the current recording (null when not recording). */
  get progress(): { frames: number; seconds: number } | null {
    const active = this.active;
    return active && { frames: active.compositor.frames, seconds: (performance.now() - active.startedMs) / 1000 };
  }

  /** Call from a user gesture (the Record button), so the audio context may start. */
  start(): void {
    if (this.active) return;
    const format = canRecord() ? pickRecordingFormat((t) => MediaRecorder.isTypeSupported(t)) : null;
    if (!format) return this.store.patch({ error: 'unsupported' });
    let compositor: CanvasCompositor | null = null;
    let mixer: AudioMixer | null = null;
    try {
      const fps = this.options.fps ?? FPS;
      compositor = new CanvasCompositor();
      mixer = new AudioMixer();
      void mixer.resume();
      const sync = () => {
        const { sources, audio } = this.options.input();
        compositor!.setSources(sources);
        mixer!.set(audio);
      };
      sync();
      compositor.draw();
      const canvasTrack = compositor.canvas.captureStream(fps).getVideoTracks()[0]!;
      const recorder = new MediaRecorder(new MediaStream([canvasTrack, mixer.track]), {
        mimeType: format.mimeType,
        videoBitsPerSecond: VIDEO_BITS_PER_SECOND,
        audioBitsPerSecond: 128_000,
      });
      const chunks: Blob[] = [];
      recorder.ondataavailable = (event) => {
        if (event.data.size > 0) chunks.push(event.data);
      };
      const painter = compositor;
      const ticker = new FrameTicker(1000 / fps, () => painter.draw());
      recorder.start(TIMESLICE_MS);
      ticker.start();
      this.active = {
        format,
        recorder,
        chunks,
        compositor,
        mixer,
        ticker,
        canvasTrack,
        startedAt: new Date(),
        startedMs: performance.now(),
        unwatch: this.options.watch(sync),
        unlisten: this.listenForUnload(),
      };
      this.store.patch({ recording: true, error: null });
    } catch {
      compositor?.close();
      mixer?.close();
      this.store.patch({ error: 'failed' });
    }
  }

  /** Stops and saves the file (with its duration fixed); resolves once it was handed over. */
  stop(): Promise<void> {
    const active = this.active;
    if (!active) return this.finishing;
    this.active = null;
    const durationMs = performance.now() - active.startedMs;
    this.store.patch({ recording: false, saving: true });
    this.release(active);
    this.finishing = this.finishing.then(() => this.finish(active, durationMs)).finally(() => this.store.patch({ saving: false }));
    return this.finishing;
  }

  /**
   * The page is going away: save what was recorded so far, now, synchronously (no time for the
   * last chunk nor for fixing the duration; the file plays, its length shows once it is played).
   */
  private saveNow(): void {
    const active = this.active;
    if (!active) return;
    this.active = null;
    // Tells the meeting too (the socket may still get it out before the page goes).
    this.store.patch({ recording: false });
    this.release(active);
    if (active.recorder.state !== 'inactive') active.recorder.stop();
    active.mixer.close();
    this.hand(new Blob(active.chunks, { type: active.format.mimeType }), active);
  }

  private async finish(active: Active, durationMs: number): Promise<void> {
    const { recorder, chunks, format } = active;
    if (recorder.state !== 'inactive') {
      await new Promise<void>((resolve) => {
        recorder.addEventListener('stop', () => resolve(), { once: true });
        recorder.stop();
      });
    }
    active.mixer.close();
    let blob = new Blob(chunks, { type: format.mimeType });
    // MediaRecorder writes WebM as a live stream: no duration, so players cannot seek it.
    if (format.extension === 'webm' && blob.size <= MAX_FIX_BYTES) blob = await fixWebmDuration(blob, durationMs, { logger: false });
    this.hand(blob, active);
  }

  /** Stops drawing and following the meeting; the recorder itself is stopped by the caller. */
  private release(active: Active): void {
    active.unwatch();
    active.unlisten();
    active.ticker.stop();
    active.canvasTrack.stop();
    active.compositor.close();
  }

  private hand(blob: Blob, active: Active): void {
    if (blob.size === 0) return;
    const name = recordingFileName(this.options.meetingId, active.startedAt, active.format.extension);
    (this.options.save ?? downloadFile)(blob, name);
  }

  private listenForUnload(): () => void {
    // Closing the tab asks first (the browser's own "Leave site?" prompt): the recording is unsaved.
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    const onPageHide = () => this.saveNow();
    window.addEventListener('beforeunload', onBeforeUnload);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('pagehide', onPageHide);
    };
  }
}
