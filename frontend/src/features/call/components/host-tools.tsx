import { Trans, useLingui } from '@lingui/react/macro';
import { LIMITS } from '@contract/limits';
import { useId, useState, type FormEvent } from 'react';
import { paths } from '../../../config/paths';
import { hostLink, meetingKeys } from '../../meetings/meeting-keys';
import { useCallSession } from '../hooks/session-context';
import { useObservable } from '../hooks/use-observable';
import { ConfirmDialog } from './confirm-dialog';

/**
 * The host's and co-hosts' part of the participants panel: the waiting room (Admit / Deny), lock,
 * mute everyone, the title, the host link and "End meeting for all". The server checks each action.
 */
export function HostTools({ announce }: { announce(text: string): void }) {
  const session = useCallSession();
  const host = session.host;
  const { role, meeting, waiting } = useObservable(host.state);
  const { t, i18n } = useLingui();
  const [confirmEnd, setConfirmEnd] = useState(false);
  const locked = meeting?.locked ?? false;
  const meetingId = session.state.getSnapshot().meetingId;
  const hostKey = role === 'host' ? meetingKeys().hostKey(meetingId) : undefined;

  const copyHostLink = async () => {
    if (!hostKey) return;
    const link = hostLink(`${window.location.origin}${paths.meeting(meetingId)}`, hostKey);
    try {
      await navigator.clipboard.writeText(link);
      announce(t`Host link copied. Anyone who opens it is a host.`);
    } catch {
      announce(t`Host link: ${link}`);
    }
  };

  const muteAll = async () => {
    if (await host.muteAll()) announce(t`Everyone else is muted`);
  };

  return (
    <div className="host-tools">
      {waiting.length > 0 && (
        <section className="waiting-list" aria-labelledby="waiting-title">
          <h3 id="waiting-title" className="host-tools__heading">{t`Waiting to join (${i18n.number(waiting.length)})`}</h3>
          <ul className="people">
            {waiting.map((person) => {
              const name = person.displayName;
              return (
                <li key={person.id} className="people__item">
                  <span className="people__name">{name}</span>
                  <span className="people__actions">
                    <button type="button" className="btn btn--small btn--primary" aria-label={t`Admit ${name}`} onClick={() => void host.admit(person.id)}><Trans>Admit</Trans></button>
                    <button type="button" className="btn btn--small" aria-label={t`Deny ${name}`} onClick={() => void host.deny(person.id)}><Trans>Deny</Trans></button>
                  </span>
                </li>
              );
            })}
          </ul>
          {waiting.length > 1 && (
            <button type="button" className="btn btn--small" onClick={() => void host.admitAll()}><Trans>Admit all</Trans></button>
          )}
        </section>
      )}
      <div className="host-tools__row">
        <button type="button" role="switch" aria-checked={locked} className={`btn btn--small${locked ? ' btn--on' : ''}`} onClick={() => void host.lock(!locked)}>
          <Trans>Lock meeting</Trans>
        </button>
        <button type="button" className="btn btn--small" onClick={() => void muteAll()}><Trans>Mute everyone</Trans></button>
        {hostKey && <button type="button" className="btn btn--small" onClick={() => void copyHostLink()}><Trans>Copy host link</Trans></button>}
      </div>
      <RenameForm key={meeting?.title ?? ''} title={meeting?.title ?? ''} onRename={(title) => host.rename(title)} />
      <button type="button" className="btn btn--small btn--danger" onClick={() => setConfirmEnd(true)}><Trans>End meeting for all</Trans></button>
      <ConfirmDialog
        open={confirmEnd}
        text={{
          title: t`End the meeting for everyone?`,
          body: t`Everyone will be sent out and the meeting can't be joined again.`,
          confirmLabel: t`End meeting`,
        }}
        onClose={() => setConfirmEnd(false)}
        onConfirm={() => {
          setConfirmEnd(false);
          void host.endForAll();
        }}
      />
    </div>
  );
}

/** "Meeting title" + Save; re-mounted (keyed) when the title changes elsewhere. */
function RenameForm({ title, onRename }: { title: string; onRename(title: string): Promise<boolean> }) {
  const { t } = useLingui();
  const [value, setValue] = useState(title);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void onRename(value);
  };
  return (
    <form className="host-tools__rename" onSubmit={submit}>
      <label htmlFor={id} className="field__label"><Trans>Meeting title</Trans></label>
      <div className="host-tools__row">
        <input id={id} className="input" dir="auto" value={value} maxLength={LIMITS.meetingTitle} placeholder={t`Untitled meeting`} onChange={(e) => setValue(e.target.value)} />
        <button type="submit" className="btn btn--small" disabled={value.trim() === title}><Trans>Rename</Trans></button>
      </div>
    </form>
  );
}
