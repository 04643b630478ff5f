import { useLingui } from '@lingui/react/macro';
import { useEffect, useRef } from 'react';
import { useCallSession } from '../hooks/session-context';

/**
 * `role="meter"` "Microphone level", fed by the session's AnalyserNode. The level changes about
 * 12 times a second: it is written straight to the element (a CSS variable and aria-valuenow), not
 * through a React render, so the lobby's main thread stays free (Lighthouse's Total Blocking Time).
 */
export function MicMeter({ active }: { active: boolean }) {
  const { micLevel } = useCallSession().devices;
  const ref = useRef<HTMLDivElement>(null);
  const { t } = useLingui();
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    let shown = -1;
    const show = () => {
      const value = active ? Math.round(micLevel.state.getSnapshot() * 100) : 0;
      if (value === shown) return;
      shown = value;
      element.style.setProperty('--level', String(value / 100));
      element.setAttribute('aria-valuenow', String(value));
    };
    show();
    return micLevel.state.subscribe(show);
  }, [micLevel, active]);
  return (
    <div ref={ref} className="meter" role="meter" aria-label={t`Microphone level`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={0}>
      <div className="meter__fill" />
    </div>
  );
}
