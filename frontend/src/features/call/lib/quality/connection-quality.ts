import type { ParticipantStats, QualityLevel, UplinkStats } from '../media-transport';

/**
 * Where "fair" and "poor" begin. Loosely after ITU-T G.114 (one-way delay under 150 ms is good,
 * over 400 ms unacceptable; a round trip is twice that) and the loss rates at which Opus and VP8
 * stop hiding it (a few percent: artefacts; about ten: words and frames go missing). A frame rate
 * counts only when video is expected; a crawl under 10 fps is fair, a near-freeze under 4 poor.
 * Documented in docs/call-quality.md; change both together.
 */
interface Limits {
  lossPercent: number;
  roundTripMs: number;
  jitterMs: number;
  framesPerSecond: number;
}

export const QUALITY_THRESHOLDS: { fair: Limits; poor: Limits } = {
  fair: { lossPercent: 3, roundTripMs: 300, jitterMs: 30, framesPerSecond: 10 },
  poor: { lossPercent: 10, roundTripMs: 800, jitterMs: 100, framesPerSecond: 4 },
};

/** One measurement interval of one connection: what the indicator and the details view show. */
export interface QualitySample {
  /** Inbound packets lost in the interval, percent; null when nothing was expected. */
  lossPercent: number | null;
  roundTripMs: number | null;
  jitterMs: number | null;
  /** Null when no video is expected (camera off) or none is measured. */
  framesPerSecond: number | null;
  /** The SFU's own verdict, when it gives one. */
  reported: QualityLevel | null;
}

const RANK: Record<QualityLevel, number> = { good: 0, fair: 1, poor: 2 };

/** The worse of the levels given (good for none). */
export function worstLevel(...levels: (QualityLevel | null)[]): QualityLevel {
  return levels.reduce<QualityLevel>((worst, level) => (level && RANK[level] > RANK[worst] ? level : worst), 'good');
}

/** Good, fair or poor: the worst of loss, round trip, jitter, frame rate and the SFU's verdict. */
export function classifyQuality(sample: QualitySample): QualityLevel {
  const level = (limit: Limits): boolean =>
    (sample.lossPercent ?? 0) >= limit.lossPercent ||
    (sample.roundTripMs ?? 0) >= limit.roundTripMs ||
    (sample.jitterMs ?? 0) >= limit.jitterMs ||
    (sample.framesPerSecond !== null && sample.framesPerSecond < limit.framesPerSecond);
  const measured: QualityLevel = level(QUALITY_THRESHOLDS.poor) ? 'poor' : level(QUALITY_THRESHOLDS.fair) ? 'fair' : 'good';
  return worstLevel(measured, sample.reported);
}

/** Percent of the packets due in an interval that never came; null without a rate to give. */
function lossRate(received: number, lost: number): number | null {
  // A counter that went back means a new connection (rejoin, mesh → SFU): no rate this time.
  const due = received + lost;
  return received >= 0 && lost >= 0 && due > 0 ? (100 * lost) / due : null;
}

/**
 * The interval between two readings of the same connection: loss is a rate over the packets that
 * were due in it (the counters are cumulative), per kind, the worse kind counting (video recovers
 * some losses by retransmission and sends more packets, which would hide a lossy voice); the rest
 * are the latest values.
 */
export function sampleBetween(previous: ParticipantStats | null, current: ParticipantStats, expectVideo: boolean): QualitySample {
  const audio = previous ? lossRate(current.audioPacketsReceived - previous.audioPacketsReceived, current.audioPacketsLost - previous.audioPacketsLost) : null;
  const video = previous ? lossRate(current.videoPacketsReceived - previous.videoPacketsReceived, current.videoPacketsLost - previous.videoPacketsLost) : null;
  const lossPercent = audio === null && video === null ? null : Math.max(audio ?? 0, video ?? 0);
  return {
    lossPercent,
    roundTripMs: current.roundTripMs,
    jitterMs: current.jitterMs,
    framesPerSecond: expectVideo ? current.framesPerSecond : null,
    reported: current.reportedQuality,
  };
}

/** How our own sending fares on one connection, from what the receiver reports back. */
export function classifyUplink(uplink: UplinkStats): QualityLevel {
  const measured = classifyQuality({
    lossPercent: uplink.fractionLost === null ? null : uplink.fractionLost * 100,
    roundTripMs: uplink.roundTripMs,
    jitterMs: null,
    framesPerSecond: null,
    reported: null,
  });
  // The encoder backing off for bandwidth is normal for a moment; with loss or delay it is our line.
  const squeezed = uplink.limitedByBandwidth && measured !== 'good' ? 'poor' : measured;
  return worstLevel(squeezed, uplink.reportedQuality);
}
