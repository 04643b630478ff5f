/**
 * `node --import tsx bench/browser/join-trace.ts [joins]`: a diagnostic, not a benchmark. Runs
 * 2-person joins like the browser bench with a Chrome trace around each, and prints both pages'
 * main-thread tasks between the joiner's click and its first-frame mark, interleaved with the
 * engine's `meet:` marks (ms after the click), so a slow join phase names what ran meanwhile.
 * Serves BENCH_FRONTEND_DIST (build it with `vite build --minify false` for readable names) or
 * builds one; needs MONGO_URL.
 */
import { chromium, type Page } from 'playwright-core';
import { buildBackend, buildFrontend } from '../bundle/build.js';
import { CHROMIUM_ARGS, chromiumPath } from '../../testkit/chromium.js';
import { startProductionServer } from './app-server.js';
import { join, openLobby } from './browser-bench.js';
import { INSTRUMENT_SCRIPT } from './instrument.js';

interface TraceEvent {
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  ph: string;
  name: string;
  cat: string;
  args?: { name?: string; data?: Record<string, unknown> };
}

const joins = Number(process.argv[2] ?? 2);
const MIN_TASK_MS = Number(process.env.TRACE_MIN_TASK_MS ?? 2);
const CATEGORIES = ['toplevel', 'devtools.timeline', 'blink.user_timing', 'v8.execute', 'v8', 'disabled-by-default-devtools.timeline', 'blink', 'webrtc'];

const mongo = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27117';
const [dist, backend] = await Promise.all([buildFrontend(), buildBackend()]);
const server = await startProductionServer(backend.entry, dist, `${mongo.replace(/\/$/, '')}/meet_join_trace`);
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
try {
  const person = async () => {
    const context = await browser.newContext({ viewport: { width: 960, height: 600 } });
    await context.addInitScript({ content: INSTRUMENT_SCRIPT });
    return context.newPage();
  };
  const [present, joiner] = [await person(), await person()];
  const res = await fetch(`${server.url}/api/meetings`, { method: 'POST' });
  const { meetingId } = (await res.json()) as { meetingId: string };
  const url = `${server.url}/${meetingId}`;
  await join(present, url, 'Present');
  for (let i = 0; i < joins; i++) {
    await openLobby(joiner, url, 'Joiner');
    await joiner.evaluate(() => ((window as unknown as { __bench: { expect: number } }).__bench.expect = 1));
    await browser.startTracing(undefined, { categories: CATEGORIES });
    await joiner.getByRole('button', { name: 'Join now' }).click();
    await joiner.waitForFunction(() => (window as unknown as { __bench: { done: boolean } }).__bench.done, null, { timeout: 30_000, polling: 50 });
    await present.waitForTimeout(300);
    const buf = await browser.stopTracing();
    const { traceEvents } = JSON.parse(buf.toString()) as { traceEvents: TraceEvent[] };
    report(traceEvents, [joiner, present]);
    await joiner.goto('about:blank');
    await present.waitForFunction(async () => ((await (window as unknown as { __meet: { stats(): Promise<unknown[]> } }).__meet.stats()).length === 0), null, { timeout: 20_000 });
  }
} finally {
  await browser.close();
  await server.stop();
}

function report(events: TraceEvent[], _pages: Page[]): void {
  const mains = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') mains.set(`${e.pid}:${e.tid}`, '');
  const marks = events.filter((e) => e.cat.includes('blink.user_timing') && e.name.startsWith('meet:') && (e.ph === 'R' || e.ph === 'I' || e.ph === 'n' || e.ph === 'b'));
  const click = marks.find((m) => m.name === 'meet:join-click');
  if (!click) return void console.log('no join-click mark in the trace', [...new Set(events.filter((e) => e.cat.includes('user_timing')).map((e) => e.name))].slice(0, 20));
  const joinerPid = click.pid;
  const end = Math.max(...marks.filter((m) => m.name.startsWith('meet:first-frame')).map((m) => m.ts), click.ts + 1e6);
  const label = (pid: number) => (pid === joinerPid ? 'JOINER' : 'PEER  ');
  const rows: { ts: number; text: string }[] = [];
  for (const m of marks) if (m.ts >= click.ts - 1000 && m.ts <= end + 1000) rows.push({ ts: m.ts, text: `${label(m.pid)} ** ${m.name.replace(/:[A-Za-z0-9_-]{10,}$/, '')}` });
  const onMain = (e: TraceEvent) => mains.has(`${e.pid}:${e.tid}`);
  const tasks = events.filter((e) => onMain(e) && e.ph === 'X' && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') && (e.dur ?? 0) >= MIN_TASK_MS * 1000 && e.ts + (e.dur ?? 0) >= click.ts && e.ts <= end);
  for (const t of tasks) {
    const inner = events.filter((e) => e.pid === t.pid && e.tid === t.tid && e.ph === 'X' && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + (t.dur ?? 0) && e !== t && (e.dur ?? 0) >= 500);
    const parts = inner
      .filter((e) => /^(FunctionCall|EvaluateScript|RunMicrotasks|v8.callFunction|UpdateLayoutTree|Layout|Paint|PrePaint|Commit|TimerFire|FireAnimationFrame|EventDispatch|MinorGC|MajorGC|V8.GC_SCAVENGER|HitTest|ParseHTML|ScheduleStyleRecalculation|IntersectionObserverController::computeIntersections|ResizeObserver|UpdateLayerTree|Layerize|PaintImage|Decode.*|v8.compile|v8.compileModule|CompileScript|EvaluateModule|XHRReadyStateChange)$/.test(e.name))
      .map((e) => {
        const d = e.args?.data ?? {};
        const what = [d.functionName, d.type, typeof d.url === 'string' ? String(d.url).replace(/^.*\//, '') : undefined, d.lineNumber].filter((x) => x !== undefined && x !== '').join(' ');
        return `${e.name}${what ? `(${what})` : ''} ${((e.dur ?? 0) / 1000).toFixed(1)}`;
      });
    rows.push({ ts: t.ts, text: `${label(t.pid)} task ${((t.dur ?? 0) / 1000).toFixed(1)} ms: ${parts.slice(0, 12).join(', ')}` });
  }
  // Busy time per thread of both renderers in the window, and every WebSocket message on the main threads.
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
  const busy = new Map<string, number>();
  const pids = new Set(marks.map((m) => m.pid));
  for (const e of events) {
    if (!pids.has(e.pid) || e.ph !== 'X' || e.ts < click.ts || e.ts > end || !/RunTask$/.test(e.name)) continue;
    const k = `${label(e.pid)} ${names.get(`${e.pid}:${e.tid}`) ?? e.tid}`;
    busy.set(k, (busy.get(k) ?? 0) + (e.dur ?? 0) / 1000);
  }
  console.log('\nbusy ms per thread, click → last first-frame:', [...busy].sort((a, b) => b[1] - a[1]).slice(0, 14).map(([k, v]) => `${k} ${v.toFixed(0)}`).join('; '));
  for (const e of events) {
    if (onMain(e) && e.ph === 'X' && e.name === 'EventDispatch' && e.ts >= click.ts && e.ts <= end && ['message', 'track', 'icecandidate', 'iceconnectionstatechange', 'connectionstatechange', 'negotiationneeded'].includes(String(e.args?.data?.type))) rows.push({ ts: e.ts, text: `${label(e.pid)} event ${String(e.args?.data?.type)} ${((e.dur ?? 0) / 1000).toFixed(1)} ms` });
  }
  rows.sort((a, b) => a.ts - b.ts);
  console.log('\n==== join ====');
  for (const r of rows) console.log(`${((r.ts - click.ts) / 1000).toFixed(1).padStart(7)}  ${r.text}`);
}
