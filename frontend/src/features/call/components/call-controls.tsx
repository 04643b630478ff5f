import type { ReactNode } from 'react';
import { CamIcon, CamOffIcon, ChatIcon, LeaveIcon, LinkIcon, MicIcon, MicOffIcon, PeopleIcon, ScreenIcon } from '../../../components/icons';

export type Panel = 'chat' | 'participants' | null;

interface CallControlsProps {
  micOn: boolean;
  camOn: boolean;
  screenOn: boolean;
  canShareScreen: boolean;
  panel: Panel;
  onToggleMic(): void;
  onToggleCamera(): void;
  onToggleScreen(): void;
  onTogglePanel(panel: Exclude<Panel, null>): void;
  onCopyLink(): void;
  onLeave(): void;
}

/** The "Call controls" toolbar; toggles expose their state with aria-pressed. */
export function CallControls(props: CallControlsProps) {
  return (
    <div role="toolbar" aria-label="Call controls" className="controls">
      <Toggle label="Microphone" pressed={props.micOn} onClick={props.onToggleMic} icon={props.micOn ? <MicIcon /> : <MicOffIcon />} warnWhenOff hint="M" />
      <Toggle label="Camera" pressed={props.camOn} onClick={props.onToggleCamera} icon={props.camOn ? <CamIcon /> : <CamOffIcon />} warnWhenOff hint="V" />
      {props.canShareScreen && <Toggle label="Share screen" pressed={props.screenOn} onClick={props.onToggleScreen} icon={<ScreenIcon />} />}
      <Toggle label="Chat" pressed={props.panel === 'chat'} onClick={() => props.onTogglePanel('chat')} icon={<ChatIcon />} />
      <Toggle label="Participants" pressed={props.panel === 'participants'} onClick={() => props.onTogglePanel('participants')} icon={<PeopleIcon />} />
      <button type="button" className="ctl" onClick={props.onCopyLink}>
        <LinkIcon />
        <span className="ctl__label">Copy invite link</span>
      </button>
      <button type="button" className="ctl ctl--danger" onClick={props.onLeave}>
        <LeaveIcon />
        <span className="ctl__label">Leave</span>
      </button>
    </div>
  );
}

function Toggle({ label, pressed, onClick, icon, warnWhenOff = false, hint }: { label: string; pressed: boolean; onClick(): void; icon: ReactNode; warnWhenOff?: boolean; hint?: string }) {
  return (
    <button
      type="button"
      className={`ctl${pressed ? ' ctl--on' : ''}${warnWhenOff && !pressed ? ' ctl--off' : ''}`}
      aria-pressed={pressed}
      onClick={onClick}
      title={hint ? `${label} (${hint})` : label}
    >
      {icon}
      <span className="ctl__label">{label}</span>
    </button>
  );
}
