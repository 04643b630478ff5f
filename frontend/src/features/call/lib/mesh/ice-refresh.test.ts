import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IceRefresher } from './ice-refresh';

describe('TURN credential refresh', () => {
  beforeEach(() => vi.useFakeTimers({ now: Date.UTC(2030, 0, 1) }));
  afterEach(() => vi.useRealTimers());

  it('when credentials expire in ten minutes, then new ones are fetched a minute early and applied, and the next refresh is planned', async () => {
    // Like the server: every answer carries credentials valid for twenty minutes from now.
    const fetch = vi.fn(async () => ({
      iceServers: [{ urls: 'turn:x', username: 'u2', credential: 'c2' }],
      iceServersExpireAt: new Date(Date.now() + 20 * 60_000).toISOString(),
    }));
    const apply = vi.fn();
    const refresher = new IceRefresher(fetch, apply);
    refresher.schedule(new Date(Date.now() + 10 * 60_000).toISOString());

    await vi.advanceTimersByTimeAsync(9 * 60_000 - 1);
    expect(fetch).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(apply).toHaveBeenCalledWith([{ urls: 'turn:x', username: 'u2', credential: 'c2' }]);

    await vi.advanceTimersByTimeAsync(19 * 60_000 - 1);
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch).toHaveBeenCalledTimes(2);
    refresher.stop();
  });

  it('when a refresh fails, then it is retried later instead of giving up', async () => {
    const fetch = vi.fn(async () => {
      throw new Error('offline');
    });
    const refresher = new IceRefresher(fetch, vi.fn());
    refresher.schedule(new Date(Date.now() + 2 * 60_000).toISOString());
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(90_000);
    expect(fetch).toHaveBeenCalledTimes(2);
    refresher.stop();
  });

  it('when no expiry is given (no TURN), then nothing is scheduled', async () => {
    const fetch = vi.fn();
    new IceRefresher(fetch, vi.fn()).schedule(undefined);
    await vi.advanceTimersByTimeAsync(24 * 3600_000);
    expect(fetch).not.toHaveBeenCalled();
  });
});
