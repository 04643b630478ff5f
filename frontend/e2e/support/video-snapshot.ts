import { waitFor } from '../../../testkit/wait';

// Works in any browser: headless Firefox presents no frames to `requestVideoFrameCallback`, so a
// video counts as live when what it draws on a canvas changes over time.

/** A fingerprint of what one <video> shows right now, or null while it has no picture. */
export interface VideoSnapshot {
  width: number;
  height: number;
  /** FNV-1a over a 64×48 downscale's pixels. */
  hash: number;
}

/**
 * In the page (pass to `page.evaluate` of Playwright or Puppeteer): draws the first <video> inside
 * the element matching `selector` onto a small canvas and fingerprints its pixels.
 */
export function snapshotVideoInPage(selector: string): VideoSnapshot | null {
  const video = document.querySelector(selector)?.querySelector('video');
  if (!video || video.videoWidth === 0 || video.readyState < 2) return null;
  const canvas = document.createElement('canvas');
  canvas.width = 64;
  canvas.height = 48;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return null;
  ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
  const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  let hash = 0x811c9dc5;
  for (let i = 0; i < data.length; i += 1) hash = Math.imul(hash ^ data[i]!, 0x01000193) >>> 0;
  return { width: video.videoWidth, height: video.videoHeight, hash };
}

/** The CSS selector of a participant's tile (self: "Alice (you)") or of a person's shared screen. */
export const tileSelector = (label: string): string => `main [role="group"][aria-label=${JSON.stringify(label)}]`;
export const screenSelector = (owner: string): string => `section[aria-label=${JSON.stringify(`Screen shared by ${owner}`)}]`;

/**
 * Waits until `take` shows a picture that then changes twice (three different fingerprints in a
 * row): the video is live, not a frozen first frame. Resolves with the last snapshot.
 */
export async function waitForChangingVideo(take: () => Promise<VideoSnapshot | null>, what: string, timeoutMs = 20_000): Promise<VideoSnapshot> {
  const seen: number[] = [];
  const last = await waitFor(
    async () => {
      const snap = await take();
      if (snap && seen.at(-1) !== snap.hash) seen.push(snap.hash);
      return snap;
    },
    (snap) => !!snap && seen.length >= 3,
    { timeoutMs, message: `${what}: a video whose picture changes over time` },
  );
  return last!;
}
