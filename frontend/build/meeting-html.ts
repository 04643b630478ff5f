import type { Plugin } from 'vite';

/** The page the server answers a meeting's URL with (`/<meetingId>`), beside `index.html`. */
export const MEETING_HTML = 'meeting.html';

/**
 * Emits `meeting.html`: `index.html` plus `modulepreload` and stylesheet links for the meeting
 * route's lazy chunk (`entry`), its imports and its CSS. On a meeting's URL the browser then
 * fetches the lobby's code alongside the entry script instead of after it has run; the home page
 * keeps its `index.html` without them.
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
        ...scripts.map((file) => `<link rel="modulepreload" crossorigin href="${href(file)}">`),
        ...styles.map((file) => `<link rel="stylesheet" crossorigin href="${href(file)}">`),
      ];
      this.emitFile({ type: 'asset', fileName: MEETING_HTML, source: html.replace('</head>', `  ${links.join('\n    ')}\n  </head>`) });
    },
  };
}
