type FrameVideo = HTMLVideoElement & { requestVideoFrameCallback?: (cb: () => void) => number };

/**
 * Resolves once `track` has presented a decoded frame (or after `timeoutMs`, so a tile never waits
 * forever on a track that stays black), using a detached, muted <video>. Resolves `false` on timeout.
 */
export function firstFrame(track: MediaStreamTrack, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const video = document.createElement('video') as FrameVideo;
    video.muted = true;
    video.playsInline = true;
    let settled = false;
    const done = (presented: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      video.pause();
      video.srcObject = null;
      resolve(presented);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    video.srcObject = new MediaStream([track]);
    if (video.requestVideoFrameCallback) video.requestVideoFrameCallback(() => done(true));
    else video.addEventListener('loadeddata', () => done(true), { once: true });
    video.play().catch(() => {});
  });
}
