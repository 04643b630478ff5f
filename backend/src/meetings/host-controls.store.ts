import type { MeetingState } from '../contract/protocol.js';
import { errors } from '../lib/errors.js';
import { Meeting } from './meeting.model.js';

/**
 * What hosts change about a meeting, kept in MongoDB: it survives a restart and every instance
 * reads the same thing. Each write is one atomic update on a meeting that has not ended.
 */
export class HostControlsStore {
  private async update(meetingId: string, change: Record<string, unknown>): Promise<MeetingState> {
    const doc = await Meeting.findOneAndUpdate({ meetingId, endedAt: null }, change, {
      new: true,
      projection: { title: 1, locked: 1 },
    })
      .lean()
      .exec();
    if (!doc) throw errors.meetingEnded();
    return { title: doc.title ?? null, locked: doc.locked ?? false };
  }

  setLocked(meetingId: string, locked: boolean): Promise<MeetingState> {
    return this.update(meetingId, { $set: { locked } });
  }

  setTitle(meetingId: string, title: string | null): Promise<MeetingState> {
    return this.update(meetingId, { $set: { title } });
  }

  /** Grants or withdraws co-host powers for a client key (by hash). */
  async setCoHost(meetingId: string, clientKeyHash: string, coHost: boolean): Promise<void> {
    await this.update(meetingId, coHost ? { $addToSet: { coHosts: clientKeyHash } } : { $pull: { coHosts: clientKeyHash } });
  }

  /** A removed client key waits to be admitted on its next join, and loses co-host powers. */
  async markRemoved(meetingId: string, clientKeyHash: string): Promise<void> {
    await this.update(meetingId, { $addToSet: { removed: clientKeyHash }, $pull: { coHosts: clientKeyHash } });
  }

  /** Admitted again: the removal is forgiven. */
  async forgive(meetingId: string, clientKeyHash: string): Promise<void> {
    await this.update(meetingId, { $pull: { removed: clientKeyHash } });
  }

  /** Ends the meeting for good; false if it had already ended. */
  async end(meetingId: string): Promise<boolean> {
    const res = await Meeting.updateOne({ meetingId, endedAt: null }, { $set: { endedAt: new Date(), locked: true } }).exec();
    return res.modifiedCount === 1;
  }
}
