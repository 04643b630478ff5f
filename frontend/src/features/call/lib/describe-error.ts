import type { SessionErrorCode } from './session-state';

export interface ErrorView {
  title: string;
  body: string;
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
  const view = (title: string, body: string, retry: boolean, edit = false): ErrorView => ({ title, body, retry, edit });
  switch (code) {
    case 'MEETING_NOT_FOUND':
    case 'INVALID_MEETING_ID':
      return view('Meeting not found', 'Check the link, or start a new meeting from the home page.', false);
    case 'MEETING_FULL':
      return view('This meeting is full', 'It has reached its participant limit. Try again when someone leaves.', true);
    case 'RATE_LIMITED':
      return view('Too many requests', 'Please wait a moment, then try again.', true);
    // Until the waiting-room screen lands (issue 12, frontend half), a locked meeting says so plainly.
    case 'WAITING_FOR_HOST':
      return view('This meeting is locked', 'Waiting for the host to let you in. Try again once the host has admitted you.', true);
    case 'MEETING_ENDED':
      return view('The host ended the meeting', 'This meeting cannot be joined again. Start a new meeting from the home page.', false);
    case 'FORBIDDEN':
      return view('This host link is not valid', 'Ask the host for a new link, or join with the normal meeting link.', false);
    case 'UNSUPPORTED_BROWSER':
      return view("Your browser can't make video calls", 'Use a recent version of Chrome, Edge, Firefox or Safari.', false);
    case 'VALIDATION_FAILED':
      return view("Couldn't join with these details", message || 'The server refused what was sent.', false, true);
    case 'INTERNAL':
      return view('Something went wrong on the server', message || 'The server could not complete the request.', true);
    default:
      return view('Connection lost', 'We could not reach the meeting server. Check your connection and try again.', true);
  }
}
