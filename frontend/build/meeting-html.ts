import type { Plugin } from 'vite';

/** The page the server answers a meeting's URL with (`/<meetingId>`), beside `index.html`. */
export const MEETING_HTML = 'meeting.html';

/**
 * What the meeting page shows until React renders the lobby (which replaces it): the product's
 * mark, as in the favicon. No words, so no language flashes by before the person's own.
 */
const SPLASH =
  '<main class="screen" aria-busy="true"><svg class="splash" aria-hidden="true" width="48" height="48" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#4f8cff"/><path d="M8 11h11v10H8zM19 14l5-3v10l-5-3z" fill="#fff"/></svg></main>';

/**
 * Emits `meeting.html`: `index.html` plus `modulepreload` and stylesheet links for the meeting
 * route's lazy chunk (`entry`), its imports and its CSS. On a meeting's URL the browser then
 * fetches the lobby's code alongside the entry script instead of after it has run, and paints the
 * splash mark before any script has run; the home page keeps its `index.html` without either.
 */
export function meetingHtml(entry: string): Plugin {
  return {
    name: 'meet:meeting-html',
    apply: 'build',
    // After vite:build-html has emitted index.html; before the compression plugin runs.
    enforce: 'post',
    generateBundle(_options, bundle) {
      const index = bundle['index.html'];
      if (index?.type !== 'asset') return;
      const route = Object.values(bundle).find((file) => file.type === 'chunk' && file.facadeModuleId?.endsWith(entry));
      if (route?.type !== 'chunk') return this.error(`meeting-html: no chunk for ${entry}`);
      const html = String(index.source);
      const href = (file: string) => `/${file}`;
      // The entry script and its static imports are in index.html already.
      const scripts = [route.fileName, ...route.imports].filter((file) => !html.includes(href(file)));
      const styles = [...(route.viteMetadata?.importedCss ?? [])].filter((file) => !html.includes(href(file)));
      const links = [
        // Low: the splash paints without them and the entry script is needed first anyway.
        ...scripts.map((file) => `<link rel="modulepreload" crossorigin fetchpriority="low" href="${href(file)}">`),
        ...styles.map((file) => `<link rel="stylesheet" crossorigin href="${href(file)}">`),
      ];
      const page = html.replace('</head>', `  ${links.join('\n    ')}\n  </head>`).replace('<div id="root"></div>', `<div id="root">${SPLASH}</div>`);
      if (!page.includes(SPLASH)) return this.error('meeting-html: no <div id="root"></div> in index.html');
      this.emitFile({ type: 'asset', fileName: MEETING_HTML, source: page });
    },
  };
}
