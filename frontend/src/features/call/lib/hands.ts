import type { HandUpdated, JoinMeetingResult } from '@contract/protocol';
import { SELF_SPEAKING_LEVEL } from './active-speakers';
import { Store, type Observable } from './observable';
import type { SessionSignaling } from './signaling-client';
import { SpeechStreak } from './speech-streak';

/** One raised hand in the queue. */
export interface RaisedHand {
  id: string;
  /** Server time (ISO) it went up: the queue's order. */
  raisedAt: string;
}

/** A hand that went up or down, for the live announcement; `seq` makes repeats re-announce. */
export interface HandChangeNotice {
  seq: number;
  id: string;
  raised: boolean;
  /** A host or co-host lowered it (their name). */
  loweredBy?: string;
}

export interface HandsSnapshot {
  selfId: string | null;
  /** Raised hands, first raised first. */
  queue: RaisedHand[];
  /** Host or co-host: may lower anyone's hand (the server checks it too). */
  canLowerOthers: boolean;
  last: HandChangeNotice | null;
}

type HandsSignaling = Pick<SessionSignaling, 'on' | 'raiseHand' | 'lowerHand'>;

const EMPTY: HandsSnapshot = { selfId: null, queue: [], canLowerOthers: false, last: null };

/** First raised first; the id breaks a tie so every browser shows one order. */
function byRaise(a: RaisedHand, b: RaisedHand): number {
  return a.raisedAt.localeCompare(b.raisedAt) || a.id.localeCompare(b.id);
}

/**
 * The raise-hand queue of the meeting we are in, from the join result and `hand-updated`
 * broadcasts; our own hand goes down by itself once we have spoken for a few seconds.
 */
export class Hands {
  private readonly store = new Store<HandsSnapshot>(EMPTY);
  readonly state: Observable<HandsSnapshot> = this.store;
  private signaling: HandsSignaling | null = null;
  private unsubscribe: (() => void)[] = [];
  private readonly streak = new SpeechStreak();
  private readonly stopListening: () => void;

  /** `micLevel`: our microphone's level 0..1 (0 while muted), which lowers our hand when we talk. */
  constructor(private readonly micLevel: Observable<number>) {
    this.stopListening = micLevel.subscribe(() => this.onLevel());
  }

  private get snapshot(): HandsSnapshot {
    return this.store.getSnapshot();
  }

  get raised(): boolean {
    const { selfId, queue } = this.snapshot;
    return selfId !== null && queue.some((h) => h.id === selfId);
  }

  /** Listens to this connection's broadcasts (a new connection replaces the old one). */
  attach(signaling: HandsSignaling): void {
    for (const off of this.unsubscribe) off();
    this.signaling = signaling;
    this.unsubscribe = [
      signaling.on('hand-updated', (update) => this.apply(update)),
      signaling.on('user-left', ({ id }) => this.drop(id)),
      signaling.on('role-changed', ({ id, role }) => {
        if (id === this.snapshot.selfId) this.store.patch({ canLowerOthers: role !== 'participant' });
      }),
    ];
  }

  /** A new seat: the queue as the server has it now (a late joiner's view). */
  seat(result: JoinMeetingResult): void {
    const queue = result.peers.flatMap((p) => (p.handRaisedAt ? [{ id: p.id, raisedAt: p.handRaisedAt }] : [])).sort(byRaise);
    this.streak.reset();
    this.store.set({ selfId: result.selfId, queue, canLowerOthers: result.role !== 'participant', last: null });
  }

  /** Out of the meeting: no queue. */
  reset(): void {
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
    this.signaling = null;
    this.store.set(EMPTY);
  }

  async toggle(): Promise<void> {
    if (this.raised) await this.lower();
    else await this.raise();
  }

  async raise(): Promise<void> {
    this.streak.reset();
    // The broadcast (which reaches us too) puts us in the queue.
    await this.signaling?.raiseHand();
  }

  /** Lowers our hand, or (host, co-host) `id`'s. */
  async lower(id?: string): Promise<void> {
    const own = !id || id === this.snapshot.selfId;
    await this.signaling?.lowerHand(own ? undefined : id);
  }

  dispose(): void {
    this.reset();
    this.stopListening();
    this.store.close();
  }

  private apply({ id, raisedAt, loweredBy }: HandUpdated): void {
    const { queue, last } = this.snapshot;
    const current = queue.find((h) => h.id === id);
    // Nothing moved (a repeat, or a hand we never saw go up): nothing to show or say.
    if (raisedAt ? current?.raisedAt === raisedAt : !current) return;
    const rest = queue.filter((h) => h.id !== id);
    const next = raisedAt ? [...rest, { id, raisedAt }].sort(byRaise) : rest;
    const notice: HandChangeNotice = { seq: (last?.seq ?? 0) + 1, id, raised: raisedAt !== null, ...(loweredBy ? { loweredBy } : {}) };
    this.store.patch({ queue: next, last: notice });
  }

  private drop(id: string): void {
    const { queue } = this.snapshot;
    if (queue.some((h) => h.id === id)) this.store.patch({ queue: queue.filter((h) => h.id !== id) });
  }

  private onLevel(): void {
    if (!this.raised) return;
    if (this.streak.sample(this.micLevel.getSnapshot() > SELF_SPEAKING_LEVEL, Date.now())) {
      this.streak.reset();
      void this.lower().catch(() => undefined);
    }
  }
}
