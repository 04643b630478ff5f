import { useCallback, useEffect, useState, type RefObject } from 'react';

/** False where the Fullscreen API is missing or disabled (iPhone Safari, some embeds): no button then. */
export function fullscreenSupported(): boolean {
  return typeof document !== 'undefined' && document.fullscreenEnabled === true && typeof HTMLElement.prototype.requestFullscreen === 'function';
}

/**
 * Fullscreen for one element through the Fullscreen API. `active` follows the document, so leaving
 * with Escape (handled by the browser) updates it too.
 */
export function useFullscreen(ref: RefObject<HTMLElement | null>): { supported: boolean; active: boolean; toggle(): void } {
  const [active, setActive] = useState(false);
  useEffect(() => {
    const update = () => setActive(ref.current !== null && document.fullscreenElement === ref.current);
    update();
    document.addEventListener('fullscreenchange', update);
    return () => document.removeEventListener('fullscreenchange', update);
  }, [ref]);
  const toggle = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    else void ref.current?.requestFullscreen().catch(() => undefined);
  }, [ref]);
  return { supported: fullscreenSupported(), active, toggle };
}
