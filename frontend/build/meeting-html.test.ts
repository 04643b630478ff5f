import type { OutputAsset, OutputBundle, OutputChunk } from 'rollup';
import { describe, expect, it } from 'vitest';
import { meetingHtml } from './meeting-html';

const INDEX = `<!doctype html>
<html lang="en">
  <head>
    <script type="module" crossorigin src="/assets/index-a1.js"></script>
    <link rel="stylesheet" crossorigin href="/assets/index-b2.css">
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>`;

const asset = (fileName: string, source: string) => ({ type: 'asset', fileName, source }) as unknown as OutputAsset;
const chunk = (fileName: string, facadeModuleId: string | null, imports: string[], css: string[] = []) =>
  ({ type: 'chunk', fileName, facadeModuleId, imports, viteMetadata: { importedCss: new Set(css), importedAssets: new Set() } }) as unknown as OutputChunk;

/** Runs the plugin's generateBundle on `bundle`; returns what it emitted. */
function run(bundle: OutputBundle): Map<string, string> {
  const emitted = new Map<string, string>();
  const context = {
    emitFile: ({ fileName, source }: { fileName: string; source: string }) => void emitted.set(fileName, source),
    error: (message: string) => {
      throw new Error(message);
    },
  };
  const hook = meetingHtml('/src/app/routes/meeting-route.tsx').generateBundle as unknown as (this: typeof context, o: unknown, b: OutputBundle) => void;
  hook.call(context, {}, bundle);
  return emitted;
}

describe('meeting.html (vite plugin)', () => {
  it("when the app is built, then meeting.html is index.html plus the meeting route's chunk, its imports and CSS preloaded, and the splash in #root", () => {
    const emitted = run({
      'index.html': asset('index.html', INDEX),
      'assets/index-a1.js': chunk('assets/index-a1.js', '/x/src/main.tsx', []),
      'assets/meeting-route-c3.js': chunk('assets/meeting-route-c3.js', '/x/src/app/routes/meeting-route.tsx', ['assets/index-a1.js', 'assets/not-found-d4.js'], ['assets/meeting-route-e5.css']),
    });
    const html = emitted.get('meeting.html')!;
    expect(html).toContain('<link rel="modulepreload" crossorigin fetchpriority="low" href="/assets/meeting-route-c3.js">');
    expect(html).toContain('<link rel="modulepreload" crossorigin fetchpriority="low" href="/assets/not-found-d4.js">');
    expect(html).toContain('<link rel="stylesheet" crossorigin href="/assets/meeting-route-e5.css">');
    // The entry is loaded by its own script tag, once.
    expect(html.match(/index-a1\.js/g)).toHaveLength(1);
    expect(html.indexOf('meeting-route-c3.js')).toBeLessThan(html.indexOf('</head>'));
    expect(html).toMatch(/<div id="root"><main class="screen" aria-busy="true"><svg class="splash" aria-hidden="true"[^]*<\/svg><\/main><\/div>/);
  });

  it('when the meeting route is missing from the build, then the build fails with a clear message', () => {
    expect(() => run({ 'index.html': asset('index.html', INDEX) })).toThrow(/no chunk for \/src\/app\/routes\/meeting-route\.tsx/);
  });
});
