/**
 * One picture in the recording: whose it is and what to draw. `video` is a track (the recorder
 * plays it in an element of its own) or an element already playing it; null draws the name alone.
 * Whoever decides the layout of the meeting (grid, stage, pins) hands the compositor a list of
 * these; the compositor knows nothing else about the meeting.
 */
export interface RecordingSource {
  /** Stable per picture across updates (e.g. `<peerId>-camera`). */
  key: string;
  name: string;
  kind: 'camera' | 'screen';
  video: MediaStreamTrack | HTMLVideoElement | null;
}

/** What a recording takes in: the pictures, in order, and every audio track to mix. */
export interface RecordingInput {
  sources: RecordingSource[];
  audio: MediaStreamTrack[];
}
