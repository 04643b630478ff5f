import { useEffect, useRef } from 'react';

/** Renders one video track; muted because audio plays through the session's AudioOutput. */
export function VideoView({ track, mirrored = false, fit = 'cover' }: { track: MediaStreamTrack; mirrored?: boolean; fit?: 'cover' | 'contain' }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.srcObject = new MediaStream([track]);
    element.play().catch(() => {
      // Muted inline video may always autoplay; a rejection here means the element went away.
    });
    return () => {
      element.srcObject = null;
    };
  }, [track]);
  return (
    <video
      ref={ref}
      className={`video video--${fit}${mirrored ? ' video--mirrored' : ''}`}
      autoPlay
      playsInline
      muted
    />
  );
}
