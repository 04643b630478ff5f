import { useEffect, useRef } from 'react';

/** Renders one video track; muted because audio plays through the session's AudioOutput. */
export function VideoView({ track, mirrored = false, fit = 'cover' }: { track: MediaStreamTrack; mirrored?: boolean; fit?: 'cover' | 'contain' }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const stream = element.srcObject instanceof MediaStream ? element.srcObject : null;
    if (stream) {
      // Another track for the same tile (mesh → SFU): swap it inside the playing stream, so the
      // element keeps its player and shows the new frames without starting over.
      for (const old of stream.getVideoTracks()) if (old !== track) stream.removeTrack(old);
      if (!stream.getVideoTracks().includes(track)) stream.addTrack(track);
    } else {
      element.srcObject = new MediaStream([track]);
    }
    element.play().catch(() => {
      // Muted inline video may always autoplay; a rejection here means the element went away.
    });
  }, [track]);
  useEffect(() => {
    const element = ref.current;
    return () => {
      if (element) element.srcObject = null;
    };
  }, []);
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
