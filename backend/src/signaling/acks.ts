import type { AckError } from '../contract/protocol.js';
import { isUnexpected, toAppError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';

/** Calls `ack` only when the client asked for one (relay events may be fire-and-forget). */
export function reply<T>(ack: unknown, response: T): void {
  if (typeof ack === 'function') (ack as (r: T) => void)(response);
}

/**
 * The socket twin of the REST error handler: anything thrown becomes `{ ok: false, error }`.
 * AppErrors keep their code and message; unknown errors are logged and leave as INTERNAL.
 */
export function errorAck(err: unknown, logger: Logger): AckError {
  const error = toAppError(err);
  if (isUnexpected(error)) logger.error({ err }, 'signaling handler failed');
  return { ok: false, error: error.toBody() };
}

/**
 * Runs a listener so that nothing it throws, sync or async, escapes: the sender gets an error
 * ack (the ack is always last, see `normalizePacket`) and the process keeps serving everyone else.
 */
export function guard(listener: (...args: unknown[]) => unknown, logger: Logger): (...args: unknown[]) => void {
  return (...args) => {
    const ack = args.at(-1);
    const fail = (err: unknown) => reply(ack, errorAck(err, logger));
    try {
      const result = listener(...args);
      if (result instanceof Promise) result.catch(fail);
    } catch (err) {
      fail(err);
    }
  };
}
