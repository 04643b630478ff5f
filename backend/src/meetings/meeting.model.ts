import { Schema, model, type InferSchemaType } from 'mongoose';

const meetingSchema = new Schema(
  {
    // The spec's "database indexing" improvement: lookups by ID are index-only, and the unique
    // constraint is what catches (vanishingly rare) ID collisions.
    meetingId: { type: String, required: true, unique: true },
    title: { type: String, trim: true, maxlength: 100, default: null },
    createdAt: { type: Date, required: true, default: () => new Date() },
    lastActiveAt: { type: Date, required: true, default: () => new Date() },
    // Real MongoDB deletes a meeting once this passes; test servers may not enforce TTL.
    expiresAt: { type: Date, required: true, index: { expireAfterSeconds: 0 } },
    // Host controls (host-controls.store.ts). Only the host key's hash is kept.
    hostKeyHash: { type: String, default: null },
    locked: { type: Boolean, default: false },
    endedAt: { type: Date, default: null },
    // Client-key hashes: co-hosts keep their powers across reloads; the removed wait to be admitted.
    coHosts: { type: [String], default: [] },
    removed: { type: [String], default: [] },
  },
  { versionKey: false, strict: 'throw' },
);

export type MeetingDoc = InferSchemaType<typeof meetingSchema>;
export const Meeting = model('Meeting', meetingSchema);
