import { useSyncExternalStore } from 'react';
import type { Observable } from '../lib/observable';

/** Renders `source`'s current value and re-renders when it changes; the engine's one React hook. */
export function useObservable<T>(source: Observable<T>): T {
  return useSyncExternalStore(source.subscribe, source.getSnapshot);
}
