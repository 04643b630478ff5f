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
    expect(summarizeStats(report)).toEqual({
      framesDecoded: 30,
      audioPacketsReceived: 50,
      videoPacketsReceived: 100,
      audioLevel: 0.2,
      localCandidateType: 'relay',
      remoteCandidateType: 'host',
    });
  });

  it('when nothing is connected yet, then candidate types are null', () => {
    expect(summarizeStats(new Map())).toMatchObject({ localCandidateType: null, framesDecoded: 0 });
  });
});
