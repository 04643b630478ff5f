/**
 * User Timing marks along the join path, so the join benchmark (bench/browser) and a browser's
 * performance panel read the same breakdown from the engine itself:
 * `meet:join-click`, `meet:join-ack`, then per remote peer `meet:offer-sent:<id>`,
 * `meet:offer-received:<id>`, `meet:answer-sent:<id>`, `meet:answer-applied:<id>`,
 * `meet:ice-connected:<id>`, `meet:first-frame:<id>`.
 * Marks cost microseconds; a new join clears the previous join's, so they never pile up.
 */
export type JoinStep = 'join-click' | 'join-ack';
export type PeerStep = 'offer-sent' | 'offer-received' | 'answer-sent' | 'answer-applied' | 'ice-connected' | 'first-frame';

export const MARK_PREFIX = 'meet:';

const timeline = (): Performance | null => (typeof performance !== 'undefined' && typeof performance.mark === 'function' ? performance : null);

/** A session-level step; a click starts a new join, so it clears the last join's marks first. */
export function markJoin(step: JoinStep): void {
  const perf = timeline();
  if (!perf) return;
  if (step === 'join-click') {
    for (const { name } of perf.getEntriesByType('mark')) if (name.startsWith(MARK_PREFIX)) perf.clearMarks(name);
  }
  perf.mark(MARK_PREFIX + step);
}

/** A step with one remote peer; only its first occurrence per join counts (renegotiations do not). */
export function markPeer(step: PeerStep, peerId: string): void {
  const perf = timeline();
  if (!perf) return;
  const name = `${MARK_PREFIX}${step}:${peerId}`;
  if (perf.getEntriesByName(name, 'mark').length === 0) perf.mark(name);
}
