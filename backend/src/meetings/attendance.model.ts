import { Schema, model } from 'mongoose';

/** One row per join: who was in which meeting, from when to when. `leftAt` null = still in. */
const attendanceSchema = new Schema(
  {
    meetingId: { type: String, required: true },
    participantId: { type: String, required: true },
    displayName: { type: String, required: true },
    joinedAt: { type: Date, required: true },
    leftAt: { type: Date, default: null },
    leaveReason: { type: String, default: null },
  },
  { versionKey: false },
);
attendanceSchema.index({ meetingId: 1, joinedAt: 1 });
attendanceSchema.index({ participantId: 1 });
attendanceSchema.index({ leftAt: 1 });

export const Attendance = model('Attendance', attendanceSchema);
