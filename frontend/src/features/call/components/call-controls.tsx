import { plural } from '@lingui/core/macro';
import { useLingui } from '@lingui/react/macro';
import { useId, type ReactNode, type RefObject } from 'react';
import { CamIcon, CamOffIcon, ChatIcon, LeaveIcon, LinkIcon, MicIcon, MicOffIcon, PeopleIcon, ScreenIcon } from '../../../components/icons';
import { CountBadge, type Badge } from './count-badge';
import { MoreMenu, type MoreItem } from './more-menu';

export type Panel = 'chat' | 'participants' | null;

interface CallControlsProps {
  micOn: boolean;
  camOn: boolean;
  screenOn: boolean;
  canShareScreen: boolean;
  canShareLink: boolean;
  panel: Panel;
  /** The panel toggles, so a closing panel can hand focus back to the button that opened it. */
  panelButtons: RefObject<Record<Exclude<Panel, null>, HTMLButtonElement | null>>;
  onToggleMic(): void;
  onToggleCamera(): void;
  onToggleScreen(): void;
  onTogglePanel(panel: Exclude<Panel, null>): void;
  onInvite(): void;
  onShowShortcuts(): void;
  /** This browser can record the meeting locally (MediaRecorder, canvas capture, Web Audio). */
  canRecord: boolean;
  recording: boolean;
  onToggleRecording(): void;
  onLeave(): void;
  /** More "More options" items (settings, picture-in-picture, camera flip), before the shortcuts. */
  moreItems?: MoreItem[];
  /** Chat messages from others that arrived while the chat was closed. */
  chatUnread?: number;
  /** People in the waiting room (hosts and co-hosts). */
  waitingCount?: number;
  /** More controls after Participants (raise hand, reactions), and their narrow-screen menu items. */
  extra?: ReactNode;
  extraMoreItems?: MoreItem[];
}

/**
 * The "Call controls" toolbar; toggles expose their state with aria-pressed. Every button shows its
 * label. On a narrow screen, Participants, Share screen and the invite move into "More options".
 */
export function CallControls(props: CallControlsProps) {
  const { t } = useLingui();
  const inviteLabel = props.canShareLink ? t`Share invite link` : t`Copy invite link`;
  const waiting = props.waitingCount ? { count: props.waitingCount, text: plural(props.waitingCount, { one: '# person waiting to join', other: '# people waiting to join' }) } : undefined;
  const setRef = (panel: Exclude<Panel, null>) => (el: HTMLButtonElement | null) => {
    props.panelButtons.current[panel] = el;
  };
  return (
    <div role="toolbar" aria-label={t`Call controls`} className="controls">
      <Toggle label={t`Microphone`} pressed={props.micOn} onClick={props.onToggleMic} icon={props.micOn ? <MicIcon /> : <MicOffIcon />} warnWhenOff hint="M" />
      <Toggle label={t`Camera`} pressed={props.camOn} onClick={props.onToggleCamera} icon={props.camOn ? <CamIcon /> : <CamOffIcon />} warnWhenOff hint="V" />
      {props.canShareScreen && <Toggle wideOnly label={t`Share screen`} pressed={props.screenOn} onClick={props.onToggleScreen} icon={<ScreenIcon />} />}
      <Toggle buttonRef={setRef('chat')} label={t`Chat`} pressed={props.panel === 'chat'} onClick={() => props.onTogglePanel('chat')} icon={<ChatIcon />}
        badge={props.chatUnread ? { count: props.chatUnread, text: plural(props.chatUnread, { one: '# unread message', other: '# unread messages' }) } : undefined} />
      <Toggle wideOnly buttonRef={setRef('participants')} label={t`Participants`} pressed={props.panel === 'participants'} onClick={() => props.onTogglePanel('participants')} icon={<PeopleIcon />} badge={waiting} />
      {props.extra}
      <button type="button" className="ctl ctl--wide-only" onClick={props.onInvite}>
        <LinkIcon />
        <span className="ctl__label">{inviteLabel}</span>
      </button>
      <MoreMenu
        items={[
          ...(props.canShareScreen ? [{ key: 'screen', label: t`Share screen`, pressed: props.screenOn, narrowOnly: true, onSelect: props.onToggleScreen }] : []),
          { key: 'participants', label: t`Participants`, pressed: props.panel === 'participants', narrowOnly: true, badge: waiting, onSelect: () => props.onTogglePanel('participants') },
          ...(props.extraMoreItems ?? []),
          { key: 'invite', label: inviteLabel, narrowOnly: true, onSelect: props.onInvite },
          ...(props.canRecord ? [{ key: 'record', label: props.recording ? t`Stop recording` : t`Record meeting`, onSelect: props.onToggleRecording }] : []),
          ...(props.moreItems ?? []),
          { key: 'shortcuts', label: t`Keyboard shortcuts`, hint: '?', onSelect: props.onShowShortcuts },
        ]}
      />
      <button type="button" className="ctl ctl--danger" onClick={props.onLeave}>
        <LeaveIcon />
        <span className="ctl__label">{t`Leave`}</span>
      </button>
    </div>
  );
}

interface ToggleProps {
  label: string;
  pressed: boolean;
  onClick(): void;
  icon: ReactNode;
  warnWhenOff?: boolean;
  hint?: string;
  wideOnly?: boolean;
  buttonRef?: (el: HTMLButtonElement | null) => void;
  badge?: Badge;
}

function Toggle({ label, pressed, onClick, icon, warnWhenOff = false, hint, wideOnly = false, buttonRef, badge }: ToggleProps) {
  const badgeId = useId();
  return (
    <button
      ref={buttonRef}
      type="button"
      className={`ctl${pressed ? ' ctl--on' : ''}${warnWhenOff && !pressed ? ' ctl--off' : ''}${wideOnly ? ' ctl--wide-only' : ''}`}
      aria-pressed={pressed}
      aria-keyshortcuts={hint}
      onClick={onClick}
      title={hint ? `${label} (${hint})` : undefined}
      aria-describedby={badge ? badgeId : undefined}
    >
      {icon}
      <span className="ctl__label">{label}</span>
      {badge && <CountBadge id={badgeId} badge={badge} />}
    </button>
  );
}
