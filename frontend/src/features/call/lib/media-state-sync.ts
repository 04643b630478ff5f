import type { MediaState, MediaSources } from '@contract/protocol';
import type { LocalMediaState } from './local-media';

/** Our devices as the others see them: flags plus which of our streams is camera and screen. */
export function mediaStateOf(local: LocalMediaState, sources: MediaSources): MediaState {
  const { micOn, camOn, screenOn, audioTrack, videoTrack } = local;
  const state: MediaState = { audio: micOn && !!audioTrack, video: camOn && !!videoTrack, screen: screenOn };
  return Object.keys(sources).length > 0 ? { ...state, sources } : state;
}

/** Sends our media-state only when it changed since the last send (device events come in bursts). */
export class MediaStateSync {
  private last = '';

  constructor(private readonly send: (state: MediaState) => void) {}

  /** A new seat: the server has not heard anything from it yet. */
  reset(): void {
    this.last = '';
  }

  sync(state: MediaState): void {
    const key = JSON.stringify(state);
    if (key === this.last) return;
    this.last = key;
    this.send(state);
  }
}
