import { type Page } from 'playwright-core';

export interface GatherResult {
  /** candidateType of every gathered candidate. */
  types: string[];
  /** errorCode of every icecandidateerror (401 = the TURN server refused the credential). */
  errorCodes: number[];
  /** How gathering ended: 'complete' or 'timeout'. */
  ended: 'complete' | 'timeout';
}

/**
 * In `page`, gathers ICE candidates for a throwaway RTCPeerConnection that may use only `server`
 * (iceTransportPolicy 'relay'), as the app would with these credentials.
 */
export function gatherRelayCandidates(page: Page, server: RTCIceServer, timeoutMs = 10_000): Promise<GatherResult> {
  return page.evaluate(
    async ({ server, timeoutMs }) => {
      const pc = new RTCPeerConnection({ iceServers: [server], iceTransportPolicy: 'relay' });
      const types: string[] = [];
      const errorCodes: number[] = [];
      pc.addEventListener('icecandidateerror', (e) => errorCodes.push((e as RTCPeerConnectionIceErrorEvent).errorCode));
      const ended = await new Promise<'complete' | 'timeout'>((resolve) => {
        const timer = setTimeout(() => resolve('timeout'), timeoutMs);
        pc.addEventListener('icecandidate', (e) => {
          if (e.candidate) {
            types.push(e.candidate.type ?? 'unknown');
          } else {
            clearTimeout(timer);
            resolve('complete');
          }
        });
        pc.createDataChannel('probe');
        void pc.createOffer().then((offer) => pc.setLocalDescription(offer));
      });
      pc.close();
      return { types, errorCodes, ended };
    },
    { server, timeoutMs },
  );
}
