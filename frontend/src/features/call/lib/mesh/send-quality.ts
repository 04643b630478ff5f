/** How much of the camera one peer connection sends. */
export interface VideoCap {
  scaleResolutionDownBy: number;
  /** bits per second; absent = the browser's own congestion control decides. */
  maxBitrate?: number;
}

/**
 * A mesh encodes and uploads one copy of the camera per peer, so five peers cost five times one.
 * The more peers, the lighter each copy: full quality one-to-one, then smaller and capped, so a
 * six-person meeting stays within a laptop's CPU and a home uplink (≈ 1.5 Mbit/s for five copies).
 */
export function cameraCapFor(remotePeers: number): VideoCap {
  if (remotePeers <= 1) return { scaleResolutionDownBy: 1 };
  if (remotePeers <= 3) return { scaleResolutionDownBy: 1.5, maxBitrate: 500_000 };
  return { scaleResolutionDownBy: 2, maxBitrate: 300_000 };
}

/** The encoding parameters for `cap` (for `sendEncodings` at addTransceiver). */
export function encodingFor(cap: VideoCap): RTCRtpEncodingParameters {
  return cap.maxBitrate === undefined ? { scaleResolutionDownBy: cap.scaleResolutionDownBy } : { scaleResolutionDownBy: cap.scaleResolutionDownBy, maxBitrate: cap.maxBitrate };
}

/** Applies `cap` to the sender's first encoding; no renegotiation. False when not applicable yet. */
export async function applyVideoCap(sender: RTCRtpSender, cap: VideoCap): Promise<boolean> {
  try {
    const params = sender.getParameters();
    const [first, ...rest] = params.encodings ?? [];
    // Before negotiation some browsers report no encodings; the link applies the cap again once connected.
    if (!first) return false;
    // Already so (set at addTransceiver): a setParameters would only reconfigure the encoder.
    if ((first.scaleResolutionDownBy ?? 1) === cap.scaleResolutionDownBy && first.maxBitrate === cap.maxBitrate) return true;
    const encoding: RTCRtpEncodingParameters = { ...first, scaleResolutionDownBy: cap.scaleResolutionDownBy };
    if (cap.maxBitrate === undefined) delete encoding.maxBitrate;
    else encoding.maxBitrate = cap.maxBitrate;
    await sender.setParameters({ ...params, encodings: [encoding, ...rest] });
    return true;
  } catch {
    // A quality cap is an optimisation: a browser that refuses it still sends video.
    return false;
  }
}
