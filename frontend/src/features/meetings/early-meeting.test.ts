import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const MEETING = 'k3m7q-x9dfa-2hwpz';
const dto = (meetingId: string) => ({ meetingId, title: null, participantCount: 1 });

describe('the lobby meeting fetched by the entry script', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    vi.resetModules();
    fetchMock = vi.fn(async (url: string) => new Response(JSON.stringify(dto(decodeURIComponent(url.split('/').pop()!))), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it("when the entry script fetched a meeting's details early, then the lobby's first load takes that answer without asking again", async () => {
    const { fetchMeetingEarly, firstMeeting } = await import('./early-meeting');
    fetchMeetingEarly(`/${MEETING}`);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await expect(firstMeeting(MEETING)).resolves.toMatchObject({ meetingId: MEETING });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('when the path is not a canonical meeting ID, then nothing is fetched early and the lobby asks itself', async () => {
    const { fetchMeetingEarly, firstMeeting } = await import('./early-meeting');
    for (const path of ['/', '/K3M7Q-X9DFA-2HWPZ', '/k3m7qx9dfa2hwpz', `/${MEETING}/x`]) fetchMeetingEarly(path);
    expect(fetchMock).not.toHaveBeenCalled();
    await firstMeeting(MEETING);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('when the early answer is for another meeting or is too old, then the lobby asks again', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { fetchMeetingEarly, firstMeeting } = await import('./early-meeting');
    fetchMeetingEarly(`/${MEETING}`);
    await expect(firstMeeting('abcde-fghij-kmnpq')).resolves.toMatchObject({ meetingId: 'abcde-fghij-kmnpq' });
    expect(fetchMock).toHaveBeenCalledTimes(2);
    fetchMeetingEarly(`/${MEETING}`);
    vi.setSystemTime(Date.now() + 6_000);
    await firstMeeting(MEETING);
    expect(fetchMock).toHaveBeenCalledTimes(4);
  });

  it('when the early request fails, then the lobby gets the same error (not an unhandled rejection)', async () => {
    fetchMock.mockImplementation(async () => new Response(JSON.stringify({ error: { code: 'MEETING_NOT_FOUND', message: 'No meeting.' } }), { status: 404 }));
    const { fetchMeetingEarly, firstMeeting } = await import('./early-meeting');
    fetchMeetingEarly(`/${MEETING}`);
    await expect(firstMeeting(MEETING)).rejects.toMatchObject({ code: 'MEETING_NOT_FOUND', status: 404 });
  });
});
