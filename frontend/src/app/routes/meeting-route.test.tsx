// @vitest-environment happy-dom
import { I18nProvider } from '@lingui/react';
import { act, cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallSession } from '../../features/call/lib/call-session';
import { LocalMedia } from '../../features/call/lib/local-media';
import { SignalingError } from '../../features/call/lib/signaling-client';
import { installFakeDevices } from '../../features/call/lib/testing/fake-devices';
import { FakeSignaling } from '../../features/call/lib/testing/fake-signaling';
import { FakeTransport } from '../../features/call/lib/testing/fake-transport';
import { activateLocale, i18n } from '../../i18n/i18n';
import { MeetingPage } from './meeting-route';

const MEETING = 'abcde-fghij-klmno';

describe('meeting page', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('when the meeting is unknown but the session moves on (a join that was already under way fails), then the page follows the session', async () => {
    installFakeDevices();
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ error: { code: 'MEETING_NOT_FOUND', message: 'No meeting.' } }), { status: 404 })));
    let session: CallSession | undefined;
    const createSession = (meetingId: string) =>
      (session = new CallSession({
        meetingId,
        supported: () => true,
        media: new LocalMedia(),
        createSignaling: () => new FakeSignaling(() => new SignalingError('MEETING_FULL', 'The meeting is full.')),
        createTransport: () => new FakeTransport(),
      }));
    await activateLocale('en');
    render(
      <I18nProvider i18n={i18n}>
        <MemoryRouter>
          <MeetingPage meetingId={MEETING} createSession={createSession} />
        </MemoryRouter>
      </I18nProvider>,
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Meeting not found' })).toBeTruthy();

    await act(() => session!.join('Ada'));

    expect(screen.getByRole('heading', { level: 1, name: 'This meeting is full' })).toBeTruthy();
  });
});
