import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildBackend, buildFrontend } from '../bundle/build.js';
import { trackPid, untrackPid } from '../lib/child.js';
import { mongoUri, type BenchContext } from '../lib/context.js';
import { busyPct, cpuCounters } from '../lib/machine.js';
import { treeCpuSeconds } from '../lib/process-cpu.js';
import type { Row, Section } from '../lib/report.js';
import { percentile, round } from '../lib/stats.js';
import { CHROMIUM_ARGS, chromiumPath } from '../../testkit/chromium.js';
import { LIVEKIT_CHROMIUM_ARGS } from '../../testkit/livekit.js';
import { startProductionServer } from './app-server.js';
import { join, openLobby } from './browser-bench.js';
import { benchLivekit } from './livekit.js';
import { SFU_PROBE_SCRIPT, type ProbeWindow } from './sfu-probe.js';

/** Meeting sizes measured (the Nth joiner); BENCH_SFU_SIZES=4 narrows it while working on it. */
const SIZES = (process.env.BENCH_SFU_SIZES ?? '4,6,8').split(',').map(Number).filter((n) => n >= 2);
const ALL_MODES = ['mesh', 'sfu'] as const;
type Mode = (typeof ALL_MODES)[number];
/** BENCH_SFU_MODES=sfu narrows it while working on the benchmark. */
const MODES = ALL_MODES.filter((m) => (process.env.BENCH_SFU_MODES ?? 'mesh,sfu').split(',').includes(m));
const JOIN_TIMEOUT_MS = 60_000;
/** Each join under a name of its own: the others' pages remember the first frame per name. */
const joinerName = (rep: number) => `Joiner ${rep + 1}`;
const presentName = (i: number) => `Present ${i + 1}`;

/** One measured join, ms after the joiner's click. */
interface JoinSample {
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

/** The meeting of N held still after the last join: is it stable, what does it cost. */
interface Hold {
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
}

interface SizeResult {
  samples: JoinSample[];
  failures: string[];
  hold: Hold | null;
}

interface Person {
  context: BrowserContext;
  page: Page;
}

async function person(browser: Browser): Promise<Person> {
  const context = await browser.newContext({ viewport: { width: 960, height: 600 } });
  await context.addInitScript({ content: SFU_PROBE_SCRIPT });
  return { context, page: await context.newPage() };
}

const selfId = (page: Page) => page.evaluate(() => (window as unknown as ProbeWindow).__meet?.selfId() ?? null);

/** Waits until `page` has presented a frame from each of `ids` (tile names); returns those epoch times. */
async function presentedFrom(page: Page, ids: string[], timeoutMs: number): Promise<number[]> {
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
async function measureJoin(joiner: Page, name: string, present: { page: Page; id: string }[], url: string): Promise<{ sample: JoinSample; joinerId: string }> {
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

/** Holds the meeting still for `seconds` and measures frames, encoders and CPU. */
async function hold(pages: Page[], names: string[], seconds: number, livekitPid: number | undefined): Promise<Hold> {
  const shown = () => Promise.all(pages.map((p) => p.evaluate(() => ({ ...(window as unknown as ProbeWindow).__probe.shown }))));
  const ids = names;
  const cpu0 = cpuCounters();
  const ours0 = treeCpuSeconds([process.pid]);
  const lk0 = livekitPid ? treeCpuSeconds([livekitPid]) : NaN;
  const t0 = Date.now();
  const before = await shown();
  const outbound = await Promise.all(pages.map((p) => p.evaluate((ms) => (window as unknown as ProbeWindow).__probe.outbound(ms), 2_000)));
  await sleep(Math.max(0, seconds * 1000 - (Date.now() - t0)));
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
  };
}

interface RunOptions {
  reps: number;
  budgetMs: number;
  holdSeconds: number;
  livekitPid: number | undefined;
}

/** A meeting of size-1 on `baseUrl`, then `reps` joins of the size-th person; the last one stays for the hold. */
async function runSize(ctx: BenchContext, browser: Browser, baseUrl: string, label: string, size: number, opts: RunOptions): Promise<SizeResult> {
  const people = await Promise.all(Array.from({ length: size - 1 }, () => person(browser)));
  const joiner = await person(browser);
  const result: SizeResult = { samples: [], failures: [], hold: null };
  try {
    const res = await fetch(`${baseUrl}/api/meetings`, { method: 'POST' });
    const { meetingId } = (await res.json()) as { meetingId: string };
    const url = `${baseUrl}/${meetingId}`;
    const present: { page: Page; id: string }[] = [];
    for (const [i, p] of people.entries()) {
      await join(p.page, url, presentName(i));
      present.push({ page: p.page, id: presentName(i) });
    }
    ctx.log(`${label}: ${size - 1} joined; waiting until they all see each other`);
    try {
      await Promise.all(present.map((p) => presentedFrom(p.page, present.filter((o) => o !== p).map((o) => o.id), 120_000)));
    } catch (err) {
      result.failures.push(`the ${size - 1} present never all saw each other within 120 s: ${(err as Error).message.slice(0, 300)}`);
      return result;
    }
    const budgetEnd = Date.now() + opts.budgetMs;
    for (let rep = 0; rep < opts.reps; rep++) {
      const lastRep = rep === opts.reps - 1 || Date.now() > budgetEnd;
      try {
        const { sample } = await measureJoin(joiner.page, joinerName(rep), present, url);
        result.samples.push(sample);
        const sfuSteps = Number.isFinite(sample.connected) ? ` (LiveKit transport started ${round(sample.connectStart)} ms, token ${round(sample.token)} ms, connected ${round(sample.connected)} ms, camera published ${round(sample.published)} ms, everyone subscribed ${round(sample.subscribed)} ms)` : '';
        ctx.log(`${label}: join ${rep + 1}/${opts.reps}: sees everyone ${round(sample.sees)} ms, seen by everyone ${round(sample.seen)} ms${sfuSteps}, machine ${Math.round(sample.machineBusyPct)} % busy`);
        if (lastRep) {
          result.hold = await hold([...present.map((p) => p.page), joiner.page], [...present.map((p) => p.id), joinerName(rep)], opts.holdSeconds, opts.livekitPid);
          break;
        }
        await joiner.page.goto('about:blank');
        for (const p of present) await p.page.waitForFunction((name) => !document.querySelector(`[data-peer-id][aria-label="${name}"]`), joinerName(rep), { timeout: 30_000, polling: 100 });
      } catch (err) {
        result.failures.push((err as Error).message.slice(0, 1500));
        ctx.log(`${label}: join ${rep + 1}/${opts.reps} FAILED: ${(err as Error).message.slice(0, 500)}`);
        if (result.failures.length >= 2 || lastRep) break;
        await joiner.page.goto('about:blank');
      }
    }
  } finally {
    for (const p of [...people, joiner]) await p.context.close().catch(() => {});
  }
  return result;
}

const p50 = (xs: number[]) => percentile(xs.filter(Number.isFinite), 50);
const p95 = (xs: number[]) => percentile(xs.filter(Number.isFinite), 95);
const both = (s: JoinSample) => Math.max(s.sees, s.seen);
const ms = (x: number) => (Number.isFinite(x) ? `${(x / 1000).toFixed(2)} s` : 'n/a');
const ordinal = (n: number) => `${n}${n === 1 ? 'st' : n === 2 ? 'nd' : n === 3 ? 'rd' : 'th'}`;

function describeSize(r: SizeResult): string {
  const xs = r.samples.map(both);
  return `${ms(p50(xs))} / ${ms(p95(xs))} (n=${r.samples.length}${r.failures.length ? `, ${r.failures.length} FAILED` : ''})`;
}

/** Stable: every page presented new frames from every other person at ≥ 5 fps throughout the hold. */
const stable = (h: Hold | null) => !!h && h.fps.length === h.pairs && Math.min(...h.fps) >= 5;

function describeHold(h: Hold | null): string {
  if (!h) return 'no hold (the last join failed)';
  const active = h.outbound.map((o) => o.active);
  const total = h.outbound.map((o) => o.total);
  return `video encodes per browser ${p50(active)} sending (${p50(total)} set up), frames/s per tile min ${round(Math.min(...h.fps), 1)} / p50 ${round(p50(h.fps), 1)} over ${h.pairs} tiles in ${round(h.seconds, 0)} s; CPU: our processes ${round(h.ourCores, 2)} cores${Number.isFinite(h.livekitCores) ? ` (LiveKit ${round(h.livekitCores, 2)})` : ''}, machine ${Math.round(h.machineBusyPct)} % busy`;
}

export async function sfuJoinBench(ctx: BenchContext): Promise<Section> {
  const reps = ctx.quick ? 3 : 7;
  const opts = { reps, budgetMs: ctx.quick ? 90_000 : 240_000, holdSeconds: ctx.quick ? 10 : 20 };
  ctx.log('sfu-join: building frontend (vite) and backend (tsc); starting livekit-server');
  const livekit = benchLivekit();
  const [dist, backendBuild] = await Promise.all([buildFrontend(), buildBackend(), livekit.start()]);
  // Stopped by pid with everything else if the run is interrupted.
  if (livekit.pid) trackPid(livekit.pid);
  const mongo = await ctx.mongo();
  const maxSeats = String(Math.max(...SIZES));
  const servers: Record<Mode, Awaited<ReturnType<typeof startProductionServer>> | undefined> = { mesh: undefined, sfu: undefined };
  const results: Record<string, SizeResult> = {};
  let browser: Browser | undefined;
  try {
    // Mesh with the cap lifted; the SFU from the second person on, so every measured join is on it.
    servers.mesh = await startProductionServer(backendBuild.entry, dist, mongoUri(mongo.url, 'meet_bench_mesh'), {
      MESH_MAX_PARTICIPANTS: maxSeats,
      MAX_PARTICIPANTS: maxSeats,
    });
    servers.sfu = await startProductionServer(backendBuild.entry, dist, mongoUri(mongo.url, 'meet_bench_sfu'), {
      ...livekit.env,
      MESH_MAX_PARTICIPANTS: '1',
      MAX_PARTICIPANTS: maxSeats,
    });
    browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, ...LIVEKIT_CHROMIUM_ARGS] });
    // Sizes alternate between the modes, so both see the machine in about the same state.
    for (const size of SIZES) {
      for (const mode of MODES) {
        const label = `sfu-join ${mode} ${ordinal(size)} joiner`;
        results[`${mode}:${size}`] = await runSize(ctx, browser, (servers[mode] as { url: string }).url, label, size, {
          ...opts,
          livekitPid: mode === 'sfu' ? livekit.pid : undefined,
        });
        ctx.log(`${label}: ${describeSize(results[`${mode}:${size}`] as SizeResult)}; hold: ${describeHold((results[`${mode}:${size}`] as SizeResult).hold)}`);
      }
    }
  } finally {
    await browser?.close().catch(() => {});
    await servers.mesh?.stop();
    await servers.sfu?.stop();
    if (livekit.pid) untrackPid(livekit.pid);
    await livekit.stop();
  }

  const rows: Row[] = [];
  for (const size of SIZES) {
    const notRun: SizeResult = { samples: [], failures: [], hold: null };
    const mesh = results[`mesh:${size}`] ?? notRun;
    const sfu = results[`sfu:${size}`] ?? notRun;
    const meshP50 = p50(mesh.samples.map(both));
    const sfuP50 = p50(sfu.samples.map(both));
    const speedup = meshP50 / sfuP50;
    const ok = sfu.failures.length === 0 && sfu.samples.length > 0;
    const target =
      size === 6 ? { target: 'SFU p50 ≤ 2 s and ≥ 5× faster', met: ok && sfuP50 <= 2_000 && (speedup >= 5 || mesh.samples.length === 0) } : size === 4 ? { target: 'SFU p50 ≤ mesh p50', met: ok && sfuP50 <= meshP50 } : {};
    rows.push({
      metric: `${ordinal(size)} joiner: click → sees everyone and is seen by everyone (p50 / p95)`,
      value: `SFU ${describeSize(sfu)}`,
      compare: `mesh ${describeSize(mesh)}; mesh / SFU p50 = ${Number.isFinite(speedup) ? `${round(speedup, 1)}×` : 'n/a'}`,
      ...target,
    });
    const med = (r: SizeResult, k: keyof JoinSample) => ms(p50(r.samples.map((s) => s[k])));
    const part = (r: SizeResult) =>
      `sees everyone ${med(r, 'sees')}, is seen ${med(r, 'seen')}${r === sfu ? ` (LiveKit transport started ${med(r, 'connectStart')}, token ${med(r, 'token')}, connected ${med(r, 'connected')}, camera published ${med(r, 'published')}, everyone subscribed ${med(r, 'subscribed')})` : ''}, machine ${Math.round(p50(r.samples.map((s) => s.machineBusyPct)))} % busy`;
    rows.push({ metric: `${ordinal(size)} joiner: breakdown p50`, value: `SFU ${part(sfu)}`, compare: `mesh ${part(mesh)}` });
    rows.push({
      metric: `${size} people held still`,
      value: `SFU: ${describeHold(sfu.hold)}`,
      compare: `mesh: ${describeHold(mesh.hold)}`,
      ...(size === 8 ? { target: '8 people stable on the SFU (every tile ≥ 5 fps)', met: stable(sfu.hold) } : {}),
    });
  }
  return {
    id: 'sfu-join',
    title: `Mesh vs SFU: the Nth joiner, headless Chromium, production build, livekit-server on loopback, ${reps} joins per size and mode`,
    rows,
    notes: [
      'Same run, same Chromium: N-1 people are in a meeting and see each other; the Nth opens the lobby, waits for its camera preview, clicks "Join now", and is measured until its page has presented a frame from every other person (requestVideoFrameCallback) and every other page has presented one from it; then it leaves and joins again. Times compare across pages on the epoch clock (performance.timeOrigin + now).',
      `Mesh: MESH_MAX_PARTICIPANTS=${maxSeats} (the cap lifted); SFU: MESH_MAX_PARTICIPANTS=1, so the meeting is on LiveKit before the measured joins. Sizes alternate between the two modes.`,
      `After the last join of each size the N people are held still for ${opts.holdSeconds} s: frames presented per tile, video encodes per browser (outbound-rtp that produced frames, of those set up: a mesh encodes one copy per peer, the SFU one per simulcast layer that someone receives), CPU of everything the benchmark started (Chromium, both backends, LiveKit; from /proc) and the machine's busy share, which includes other people's work on a shared machine.`,
      `Bounded: ${reps} joins or ${opts.budgetMs / 1000} s per size and mode, ${JOIN_TIMEOUT_MS / 1000} s per join; two failed joins end that size.`,
      backendBuild.warning ?? '',
    ].filter(Boolean),
    data: { reps, results },
  };
}
