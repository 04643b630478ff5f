import { parseMeetingId } from '@contract/meeting-id';
import { Trans, useLingui } from '@lingui/react/macro';
import { useCallback, useEffect, useState } from 'react';
import { Link, Navigate, useLocation, useParams } from 'react-router-dom';
import type { MeetingDto } from '@contract/protocol';
import { MessageScreen } from '../../components/message-screen';
import { paths } from '../../config/paths';
import { readQuerySwitches } from '../../config/query';
import { LIMITS } from '@contract/limits';
import { STORAGE_KEYS } from '../../config/storage-keys';
import { CallScreen } from '../../features/call/components/call-screen';
import { SessionContext, useCallSession } from '../../features/call/hooks/session-context';
import { useObservable } from '../../features/call/hooks/use-observable';
import { CallSession } from '../../features/call/lib/call-session';
import { describeError } from '../../features/call/lib/describe-error';
import { installTestHook } from '../../features/call/lib/test-hook';
import { ApiError, getMeeting } from '../../features/meetings/api';
import { hostKeyFromHash, meetingKeys } from '../../features/meetings/meeting-keys';
import { localStore } from '../../lib/local-store';
import { NotFoundRoute } from './not-found';

/** `/:meetingId` (lazy chunk): validates the ID, then lobby and meeting on the same URL. */
export function MeetingRoute() {
  const { meetingId: raw = '' } = useParams();
  const location = useLocation();
  const { i18n } = useLingui();
  const meetingId = parseMeetingId(raw);
  if (!meetingId) return <NotFoundRoute />;
  if (meetingId !== raw) return <Navigate replace to={paths.meeting(meetingId) + location.search} />;
  if (!browserSupported()) {
    const { title, body } = describeError('UNSUPPORTED_BROWSER');
    return <MessageScreen title={i18n._(title)} actions={<Link className="btn" to={paths.home()}><Trans>Home</Trans></Link>}><p>{typeof body === 'string' ? body : i18n._(body)}</p></MessageScreen>;
  }
  return <MeetingPage key={meetingId} meetingId={meetingId} />;
}

export type MeetingInfo = { status: 'loading' | 'unknown' } | { status: 'found'; meeting: MeetingDto } | { status: 'not-found' };

function defaultSession(meetingId: string): CallSession {
  // A host link carries the key in its fragment: keep it, then drop it from the address bar.
  const keys = meetingKeys();
  const linkedKey = hostKeyFromHash(window.location.hash);
  if (linkedKey) {
    keys.saveHostKey(meetingId, linkedKey);
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  }
  return new CallSession({ meetingId, relayOnly: readQuerySwitches().relayOnly, keys });
}

/** Lobby and call for one meeting; `createSession` is a seam for route tests. */
export function MeetingPage({ meetingId, createSession = defaultSession }: { meetingId: string; createSession?: (meetingId: string) => CallSession }) {
  const [session, setSession] = useState<CallSession | null>(null);
  const [info, setInfo] = useState<MeetingInfo>({ status: 'loading' });
  const [initialName] = useState(() => (readQuerySwitches().name ?? localStore.get(STORAGE_KEYS.displayName) ?? '').slice(0, LIMITS.displayName));

  // One session per mount. StrictMode mounts twice in development: the first instance is
  // disposed (camera stopped, socket closed) before the second starts, so nothing leaks.
  useEffect(() => {
    const created = createSession(meetingId);
    setSession(created);
    const uninstall = installTestHook(created);
    void created.devices.startPreview();
    created.warmUp();
    return () => {
      uninstall();
      created.dispose();
    };
  }, [meetingId, createSession]);

  const [refresh, setRefresh] = useState(0);
  const refreshMeeting = useCallback(() => setRefresh((n) => n + 1), []);
  // Meeting details for the lobby; the lobby asks for a refresh so the head count stays current.
  useEffect(() => {
    let cancelled = false;
    const load = () =>
      getMeeting(meetingId)
        .then((meeting) => !cancelled && setInfo({ status: 'found', meeting }))
        .catch((error: unknown) => {
          if (cancelled) return;
          const notFound = error instanceof ApiError && (error.status === 404 || error.code === 'MEETING_NOT_FOUND');
          setInfo((current) => (notFound ? { status: 'not-found' } : current.status === 'loading' ? { status: 'unknown' } : current));
        });
    void load();
    return () => {
      cancelled = true;
    };
  }, [meetingId, refresh]);

  const onSfu = info.status === 'found' && info.meeting.mediaMode === 'sfu';
  useEffect(() => {
    if (onSfu) session?.expectSfu();
  }, [session, onSfu]);

  if (!session || info.status === 'loading') return <main className="screen" aria-busy="true"><p className="sr-only"><Trans>Loading…</Trans></p></main>;
  return (
    <SessionContext.Provider value={session}>
      <MeetingBody info={info} initialName={initialName} onRefreshMeeting={refreshMeeting} />
    </SessionContext.Provider>
  );
}

/** Lobby or call; "not found" only while the person is still in the lobby (subscribed to the phase). */
export function MeetingBody({ info, initialName, onRefreshMeeting }: { info: MeetingInfo; initialName: string; onRefreshMeeting(): void }) {
  const { phase } = useObservable(useCallSession().state);
  const { t } = useLingui();
  if (info.status === 'not-found' && phase.name === 'idle') {
    return <MessageScreen title={t`Meeting not found`} actions={<Link className="btn btn--primary" to={paths.home()}><Trans>Home</Trans></Link>}><p><Trans>Check the link, or start a new meeting from the home page.</Trans></p></MessageScreen>;
  }
  return <CallScreen meeting={info.status === 'found' ? info.meeting : null} initialName={initialName} onRefreshMeeting={onRefreshMeeting} />;
}

function browserSupported(): boolean {
  return typeof RTCPeerConnection !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;
}
