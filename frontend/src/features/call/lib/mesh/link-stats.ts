import type { ParticipantStats } from '../media-transport';

/** What the test hook, the speaking indicator and the quality indicator need from getStats(). */
export type LinkStatsSummary = ParticipantStats;

type StatsEntry = Record<string, unknown> & { type: string; id: string };

const num = (value: unknown): number => (typeof value === 'number' ? value : 0);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
/** The larger of two optional numbers (null when neither is a number). */
const worse = (a: number | null, b: unknown): number | null => (typeof b === 'number' && Number.isFinite(b) ? Math.max(a ?? b, b) : a);
const ms = (seconds: number | null): number | null => (seconds === null ? null : Math.round(seconds * 1000));

/** A summary with nothing measured (no connection yet). */
export function emptyStats(): LinkStatsSummary {
  return {
    framesDecoded: 0,
    audioPacketsReceived: 0,
    videoPacketsReceived: 0,
    audioLevel: null,
    localCandidateType: null,
    remoteCandidateType: null,
    audioPacketsLost: 0,
    videoPacketsLost: 0,
    jitterMs: null,
    roundTripMs: null,
    framesPerSecond: null,
    uplink: { fractionLost: null, roundTripMs: null, limitedByBandwidth: false, reportedQuality: null },
    reportedQuality: null,
  };
}

/** Reduces an RTCStatsReport to the few numbers we use. Works on any Map-like report. */
export function summarizeStats(report: { forEach(cb: (value: unknown) => void): void }): LinkStatsSummary {
  const entries = new Map<string, StatsEntry>();
  report.forEach((value) => {
    const entry = value as StatsEntry;
    entries.set(entry.id, entry);
  });
  const summary = emptyStats();
  let jitter: number | null = null;
  let uplinkRtt: number | null = null;
  let selectedPairId: string | null = null;
  for (const entry of entries.values()) {
    const kind = entry.kind ?? entry.mediaType;
    if (entry.type === 'inbound-rtp') {
      jitter = worse(jitter, entry.jitter);
      if (kind === 'video') {
        summary.framesDecoded += num(entry.framesDecoded);
        summary.videoPacketsReceived += num(entry.packetsReceived);
        summary.videoPacketsLost += Math.max(0, num(entry.packetsLost));
        summary.framesPerSecond = worse(summary.framesPerSecond, entry.framesPerSecond);
      } else if (kind === 'audio') {
        summary.audioPacketsReceived += num(entry.packetsReceived);
        summary.audioPacketsLost += Math.max(0, num(entry.packetsLost));
        if (typeof entry.audioLevel === 'number') {
          summary.audioLevel = Math.max(summary.audioLevel ?? 0, entry.audioLevel);
        }
      }
    } else if (entry.type === 'remote-inbound-rtp') {
      // Their receiver reports (RTCP) on what we send: the loss and delay of our uplink to them.
      summary.uplink.fractionLost = worse(summary.uplink.fractionLost, entry.fractionLost);
      uplinkRtt = worse(uplinkRtt, entry.roundTripTime);
    } else if (entry.type === 'outbound-rtp' && kind === 'video' && entry.qualityLimitationReason === 'bandwidth') {
      summary.uplink.limitedByBandwidth = true;
    } else if (entry.type === 'transport' && typeof entry.selectedCandidatePairId === 'string') {
      selectedPairId = entry.selectedCandidatePairId;
    }
  }
  summary.jitterMs = ms(jitter);
  summary.uplink.roundTripMs = ms(uplinkRtt);
  // Firefox has no transport.selectedCandidatePairId; fall back to the nominated, succeeded pair.
  if (!selectedPairId) {
    for (const entry of entries.values()) {
      if (entry.type === 'candidate-pair' && entry.nominated === true && entry.state === 'succeeded') {
        selectedPairId = entry.id;
        break;
      }
    }
  }
  const pair = selectedPairId ? entries.get(selectedPairId) : undefined;
  if (pair) {
    const local = entries.get(String(pair.localCandidateId));
    const remote = entries.get(String(pair.remoteCandidateId));
    summary.localCandidateType = str(local?.candidateType);
    summary.remoteCandidateType = str(remote?.candidateType);
    summary.roundTripMs = ms(worse(null, pair.currentRoundTripTime));
  }
  // No ICE round trip (yet): the RTCP one is the same path measured another way.
  summary.roundTripMs ??= summary.uplink.roundTripMs;
  return summary;
}
