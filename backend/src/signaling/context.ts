import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Server, ServerOptions, Socket } from 'socket.io';
import type { Config } from '../config.js';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '../contract/protocol.js';
import type { Logger } from '../lib/logger.js';
import type { AttendanceRecorder } from '../meetings/attendance.service.js';
import type { MeetingService } from '../meetings/meeting.service.js';
import type { MeetingMedia } from '../sfu/meeting-media.js';
import type { ChatStore } from './chat-history.js';
import type { Presence } from './presence.js';

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface SignalingDeps {
  config: Config;
  logger: Logger;
  meetings: MeetingService;
  attendance: AttendanceRecorder;
  presence: Presence;
  /** Media mode per meeting (mesh or SFU), seat limits, SFU tokens. */
  media: MeetingMedia;
  /** Set when several instances share signaling (Redis); default: in memory, one process. */
  adapter?: ServerOptions['adapter'];
  chat?: ChatStore;
  /** Shared rate limits (Redis); default: per process, in memory. */
  limiters?: SocketLimiters;
}

/** Budgets the socket layer spends from (rate-limiter-flexible, memory or Redis). */
export interface SocketLimiters {
  /** Joins per client address per minute. */
  joins: RateLimiterAbstract;
  /** The lobby's connection checks per client address per minute, apart from joins. */
  checks: RateLimiterAbstract;
  /** Events per connection per second. */
  events: RateLimiterAbstract;
}

/** Everything a handler needs, built once per server. */
export interface SignalingContext extends SignalingDeps {
  io: IoServer;
  chat: ChatStore;
  limiters: SocketLimiters;
}

/** The Socket.io room holding a meeting's members. */
export const roomOf = (meetingId: string) => `m:${meetingId}`;
