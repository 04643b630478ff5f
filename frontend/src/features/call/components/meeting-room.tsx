import { Trans, useLingui } from '@lingui/react/macro';
import { useCallback, useMemo, useRef, useState } from 'react';
import { paths } from '../../../config/paths';
import { useCallShortcuts } from '../hooks/use-shortcuts';
import { useUnreadChat } from '../hooks/use-unread-chat';
import { canHost } from '../lib/host-controls';
import { useCallSession } from '../hooks/session-context';
import { useObservable } from '../hooks/use-observable';
import { ActivityAnnouncer } from './activity-announcer';
import { describeNotice } from './announcements';
import { CallControls, type Panel } from './call-controls';
import { ChatPanel } from './chat-panel';
import { ChatToast } from './chat-toast';
import { callStart } from './elapsed';
import { HostTools } from './host-tools';
import { hostActionsFor } from './host-person-actions';
import { ParticipantsPanel } from './participants-panel';
import { RoomHeader } from './room-header';
import { ShortcutHelp, useHelpShortcut } from './shortcut-help';
import { ScreenTile, Tile } from './tile';
import { VideoGrid } from './video-grid';

const canShareLink = typeof navigator !== 'undefined' && typeof navigator.share === 'function';

/** The meeting itself: grid of tiles, side panel, toolbar, live announcements. */
export function MeetingRoom({ meetingTitle }: { meetingTitle: string }) {
  const session = useCallSession();
  const state = useObservable(session.state);
  const local = useObservable(session.devices.media.state);
  const host = useObservable(session.host.state);
  const { t, i18n } = useLingui();
  const [joinedAt] = useState(() => Date.now());
  const [panel, setPanel] = useState<Panel>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [notice, setNotice] = useState<{ seq: number; text: string } | null>(null);
  const panelButtons = useRef<Record<Exclude<Panel, null>, HTMLButtonElement | null>>({ chat: null, participants: null });

  const actions = useMemo(() => ({ toggleMic: () => session.devices.toggleMic(), toggleCamera: () => session.devices.toggleCamera() }), [session]);
  useCallShortcuts(actions, !helpOpen);
  const openHelp = useCallback(() => setHelpOpen(true), []);
  useHelpShortcut(openHelp);

  const togglePanel = (p: Exclude<Panel, null>) => setPanel((current) => (current === p ? null : p));
  // Focus goes back to the toolbar button that opened the panel (or, on a phone, to "More options").
  const closePanel = () => {
    const opener = panel ? panelButtons.current[panel] : null;
    setPanel(null);
    const target = opener && opener.offsetParent !== null ? opener : document.querySelector<HTMLButtonElement>('.more > .ctl');
    target?.focus();
  };

  const invite = useCallback(async () => {
    const link = `${window.location.origin}${paths.meeting(state.meetingId)}`;
    if (canShareLink) {
      try {
        await navigator.share({ title: meetingTitle || t`Meet`, url: link });
        return;
      } catch {
        // Dismissed or refused: fall back to the clipboard.
      }
    }
    let text = t`Invite link copied`;
    try {
      await navigator.clipboard.writeText(link);
    } catch {
      text = t`Invite link: ${link}`;
    }
    setNotice((n) => ({ seq: (n?.seq ?? 0) + 1, text }));
  }, [state.meetingId, meetingTitle, t]);

  const sessionNotice = state.notice && { seq: state.notice.seq, text: describeNotice(i18n, state.notice.notice) };
  const announcement = [sessionNotice, notice].filter((a) => a !== null).sort((a, b) => b.seq - a.seq)[0];
  const selfName = state.displayName || t`You`;
  const screens = [
    ...(local.screenTrack ? [{ key: 'self-screen', owner: t`You`, track: local.screenTrack }] : []),
    ...state.peers.flatMap((p) => (p.media.screen && p.screen ? [{ key: `${p.id}-screen`, owner: p.displayName, track: p.screen }] : [])),
  ];
  const count = 1 + state.peers.length + screens.length;
  const unread = useUnreadChat(state.chat, state.selfId, panel === 'chat');
  const announce = useCallback((text: string) => setNotice((n) => ({ seq: (n?.seq ?? 0) + 1, text })), []);
  const hosting = canHost(host.role);
  // A rename reaches everyone as `meeting-updated`; before any, the title the lobby loaded.
  const title = (host.meeting ? host.meeting.title : meetingTitle) || state.meetingId;

  return (
    <div className={`room${panel ? ' room--panel' : ''}`}>
      <main className="room__stage" aria-labelledby="room-title">
        <RoomHeader title={title} since={callStart(joinedAt, state.peers.map((p) => p.joinedAt))} count={1 + state.peers.length} />
        {state.phase.name === 'reconnecting' && (
          <div className="banner" role="alert"><Trans>Lost the connection to the server. Trying to get you back in…</Trans></div>
        )}
        {state.needsAudioUnlock && (
          <button type="button" className="btn btn--primary banner-btn" onClick={() => session.devices.unlockAudio()}><Trans>Enable audio</Trans></button>
        )}
        <VideoGrid count={count}>
          {screens.map((s) => <ScreenTile key={s.key} ownerName={s.owner} track={s.track} />)}
          <Tile
            peerId={state.selfId ?? 'self'}
            label={t`${selfName} (you)`}
            name={selfName}
            connectionState={state.phase.name === 'reconnecting' ? 'reconnecting' : 'connected'}
            speaking={state.selfSpeaking}
            audioOn={local.micOn}
            video={local.camOn ? local.videoTrack : null}
            mirrored
            fit={count === 1 ? 'contain' : 'cover'}
          />
          {state.peers.map((peer) => (
            <Tile
              key={peer.id}
              peerId={peer.id}
              label={peer.displayName}
              name={peer.displayName}
              connectionState={peer.connectionState}
              speaking={peer.speaking}
              audioOn={peer.media.audio}
              video={peer.media.video ? peer.video : null}
            />
          ))}
        </VideoGrid>
        {/* Inside <main> so every piece of the page sits in a landmark (they are fixed/hidden anyway). */}
        <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
        <div role="status" aria-label={t`Announcements`} className="toast">
          {announcement && <span key={announcement.seq} className="toast__text">{announcement.text}</span>}
        </div>
        {panel !== 'chat' && <ChatToast message={unread.at(-1)} onOpen={() => setPanel('chat')} />}
        <ActivityAnnouncer peers={state.peers} chat={state.chat} selfId={state.selfId} chatOpen={panel === 'chat'} />
      </main>
      {panel === 'chat' && <ChatPanel messages={state.chat} selfId={state.selfId} onSend={(text) => session.sendChat(text)} onClose={closePanel} />}
      {panel === 'participants' && (
        <ParticipantsPanel
          selfName={selfName}
          selfMicOn={local.micOn}
          peers={state.peers}
          onClose={closePanel}
          roles={host.roles}
          selfRole={host.role}
          hostTools={hosting ? <HostTools announce={announce} /> : undefined}
          actionsFor={hosting ? (peer) => hostActionsFor(session.host, i18n, host.role, peer, host.roles[peer.id]) : undefined}
        />
      )}
      <footer className="room__bar">
        <CallControls
          micOn={local.micOn}
          camOn={local.camOn}
          screenOn={local.screenOn}
          canShareScreen={session.devices.media.canShareScreen}
          canShareLink={canShareLink}
          panel={panel}
          panelButtons={panelButtons}
          onToggleMic={actions.toggleMic}
          onToggleCamera={actions.toggleCamera}
          onToggleScreen={() => session.devices.toggleScreenShare()}
          onTogglePanel={togglePanel}
          onInvite={() => void invite()}
          onShowShortcuts={openHelp}
          onLeave={() => session.leave()}
          chatUnread={unread.length}
          waitingCount={hosting ? host.waiting.length : 0}
        />
      </footer>
    </div>
  );
}
