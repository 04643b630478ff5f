import { describe, expect, it } from 'vitest';
import { applyVideoCap, cameraCapFor } from './send-quality';

function fakeSender(encodings: RTCRtpEncodingParameters[]) {
  let params = { encodings, transactionId: 't' } as unknown as RTCRtpSendParameters;
  return {
    sender: {
      getParameters: () => params,
      setParameters: async (p: RTCRtpSendParameters) => {
        params = p;
      },
    } as unknown as RTCRtpSender,
    current: () => params.encodings,
  };
}

describe('camera quality in a mesh', () => {
  it('when the meeting grows, then each copy gets smaller and never larger', () => {
    const caps = [1, 2, 3, 4, 5].map(cameraCapFor);
    expect(caps[0]).toEqual({ scaleResolutionDownBy: 1 });
    for (let i = 1; i < caps.length; i++) {
      expect(caps[i]!.scaleResolutionDownBy).toBeGreaterThanOrEqual(caps[i - 1]!.scaleResolutionDownBy);
      expect(caps[i]!.maxBitrate).toBeDefined();
    }
    expect(cameraCapFor(5).maxBitrate! * 5).toBeLessThanOrEqual(1_500_000);
  });

  it('when a cap is applied and later lifted, then the encoding follows and the bitrate limit goes', async () => {
    const s = fakeSender([{ active: true }]);
    expect(await applyVideoCap(s.sender, cameraCapFor(4))).toBe(true);
    expect(s.current()[0]).toMatchObject({ active: true, scaleResolutionDownBy: 2, maxBitrate: 300_000 });
    await applyVideoCap(s.sender, cameraCapFor(1));
    expect(s.current()[0]).toEqual({ active: true, scaleResolutionDownBy: 1 });
  });

  it('when the sender has no encodings yet, then nothing is set and the caller is told', async () => {
    expect(await applyVideoCap(fakeSender([]).sender, cameraCapFor(3))).toBe(false);
  });
});
