import type { ReactElement, SVGProps } from 'react';

/** Inline stroke icons (24px grid); decorative: the button carries the name. */
function Icon({ children, ...props }: SVGProps<SVGSVGElement>): ReactElement {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8"
      strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false" {...props}>
      {children}
    </svg>
  );
}

export const MicIcon = () => (
  <Icon><rect x="9" y="3" width="6" height="11" rx="3" /><path d="M5 11a7 7 0 0 0 14 0M12 18v3" /></Icon>
);
export const MicOffIcon = () => (
  <Icon><path d="M15 10V6a3 3 0 0 0-5.7-1.3M9 9v2a3 3 0 0 0 4.5 2.6M5 11a7 7 0 0 0 11.3 5.5M19 11a7 7 0 0 1-.6 2.8M12 18v3M3 3l18 18" /></Icon>
);
export const CamIcon = () => (
  <Icon><rect x="3" y="6" width="12" height="12" rx="2" /><path d="m15 10 6-3v10l-6-3" /></Icon>
);
export const CamOffIcon = () => (
  <Icon><path d="M15 11V8a2 2 0 0 0-2-2H9M5 6H5a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h8a2 2 0 0 0 2-2v-1l6 3V7l-4 2M3 3l18 18" /></Icon>
);
export const ScreenIcon = () => (
  <Icon><rect x="3" y="4" width="18" height="12" rx="2" /><path d="M8 20h8M12 16v4M9 10l3-3 3 3M12 7v6" /></Icon>
);
export const ChatIcon = () => (
  <Icon><path d="M4 5h16v11H9l-5 4z" /></Icon>
);
export const PeopleIcon = () => (
  <Icon><circle cx="9" cy="8" r="3.5" /><path d="M2.5 20a6.5 6.5 0 0 1 13 0M16 4.5a3.5 3.5 0 0 1 0 7M18 14.5a6.5 6.5 0 0 1 3.5 5.5" /></Icon>
);
export const LinkIcon = () => (
  <Icon><path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" /></Icon>
);
export const LeaveIcon = () => (
  <Icon><path d="M3 14c5-5 13-5 18 0l-2.5 2.5-3-1.5v-2.5a12 12 0 0 0-7 0V15l-3 1.5z" /></Icon>
);
export const SpeakerIcon = () => (
  <Icon><path d="M4 9h4l5-4v14l-5-4H4zM16.5 8.5a5 5 0 0 1 0 7M19 6a8.5 8.5 0 0 1 0 12" /></Icon>
);
export const PlusIcon = () => (
  <Icon><path d="M12 5v14M5 12h14" /></Icon>
);
export const PinIcon = () => (
  <Icon><path d="M9 4h6l-1 5 3 3v2H7v-2l3-3zM12 14v6" /></Icon>
);
export const UnpinIcon = () => (
  <Icon><path d="M9 4h6l-1 5 3 3v2H7v-2l3-3zM12 14v6M3 3l18 18" /></Icon>
);
export const FullscreenIcon = () => (
  <Icon><path d="M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5" /></Icon>
);
export const ExitFullscreenIcon = () => (
  <Icon><path d="M9 4v5H4M20 9h-5V4M15 20v-5h5M4 15h5v5" /></Icon>
);
export const GridIcon = () => (
  <Icon><rect x="4" y="4" width="7" height="7" rx="1" /><rect x="13" y="4" width="7" height="7" rx="1" /><rect x="4" y="13" width="7" height="7" rx="1" /><rect x="13" y="13" width="7" height="7" rx="1" /></Icon>
);
/** Points to the inline start ("previous"); mirrored in RTL by CSS (`.flip-rtl`). */
export const ChevronStartIcon = () => (
  <Icon className="flip-rtl"><path d="m15 6-6 6 6 6" /></Icon>
);
export const ChevronEndIcon = () => (
  <Icon className="flip-rtl"><path d="m9 6 6 6-6 6" /></Icon>
);
