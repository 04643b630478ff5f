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
  /** The retry button's words when "Try again" would mislead. */
  retryLabel?: MessageDescriptor;
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
    // A fallback: joins and rejoins that knock show the waiting room (CallSession) instead.
    case 'WAITING_FOR_HOST':
      return view(msg`This meeting is locked`, msg`Waiting for the host to let you in. Try again once the host has admitted you.`, true);
    // A removed person may knock again: they land in the waiting room (the server remembers the removal).
    case 'REMOVED_BY_HOST':
      return { ...view(msg`You were removed by the host`, msg`You can ask to join again; a host has to let you in.`, true), retryLabel: msg`Ask to join again` };
    case 'ADMISSION_DENIED':
      return view(msg`You can't join this meeting`, msg`The host declined your request to join.`, false);
    case 'MEETING_ENDED':
      return view(msg`The host ended the meeting`, msg`This meeting cannot be joined again. Start a new meeting from the home page.`, false);
    case 'FORBIDDEN':
      return view(msg`This host link is not valid`, msg`Ask the host for a new link, or join with the normal meeting link.`, false);
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
