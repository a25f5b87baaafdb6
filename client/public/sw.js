/*
 * Loopmap's service worker: keeps the app itself (index.html and its fingerprinted assets), so
 * a map can be reopened, or the page reloaded, while the server cannot be reached. The maps
 * themselves live in IndexedDB (y-indexeddb) and sync when the server is back. API calls and
 * the WebSocket never go through this cache.
 */
const CACHE = 'loopmap-app-v1';
const ASSET_IN_HTML = /(?:src|href)="(\/assets\/[^"]+)"/g;

/**
 * The views split out of the first load (docs/benchmarks.md) are kept too, so a panel never
 * opened online still opens offline; not the large optional parts that were never kept (the
 * layout engine, the password strength lists, the in-browser export renderer).
 */
const NOT_KEPT = /elkjs|elk\.bundled|@zxcvbn-ts|passwordStrength|password-strength|harfbuzzjs|renderInBrowser/;

/** The JS and CSS files of the lazily loaded views, from Vite's manifest. */
async function lazyAssets() {
  try {
    const response = await fetch('/.vite/manifest.json', { cache: 'no-store' });
    if (!response.ok) return [];
    const manifest = await response.json();
    const files = new Set();
    for (const [key, chunk] of Object.entries(manifest)) {
      if (NOT_KEPT.test(key) || NOT_KEPT.test(chunk.file)) continue;
      if (chunk.file.endsWith('.js') || chunk.file.endsWith('.css')) files.add(`/${chunk.file}`);
      for (const css of chunk.css ?? []) files.add(`/${css}`);
    }
    return [...files];
  } catch {
    return [];
  }
}

/** Fetches the current index.html and the assets it names, and keeps them. */
async function keepApp() {
  const response = await fetch('/', { cache: 'no-store' });
  if (!response.ok) return;
  const html = await response.text();
  const cache = await caches.open(CACHE);
  const assets = new Set([...html.matchAll(ASSET_IN_HTML)].map((m) => m[1]));
  await cache.addAll([...assets]);
  await cache.put('/', new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } }));
  // Then the split-out views, each on its own: one missing file must not undo the rest.
  for (const file of await lazyAssets()) {
    if (assets.has(file) || (await cache.match(file))) continue;
    await cache.add(file).catch(() => {});
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(keepApp().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // Network first, so a new version is used as soon as it is deployed; the kept copy offline.
    event.respondWith(
      (async () => {
        try {
          const response = await fetch(request);
          if (response.ok && (response.headers.get('content-type') ?? '').includes('text/html')) {
            event.waitUntil(keepApp().catch(() => {}));
          }
          return response;
        } catch {
          return (await caches.match('/')) ?? Response.error();
        }
      })(),
    );
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    // Fingerprinted names: a kept copy is always the right one.
    event.respondWith(
      (async () => {
        const kept = await caches.match(request);
        if (kept) return kept;
        const response = await fetch(request);
        if (response.ok) {
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
        }
        return response;
      })(),
    );
  }
});
