import { Types, trusted } from 'mongoose';
import { isDbUnavailableError } from '../lib/db.js';
import type { Logger } from '../lib/logger.js';
import { Attendance } from './attendance.model.js';

type Write =
  | { kind: 'open'; id: Types.ObjectId; meetingId: string; participantId: string; displayName: string; joinedAt: Date }
  | { kind: 'close'; id: Types.ObjectId; leftAt: Date; reason: string }
  | { kind: 'close-members'; meetingId: string; participantIds: string[]; leftAt: Date; reason: string };

/**
 * Records who attended which meeting. Writes never block signaling: they are queued and
 * retried with backoff while the database is away, so no record is lost to an outage. Every
 * write is idempotent (the record's `_id` is chosen here), which makes retrying safe.
 * A write the database refuses for any other reason would fail the same way forever and, at the
 * head of the queue, hold back every later record: it is logged in full and dropped.
 */
export class AttendanceRecorder {
  private readonly queue: Write[] = [];
  private flushing = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private backoffMs = 250;
  private idle: Array<() => void> = [];

  constructor(private readonly logger: Logger) {}

  /** Opens a record; returns its id for `close`. */
  open(meetingId: string, participantId: string, displayName: string, joinedAt = new Date()): string {
    const id = new Types.ObjectId();
    this.enqueue({ kind: 'open', id, meetingId, participantId, displayName, joinedAt });
    return id.toHexString();
  }

  close(attendanceId: string, reason: string, leftAt = new Date()): void {
    this.enqueue({ kind: 'close', id: new Types.ObjectId(attendanceId), leftAt, reason });
  }

  /**
   * Closes the open records of members this instance never held (another instance crashed and
   * their seats were purged here): found by meeting and participant, since their ids are unknown.
   */
  closeMembers(meetingId: string, participantIds: string[], reason: string, leftAt = new Date()): void {
    if (participantIds.length > 0) this.enqueue({ kind: 'close-members', meetingId, participantIds, leftAt, reason });
  }

  /** Writes still waiting for the database. */
  get pending(): number {
    return this.queue.length;
  }

  /** Resolves once every queued write has reached the database. */
  drained(): Promise<void> {
    if (this.queue.length === 0 && !this.flushing) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Closes records left open by a previous run of this process (crash, kill -9). */
  async closeOrphans(reason = 'server-restart'): Promise<number> {
    const res = await Attendance.updateMany({ leftAt: null }, { $set: { leftAt: new Date(), leaveReason: reason } }).exec();
    return res.modifiedCount;
  }

  stop(): void {
    clearTimeout(this.retryTimer);
  }

  private enqueue(write: Write): void {
    this.queue.push(write);
    void this.flush();
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      try {
        await this.apply(next);
      } catch (err) {
        if (isTransient(err)) {
          this.logger.warn({ err: (err as Error).message, pending: this.queue.length }, 'attendance write failed; will retry');
          clearTimeout(this.retryTimer);
          this.retryTimer = setTimeout(() => void this.flush(), this.backoffMs);
          this.backoffMs = Math.min(this.backoffMs * 2, 5000);
          this.flushing = false;
          return;
        }
        this.logger.error({ err, write: next }, 'attendance write refused by the database; dropped');
      }
      this.queue.shift();
      this.backoffMs = 250;
    }
    this.flushing = false;
    for (const resolve of this.idle.splice(0)) resolve();
  }

  private async apply(write: Write): Promise<void> {
    if (write.kind === 'open') {
      await Attendance.updateOne(
        { _id: write.id },
        {
          $setOnInsert: {
            meetingId: write.meetingId,
            participantId: write.participantId,
            displayName: write.displayName,
            joinedAt: write.joinedAt,
            leftAt: null,
            leaveReason: null,
          },
        },
        { upsert: true },
      ).exec();
    } else if (write.kind === 'close') {
      await Attendance.updateOne({ _id: write.id }, { $set: { leftAt: write.leftAt, leaveReason: write.reason } }).exec();
    } else {
      await Attendance.updateMany(
        // sanitizeFilter is on: the ids come from our own presence store, so `$in` is vouched for.
        { meetingId: write.meetingId, participantId: trusted({ $in: write.participantIds }), leftAt: null },
        { $set: { leftAt: write.leftAt, leaveReason: write.reason } },
      ).exec();
    }
  }
}

/** Worth retrying: the database is away, or says itself that the write may be retried. */
function isTransient(err: unknown): boolean {
  const labelled = err as { hasErrorLabel?: (label: string) => boolean } | null;
  return isDbUnavailableError(err) || labelled?.hasErrorLabel?.('RetryableWriteError') === true;
}
