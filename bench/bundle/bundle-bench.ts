import { readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { BenchContext } from '../lib/context.js';
import type { Row, Section } from '../lib/report.js';
import { buildFrontend } from './build.js';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

interface Weight {
  files: string[];
  raw: number;
  gzip: number;
  brotli: number;
}

const KB = 1000; // kB as browsers' devtools and the target (100 kB) count them

function weigh(dist: string, files: Iterable<string>): Weight {
  const w: Weight = { files: [], raw: 0, gzip: 0, brotli: 0 };
  for (const f of files) {
    const buf = readFileSync(path.join(dist, f));
    w.files.push(f);
    w.raw += buf.length;
    w.gzip += gzipSync(buf, { level: 9 }).length;
    w.brotli += brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return w;
}

/** Static-import closure of `keys`: every chunk the browser must fetch before running them. */
function closure(manifest: Manifest, keys: string[], seen = new Set<string>()): Set<string> {
  for (const key of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    closure(manifest, manifest[key]?.imports ?? [], seen);
  }
  return seen;
}

function assets(manifest: Manifest, keys: Iterable<string>): { js: string[]; css: string[] } {
  const js = new Set<string>();
  const css = new Set<string>();
  for (const k of keys) {
    const c = manifest[k];
    if (!c) continue;
    if (c.file.endsWith('.js')) js.add(c.file);
    if (c.file.endsWith('.css')) css.add(c.file);
    for (const s of c.css ?? []) css.add(s);
  }
  return { js: [...js], css: [...css] };
}

const fmt = (w: Weight) => `${(w.gzip / KB).toFixed(1)} kB gzip, ${(w.brotli / KB).toFixed(1)} kB brotli (${(w.raw / KB).toFixed(1)} kB raw, ${w.files.length} files)`;

export async function bundleBench(ctx: BenchContext): Promise<Section> {
  ctx.log('bundle: vite build (production, --manifest)');
  const dist = await buildFrontend();
  const manifest = JSON.parse(readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8')) as Manifest;
  const entryKey = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
  if (!entryKey) throw new Error('no entry in the Vite manifest');
  const firstKeys = closure(manifest, [entryKey]);
  const first = assets(manifest, firstKeys);

  const lazy = manifest[entryKey]?.dynamicImports ?? [];
  const meetingLazy = lazy.filter((k) => /meeting/i.test(k));
  const meetingRoots = meetingLazy.length ? meetingLazy : lazy;
  // The meeting page: its lazy route chunk, that chunk's static imports, and anything it lazy-loads in turn.
  const meetingKeys = closure(manifest, meetingRoots);
  for (const k of [...meetingKeys]) closure(manifest, manifest[k]?.dynamicImports ?? [], meetingKeys);
  for (const k of firstKeys) meetingKeys.delete(k);
  const meeting = assets(manifest, meetingKeys);

  const html = weigh(dist, ['index.html']);
  const firstJs = weigh(dist, first.js);
  const firstCss = weigh(dist, first.css);
  const meetJs = weigh(dist, meeting.js);
  const meetCss = weigh(dist, meeting.css);
  const allJs = weigh(dist, Object.values(manifest).map((c) => c.file).filter((f) => f.endsWith('.js')));
  const met = firstJs.gzip <= 100 * KB;
  const rows: Row[] = [
    { metric: 'first page (home): JS', value: fmt(firstJs), target: '≤ 100 kB gzip', met },
    { metric: 'first page (home): CSS', value: fmt(firstCss), compare: `index.html ${(html.gzip / KB).toFixed(1)} kB gzip` },
    { metric: 'meeting page: lazy JS on top', value: fmt(meetJs), compare: `chunks: ${meetingRoots.map((k) => manifest[k]?.file).join(', ') || 'none found'}` },
    { metric: 'meeting page: lazy CSS on top', value: fmt(meetCss) },
    {
      metric: 'meeting page total JS (first + lazy)',
      value: `${((firstJs.gzip + meetJs.gzip) / KB).toFixed(1)} kB gzip, ${((firstJs.brotli + meetJs.brotli) / KB).toFixed(1)} kB brotli`,
      compare: `all JS in the build ${(allJs.gzip / KB).toFixed(1)} kB gzip`,
    },
  ];
  return {
    id: 'bundle',
    title: 'Client weight: production build (vite build, gzip -9 / brotli q11 via node:zlib)',
    rows,
    notes: [
      'First page = index.html + the Vite entry chunk + its static imports (from .vite/manifest.json) and their CSS; meeting page adds the lazy route chunk matching /meeting/ and its static and lazy imports. kB = 1000 bytes. Source maps excluded.',
    ],
    data: { entry: entryKey, first: { js: firstJs, css: firstCss, html }, meeting: { roots: meetingRoots, js: meetJs, css: meetCss }, allJs },
  };
}
