/** Listener for one event of a {@link TypedEmitter}. */
export type Listener<T> = (payload: T) => void;

/** Minimal typed event emitter; the engine classes extend it so React and tests can subscribe. */
export class TypedEmitter<Events extends object> {
  private readonly listeners = new Map<keyof Events, Set<Listener<never>>>();

  /** Subscribes and returns the matching unsubscribe function. */
  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as Listener<never>);
    return () => this.off(event, listener);
  }

  off<K extends keyof Events>(event: K, listener: Listener<Events[K]>): void {
    this.listeners.get(event)?.delete(listener as Listener<never>);
  }

  protected emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    // Copy first: a listener may unsubscribe while we iterate.
    for (const listener of [...set]) (listener as Listener<Events[K]>)(payload);
  }

  protected removeAllListeners(): void {
    this.listeners.clear();
  }
}
