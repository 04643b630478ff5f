/** What MediaRecorder writes: the container/codec string and the file extension that goes with it. */
export interface RecordingFormat {
  mimeType: string;
  extension: 'webm' | 'mp4';
}

/**
 * In order of preference. VP8 first: it costs far less CPU to encode live than VP9, and the
 * recorder shares the CPU with the call itself. MP4 last, for browsers without WebM recording (Safari).
 */
const CANDIDATES: RecordingFormat[] = [
  { mimeType: 'video/webm;codecs=vp8,opus', extension: 'webm' },
  { mimeType: 'video/webm;codecs=vp9,opus', extension: 'webm' },
  { mimeType: 'video/webm', extension: 'webm' },
  { mimeType: 'video/mp4;codecs=avc1,mp4a', extension: 'mp4' },
  { mimeType: 'video/mp4', extension: 'mp4' },
];

/** The first format this browser can record (`MediaRecorder.isTypeSupported`), or null. */
export function pickRecordingFormat(isTypeSupported: (mimeType: string) => boolean): RecordingFormat | null {
  return CANDIDATES.find((c) => isTypeSupported(c.mimeType)) ?? null;
}

/** `meeting-<id>-<yyyy-mm-dd-hhmm>.<ext>`, in local time: what the person sees on their clock. */
export function recordingFileName(meetingId: string, startedAt: Date, extension: string): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const d = startedAt;
  const stamp = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}`;
  return `meeting-${meetingId}-${stamp}.${extension}`;
}

/** Whether this browser can record a meeting at all. */
export function canRecord(): boolean {
  return (
    typeof MediaRecorder !== 'undefined' &&
    typeof AudioContext !== 'undefined' &&
    typeof HTMLCanvasElement !== 'undefined' &&
    typeof HTMLCanvasElement.prototype.captureStream === 'function' &&
    pickRecordingFormat((t) => MediaRecorder.isTypeSupported(t)) !== null
  );
}
