import { describe, expect, it } from 'vitest';
import { describeError } from './describe-error';

describe('join errors the host controls cause', () => {
  it('when the meeting is locked, then the person is told they wait for the host and may try again', () => {
    expect(describeError('WAITING_FOR_HOST')).toMatchObject({ title: 'This meeting is locked', body: expect.stringMatching(/Waiting for the host to let you in/), retry: true });
  });

  it('when the meeting was ended, then they are told the host ended it and offered no retry', () => {
    expect(describeError('MEETING_ENDED')).toMatchObject({ title: 'The host ended the meeting', retry: false });
  });

  it('when a host link carries a wrong key, then they are told the link is not valid', () => {
    expect(describeError('FORBIDDEN')).toMatchObject({ title: 'This host link is not valid', retry: false });
  });
});
