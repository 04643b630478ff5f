import type { ReactionEmoji, ReactionSent } from '@contract/protocol';
import { REACTIONS } from '@contract/reactions';
import { Store, type Observable } from './observable';
import type { SessionSignaling } from './signaling-client';

/** One reaction floating over a tile. */
export interface ShownReaction {
  /** Unique per reaction (React key). */
  key: number;
  /** The sender's participant id. */
  id: string;
  emoji: ReactionEmoji;
}

/** How long a reaction stays over the sender's tile. */
export const REACTION_SHOW_MS = 4_000;
/** Per tile at once: a burst shows its latest few, and memory stays bounded whatever arrives. */
const MAX_PER_PARTICIPANT = 3;

type ReactionsSignaling = Pick<SessionSignaling, 'on' | 'sendReaction'>;

/** Reactions being shown now, newest last; each leaves after {@link REACTION_SHOW_MS}. */
export class Reactions {
  private readonly store = new Store<ShownReaction[]>([]);
  readonly state: Observable<ShownReaction[]> = this.store;
  private signaling: ReactionsSignaling | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();
  private nextKey = 1;

  attach(signaling: ReactionsSignaling): void {
    this.unsubscribe?.();
    this.signaling = signaling;
    this.unsubscribe = signaling.on('reaction', (reaction) => this.show(reaction));
  }

  /** Rejects with a SignalingError (RATE_LIMITED past the server's budget). */
  async send(emoji: ReactionEmoji): Promise<void> {
    await this.signaling?.sendReaction(emoji);
  }

  reset(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.signaling = null;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.store.set([]);
  }

  dispose(): void {
    this.reset();
    this.store.close();
  }

  private show({ id, emoji }: ReactionSent): void {
    // The server checks the set; an older or newer server's extra emoji is simply not shown.
    if (!(REACTIONS as readonly string[]).includes(emoji)) return;
    const key = this.nextKey++;
    const theirs = this.store.getSnapshot().filter((r) => r.id === id);
    const dropped = new Set(theirs.slice(0, Math.max(0, theirs.length - MAX_PER_PARTICIPANT + 1)).map((r) => r.key));
    for (const k of dropped) this.forget(k);
    this.store.set([...this.store.getSnapshot().filter((r) => !dropped.has(r.key)), { key, id, emoji }]);
    this.timers.set(
      key,
      setTimeout(() => {
        this.forget(key);
        this.store.set(this.store.getSnapshot().filter((r) => r.key !== key));
      }, REACTION_SHOW_MS),
    );
  }

  private forget(key: number): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }
}
