import { useState } from 'react';

type CheckResult = { ok: boolean; text: string } | null;

/** Lobby "Test connection": is the server reachable, and can this network gather ICE candidates? */
export function ConnectionCheck() {
  const [result, setResult] = useState<CheckResult>(null);
  const [running, setRunning] = useState(false);

  const run = async () => {
    setRunning(true);
    setResult({ ok: true, text: 'Checking…' });
    setResult(await checkConnection());
    setRunning(false);
  };

  return (
    <div className="check">
      <button type="button" className="btn btn--ghost" onClick={() => void run()} disabled={running}>Test connection</button>
      <p role="status" aria-label="Connection check" className={`check__result${result && !result.ok ? ' check__result--bad' : ''}`}>
        {result?.text}
      </p>
    </div>
  );
}

async function checkConnection(): Promise<{ ok: boolean; text: string }> {
  const started = performance.now();
  try {
    const response = await fetch('/healthz', { cache: 'no-store' });
    if (!response.ok) throw new Error(String(response.status));
  } catch {
    return { ok: false, text: "Can't reach the server. Check your internet connection." };
  }
  const latency = Math.round(performance.now() - started);
  if (typeof RTCPeerConnection === 'undefined') {
    return { ok: false, text: "Server reachable, but this browser can't make video calls." };
  }
  const candidates = await gatherCandidates();
  if (candidates === 0) return { ok: false, text: `Server reachable (${latency} ms), but no network path for media was found.` };
  return { ok: true, text: `Connection OK: server answered in ${latency} ms.` };
}

/** Counts local ICE candidates (host/srflx) within 3 s; zero means media cannot flow. */
function gatherCandidates(): Promise<number> {
  return new Promise((resolve) => {
    const pc = new RTCPeerConnection();
    let count = 0;
    const done = () => {
      pc.close();
      resolve(count);
    };
    const timer = setTimeout(done, 3_000);
    pc.onicecandidate = ({ candidate }) => {
      if (candidate) count += 1;
      else {
        clearTimeout(timer);
        done();
      }
    };
    pc.createDataChannel('check');
    pc.createOffer()
      .then((offer) => pc.setLocalDescription(offer))
      .catch(() => {
        clearTimeout(timer);
        done();
      });
  });
}
