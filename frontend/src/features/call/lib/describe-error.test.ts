import { describe, expect, it } from 'vitest';
import type { MessageDescriptor } from '@lingui/core';
import { describeError } from './describe-error';

/** The English text of a message (what the screen shows untranslated), or the server's own words. */
const text = (m: MessageDescriptor | string) => (typeof m === 'string' ? m : m.message);

describe('describeError', () => {
  it('when the server refuses the details (VALIDATION_FAILED), then its own message is shown and the person can go back to fix them', () => {
    const view = describeError('VALIDATION_FAILED', 'displayName: display name must be at most 40 characters');
    expect(text(view.title)).not.toBe('Connection lost');
    expect(view.body).toBe('displayName: display name must be at most 40 characters');
    expect(view.edit).toBe(true);
  });

  it('when the server fails (INTERNAL), then its message is shown, not a network error', () => {
    const view = describeError('INTERNAL', 'Could not join.');
    expect(text(view.title)).not.toBe('Connection lost');
    expect(view.body).toBe('Could not join.');
    expect(view.retry).toBe(true);
  });

  it('when the connection is lost, then the person is told to check it and try again', () => {
    const view = describeError('CONNECTION_LOST', 'Not connected.');
    expect(text(view.title)).toBe('Connection lost');
    expect(view.retry).toBe(true);
  });
});
