import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
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

/**
 * Writes .vite/chunk-modules.json next to Vite's manifest: the source modules (paths from the
 * repository root) each JavaScript chunk holds. test/bundleBudget.mjs reads both to check what
 * the map page loads before it is usable (docs/benchmarks.md).
 */
function chunkModules(): Plugin {
  return {
    name: 'loopmap-chunk-modules',
    apply: 'build',
    generateBundle(_options, bundle) {
      const root = new URL('..', import.meta.url).pathname;
      const chunks: Record<string, string[]> = {};
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        chunks[output.fileName] = output.moduleIds
          .filter((id) => output.modules[id] && output.modules[id].renderedLength > 0)
          .map((id) => (id.startsWith(root) ? id.slice(root.length) : id))
          .sort();
      }
      this.emitFile({
        type: 'asset',
        fileName: '.vite/chunk-modules.json',
        source: JSON.stringify(chunks, null, 1),
      });
    },
  };
}

/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside each text file of the build, which the
 * server sends to browsers that accept them (serveStatic's `precompressed`): on a weak connection
 * the map page's first load is a third of its size (docs/benchmarks.md, "What the map page
 * loads"), and compressing once at build time costs the server nothing per request.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'loopmap-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
          entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
        );
      for (const file of walk(outDir)) {
        if (!/\.(js|mjs|css|html|svg|json|wasm)$/.test(file)) continue;
        const bytes = readFileSync(file);
        if (bytes.length < 1024) continue;
        writeFileSync(`${file}.gz`, gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }));
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(bytes, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: bytes.length > 1_000_000 ? 9 : 11,
              [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
            },
          }),
        );
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), chunkModules(), precompress()],
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
    // The map page's own code (React Flow, Yjs, zod) is in the first load; other pages, the
    // layout engine, exports, versions and replay, history and sharing load when first used.
    // test/bundleBudget.mjs holds the first load to its budget, reading the manifest.
    manifest: true,
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      output: {
        // What the map page needs before its first render is in three files the HTML names (the
        // entry and two modulepreloads), not spread over dozens of small shared chunks fetched as
        // the modules that import them run (docs/benchmarks.md, "What the map page loads"):
        // `$initial` is every module the entry imports statically. The libraries are a chunk of
        // their own (they change less often than the app, so stay cached across deploys).
        codeSplitting: {
          groups: [
            { name: 'vendor', tags: ['$initial'], test: /[\\/]node_modules[\\/]/, priority: 2 },
            {
              name: 'app',
              tags: ['$initial'],
              test: (id) => !/[\\/]client[\\/](index\.html|src[\\/]main\.tsx)$/.test(id),
              priority: 1,
            },
          ],
        },
        banner: (chunk) => (chunk.moduleIds.some((id) => id.includes('/zod/')) ? ZOD_WITHOUT_EVAL : ''),
      },
    },
  },
});
