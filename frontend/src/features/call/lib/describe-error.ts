import type { MessageDescriptor } from '@lingui/core';
import { msg } from '@lingui/core/macro';
import type { SessionErrorCode } from './session-state';

export interface ErrorView {
  title: MessageDescriptor;
  /** A message to translate, or the server's own words (a string), shown as they are. */
  body: MessageDescriptor | string;
  /** Offer "Try again" (join once more as before). */
  retry: boolean;
  /** Offer "Back" to the lobby, where the person can change what was refused. */
  edit: boolean;
}

/**
 * What the error screen says for the code a session ended in. Refusals the server explains itself
 * (bad input, a server fault) show the server's message: calling them "Connection lost" would send
 * the person to check a network that works.
 */
export function describeError(code: SessionErrorCode, message = ''): ErrorView {
  const view = (title: MessageDescriptor, body: MessageDescriptor | string, retry: boolean, edit = false): ErrorView => ({ title, body, retry, edit });
  switch (code) {
    case 'MEETING_NOT_FOUND':
    case 'INVALID_MEETING_ID':
      return view(msg`Meeting not found`, msg`Check the link, or start a new meeting from the home page.`, false);
    case 'MEETING_FULL':
      return view(msg`This meeting is full`, msg`It has reached its participant limit. Try again when someone leaves.`, true);
    case 'RATE_LIMITED':
      return view(msg`Too many requests`, msg`Please wait a moment, then try again.`, true);
    case 'UNSUPPORTED_BROWSER':
      return view(msg`Your browser can't make video calls`, msg`Use a recent version of Chrome, Edge, Firefox or Safari.`, false);
    case 'VALIDATION_FAILED':
      return view(msg`Couldn't join with these details`, message || msg`The server refused what was sent.`, false, true);
    case 'INTERNAL':
      return view(msg`Something went wrong on the server`, message || msg`The server could not complete the request.`, true);
    default:
      return view(msg`Connection lost`, msg`We could not reach the meeting server. Check your connection and try again.`, true);
  }
}
