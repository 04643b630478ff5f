import type { Logger } from '../lib/logger.js';
import type { MediaState, PeerInfo } from '../contract/protocol.js';
import type { HandChange, Presence, PresenceEvents } from './presence.js';
import {
  ACTIVE_MEETINGS,
  COUNT,
  FORGET_IF_STALE,
  HEARTBEAT,
  LIST,
  REMOVE,
  SET_HAND,
  SET_RECORDING,
  STALE_MEETINGS,
  TOUCH_ACTIVE,
  TRY_ADD,
  UPDATE_MEDIA,
  meetingKeys,
  runScript,
} from './redis-scripts.js';
import type { RedisClient } from './redis-scale-out.js';

export interface RedisPresenceOptions {
  /** How long a member's seat outlives the last renewal by its instance. */
  leaseMs: number;
  logger: Logger;
  /** This instance's name: recorded as each local member's home, where relays to it go. */
  instanceId?: string;
}

/** Stale meetings one heartbeat sweeps at most (the next beat takes the rest). */
const SWEEP_BATCH = 50;

const keysOf = (meetingId: string) => {
  const k = meetingKeys(meetingId);
  return [k.peers, k.leases, k.chat, k.homes];
};

/**
 * Presence shared by every instance through Redis. Each member holds a lease that only its own
 * instance renews (every leaseMs/4); when an instance dies its members' leases run out and the
 * next script touching the meeting purges them — atomically, so exactly one instance reports
 * them as expired and the survivors get one `user-left` each.
 */
export class RedisPresence implements Presence {
  /** Members whose socket lives on this instance: the ones whose leases we renew. */
  private readonly local = new Map<string, Set<string>>();
  private readonly timer: NodeJS.Timeout;
  private events: PresenceEvents | undefined;
  private beating: Promise<void> | undefined;
  private readonly removing = new Set<Promise<unknown>>();

  constructor(
    private readonly client: RedisClient,
    private readonly options: RedisPresenceOptions,
  ) {
    // Four renewals per lease: an instance survives a stall of three quarters of a lease, and a
    // survivor notices a dead instance's members within 1.25 leases of its last renewal.
    this.timer = setInterval(() => void this.heartbeat(), Math.max(75, Math.floor(options.leaseMs / 4)));
    this.timer.unref();
  }

  watch(events: PresenceEvents): void {
    this.events = events;
  }

  async tryAdd(meetingId: string, peer: PeerInfo, max: number): Promise<boolean> {
    const args = [peer.id, JSON.stringify(peer), String(max), String(this.options.leaseMs), this.options.instanceId ?? ''];
    const [admitted, expired] = (await runScript(this.client, TRY_ADD, keysOf(meetingId), args)) as [number, string[]];
    this.reportExpired(meetingId, expired);
    if (admitted !== 1) return false;
    const mine = this.local.get(meetingId) ?? new Set();
    mine.add(peer.id);
    this.local.set(meetingId, mine);
    await runScript(this.client, TOUCH_ACTIVE, [ACTIVE_MEETINGS], [String(this.options.leaseMs), meetingId]);
    return true;
  }

  async remove(meetingId: string, peerId: string): Promise<boolean> {
    this.forget(meetingId, peerId);
    const removal = runScript(this.client, REMOVE, keysOf(meetingId), [peerId]);
    this.removing.add(removal);
    try {
      return (await removal) === 1;
    } finally {
      this.removing.delete(removal);
    }
  }

  async list(meetingId: string): Promise<PeerInfo[]> {
    const [expired, flat] = (await runScript(this.client, LIST, keysOf(meetingId), [])) as [string[], string[]];
    this.reportExpired(meetingId, expired);
    const entries: Array<{ order: number; peer: PeerInfo }> = [];
    for (let i = 1; i < flat.length; i += 2) {
      const value = flat[i]!;
      const sep = value.indexOf(' ');
      entries.push({ order: Number(value.slice(0, sep)), peer: JSON.parse(value.slice(sep + 1)) as PeerInfo });
    }
    // Admission time comes from the Redis clock, so the order holds across instances with skewed clocks.
    return entries.sort((a, b) => a.order - b.order).map((e) => e.peer);
  }

  async count(meetingId: string): Promise<number> {
    const [expired, n] = (await runScript(this.client, COUNT, keysOf(meetingId), [])) as [string[], number];
    this.reportExpired(meetingId, expired);
    return n;
  }

  async has(meetingId: string, peerId: string): Promise<boolean> {
    return (await this.client.hExists(meetingKeys(meetingId).peers, peerId)) === 1;
  }

  /** The instance holding `peerId`'s socket while it is in the meeting, else null. */
  async homeOf(meetingId: string, peerId: string): Promise<string | null> {
    const home = await this.client.hGet(meetingKeys(meetingId).homes, peerId);
    return home ? home : null;
  }

  async updateMedia(meetingId: string, peerId: string, media: MediaState): Promise<void> {
    const k = meetingKeys(meetingId);
    await runScript(this.client, UPDATE_MEDIA, [k.peers, k.leases], [peerId, JSON.stringify(media)]);
  }

  async setRecording(meetingId: string, peerId: string, recording: boolean): Promise<boolean> {
    const k = meetingKeys(meetingId);
    return (await runScript(this.client, SET_RECORDING, [k.peers, k.leases], [peerId, recording ? '1' : '0'])) === 1;
  }

  async setHand(meetingId: string, peerId: string, raisedAt: string | null): Promise<HandChange | null> {
    const [outcome, current] = (await runScript(this.client, SET_HAND, [meetingKeys(meetingId).peers], [peerId, raisedAt ?? ''])) as [number, string];
    if (outcome === 0) return null;
    return { raisedAt: current || null, changed: outcome === 2 };
  }

  /**
   * Graceful stop, after the sockets were closed: their disconnect handlers are removing them
   * (and then telling the other instances), so let those removals finish, then remove whatever
   * is left so no seat stays taken until its lease runs out.
   */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await new Promise((r) => setImmediate(r));
    await Promise.allSettled([...this.removing]);
    await this.beating;
    const leftovers = [...this.local].flatMap(([meetingId, ids]) => [...ids].map((id) => ({ meetingId, id })));
    this.local.clear();
    await Promise.all(leftovers.map(({ meetingId, id }) => runScript(this.client, REMOVE, keysOf(meetingId), [id]))).catch(
      (err: unknown) => this.options.logger.warn({ err }, 'could not remove presence entries on shutdown; their leases will expire'),
    );
  }

  private forget(meetingId: string, peerId: string): void {
    const mine = this.local.get(meetingId);
    mine?.delete(peerId);
    if (mine?.size === 0) this.local.delete(meetingId);
  }

  private reportExpired(meetingId: string, expired: string[]): void {
    if (expired.length === 0) return;
    this.options.logger.warn({ meetingId, peers: expired }, 'purged participants of an instance that stopped renewing them');
    this.events?.expired(meetingId, expired);
  }

  /**
   * Meetings nobody renews any more (every member was on instances that died): purge them like
   * any script touching the meeting would, which reports the dead members as expired exactly
   * once across instances, so their attendance gets closed.
   */
  private async sweepStaleMeetings(): Promise<void> {
    const stale = (await runScript(this.client, STALE_MEETINGS, [ACTIVE_MEETINGS], [String(SWEEP_BATCH)])) as string[];
    for (const meetingId of stale) {
      await this.count(meetingId);
      await runScript(this.client, FORGET_IF_STALE, [ACTIVE_MEETINGS], [meetingId]);
    }
  }

  private heartbeat(): Promise<void> {
    if (this.beating) return this.beating;
    const beat = async () => {
      const lease = String(this.options.leaseMs);
      const meetings = [...this.local.keys()];
      if (meetings.length > 0) await runScript(this.client, TOUCH_ACTIVE, [ACTIVE_MEETINGS], [lease, ...meetings]);
      await Promise.all(
        [...this.local].map(async ([meetingId, ids]) => {
          const [expired, lost] = (await runScript(this.client, HEARTBEAT, keysOf(meetingId), [lease, ...ids])) as [string[], string[]];
          this.reportExpired(meetingId, expired);
          // Our own member was purged (we missed renewals: Redis or this process stalled). The
          // others were told it left, so it must rejoin rather than linger unseen.
          const gone = lost.filter((id) => this.local.get(meetingId)?.has(id));
          for (const id of gone) this.forget(meetingId, id);
          if (gone.length > 0) {
            this.options.logger.warn({ meetingId, peers: gone }, 'own participants lost their seats; disconnecting them');
            this.events?.lost(meetingId, gone);
          }
        }),
      );
      await this.sweepStaleMeetings();
    };
    this.beating = beat()
      .catch((err: unknown) => this.options.logger.warn({ err: (err as Error).message }, 'presence heartbeat failed'))
      .finally(() => (this.beating = undefined));
    return this.beating;
  }
}
