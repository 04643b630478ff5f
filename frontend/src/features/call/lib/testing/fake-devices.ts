import { vi } from 'vitest';

/** The few MediaStreamTrack members LocalMedia and the session touch. */
export class FakeTrack {
  enabled = true;
  readyState: MediaStreamTrackState = 'live';
  contentHint = '';
  private static count = 0;
  readonly id = `track-${++FakeTrack.count}`;
  private readonly ended: (() => void)[] = [];
  /** What applyConstraints last set (a browser may ignore it: see `ignoresApplyConstraints`). */
  settings: MediaTrackSettings;

  constructor(
    readonly kind: 'audio' | 'video',
    private readonly constraints: MediaTrackConstraints = {},
    options: { deviceId?: string; facing?: string } = {},
  ) {
    this.settings = {
      deviceId: options.deviceId ?? `${kind}-device`,
      ...(options.facing ? { facingMode: options.facing } : {}),
      ...(kind === 'audio' ? { noiseSuppression: constraints.noiseSuppression as boolean, echoCancellation: constraints.echoCancellation as boolean } : {}),
    };
  }

  stop(): void {
    this.readyState = 'ended';
  }

  getSettings(): MediaTrackSettings {
    return this.settings;
  }

  getConstraints(): MediaTrackConstraints {
    return this.constraints;
  }

  getCapabilities(): MediaTrackCapabilities {
    return this.settings.facingMode ? { facingMode: [this.settings.facingMode] } : {};
  }

  ignoresApplyConstraints = false;

  async applyConstraints(constraints: MediaTrackConstraints): Promise<void> {
    if (this.ignoresApplyConstraints) return;
    for (const key of ['noiseSuppression', 'echoCancellation'] as const) {
      if (typeof constraints[key] === 'boolean') this.settings = { ...this.settings, [key]: constraints[key] };
    }
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

/** `{ exact: x }` or `x` → x. */
const exact = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'object' && value && 'exact' in value ? String((value as { exact: unknown }).exact) : undefined;

export interface FakeDeviceOptions {
  /** Device ids whose getUserMedia fails with NotReadableError. */
  broken?: string[];
  /** Device ids that do not exist (OverconstrainedError). */
  missing?: string[];
  /** Cameras: id -> facing ('user' | 'environment'); a phone. */
  facing?: Record<string, string>;
  /** Like many phones: a second camera cannot open while one runs. */
  oneCameraAtATime?: boolean;
}

/**
 * Installs a `navigator.mediaDevices` whose camera and microphone always work; `getDisplayMedia`
 * waits until the test picks a screen (`pickScreen`). Remove with `vi.unstubAllGlobals()`.
 */
export function installFakeDevices(options: FakeDeviceOptions = {}) {
  const tracks: FakeTrack[] = [];
  let pick: ((track: FakeTrack) => void) | null = null;
  const make = (kind: 'audio' | 'video', constraints: MediaTrackConstraints | boolean | undefined) => {
    const c = typeof constraints === 'object' ? constraints : {};
    let deviceId = exact(c.deviceId);
    const facing = exact(c.facingMode);
    if (facing && options.facing) deviceId = Object.entries(options.facing).find(([, f]) => f === facing)?.[0];
    deviceId ??= kind === 'video' && options.facing ? Object.keys(options.facing)[0] : undefined;
    if (deviceId && options.missing?.includes(deviceId)) throw new DOMException('No such device', 'OverconstrainedError');
    if (deviceId && options.broken?.includes(deviceId)) throw new DOMException('Could not start video source', 'NotReadableError');
    const live = tracks.some((t) => t.kind === 'video' && t.readyState === 'live');
    if (kind === 'video' && options.oneCameraAtATime && live) throw new DOMException('Could not start video source', 'NotReadableError');
    const track = new FakeTrack(kind, c, { deviceId, facing: deviceId ? options.facing?.[deviceId] : undefined });
    tracks.push(track);
    return track;
  };
  const mediaDevices = {
    getUserMedia: vi.fn(async (c: MediaStreamConstraints) => {
      const made: FakeTrack[] = [];
      if (c.audio) made.push(make('audio', c.audio));
      if (c.video) made.push(make('video', c.video));
      return stream(made);
    }),
    getDisplayMedia: vi.fn(() => new Promise((resolve) => (pick = (track) => resolve(stream([track]))))),
    enumerateDevices: vi.fn(async (): Promise<Partial<MediaDeviceInfo>[]> => []),
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
      const track = new FakeTrack('video');
      tracks.push(track);
      pick?.(track);
      return track;
    },
  };
}
