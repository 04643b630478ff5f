import { customAlphabet } from 'nanoid';
import type { CreateMeetingResponse, MediaMode, MeetingDto } from '../contract/protocol.js';
import { AppError, errors } from '../lib/errors.js';
import { MEETING_ID_ALPHABET, MEETING_ID_LENGTH, groupMeetingId, isMeetingId } from '../contract/meeting-id.js';
import { MeetingCache } from './meeting-cache.js';
import { hashSecret, newSecret } from './host-key.js';
import { Meeting, type MeetingDoc } from './meeting.model.js';

const randomId = customAlphabet(MEETING_ID_ALPHABET, MEETING_ID_LENGTH);

/** A new random meeting ID in canonical form (75 bits of entropy). */
export function generateMeetingId(): string {
  return groupMeetingId(randomId());
}

export interface MeetingServiceDeps {
  ttlDays: number;
  maxParticipants: number;
  /** People connected to a meeting right now (from signaling presence). */
  participantCount: (meetingId: string) => Promise<number>;
  /** How a meeting's media flows now; absent (no SFU): always 'mesh'. */
  mediaMode?: (meetingId: string) => Promise<MediaMode>;
  /** Injectable for the collision test. */
  newId?: () => string;
  /** Lookup cache; default 2 s and 10,000 entries. `ttlMs: 0` turns it off. */
  cache?: { ttlMs: number; max?: number };
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_ID_ATTEMPTS = 5;

function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

/** Business rules for meetings: create, look up, keep alive. */
export class MeetingService {
  private readonly cache: MeetingCache | undefined;

  constructor(private readonly deps: MeetingServiceDeps) {
    const { ttlMs = 2000, max = 10_000 } = deps.cache ?? {};
    this.cache = ttlMs > 0 ? new MeetingCache({ ttlMs, max }, (id) => this.load(id)) : undefined;
  }

  private expiry(from: Date): Date {
    return new Date(from.getTime() + this.deps.ttlDays * DAY_MS);
  }

  /** Creates a meeting; its host key is returned this once and only its hash is stored. */
  async create(input: { title?: string | null | undefined }): Promise<CreateMeetingResponse> {
    const newId = this.deps.newId ?? generateMeetingId;
    const title = input.title ? input.title : null;
    const hostKey = newSecret();
    for (let attempt = 1; ; attempt++) {
      const now = new Date();
      try {
        const doc = await Meeting.create({
          meetingId: newId(),
          title,
          createdAt: now,
          lastActiveAt: now,
          expiresAt: this.expiry(now),
          hostKeyHash: hashSecret(hostKey),
        });
        const stored = doc.toObject();
        this.cache?.set(stored.meetingId, stored);
        return { ...this.toDto(stored, 0, 'mesh'), hostKey };
      } catch (err) {
        // The unique index caught a collision: draw again.
        if (isDuplicateKey(err) && attempt < MAX_ID_ATTEMPTS) continue;
        if (isDuplicateKey(err)) throw new AppError('INTERNAL', 500, 'Could not allocate a meeting ID.');
        throw err;
      }
    }
  }

  /** Finds a meeting by canonical ID or throws MEETING_NOT_FOUND. */
  async get(meetingId: string): Promise<MeetingDto> {
    const doc = await this.find(meetingId);
    if (!doc) throw errors.meetingNotFound();
    const [count, mode] = await Promise.all([this.deps.participantCount(meetingId), this.deps.mediaMode?.(meetingId) ?? ('mesh' as const)]);
    return this.toDto(doc, count, mode);
  }

  /**
   * The hot path of every lookup and join, answered from a short-lived cache (`MeetingCache`:
   * a meeting deleted elsewhere may be served for up to its TTL, an expired one never).
   */
  async find(meetingId: string): Promise<MeetingDoc | null> {
    // Defence in depth: the driver has no sanitizeFilter, so nothing but a canonical ID may pass.
    if (typeof meetingId !== 'string' || !isMeetingId(meetingId)) throw errors.invalidMeetingId();
    if (this.cache) return this.cache.get(meetingId);
    const doc = await this.load(meetingId);
    return doc && doc.expiresAt.getTime() > Date.now() ? doc : null;
  }

  /**
   * The meeting as stored right now, past the cache: admission reads lock, co-hosts and the removed
   * list here, where even a 2 s stale answer would let a removed person straight back in.
   */
  async findFresh(meetingId: string): Promise<MeetingDoc | null> {
    if (typeof meetingId !== 'string' || !isMeetingId(meetingId)) throw errors.invalidMeetingId();
    const doc = await this.load(meetingId);
    return doc && doc.expiresAt.getTime() > Date.now() ? doc : null;
  }

  /**
   * Straight to the driver: the ID is already validated, and Mongoose's query building and
   * casting cost more CPU than the query itself (profiled in docs/benchmarks.md).
   */
  private load(meetingId: string): Promise<MeetingDoc | null> {
    return Meeting.collection.findOne<MeetingDoc>({ meetingId }, { projection: { _id: 0 } });
  }

  /** Pushes the expiry forward: a meeting in use does not expire. */
  async touch(meetingId: string): Promise<void> {
    const now = new Date();
    await Meeting.updateOne({ meetingId }, { $set: { lastActiveAt: now, expiresAt: this.expiry(now) } }).exec();
    this.cache?.delete(meetingId);
  }

  private toDto(doc: MeetingDoc, participantCount: number, mediaMode: MediaMode): MeetingDto {
    return {
      meetingId: doc.meetingId,
      title: doc.title ?? null,
      createdAt: doc.createdAt.toISOString(),
      lastActiveAt: doc.lastActiveAt.toISOString(),
      expiresAt: doc.expiresAt.toISOString(),
      participantCount,
      maxParticipants: this.deps.maxParticipants,
      path: `/${doc.meetingId}`,
      locked: doc.locked ?? false,
      ended: doc.endedAt != null,
      mediaMode,
    };
  }
}
