import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The dev server proxies the API, the WebSocket and the health check to a local Loopmap server
// (`pnpm dev` at the root starts one on 8787); `vite build` writes client/dist, which the
// server serves in production.
const SERVER = 'http://127.0.0.1:8787';

/**
 * zod builds fast parsers with `new Function` when it may, and finds out by trying as each object
 * schema is made. The server's Content-Security-Policy allows no eval, so the probe would be
 * refused and reported on every page load. zod reads its settings from this global when it
 * loads: the chunk that holds zod sets it first. (The interpreted parsers are plenty for the
 * small messages the browser checks.)
 */
const ZOD_WITHOUT_EVAL = 'globalThis.__zod_globalConfig ??= { jitless: true };';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: SERVER },
      '/healthz': { target: SERVER },
      '/fonts': { target: SERVER },
      '/ws': { target: SERVER, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // One bundle on purpose: the map page needs all of it (React Flow, Yjs, zod) before it can
    // paint, and a lazily loaded chunk would add a round trip to the first render.
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      output: {
        banner: (chunk) => (chunk.moduleIds.some((id) => id.includes('/zod/')) ? ZOD_WITHOUT_EVAL : ''),
      },
    },
  },
});
