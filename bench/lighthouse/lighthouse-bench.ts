import { writeFileSync } from 'node:fs';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { buildBackend, buildFrontend } from '../bundle/build.js';
import { startProductionServer } from '../browser/app-server.js';
import { mongoUri, type BenchContext } from '../lib/context.js';
import type { Row, Section } from '../lib/report.js';
import { percentile, round } from '../lib/stats.js';
import { CHROMIUM_ARGS, chromiumPath } from '../../testkit/chromium.js';

/** One Lighthouse run's figures (ms, score 0-100). */
interface LhRun {
  score: number;
  fcp: number;
  lcp: number;
  tbt: number;
  si: number;
  transferKB: number;
}

/**
 * Lighthouse 12.2.3 (13.x needs Node 22), its default config: mobile, simulated 4G and 4× CPU
 * slowdown (Lantern), performance category only, against the production server (compressed
 * assets, the real headers). The lobby is a real meeting's page: the route chunk, the camera
 * preview (fake device) and the early signaling connection all load.
 */
async function audit(url: string, port: number, saveAs?: string): Promise<LhRun> {
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
  if (!result) throw new Error(`lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (saveAs) writeFileSync(saveAs, JSON.stringify(lhr));
  if (lhr.runtimeError) throw new Error(`lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const n = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
  return {
    score: Math.round((lhr.categories.performance?.score ?? NaN) * 100),
    fcp: n('first-contentful-paint'),
    lcp: n('largest-contentful-paint'),
    tbt: n('total-blocking-time'),
    si: n('speed-index'),
    transferKB: n('total-byte-weight') / 1000,
  };
}

export async function lighthouseBench(ctx: BenchContext): Promise<Section> {
  const runs = ctx.quick ? 1 : 3;
  ctx.log('lighthouse: building frontend (vite) and backend (tsc)');
  const [dist, backendBuild] = await Promise.all([buildFrontend(), buildBackend()]);
  const mongo = await ctx.mongo();
  const server = await startProductionServer(backendBuild.entry, dist, mongoUri(mongo.url, 'meet_bench_lighthouse'));
  // The same flags as the browser bench (fake camera, no prompts, no calls home), headless.
  const chrome = await chromeLauncher.launch({ chromePath: chromiumPath(), chromeFlags: ['--headless=new', ...CHROMIUM_ARGS] });
  const pages: Record<string, LhRun[]> = { home: [], lobby: [] };
  try {
    const res = await fetch(`${server.url}/api/meetings`, { method: 'POST' });
    const { meetingId } = (await res.json()) as { meetingId: string };
    const urls = { home: `${server.url}/`, lobby: `${server.url}/${meetingId}` };
    for (let i = 0; i < runs; i++) {
      for (const [name, url] of Object.entries(urls)) {
        // With --profile, the full reports (open in https://googlechrome.github.io/lighthouse/viewer/).
        const r = await audit(url, chrome.port, ctx.profileDir && path.join(ctx.profileDir, `lighthouse-${name}-${i + 1}.json`));
        pages[name]!.push(r);
        ctx.log(`lighthouse ${name}: score ${r.score}, FCP ${Math.round(r.fcp)} ms, LCP ${Math.round(r.lcp)} ms, TBT ${Math.round(r.tbt)} ms, ${round(r.transferKB)} kB transferred`);
      }
    }
  } finally {
    chrome.kill();
    await server.stop();
  }

  const med = (xs: number[]) => percentile(xs, 50);
  const rows: Row[] = [];
  for (const [name, rs] of Object.entries(pages)) {
    const score = med(rs.map((r) => r.score));
    rows.push({
      metric: `Lighthouse mobile performance: ${name}`,
      value: `${score} (runs: ${rs.map((r) => r.score).join(', ')})`,
      compare: `FCP ${Math.round(med(rs.map((r) => r.fcp)))} ms, LCP ${Math.round(med(rs.map((r) => r.lcp)))} ms, TBT ${Math.round(med(rs.map((r) => r.tbt)))} ms, Speed Index ${Math.round(med(rs.map((r) => r.si)))} ms; ${round(med(rs.map((r) => r.transferKB)))} kB transferred`,
      target: '≥ 98',
      met: score >= 98,
    });
  }
  return {
    id: 'lighthouse',
    title: `Lighthouse 12.2.3, mobile (default config), production server, median of ${runs} run${runs > 1 ? 's' : ''} per page`,
    rows,
    notes: [
      'Default Lighthouse config: Moto G Power-class mobile emulation, simulated slow 4G (150 ms RTT, 1.6 Mbit/s) and 4× CPU slowdown (Lantern simulation from the real load trace), performance category only.',
      'Headless Chromium from CHROMIUM_PATH via chrome-launcher, with the browser bench\'s flags (fake camera and microphone for the lobby\'s preview). The simulation scales the observed trace, so a busy machine shifts the figures less than wall-clock timings, but not entirely.',
      backendBuild.warning ?? '',
    ].filter(Boolean),
    data: pages,
  };
}
