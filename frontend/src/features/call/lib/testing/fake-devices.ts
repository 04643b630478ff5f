import { vi } from 'vitest';

/** The few MediaStreamTrack members LocalMedia and the session touch. */
export class FakeTrack {
  enabled = true;
  readyState: MediaStreamTrackState = 'live';
  contentHint = '';
  private static count = 0;
  readonly id = `track-${++FakeTrack.count}`;
  private readonly ended: (() => void)[] = [];

  constructor(readonly kind: 'audio' | 'video') {}

  stop(): void {
    this.readyState = 'ended';
  }

  getSettings(): MediaTrackSettings {
    return { deviceId: `${this.kind}-device` };
  }

  addEventListener(type: string, listener: () => void): void {
    if (type === 'ended') this.ended.push(listener);
  }
}

function stream(tracks: FakeTrack[]) {
  return {
    getTracks: () => tracks,
    getAudioTracks: () => tracks.filter((t) => t.kind === 'audio'),
    getVideoTracks: () => tracks.filter((t) => t.kind === 'video'),
  };
}

/**
 * Installs a `navigator.mediaDevices` whose camera and microphone always work; `getDisplayMedia`
 * waits until the test picks a screen (`pickScreen`). Remove with `vi.unstubAllGlobals()`.
 */
export function installFakeDevices() {
  const tracks: FakeTrack[] = [];
  let pick: ((track: FakeTrack) => void) | null = null;
  const make = (kind: 'audio' | 'video') => {
    const track = new FakeTrack(kind);
    tracks.push(track);
    return track;
  };
  const mediaDevices = {
    getUserMedia: vi.fn(async (c: MediaStreamConstraints) => stream([...(c.audio ? [make('audio')] : []), ...(c.video ? [make('video')] : [])])),
    getDisplayMedia: vi.fn(() => new Promise((resolve) => (pick = (track) => resolve(stream([track]))))),
    enumerateDevices: vi.fn(async () => []),
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
  };
  vi.stubGlobal('navigator', { mediaDevices });
  return {
    mediaDevices,
    /** Every track handed out, oldest first. */
    tracks,
    /** The person picks a screen in the browser's picker; returns its track. */
    pickScreen(): FakeTrack {
      const track = make('video');
      pick?.(track);
      return track;
    },
  };
}
