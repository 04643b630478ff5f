import { type Locator, type Page } from 'playwright-core';
import { waitFor } from '../../../testkit/wait';

/** Per remote peer numbers from `window.__meet.stats()` (docs/ui-contract.md, "Test hook"). */
export interface PeerStats {
  peerId: string;
  displayName: string;
  connectionState: string;
  framesDecoded: number;
  audioPacketsReceived: number;
  videoPacketsReceived: number;
  localCandidateType: string | null;
  remoteCandidateType: string | null;
}

interface MeetHook {
  selfId(): string | null;
  stats(): Promise<PeerStats[]>;
}

/** Reads the test hook's stats; throws (so polling retries) while the hook is not installed. */
export function readStats(page: Page): Promise<PeerStats[]> {
  return page.evaluate(() => {
    const hook = (window as unknown as { __meet?: MeetHook }).__meet;
    if (!hook) throw new Error('window.__meet is not installed');
    return hook.stats();
  });
}

export function selfId(page: Page): Promise<string | null> {
  return page.evaluate(() => (window as unknown as { __meet?: MeetHook }).__meet?.selfId() ?? null);
}

/**
 * Waits until `page` has exactly `expectedPeers` remote peers (a count, or their display names),
 * all `connected`, and then proves media is live: every peer's framesDecoded and
 * audioPacketsReceived must rise above a first reading. Returns the second reading.
 */
export function waitForMediaFlow(page: Page, expectedPeers: number | string[], timeoutMs = 30_000): Promise<PeerStats[]> {
  return waitForMediaFlowIn(() => readStats(page), expectedPeers, timeoutMs);
}

/** `waitForMediaFlow` over any reader of the test hook's stats (Firefox's comes from Puppeteer). */
export async function waitForMediaFlowIn(read: () => Promise<PeerStats[]>, expectedPeers: number | string[], timeoutMs = 30_000): Promise<PeerStats[]> {
  const names = typeof expectedPeers === 'number' ? null : [...expectedPeers].sort();
  const count = names ? names.length : (expectedPeers as number);
  const label = names ? JSON.stringify(names) : `${count} peers`;
  const first = await waitFor(
    read,
    (stats) =>
      stats.length === count &&
      (!names || JSON.stringify(stats.map((s) => s.displayName).sort()) === JSON.stringify(names)) &&
      stats.every((s) => s.connectionState === 'connected' && s.framesDecoded > 0 && s.audioPacketsReceived > 0),
    { timeoutMs, message: `${label} connected with video frames and audio packets` },
  );
  const before = new Map(first.map((s) => [s.peerId, s]));
  return waitFor(
    read,
    (stats) =>
      stats.length === count &&
      stats.every((s) => {
        const b = before.get(s.peerId);
        return !!b && s.connectionState === 'connected' && s.framesDecoded > b.framesDecoded && s.audioPacketsReceived > b.audioPacketsReceived;
      }),
    { timeoutMs: 15_000, message: `${label}: framesDecoded and audioPacketsReceived rising past ${JSON.stringify(first)}` },
  );
}

/** Facts about the videos inside `scope` (a tile): size, playback and whether shown. */
export function videoFacts(scope: Locator): Promise<{ width: number; playing: boolean; visible: boolean }[]> {
  return scope.locator('video').evaluateAll((videos) =>
    (videos as HTMLVideoElement[]).map((v) => {
      const box = v.getBoundingClientRect();
      const style = getComputedStyle(v);
      return {
        width: v.videoWidth,
        playing: !v.paused && !v.ended && v.readyState >= 2,
        visible: box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none',
      };
    }),
  );
}

/** Waits until `scope` shows a visible, playing video with decoded frames (videoWidth > 0). */
export async function waitForPlayingVideo(scope: Locator, what: string, timeoutMs = 20_000): Promise<void> {
  await waitFor(
    () => videoFacts(scope),
    (videos) => videos.some((v) => v.width > 0 && v.playing && v.visible),
    { timeoutMs, message: `${what} shows a playing video with videoWidth > 0` },
  );
}
