import { describe, expect, it } from 'vitest';
import { pickRecordingFormat, recordingFileName } from './recording-format';

describe('pickRecordingFormat', () => {
  it('when WebM with VP8 and Opus is supported, then it is chosen over VP9 and MP4', () => {
    expect(pickRecordingFormat(() => true)).toEqual({ mimeType: 'video/webm;codecs=vp8,opus', extension: 'webm' });
  });

  it('when only MP4 is supported (Safari), then MP4 is chosen', () => {
    expect(pickRecordingFormat((t) => t.startsWith('video/mp4'))).toEqual({ mimeType: 'video/mp4;codecs=avc1,mp4a', extension: 'mp4' });
  });

  it('when nothing is supported, then null', () => {
    expect(pickRecordingFormat(() => false)).toBeNull();
  });
});

describe('recordingFileName', () => {
  it('names the meeting and the local start time', () => {
    expect(recordingFileName('abcde-fghij-kmnpq', new Date(2026, 10, 30, 9, 5), 'webm')).toBe('meeting-abcde-fghij-kmnpq-2026-11-30-0905.webm');
  });
});
