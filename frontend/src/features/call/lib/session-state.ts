import type { ErrorCode } from '@contract/protocol';

/** Errors the session can end in: the server's codes plus the ones only the client detects. */
export type SessionErrorCode = ErrorCode | 'CONNECTION_LOST' | 'UNSUPPORTED_BROWSER';

/** The session's lifecycle. `idle` is the lobby; `left` and `error` are terminal until rejoin. */
export type SessionPhase =
  | { name: 'idle' }
  | { name: 'joining' }
  | { name: 'joined' }
  | { name: 'reconnecting'; since: number }
  | { name: 'left' }
  | { name: 'error'; code: SessionErrorCode; message: string };

export type SessionEvent =
  | { type: 'JOIN_REQUESTED' }
  | { type: 'JOIN_SUCCEEDED' }
  | { type: 'JOIN_FAILED'; code: SessionErrorCode; message: string }
  | { type: 'CONNECTION_DROPPED'; at: number }
  | { type: 'REJOINED' }
  | { type: 'RECONNECT_TIMED_OUT' }
  | { type: 'LEFT' }
  | { type: 'RESET' };

/**
 * Pure transition function of the session state machine:
 * idle -> joining -> joined <-> reconnecting -> left | error(code).
 * Events that make no sense in the current phase leave it unchanged, so late socket callbacks
 * (an ack arriving after the user left, say) cannot resurrect a finished session.
 */
export function nextPhase(phase: SessionPhase, event: SessionEvent): SessionPhase {
  switch (event.type) {
    case 'JOIN_REQUESTED':
      return phase.name === 'joined' || phase.name === 'joining' ? phase : { name: 'joining' };
    case 'JOIN_SUCCEEDED':
      return phase.name === 'joining' ? { name: 'joined' } : phase;
    case 'JOIN_FAILED':
      return phase.name === 'joining' || phase.name === 'reconnecting'
        ? { name: 'error', code: event.code, message: event.message }
        : phase;
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
