import type { Page } from 'playwright-core';
import { busyPct, cpuCounters } from '../lib/machine.js';
import { openLobby } from './browser-bench.js';
import type { ProbeWindow } from './sfu-probe.js';

// One measured join of the mesh-vs-SFU benchmark: the joiner's click until it sees everyone and
// everyone sees it.

export const JOIN_TIMEOUT_MS = 60_000;

/** One measured join, ms after the joiner's click. */
export interface JoinSample {
  /** The joiner's page has presented a frame from every other person. */
  sees: number;
  /** Every other page has presented a frame from the joiner. */
  seen: number;
  /** SFU only (NaN on the mesh), from the app's `meet:sfu:*` marks: the joiner connected to LiveKit, published its camera; every other page subscribed to it. */
  connectStart: number;
  token: number;
  connected: number;
  published: number;
  subscribed: number;
  /** Whole machine busy share from click to both (2 cores = 100 %). */
  machineBusyPct: number;
}

/** The app's `meet:sfu:<step>` marks on `page`, first of each name, epoch ms. */
const sfuMarks = (page: Page) =>
  page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const m of performance.getEntriesByType('mark')) if (m.name.startsWith('meet:sfu:') && !(m.name in out)) out[m.name.slice(9)] = performance.timeOrigin + m.startTime;
    return out;
  });


const selfId = (page: Page) => page.evaluate(() => (window as unknown as ProbeWindow).__meet?.selfId() ?? null);

/** Waits until `page` has presented a frame from each of `ids` (tile names); returns those epoch times. */
export async function presentedFrom(page: Page, ids: string[], timeoutMs: number): Promise<number[]> {
  const handle = await page.waitForFunction(
    (wanted) => {
      const shown = (window as unknown as ProbeWindow).__probe.presented;
      return wanted.every((id) => id in shown) && wanted.map((id) => shown[id] as number);
    },
    ids,
    { timeout: timeoutMs, polling: 100 },
  );
  return (await handle.jsonValue()) as number[];
}

async function missing(page: Page, ids: string[]): Promise<string> {
  const state = await page
    .evaluate((wanted) => {
      const w = window as unknown as ProbeWindow;
      const tiles = wanted
        .filter((id) => !(id in w.__probe.presented))
        .map((id) => {
          const tile = document.querySelector(`[data-peer-id][aria-label="${id}"]`);
          const video = tile?.querySelector('video');
          return video ? { who: id, ready: video.readyState, paused: video.paused, width: video.videoWidth, tracks: (video.srcObject as MediaStream | null)?.getTracks().map((t) => `${t.kind}:${t.readyState}:${t.muted ? 'muted' : 'live'}`) } : `${id}: ${tile ? 'tile, no video' : 'no tile'}`;
        });
      return { mode: w.__meet?.mediaMode() ?? null, missing: tiles };
    }, ids)
    .catch((e: unknown) => String(e));
  return JSON.stringify(state);
}

/** One join of the Nth person into a meeting of N-1 who already see each other. */
export async function measureJoin(joiner: Page, name: string, present: { page: Page; id: string }[], url: string): Promise<{ sample: JoinSample; joinerId: string }> {
  await openLobby(joiner, url, name);
  const cpu0 = cpuCounters();
  await joiner.getByRole('button', { name: 'Join now' }).click();
  await joiner.waitForFunction(() => (window as unknown as ProbeWindow).__meet?.selfId(), null, { timeout: 20_000, polling: 50 });
  const joinerId = (await selfId(joiner)) as string;
  const others = present.map((p) => p.id);
  let times: number[][];
  try {
    times = await Promise.all([presentedFrom(joiner, others, JOIN_TIMEOUT_MS), ...present.map((p) => presentedFrom(p.page, [name], JOIN_TIMEOUT_MS))]);
  } catch (err) {
    const states = await Promise.all([missing(joiner, others), ...present.map((p) => missing(p.page, [name]))]);
    throw new Error(`no video both ways within ${JOIN_TIMEOUT_MS / 1000} s (joiner, then each other page: mode and missing tiles): ${states.join(' ')}`, { cause: err });
  }
  const cpu1 = cpuCounters();
  const click = (await joiner.evaluate(() => (window as unknown as ProbeWindow).__probe.click)) as number;
  const [seesTimes, ...seenTimes] = times as [number[], ...number[][]];
  const mine = await sfuMarks(joiner);
  const theirs = await Promise.all(present.map((p) => sfuMarks(p.page)));
  const subscribed = theirs.map((m) => m[`subscribed:video:${joinerId}`] ?? NaN);
  return {
    joinerId,
    sample: {
      sees: Math.max(...seesTimes) - click,
      seen: Math.max(...seenTimes.flat()) - click,
      connectStart: (mine['connect-start'] ?? NaN) - click,
      token: (mine.token ?? NaN) - click,
      connected: (mine.connected ?? NaN) - click,
      published: (mine['published:video'] ?? NaN) - click,
      subscribed: Math.max(...subscribed) - click,
      machineBusyPct: busyPct(cpu0, cpu1),
    },
  };
}
