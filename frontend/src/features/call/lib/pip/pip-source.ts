/** What picture-in-picture can show of one participant. */
export interface PipCandidate {
  id: string;
  speaking: boolean;
  /** Their camera track when it is on and arriving. */
  video: MediaStreamTrack | null;
  /** Their shared screen, when they share one. */
  screen: MediaStreamTrack | null;
}

/**
 * The track the floating window shows: whoever is speaking now (camera), else the person who spoke
 * last, else a shared screen, else the first camera. Null when there is no remote video at all.
 */
export function pickPipTrack(candidates: readonly PipCandidate[], lastSpeakerId: string | null): { id: string; track: MediaStreamTrack } | null {
  const speaking = candidates.find((c) => c.speaking && c.video);
  if (speaking?.video) return { id: speaking.id, track: speaking.video };
  const last = candidates.find((c) => c.id === lastSpeakerId && c.video);
  if (last?.video) return { id: last.id, track: last.video };
  const screen = candidates.find((c) => c.screen);
  if (screen?.screen) return { id: screen.id, track: screen.screen };
  const first = candidates.find((c) => c.video);
  return first?.video ? { id: first.id, track: first.video } : null;
}

/** Where the browser can float a video over other windows (Chrome, Edge, Safari). */
export function pictureInPictureSupported(): boolean {
  return typeof document !== 'undefined' && document.pictureInPictureEnabled === true && typeof HTMLVideoElement !== 'undefined' && 'requestPictureInPicture' in HTMLVideoElement.prototype;
}
