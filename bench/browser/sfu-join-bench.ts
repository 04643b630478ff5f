import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildBackend, buildFrontend } from '../bundle/build.js';
import { trackPid, untrackPid } from '../lib/child.js';
import { mongoUri, type BenchContext } from '../lib/context.js';
import type { Section } from '../lib/report.js';
import { round } from '../lib/stats.js';
import { CHROMIUM_ARGS, chromiumPath } from '../../testkit/chromium.js';
import { LIVEKIT_CHROMIUM_ARGS } from '../../testkit/livekit.js';
import { startProductionServer } from './app-server.js';
import { join } from './browser-bench.js';
import { benchLivekit } from './livekit.js';
import { hold } from './sfu-join-hold.js';
import { describeHold, describeSize, ordinal, sizeRows, type SizeResult } from './sfu-join-report.js';
import { JOIN_TIMEOUT_MS, measureJoin, presentedFrom } from './sfu-join-sample.js';
import { SFU_PROBE_SCRIPT } from './sfu-probe.js';

/** Meeting sizes measured (the Nth joiner); BENCH_SFU_SIZES=4 narrows it while working on it. */
const SIZES = (process.env.BENCH_SFU_SIZES ?? '4,6,8').split(',').map(Number).filter((n) => n >= 2);
const ALL_MODES = ['mesh', 'sfu'] as const;
type Mode = (typeof ALL_MODES)[number];
/** BENCH_SFU_MODES=sfu narrows it while working on the benchmark. */
const MODES = ALL_MODES.filter((m) => (process.env.BENCH_SFU_MODES ?? 'mesh,sfu').split(',').includes(m));
/** Each join under a name of its own: the others' pages remember the first frame per name. */
const joinerName = (rep: number) => `Joiner ${rep + 1}`;
const presentName = (i: number) => `Present ${i + 1}`;

interface Person {
  context: BrowserContext;
  page: Page;
}

async function person(browser: Browser): Promise<Person> {
  const context = await browser.newContext({ viewport: { width: 960, height: 600 } });
  await context.addInitScript({ content: SFU_PROBE_SCRIPT });
  return { context, page: await context.newPage() };
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

  const rows = SIZES.flatMap((size) => sizeRows(size, results));
  return {
    id: 'sfu-join',
    title: `Mesh vs SFU: the Nth joiner, headless Chromium, production build, livekit-server on loopback, ${reps} joins per size and mode`,
    rows,
    notes: [
      'Same run, same Chromium: N-1 people are in a meeting and see each other; the Nth opens the lobby, waits for its camera preview, clicks "Join now", and is measured until its page has presented a frame from every other person (requestVideoFrameCallback) and every other page has presented one from it; then it leaves and joins again. Times compare across pages on the epoch clock (performance.timeOrigin + now).',
      `Mesh: MESH_MAX_PARTICIPANTS=${maxSeats} (the cap lifted); SFU: MESH_MAX_PARTICIPANTS=1, so the meeting is on LiveKit before the measured joins. Sizes alternate between the two modes.`,
      `After the last join of each size the N people are held still for ${opts.holdSeconds} s: frames presented per tile, video encodes per browser (outbound-rtp that produced frames, of those set up: a mesh encodes one copy per peer, the SFU one per simulcast layer that someone receives), CPU of everything the benchmark started (Chromium, both backends, LiveKit; from /proc), split by process (Chromium renderer, GPU, audio/network/video-capture utilities, livekit-server, node) and, for the renderers, by thread name; the machine's busy share, which includes other people's work on a shared machine; and the video layers the last joiner sends and receives (WxH@fps).`,
      `Bounded: ${reps} joins or ${opts.budgetMs / 1000} s per size and mode, ${JOIN_TIMEOUT_MS / 1000} s per join; two failed joins end that size.`,
      backendBuild.warning ?? '',
    ].filter(Boolean),
    data: { reps, results },
  };
}
