import type { Browser, Page } from 'playwright-core';
import type { FloorSteps } from './join-phases.js';

/**
 * The physical floor of "join → first remote frame" on this machine: two bare
 * RTCPeerConnections in two browser contexts of the same Chromium, with the app's camera and
 * microphone constraints (frontend/src/features/call/lib/local-media.ts), no ICE servers, and the
 * offer, answer and candidates passed directly by this driver (no server, no app code). Camera
 * streams are opened beforehand, as the app's lobby does before "Join now".
 *
 * Measured like the app's join: from the moment A starts (creates its connection) to the first
 * remote frame A presents (requestVideoFrameCallback), on A's clock; and to the later of A's and
 * B's first frames ("both sides"), on the shared wall clock (performance.timeOrigin + now).
 */
export interface FloorSample {
  /** A's first presented remote frame, ms after A started. */
  firstFrame: number;
  /** Both sides have presented a remote frame, ms after A started. */
  bothSides: number;
  answered: number;
  iceConnected: number;
  /** Every step on the shared wall clock, for the per-phase comparison with the app. */
  steps: FloorSteps;
}

/** Page-side helpers, a string so no transpiler helper leaks into the page. */
const PAGE_SCRIPT = String.raw`(() => {
  const wall = () => performance.timeOrigin + performance.now();
  const F = (window.__floor = { stream: null, pc: null, pending: [], t: {} });
  F.open = async () => {
    F.stream = await navigator.mediaDevices.getUserMedia({
      video: { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } },
      audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
    });
  };
  F.reset = () => {
    if (F.pc) F.pc.close();
    F.pc = null; F.pending = []; F.t = {};
    document.querySelectorAll('video').forEach((v) => v.remove());
  };
  F.create = () => {
    F.t.start = wall();
    const pc = (F.pc = new RTCPeerConnection({ iceServers: [] }));
    for (const track of F.stream.getTracks()) pc.addTrack(track, F.stream);
    pc.onicecandidate = (e) => { if (e.candidate) window.floorCandidate(JSON.stringify(e.candidate.toJSON())); };
    pc.oniceconnectionstatechange = () => {
      if ((pc.iceConnectionState === 'connected' || pc.iceConnectionState === 'completed') && !F.t.ice) F.t.ice = wall();
    };
    pc.ontrack = (e) => {
      if (e.track.kind !== 'video') return;
      const v = document.createElement('video');
      v.autoplay = true; v.muted = true; v.playsInline = true;
      v.srcObject = e.streams[0] || new MediaStream([e.track]);
      document.body.appendChild(v);
      v.requestVideoFrameCallback(() => { F.t.frame = wall(); });
    };
    return pc;
  };
  F.flush = async () => { for (const c of F.pending.splice(0)) await F.pc.addIceCandidate(c); };
  F.candidate = async (json) => {
    const c = JSON.parse(json);
    if (F.pc && F.pc.remoteDescription) await F.pc.addIceCandidate(c); else F.pending.push(c);
  };
  F.offer = async () => { const pc = F.create(); await pc.setLocalDescription(); F.t.offered = wall(); return JSON.stringify(pc.localDescription); };
  F.answer = async (offer) => {
    F.t.offerReceived = wall();
    const pc = F.create();
    await pc.setRemoteDescription(JSON.parse(offer));
    await F.flush();
    await pc.setLocalDescription();
    F.t.answerSent = wall();
    return JSON.stringify(pc.localDescription);
  };
  F.accept = async (answer) => { await F.pc.setRemoteDescription(JSON.parse(answer)); F.t.answered = wall(); await F.flush(); };
})();`;

interface FloorWindow {
  __floor: {
    open(): Promise<void>;
    reset(): void;
    offer(): Promise<string>;
    answer(offer: string): Promise<string>;
    accept(answer: string): Promise<void>;
    candidate(json: string): Promise<void>;
    t: { start?: number; frame?: number; ice?: number; answered?: number; offered?: number; offerReceived?: number; answerSent?: number };
  };
}

async function side(browser: Browser, url: string, other: () => Page) {
  const context = await browser.newContext({ viewport: { width: 960, height: 600 } });
  // Candidates go straight to the other page, as soon as they are gathered (trickle ICE).
  await context.exposeFunction('floorCandidate', (json: string) =>
    other()
      .evaluate((c) => (window as unknown as FloorWindow).__floor.candidate(c), json)
      .catch(() => {}),
  );
  const page = await context.newPage();
  // Any page of the app's origin: loopback HTTP is a secure context, so getUserMedia works.
  await page.goto(url);
  await page.evaluate(PAGE_SCRIPT);
  await page.evaluate(() => (window as unknown as FloorWindow).__floor.open());
  return { context, page };
}

/** Runs `reps` bare connections between two fresh contexts; each rep starts from closed connections. */
export async function measureFloor(browser: Browser, url: string, reps: number, timeoutMs = 20_000): Promise<FloorSample[]> {
  let a: Awaited<ReturnType<typeof side>> | undefined;
  let b: Awaited<ReturnType<typeof side>> | undefined;
  const samples: FloorSample[] = [];
  try {
    a = await side(browser, url, () => b!.page);
    b = await side(browser, url, () => a!.page);
    const [pa, pb] = [a.page, b.page];
    // One extra, unrecorded first rep: codecs and connections warm, as they are for the app's
    // joiner, whose meeting is already up when it clicks.
    for (let rep = -1; rep < reps; rep++) {
      await Promise.all([pa, pb].map((p) => p.evaluate(() => (window as unknown as FloorWindow).__floor.reset())));
      const offer = await pa.evaluate(() => (window as unknown as FloorWindow).__floor.offer());
      const answer = await pb.evaluate((o) => (window as unknown as FloorWindow).__floor.answer(o), offer);
      await pa.evaluate((s) => (window as unknown as FloorWindow).__floor.accept(s), answer);
      const times = (p: Page) => p.waitForFunction(() => {
        const t = (window as unknown as FloorWindow).__floor.t;
        return t.frame && t.ice ? t : null;
      }, null, { timeout: timeoutMs, polling: 20 }).then((h) => h.jsonValue() as Promise<FloorWindow['__floor']['t']>);
      const [ta, tb] = await Promise.all([times(pa), times(pb)]);
      const start = ta.start!;
      if (rep < 0) continue;
      samples.push({
        firstFrame: ta.frame! - start,
        bothSides: Math.max(ta.frame!, tb.frame!) - start,
        answered: ta.answered! - start,
        iceConnected: ta.ice! - start,
        steps: { start, offered: ta.offered!, offerReceived: tb.offerReceived!, answerSent: tb.answerSent!, answered: ta.answered!, ice: ta.ice!, frame: ta.frame! },
      });
    }
  } finally {
    await a?.context.close().catch(() => {});
    await b?.context.close().catch(() => {});
  }
  return samples;
}
