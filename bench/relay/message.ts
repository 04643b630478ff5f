/**
 * The signaling traffic a WebRTC mesh produces, shaped like the real thing: per peer pair an
 * offer and an answer (a ~3 kB SDP each, like Chrome's audio+video offer) and a handful of ICE
 * candidates. The send time rides inside the SDP's origin line and the candidate string, because
 * the server relays only `{sdp}` / `{candidate}`; sender and receiver live in the same generator
 * process, so `performance.now()` is one clock.
 */
export type RelayEvent = 'offer' | 'answer' | 'ice-candidate';

/** Six messages per peer pair: what one negotiation with four candidates per side looks like. */
export const EVENT_CYCLE: RelayEvent[] = ['offer', 'ice-candidate', 'ice-candidate', 'answer', 'ice-candidate', 'ice-candidate'];

const SDP_BODY = buildSdpBody(3000);

function buildSdpBody(size: number): string {
  const lines = [
    's=-',
    't=0 0',
    'a=group:BUNDLE 0 1',
    'a=extmap-allow-mixed',
    'a=msid-semantic: WMS bench',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126',
    'c=IN IP4 0.0.0.0',
    'a=rtcp:9 IN IP4 0.0.0.0',
    'a=ice-ufrag:Bnch',
    'a=ice-pwd:benchbenchbenchbenchbench',
    'a=ice-options:trickle',
    'a=fingerprint:sha-256 AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99',
    'a=setup:actpass',
    'a=mid:0',
    'a=sendrecv',
    'a=rtcp-mux',
    'a=rtpmap:111 opus/48000/2',
    'a=fmtp:111 minptime=10;useinbandfec=1',
    'm=video 9 UDP/TLS/RTP/SAVPF 96 97 102 103 104 105 106 107 108 109',
  ];
  let body = lines.join('\r\n') + '\r\n';
  let pt = 96;
  while (body.length < size) body += `a=rtpmap:${pt} VP8/90000\r\na=rtcp-fb:${pt++} nack pli\r\n`;
  return body.slice(0, size);
}

export function sdpAt(sentAt: number): string {
  return `v=0\r\no=- ${sentAt.toFixed(3)} 2 IN IP4 127.0.0.1\r\n${SDP_BODY}`;
}

export function candidateAt(sentAt: number, n: number): { candidate: string; sdpMid: string; sdpMLineIndex: number } {
  return {
    candidate: `candidate:${842163049 + n} 1 udp 2122260223 127.0.0.1 ${50000 + (n % 10000)} typ host generation 0 ufrag Bnch network-id ${sentAt.toFixed(3)}`,
    sdpMid: '0',
    sdpMLineIndex: 0,
  };
}

/** The send time carried by a relayed payload, or NaN. */
export function sentAtOf(event: string, payload: { sdp?: string; candidate?: { candidate?: string } | null }): number {
  if (event === 'ice-candidate') {
    const c = payload.candidate?.candidate ?? '';
    return Number(c.slice(c.lastIndexOf(' ') + 1));
  }
  const sdp = payload.sdp ?? '';
  const start = sdp.indexOf('o=- ') + 4;
  return Number(sdp.slice(start, sdp.indexOf(' ', start)));
}
