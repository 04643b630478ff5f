import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const backendPort = process.env.BACKEND_PORT ?? '5000';
const httpTarget = `http://localhost:${backendPort}`;
const sharedDir = fileURLToPath(new URL('../backend/src/shared', import.meta.url));
const protocolFile = fileURLToPath(new URL('../backend/src/protocol.ts', import.meta.url));

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      '@shared': sharedDir,
      // Type-only in practice (imported with `import type`), aliased so tooling resolves it too.
      '@protocol': protocolFile,
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    // The shared runtime module lives in backend/, outside this package's root.
    fs: { allow: ['..'] },
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
});
