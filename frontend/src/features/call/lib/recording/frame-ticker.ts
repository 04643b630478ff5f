/**
 * Calls `tick` every `intervalMs`, also while the tab is hidden. requestAnimationFrame stops in a
 * hidden tab and main-thread timers drop to once a second (or once a minute later on); a worker's
 * timer is not throttled, so the recording keeps its frame rate when the person switches tabs.
 * A tick is not sent before the last one was handled: a busy page drops frames rather than
 * queueing them. Falls back to a main-thread timer where workers are unavailable.
 */
export class FrameTicker {
  private worker: Worker | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly tick: () => void,
  ) {}

  start(): void {
    this.stop();
    try {
      this.worker = new Worker(new URL('./frame-ticker.worker.ts', import.meta.url), { type: 'module' });
      const worker = this.worker;
      worker.onmessage = () => {
        this.tick();
        worker.postMessage('done');
      };
      this.worker.postMessage(this.intervalMs);
    } catch {
      this.worker = null;
      this.timer = setInterval(this.tick, this.intervalMs);
    }
  }

  stop(): void {
    this.worker?.terminate();
    this.worker = null;
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
