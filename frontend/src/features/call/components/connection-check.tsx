import { useState } from 'react';
import { probeConnection, type ProbeResult } from '../lib/connection-probe';
import { SignalingClient, SignalingError } from '../lib/signaling-client';

type CheckView = { running: true } | { running: false; ok: boolean; lines: string[] } | null;

/** Lobby "Test connection": server reachable? direct (STUN) path? relayed (TURN) path? */
export function ConnectionCheck({ meetingId }: { meetingId: string }) {
  const [view, setView] = useState<CheckView>(null);

  const run = async () => {
    setView({ running: true });
    setView(await runCheck(meetingId));
  };

  const running = view?.running === true;
  return (
    <div className="check">
      <button type="button" className="btn btn--ghost" onClick={() => void run()} disabled={running}>
        Test connection
      </button>
      <div role="status" aria-label="Connection check" className={`check__result${view && !view.running && !view.ok ? ' check__result--bad' : ''}`}>
        {running && <p>Checking your connection…</p>}
        {view && !view.running && (
          <ul className="check__lines">
            {view.lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

async function runCheck(meetingId: string): Promise<CheckView> {
  if (typeof RTCPeerConnection === 'undefined') {
    return { running: false, ok: false, lines: ["This browser can't make video calls (no WebRTC)."] };
  }
  const client = new SignalingClient();
  const started = performance.now();
  try {
    const { iceServers } = await client.checkConnection(meetingId);
    const latency = Math.round(performance.now() - started);
    const result = await probeConnection(iceServers);
    return { running: false, ok: result.direct !== 'failed' || result.relay === 'ok', lines: [`Server: reachable (${latency} ms).`, ...describe(result)] };
  } catch (error) {
    const message = error instanceof SignalingError ? error.message : 'unknown error';
    return { running: false, ok: false, lines: [`Server: not reachable (${message}). Check your internet connection.`] };
  } finally {
    client.close();
  }
}

/** One sentence per path, saying what will work and why. */
export function describe(r: ProbeResult): string[] {
  const direct = {
    ok: 'Direct connections: should work (your public address was found).',
    'local-only': r.stunConfigured
      ? 'Direct connections: only inside your local network (STUN did not answer; a firewall may block UDP).'
      : 'Direct connections: work inside your network; this server offers no STUN, so calls across the internet rely on the relay.',
    failed: 'Direct connections: not possible from this network.',
  }[r.direct];
  const relay = {
    ok: 'Relayed connections: work (the TURN relay answered and connected).',
    failed: 'Relayed connections: failed (the TURN relay could not be reached or refused us).',
    'not-configured': 'Relayed connections: not available (this server has no TURN relay configured).',
  }[r.relay];
  return [direct, relay];
}
