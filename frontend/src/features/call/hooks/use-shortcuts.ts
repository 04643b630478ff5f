import { useEffect } from 'react';

/** M / Ctrl+D toggles the microphone, V / Ctrl+E the camera; ignored while typing. */
export function useCallShortcuts(actions: { toggleMic(): void; toggleCamera(): void }, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.repeat || event.altKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      const key = event.key.toLowerCase();
      const ctrl = event.ctrlKey;
      if ((!ctrl && key === 'm') || (ctrl && key === 'd')) {
        event.preventDefault();
        actions.toggleMic();
      } else if ((!ctrl && key === 'v') || (ctrl && key === 'e')) {
        event.preventDefault();
        actions.toggleCamera();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions, enabled]);
}
