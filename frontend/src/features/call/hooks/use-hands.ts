import { useCallback, useEffect } from 'react';
import type { HandsSnapshot } from '../lib/hands';
import type { ShownReaction } from '../lib/reactions';
import { useCallSession } from './session-context';
import { useObservable } from './use-observable';

/** The raise-hand queue, whether our own hand is up, and the toggle. */
export function useHands(): HandsSnapshot & { raised: boolean; toggle(): void } {
  const session = useCallSession();
  const hands = useObservable(session.hands.state);
  const toggle = useCallback(() => void session.hands.toggle().catch(() => undefined), [session]);
  const raised = hands.selfId !== null && hands.queue.some((h) => h.id === hands.selfId);
  return { ...hands, raised, toggle };
}

/** Reactions being shown now, newest last. */
export function useReactions(): ShownReaction[] {
  return useObservable(useCallSession().reactions.state);
}

/** H raises or lowers our hand; ignored while typing, with a modifier, or while `enabled` is false. */
export function useHandShortcut(toggle: () => void, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.repeat || event.altKey || event.metaKey || event.ctrlKey || event.key.toLowerCase() !== 'h') return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      event.preventDefault();
      toggle();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggle, enabled]);
}
