import type { ParticipantStats } from '../media-transport';

/** What the test hook and the speaking indicator need from one link's getStats(). */
export type LinkStatsSummary = ParticipantStats;

type StatsEntry = Record<string, unknown> & { type: string; id: string };

const num = (value: unknown): number => (typeof value === 'number' ? value : 0);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Reduces an RTCStatsReport to the few numbers we use. Works on any Map-like report. */
export function summarizeStats(report: { forEach(cb: (value: unknown) => void): void }): LinkStatsSummary {
  const entries = new Map<string, StatsEntry>();
  report.forEach((value) => {
    const entry = value as StatsEntry;
    entries.set(entry.id, entry);
  });
  const summary: LinkStatsSummary = {
    framesDecoded: 0,
    audioPacketsReceived: 0,
    videoPacketsReceived: 0,
    audioLevel: null,
    localCandidateType: null,
    remoteCandidateType: null,
  };
  let selectedPairId: string | null = null;
  for (const entry of entries.values()) {
    if (entry.type === 'inbound-rtp') {
      const kind = entry.kind ?? entry.mediaType;
      if (kind === 'video') {
        summary.framesDecoded += num(entry.framesDecoded);
        summary.videoPacketsReceived += num(entry.packetsReceived);
      } else if (kind === 'audio') {
        summary.audioPacketsReceived += num(entry.packetsReceived);
        if (typeof entry.audioLevel === 'number') {
          summary.audioLevel = Math.max(summary.audioLevel ?? 0, entry.audioLevel);
        }
      }
    } else if (entry.type === 'transport' && typeof entry.selectedCandidatePairId === 'string') {
      selectedPairId = entry.selectedCandidatePairId;
    }
  }
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
  }
  return summary;
}
