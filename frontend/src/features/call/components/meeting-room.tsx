import { Trans, useLingui } from '@lingui/react/macro';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { paths } from '../../../config/paths';
import { useCallShortcuts } from '../hooks/use-shortcuts';
import { useUnreadChat } from '../hooks/use-unread-chat';
import { canHost } from '../lib/host-controls';
import { useHandShortcut, useHands } from '../hooks/use-hands';
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
import { HandReactionControls } from './hand-reaction-controls';
import { HandsAnnouncer } from './hands-announcer';
import { latestNotice, type OwnNotice } from './latest-notice';
import { mediaFailureText } from './media-failure-text';
import { ParticipantsPanel } from './participants-panel';
import { usePictureInPicture } from './picture-in-picture';
import { QualityDetails } from './quality-details';
import { QualityIndicator } from './quality-indicator';
import { canFlip, SettingsDialog } from './settings-dialog';
import { RoomHeader } from './room-header';
import { RecordingIndicator } from './recording-indicator';
import { ShortcutHelp, useHelpShortcut } from './shortcut-help';
import { tileKey } from '../lib/layout/stage';
import { MeetingLayout } from './meeting-layout';
import { ScreenTile, Tile } from './tile';
import type { LayoutTile } from './tile-slot';
import { canRecord } from '../lib/recording/recording-format';
import { TileHandAndReactions } from './tile-hand-and-reactions';

const canShareLink = typeof navigator !== 'undefined' && typeof navigator.share === 'function';
const canRecordHere = canRecord();

/** The meeting itself: grid of tiles, side panel, toolbar, live announcements. */
export function MeetingRoom({ meetingTitle }: { meetingTitle: string }) {
  const session = useCallSession();
  const state = useObservable(session.state);
  const local = useObservable(session.devices.media.state);
  const host = useObservable(session.host.state);
  const recorder = useObservable(session.recorder.state);
  const { t, i18n } = useLingui();
  const [joinedAt] = useState(() => Date.now());
  const [panel, setPanel] = useState<Panel>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  // The page's own notices (invite copied, share failed) beside the session's: latest-notice.ts.
  const [notice, setNotice] = useState<OwnNotice | null>(null);
  const latestSessionSeq = state.notice?.seq ?? 0;
  const sessionSeq = useRef(latestSessionSeq);
  useEffect(() => {
    sessionSeq.current = latestSessionSeq;
  }, [latestSessionSeq]);
  const announce = useCallback((text: string) => setNotice((n) => ({ seq: (n?.seq ?? 0) + 1, text, after: sessionSeq.current })), []);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [details, setDetails] = useState<{ id: string; name: string } | null>(null);
  const quality = useObservable(session.quality.state);
  const pip = usePictureInPicture(state.peers);
  const panelButtons = useRef<Record<Exclude<Panel, null>, HTMLButtonElement | null>>({ chat: null, participants: null });

  const actions = useMemo(() => ({ toggleMic: () => session.devices.toggleMic(), toggleCamera: () => session.devices.toggleCamera() }), [session]);
  useCallShortcuts(actions, !helpOpen && !settingsOpen && !details);
  const openHelp = useCallback(() => setHelpOpen(true), []);
  useHelpShortcut(openHelp);
  const hand = useHands();
  useHandShortcut(hand.toggle, !helpOpen);

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
    announce(text);
  }, [state.meetingId, meetingTitle, t, announce]);

  // A share that cannot start (no screen to capture, e.g. headless Firefox) is said, not swallowed.
  const toggleScreen = useCallback(async () => {
    const failure = await session.devices.toggleScreenShare();
    if (failure) announce(mediaFailureText(i18n, 'screen', failure));
  }, [session, i18n, announce]);

  const announcement = latestNotice(notice, state.notice && { seq: state.notice.seq, text: describeNotice(i18n, state.notice.notice) });
  const selfName = state.displayName || t`You`;
  const screens = [
    ...(local.screenTrack ? [{ id: 'self', owner: t`You`, track: local.screenTrack }] : []),
    ...state.peers.flatMap((p) => (p.media.screen && p.screen ? [{ id: p.id, owner: p.displayName, track: p.screen }] : [])),
  ];
  const count = 1 + state.peers.length + screens.length;
  const unread = useUnreadChat(state.chat, state.selfId, panel === 'chat');
  const hosting = canHost(host.role);
  // A rename reaches everyone as `meeting-updated`; before any, the title the lobby loaded.
  const title = (host.meeting ? host.meeting.title : meetingTitle) || state.meetingId;
  const peerIds = useMemo(() => state.peers.map((p) => p.id), [state.peers]);

  return (
    <div className={`room${panel ? ' room--panel' : ''}`}>
      <main className="room__stage" aria-labelledby="room-title">
        <RoomHeader title={title} since={callStart(joinedAt, state.peers.map((p) => p.joinedAt))} count={1 + state.peers.length} />
        {state.phase.name === 'reconnecting' && (
          <div className="banner" role="alert"><Trans>Lost the connection to the server. Trying to get you back in…</Trans></div>
        )}
        {quality.uplinkPoor && (
          <div className="banner" role="status"><Trans>Your connection is poor: others may see and hear you with gaps. Turning off your camera or moving closer to the Wi-Fi can help.</Trans></div>
        )}
        {state.needsAudioUnlock && (
          <button type="button" className="btn btn--primary banner-btn" onClick={() => session.devices.unlockAudio()}><Trans>Enable audio</Trans></button>
        )}
        <RecordingIndicator selfRecording={recorder.recording} peers={state.peers} />
        <MeetingLayout
          participants={peerIds}
          tiles={[
            ...screens.map((s): LayoutTile => ({ key: tileKey('screen', s.id), kind: 'screen', name: s.owner, speaking: false, self: false, element: <ScreenTile ownerName={s.owner} track={s.track} /> })),
            {
              key: tileKey('cam', 'self'), kind: 'cam', name: t`${selfName} (you)`, speaking: state.selfSpeaking, self: true, element: (
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
                  overlay={<TileHandAndReactions participantId={state.selfId} />}
                />
              ),
            },
            ...state.peers.map((peer): LayoutTile => ({
              key: tileKey('cam', peer.id), kind: 'cam', name: peer.displayName, speaking: peer.speaking, self: false, element: (
                <Tile
                  peerId={peer.id}
                  label={peer.displayName}
                  name={peer.displayName}
                  connectionState={peer.connectionState}
                  speaking={peer.speaking}
                  audioOn={peer.media.audio}
                  video={peer.media.video ? peer.video : null}
                  overlay={<TileHandAndReactions participantId={peer.id} />}
                  quality={quality.peers.has(peer.id) && (
                    <QualityIndicator level={quality.peers.get(peer.id)?.level ?? 'good'} onDetails={() => setDetails({ id: peer.id, name: peer.displayName })} />
                  )}
                />
              ),
            })),
          ]}
        />
        {/* Inside <main> so every piece of the page sits in a landmark (they are fixed/hidden anyway). */}
        <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
        <SettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
        <QualityDetails peer={details} onClose={() => setDetails(null)} />
        {pip.element}
        <div role="status" aria-label={t`Announcements`} className="toast">
          {announcement && <span key={announcement.key} className="toast__text">{announcement.text}</span>}
        </div>
        {panel !== 'chat' && <ChatToast message={unread.at(-1)} onOpen={() => setPanel('chat')} />}
        <HandsAnnouncer />
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
          onToggleScreen={() => void toggleScreen()}
          onTogglePanel={togglePanel}
          onInvite={() => void invite()}
          onShowShortcuts={openHelp}
          canRecord={canRecordHere}
          recording={recorder.recording}
          onToggleRecording={() => (recorder.recording ? void session.recorder.stop() : session.recorder.start())}
          onLeave={() => session.leave()}
          moreItems={[
            { key: 'settings', label: t`Settings`, onSelect: () => setSettingsOpen(true) },
            ...(canFlip(local) ? [{ key: 'flip', label: t`Flip camera`, onSelect: () => void session.devices.media.flipCamera() }] : []),
            ...(pip.control.supported ? [{ key: 'pip', label: t`Picture in picture`, pressed: pip.control.active, onSelect: pip.control.toggle }] : []),
          ]}
          chatUnread={unread.length}
          waitingCount={hosting ? host.waiting.length : 0}
          extra={<HandReactionControls raised={hand.raised} onToggleHand={hand.toggle} />}
          extraMoreItems={[{ key: 'hand', label: t`Raise hand`, pressed: hand.raised, narrowOnly: true, hint: 'H', onSelect: hand.toggle }]}
        />
      </footer>
    </div>
  );
}
