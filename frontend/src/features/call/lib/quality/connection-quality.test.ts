import { describe, expect, it } from 'vitest';
import { emptyStats } from '../mesh/link-stats';
import type { ParticipantStats } from '../media-transport';
import { classifyQuality, classifyUplink, sampleBetween, worstLevel, type QualitySample } from './connection-quality';

const clean: QualitySample = { lossPercent: 0, roundTripMs: 40, jitterMs: 5, framesPerSecond: 30, reported: null };
const stats = (patch: Partial<ParticipantStats>): ParticipantStats => ({ ...emptyStats(), ...patch });

describe('classifyQuality', () => {
  it('when nothing is wrong, then the connection is good', () => {
    expect(classifyQuality(clean)).toBe('good');
  });

  it.each([
    ['3 % loss', { lossPercent: 3 }],
    ['a 300 ms round trip', { roundTripMs: 300 }],
    ['30 ms jitter', { jitterMs: 30 }],
    ['9 frames per second', { framesPerSecond: 9 }],
    ['the SFU saying fair', { reported: 'fair' as const }],
  ])('when there is %s, then it is fair', (_label, patch) => {
    expect(classifyQuality({ ...clean, ...patch })).toBe('fair');
  });

  it.each([
    ['10 % loss', { lossPercent: 10 }],
    ['an 800 ms round trip', { roundTripMs: 800 }],
    ['100 ms jitter', { jitterMs: 100 }],
    ['3 frames per second', { framesPerSecond: 3 }],
    ['the SFU saying poor', { reported: 'poor' as const }],
  ])('when there is %s, then it is poor', (_label, patch) => {
    expect(classifyQuality({ ...clean, ...patch })).toBe('poor');
  });

  it('when nothing is measured, then it is not called bad', () => {
    expect(classifyQuality({ lossPercent: null, roundTripMs: null, jitterMs: null, framesPerSecond: null, reported: null })).toBe('good');
  });

  it('when one number is fair and another poor, then the worse wins', () => {
    expect(classifyQuality({ ...clean, lossPercent: 4, roundTripMs: 900 })).toBe('poor');
    expect(worstLevel('good', null, 'fair')).toBe('fair');
  });
});

describe('sampleBetween', () => {
  it('when 25 of 100 audio packets due in the interval were lost, then the loss is 25 %, however clean the video', () => {
    const before = stats({ audioPacketsReceived: 500, videoPacketsReceived: 1000, audioPacketsLost: 10 });
    const after = stats({ audioPacketsReceived: 575, videoPacketsReceived: 1400, audioPacketsLost: 35, videoPacketsLost: 0, roundTripMs: 80, jitterMs: 12, framesPerSecond: 24 });
    expect(sampleBetween(before, after, true)).toEqual({ lossPercent: 25, roundTripMs: 80, jitterMs: 12, framesPerSecond: 24, reported: null });
  });

  it('when there is no earlier reading or the counters went back (a new connection), then there is no loss rate', () => {
    const after = stats({ audioPacketsReceived: 50, audioPacketsLost: 5 });
    expect(sampleBetween(null, after, false).lossPercent).toBeNull();
    expect(sampleBetween(stats({ audioPacketsReceived: 900 }), after, false).lossPercent).toBeNull();
  });

  it('when no video is expected (camera off), then the frame rate does not count', () => {
    expect(sampleBetween(null, stats({ framesPerSecond: 0 }), false).framesPerSecond).toBeNull();
    expect(classifyQuality(sampleBetween(null, stats({ framesPerSecond: 0 }), false))).toBe('good');
  });
});

describe('classifyUplink', () => {
  const uplink = { fractionLost: 0, roundTripMs: 40, limitedByBandwidth: false, reportedQuality: null };

  it('when the receiver reports a fifth of our packets lost, then our uplink is poor', () => {
    expect(classifyUplink({ ...uplink, fractionLost: 0.2 })).toBe('poor');
  });

  it('when the encoder backs off for bandwidth on a clean line (ramp-up), then the uplink is still good', () => {
    expect(classifyUplink({ ...uplink, limitedByBandwidth: true })).toBe('good');
  });

  it('when the encoder backs off for bandwidth and packets are lost, then the uplink is poor', () => {
    expect(classifyUplink({ ...uplink, limitedByBandwidth: true, fractionLost: 0.04 })).toBe('poor');
  });

  it('when the SFU calls our connection poor, then it is poor', () => {
    expect(classifyUplink({ ...uplink, reportedQuality: 'poor' })).toBe('poor');
  });
});
