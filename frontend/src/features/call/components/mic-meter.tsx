import { useLingui } from '@lingui/react/macro';
import { useCallSession } from '../hooks/session-context';
import { useObservable } from '../hooks/use-observable';

/** `role="meter"` "Microphone level", fed by the session's AnalyserNode. */
export function MicMeter({ active }: { active: boolean }) {
  const level = useObservable(useCallSession().devices.micLevel.state);
  const { t } = useLingui();
  const value = active ? Math.round(level * 100) : 0;
  return (
    <div className="meter" role="meter" aria-label={t`Microphone level`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={value}>
      <div className="meter__fill" style={{ transform: `scaleX(${value / 100})` }} />
    </div>
  );
}
