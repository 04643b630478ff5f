import type { ErrorCode } from '@contract/protocol';

/**
 * Errors the session can end in: the server's codes plus the ones only the client detects.
 * `REMOVED_BY_HOST` and `ADMISSION_DENIED` are host decisions the server announces as events.
 */
export type SessionErrorCode = ErrorCode | 'CONNECTION_LOST' | 'UNSUPPORTED_BROWSER' | 'REMOVED_BY_HOST' | 'ADMISSION_DENIED';

/** Ends a session for a host's reason (removed, meeting ended, admission denied). */
export type SentOutCode = 'REMOVED_BY_HOST' | 'MEETING_ENDED' | 'ADMISSION_DENIED';

/** The session's lifecycle. `idle` is the lobby; `left` and `error` are terminal until rejoin. */
export type SessionPhase =
  | { name: 'idle' }
  | { name: 'joining' }
  /** In the waiting room of a locked meeting (or after a removal) until a host decides. */
  | { name: 'waiting' }
  | { name: 'joined' }
  | { name: 'reconnecting'; since: number }
  | { name: 'left' }
  | { name: 'error'; code: SessionErrorCode; message: string };

export type SessionEvent =
  | { type: 'JOIN_REQUESTED' }
  | { type: 'WAITING' }
  | { type: 'JOIN_SUCCEEDED' }
  | { type: 'SENT_OUT'; code: SentOutCode }
  | { type: 'JOIN_FAILED'; code: SessionErrorCode; message: string }
  | { type: 'CONNECTION_DROPPED'; at: number }
  | { type: 'REJOINED' }
  | { type: 'RECONNECT_TIMED_OUT' }
  | { type: 'LEFT' }
  | { type: 'RESET' };

/**
 * Pure transition function of the session state machine:
 * idle -> joining (-> waiting) -> joined <-> reconnecting -> left | error(code).
 * Events that make no sense in the current phase leave it unchanged, so late socket callbacks
 * (an ack arriving after the user left, say) cannot resurrect a finished session.
 */
export function nextPhase(phase: SessionPhase, event: SessionEvent): SessionPhase {
  switch (event.type) {
    case 'JOIN_REQUESTED':
      return phase.name === 'joined' || phase.name === 'joining' ? phase : { name: 'joining' };
    case 'WAITING':
      // From 'reconnecting': the meeting was locked while our connection was down.
      return phase.name === 'joining' || phase.name === 'reconnecting' ? { name: 'waiting' } : phase;
    case 'JOIN_SUCCEEDED':
      // From 'waiting': a host admitted us and the second join went through.
      return phase.name === 'joining' || phase.name === 'waiting' ? { name: 'joined' } : phase;
    case 'JOIN_FAILED':
      return phase.name === 'joining' || phase.name === 'reconnecting' || phase.name === 'waiting'
        ? { name: 'error', code: event.code, message: event.message }
        : phase;
    case 'SENT_OUT':
      return phase.name === 'idle' || phase.name === 'left' || phase.name === 'error'
        ? phase
        : { name: 'error', code: event.code, message: '' };
    case 'CONNECTION_DROPPED':
      return phase.name === 'joined' ? { name: 'reconnecting', since: event.at } : phase;
    case 'REJOINED':
      return phase.name === 'reconnecting' ? { name: 'joined' } : phase;
    case 'RECONNECT_TIMED_OUT':
      return phase.name === 'reconnecting'
        ? { name: 'error', code: 'CONNECTION_LOST', message: 'The connection to the server was lost.' }
        : phase;
    case 'LEFT':
      return phase.name === 'idle' ? phase : { name: 'left' };
    case 'RESET':
      return { name: 'idle' };
  }
}

/** True while the user counts as inside the meeting (media links may exist). */
export function isInMeeting(phase: SessionPhase): boolean {
  return phase.name === 'joined' || phase.name === 'reconnecting';
}
