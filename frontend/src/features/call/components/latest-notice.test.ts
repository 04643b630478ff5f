import { describe, expect, it } from 'vitest';
import { latestNotice } from './latest-notice';

describe('latestNotice', () => {
  it('when the page raises a notice after "Bob joined", then the page\'s notice is shown (each side counts from 1)', () => {
    const shown = latestNotice({ seq: 1, text: 'Screen sharing: not found.', after: 1 }, { seq: 1, text: 'Bob joined' });
    expect(shown?.text).toBe('Screen sharing: not found.');
  });

  it('when a session notice arrives after the page\'s own, then the session notice is shown', () => {
    expect(latestNotice({ seq: 3, text: 'Invite link copied', after: 1 }, { seq: 2, text: 'Carol left' })?.text).toBe('Carol left');
  });

  it('when there is only one kind, then that one is shown, and nothing when there is none', () => {
    expect(latestNotice(null, { seq: 4, text: 'Bob joined' })).toEqual({ key: 'session-4', text: 'Bob joined' });
    expect(latestNotice({ seq: 1, text: 'Invite link copied', after: 0 }, null)).toEqual({ key: 'own-1', text: 'Invite link copied' });
    expect(latestNotice(null, null)).toBeNull();
  });
});
