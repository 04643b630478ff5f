import type { Page } from 'playwright-core';
import { setTimeout as sleep } from 'node:timers/promises';
import { busyPct, cpuCounters } from '../lib/machine.js';
import { treeCpuSeconds } from '../lib/process-cpu.js';
import { coresByRole, coresByThread, threadsOf, treeByPid } from '../lib/process-roles.js';
import type { ProbeWindow } from './sfu-probe.js';

/** The meeting of N held still after the last join: is it stable, what does it cost. */
export interface Hold {
  seconds: number;
  /** Per page: video streams it encodes (outbound-rtp), and how many produced frames. */
  outbound: { total: number; active: number }[];
  /** Frames presented per second, for every (page, remote person) pair. */
  fps: number[];
  pairs: number;
  mediaModes: (string | null)[];
  machineBusyPct: number;
  /** CPU of everything this benchmark started (Chromium, servers, LiveKit), in cores. */
  ourCores: number;
  livekitCores: number;
  /** The same CPU per kind of process (Chromium renderer, GPU, utility, livekit-server, node). */
  roles: { role: string; cores: number; count: number }[];
  /** The renderers' CPU by thread name (main thread, WebRTC, codecs, compositor). */
  rendererThreads: { name: string; cores: number }[];
  /** Per page: the video layers it sends and the videos it receives, `WxH@fps`. */
  layers: { out: string[]; in: string[] }[];
}

/** Holds the meeting still for `seconds` and measures frames, encoders and CPU. */
export async function hold(pages: Page[], names: string[], seconds: number, livekitPid: number | undefined): Promise<Hold> {
  const shown = () => Promise.all(pages.map((p) => p.evaluate(() => ({ ...(window as unknown as ProbeWindow).__probe.shown }))));
  const ids = names;
  const cpu0 = cpuCounters();
  const ours0 = treeCpuSeconds([process.pid]);
  const lk0 = livekitPid ? treeCpuSeconds([livekitPid]) : NaN;
  const roots = livekitPid ? [process.pid, livekitPid] : [process.pid];
  const procs0 = treeByPid(roots);
  const renderers = [...procs0].filter(([, p]) => p.role === 'chromium renderer').map(([pid]) => pid);
  const threads0 = threadsOf(renderers);
  const t0 = Date.now();
  const before = await shown();
  const outbound = await Promise.all(pages.map((p) => p.evaluate((ms) => (window as unknown as ProbeWindow).__probe.outbound(ms), 2_000)));
  const layers = await Promise.all(pages.map((p) => p.evaluate(() => (window as unknown as ProbeWindow).__probe.layers())));
  await sleep(Math.max(0, seconds * 1000 - (Date.now() - t0)));
  const procs1 = treeByPid(roots);
  const threads1 = threadsOf(renderers);
  const after = await shown();
  const elapsed = (Date.now() - t0) / 1000;
  const cpu1 = cpuCounters();
  const fps: number[] = [];
  pages.forEach((_, i) => {
    for (const id of ids) if (id !== ids[i]) fps.push(((after[i]?.[id] ?? 0) - (before[i]?.[id] ?? 0)) / elapsed);
  });
  return {
    seconds: elapsed,
    outbound,
    fps,
    pairs: pages.length * (pages.length - 1),
    mediaModes: await Promise.all(pages.map((p) => p.evaluate(() => (window as unknown as ProbeWindow).__meet?.mediaMode() ?? null))),
    machineBusyPct: busyPct(cpu0, cpu1),
    ourCores: (treeCpuSeconds([process.pid]) - ours0) / elapsed,
    livekitCores: livekitPid ? (treeCpuSeconds([livekitPid]) - lk0) / elapsed : NaN,
    roles: coresByRole(procs0, procs1, elapsed),
    rendererThreads: coresByThread(threads0, threads1, elapsed),
    layers,
  };
}
