/**
 * A small in-memory stand-in for RTCPeerConnection: just the signaling-state machine that perfect
 * negotiation exercises (offer/answer, implicit rollback, candidates need a remote description).
 */
export class FakePeerConnection {
  signalingState: RTCSignalingState = 'stable';
  connectionState: RTCPeerConnectionState = 'new';
  localDescription: { type: RTCSdpType; sdp: string } | null = null;
  remoteDescription: { type: RTCSdpType; sdp: string } | null = null;
  readonly addedCandidates: (RTCIceCandidateInit | undefined)[] = [];
  readonly applied: string[] = [];
  onnegotiationneeded: (() => void) | null = null;
  onicecandidate: ((e: { candidate: null }) => void) | null = null;
  onconnectionstatechange: (() => void) | null = null;
  ontrack: ((e: unknown) => void) | null = null;
  restartIceCalls = 0;
  private counter = 0;

  constructor(readonly name: string) {}

  async setLocalDescription(description?: { type: 'rollback' }): Promise<void> {
    await tick();
    if (description?.type === 'rollback') {
      this.signalingState = 'stable';
      this.localDescription = null;
      return;
    }
    if (this.signalingState === 'stable' || this.signalingState === 'have-local-offer') {
      this.localDescription = { type: 'offer', sdp: `${this.name}-offer-${++this.counter}` };
      this.signalingState = 'have-local-offer';
    } else if (this.signalingState === 'have-remote-offer') {
      this.localDescription = { type: 'answer', sdp: `${this.name}-answer-${++this.counter}` };
      this.signalingState = 'stable';
    } else {
      throw invalidState(`setLocalDescription in ${this.signalingState}`);
    }
  }

  async setRemoteDescription(description: { type: RTCSdpType; sdp: string }): Promise<void> {
    await tick();
    if (description.type === 'offer') {
      if (this.signalingState === 'have-local-offer') this.applied.push('implicit-rollback');
      else if (this.signalingState !== 'stable') throw invalidState('offer in ' + this.signalingState);
      this.signalingState = 'have-remote-offer';
    } else if (description.type === 'answer') {
      if (this.signalingState !== 'have-local-offer') throw invalidState('answer in ' + this.signalingState);
      this.signalingState = 'stable';
    }
    this.remoteDescription = description;
    this.applied.push(`${description.type}:${description.sdp}`);
  }

  async addIceCandidate(candidate?: RTCIceCandidateInit): Promise<void> {
    if (!this.remoteDescription) throw invalidState('no remote description');
    this.addedCandidates.push(candidate);
  }

  /** What getTransceivers() returns; tests push stand-ins. */
  readonly transceivers: RTCRtpTransceiver[] = [];
  /** Every addTransceiver call's init (e.g. sendEncodings). */
  readonly transceiverInits: (RTCRtpTransceiverInit | undefined)[] = [];

  addTransceiver(trackOrKind: MediaStreamTrack | string, init?: RTCRtpTransceiverInit): RTCRtpTransceiver {
    const kind = typeof trackOrKind === 'string' ? trackOrKind : trackOrKind.kind;
    const transceiver = {
      direction: init?.direction ?? 'sendrecv',
      sender: { track: typeof trackOrKind === 'string' ? null : trackOrKind, replaceTrack: async () => {}, setStreams: () => {}, getParameters: () => ({ encodings: init?.sendEncodings ?? [{}] }), setParameters: async () => {} },
      receiver: { track: { kind } },
    } as unknown as RTCRtpTransceiver;
    this.transceivers.push(transceiver);
    this.transceiverInits.push(init);
    return transceiver;
  }

  getTransceivers(): RTCRtpTransceiver[] {
    return this.transceivers;
  }

  setConfiguration(): void {}

  restartIce(): void {
    this.restartIceCalls += 1;
  }

  async getStats(): Promise<Map<string, unknown>> {
    return new Map();
  }

  close(): void {
    this.signalingState = 'closed';
  }

  /** Test helper: what the browser does when tracks change. */
  fireNegotiationNeeded(): void {
    this.onnegotiationneeded?.();
  }

  setConnectionState(state: RTCPeerConnectionState): void {
    this.connectionState = state;
    this.onconnectionstatechange?.();
  }
}

function invalidState(message: string): Error {
  return Object.assign(new Error(message), { name: 'InvalidStateError' });
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
