import { describe, expect, it } from 'vitest';
import { summarizeStats } from './link-stats';

describe('summarizeStats', () => {
  it('when a pair is selected, then packets, frames and candidate types are reported', () => {
    const report = new Map<string, unknown>([
      ['v', { id: 'v', type: 'inbound-rtp', kind: 'video', framesDecoded: 30, packetsReceived: 100 }],
      ['a', { id: 'a', type: 'inbound-rtp', kind: 'audio', packetsReceived: 50, audioLevel: 0.2 }],
      ['t', { id: 't', type: 'transport', selectedCandidatePairId: 'p' }],
      ['p', { id: 'p', type: 'candidate-pair', localCandidateId: 'l', remoteCandidateId: 'r' }],
      ['l', { id: 'l', type: 'local-candidate', candidateType: 'relay' }],
      ['r', { id: 'r', type: 'remote-candidate', candidateType: 'host' }],
    ]);
    expect(summarizeStats(report)).toMatchObject({
      framesDecoded: 30,
      audioPacketsReceived: 50,
      videoPacketsReceived: 100,
      audioLevel: 0.2,
      localCandidateType: 'relay',
      remoteCandidateType: 'host',
    });
  });

  it('when loss, jitter, round trip and frame rate are reported, then they are summed or the worse one is kept, in ms', () => {
    const report = new Map<string, unknown>([
      ['v', { id: 'v', type: 'inbound-rtp', kind: 'video', packetsLost: 7, jitter: 0.004, framesPerSecond: 24 }],
      ['a', { id: 'a', type: 'inbound-rtp', kind: 'audio', packetsLost: 3, jitter: 0.021 }],
      ['t', { id: 't', type: 'transport', selectedCandidatePairId: 'p' }],
      ['p', { id: 'p', type: 'candidate-pair', currentRoundTripTime: 0.125 }],
      ['ra', { id: 'ra', type: 'remote-inbound-rtp', kind: 'audio', fractionLost: 0.02, roundTripTime: 0.1 }],
      ['rv', { id: 'rv', type: 'remote-inbound-rtp', kind: 'video', fractionLost: 0.25, roundTripTime: 0.13 }],
      ['ov', { id: 'ov', type: 'outbound-rtp', kind: 'video', qualityLimitationReason: 'bandwidth' }],
    ]);
    expect(summarizeStats(report)).toMatchObject({
      videoPacketsLost: 7,
      audioPacketsLost: 3,
      jitterMs: 21,
      roundTripMs: 125,
      framesPerSecond: 24,
      uplink: { fractionLost: 0.25, roundTripMs: 130, limitedByBandwidth: true, reportedQuality: null },
    });
  });

  it('when the encoder is limited by CPU, not bandwidth, then the uplink is not called bandwidth-limited', () => {
    const report = new Map<string, unknown>([['ov', { id: 'ov', type: 'outbound-rtp', kind: 'video', qualityLimitationReason: 'cpu' }]]);
    expect(summarizeStats(report).uplink.limitedByBandwidth).toBe(false);
  });

  it('when nothing is connected yet, then candidate types and network numbers are null', () => {
    expect(summarizeStats(new Map())).toMatchObject({ localCandidateType: null, framesDecoded: 0, roundTripMs: null, jitterMs: null, framesPerSecond: null });
  });
});
