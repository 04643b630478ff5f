import { describe, expect, it } from 'vitest';
import { RestartPolicy } from './link-recovery';
import { summarizeStats } from './link-stats';

describe('RestartPolicy', () => {
  it('when a link keeps failing, then it allows 3 restarts and then gives up', () => {
    const policy = new RestartPolicy({ disconnectGraceMs: 3000, maxRestarts: 3, giveUpMs: 30_000 });
    expect([0, 5000, 10_000, 15_000].map((t) => policy.shouldRestart(t))).toEqual([true, true, true, false]);
  });

  it('when an outage outlasts the time bound, then it gives up even with restarts left', () => {
    const policy = new RestartPolicy({ disconnectGraceMs: 3000, maxRestarts: 3, giveUpMs: 30_000 });
    policy.shouldRestart(0);
    expect(policy.shouldRestart(31_000)).toBe(false);
  });

  it('when the link recovers, then the next outage gets a fresh budget', () => {
    const policy = new RestartPolicy({ disconnectGraceMs: 3000, maxRestarts: 1, giveUpMs: 30_000 });
    policy.shouldRestart(0);
    policy.recovered();
    expect(policy.shouldRestart(100_000)).toBe(true);
  });
});

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
