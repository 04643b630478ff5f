/** Something React (or a test) can read now and be told about when it changes. */
export interface Observable<T> {
  subscribe(listener: () => void): () => void;
  /** The current value; the same object until it changes (what useSyncExternalStore needs). */
  getSnapshot(): T;
}

/**
 * The one observable-state helper of the engine: the call session, local media and the audio meter
 * each keep their state in a Store and hand it out as an {@link Observable}; one React hook
 * (`useObservable`) reads them all.
 */
export class Store<T> implements Observable<T> {
  private readonly listeners = new Set<() => void>();
  private closed = false;

  constructor(private value: T) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): T => this.value;

  /** Replaces the value and tells every listener; a no-op when nothing changed or after close. */
  set(next: T): void {
    if (this.closed || Object.is(next, this.value)) return;
    this.value = next;
    // Copy first: a listener may unsubscribe while we iterate.
    for (const listener of [...this.listeners]) listener();
  }

  /** Shallow-merges `patch` into an object value. */
  patch(patch: Partial<T>): void {
    this.set({ ...this.value, ...patch } as T);
  }

  /** Drops every listener; later changes are ignored (the owner was disposed). */
  close(): void {
    this.closed = true;
    this.listeners.clear();
  }
}
