import { useLingui } from '@lingui/react/macro';
import { REACTIONS } from '@contract/reactions';
import type { ReactionEmoji } from '@contract/protocol';
import { useId, useState, type KeyboardEvent } from 'react';
import { useCallSession } from '../hooks/session-context';
import { usePopup } from '../hooks/use-popup';
import { SignalingError } from '../lib/signaling-client';
import { REACTION_NAMES } from './reaction-names';
import './hands-reactions.css';

/** The toolbar's "Raise hand" toggle (H) and "Reactions" picker. */
export function HandReactionControls({ raised, onToggleHand }: { raised: boolean; onToggleHand(): void }) {
  const { t } = useLingui();
  const label = t`Raise hand`;
  return (
    <>
      <button
        type="button"
        className={`ctl ctl--wide-only${raised ? ' ctl--on' : ''}`}
        aria-pressed={raised}
        aria-keyshortcuts="H"
        title={`${label} (H)`}
        onClick={onToggleHand}
      >
        <span className="ctl__emoji" aria-hidden="true">✋</span>
        <span className="ctl__label">{label}</span>
      </button>
      <ReactionPicker />
    </>
  );
}

/**
 * "Reactions": a disclosure holding one named button per reaction. Arrow keys move between them,
 * Escape (or the button again) closes it and focus goes back; it stays open for another reaction.
 */
function ReactionPicker() {
  const { t, i18n } = useLingui();
  const session = useCallSession();
  const [limited, setLimited] = useState(false);
  const groupId = useId();
  const { open, setOpen, close, rootRef, buttonRef, listRef } = usePopup<HTMLDivElement>((list) => list.querySelector('button'));
  const send = async (emoji: ReactionEmoji) => {
    try {
      await session.reactions.send(emoji);
      setLimited(false);
    } catch (error) {
      if (error instanceof SignalingError && error.code === 'RATE_LIMITED') setLimited(true);
    }
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      event.stopPropagation();
      close();
      return;
    }
    const buttons = [...(listRef.current?.querySelectorAll('button') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    // Arrow keys follow the reading direction (right to left in Arabic).
    const rtl = getComputedStyle(listRef.current!).direction === 'rtl';
    const step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1, Home: -at, End: buttons.length - 1 - at }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    buttons[(at + step + buttons.length) % buttons.length]?.focus();
  };

  return (
    <div ref={rootRef} className="reactions-picker" onKeyDown={onKeyDown}>
      <button ref={buttonRef} type="button" className="ctl" aria-expanded={open} aria-controls={groupId} onClick={() => (open ? close() : setOpen(true))}>
        <span className="ctl__emoji" aria-hidden="true">😊</span>
        <span className="ctl__label">{t`Reactions`}</span>
      </button>
      {open && (
        <div id={groupId} ref={listRef} role="group" aria-label={t`Send a reaction`} className="reactions-picker__list">
          {REACTIONS.map((emoji) => {
            const name = i18n._(REACTION_NAMES[emoji]);
            return (
              <button key={emoji} type="button" className="reactions-picker__btn" aria-label={name} title={name} onClick={() => void send(emoji)}>
                <span aria-hidden="true">{emoji}</span>
              </button>
            );
          })}
          {limited && <p role="status" className="reactions-picker__note">{t`Too many reactions. Wait a moment.`}</p>}
        </div>
      )}
    </div>
  );
}
