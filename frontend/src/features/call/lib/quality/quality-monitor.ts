import type { ParticipantStats, QualityLevel } from '../media-transport';
import { Store, type Observable } from '../observable';
import { classifyQuality, classifyUplink, sampleBetween, worstLevel, type QualitySample } from './connection-quality';

/** One tile's indicator and details view. */
export interface PeerQuality {
  level: QualityLevel;
  sample: QualitySample;
  /** How the media travels: straight between the browsers, through a relay, or through the SFU. */
  route: 'direct' | 'relay' | null;
}

export interface QualitySnapshot {
  peers: ReadonlyMap<string, PeerQuality>;
  /** Our own sending is the problem (every connection reports our uplink poor): the hint shows. */
  uplinkPoor: boolean;
}

export interface QualitySources {
  /** Participants with a live media connection, and whether their camera is on. */
  participants(): { id: string; expectVideo: boolean }[];
  stats(participantId: string): Promise<ParticipantStats | null>;
}

/** Readings this far apart: long enough for a loss rate to mean something, short enough to follow. */
export const QUALITY_POLL_MS = 2_000;
/** A level shown is the worst of this many readings: it drops at once and recovers after a clean run. */
const HOLD_SAMPLES = 2;

interface Track {
  previous: ParticipantStats | null;
  levels: QualityLevel[];
  uplink: QualityLevel[];
}

/** Polls getStats for every connection and classifies it (good / fair / poor), per tile and for our uplink. */
export class QualityMonitor {
  private readonly store = new Store<QualitySnapshot>({ peers: new Map(), uplinkPoor: false });
  readonly state: Observable<QualitySnapshot> = this.store;
  private readonly tracks = new Map<string, Track>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private polling = false;
  /** Bumped by stop(): a reading that was in flight then is dropped. */
  private generation = 0;

  constructor(private readonly sources: QualitySources) {}

  start(): void {
    this.stop();
    this.timer = setInterval(() => void this.poll(), QUALITY_POLL_MS);
  }

  /** Stops polling and forgets every reading (a new seat starts from nothing). */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.generation += 1;
    this.tracks.clear();
    this.store.set({ peers: new Map(), uplinkPoor: false });
  }

  dispose(): void {
    this.stop();
    this.store.close();
  }

  /** One reading of every connection; public so tests can drive it without timers. */
  async poll(): Promise<void> {
    // getStats can take longer than the interval on a loaded machine: never pile readings up.
    if (this.polling) return;
    this.polling = true;
    const generation = this.generation;
    try {
      const participants = this.sources.participants();
      const readings = await Promise.all(participants.map(async (p) => [p, await this.sources.stats(p.id).catch(() => null)] as const));
      if (generation !== this.generation) return;
      const peers = new Map<string, PeerQuality>();
      const uplinks: QualityLevel[] = [];
      for (const [{ id, expectVideo }, stats] of readings) {
        if (!stats) continue;
        const track = this.tracks.get(id) ?? { previous: null, levels: [], uplink: [] };
        this.tracks.set(id, track);
        const sample = sampleBetween(track.previous, stats, expectVideo);
        track.previous = stats;
        track.levels = [...track.levels, classifyQuality(sample)].slice(-HOLD_SAMPLES);
        track.uplink = [...track.uplink, classifyUplink(stats.uplink)].slice(-HOLD_SAMPLES);
        peers.set(id, { level: worstLevel(...track.levels), sample, route: routeOf(stats) });
        // Poor only when it has stayed poor for the whole hold, so one bad report is not a hint.
        uplinks.push(track.uplink.length === HOLD_SAMPLES && track.uplink.every((l) => l === 'poor') ? 'poor' : 'good');
      }
      const present = new Set(participants.map((p) => p.id));
      for (const id of [...this.tracks.keys()]) if (!present.has(id)) this.tracks.delete(id);
      // Our line is the problem when it is poor towards everyone, not when one of them is far away.
      const uplinkPoor = uplinks.length > 0 && uplinks.every((l) => l === 'poor');
      this.store.set({ peers, uplinkPoor });
    } finally {
      this.polling = false;
    }
  }
}

function routeOf(stats: ParticipantStats): PeerQuality['route'] {
  if (!stats.localCandidateType) return null;
  return stats.localCandidateType === 'relay' || stats.remoteCandidateType === 'relay' ? 'relay' : 'direct';
}
