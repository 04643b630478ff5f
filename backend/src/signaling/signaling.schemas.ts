import { z } from 'zod';
import { LIMITS } from '../contract/limits.js';
import type {
  ChatRequest,
  ConnectionCheckRequest,
  IceCandidateRequest,
  JoinMeetingRequest,
  MediaState,
  SdpRequest,
} from '../contract/protocol.js';
import { cleanTextSchema } from '../lib/clean-text-schema.js';
import { meetingIdSchema } from '../meetings/meeting.schemas.js';

// Each schema `satisfies` the contract type it parses, so the two cannot drift apart unnoticed.

/** Socket ids are 20 URL-safe characters; bound them so lookups never see junk. */
const peerId = z.string().min(1).max(64).regex(/^[\w-]+$/);

/** Sized for real SDP: a 6-person mesh with audio, video and screen m-lines stays far below. */
const MAX_SDP_LENGTH = 32_000;

/** Stream ids are UUIDs (Firefox wraps them in braces); bounded so a client can't grow presence. */
const mediaSources = z
  .record(z.string().min(1).max(LIMITS.mediaSourceId).regex(/^[\w{}-]+$/), z.enum(['camera', 'screen']))
  .refine((sources) => Object.keys(sources).length <= LIMITS.mediaSources, `at most ${LIMITS.mediaSources} media sources`);

export const mediaStateSchema = z.object({
  audio: z.boolean(),
  video: z.boolean(),
  screen: z.boolean(),
  sources: mediaSources.optional(),
}) satisfies z.ZodType<MediaState>;

const displayNameSchema = cleanTextSchema('display name')
  .pipe(z.string().min(1, 'display name is required').max(LIMITS.displayName, `display name must be at most ${LIMITS.displayName} characters`));

export const joinSchema = z.object({
  meetingId: meetingIdSchema,
  displayName: displayNameSchema,
  media: mediaStateSchema.optional(),
  hostKey: z.string().min(1).max(64).optional(),
  clientKey: z.string().regex(/^[\w-]{16,64}$/, 'client key must be 16-64 URL-safe characters').optional(),
  replaces: z.array(peerId).max(4).optional(),
}) satisfies z.ZodType<JoinMeetingRequest>;

export const connectionCheckSchema = z.object({ meetingId: meetingIdSchema }) satisfies z.ZodType<ConnectionCheckRequest>;

export const sdpSchema = z.object({ to: peerId, sdp: z.string().min(1).max(MAX_SDP_LENGTH) }) satisfies z.ZodType<SdpRequest>;

export const iceCandidateSchema = z.object({
  to: peerId,
  candidate: z
    .object({
      candidate: z.string().max(1024),
      sdpMid: z.string().max(64).nullable().optional(),
      sdpMLineIndex: z.number().int().min(0).max(255).nullable().optional(),
      usernameFragment: z.string().max(256).nullable().optional(),
    })
    .nullable(),
}) satisfies z.ZodType<IceCandidateRequest>;

export const chatSchema = z.object({
  text: cleanTextSchema('message', { multiline: true })
    .pipe(z.string().min(1, 'message is empty').max(LIMITS.chatMessage, `message must be at most ${LIMITS.chatMessage} characters`)),
}) satisfies z.ZodType<ChatRequest>;
