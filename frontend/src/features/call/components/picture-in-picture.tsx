import { useEffect, useRef, useState, type ReactElement } from 'react';
import type { PeerView } from '../lib/session-types';
import { pickPipTrack, pictureInPictureSupported } from '../lib/pip/pip-source';

export interface PipControl {
  supported: boolean;
  active: boolean;
  toggle(): void;
}

/**
 * Picture-in-picture of the active speaker. A hidden `<video>` always plays their track (switching
 * with the speaker), so the floating window follows the conversation. Where Chrome offers it
 * (mediaSession `enterpictureinpicture`), the window opens by itself when the tab is hidden;
 * elsewhere the "Picture in picture" menu item opens it. Unsupported browsers get neither.
 */
export function usePictureInPicture(peers: readonly PeerView[]): { control: PipControl; element: ReactElement | null } {
  const ref = useRef<HTMLVideoElement>(null);
  const lastSpeaker = useRef<string | null>(null);
  const [active, setActive] = useState(false);
  const supported = pictureInPictureSupported();
  const speaking = peers.find((p) => p.speaking);
  if (speaking) lastSpeaker.current = speaking.id;
  const chosen = pickPipTrack(
    peers.map((p) => ({ id: p.id, speaking: p.speaking, video: p.media.video ? p.video : null, screen: p.media.screen ? p.screen : null })),
    lastSpeaker.current,
  );
  const track = chosen?.track ?? null;

  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    const current = (video.srcObject as MediaStream | null)?.getVideoTracks()[0] ?? null;
    if (current === track) return;
    // Same stream object, another track: an open floating window keeps playing, now the new speaker.
    if (video.srcObject instanceof MediaStream) {
      const stream = video.srcObject;
      for (const old of stream.getVideoTracks()) stream.removeTrack(old);
      if (track) stream.addTrack(track);
    } else if (track) {
      video.srcObject = new MediaStream([track]);
    }
    if (track) video.play().catch(() => undefined);
  }, [track]);

  useEffect(() => {
    const video = ref.current;
    if (!supported || !video) return;
    const enter = () => setActive(true);
    const leave = () => setActive(false);
    video.addEventListener('enterpictureinpicture', enter);
    video.addEventListener('leavepictureinpicture', leave);
    const session = navigator.mediaSession as (MediaSession & { setActionHandler(action: string, handler: (() => void) | null): void }) | undefined;
    let automatic = false;
    try {
      // Chrome's automatic picture-in-picture for video calls: called when the tab is hidden.
      session?.setActionHandler('enterpictureinpicture', () => {
        if (video.readyState >= HTMLMediaElement.HAVE_METADATA) void video.requestPictureInPicture().catch(() => undefined);
      });
      automatic = true;
    } catch {
      // Not offered by this browser: the menu item remains.
    }
    return () => {
      video.removeEventListener('enterpictureinpicture', enter);
      video.removeEventListener('leavepictureinpicture', leave);
      if (automatic) session?.setActionHandler('enterpictureinpicture', null);
      if (document.pictureInPictureElement === video) void document.exitPictureInPicture().catch(() => undefined);
    };
  }, [supported]);

  const toggle = () => {
    const video = ref.current;
    if (!video) return;
    if (document.pictureInPictureElement === video) void document.exitPictureInPicture().catch(() => undefined);
    else void video.requestPictureInPicture().catch(() => undefined);
  };

  return {
    control: { supported: supported && !!track, active, toggle },
    element: supported ? <video ref={ref} className="pip-source" muted playsInline aria-hidden="true" tabIndex={-1} /> : null,
  };
}
