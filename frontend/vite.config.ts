import { fileURLToPath } from 'node:url';
import { lingui } from '@lingui/vite-plugin';
import react from '@vitejs/plugin-react';
import { constants as zlib } from 'node:zlib';
import { defineConfig } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import tsconfigPaths from 'vite-tsconfig-paths';
import { meetingHtml } from './build/meeting-html';

const backendPort = process.env.BACKEND_PORT ?? '5000';
const httpTarget = `http://localhost:${backendPort}`;
const frontendDir = fileURLToPath(new URL('.', import.meta.url));
// The wire contract (`@contract/*`, declared in tsconfig.base.json) is the only code outside this
// package the SPA imports; the dev server may read it and nothing else of the repository.
const contractDir = fileURLToPath(new URL('../backend/src/contract', import.meta.url));

export default defineConfig(({ command }) => ({
  plugins: [
    react({ babel: { plugins: ['@lingui/babel-plugin-lingui-macro'] } }),
    // `.po` catalogues compile on import; a production build fails on an untranslated message.
    lingui({ failOnMissing: command === 'build' }),
    tsconfigPaths({ root: frontendDir }),
    // A meeting's URL gets the lobby's chunk preloaded (backend/src/spa.ts serves meeting.html).
    meetingHtml('/src/app/routes/meeting-route.tsx'),
    // Precompressed once at build time at the highest levels (too slow to do per request), served
    // by the backend with express-static-gzip when the browser accepts them.
    compression({
      algorithms: [
        defineAlgorithm('brotliCompress', { params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY } }),
        defineAlgorithm('gzip', { level: 9 }),
      ],
      include: /\.(js|css|html|svg|txt|json|webmanifest)$/,
      exclude: /\.map$/,
      threshold: 512,
      skipIfLargerOrEqual: true,
      logLevel: 'silent',
    }),
  ],
  server: {
    port: 5173,
    strictPort: true,
    fs: { allow: [frontendDir, contractDir] },
    proxy: {
      '/api': { target: httpTarget, changeOrigin: true },
      '/healthz': { target: httpTarget, changeOrigin: true },
      '/readyz': { target: httpTarget, changeOrigin: true },
      '/socket.io': { target: `ws://localhost:${backendPort}`, ws: true, changeOrigin: true },
    },
  },
  preview: {
    port: 4173,
    proxy: {
      '/api': { target: httpTarget, changeOrigin: true },
      '/healthz': { target: httpTarget, changeOrigin: true },
      '/readyz': { target: httpTarget, changeOrigin: true },
      '/socket.io': { target: `ws://localhost:${backendPort}`, ws: true, changeOrigin: true },
    },
  },
  build: {
    target: 'es2022',
    sourcemap: true,
  },
}));
