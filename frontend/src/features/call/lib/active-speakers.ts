import { Store, type Observable } from './observable';

/** Remote inbound-rtp audioLevel (0..1) and our analyser level that count as speaking. */
const REMOTE_SPEAKING_LEVEL = 0.02;
export const SELF_SPEAKING_LEVEL = 0.15;
const POLL_MS = 400;

/** Who is speaking now: remote participant ids, and whether we are. */
export interface Speakers {
  self: boolean;
  remote: ReadonlySet<string>;
}

export interface LevelSources {
  /** Received audio level per remote participant, 0..1 (null: not known). */
  remote(): Promise<(readonly [id: string, level: number | null])[]>;
  /** Our microphone level 0..1, or null while muted. */
  self(): number | null;
}

/** Who is speaking: anyone whose level crossed the threshold within the last `holdMs`. */
export class SpeakingTracker {
  private readonly lastSpoke = new Map<string, number>();

  constructor(private readonly holdMs = 700) {}

  /** Records a level sample for `id` (a participant id, or 'self'). */
  sample(id: string, level: number, threshold: number, now: number): void {
    if (level > threshold) this.lastSpoke.set(id, now);
  }

  isSpeaking(id: string, now: number): boolean {
    return now - (this.lastSpoke.get(id) ?? 0) < this.holdMs;
  }

  forget(id: string): void {
    this.lastSpoke.delete(id);
  }
}

/** Not a socket id (those have no spaces), so it never collides with a participant. */
const SELF = ' self';

/** Active-speaker detection: polls audio levels while in a meeting and publishes who speaks. */
export class ActiveSpeakers {
  private readonly tracker = new SpeakingTracker();
  private readonly store = new Store<Speakers>({ self: false, remote: new Set() });
  readonly state: Observable<Speakers> = this.store;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly levels: LevelSources) {}

  start(): void {
    this.stop();
    this.timer = setInterval(() => void this.poll(), POLL_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  forget(id: string): void {
    this.tracker.forget(id);
  }

  dispose(): void {
    this.stop();
    this.store.close();
  }

  /** One sample of every level; public so tests can drive it without timers. */
  async poll(now = Date.now()): Promise<void> {
    const remote = await this.levels.remote();
    for (const [id, level] of remote) this.tracker.sample(id, level ?? 0, REMOTE_SPEAKING_LEVEL, now);
    const self = this.levels.self();
    if (self !== null) this.tracker.sample(SELF, self, SELF_SPEAKING_LEVEL, now);
    const speaking = new Set(remote.map(([id]) => id).filter((id) => this.tracker.isSpeaking(id, now)));
    const next = { self: this.tracker.isSpeaking(SELF, now), remote: speaking };
    const current = this.store.getSnapshot();
    if (next.self === current.self && sameSet(next.remote, current.remote)) return;
    this.store.set(next);
  }
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}
