import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Server, ServerOptions, Socket } from 'socket.io';
import type { Config } from '../config.js';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '../contract/protocol.js';
import type { Logger } from '../lib/logger.js';
import type { AttendanceRecorder } from '../meetings/attendance.service.js';
import type { MeetingService } from '../meetings/meeting.service.js';
import type { MeetingMedia } from '../sfu/meeting-media.js';
import type { ChatStore } from './chat-history.js';
import type { RemoteMemberCache } from './member-cache.js';
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
  /** Addressed delivery to other instances (Redis); without it, relays go through the adapter. */
  inbox?: RelayInbox;
}

/** Sends a relay packet to the one instance holding its addressee (see `RedisInbox`). */
export interface RelayInbox {
  /** False when that instance's inbox is gone (the instance died). */
  send(instanceId: string, packet: [room: string, event: string, data: unknown]): Promise<boolean>;
  /** Packets addressed to this instance: emitted to its local sockets only. */
  onPacket(deliver: (room: string, event: string, data: unknown) => void): void;
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
  /** Members on other instances, for relays (see `RemoteMemberCache`). */
  remoteMembers: RemoteMemberCache;
  /** A member left its meeting (or was purged): every instance forgets it. */
  memberLeft(meetingId: string, peerId: string): void;
}

/** The Socket.io room holding a meeting's members. */
export const roomOf = (meetingId: string) => `m:${meetingId}`;

/** One member's room within its meeting: relays go here, so they reach it only while it is in. */
export const memberRoomOf = (meetingId: string, peerId: string) => `m:${meetingId}:${peerId}`;
