/**
 * Injected into every page before the app runs (CDP addScriptToEvaluateOnNewDocument, so the
 * app's CSP does not apply). It only observes: it timestamps, on the page's own clock
 * (performance.now()), the "Join now" click, the join ack frame and the first offer on the WebSocket, each peer
 * connection's SDP steps and ICE connection, the first frame each remote tile's <video>
 * presents (requestVideoFrameCallback: exact, no polling), and — once every remote tile presented
 * one — polls window.__meet.stats() every POLL_MS until each peer shows framesDecoded > 0, as a
 * cross-check that the presented frames were decoded media.
 * A string, not a function, so no transpiler helper leaks into the page.
 */
export const POLL_MS = 50;

export const INSTRUMENT_SCRIPT = String.raw`(() => {
  const now = () => performance.now();
  const B = (window.__bench = { click: null, ack: null, offerSent: null, pcs: [], frames: {}, presented: {}, polls: 0, pollSpan: 0, expect: 0, done: false });
  const check = () => {
    if (B.expect > 0 && Object.keys(B.frames).length >= B.expect && Object.keys(B.presented).length >= B.expect) B.done = true;
  };

  // First presented frame per remote tile (data-peer-id, not the "(you)" tile).
  const hooked = new WeakSet();
  const hookVideos = () => {
    for (const v of document.querySelectorAll('video')) {
      if (hooked.has(v) || !v.requestVideoFrameCallback) continue;
      hooked.add(v);
      v.requestVideoFrameCallback((t, meta) => {
        const tile = v.closest('[data-peer-id]');
        const label = tile && tile.getAttribute('aria-label');
        if (!tile || (label && label.endsWith('(you)'))) return;
        const id = tile.getAttribute('data-peer-id');
        if (B.click !== null && !(id in B.presented)) B.presented[id] = meta.presentationTime || t;
        if (B.expect > 0 && Object.keys(B.presented).length >= B.expect) poll();
        check();
      });
    }
  };
  // The document node, not documentElement: that does not exist yet when this runs.
  new MutationObserver(hookVideos).observe(document, { childList: true, subtree: true });

  document.addEventListener('click', (e) => {
    const b = e.target && e.target.closest && e.target.closest('button');
    if (b && b.textContent.trim() === 'Join now' && B.click === null) B.click = now();
  }, true);

  const NativeWS = window.WebSocket;
  window.WebSocket = class extends NativeWS {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (ev) => {
        // Socket.io ack packet: "43<id>[{...}]"; the join ack is the one carrying selfId.
        if (B.ack === null && typeof ev.data === 'string' && ev.data.startsWith('43') && ev.data.includes('"selfId"')) B.ack = now();
      });
    }
    send(data) {
      // The first offer event after the click ("42" + optional ack id + '["offer"'): the lobby's
      // prepared offer was set before the click, so setLocalDescription does not time its departure.
      if (B.click !== null && B.offerSent === null && typeof data === 'string' && /^42[0-9]*\["offer"/.test(data)) B.offerSent = now();
      return super.send(data);
    }
  };

  const NativePC = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePC {
    constructor(...args) {
      super(...args);
      const r = { created: now(), localOffer: null, remoteOffer: null, localAnswer: null, remoteAnswer: null, iceConnected: null, connected: null };
      this.__r = r;
      B.pcs.push(r);
      this.addEventListener('iceconnectionstatechange', () => {
        const s = this.iceConnectionState;
        if ((s === 'connected' || s === 'completed') && r.iceConnected === null) r.iceConnected = now();
      });
      this.addEventListener('connectionstatechange', () => {
        if (this.connectionState === 'connected' && r.connected === null) r.connected = now();
      });
    }
    async setLocalDescription(...args) {
      const res = await super.setLocalDescription(...args);
      const t = this.localDescription && this.localDescription.type;
      if (t === 'offer' && this.__r.localOffer === null) this.__r.localOffer = now();
      if (t === 'answer' && this.__r.localAnswer === null) this.__r.localAnswer = now();
      return res;
    }
    async setRemoteDescription(...args) {
      const res = await super.setRemoteDescription(...args);
      const t = this.remoteDescription && this.remoteDescription.type;
      if (t === 'offer' && this.__r.remoteOffer === null) this.__r.remoteOffer = now();
      if (t === 'answer' && this.__r.remoteAnswer === null) this.__r.remoteAnswer = now();
      return res;
    }
  };

  // Started once every remote tile presented a frame: getStats every POLL_MS costs the page's
  // main and WebRTC threads time, which would slow the join it measures (the floor has no poll).
  let polling = false;
  async function poll() {
    if (polling) return;
    polling = true;
    const start = now();
    const deadline = start + 30000;
    while (!B.done && now() < deadline) {
      if (window.__meet) {
        const stats = await window.__meet.stats();
        const t = now();
        B.polls++;
        B.pollSpan = t - start;
        for (const s of stats) if (s.framesDecoded > 0 && !(s.peerId in B.frames)) B.frames[s.peerId] = t;
        check();
      }
      await new Promise((r) => setTimeout(r, ${POLL_MS}));
    }
  }
})();`;

export interface PcTimes {
  created: number;
  localOffer: number | null;
  remoteOffer: number | null;
  localAnswer: number | null;
  remoteAnswer: number | null;
  iceConnected: number | null;
  connected: number | null;
}

export interface PageTimes {
  click: number | null;
  ack: number | null;
  /** The first offer sent on the WebSocket after the click. */
  offerSent: number | null;
  pcs: PcTimes[];
  frames: Record<string, number>;
  presented: Record<string, number>;
  polls: number;
  pollSpan: number;
  done: boolean;
}
