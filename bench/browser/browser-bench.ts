import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildBackend, buildFrontend } from '../bundle/build.js';
import { mongoUri, type BenchContext } from '../lib/context.js';
import { busyPct, cpuCounters } from '../lib/machine.js';
import type { Row, Section } from '../lib/report.js';
import { percentile, round } from '../lib/stats.js';
import { CHROMIUM_ARGS, chromiumPath } from '../../testkit/chromium.js';
import { startProductionServer } from './app-server.js';
import { measureFloor, type FloorSample } from './floor.js';
import { describePhases, floorPhases, joinPhases, medianPhases, readMarks, type Phases } from './join-phases.js';
import { INSTRUMENT_SCRIPT, POLL_MS, type PageTimes, type PcTimes } from './instrument.js';

/** Meeting sizes measured; BENCH_BROWSER_SIZES=2 narrows it while working on the benchmark. */
const SIZES = (process.env.BENCH_BROWSER_SIZES ?? '2,4').split(',').map(Number).filter((n) => n >= 2);
/** Joins per size (and floor reps); BENCH_BROWSER_REPS overrides the 3 (quick) / 10 default for tighter medians. */
const REPS_OVERRIDE = Number(process.env.BENCH_BROWSER_REPS ?? '') || undefined;


/** One join, every stage in ms after the click. "all" = the slowest remote peer, "first" = the fastest. */
export interface JoinSample {
  ack: number;
  negotiationStart: number;
  negotiated: number;
  iceConnected: number;
  /** requestVideoFrameCallback on the remote tiles: exact presentation time. */
  firstFrameFirst: number;
  firstFrameAll: number;
  /** First window.__meet.stats() poll with framesDecoded > 0 (late by up to one poll period). */
  decodedPolledAll: number;
  polls: number;
  pollSpan: number;
  /** Whole machine's CPU busy share from click to done (2 cores = 100 %). */
  machineBusyPct: number;
  /** From the engine's performance marks (2 people only). */
  phases?: Phases;
  /** Click → the engine's first-frame mark (2 people only). */
  markedTotal?: number;
}

interface Person {
  context: BrowserContext;
  page: Page;
}

async function person(browser: Browser): Promise<Person> {
  const context = await browser.newContext({ viewport: { width: 960, height: 600 } });
  await context.addInitScript({ content: INSTRUMENT_SCRIPT });
  const page = await context.newPage();
  return { context, page };
}

/** Opens the lobby and waits until the camera preview shows frames, so the click measures joining, not getUserMedia. */
export async function openLobby(page: Page, url: string, name: string): Promise<void> {
  await page.goto(`${url}?name=${encodeURIComponent(name)}`);
  await page.getByRole('button', { name: 'Join now' }).waitFor({ timeout: 20_000 });
  await page.waitForFunction(() => Array.from(document.querySelectorAll('video')).some((v) => v.readyState >= 2), null, { timeout: 20_000, polling: 50 });
}

export async function join(page: Page, url: string, name: string): Promise<void> {
  await openLobby(page, url, name);
  await page.getByRole('button', { name: 'Join now' }).click();
  await page.getByRole('toolbar', { name: 'Call controls' }).waitFor({ timeout: 20_000 });
}

interface MeetHook {
  __meet?: { stats(): Promise<{ framesDecoded: number }[]>; selfId(): string | null };
  __bench: PageTimes & { expect: number };
}

/** Resolves once the page's window.__meet.stats() satisfies `check` (a string predicate would be eval, which the app's CSP forbids). */
async function waitForStats(page: Page, arg: { min?: number; exact?: number; frames?: boolean }, timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction(
    async ({ min, exact, frames }) => {
      const hook = (window as unknown as MeetHook).__meet;
      const stats = hook ? await hook.stats() : [];
      const n = frames ? stats.filter((p) => p.framesDecoded > 0).length : stats.length;
      return exact !== undefined ? n === exact : n >= (min ?? 0);
    },
    arg,
    { timeout: timeoutMs, polling: 100 },
  );
}

const first = (xs: (number | null)[]) => Math.min(...xs.filter((x): x is number => x !== null));
const last = (xs: (number | null)[]) => (xs.some((x) => x === null) ? NaN : Math.max(...(xs as number[])));
/** Offer set or received; a connection prepared in the lobby starts when its offer leaves (on the WebSocket). */
const negotiationStart = (pc: PcTimes, click: number, offerSent: number | null) => (pc.created >= click ? first([pc.localOffer, pc.remoteOffer]) : (offerSent ?? NaN));
// The offer/answer exchange is complete on this side when the answer is applied: the remote one
// if we offered, our own if we answered.
const negotiated = (pc: PcTimes) => (pc.remoteAnswer ?? pc.localAnswer);

/** One measured join of the Nth participant into a meeting where N-1 are already connected. */
async function measureJoin(joiner: Page, url: string, peers: number, present: Page[]): Promise<JoinSample> {
  await openLobby(joiner, url, 'Bench joiner');
  await joiner.evaluate((n) => ((window as unknown as MeetHook).__bench.expect = n), peers);
  const cpu0 = cpuCounters();
  await joiner.getByRole('button', { name: 'Join now' }).click();
  try {
    await joiner.waitForFunction(() => (window as unknown as MeetHook).__bench.done, null, { timeout: 45_000, polling: 50 });
  } catch (err) {
    const state = await joiner
      .evaluate(async () => ({ bench: (window as unknown as MeetHook).__bench, stats: await (window as unknown as MeetHook).__meet?.stats() }))
      .catch((e: unknown) => String(e));
    throw new Error(`join did not reach ${peers} remote frames within 45 s: ${JSON.stringify(state)}`, { cause: err });
  }
  const cpu1 = cpuCounters();
  const t = await joiner.evaluate(() => (window as unknown as MeetHook).__bench);
  const click = t.click as number;
  // This join's connections: made after the click, or the lobby's prepared one once it took an answer.
  const pcs = t.pcs.filter((pc) => pc.created >= click || (pc.remoteAnswer ?? -Infinity) >= click);
  const presented = Object.values(t.presented);
  const marked = present.length === 1 ? await markedPhases(joiner, present[0] as Page) : undefined;
  return {
    ...marked,
    ack: (t.ack ?? NaN) - click,
    negotiationStart: last(pcs.map((pc) => negotiationStart(pc, click, t.offerSent))) - click,
    negotiated: last(pcs.map(negotiated)) - click,
    iceConnected: last(pcs.map((pc) => pc.iceConnected)) - click,
    firstFrameFirst: Math.min(...presented) - click,
    firstFrameAll: Math.max(...presented) - click,
    decodedPolledAll: Math.max(...Object.values(t.frames)) - click,
    polls: t.polls,
    pollSpan: t.pollSpan,
    machineBusyPct: busyPct(cpu0, cpu1),
  };
}

/** The engine's marks on both pages of a 2-person join; ids from the test hook. */
async function markedPhases(joiner: Page, peer: Page): Promise<{ phases: Phases; markedTotal?: number }> {
  const id = (p: Page) => p.evaluate(() => (window as unknown as MeetHook).__meet?.selfId() ?? '');
  const [jm, pm, jid, pid] = await Promise.all([readMarks(joiner), readMarks(peer), id(joiner), id(peer)]);
  const { phases, total } = joinPhases(jm, pm, jid, pid);
  return total === undefined ? { phases } : { phases, markedTotal: total };
}

async function runSize(ctx: BenchContext, browser: Browser, baseUrl: string, size: number, reps: number, budgetMs: number): Promise<SizeResult> {
  const present = await Promise.all(Array.from({ length: size - 1 }, () => person(browser)));
  const joiner = await person(browser);
  const samples: JoinSample[] = [];
  const failures: string[] = [];
  try {
    const res = await fetch(`${baseUrl}/api/meetings`, { method: 'POST' });
    const { meetingId } = (await res.json()) as { meetingId: string };
    const url = `${baseUrl}/${meetingId}`;
    for (const [i, p] of present.entries()) await join(p.page, url, `Present ${i + 1}`);
    for (const p of present) await waitForStats(p.page, { min: size - 2, frames: true });
    const budgetEnd = Date.now() + budgetMs;
    for (let rep = 0; rep < reps; rep++) {
      if (Date.now() > budgetEnd) {
        ctx.log(`browser ${size}: time budget (${budgetMs / 1000} s) spent after ${rep} joins; stopping this size`);
        break;
      }
      let s: JoinSample;
      try {
        s = await measureJoin(joiner.page, url, size - 1, present.map((p) => p.page));
      } catch (err) {
        failures.push((err as Error).message.slice(0, 2000));
        ctx.log(`browser ${size}: join ${rep + 1}/${reps} FAILED: ${(err as Error).message.slice(0, 600)}`);
        if (failures.length >= 3) break;
        await joiner.page.goto('about:blank');
        continue;
      }
      samples.push(s);
      ctx.log(
        `browser ${size}: join ${rep + 1}/${reps}: ack ${round(s.ack)} ms, negotiated ${round(s.negotiated)} ms, ICE ${round(s.iceConnected)} ms, first frame ${round(s.firstFrameFirst)} / all ${round(s.firstFrameAll)} ms, machine CPU ${Math.round(s.machineBusyPct)} % busy`,
      );
      // Leave (navigate away) and wait until everyone else has dropped the joiner's link.
      await joiner.page.goto('about:blank');
      for (const p of present) {
        await waitForStats(p.page, { exact: size - 2 }, 20_000);
      }
    }
  } finally {
    for (const p of [...present, joiner]) await p.context.close().catch(() => {});
  }
  return { samples, failures };
}

interface SizeResult {
  samples: JoinSample[];
  /** Joins that never saw video from every peer within 30 s, with the page's state at that point. */
  failures: string[];
}

type NumericKey = { [K in keyof JoinSample]-?: JoinSample[K] extends number | undefined ? K : never }[keyof JoinSample];

const stage = (samples: JoinSample[], key: NumericKey) => {
  const xs = samples.map((s) => s[key]).filter((x): x is number => x !== undefined && Number.isFinite(x));
  return { p50: percentile(xs, 50), p95: percentile(xs, 95) };
};

export async function browserBench(ctx: BenchContext): Promise<Section> {
  const reps = REPS_OVERRIDE ?? (ctx.quick ? 3 : 10);
  ctx.log('browser: building frontend (vite) and backend (tsc)');
  const [dist, backendBuild] = await Promise.all([buildFrontend(), buildBackend()]);
  const mongo = await ctx.mongo();
  const server = await startProductionServer(backendBuild.entry, dist, mongoUri(mongo.url, 'meet_bench_browser'));
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const results: Record<number, SizeResult> = {};
  // An explicit rep count gets the time to run them (about 3 s a join on a quiet machine).
  const budgetMs = Math.max(ctx.quick ? 60_000 : 150_000, reps * 5_000);
  let floor: FloorSample[] = [];
  try {
    for (const size of SIZES) {
      if (size === 2) {
        // The floor, in the same browser and run, right before the app's 2-person joins.
        floor = await measureFloor(browser, `${server.url}/robots.txt`, reps);
        for (const f of floor) ctx.log(`browser floor: first frame ${round(f.firstFrame)} ms (both sides ${round(f.bothSides)} ms), answer applied ${round(f.answered)} ms, ICE ${round(f.iceConnected)} ms`);
      }
      results[size] = await runSize(ctx, browser, server.url, size, reps, budgetMs);
    }
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
  }

  const rows: Row[] = [];
  const targets: Record<number, number> = { 2: 300, 4: 600 };
  for (const size of SIZES) {
    const { samples: s, failures } = results[size] as SizeResult;
    const all = stage(s, 'firstFrameAll');
    const firstPeer = stage(s, 'firstFrameFirst');
    const f = (k: NumericKey) => {
      const x = stage(s, k);
      return `${Math.round(x.p50)} / ${Math.round(x.p95)}`;
    };
    rows.push({
      metric: `${size} people: click → first remote frame${size > 2 ? ' from every peer' : ''} (p50 / p95)`,
      value: `${Math.round(all.p50)} / ${Math.round(all.p95)} ms (n=${s.length}${failures.length ? `, ${failures.length} joins FAILED` : ''})`,
      compare: size > 2 ? `first peer's frame ${Math.round(firstPeer.p50)} / ${Math.round(firstPeer.p95)} ms` : '',
      target: `p50 ≤ ${targets[size]} ms`,
      met: failures.length === 0 && all.p50 <= (targets[size] as number),
    });
    if (size === 2 && floor.length > 0) {
      const ff = (k: Exclude<keyof FloorSample, 'steps'>) => {
        const xs = floor.map((x) => x[k]);
        return { p50: percentile(xs, 50), p95: percentile(xs, 95) };
      };
      const ratio = all.p50 / ff('firstFrame').p50;
      rows.push({
        metric: '2 people, floor: two bare RTCPeerConnections, signalled by the driver (p50 / p95)',
        value: `first remote frame ${Math.round(ff('firstFrame').p50)} / ${Math.round(ff('firstFrame').p95)} ms (n=${floor.length}); both sides ${Math.round(ff('bothSides').p50)} / ${Math.round(ff('bothSides').p95)} ms`,
        compare: `answer applied ${Math.round(ff('answered').p50)}, ICE connected ${Math.round(ff('iceConnected').p50)} ms (p50)`,
      });
      const appPhases = medianPhases(s.flatMap((x) => (x.phases ? [x.phases] : [])));
      const marked = stage(s, 'markedTotal');
      rows.push({
        metric: '2 people: phases from the engine\'s performance marks, app vs floor (p50 ms)',
        value: describePhases(appPhases, medianPhases(floor.map((x) => floorPhases(x.steps)))),
        compare: `click → first-frame mark ${Math.round(marked.p50)} ms (p50; the tile's own first presented frame ${Math.round(all.p50)})`,
      });
      rows.push({ metric: '2 people: app click → first frame / floor, p50', value: round(ratio, 2).toString(), compare: `${Math.round(all.p50)} vs ${Math.round(ff('firstFrame').p50)} ms`, target: '≤ 1.15', met: ratio <= 1.15 });
    }
    rows.push({
      metric: `${size} people: breakdown p50 / p95 (ms after click)`,
      value: `join ack ${f('ack')}; offer/answer start ${f('negotiationStart')} → done ${f('negotiated')}; ICE connected ${f('iceConnected')}; first frame presented ${f('firstFrameAll')} (framesDecoded seen by polling ${f('decodedPolledAll')}); machine CPU busy during the join ${f('machineBusyPct')} %`,
    });
  }
  const allSamples = [...(results[2]?.samples ?? []), ...(results[4]?.samples ?? [])];
  const pollGap = allSamples.reduce((a, s) => a + s.pollSpan, 0) / Math.max(1, allSamples.reduce((a, s) => a + s.polls, 0));
  return {
    id: 'browser',
    title: `Join to first frame: headless Chromium, fake camera, production build on loopback, ${reps} joins per size`,
    rows,
    notes: [
      'The joiner opens the lobby, waits for its camera preview, then clicks "Join now" while the others are already connected to each other; times are on the joiner page\'s clock. For 4 people, the slowest of the three remote peers counts ("every peer"): that is when the meeting is fully up.',
      `Breakdown measured from outside the app (independently of its performance marks): join ack = the Socket.io ack frame carrying selfId on the page's WebSocket; offer/answer start = our offer set (setLocalDescription on a wrapped RTCPeerConnection) or, for the connection the lobby prepared, the offer leaving on the WebSocket; done = the answer applied (slowest peer); ICE = iceconnectionstatechange; first frame = requestVideoFrameCallback presentationTime on the remote tile's <video> (exact); cross-check = first window.__meet.stats() poll with framesDecoded > 0, polled every ${POLL_MS} ms (measured poll period ${round(pollGap)} ms including getStats) from the moment every remote tile presented a frame: polling from the click cost the joining page getStats work the floor does not do, so that column only confirms the frames were decoded.`,
      `Bounded: at most ${reps} joins or ${Math.round(budgetMs / 1000)} s of joins per size, whichever comes first (n shows how many ran).`,
      'All participants are tabs of one Chromium on the same 2 cores: encoding and decoding N fake camera streams competes with the signaling being measured.',
      'Floor (bench/browser/floor.ts): two browser contexts of the same Chromium, the app\'s getUserMedia constraints (opened beforehand, as the lobby does), RTCPeerConnection without ICE servers, offer/answer/candidates passed by the driver (trickle); from A creating its connection to the first remote frame A presents (requestVideoFrameCallback), the same measure as the app\'s click → first frame; "both sides" = until B has presented one too. Run right before the app\'s 2-person joins, same number of reps.',
      backendBuild.warning ?? '',
    ].filter(Boolean),
    data: { reps, samples: results, floor, pollPeriodMs: pollGap },
  };
}
