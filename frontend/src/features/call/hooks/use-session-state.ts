import { useCallback, useSyncExternalStore } from 'react';
import type { LocalMediaState } from '../lib/local-media';
import type { SessionSnapshot } from '../lib/session-types';
import { useMeshSession } from './session-context';

/** The session snapshot (phase, peers, chat, …); re-renders on every change. */
export function useSessionState(): SessionSnapshot {
  const session = useMeshSession();
  return useSyncExternalStore(session.subscribe, session.getSnapshot);
}

/** Local devices: tracks, on/off, errors, device lists. */
export function useLocalMedia(): LocalMediaState {
  const { media } = useMeshSession();
  const subscribe = useCallback((cb: () => void) => media.on('change', cb), [media]);
  return useSyncExternalStore(subscribe, () => media.snapshot);
}

/** Microphone level 0..1 (updates ~12×/s, so only the meter should use it). */
export function useMicLevel(): number {
  const { micLevel } = useMeshSession();
  const subscribe = useCallback((cb: () => void) => micLevel.on('level', cb), [micLevel]);
  return useSyncExternalStore(subscribe, () => micLevel.level);
}
