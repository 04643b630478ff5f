import type { ErrorBody, ErrorCode } from '../contract/protocol.js';

/** The one error type the backend throws on purpose; the error handler turns it into JSON. */
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
  invalidMeetingId: () => new AppError('INVALID_MEETING_ID', 400, 'That is not a valid meeting ID.'),
  meetingNotFound: () => new AppError('MEETING_NOT_FOUND', 404, 'No meeting with that ID.'),
  meetingFull: (max: number) =>
    new AppError('MEETING_FULL', 409, `This meeting is full (${max} people at most).`),
  dbUnavailable: () =>
    new AppError('DATABASE_UNAVAILABLE', 503, 'The database is unavailable; try again in a moment.'),
  validation: (message: string) => new AppError('VALIDATION_FAILED', 400, message),
};

/** Maps anything thrown to an AppError, hiding internals of unknown errors. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  return new AppError('INTERNAL', 500, 'Something went wrong on our side.');
}
