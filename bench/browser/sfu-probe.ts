/**
 * Injected into every page of the mesh-vs-SFU join benchmark before the app runs (it only
 * observes). Times are epoch milliseconds (`performance.timeOrigin + t`), so the joiner's click
 * and the moment each other page first presents the joiner's video compare across pages.
 * - presented[name]: first frame a remote tile presented (`requestVideoFrameCallback`), by the
 *   tile's name: under heavy load a page can lose its signaling connection and rejoin under a new
 *   participant id, and a name outlives that;
 * - click: the "Join now" click;
 * - outbound(): video streams this page encodes (`outbound-rtp`, one per simulcast layer or per
 *   mesh peer), and how many of them produced frames in the last `ms`;
 * - shown[name]: frames presented per remote tile so far (a stable meeting keeps these growing).
 * A string, not a function, so no transpiler helper leaks into the page.
 */
export const SFU_PROBE_SCRIPT = String.raw`(() => {
  const epoch = (t) => performance.timeOrigin + t;
  const P = (window.__probe = { click: null, presented: {}, shown: {}, pcs: [] });
  const hooked = new WeakSet();
  const hookVideos = () => {
    for (const v of document.querySelectorAll('video')) {
      if (hooked.has(v) || !v.requestVideoFrameCallback) continue;
      hooked.add(v);
      const onFrame = (t, meta) => {
        const tile = v.closest('[data-peer-id]');
        const label = tile && tile.getAttribute('aria-label');
        if (tile && label && !label.endsWith('(you)')) {
          const id = label;
          if (!(id in P.presented)) P.presented[id] = epoch(meta.presentationTime || t);
          P.shown[id] = (P.shown[id] || 0) + 1;
        }
        if (v.isConnected) v.requestVideoFrameCallback(onFrame);
      };
      v.requestVideoFrameCallback(onFrame);
    }
  };
  // The document node, not documentElement: that does not exist yet when this runs.
  new MutationObserver(hookVideos).observe(document, { childList: true, subtree: true });
  document.addEventListener('click', (e) => {
    const b = e.target && e.target.closest && e.target.closest('button');
    if (b && b.textContent.trim() === 'Join now' && P.click === null) P.click = epoch(performance.now());
  }, true);
  const NativePC = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePC {
    constructor(...args) { super(...args); P.pcs.push(this); }
  };
  const encoded = async () => {
    const out = {};
    for (const pc of P.pcs) {
      if (pc.signalingState === 'closed') continue;
      (await pc.getStats()).forEach((s) => { if (s.type === 'outbound-rtp' && s.kind === 'video') out[s.id + '@' + P.pcs.indexOf(pc)] = s.framesEncoded || 0; });
    }
    return out;
  };
  P.outbound = async (ms) => {
    const a = await encoded();
    await new Promise((r) => setTimeout(r, ms));
    const b = await encoded();
    const ids = Object.keys(b);
    return { total: ids.length, active: ids.filter((id) => b[id] > (a[id] || 0)).length };
  };
  // What is encoded and decoded right now: each sending layer (rid, size, fps) and each received
  // video's size and fps, to see which simulcast layer a small tile really gets.
  P.layers = async () => {
    const out = [], inn = [];
    for (const pc of P.pcs) {
      if (pc.signalingState === 'closed') continue;
      (await pc.getStats()).forEach((s) => {
        if (s.kind !== 'video') return;
        const fps = Math.round(s.framesPerSecond || 0);
        if (s.type === 'outbound-rtp' && fps > 0) out.push((s.rid || '-') + ':' + s.frameWidth + 'x' + s.frameHeight + '@' + fps);
        if (s.type === 'inbound-rtp' && fps > 0) inn.push(s.frameWidth + 'x' + s.frameHeight + '@' + fps);
      });
    }
    return { out, in: inn };
  };
})();`;

export interface ProbeWindow {
  __probe: {
    click: number | null;
    presented: Record<string, number>;
    shown: Record<string, number>;
    outbound(ms: number): Promise<{ total: number; active: number }>;
    layers(): Promise<{ out: string[]; in: string[] }>;
  };
  __meet?: { selfId(): string | null; mediaMode(): string | null };
}
