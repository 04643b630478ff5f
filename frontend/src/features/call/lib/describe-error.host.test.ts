import { describe, expect, it } from 'vitest';
import type { MessageDescriptor } from '@lingui/core';
import { describeError } from './describe-error';

/** The English text of a message, or the server's own words. */
const text = (m: MessageDescriptor | string) => (typeof m === 'string' ? m : m.message);

describe('join errors the host controls cause', () => {
  it('when the meeting is locked, then the person is told they wait for the host and may try again', () => {
    const view = describeError('WAITING_FOR_HOST');
    expect(text(view.title)).toBe('This meeting is locked');
    expect(text(view.body)).toMatch(/Waiting for the host to let you in/);
    expect(view.retry).toBe(true);
  });

  it('when the meeting was ended, then they are told the host ended it and offered no retry', () => {
    const view = describeError('MEETING_ENDED');
    expect(text(view.title)).toBe('The host ended the meeting');
    expect(view.retry).toBe(false);
  });

  it('when a host link carries a wrong key, then they are told the link is not valid', () => {
    const view = describeError('FORBIDDEN');
    expect(text(view.title)).toBe('This host link is not valid');
    expect(view.retry).toBe(false);
  });

  it('when a host removed the person, then they are told so and may only ask to join again', () => {
    const view = describeError('REMOVED_BY_HOST');
    expect(text(view.title)).toBe('You were removed by the host');
    expect(view.retry).toBe(true);
    expect(view.retryLabel && text(view.retryLabel)).toBe('Ask to join again');
  });

  it('when a host denied the knock, then the screen is final', () => {
    const view = describeError('ADMISSION_DENIED');
    expect(text(view.title)).toBe("You can't join this meeting");
    expect(view.retry || view.edit).toBe(false);
  });
});
