import type { Router } from 'express';
import type { Config } from '../config.js';
import type { Logger } from '../lib/logger.js';
import type { Presence } from '../signaling/presence.js';
import type { RedisScaleOut } from '../signaling/redis-scale-out.js';
import type { IoServer } from '../signaling/context.js';
import { livekitWebhookRoutes } from './livekit-webhook.routes.js';
import { LiveKitRooms } from './livekit-rooms.js';
import { MemoryMediaModeStore } from './media-mode-store.js';
import { MeetingMedia } from './meeting-media.js';
import { RedisMediaModeStore } from './redis-media-mode-store.js';
import { SfuReconciler } from './sfu-reconciler.js';

export interface SfuSetup {
  media: MeetingMedia;
  /** Present when an SFU is configured. */
  rooms: LiveKitRooms | undefined;
  reconciler: SfuReconciler | undefined;
  webhook: Router | undefined;
  /** Once Socket.io exists: switches are announced to, and reconciliation reaches, its rooms. */
  bind(io: IoServer, roomOf: (meetingId: string) => string): void;
}

/** Builds the SFU side for `startServer`: the mode store (Redis when scaled out), LiveKit client, webhook. */
export function setupSfu(config: Config, logger: Logger, presence: Presence, redis: RedisScaleOut | undefined): SfuSetup {
  const modes = redis ? new RedisMediaModeStore(redis.client) : new MemoryMediaModeStore((id) => presence.count(id));
  const rooms = config.sfu ? new LiveKitRooms(config.sfu, logger, { maxParticipants: config.meetings.maxParticipants }) : undefined;
  const media = new MeetingMedia({ config, logger, presence, modes, rooms });
  const reconciler = rooms ? new SfuReconciler({ presence, media, rooms, logger }) : undefined;
  media.logSetup();
  return {
    media,
    rooms,
    reconciler,
    webhook: config.sfu && reconciler ? livekitWebhookRoutes(config.sfu, reconciler, logger) : undefined,
    bind(io, roomOf) {
      media.bind((meetingId, info) => io.to(roomOf(meetingId)).emit('media-mode', info));
      reconciler?.bind(io);
    },
  };
}
