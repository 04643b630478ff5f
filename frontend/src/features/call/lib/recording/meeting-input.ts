import type { LocalMediaState } from '../local-media';
import type { SessionSnapshot } from '../session-types';
import type { RecordingInput, RecordingSource } from './recording-source';

/**
 * What a recording of this meeting takes in, in the meeting's own order: shared screens first,
 * then ourselves, then everyone else; every microphone, ours included. Our camera is recorded as
 * the others see it (not mirrored like the self-view).
 */
export function meetingInput(session: SessionSnapshot, local: LocalMediaState): RecordingInput {
  const self = session.displayName;
  const sources: RecordingSource[] = [
    ...(local.screenTrack ? [{ key: 'self-screen', name: self, kind: 'screen' as const, video: local.screenTrack }] : []),
    ...session.peers.flatMap((p) => (p.media.screen && p.screen ? [{ key: `${p.id}-screen`, name: p.displayName, kind: 'screen' as const, video: p.screen }] : [])),
    { key: 'self', name: self, kind: 'camera', video: local.camOn ? local.videoTrack : null },
    ...session.peers.map((p) => ({ key: p.id, name: p.displayName, kind: 'camera' as const, video: p.media.video ? p.video : null })),
  ];
  const audio = [local.audioTrack, ...session.peers.map((p) => p.audio)].filter((t): t is MediaStreamTrack => t !== null);
  return { sources, audio };
}
