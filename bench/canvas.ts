/**
 * Canvas benchmark: the real client in headless Chromium against the real server, on a map of
 * 1,000 cards and 1,500 links, measured against bare React Flow drawing the same cards and links
 * in the same run (bench/bareFlow: default nodes of the cards' size, default bezier edges, only
 * visible elements rendered), the two alternating round by round. At the Loopmap page's own views
 * (its opening view, and the whole map after "Fit the whole map"), both pages measure
 *   - first render: navigation until that view's cards are painted (for Loopmap also the empty
 *     map, the page's own start-up cost);
 *   - pan: frames per second while the empty canvas is dragged (CANVAS_MOVES mouse moves, one a
 *     frame), and the idle frame rate;
 *   - drag: the same while a selected card is dragged, and while an unselected one is (in Loopmap
 *     its first frames open the inspector).
 * Ratios are Loopmap's over bare React Flow's.
 *
 *   pnpm build && pnpm bench:canvas    (Chromium: CHROMIUM_PATH or /usr/bin/chromium)
 *
 *   CANVAS_TRIALS=n                 rounds (default 3)
 *   CANVAS_CLIENTS=a=dir,b=dir      Loopmap builds to compare, each with its own server (default client/dist)
 *   CANVAS_NO_MINIMAP=1             also each build with its minimap hidden
 *   CANVAS_TRACE=dir                then Chromium traces of a pan and a drag on each page (bench/traceSummary.ts)
 *
 * Writes bench/results/canvas.json. Targets (issue 10): first render within 1.25× of bare React
 * Flow, drag at 55+ fps, pan at 50+ fps.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { addNode, connect, createOrigin, type NodeId } from '@loopmap/shared';
import { silentLogger, startServer } from '@loopmap/server';
import type { BareGraph } from './bareFlow/graph.ts';

/**
 * The bench waits on conditions written as strings, which Playwright compiles in the page: the
 * server's Content-Security-Policy (no eval) would refuse them. Only the harness's own scripts
 * are affected; the app runs as it does for people.
 */
const BYPASS_CSP = true;

const repoRoot = resolve(import.meta.dirname, '..');
const NODES = Number(process.env.CANVAS_NODES ?? 1000);
const LINKS = Number(process.env.CANVAS_LINKS ?? 1500);
const TRIALS = Number(process.env.CANVAS_TRIALS ?? 3);
/** Clients to measure, `name=dir,name=dir` (each served by its own server); default client/dist. */
const CLIENTS = parseClients(process.env.CANVAS_CLIENTS ?? `loopmap=${process.env.CANVAS_CLIENT_DIR ?? 'client/dist'}`);
/**
 * Also measure each client with its minimap hidden (the stored preference, as the Minimap button
 * sets it), on the same server: what the minimap costs.
 */
const NO_MINIMAP = process.env.CANVAS_NO_MINIMAP === '1';
/** Where to write Chromium traces of a pan and a drag on each page, after the rounds (unset: none). */
const TRACE_DIR = process.env.CANVAS_TRACE;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

async function api(base: string, cookie: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(base + path, {
    method,
    // The server's own Origin, as the browser client sends it with its session cookie.
    headers: { 'content-type': 'application/json', cookie, origin: new URL(base).origin },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

/**
 * Writes a map of `nodes` cards on a grid and `links` links through a real provider; returns the
 * same cards and links for the bare React Flow baseline.
 */
async function populate(base: string, cookie: string, mapId: string, nodes: number, links: number): Promise<BareGraph> {
  const doc = new Y.Doc();
  class CookieSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  }
  const provider = new WebsocketProvider(`${base.replace('http', 'ws')}/ws`, mapId, doc, {
    WebSocketPolyfill: CookieSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await new Promise<void>((r) => provider.once('sync', () => r()));
  const origin = createOrigin('import');
  const kinds = ['impact', 'outcome', 'output', 'activity', 'assumption', 'indicator'] as const;
  const ids: NodeId[] = [];
  const graph: BareGraph = { cards: [], links: [] };
  doc.transact(() => {
    for (let i = 0; i < nodes; i++) {
      const label = `Card ${i}: what the group wrote here`;
      const x = (i % 40) * 280;
      const y = Math.floor(i / 40) * 160;
      const id = addNode(doc, { kind: kinds[i % kinds.length]!, label, x, y }, origin);
      ids.push(id);
      graph.cards.push({ id, label, x, y });
    }
    for (let made = 0, k = 0; made < links && k < links * 10; k++) {
      const a = k % nodes;
      const b = (k * 7 + 1 + Math.floor(k / nodes)) % nodes;
      if (
        a !== b &&
        connect(doc, { source: ids[a]!, target: ids[b]!, label: made % 5 === 0 ? 'because' : '' }, origin).ok
      ) {
        graph.links.push({ id: `l${made}`, source: ids[a]!, target: ids[b]! });
        made++;
      }
    }
  }, origin);
  // Wait until the server has stored it: a fresh joiner then sees every card.
  const check = new Y.Doc();
  const checker = new WebsocketProvider(`${base.replace('http', 'ws')}/ws`, mapId, check, {
    WebSocketPolyfill: CookieSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const deadline = Date.now() + 30_000;
  while (check.getMap('nodes').size < nodes && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  checker.destroy();
  provider.destroy();
  return graph;
}

function parseClients(spec: string): { name: string; dir: string }[] {
  return spec.split(',').map((part) => {
    const [name, dir] = part.includes('=') ? part.split('=') : ['loopmap', part];
    return { name: name!, dir: resolve(repoRoot, dir!) };
  });
}

/** A view of the canvas: React Flow's transform and the pane's size. */
interface View {
  x: number;
  y: number;
  zoom: number;
  width: number;
  height: number;
  /** Cards in the DOM at this view (only visible elements are rendered). */
  cards: number;
}

const DRAWN = `document.querySelectorAll('.react-flow__node').length`;
const READ_VIEW = `(() => {
  const m = /translate\\(([-\\d.e]+)px, ?([-\\d.e]+)px\\) scale\\(([-\\d.e]+)\\)/.exec(
    document.querySelector('.react-flow__viewport').style.transform);
  const pane = document.querySelector('.react-flow').getBoundingClientRect();
  return { x: Number(m[1]), y: Number(m[2]), zoom: Number(m[3]), width: Math.round(pane.width),
    height: Math.round(pane.height), cards: ${DRAWN} };
})()`;
/** Resolves on the frame after the next one: what the DOM held when called has been painted. */
const PAINTED = `new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`;

/** Waits until `condition` holds (checked every frame), then until it is painted. */
async function untilPainted(page: Page, condition: string): Promise<void> {
  await page.waitForFunction(condition, undefined, { polling: 'raf', timeout: 30_000 });
  await page.evaluate(PAINTED);
}

/**
 * ms from navigation until the map's opening view is painted (the doc has all `expected` nodes and
 * the cards of that view, `view.cards`, or any card before the view is known, are in the DOM),
 * and until the whole map is drawn (90% of the cards in the DOM, after "Fit the whole map" where
 * the opening view did not already show it: the figure comparable with runs before issue 10).
 */
async function firstRender(
  page: Page,
  url: string,
  expected: number,
  openingCards = 1,
): Promise<{ openingMs: number; wholeMs: number }> {
  const started = Date.now();
  await page.goto(url);
  await untilPainted(
    page,
    `(() => {
      const lm = window.__loopmap;
      if (!lm || lm.doc.getMap('nodes').size < ${expected}) return false;
      return document.querySelector('.react-flow__pane') !== null && (${expected} === 0 || ${DRAWN} >= ${Math.ceil(openingCards * 0.9)});
    })()`,
  );
  const openingMs = Date.now() - started;
  const whole = Math.floor(expected * 0.9);
  if ((await page.evaluate<number>(DRAWN)) < whole) {
    await page.getByRole('button', { name: 'Fit the whole map' }).click();
  }
  await untilPainted(page, `${DRAWN} >= ${whole}`);
  return { openingMs, wholeMs: Date.now() - started };
}

/** ms from navigation until the bare page at `view` has painted 90% of that view's cards. */
async function bareRender(page: Page, base: string, view: View): Promise<number> {
  const started = Date.now();
  const q = new URLSearchParams({
    x: String(view.x),
    y: String(view.y),
    zoom: String(view.zoom),
    w: String(view.width),
    h: String(view.height),
  });
  await page.goto(`${base}/index.html?${q}`);
  await untilPainted(page, `${DRAWN} >= ${Math.ceil(view.cards * 0.9)}`);
  return Date.now() - started;
}

// Scripts run in the page are strings: tsx would wrap named functions in a helper the page lacks.
const START_FRAMES = `(() => {
  window.__frames = [];
  const loop = (t) => { window.__frames.push(t); window.__raf = requestAnimationFrame(loop); };
  window.__raf = requestAnimationFrame(loop);
})()`;
const STOP_FRAMES = `(() => {
  cancelAnimationFrame(window.__raf);
  const f = window.__frames;
  return (f.length - 1) / ((f[f.length - 1] - f[0]) / 1000);
})()`;
const FIND_DRAGGABLE = `(() => {
  for (const el of document.querySelectorAll('.react-flow__node')) {
    const r = el.getBoundingClientRect();
    const cx = r.x + r.width / 2;
    const cy = r.y + r.height / 2;
    if (cx < 300 || cy < 150 || cx > 1000 || cy > 650) continue;
    const hit = document.elementFromPoint(cx, cy);
    if (hit && el.contains(hit)) return { x: cx, y: cy };
  }
  return null;
})()`;
/** A point of empty canvas (the pane itself under the pointer) near the middle of the view. */
const FIND_PANE = `(() => {
  const pane = document.querySelector('.react-flow__pane').getBoundingClientRect();
  const cx = pane.x + pane.width / 2;
  const cy = pane.y + pane.height / 2;
  for (let r = 0; r < Math.min(pane.width, pane.height) / 2; r += 2) {
    for (let a = 0; a < 16; a++) {
      const x = cx + r * Math.cos((a * Math.PI) / 8);
      const y = cy + r * Math.sin((a * Math.PI) / 8);
      const hit = document.elementFromPoint(x, y);
      if (hit && hit.classList.contains('react-flow__pane')) return { x, y };
    }
  }
  return null;
})()`;

/** Frames per second of requestAnimationFrame over `ms`, while `during` runs (or idle). */
async function measureFps(page: Page, ms: number, during?: () => Promise<void>): Promise<number> {
  await page.evaluate(START_FRAMES);
  if (during) await during();
  else await page.waitForTimeout(ms);
  return (await page.evaluate(STOP_FRAMES)) as number;
}

/** Mouse moves in a drag or a pan: one a frame (the next waits for the page's next frame). */
const MOVES = Number(process.env.CANVAS_MOVES ?? 90);
const NEXT_FRAME = `new Promise((r) => requestAnimationFrame(() => r(true)))`;

/** Presses at `from`, moves the mouse MOVES times (one move a frame), then releases. */
async function mouseAbout(page: Page, from: { x: number; y: number }, wave: (i: number) => { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= MOVES; i++) {
    const d = wave(i);
    await page.mouse.move(from.x + d.x, from.y + d.y);
    await page.evaluate(NEXT_FRAME);
  }
  await page.mouse.up();
}

type Point = { x: number; y: number };

async function findCard(page: Page): Promise<Point> {
  const box = (await page.evaluate(FIND_DRAGGABLE)) as Point | null;
  if (!box) throw new Error('no card to drag in view');
  return box;
}

/** Drags the card at `box` about, MOVES moves. */
function dragFps(page: Page, box: Point): Promise<number> {
  return measureFps(page, 0, () => mouseAbout(page, box, (i) => ({ x: (i % 200) * 1.2, y: (i % 100) * 0.8 })));
}

/**
 * Selects the card at `box` first (in Loopmap that opens the inspector beside the canvas, which
 * narrows it), waits for the page to settle, then drags it: the frame rate of the drag itself.
 */
async function selectedDragFps(page: Page, box: Point): Promise<number> {
  await page.mouse.click(box.x, box.y);
  await page.waitForTimeout(800);
  return dragFps(page, await findCard(page));
}

/** A triangle wave: the view pans out and back, so the map stays in view. */
const tri = (i: number, period: number, amplitude: number): number => {
  const p = (i % period) / period;
  return amplitude * (p < 0.5 ? p * 2 : 2 - p * 2);
};

async function findPane(page: Page): Promise<Point> {
  const at = (await page.evaluate(FIND_PANE)) as Point | null;
  if (!at) throw new Error('no empty canvas to pan in view');
  return at;
}

function panFps(page: Page, at: Point): Promise<number> {
  return measureFps(page, 0, () => mouseAbout(page, at, (i) => ({ x: -tri(i, 120, 240), y: -tri(i, 80, 120) })));
}

interface Motion {
  idleFps: number;
  panFps: number;
  /** Dragging a card that was not selected: the drag's first frames open the inspector (Loopmap). */
  firstDragFps: number;
  /** Dragging a card selected beforehand. */
  dragFps: number;
}

/** Idle, pan and drag frame rates at the current view (pan first: a drag selects, which opens panels). */
async function motion(page: Page): Promise<Motion> {
  await page.waitForTimeout(500);
  const idleFps = round(await measureFps(page, 2000));
  const pan = round(await panFps(page, await findPane(page)));
  await page.waitForTimeout(300);
  const firstDrag = round(await dragFps(page, await findCard(page)));
  // Deselect (Escape in Loopmap, a click on the pane in both), so the next drag selects afresh.
  await page.keyboard.press('Escape');
  const away = await findPane(page);
  await page.mouse.click(away.x, away.y);
  await page.waitForTimeout(500);
  const drag = round(await selectedDragFps(page, await findCard(page)));
  return { idleFps, panFps: pan, firstDragFps: firstDrag, dragFps: drag };
}

const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'toplevel',
  'blink.user_timing',
  'v8.execute',
  'v8',
  'disabled-by-default-v8.cpu_profiler',
  'disabled-by-default-v8.gc',
  'cc',
  'gpu',
  'viz',
];

/** Records a Chromium trace of `run` into `path`. */
async function traced(browser: Browser, page: Page, path: string, run: () => Promise<unknown>): Promise<void> {
  await browser.startTracing(page, { path, categories: TRACE_CATEGORIES });
  try {
    await run();
  } finally {
    await browser.stopTracing();
  }
}

/** Serves the built bare React Flow page and its graph.json. */
async function serveBareFlow(graph: BareGraph): Promise<{ url: string; server: Server; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'loopmap-bare-flow-'));
  const { build } = await import('vite');
  const react = (await import('@vitejs/plugin-react')).default;
  await build({
    root: join(repoRoot, 'bench/bareFlow'),
    configFile: false,
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: {
      outDir: dir,
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: true,
      rolldownOptions: { checks: { pluginTimings: false } },
    },
  });
  // Its source maps beside the traces, for traceSummary's --maps.
  if (TRACE_DIR) cpSync(join(dir, 'assets'), join(TRACE_DIR, 'bare-assets'), { recursive: true });
  writeFileSync(join(dir, 'graph.json'), JSON.stringify(graph));
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.json': 'application/json',
  };
  const server = createServer((req, res) => {
    const path = join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!path.startsWith(dir) || !existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
    res.end(readFileSync(path));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  return { url: `http://127.0.0.1:${address.port}`, server, dir };
}

/** One Loopmap client with its own server and data: the big map and an empty one. */
interface LoopmapSide {
  name: string;
  /** Runs in the page before its scripts (a stored preference, say). */
  init?: string;
  url: string;
  cookie: string;
  empty: string;
  big: string;
  close: () => Promise<void>;
}

async function startLoopmap(name: string, clientDir: string): Promise<LoopmapSide & { graph: BareGraph }> {
  if (!existsSync(join(clientDir, 'index.html'))) throw new Error(`no client at ${clientDir}: pnpm build`);
  const dataDir = mkdtempSync(join(tmpdir(), 'loopmap-canvas-bench-'));
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, clientDir, log: silentLogger });
  const signup = await fetch(`${server.url}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'canvas@example.org', password: 'correct horse battery staple', name: 'Canvas' }),
  });
  if (signup.status !== 201) throw new Error(`sign-up failed: ${signup.status} ${await signup.text()}`);
  const setCookie = signup.headers.getSetCookie().find((c) => c.startsWith('loopmap_session='))!;
  const cookie = setCookie.split(';')[0]!;
  const createMap = async (title: string): Promise<string> =>
    ((await api(server.url, cookie, 'POST', '/api/maps', { title })) as { map: { id: string } }).map.id;
  const empty = await createMap('Empty');
  const big = await createMap(`Big ${NODES}`);
  console.log(`${name}: populating a map of ${NODES} cards and ${LINKS} links…`);
  const graph = await populate(server.url, cookie, big, NODES, LINKS);
  return {
    name,
    url: server.url,
    cookie,
    empty,
    big,
    graph,
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function loopmapPage(browser: Browser, side: LoopmapSide): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 }, bypassCSP: BYPASS_CSP });
  await context.addCookies([{ name: 'loopmap_session', value: side.cookie.split('=')[1]!, url: side.url }]);
  if (side.init) await context.addInitScript(side.init);
  return context.newPage();
}

async function barePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 }, bypassCSP: BYPASS_CSP });
  return context.newPage();
}

interface Trial {
  side: string;
  round: number;
  /** Navigation until the opening view's cards are painted. */
  openingMs: number;
  /** Navigation until 90% of the cards are painted at the whole-map view. */
  wholeMs: number;
  emptyMs: number | null;
  idleFps: number;
  panFps: number;
  firstDragFps: number;
  dragFps: number;
  load: number;
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
  const sides: (LoopmapSide & { graph: BareGraph })[] = [];
  for (const client of CLIENTS) {
    const side = await startLoopmap(client.name, client.dir);
    sides.push(side);
    if (NO_MINIMAP) {
      sides.push({
        ...side,
        name: `${client.name}, no minimap`,
        init: `localStorage.setItem('loopmap:minimap', 'false')`,
        close: async () => {},
      });
    }
  }
  const bare = await serveBareFlow(sides[0]!.graph);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    // The views both pages are measured at: the Loopmap page's opening view and its whole-map fit.
    const warm = await loopmapPage(browser, sides[0]!);
    await firstRender(warm, `${sides[0]!.url}/maps/${sides[0]!.big}`, NODES);
    await warm.goto(`${sides[0]!.url}/maps/${sides[0]!.big}`);
    await untilPainted(
      warm,
      `window.__loopmap && window.__loopmap.doc.getMap('nodes').size >= ${NODES} && ${DRAWN} > 0`,
    );
    await warm.waitForTimeout(1000);
    const opening = (await warm.evaluate(READ_VIEW)) as View;
    await warm.getByRole('button', { name: 'Fit the whole map' }).click();
    await warm.waitForTimeout(1000);
    const whole = (await warm.evaluate(READ_VIEW)) as View;
    await warm.context().close();
    console.log(
      `views: opening zoom ${round(opening.zoom, 3)} (${opening.cards} cards), whole map zoom ${round(whole.zoom, 3)} (${whole.cards} cards), pane ${whole.width}×${whole.height}`,
    );

    const trials: Trial[] = [];
    const log = (t: Trial): void => {
      trials.push(t);
      console.log(
        `round ${t.round} ${t.side}: opening view ${t.openingMs} ms, whole map ${t.wholeMs} ms${t.emptyMs === null ? '' : ` (empty map ${t.emptyMs} ms)`}, pan ${t.panFps} fps, drag ${t.dragFps} fps (unselected card ${t.firstDragFps}; idle ${t.idleFps}), load ${round(t.load)}`,
      );
    };
    for (let round = 1; round <= TRIALS; round++) {
      {
        const page = await barePage(browser);
        const openingMs = await bareRender(page, bare.url, opening);
        const wholeMs = await bareRender(page, bare.url, whole);
        log({ side: 'bare', round, openingMs, wholeMs, emptyMs: null, ...(await motion(page)), load: loadavg()[0]! });
        await page.context().close();
      }
      for (const side of sides) {
        const page = await loopmapPage(browser, side);
        const emptyMs = (await firstRender(page, `${side.url}/maps/${side.empty}`, 0)).wholeMs;
        const { openingMs, wholeMs } = await firstRender(page, `${side.url}/maps/${side.big}`, NODES, opening.cards);
        log({ side: side.name, round, openingMs, wholeMs, emptyMs, ...(await motion(page)), load: loadavg()[0]! });
        await page.context().close();
      }
    }

    if (TRACE_DIR) {
      mkdirSync(TRACE_DIR, { recursive: true });
      const trace = async (page: Page, name: string): Promise<void> => {
        await page.waitForTimeout(500);
        const pane = await findPane(page);
        await traced(browser, page, join(TRACE_DIR, `${name}-pan.json`), () => panFps(page, pane));
        await page.waitForTimeout(300);
        const card = await findCard(page);
        await page.mouse.click(card.x, card.y);
        await page.waitForTimeout(800);
        const selected = await findCard(page);
        await traced(browser, page, join(TRACE_DIR, `${name}-drag.json`), () => dragFps(page, selected));
        await page.context().close();
      };
      const page = await barePage(browser);
      await bareRender(page, bare.url, whole);
      await trace(page, 'bare');
      for (const side of sides) {
        const lm = await loopmapPage(browser, side);
        await firstRender(lm, `${side.url}/maps/${side.big}`, NODES, opening.cards);
        await trace(lm, side.name.replace(/\W+/g, '-'));
      }
      console.log(`traces in ${TRACE_DIR} (summarise: node --import tsx bench/traceSummary.ts <file>)`);
    }

    const summary = (name: string) => {
      const ts = trials.filter((t) => t.side === name);
      const pick = (f: (t: Trial) => number): number => median(ts.map(f));
      return {
        openingMs: pick((t) => t.openingMs),
        wholeMs: pick((t) => t.wholeMs),
        emptyMs: name === 'bare' ? null : pick((t) => t.emptyMs ?? 0),
        idleFps: pick((t) => t.idleFps),
        panFps: pick((t) => t.panFps),
        dragFps: pick((t) => t.dragFps),
        firstDragFps: pick((t) => t.firstDragFps),
      };
    };
    const base = summary('bare');
    const medians: Record<string, ReturnType<typeof summary>> = { bare: base };
    console.log('');
    console.log(
      `medians of ${TRIALS} rounds; ratios: Loopmap's time over bare React Flow's, Loopmap's fps over bare React Flow's`,
    );
    console.log(
      `bare React Flow: opening view ${base.openingMs} ms, whole map ${base.wholeMs} ms, pan ${base.panFps} fps, drag ${base.dragFps} fps (unselected card ${base.firstDragFps}), idle ${base.idleFps} fps`,
    );
    const ratios: Record<string, Record<string, number>> = {};
    for (const side of sides) {
      const m = summary(side.name);
      medians[side.name] = m;
      const r = {
        openingRender: round(m.openingMs / base.openingMs, 2),
        wholeRender: round(m.wholeMs / base.wholeMs, 2),
        panFps: round(m.panFps / base.panFps, 2),
        dragFps: round(m.dragFps / base.dragFps, 2),
        firstDragFps: round(m.firstDragFps / base.firstDragFps, 2),
      };
      ratios[side.name] = r;
      console.log(
        `${side.name}: opening view ${m.openingMs} ms (${r.openingRender}× bare; target 1.25×: ${r.openingRender <= 1.25 ? 'met' : 'MISSED'}), whole map ${m.wholeMs} ms (${r.wholeRender}×), empty map ${m.emptyMs} ms`,
      );
      console.log(
        `${side.name}: pan ${m.panFps} fps (${r.panFps} of bare; target 50+: ${m.panFps >= 50 ? 'met' : 'MISSED'}), drag ${m.dragFps} fps (${r.dragFps} of bare; target 55+: ${m.dragFps >= 55 ? 'met' : 'MISSED'}), unselected card ${m.firstDragFps} fps (${r.firstDragFps} of bare), idle ${m.idleFps} fps`,
      );
    }
    const result = {
      date: new Date().toISOString(),
      command: 'pnpm bench:canvas',
      machine: {
        nproc: availableParallelism(),
        cpuModel: cpus()[0]?.model ?? 'unknown',
        node: process.version,
        chromium: browser.version(),
        loadAverage: { min: Math.min(...trials.map((t) => t.load)), max: Math.max(...trials.map((t) => t.load)) },
      },
      params: { nodes: NODES, links: LINKS, rounds: TRIALS, viewport: '1400x860', clients: CLIENTS },
      views: { opening, whole },
      trials,
      median: medians,
      ratios,
    };
    mkdirSync(join(repoRoot, 'bench/results'), { recursive: true });
    writeFileSync(join(repoRoot, 'bench/results/canvas.json'), JSON.stringify(result, null, 2));
  } finally {
    await browser.close();
    bare.server.close();
    rmSync(bare.dir, { recursive: true, force: true });
    for (const side of sides) await side.close();
  }
}

// Exit explicitly: a provider timer or a socket left by Chromium must not keep the run alive.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
