import { describe, expect, it } from 'vitest';
import { Store } from './observable';

describe('Store', () => {
  it('when the value changes, then every subscriber is told and reads the new value; an unchanged set tells no one', () => {
    const store = new Store({ n: 0 });
    const seen: number[] = [];
    store.subscribe(() => seen.push(store.getSnapshot().n));
    store.patch({ n: 1 });
    store.set(store.getSnapshot());
    expect(seen).toEqual([1]);
  });

  it('when a subscriber unsubscribes, or the store is closed, then it hears nothing more', () => {
    const store = new Store(0);
    let calls = 0;
    const off = store.subscribe(() => (calls += 1));
    store.set(1);
    off();
    store.set(2);
    store.subscribe(() => (calls += 10));
    store.close();
    store.set(3);
    expect(calls).toBe(1);
    expect(store.getSnapshot()).toBe(2);
  });
});
