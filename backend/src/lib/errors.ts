import type { ErrorBody, ErrorCode } from '../contract/protocol.js';
import { isDbUnavailableError } from './db.js';

/**
 * The one error type the backend throws on purpose. The REST error handler turns it into JSON,
 * the Socket.io guard into an `{ ok: false, error }` ack: one vocabulary on both transports.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message };
  }
}

export const errors = {
  validation: (message: string) => new AppError('VALIDATION_FAILED', 400, message),
  invalidMeetingId: () => new AppError('INVALID_MEETING_ID', 400, 'That is not a valid meeting ID.'),
  meetingNotFound: () => new AppError('MEETING_NOT_FOUND', 404, 'No meeting with that ID.'),
  meetingFull: (max: number) => new AppError('MEETING_FULL', 409, `This meeting is full (${max} people at most).`),
  notInMeeting: (message = 'Join a meeting first.') => new AppError('NOT_IN_MEETING', 409, message),
  alreadyInMeeting: () =>
    new AppError('ALREADY_IN_MEETING', 409, 'This connection is already in a meeting; leave it first.'),
  peerNotFound: () => new AppError('PEER_NOT_FOUND', 404, 'No such participant in this meeting.'),
  rateLimited: (message: string) => new AppError('RATE_LIMITED', 429, message),
  dbUnavailable: () =>
    new AppError('DATABASE_UNAVAILABLE', 503, 'The database is unavailable; try again in a moment.'),
  forbidden: (message = 'Only the host or a co-host can do that.') => new AppError('FORBIDDEN', 403, message),
  waitingForHost: () => new AppError('WAITING_FOR_HOST', 403, 'Waiting for the host to let you in.'),
  meetingEnded: () => new AppError('MEETING_ENDED', 410, 'The host ended this meeting.'),
  internal: () => new AppError('INTERNAL', 500, 'Something went wrong on our side.'),
};

/**
 * Maps anything thrown to an AppError: a lost database is a known condition (503), anything else
 * unknown becomes INTERNAL with no internals leaked.
 */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (isDbUnavailableError(err)) return errors.dbUnavailable();
  return errors.internal();
}

/** A failure worth an error log: ours to fix, not the client's input or a known outage. */
export function isUnexpected(error: AppError): boolean {
  return error.status >= 500 && error.code !== 'DATABASE_UNAVAILABLE';
}
