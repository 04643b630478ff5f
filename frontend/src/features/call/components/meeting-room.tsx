import { useCallback, useMemo, useState } from 'react';
import { paths } from '../../../config/paths';
import { useCallShortcuts } from '../hooks/use-shortcuts';
import { useCallSession } from '../hooks/session-context';
import { useObservable } from '../hooks/use-observable';
import { describeNotice } from './announcements';
import { CallControls, type Panel } from './call-controls';
import { ChatPanel } from './chat-panel';
import { ParticipantsPanel } from './participants-panel';
import { ScreenTile, Tile } from './tile';
import { VideoGrid } from './video-grid';

/** The meeting itself: grid of tiles, side panel, toolbar, live announcements. */
export function MeetingRoom() {
  const session = useCallSession();
  const state = useObservable(session.state);
  const local = useObservable(session.devices.media.state);
  const [panel, setPanel] = useState<Panel>(null);
  const [notice, setNotice] = useState<{ seq: number; text: string } | null>(null);

  const actions = useMemo(() => ({ toggleMic: () => session.devices.toggleMic(), toggleCamera: () => session.devices.toggleCamera() }), [session]);
  useCallShortcuts(actions);

  const copyLink = useCallback(async () => {
    const link = `${window.location.origin}${paths.meeting(state.meetingId)}`;
    let text = 'Invite link copied';
    try {
      await navigator.clipboard.writeText(link);
    } catch {
      text = `Invite link: ${link}`;
    }
    setNotice((n) => ({ seq: (n?.seq ?? 0) + 1, text }));
  }, [state.meetingId]);

  const sessionNotice = state.notice && { seq: state.notice.seq, text: describeNotice(state.notice.notice) };
  const announcement = [sessionNotice, notice].filter((a) => a !== null).sort((a, b) => b.seq - a.seq)[0];
  const selfName = state.displayName || 'You';
  const screens = [
    ...(local.screenTrack ? [{ key: 'self-screen', owner: 'You', track: local.screenTrack }] : []),
    ...state.peers.flatMap((p) => (p.media.screen && p.screen ? [{ key: `${p.id}-screen`, owner: p.displayName, track: p.screen }] : [])),
  ];
  const count = 1 + state.peers.length + screens.length;

  return (
    <div className={`room${panel ? ' room--panel' : ''}`}>
      <main className="room__stage" aria-label="Meeting">
        {state.phase.name === 'reconnecting' && (
          <div className="banner" role="alert">Lost the connection to the server. Trying to get you back in…</div>
        )}
        {state.needsAudioUnlock && (
          <button type="button" className="btn btn--primary banner-btn" onClick={() => session.devices.unlockAudio()}>Enable audio</button>
        )}
        <VideoGrid count={count}>
          {screens.map((s) => <ScreenTile key={s.key} ownerName={s.owner} track={s.track} />)}
          <Tile
            peerId={state.selfId ?? 'self'}
            label={`${selfName} (you)`}
            name={selfName}
            connectionState={state.phase.name === 'reconnecting' ? 'reconnecting' : 'connected'}
            speaking={state.selfSpeaking}
            audioOn={local.micOn}
            video={local.camOn ? local.videoTrack : null}
            mirrored
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
      </main>
      {panel === 'chat' && <ChatPanel messages={state.chat} selfId={state.selfId} onSend={(text) => session.sendChat(text)} />}
      {panel === 'participants' && <ParticipantsPanel selfName={selfName} selfMicOn={local.micOn} peers={state.peers} />}
      <footer className="room__bar">
        <CallControls
          micOn={local.micOn}
          camOn={local.camOn}
          screenOn={local.screenOn}
          canShareScreen={session.devices.media.canShareScreen}
          panel={panel}
          onToggleMic={actions.toggleMic}
          onToggleCamera={actions.toggleCamera}
          onToggleScreen={() => session.devices.toggleScreenShare()}
          onTogglePanel={(p) => setPanel((current) => (current === p ? null : p))}
          onCopyLink={() => void copyLink()}
          onLeave={() => session.leave()}
        />
      </footer>
      <div role="status" aria-label="Announcements" className="toast">
        {announcement && <span key={announcement.seq} className="toast__text">{announcement.text}</span>}
      </div>
    </div>
  );
}
