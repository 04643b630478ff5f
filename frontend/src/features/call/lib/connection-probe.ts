import type { IceServer } from '@contract/protocol';

export type CandidateType = 'host' | 'srflx' | 'prflx' | 'relay';

export interface ProbeResult {
  /** Candidate types this network produced with the meeting's STUN/TURN servers. */
  gathered: CandidateType[];
  /** Whether STUN / TURN servers were offered at all. */
  stunConfigured: boolean;
  turnConfigured: boolean;
  /** A real connection between two relay-only peer connections through TURN opened (null: not tried). */
  relayConnected: boolean | null;
  /** Verdicts a person can act on. */
  direct: 'ok' | 'local-only' | 'failed';
  relay: 'ok' | 'failed' | 'not-configured';
}

const GATHER_TIMEOUT_MS = 5_000;
const RELAY_CONNECT_TIMEOUT_MS = 6_000;

/** Gathers candidates on a throw-away connection and returns the types seen. */
export async function gatherCandidateTypes(iceServers: IceServer[], timeoutMs = GATHER_TIMEOUT_MS): Promise<CandidateType[]> {
  const pc = new RTCPeerConnection({ iceServers });
  const types = new Set<CandidateType>();
  try {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      pc.onicecandidate = ({ candidate }) => {
        if (!candidate) {
          clearTimeout(timer);
          resolve();
        } else if (candidate.type) {
          types.add(candidate.type as CandidateType);
        }
      };
      pc.createDataChannel('probe');
      pc.createOffer()
        .then((offer) => pc.setLocalDescription(offer))
        .catch(() => {
          clearTimeout(timer);
          resolve();
        });
    });
  } finally {
    pc.close();
  }
  return [...types];
}

/**
 * Proves a relayed path end to end: two relay-only peer connections in this page connect to each
 * other through TURN and open a data channel. Allocation alone could still fail at permission or
 * channel binding; an open channel cannot.
 */
export async function relayLoopback(iceServers: IceServer[], timeoutMs = RELAY_CONNECT_TIMEOUT_MS): Promise<boolean> {
  const config: RTCConfiguration = { iceServers, iceTransportPolicy: 'relay' };
  const a = new RTCPeerConnection(config);
  const b = new RTCPeerConnection(config);
  a.onicecandidate = ({ candidate }) => void (candidate && b.addIceCandidate(candidate).catch(() => undefined));
  b.onicecandidate = ({ candidate }) => void (candidate && a.addIceCandidate(candidate).catch(() => undefined));
  try {
    const channel = a.createDataChannel('probe');
    const opened = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      channel.onopen = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
    await a.setLocalDescription();
    await b.setRemoteDescription(a.localDescription!);
    await b.setLocalDescription();
    await a.setRemoteDescription(b.localDescription!);
    return await opened;
  } catch {
    return false;
  } finally {
    a.close();
    b.close();
  }
}

const hasScheme = (servers: IceServer[], scheme: RegExp) =>
  servers.some((s) => (Array.isArray(s.urls) ? s.urls : [s.urls]).some((u) => scheme.test(u)));

/** Turns what was observed into verdicts (pure, unit-tested). */
export function judgeProbe(input: Omit<ProbeResult, 'direct' | 'relay'>): ProbeResult {
  const { gathered, turnConfigured, relayConnected } = input;
  const direct = gathered.includes('srflx') ? 'ok' : gathered.includes('host') ? 'local-only' : 'failed';
  const relay = !turnConfigured ? 'not-configured' : relayConnected ? 'ok' : 'failed';
  return { ...input, direct, relay };
}

/** Runs the whole check with the ICE servers the meeting's server handed out. */
export async function probeConnection(iceServers: IceServer[]): Promise<ProbeResult> {
  const stunConfigured = hasScheme(iceServers, /^stuns?:/);
  const turnConfigured = hasScheme(iceServers, /^turns?:/);
  const [gathered, relayConnected] = await Promise.all([
    gatherCandidateTypes(iceServers),
    turnConfigured ? relayLoopback(iceServers) : Promise.resolve(null),
  ]);
  return judgeProbe({ gathered, stunConfigured, turnConfigured, relayConnected });
}
