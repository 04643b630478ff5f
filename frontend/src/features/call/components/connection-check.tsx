import type { I18n } from '@lingui/core';
import { msg } from '@lingui/core/macro';
import { Trans, useLingui } from '@lingui/react/macro';
import { useState } from 'react';
import { probeConnection, type ProbeResult } from '../lib/connection-probe';
import { SignalingClient } from '../lib/signaling-client';

type Outcome = { kind: 'no-webrtc' } | { kind: 'unreachable' } | { kind: 'done'; latencyMs: number; result: ProbeResult };
type CheckView = { running: true } | { running: false; outcome: Outcome } | null;

/** Lobby "Test connection": can we reach the server, call directly, or fall back to the relay? */
export function ConnectionCheck({ meetingId }: { meetingId: string }) {
  const [view, setView] = useState<CheckView>(null);
  const { t, i18n } = useLingui();

  const run = async () => {
    setView({ running: true });
    setView({ running: false, outcome: await runCheck(meetingId) });
  };

  const running = view?.running === true;
  const verdict = view && !view.running ? describe(i18n, view.outcome) : null;
  return (
    <div className="check">
      <button type="button" className="btn btn--ghost" onClick={() => void run()} disabled={running}>
        <Trans>Test connection</Trans>
      </button>
      <div role="status" aria-label={t`Connection check`} className={`check__result${verdict && !verdict.ok ? ' check__result--bad' : ''}`}>
        {running && <p><Trans>Checking your connection…</Trans></p>}
        {verdict && (
          <ul className="check__lines">
            {verdict.lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

async function runCheck(meetingId: string): Promise<Outcome> {
  if (typeof RTCPeerConnection === 'undefined') return { kind: 'no-webrtc' };
  const client = new SignalingClient();
  const started = performance.now();
  try {
    const { iceServers } = await client.checkConnection(meetingId);
    const latencyMs = Math.round(performance.now() - started);
    return { kind: 'done', latencyMs, result: await probeConnection(iceServers) };
  } catch {
    return { kind: 'unreachable' };
  } finally {
    client.close();
  }
}

/**
 * Plain words, one sentence per question a person has: does the server answer, will a direct call
 * work, and is there a backup route (the relay) for networks that block direct calls?
 */
export function describe(i18n: I18n, outcome: Outcome): { ok: boolean; lines: string[] } {
  if (outcome.kind === 'no-webrtc') return { ok: false, lines: [i18n._(msg`This browser can't make video calls.`)] };
  if (outcome.kind === 'unreachable') return { ok: false, lines: [i18n._(msg`Meeting server: not reachable. Check your internet connection.`)] };
  const { result: r, latencyMs } = outcome;
  const ms = i18n.number(latencyMs);
  const direct = {
    ok: msg`Direct calls: should work from this network.`,
    'local-only': r.stunConfigured
      ? msg`Direct calls: only with people on your own network (a firewall may be blocking them).`
      : msg`Direct calls: work with people on your network; calls across the internet use the backup route.`,
    failed: msg`Direct calls: not possible from this network.`,
  }[r.direct];
  const relay = {
    ok: msg`Backup route for strict networks: works.`,
    failed: msg`Backup route for strict networks: could not connect.`,
    'not-configured': msg`Backup route for strict networks: not offered by this server.`,
  }[r.relay];
  return { ok: r.direct !== 'failed' || r.relay === 'ok', lines: [i18n._(msg`Meeting server: reachable (${ms} ms).`), i18n._(direct), i18n._(relay)] };
}
